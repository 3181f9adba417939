#!/usr/bin/env bash
# The benchmark command: builds the release dist/ and the proxy, then measures
# the widget against the plain-JS baseline in headless Chromium
# (bench/run.mjs). Writes bench/results.json and bench/results-latest.md.
source "$(dirname "$0")/../scripts/lib.sh"
ensure_build_tools
ensure_test_tools
cd "$ROOT"
cargo build -p smart-link-proxy
build_dist
# The parse and chart figures call hooks only the `bench` feature builds.
log "building target/dist-bench/ (release, --features bench)"
trunk build --release --offline --features bench --dist target/dist-bench
SLC_PROXY_BIN="$CARGO_TARGET_DIR/debug/smart-link-proxy" node bench/run.mjs
