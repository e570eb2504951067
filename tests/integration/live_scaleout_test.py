#!/usr/bin/python3
"""Scale-out of the live path (issue 7, item 7) on a private PostgreSQL and Redis:

two `streams stream` workers and two `streams serve --no-live-feed` on one PostgreSQL and one
Redis, the simulated feed replaying 2024-03-01 at 60× (a minute bar a second), every worker given
the same seed, start and anchor (so the one standing by computes what the publisher does);

1. WebSocket clients on both servers see the same trades;
2. the worker holding the feed lease is killed (SIGKILL) while it holds minute-stream entries it
   read and never acknowledged: the other takes the lease over, the clients see trades again, and
   the survivor re-claims the dead worker's entries (XPENDING ends at 0);
3. the minute bars in PostgreSQL have no gap (every minute from the first to the last), no
   duplicates, and equal, bar for bar, those of a reference worker that ran alone, without Redis,
   on an SQLite copy of the same data (the feed is deterministic).

    live_scaleout_test.py --binary streams --demo-dir data/demo
Exit 77 (skipped) when PostgreSQL's or Redis's server binaries are missing.
"""
import argparse
import ctypes
import datetime as dt
import gzip
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "services"))
sys.path.insert(0, HERE)
import service_util as su  # noqa: E402
from ws_client import WsClient  # noqa: E402

SERVICES = os.path.join(HERE, "..", "services")
PG_BIN = os.environ.get("STREAMS_PG_BIN", "/usr/lib/postgresql/15/bin")
SYMBOLS = ["AAPL", "ABT", "JPM"]
FEED = ["--live-start", "2024-03-02T12:00:00Z", "--live-speed", "60", "--live-rate", "4", "--live-seed", "7"]
failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures += 1
    return ok


def die_with_parent():
    ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise RuntimeError(f"timed out after {timeout} s waiting for {what}")


class Proc:
    """A child `streams` process whose output is collected (and printed on failure)."""

    def __init__(self, name, argv, env):
        self.name = name
        self.lines = []
        self.p = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  preexec_fn=die_with_parent)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.p.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self):
        return "\n".join(self.lines)

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.p.poll() is None:
            self.p.send_signal(sig)
            try:
                self.p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()


class TradeCollector:
    """A WebSocket client subscribed to trades; keeps (symbol, t, price, size) and arrival times."""

    def __init__(self, port, symbols):
        self.trades = []
        self.ws = WsClient("127.0.0.1", port, timeout=30)
        self.ws.send({"type": "subscribe", "symbols": symbols, "channels": ["trades"]})
        self.stopped = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while not self.stopped:
            try:
                batch = self.ws.messages()
            except Exception:  # noqa: BLE001 - the socket closes at the end
                return
            if batch is None:
                return
            now = time.monotonic()
            for m in batch:
                if m.get("type") == "trade":
                    self.trades.append((now, (m["symbol"], m["t"], m["price"], m["size"])))

    def close(self):
        self.stopped = True
        self.ws.close()


def redis_cli(port, *args):
    return subprocess.run(["redis-cli", "-p", str(port), *args], capture_output=True, text=True, timeout=10).stdout


def pending_by_consumer(port):
    """XPENDING summary: {consumer: count}."""
    out = redis_cli(port, "XPENDING", "streams:live:minute", "minute-writers").split()
    # total, first id, last id, then consumer/count pairs
    if not out or out[0] == "0":
        return {}
    pairs = out[3:]
    return {pairs[i]: int(pairs[i + 1]) for i in range(0, len(pairs) - 1, 2)}


def psql_rows(env, sql, **variables):
    """Rows of a query; `variables` become psql variables (:'name' in the SQL, quoted by psql)."""
    defs = [arg for k, v in variables.items() for arg in ("-v", f"{k}={v}")]
    out = subprocess.run(["/usr/bin/psql", "-X", "-A", "-t", "-F", ",", "-h", "127.0.0.1", "-p", env["STREAMS_TEST_PG_PORT"],
                          "-U", env["STREAMS_TEST_PG_USER"], "-d", "streams_store", *defs],
                         input=sql,
                         env={**os.environ, "PGPASSWORD": env["STREAMS_TEST_PG_PASSWORD"]},
                         capture_output=True, text=True, timeout=60, check=True)
    return [line.split(",") for line in out.stdout.strip().splitlines() if line]


