#!/usr/bin/env bash
# Load on the reference proxy in mock mode, on loopback only, bounded in time:
# wrk (Debian), 200 concurrent connections for 30 s per endpoint (issue 15).
# Prints throughput, p50/p99 latency and errors (socket errors and non-2xx).
source "$(dirname "$0")/../scripts/lib.sh"
command -v wrk >/dev/null || { sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo; $sudo_cmd apt-get install -y -qq wrk >/dev/null; }
claim_target_dir
cd "$ROOT"
cargo build --release -p smart-link-proxy
"$CARGO_TARGET_DIR/release/smart-link-proxy" --mock --listen 127.0.0.1:0 >"$SLC_CACHE/load.out" 2>/dev/null &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do grep -q listening "$SLC_CACHE/load.out" 2>/dev/null && break; sleep 0.1; done
URL="$(grep -o 'http://[^ ]*' "$SLC_CACHE/load.out")"
today="$(date -u +%F)"; start="$(date -u -d '29 days ago' +%F)"
Q="date_start=${start}T00:00:00Z&date_end=${today}T23:59:59Z&limit=100&offset=0&include_bots=true&include_duplicates=true"
for path in "/healthz" "/api/smart-links/demo/clicks?$Q" "/api/smart-links/viral/clicks?$Q"; do
  log "wrk -t2 -c200 -d30s $path"
  wrk -t2 -c200 -d30s --latency "$URL$path" | grep -E "Requests/sec|Latency|Non-2xx|Socket errors|requests in| 50%| 99%"
done
