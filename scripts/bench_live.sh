#!/usr/bin/env bash
# Live fan-out (BRIEF §6): ticks/s sustained in → WebSocket out and p99 tick-to-client latency with
# 100 WebSocket clients, through the real path (simulated feed → 1 s/1 min aggregation → bus → hub
# → server WebSocket sessions → Beast clients on loopback). Bar: 100k ticks/s, p99 < 20 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build --preset release --target live_bench_tool -j2 >/dev/null
tool=build/release/src/server/live_bench_tool
# The dashboard case: every client follows 5 of 500 symbols.
"$tool" --rate 100000 --clients 100 --symbols 500 --per-client 5 --seconds 10 --server-threads 2 --client-threads 2
# Heavier fan-out: every client follows 50 of 500 symbols (10× the messages out).
"$tool" --rate 100000 --clients 100 --symbols 500 --per-client 50 --seconds 10 --server-threads 2 --client-threads 2
