#!/usr/bin/env python3
"""The CLI on PostgreSQL (STREAMS_DATABASE_URL): `streams db status/migrate`, `streams ingest csv`
twice (the replay inserts nothing), and `streams serve` answering /api/v1/bars from PostgreSQL —
against the postgres fixture (database streams_cli), directly and through PgBouncer.

  pg_cli_test.py --binary build/release/src/app/streams --demo-dir data/demo --services-dir DIR
(exit 77 without the fixtures)
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def read_env(path):
    with open(path) as f:
        return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)


def run(binary, *args, env):
    result = subprocess.run([binary, *args], capture_output=True, text=True, timeout=120, env=env)
    return result.returncode, result.stdout + result.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--demo-dir", required=True)
    parser.add_argument("--services-dir", required=True)
    args = parser.parse_args()
    try:
        pg = read_env(os.path.join(args.services_dir, "postgres.env"))
        bouncer = read_env(os.path.join(args.services_dir, "pgbouncer.env"))
    except FileNotFoundError as e:
        print(f"skipped: {e.filename} missing (start the fixtures)")
        return 77
    password = pg["STREAMS_TEST_PG_PASSWORD"]
    direct = pg["STREAMS_TEST_PG_URL"].rsplit("/", 1)[0] + "/streams_cli"
    pooled = bouncer["STREAMS_TEST_PGBOUNCER_URL"].rsplit("/", 1)[0] + "/streams_cli"
    reset = subprocess.run(["psql", "-X", "-q", direct, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                           capture_output=True, text=True, timeout=60)
    check(reset.returncode == 0, f"reset: {reset.stderr}")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMS_") and k != "PORT"}
    binary = args.binary
    demo = args.demo_dir
    files = [f"{demo}/prices/AAPL.csv.gz", f"{demo}/prices/MSFT.csv.gz", f"{demo}/instruments.csv",
             f"{demo}/earnings.csv", f"{demo}/macro", f"{demo}/intraday/1min/AAPL.csv.gz"]

    env = dict(base_env, STREAMS_DATABASE_URL=direct)
    rc, out = run(binary, "db", "status", env=env)
    check(rc == 0 and "schema version: 0 of 2" in out, f"status before: {out}")
    rc, out = run(binary, "db", "migrate", env=env)
    check(rc == 0 and "migrated from schema version 0 to 2" in out, f"migrate: {out}")
    check("TimescaleDB not available" in out, f"migrate logs the storage layout: {out}")
    rc, out = run(binary, "db", "migrate", env=env)
    check(rc == 0 and "up to date" in out, f"migrate again: {out}")

    # Through PgBouncer (transaction pooling) the import and its replay work the same.
    env_pooled = dict(base_env, STREAMS_DATABASE_URL=pooled)
    rc, out = run(binary, "ingest", "csv", *files, env=env_pooled)
    summary = re.search(r"\d+ files, ([\d,]+) rows: ([\d,]+) inserted, ([\d,]+) updated, ([\d,]+) unchanged", out)
    check(rc == 0 and summary is not None, f"ingest: {out}")
    inserted = int(summary.group(2).replace(",", "")) if summary else -1
    check(inserted > 5000, f"ingest inserted {inserted}")
    rc, out = run(binary, "ingest", "csv", *files, env=env)
    again = re.search(r"\d+ files, [\d,]+ rows: ([\d,]+) inserted, ([\d,]+) updated, ([\d,]+) unchanged", out)
    check(rc == 0 and again and again.group(1) == "0" and again.group(2) == "0"
          and int(again.group(3).replace(",", "")) == inserted, f"replay: {out[-300:]}")
    rc, out = run(binary, "db", "status", env=env)
    bars = re.search(r"bars:\s+(\d+)", out)
    check(rc == 0 and bars and 5000 < int(bars.group(1)) <= inserted, f"status after: {out}")
    check(password not in out, "db status printed the password")
    check("PostgreSQL streams@127.0.0.1" in out, f"status names the store: {out}")

    # serve on PostgreSQL.
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.Popen([binary, "serve", "--port", "0", "--demo-dir", tmp, "--web-root", tmp,
                                 "--threads", "2", "--no-access-log", "--auth-mode", "optional"], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, env=env)
        port = None
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and port is None:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            m = re.search(r"streams listening on http://127\.0\.0\.1:(\d+)", line)
            if m:
                port = int(m.group(1))
        check(port is not None, "serve did not start: " + "".join(lines[-10:]))
        if port:
            url = f"http://127.0.0.1:{port}/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-09-01&adjust=none"
            with urllib.request.urlopen(url, timeout=10) as r:
                body = json.load(r)
            series = body.get("series", [{}])[0]
            check(series.get("t") == ["2020-08-27", "2020-08-28", "2020-08-31", "2020-09-01"], f"dates {series}")
            check(series.get("close") == [500.04, 499.23, 129.04, 134.18], f"closes {series.get('close')}")
            url = f"http://127.0.0.1:{port}/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-08-28&adjust=splits"
            with urllib.request.urlopen(url, timeout=10) as r:
                split = json.load(r)["series"][0]["close"]
            check(split == [125.01, 124.8075], f"split-adjusted closes from stored events {split}")
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/instruments?q=micro", timeout=10) as r:
                names = [i["symbol"] for i in json.load(r)["instruments"]]
            check("MSFT" in names, f"instruments {names}")
        proc.send_signal(signal.SIGTERM)
        try:
            check(proc.wait(timeout=20) == 0, "serve exit status")
        except subprocess.TimeoutExpired:
            proc.kill()
            check(False, "serve did not stop on SIGTERM")
        rest = proc.stdout.read()
        check(password not in "".join(lines) + rest, "serve printed the password")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("pg cli: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
