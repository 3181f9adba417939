#!/usr/bin/env bash
# The test command: installs what is missing and runs every layer:
# formatting and clippy (native and wasm32), native unit/integration/property
# tests, wasm tests in headless Chromium, the release build with its size
# budget, the npm package with the React and Vue apps built from it, and
# the Playwright e2e suite.
source "$(dirname "$0")/lib.sh"

ensure_build_tools
ensure_test_tools
cd "$ROOT"

log "0/5 cargo fmt --check, clippy (native and wasm32, warnings are errors)"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p smart-link-clicks --all-targets --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p smart-link-clicks --lib --features bench --target wasm32-unknown-unknown -- -D warnings

log "1/5 native tests (widget logic, proxy, mock properties)"
cargo test --workspace

log "2/5 wasm tests in headless Chromium"
start_mock_proxy "127.0.0.1:0" --allow-origin '*'
trap 'kill $PROXY_PID 2>/dev/null || true' EXIT
SLC_TEST_PROXY="$PROXY_URL" CHROMEDRIVER="$(command -v chromedriver)" WASM_BINDGEN_TEST_TIMEOUT=60 \
  cargo test -p smart-link-clicks --target wasm32-unknown-unknown
kill "$PROXY_PID" 2>/dev/null || true

log "3/5 release build and its size budget (231 KB brotli, bench/results.md)"
build_dist
node tests/e2e/support/size-budget.mjs dist

log "4/5 the npm package, and the React and Vue apps built from it"
build_package
build_apps

log "5/5 end-to-end tests (Playwright + Chromium)"
SLC_APPS_REQUIRED=1 SLC_PROXY_BIN="$CARGO_TARGET_DIR/debug/smart-link-proxy" SLC_DIST="$ROOT/dist" npm test --prefix tests/e2e
