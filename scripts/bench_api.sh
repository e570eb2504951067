#!/usr/bin/env bash
# Cached bars API vs nginx (BRIEF §6): in one run, `streams serve` and nginx serve the same JSON —
# streams answers /api/v1/bars (AAPL + MSFT, one year of daily bars) from its response cache, nginx
# serves that response body, fetched once from streams, as a static file. wrk measures both
# (-t2 -c64 -d10s --latency, after a short warm-up); the bar is streams ≥ 0.5× nginx's requests/s
# and streams' p99 < 10 ms. Both run without access logs (nginx: access_log off; streams:
# --no-access-log) so that neither pays for a log the other skips; BENCH_ACCESS_LOG=1 turns both on.
#
# Environment: STREAMS_BIN (default build/release/src/app/streams), BENCH_DURATION (default 10s),
# BENCH_CONNECTIONS (64), BENCH_THREADS (wrk threads, 2), SERVER_THREADS (both servers, default nproc).
# Everything runs on loopback from a temporary folder, removed at exit, with no root paths.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${STREAMS_BIN:-build/release/src/app/streams}
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
wrk_threads=${BENCH_THREADS:-2}
server_threads=${SERVER_THREADS:-$(nproc)}
access_log=${BENCH_ACCESS_LOG:-0}
query='/api/v1/bars?symbols=AAPL,MSFT&from=2020-01-01&to=2020-12-31'

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] || { echo "bench_api: $tool is not installed (scripts/setup)" >&2; exit 2; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $bin ]] || { echo "bench_api: $bin not found: build first (cmake --build --preset release)" >&2; exit 2; }

work=$(mktemp -d /tmp/streams-bench-api.XXXXXX)
chmod 755 "$work"  # nginx workers may run as another user when started as root
streams_pid=""
nginx_pid=""
cleanup() {
  [[ -n $streams_pid ]] && kill -TERM "$streams_pid" 2>/dev/null && wait "$streams_pid" 2>/dev/null || true
  [[ -n $nginx_pid ]] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- streams
log_flag=(--no-access-log)
[[ $access_log == 1 ]] && log_flag=()
"$bin" serve --auth-mode optional --no-live --port 0 --host 127.0.0.1 --data-dir "$work/var" --threads "$server_threads" --web-root "$work/none" \
  "${log_flag[@]}" >"$work/streams.log" 2>&1 &
streams_pid=$!
port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's/.*streams listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/streams.log" | head -1)
  [[ -n $port ]] && break
  kill -0 "$streams_pid" 2>/dev/null || { cat "$work/streams.log" >&2; exit 1; }
  sleep 0.2
done
[[ -n $port ]] || { echo "bench_api: streams did not start" >&2; tail "$work/streams.log" >&2; exit 1; }

# --- the same body as a static file for nginx
mkdir -p "$work/www" "$work/nginx/logs" "$work/nginx/tmp"
curl -fsS "http://127.0.0.1:$port$query" -o "$work/www/bars.json"
chmod 755 "$work/www" && chmod 644 "$work/www/bars.json"
bytes=$(stat -c %s "$work/www/bars.json")
nginx_port=$(free_port)
nginx_access="access_log off;"
[[ $access_log == 1 ]] && nginx_access="access_log $work/nginx/logs/access.log;"
cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes $server_threads;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  $nginx_access
  types { application/json json; }
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
CONF
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log" &
nginx_pid=$!
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$nginx_port/bars.json" 2>/dev/null && break; sleep 0.1; done
cmp -s <(curl -fsS "http://127.0.0.1:$nginx_port/bars.json") <(curl -fsS "http://127.0.0.1:$port$query") ||
  { echo "bench_api: nginx and streams bodies differ" >&2; exit 1; }

# --- measure: warm-up, then the run; parse requests/s and p99 (in ms)
measure() {  # url → "rps p99_ms"
  wrk -t"$wrk_threads" -c"$connections" -d2s "$1" >/dev/null
  wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency "$1" >"$work/wrk.out"
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v}' "$work/wrk.out")
  if grep -q "Non-2xx" "$work/wrk.out"; then echo "bench_api: non-2xx answers from $1" >&2; cat "$work/wrk.out" >&2; exit 1; fi
  echo "$rps $p99"
}
read -r nginx_rps nginx_p99 < <(measure "http://127.0.0.1:$nginx_port/bars.json")
read -r streams_rps streams_p99 < <(measure "http://127.0.0.1:$port$query")

ratio=$(awk -v s="$streams_rps" -v n="$nginx_rps" 'BEGIN {printf "%.2f", s / n}')
printf 'cached bars API (%s bytes of JSON; wrk -t%s -c%s -d%s; %s server threads; access logs %s)\n' \
  "$bytes" "$wrk_threads" "$connections" "$duration" "$server_threads" "$([[ $access_log == 1 ]] && echo on || echo off)"
printf '  %-8s %12s %10s\n' "server" "requests/s" "p99 ms"
printf '  %-8s %12.0f %10.2f\n' "nginx" "$nginx_rps" "$nginx_p99"
printf '  %-8s %12.0f %10.2f\n' "streams" "$streams_rps" "$streams_p99"
printf '  ratio streams/nginx: %s (bar >= 0.5); streams p99 %s ms (bar < 10)\n' "$ratio" "$streams_p99"
if awk -v r="$ratio" -v p="$streams_p99" 'BEGIN {exit !(r >= 0.5 && p < 10)}'; then
  echo "  PASS"
else
  echo "  FAIL"
  exit 1
fi
