#!/usr/bin/env bash
# The main command: installs what is missing, starts the reference proxy in
# mock mode and `trunk serve` (which forwards /api/ to it), and prints the
# URL of a page showing a month of demo clicks. Ctrl-C stops both.
source "$(dirname "$0")/lib.sh"

PORT="${SLC_PORT:-8080}"
# Trunk.toml forwards /api/ to the proxy on this port.
PROXY_PORT=8787

ensure_build_tools
log "building the proxy"
(cd "$ROOT" && cargo build -p smart-link-proxy)
start_mock_proxy "127.0.0.1:$PROXY_PORT"
trap 'kill $PROXY_PID ${TRUNK_PID:-} 2>/dev/null || true' EXIT INT TERM

log "building and serving the page (release) on port $PORT"
cd "$ROOT"
trunk serve --release --offline --port "$PORT" &
TRUNK_PID=$!
URL="http://127.0.0.1:$PORT/?proxy=/&link-id=demo"
for _ in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$PORT/" >/dev/null 2>&1; then
    printf '\n  Demo clicks: \033[1m%s\033[0m\n' "$URL"
    printf '  Other mock links: viral, quiet, empty, demo+hostile, demo+429once (see README)\n\n'
    break
  fi
  if ! kill -0 "$TRUNK_PID" 2>/dev/null; then
    log "trunk serve stopped"
    exit 1
  fi
  sleep 1
done
wait "$TRUNK_PID"
