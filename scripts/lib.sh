# Shared by the scripts: paths, logging, and idempotent installs of what the
# build and tests need (see ../shared/TOOLCHAIN.md for why each is pinned).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SLC_CACHE="${SLC_CACHE:-$HOME/.cache/smart-link-clicks}"
SLC_TOOLS="${SLC_TOOLS:-$SLC_CACHE/tools}"
# Outside the clone, so repeated runs reuse compiled dependencies.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$SLC_CACHE/target}"
export PATH="$SLC_TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
ESBUILD_VERSION=0.28.2

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_build_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    log "installing trunk $TRUNK_VERSION (about 15 minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  local wb
  wb="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb" ]; then
    log "installing wasm-bindgen-cli $wb (about 6 minutes, once)"
    # Not --locked: its lock file names crates this registry lacks.
    cargo install wasm-bindgen-cli --version "$wb"
  fi
  if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "$BINARYEN_VERSION" ]; then
    log "installing wasm-opt (binaryen@$BINARYEN_VERSION from npm; Debian's is too old)"
    mkdir -p "$SLC_TOOLS"
    npm install --prefix "$SLC_TOOLS" --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
  if [ "$(esbuild --version 2>/dev/null)" != "$ESBUILD_VERSION" ]; then
    log "installing esbuild $ESBUILD_VERSION (minifies the release JavaScript)"
    mkdir -p "$SLC_TOOLS"
    npm install --prefix "$SLC_TOOLS" --no-audit --no-fund "esbuild@$ESBUILD_VERSION" >/dev/null
  fi
  claim_target_dir
}

ensure_test_tools() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing Chromium and ChromeDriver from Debian"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ] || [ ! -d "$ROOT/tests/e2e/node_modules/axe-core" ]; then
    log "installing the e2e packages (playwright-core, axe-core)"
    npm ci --prefix "$ROOT/tests/e2e" --no-audit --no-fund >/dev/null
  fi
}

# The workspace's own artefacts are named by paths inside the workspace, so
# two checkouts sharing one target dir take each other's builds for fresh
# (a clone's newer artefacts look up to date to an older working tree).
# When the last build here came from another checkout, this one's crates are
# cleaned (dependencies stay), so they are built from this checkout's code.
claim_target_dir() {
  local marker="$CARGO_TARGET_DIR/.slc-checkout"
  if [ "$(cat "$marker" 2>/dev/null)" != "$ROOT" ]; then
    if [ -e "$CARGO_TARGET_DIR/CACHEDIR.TAG" ]; then
      log "the target dir was last built from another checkout: rebuilding this checkout's crates"
      for flags in "" "--release" "--target wasm32-unknown-unknown" "--target wasm32-unknown-unknown --release"; do
        # shellcheck disable=SC2086
        (cd "$ROOT" && cargo clean -q -p smart-link-clicks -p smart-link-proxy $flags) || true
      done
    fi
    mkdir -p "$CARGO_TARGET_DIR"
    printf '%s' "$ROOT" >"$marker"
  fi
}

# Builds the release dist/ with trunk (stable file names, wasm-opt -Oz).
build_dist() {
  log "building dist/ (release)"
  (cd "$ROOT" && trunk build --release --offline)
}

# Starts the mock proxy on $1 (host:port, port 0 = any) and sets PROXY_URL and PROXY_PID.
start_mock_proxy() {
  local listen="$1"
  shift
  local log_file="$SLC_CACHE/proxy.log"
  mkdir -p "$SLC_CACHE"
  "$CARGO_TARGET_DIR/debug/smart-link-proxy" --mock --listen "$listen" "$@" >"$SLC_CACHE/proxy.out" 2>"$log_file" &
  PROXY_PID=$!
  for _ in $(seq 1 100); do
    if grep -q "listening on" "$SLC_CACHE/proxy.out" 2>/dev/null; then
      PROXY_URL="$(grep -o 'http://[^ ]*' "$SLC_CACHE/proxy.out" | head -1)"
      return 0
    fi
    if ! kill -0 "$PROXY_PID" 2>/dev/null; then
      cat "$log_file" >&2
      return 1
    fi
    sleep 0.1
  done
  log "the mock proxy did not start"
  return 1
}

# The npm package from dist/ (scripts/pack.mjs); sets PACKAGE_TGZ.
build_package() {
  log "packing the npm package from dist/"
  PACKAGE_TGZ="$(cd "$ROOT" && node scripts/pack.mjs | tail -1)"
}

# Builds the React and Vue apps of tests/apps from $PACKAGE_TGZ: their own
# packages from their lock files (once; npm's cache after), the tarball
# without saving it (its integrity changes with every build), then
# `npm run build` (tsc or vue-tsc, then vite build).
build_apps() {
  local app
  for app in react vue; do
    log "building the $app app from $(basename "$PACKAGE_TGZ")"
    local dir="$ROOT/tests/apps/$app"
    # Installed again whenever the lock file changed since (or never was).
    local lock stamp="$dir/node_modules/.slc-lock"
    lock="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$lock" ]; then
      npm ci --prefix "$dir" --prefer-offline --no-audit --no-fund >/dev/null
      printf '%s' "$lock" >"$stamp"
    fi
    # This build's package, never one left from an earlier run.
    rm -rf "$dir/node_modules/smart-link-clicks" "$dir/dist"
    (cd "$dir" && npm install --no-save --prefer-offline --no-audit --no-fund "$PACKAGE_TGZ" >/dev/null && npm run build --silent)
  done
}
