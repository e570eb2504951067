#!/usr/bin/env bash
# Bulk CSV ingest into PostgreSQL, side by side with the references in one run (BRIEF §6, "ingest
# into PostgreSQL"), on a throwaway PostgreSQL 15 started by tests/services/postgres.py:
#   streams:   `streams ingest csv <folder>` of the price files (parse + validate + binary COPY,
#              events included) into a freshly migrated database, the release build;
#   psql:      `psql \copy` of the same rows (one combined CSV in the bars table's columns) into an
#              equivalent table: CREATE TABLE ref_bars (LIKE bars INCLUDING ALL) — same columns,
#              primary key, CHECK and BRIN index;
#   original:  the Dash app's method, psycopg2 `execute_values` in batches of 100 with
#              ON CONFLICT DO NOTHING into the same equivalent table (Debian's python3-psycopg2).
# streams and psql run 5 times each, alternately (best counts: the machine is shared), the
# original once; a replay of the streams import (nothing new) is timed too. Prints rows/s and the ratios (bars: >= 0.8 vs psql, >= 5 vs
# the original; BRIEF §6). The server runs with fsync off (a test fixture): the same for all three.
#
# Usage: scripts/bench_pg_import.sh [PRICES_DIR] [STREAMS_BINARY]   (default: data/demo/prices)
set -euo pipefail
cd "$(dirname "$0")/.."
prices=${1:-data/demo/prices}
streams=${2:-build/streams}
[[ -x "$streams" ]] || streams=build/release/src/app/streams
[[ -x "$streams" ]] || { echo "streams binary not found: build first (make build)"; exit 1; }
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || { echo "PostgreSQL 15 not installed (scripts/setup)"; exit 1; }

work=$(mktemp -d /tmp/streams-bench-pg.XXXXXX)
services="$work/services"
cleanup() {
  /usr/bin/python3 tests/services/postgres.py stop --state-dir "$services" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
/usr/bin/python3 tests/services/postgres.py start --state-dir "$services" >/dev/null
url=$(sed -n 's/^STREAMS_TEST_PG_URL=//p' "$services/postgres.env")
url=${url%/streams}/streams_bench
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$url" "$@"; }

# One combined CSV of every price file in the bars table's columns (daily bars: ts = the session
# date's 00:00 UTC, no vwap, 0 trades).
combined="$work/bars.csv"
echo "symbol,timespan,multiplier,ts,open,high,low,close,volume,vwap,trades" >"$combined"
for file in "$prices"/*.csv "$prices"/*.csv.gz; do
  [[ -e "$file" ]] || continue
  name=$(basename "$file"); symbol=${name%%.csv*}
  if [[ "$file" == *.gz ]]; then reader=(gzip -dc "$file"); else reader=(cat "$file"); fi
  "${reader[@]}" | awk -F, -v s="$symbol" 'NR > 1 { print s ",day,1," $1 " 00:00:00+00," $2 "," $3 "," $4 "," $5 "," $7 ",,0" }' >>"$combined"
done
rows=$(($(wc -l <"$combined") - 1))
files=$(ls "$prices" | grep -c '\.csv')
echo "input: $files files, $rows rows ($prices); PostgreSQL $(psql_q -tA -c 'SHOW server_version')"

now() { date +%s.%N; }
best() { printf '%s\n' "$@" | sort -g | head -1; }
fresh_schema() {
  psql_q -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public" 2>/dev/null
  STREAMS_DATABASE_URL="$url" "$streams" db migrate >/dev/null 2>&1
  psql_q -c "CREATE TABLE ref_bars (LIKE bars INCLUDING ALL)"
}

streams_times=(); psql_times=(); replay_times=()
for run in 1 2 3 4 5; do
  fresh_schema
  t0=$(now)
  STREAMS_DATABASE_URL="$url" "$streams" ingest csv "$prices" >/dev/null 2>&1
  t1=$(now)
  streams_times+=("$(echo "$t1 - $t0" | bc -l)")
  stored=$(psql_q -tA -c "SELECT count(*) FROM bars")
  [[ "$stored" == "$rows" ]] || { echo "streams stored $stored rows, expected $rows"; exit 1; }
  if [[ $run == 1 ]]; then
    t0=$(now)
    STREAMS_DATABASE_URL="$url" "$streams" ingest csv "$prices" >/dev/null 2>&1
    t1=$(now)
    replay_times+=("$(echo "$t1 - $t0" | bc -l)")
    stored=$(psql_q -tA -c "SELECT count(*) FROM bars")
    [[ "$stored" == "$rows" ]] || { echo "the replay left $stored rows, expected $rows"; exit 1; }
  fi

  t0=$(now)
  psql_q -c "\\copy ref_bars FROM '$combined' WITH (FORMAT csv, HEADER true)"
  t1=$(now)
  psql_times+=("$(echo "$t1 - $t0" | bc -l)")
  stored=$(psql_q -tA -c "SELECT count(*) FROM ref_bars")
  [[ "$stored" == "$rows" ]] || { echo "psql stored $stored rows, expected $rows"; exit 1; }
done

# The original's method, once (it is the slow one).
psql_q -c "TRUNCATE ref_bars"
original=$(/usr/bin/python3 - "$url" "$combined" <<'PY'
import csv, sys, time
import psycopg2
from psycopg2.extras import execute_values
url, path = sys.argv[1], sys.argv[2]
with open(path) as f:
    reader = csv.reader(f)
    next(reader)
    rows = [(r[0], r[1], int(r[2]), r[3], float(r[4]), float(r[5]), float(r[6]), float(r[7]), float(r[8]),
             None, int(r[10])) for r in reader]
conn = psycopg2.connect(url)
cur = conn.cursor()
t0 = time.monotonic()
for i in range(0, len(rows), 100):
    execute_values(cur, "INSERT INTO ref_bars (symbol, timespan, multiplier, ts, open, high, low, close, volume,"
                        " vwap, trades) VALUES %s ON CONFLICT DO NOTHING", rows[i:i + 100], page_size=100)
    conn.commit()
print(time.monotonic() - t0)
PY
)
stored=$(psql_q -tA -c "SELECT count(*) FROM ref_bars")
[[ "$stored" == "$rows" ]] || { echo "the original's method stored $stored rows, expected $rows"; exit 1; }

ours=$(best "${streams_times[@]}")
ref=$(best "${psql_times[@]}")
our_rate=$(echo "$rows / $ours" | bc -l)
ref_rate=$(echo "$rows / $ref" | bc -l)
orig_rate=$(echo "$rows / $original" | bc -l)
replay_rate=$(echo "$rows / ${replay_times[0]}" | bc -l)
printf 'streams ingest csv   : best %.3f s of (%s) = %8.0f rows/s\n' "$ours" "${streams_times[*]}" "$our_rate"
printf 'psql \\copy           : best %.3f s of (%s) = %8.0f rows/s\n' "$ref" "${psql_times[*]}" "$ref_rate"
printf 'psycopg2 batches/100 : %.3f s (one run) = %8.0f rows/s\n' "$original" "$orig_rate"
printf 'streams replay       : %.3f s = %8.0f rows/s (0 inserted: staging + ON CONFLICT, nothing duplicated)\n' \
  "${replay_times[0]}" "$replay_rate"
printf 'ratio streams/psql \\copy: %.2f (bar >= 0.8)\n' "$(echo "$our_rate / $ref_rate" | bc -l)"
printf 'ratio streams/original  : %.1f (bar >= 5)\n' "$(echo "$our_rate / $orig_rate" | bc -l)"
