#!/usr/bin/env bash
# Memory of `streams serve` with 500 tickers x 10 years of daily bars (BRIEF §6: < 300 MB RSS).
#
# The store holds the 208 bundled real price files (data/demo/prices, 2011-2021) plus 292 more
# tickers made from them (the same rows under new symbols, prices scaled by 1 + k/1000 so that no
# two series are equal): 500 x 2,516 bars. The script imports them with `streams ingest csv`,
# starts `streams serve` on that store, asks for every ticker's ten years of bars (three times,
# with each adjustment), the instruments and an analyze request per ticker, then reads the
# server's resident set (VmRSS) and its peak (VmHWM) from /proc. Prints the figures and exits 1
# above the bar.
#
# Environment: STREAMS_BIN (default build/release/src/app/streams), BENCH_RSS_BAR_MB (300).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${STREAMS_BIN:-build/release/src/app/streams}
bar_mb=${BENCH_RSS_BAR_MB:-300}
[[ -x $bin ]] || { echo "bench_memory: $bin not found: build first (make build)" >&2; exit 2; }

work=$(mktemp -d /tmp/streams-bench-memory.XXXXXX)
pid=""
cleanup() {
  [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "bench_memory: writing 500 tickers x 10 years"
/usr/bin/python3 - "$work/prices" <<'EOF'
import csv, glob, gzip, os, sys
out = sys.argv[1]
os.makedirs(out)
files = sorted(glob.glob("data/demo/prices/*.csv.gz"))
def write(symbol, rows, scale):
    with open(os.path.join(out, f"{symbol}.csv"), "w") as f:
        f.write(rows[0])
        for line in rows[1:]:
            c = line.rstrip("\n").split(",")
            # date,open,high,low,close,adj_close,volume,dividend,split
            for i in (1, 2, 3, 4, 5):
                c[i] = repr(round(float(c[i]) * scale, 6))
            f.write(",".join(c) + "\n")
sources = []
for path in files:
    with gzip.open(path, "rt") as f:
        sources.append((os.path.basename(path)[:-7], f.readlines()))
for symbol, rows in sources:
    write(symbol, rows, 1.0)
meta = {}
with open("data/demo/instruments.csv", newline="") as f:
    for row in csv.DictReader(f):
        meta[row["symbol"]] = row
with open(os.path.join(out, "instruments.csv"), "w", newline="") as f:
    table = csv.writer(f)
    table.writerow(["symbol", "name", "sector", "industry"])
    for symbol, _ in sources:
        m = meta.get(symbol, {})
        table.writerow([symbol, m.get("name", symbol), m.get("sector", ""), m.get("industry", "")])
    for k in range(500 - len(sources)):
        symbol, rows = sources[k % len(sources)]
        write(f"SYN{k:03d}", rows, 1.0 + (k + 1) / 1000)
        m = meta.get(symbol, {})
        table.writerow([f"SYN{k:03d}", f"Synthetic {k:03d} (from {symbol})", m.get("sector", ""), m.get("industry", "")])
EOF

start=$(date +%s.%N)
"$bin" ingest csv --data-dir "$work/var" "$work/prices" >"$work/ingest.log" 2>&1 ||
  { tail -5 "$work/ingest.log" >&2; exit 1; }
end=$(date +%s.%N)
printf 'bench_memory: %s (%.1f s)\n' "$(tail -1 "$work/ingest.log")" "$(echo "$end - $start" | bc)"

"$bin" serve --auth-mode optional --no-live --port 0 --host 127.0.0.1 --data-dir "$work/var" --demo-dir "$work/no-demo" \
  --web-root "$work/none" --no-access-log >"$work/serve.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 300); do
  port=$(sed -n 's/.*streams listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.log" | head -1)
  [[ -n $port ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.2
done
[[ -n $port ]] || { echo "bench_memory: streams did not start" >&2; exit 1; }

rss_of() { awk -v k="$1:" '$1 == k { print int($2 / 1024) }' "/proc/$pid/status"; }
echo "bench_memory: after start: RSS $(rss_of VmRSS) MB"

/usr/bin/python3 - "$port" <<'EOF'
import json, sys, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}/api/v1"
def get(path):
    with urllib.request.urlopen(base + path, timeout=60) as r:
        return json.load(r)
symbols = [i["symbol"] for i in get("/instruments")["instruments"]]

if len(symbols) < 500:
    sys.exit(f"bench_memory: the store lists {len(symbols)} instruments, expected 500")
points = 0
for adjust in ("splits", "all", "none"):
    for s in symbols:
        body = get(f"/bars?symbols={s}&from=2011-01-01&to=2021-12-31&adjust={adjust}")
        points += sum(len(series["t"]) for series in body["series"]) if "series" in body else 0
for s in symbols:
    get(f"/analyze?symbols={s}&op=rsi(timeperiod=14)&op=bbands&from=2011-01-01&to=2021-12-31")
print(f"bench_memory: served {len(symbols)} tickers x 3 adjustments ({points:,} bars) and {len(symbols)} analyze requests")
EOF

rss=$(rss_of VmRSS)
peak=$(rss_of VmHWM)
echo "bench_memory: streams serve with 500 tickers x 10 years: RSS ${rss} MB, peak ${peak} MB (bar < ${bar_mb} MB)"
if ((peak >= bar_mb)); then
  echo "bench_memory: FAIL"
  exit 1
fi
echo "bench_memory: PASS"
