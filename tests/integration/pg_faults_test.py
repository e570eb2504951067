#!/usr/bin/python3
"""Faults of an import into PostgreSQL (issue 4, item 10), on a private PostgreSQL 15 that this
test starts, stops and restarts (tests/services/postgres.py; not the shared fixture, which other
tests use at the same time):

1. kill -9 of `streams ingest csv` in the middle of importing the 208 demo price files, then the
   same import again: the bars table holds exactly the source's rows, no duplicates;
2. PostgreSQL stopped for OUTAGE seconds (default 30) during an import: the import waits
   (`--wait`, its log says so), finishes once the server is back, and nothing is lost.

    pg_faults_test.py --binary build/release/src/app/streams --demo-dir data/demo [--outage 30]
Exit 77 (skipped) when PostgreSQL's server binaries are not installed.
"""
import argparse
import glob
import gzip
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "services"))
import service_util as su  # noqa: E402

PG_SCRIPT = os.path.join(HERE, "..", "services", "postgres.py")
BIN = os.environ.get("STREAMS_PG_BIN", "/usr/lib/postgresql/15/bin")
failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures += 1


def psql(env, database, sql):
    out = subprocess.run(["/usr/bin/psql", "-X", "-A", "-t", "-h", "127.0.0.1", "-p", env["STREAMS_TEST_PG_PORT"],
                          "-U", env["STREAMS_TEST_PG_USER"], "-d", database, "-c", sql],
                         env={**os.environ, "PGPASSWORD": env["STREAMS_TEST_PG_PASSWORD"]},
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return out.stdout.strip()


def source_rows(prices):
    total = 0
    for f in glob.glob(os.path.join(prices, "*.csv.gz")):
        with gzip.open(f, "rt") as g:
            total += sum(1 for _ in g) - 1
    return total


def url_of(env, database):
    return (f"postgresql://{env['STREAMS_TEST_PG_USER']}:{env['STREAMS_TEST_PG_PASSWORD']}@127.0.0.1:"
            f"{env['STREAMS_TEST_PG_PORT']}/{database}")


def ingest(binary, env, database, prices, log_path, wait=120):
    log = open(log_path, "w")
    return subprocess.Popen([binary, "ingest", "csv", "--wait", str(wait), prices],
                            env={**os.environ, "STREAMS_DATABASE_URL": url_of(env, database)},
                            stdout=log, stderr=subprocess.STDOUT), log


def bars_landed(env, database):
    try:
        return int(psql(env, database, "SELECT count(*) FROM bars") or 0)
    except RuntimeError:
        return 0  # not migrated yet


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--demo-dir", required=True)
    ap.add_argument("--outage", type=float, default=30.0)
    a = ap.parse_args()
    if not os.path.exists(os.path.join(BIN, "pg_ctl")):
        print("skipped: PostgreSQL 15 server binaries not installed")
        return 77
    prices = os.path.join(a.demo_dir, "prices")
    expected = source_rows(prices)
    state = tempfile.mkdtemp(prefix="streams-pgfaults-")
    try:
        subprocess.run([sys.executable, PG_SCRIPT, "start", "--state-dir", state], check=True, timeout=180)
        env = su.read_env(state, "postgres")
        data_dir = os.path.join(su.load_state(state, "postgres")["dir"], "data")
        socket_dir = env["STREAMS_TEST_PG_SOCKET_DIR"]

        # 1. kill -9 in the middle, then again to the end.
        db = "streams_store"
        proc, log = ingest(a.binary, env, db, prices, os.path.join(state, "kill.log"))
        deadline = time.time() + 60
        while time.time() < deadline and bars_landed(env, db) < 50_000 and proc.poll() is None:
            time.sleep(0.1)
        check(proc.poll() is None, "the import is still running when killed")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        log.close()
        partial = bars_landed(env, db)
        check(0 < partial < expected, f"kill -9 left a partial import ({partial:,} of {expected:,} bars)")
        proc, log = ingest(a.binary, env, db, prices, os.path.join(state, "rerun.log"))
        check(proc.wait(timeout=300) == 0, "the rerun finishes")
        log.close()
        total = int(psql(env, db, "SELECT count(*) FROM bars"))
        distinct = int(psql(env, db, "SELECT count(*) FROM (SELECT DISTINCT symbol, timespan, multiplier, ts FROM bars) d"))
        check(total == expected, f"after kill -9 and rerun: {total:,} bars, the source has {expected:,}")
        check(distinct == total, "no duplicate bars")

        # 2. The server stopped for a while under a running import.
        db = "streams_bench"
        proc, log = ingest(a.binary, env, db, prices, os.path.join(state, "outage.log"))
        deadline = time.time() + 60
        while time.time() < deadline and bars_landed(env, db) < 20_000 and proc.poll() is None:
            time.sleep(0.1)
        check(proc.poll() is None, "the import is running when PostgreSQL stops")
        subprocess.run(su.as_service_user([os.path.join(BIN, "pg_ctl"), "-D", data_dir, "-m", "fast", "-w", "stop"]),
                       check=True, capture_output=True, timeout=60)
        stopped = time.time()
        time.sleep(a.outage)
        check(proc.poll() is None, f"the import waits through {a.outage:.0f} s without the database")
        options = (f"-c port={env['STREAMS_TEST_PG_PORT']} -c listen_addresses=127.0.0.1 "
                   f"-c unix_socket_directories={socket_dir} -c fsync=off -c synchronous_commit=off")
        subprocess.run(su.as_service_user([os.path.join(BIN, "pg_ctl"), "-D", data_dir, "-l",
                                           os.path.join(socket_dir, "postgres-restart.log"), "-o", options, "-w",
                                           "start"]), check=True, capture_output=True, timeout=90)
        print(f"PostgreSQL back after {time.time() - stopped:.1f} s", flush=True)
        status = proc.wait(timeout=300)
        log.close()
        text = open(os.path.join(state, "outage.log")).read()
        check(status == 0, "the import finishes after the outage" + ("" if status == 0 else ":\n" + text[-2000:]))
        check("store unavailable" in text and "waiting" in text, "its log says it waited for the store")
        total = int(psql(env, db, "SELECT count(*) FROM bars"))
        check(total == expected, f"after the outage: {total:,} bars, the source has {expected:,}")
    finally:
        subprocess.run([sys.executable, PG_SCRIPT, "stop", "--state-dir", state], timeout=120)
        shutil.rmtree(state, ignore_errors=True)
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
