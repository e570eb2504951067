#!/usr/bin/env bash
# Bulk CSV ingest into SQLite, side by side with the reference (BRIEF §6, "ingest into SQLite"):
#   reference: the sqlite3 CLI's `.import` of one combined CSV (symbol,date,open,high,low,close,volume)
#              into a fresh WITHOUT ROWID table keyed on (symbol, date), WAL, synchronous=NORMAL;
#   streams:   `streams ingest csv <folder>` of the same 208 price files into a fresh data dir
#              (parse + validate + write, events included), the release build.
# Each is run 3 times; the best time counts. Prints rows/s of each and the ratio (bar: >= 1.0).
#
# Usage: scripts/bench_import.sh [PRICES_DIR] [STREAMS_BINARY]
#   PRICES_DIR defaults to /work/shared/data/prices, else data/demo/prices (gzipped; the reference
#   then reads the same rows decompressed).
set -euo pipefail
cd "$(dirname "$0")/.."
prices=${1:-}
if [[ -z "$prices" ]]; then
  if [[ -d /work/shared/data/prices ]]; then prices=/work/shared/data/prices; else prices=data/demo/prices; fi
fi
streams=${2:-build/streams}
[[ -x "$streams" ]] || streams=build/release/src/app/streams
command -v sqlite3 >/dev/null || { echo "sqlite3 CLI not found (apt-get install sqlite3)"; exit 1; }
[[ -x "$streams" ]] || { echo "streams binary not found: build first (make build)"; exit 1; }

work=$(mktemp -d /tmp/streams-bench-import.XXXXXX)
trap 'rm -rf "$work"' EXIT

# One combined CSV of every price file (the reference's input); gzipped files are read as text.
combined="$work/combined.csv"
echo "symbol,date,open,high,low,close,volume" >"$combined"
for file in "$prices"/*.csv "$prices"/*.csv.gz; do
  [[ -e "$file" ]] || continue
  name=$(basename "$file"); symbol=${name%%.csv*}
  if [[ "$file" == *.gz ]]; then reader=(gzip -dc "$file"); else reader=(cat "$file"); fi
  "${reader[@]}" | awk -F, -v s="$symbol" 'NR > 1 { print s "," $1 "," $2 "," $3 "," $4 "," $5 "," $7 }' >>"$combined"
done
rows=$(($(wc -l <"$combined") - 1))
files=$(ls "$prices" | grep -c '\.csv')
echo "input: $files files, $rows rows ($prices)"

now() { date +%s.%N; }
best() { printf '%s\n' "$@" | sort -g | head -1; }

sqlite_times=()
streams_times=()
for run in 1 2 3; do
  db="$work/ref$run.db"
  t0=$(now)
  sqlite3 "$db" <<SQL >/dev/null
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE bars (symbol TEXT NOT NULL, date TEXT NOT NULL, open REAL, high REAL, low REAL, close REAL,
                   volume REAL, PRIMARY KEY (symbol, date)) WITHOUT ROWID;
.mode csv
.import --skip 1 $combined bars
SQL
  t1=$(now)
  sqlite_times+=("$(echo "$t1 - $t0" | bc -l)")
  stored=$(sqlite3 "$db" "SELECT count(*) FROM bars")
  [[ "$stored" == "$rows" ]] || { echo "reference stored $stored rows, expected $rows"; exit 1; }

  dir="$work/streams$run"
  t0=$(now)
  "$streams" ingest csv "$prices" --data-dir "$dir" >/dev/null 2>&1
  t1=$(now)
  streams_times+=("$(echo "$t1 - $t0" | bc -l)")
  stored=$(sqlite3 "$dir/streams.db" "SELECT count(*) FROM bars")
  [[ "$stored" == "$rows" ]] || { echo "streams stored $stored rows, expected $rows"; exit 1; }
  rm -rf "$db" "$db-wal" "$db-shm" "$dir"
done

ref=$(best "${sqlite_times[@]}")
ours=$(best "${streams_times[@]}")
ref_rate=$(echo "$rows / $ref" | bc -l)
our_rate=$(echo "$rows / $ours" | bc -l)
printf 'sqlite3 .import : best %.3f s of (%s) = %8.0f rows/s\n' "$ref" "${sqlite_times[*]}" "$ref_rate"
printf 'streams ingest  : best %.3f s of (%s) = %8.0f rows/s\n' "$ours" "${streams_times[*]}" "$our_rate"
printf 'ratio streams/sqlite3: %.2f (bar >= 1.0)\n' "$(echo "$our_rate / $ref_rate" | bc -l)"