def subset(demo, work):
    """instruments.csv and price files of SYMBOLS, in a folder of their own."""
    os.makedirs(work)
    with open(os.path.join(demo, "instruments.csv")) as f, open(os.path.join(work, "instruments.csv"), "w") as out:
        lines = f.read().splitlines()
        out.write(lines[0] + "\n")
        for line in lines[1:]:
            if line.split(",", 1)[0] in SYMBOLS:
                out.write(line + "\n")
    for s in SYMBOLS:
        shutil.copy(os.path.join(demo, "prices", f"{s}.csv.gz"), work)
    return work


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--demo-dir", required=True)
    a = ap.parse_args()
    if not os.path.exists(os.path.join(PG_BIN, "pg_ctl")) or not shutil.which("redis-server"):
        print("skipped: PostgreSQL 15 or Redis server binaries not installed")
        return 77
    state = tempfile.mkdtemp(prefix="streams-scaleout-")
    procs = []
    clients = []
    try:
        subprocess.run([sys.executable, os.path.join(SERVICES, "postgres.py"), "start", "--state-dir", state],
                       check=True, timeout=180)
        subprocess.run([sys.executable, os.path.join(SERVICES, "redis.py"), "start", "--state-dir", state],
                       check=True, timeout=60)
        pg = su.read_env(state, "postgres")
        redis = su.read_env(state, "redis")
        redis_port = redis["STREAMS_TEST_REDIS_PORT"]
        db_url = (f"postgresql://{pg['STREAMS_TEST_PG_USER']}:{pg['STREAMS_TEST_PG_PASSWORD']}@127.0.0.1:"
                  f"{pg['STREAMS_TEST_PG_PORT']}/streams_store")
        shared = {**os.environ, "NO_COLOR": "1", "STREAMS_DATABASE_URL": db_url,
                  "STREAMS_REDIS_URL": redis["STREAMS_TEST_REDIS_URL"]}
        alone = {k: v for k, v in os.environ.items() if k not in ("STREAMS_DATABASE_URL", "STREAMS_REDIS_URL")}
        data = subset(a.demo_dir, os.path.join(state, "data"))
        ref_dir = os.path.join(state, "reference")
        for env, extra in ((shared, []), (alone, ["--data-dir", ref_dir])):
            subprocess.run([a.binary, "ingest", "csv", *extra, data], env=env, check=True, timeout=120,
                           stdout=subprocess.DEVNULL)

        # The anchor: the real instant at which every feed is at --live-start (now, to the second).
        anchor = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        feed = [*FEED, "--live-anchor", anchor]
        reference = Proc("reference", [a.binary, "stream", "--data-dir", ref_dir, *feed], alone)
        workers = [Proc(f"worker{i}", [a.binary, "stream", *feed], shared) for i in (1, 2)]
        servers = [Proc(f"serve{i}", [a.binary, "serve", "--port", "0", "--auth-mode", "optional", "--no-live-feed",
                                      "--no-access-log", "--threads", "2"], shared) for i in (1, 2)]
        procs += [reference, *workers, *servers]
        ports = []
        for s in servers:
            line = wait_until(lambda s=s: next((l for l in s.lines if "listening on http" in l), None), 120,
                              f"{s.name} listening")
            ports.append(int(re.search(r":(\d+)\s*$", line).group(1)))
        holder_pid = lambda: (redis_cli(redis_port, "GET", "streams:live:feed-lease").strip().rsplit(":", 1) + [""])[1]
        wait_until(lambda: holder_pid().isdigit(), 30, "a worker holding the feed lease")

        # 1. Both servers' clients see the same trades.
        clients = [TradeCollector(p, SYMBOLS) for p in ports]
        time.sleep(4)
        seen = [[t for _, t in c.trades] for c in clients]
        check(all(len(s) > 50 for s in seen), f"trades on both servers: {[len(s) for s in seen]}")
        common = set(seen[0]) & set(seen[1])
        # Compare inside the window both were connected for (each started at its own moment).
        lo = max(min(t[1] for t in s) for s in seen)
        hi = min(max(t[1] for t in s) for s in seen)
        inside = [sorted(t for t in s if lo <= t[1] <= hi) for s in seen]
        check(len(inside[0]) > 20 and inside[0] == inside[1],
              f"the same trades on both servers ({len(inside[0])} vs {len(inside[1])} in the common window, "
              f"{len(common)} in common)")

        # 2. kill -9 the publishing worker while it holds minute-stream entries it has not acknowledged.
        pid = holder_pid()
        victim = next(w for w in workers if str(w.p.pid) == pid)
        survivor = next(w for w in workers if w is not victim)
        wait_until(lambda: any(c.endswith(f":{pid}") and n > 0 for c, n in pending_by_consumer(redis_port).items()),
                   30, "the lease holder holding unacknowledged entries")
        held = {c: n for c, n in pending_by_consumer(redis_port).items() if c.endswith(f":{pid}")}
        victim.stop(signal.SIGKILL)
        killed_at = time.monotonic()
        check(sum(held.values()) > 0, f"killed {victim.name} (pid {pid}) holding {held} pending entries")
        wait_until(lambda: any("holds the feed lease" in l for l in survivor.lines), 30, "the survivor taking over")
        took_over = time.monotonic() - killed_at
        check(took_over < 10, f"{survivor.name} took the feed lease over {took_over:.1f} s after the kill")
        wait_until(lambda: all(any(at > killed_at + took_over for at, _ in c.trades) for c in clients), 30,
                   "trades on both servers after the takeover")
        check(True, "both servers' clients see trades again after the takeover")
        reclaim = re.compile(r"re-claimed (\d+) minute-stream entries left pending by a stopped worker")
        wait_until(lambda: any(reclaim.search(l) for l in survivor.lines), 30, "the survivor re-claiming entries")
        reclaimed = sum(int(m.group(1)) for l in survivor.lines for m in [reclaim.search(l)] if m)
        check(reclaimed >= sum(held.values()),
              f"the survivor re-claimed {reclaimed} entries the dead worker held ({sum(held.values())} at the kill)")
        time.sleep(5)
        for c in clients:
            c.close()
        survivor.stop()
        reference.stop()
        check(survivor.p.returncode == 0 and reference.p.returncode == 0,
              f"survivor and reference stop cleanly ({survivor.p.returncode}, {reference.p.returncode})")
        pending = redis_cli(redis_port, "XPENDING", "streams:live:minute", "minute-writers").split()
        check(pending[:1] == ["0"], f"no minute-stream entry left pending: {pending[:1]}")

        # 3. The stored minute bars: no gap, no duplicate, equal to the reference worker's.
        with sqlite3.connect(os.path.join(ref_dir, "streams.db")) as ref:
            for symbol in SYMBOLS:
                rows = psql_rows(pg, "SELECT (extract(epoch FROM ts) * 1000)::bigint, open, high, low, close, volume "
                                     "FROM bars WHERE symbol = :'symbol' AND timespan = 'minute' ORDER BY ts",
                                 symbol=symbol)
                ts = [int(r[0]) for r in rows]
                check(len(ts) >= 8, f"{symbol}: {len(ts)} minute bars stored")
                gaps = [(a_, b_) for a_, b_ in zip(ts, ts[1:]) if b_ - a_ != 60_000]
                check(not gaps and len(set(ts)) == len(ts), f"{symbol}: consecutive minutes, no gap, no duplicate"
                      + (f" (gaps {gaps[:3]})" if gaps else ""))
                want = {r[0]: r[1:] for r in ref.execute(
                    "SELECT ts, open, high, low, close, volume FROM bars WHERE symbol = ? AND timespan = 'minute'",
                    (symbol,))}
                # The first and last stored minutes may be cut by when the workers started and stopped.
                inner = rows[1:-1]
                differ = [r[0] for r in inner if tuple(float(v) for v in r[1:]) != tuple(want.get(int(r[0]), ()))]
                check(not differ, f"{symbol}: {len(inner)} minute bars equal the reference worker's"
                      + (f" (differ at {differ[:3]})" if differ else ""))
    except Exception as e:  # noqa: BLE001 - reported as a failure with the processes' output
        check(False, f"{type(e).__name__}: {e}")
    finally:
        for c in clients:
            c.close()
        for p in procs:
            p.stop(signal.SIGKILL if p.p.poll() is None else signal.SIGTERM, timeout=10)
        if failures:
            for p in procs:
                print(f"---- {p.name} (exit {p.p.returncode}) ----\n{p.output()[-4000:]}")
        for name in ("redis.py", "postgres.py"):
            subprocess.run([sys.executable, os.path.join(SERVICES, name), "stop", "--state-dir", state], timeout=60)
        shutil.rmtree(state, ignore_errors=True)
    print(f"live_scaleout_test: {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
