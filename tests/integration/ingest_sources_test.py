#!/usr/bin/env python3
"""Integration test of `streams ingest polygon|fred|events` against the local fake server.

The fake (tests/fakes/polygon_fred_server.py) runs in this process over HTTPS with a throwaway
self-signed certificate; streams trusts it through [sources] ca_file (verification stays on).
Checks, on real data (values from tests/fakes/data):
  - a daily backfill of AAPL and MSFT for 2020: 253 bars each, paginated, split-adjusted values,
    instruments, splits and dividends as events, the rate limit obeyed between requests;
  - every scripted fault — 429 with Retry-After (honoured), 500, truncated body, slow answer past the
    timeout, connection dropped in the middle of next_url pagination — ends in the same 253 bars;
  - a run that gives up half-way resumes from ingest_state and ends with exactly the bars of the
    source (no duplicates);
  - a malformed body fails with a clear message naming the URL with the key redacted;
  - minute bars; FRED observations (API and CSV); events from a CSV file and Alpha Vantage;
  - the API keys never appear in any output (debug logging on).
Usage: ingest_sources_test.py --binary build/release/src/app/streams
"""
import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fakes"))
import polygon_fred_server as fakes  # noqa: E402

POLYGON_KEY = "pk_SECRET_polygon_0123456789"
FRED_KEY = "fk_SECRET_fred_0123456789"
AV_KEY = "ak_SECRET_alpha_0123456789"
FAILURES = []
OUTPUTS = []


def check(condition, what):
    if not condition:
        FAILURES.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


class Streams:
    def __init__(self, binary, tmp, server, timeout_ms=1500, retries=4):
        self.binary, self.tmp = binary, tmp
        self.config = os.path.join(tmp, "streams.toml")
        with open(self.config, "w") as f:
            f.write(f"""log_level = "debug"
[polygon]
api_key = "{POLYGON_KEY}"
base_url = "{server.base_url}"
requests_per_minute = 6000
workers = 2
[fred]
api_key = "{FRED_KEY}"
base_url = "{server.base_url}"
[alphavantage]
api_key = "{AV_KEY}"
base_url = "{server.base_url}"
[sources]
ca_file = "{os.path.join(tmp, 'fake-cert.pem')}"
timeout_ms = {timeout_ms}
retries = {retries}
""")

    def run(self, data_dir, *args, timeout=120):
        env = dict(os.environ, STREAMS_RETRY_BACKOFF_MS="50", STREAMS_LOG_LEVEL="debug")
        for k in ("POLYGON_API_KEY", "FRED_API_KEY", "ALPHAVANTAGE_API_KEY", "STREAMS_REDIS_URL", "STREAMS_DATABASE_URL"):
            env.pop(k, None)
        p = subprocess.run([self.binary, "--config", self.config, "ingest", *args, "--data-dir", data_dir],
                           capture_output=True, text=True, timeout=timeout, env=env)
        OUTPUTS.append(p.stdout + p.stderr)
        return p


def db(data_dir):
    return sqlite3.connect(os.path.join(data_dir, "streams.db"))


def bar_count(data_dir, symbol, timespan="day"):
    with db(data_dir) as c:
        return c.execute("SELECT COUNT(*) FROM bars WHERE symbol=? AND timespan=?", (symbol, timespan)).fetchone()[0]


def aggs_requests(server, symbol):
    return [r for r in server.requests if f"/v2/aggs/ticker/{symbol}/" in r[1]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    args = ap.parse_args()
    if not shutil.which("openssl"):
        print("openssl not installed: skipped")
        return 77
    tmp = tempfile.mkdtemp(prefix="streams-ingest-sources-")
    cert, key = fakes.make_certificate(tmp)
    server = fakes.FakeServer(polygon_key=POLYGON_KEY, fred_key=FRED_KEY, av_key=AV_KEY, cert=cert, key=key,
                              page_size=50).start()
    streams = Streams(args.binary, tmp, server)
    try:
        t0 = time.monotonic()
        # ---- 1. the happy path, with the rate limit ------------------------------------------
        d1 = os.path.join(tmp, "happy")
        p = streams.run(d1, "polygon", "--symbols", "AAPL,MSFT", "--from", "2020-01-01", "--to", "2020-12-31",
                        "--rate", "600")
        check(p.returncode == 0, f"happy path exit {p.returncode}: {p.stderr[-2000:]}")
        check(bar_count(d1, "AAPL") == 253 and bar_count(d1, "MSFT") == 253,
              f"happy path bars {bar_count(d1, 'AAPL')}/{bar_count(d1, 'MSFT')} != 253")
        with db(d1) as c:
            close, volume = c.execute("SELECT close, volume FROM bars WHERE symbol='AAPL' AND ts=?",
                                      (1577923200000,)).fetchone()  # 2020-01-02 session key
            check(abs(close - 75.0875) < 1e-9, f"AAPL 2020-01-02 adjusted close {close} != 75.0875 (300.35 / 4)")
            check(abs(volume - 135647456) < 1e-6, f"AAPL 2020-01-02 adjusted volume {volume}")
            name, industry = c.execute("SELECT name, industry FROM instruments WHERE symbol='AAPL'").fetchone()
            check((name, industry) == ("Apple Inc.", "ELECTRONIC COMPUTERS"), f"AAPL instrument {name}, {industry}")
            split = c.execute("SELECT date, value FROM events WHERE symbol='AAPL' AND kind='split'").fetchall()
            check(len(split) == 1 and abs(split[0][1] - 4.0) < 1e-12, f"AAPL splits {split}")
            dividends = c.execute("SELECT COUNT(*) FROM events WHERE symbol='AAPL' AND kind='dividend'").fetchone()[0]
            check(dividends == 4, f"AAPL dividends in 2020: {dividends} != 4")
            state = c.execute("SELECT value FROM ingest_state WHERE key='polygon:AAPL:1:day:adj'").fetchone()
            check(state is not None and state[0] == str(1609372800000), f"AAPL resume point {state}")
        pages = aggs_requests(server, "AAPL")
        check(len(pages) == 6, f"AAPL aggregates pages {len(pages)} != 6 (253 bars / 50)")
        times = sorted(r[0] for r in server.requests)
        gaps = [b - a for a, b in zip(times, times[1:])]
        # 600/min with a burst of 1 = one request per 100 ms. Arrival times at the server jitter with
        # connect + TLS handshake time on a busy machine, so a single gap proves little; the span of
        # all requests must be at least (n - 1) × 100 ms, and no two may arrive together.
        check(min(gaps) >= 0.005, f"rate limit 600/min not obeyed: smallest gap {min(gaps):.3f} s")
        check(times[-1] - times[0] >= 0.1 * (len(times) - 1) - 0.05, f"rate limit: {len(times)} requests in {times[-1] - times[0]:.2f} s")
        check("done" in p.stderr and "AAPL" in p.stderr, "no progress lines")
        print(f"happy path: {len(server.requests)} requests, min gap {min(gaps):.3f} s, {time.monotonic() - t0:.1f} s")

        # ---- 2. every transient fault ends in the same bars ------------------------------------
        server.clear()
        d2 = os.path.join(tmp, "faults")
        server.add_fault("/v2/aggs/ticker/AAPL/", "429", skip=1, retry_after=1)   # page 2: 429, Retry-After 1 s
        server.add_fault("/v2/aggs/ticker/AAPL/", "500", skip=2)                  # page 3: 500
        server.add_fault("cursor=150", "drop")                                    # page 4: connection dropped
        server.add_fault("cursor=200", "truncated")                               # page 5: body cut short
        server.add_fault("cursor=250", "slow", delay=2.5)                         # page 6: past the 1.5 s timeout
        server.add_fault("/v3/reference/splits", "500", times=2)
        p = streams.run(d2, "polygon", "--symbols", "AAPL", "--from", "2020-01-01", "--to", "2020-12-31")
        check(p.returncode == 0, f"faults run exit {p.returncode}: {p.stderr[-3000:]}")
        check(bar_count(d2, "AAPL") == 253, f"faults run bars {bar_count(d2, 'AAPL')} != 253")
        reqs = aggs_requests(server, "AAPL")
        statuses = [r[2] for r in reqs]
        check(statuses.count(429) == 1 and statuses.count(500) == 1 and statuses.count("drop") == 1
              and statuses.count("truncated") == 1, f"faults not all served: {statuses}")
        i429 = statuses.index(429)
        check(reqs[i429 + 1][0] - reqs[i429][0] >= 0.95, "Retry-After: 1 not honoured")
        for word in ("HTTP 429", "HTTP 500", "connection closed before the response was complete", "timed out"):
            check(word in p.stderr, f"no log line about '{word}'")
        print(f"faults: {statuses}")

        # ---- 3. give up half-way, then resume --------------------------------------------------
        server.clear()
        d3 = os.path.join(tmp, "resume")
        server.add_fault("cursor=100", "drop", times=100)
        p = streams.run(d3, "polygon", "--symbols", "AAPL", "--from", "2020-01-01", "--to", "2020-12-31", "--no-reference")
        check(p.returncode == 1, f"interrupted run exit {p.returncode} (expected 1)")
        check(bar_count(d3, "AAPL") == 100, f"interrupted run kept {bar_count(d3, 'AAPL')} bars (expected 100)")
        check("failed: AAPL" in p.stderr, "interrupted run does not name the failed symbol")
        server.clear()
        p = streams.run(d3, "polygon", "--symbols", "AAPL", "--from", "2020-01-01", "--to", "2020-12-31", "--no-reference")
        check(p.returncode == 0, f"resumed run exit {p.returncode}: {p.stderr[-2000:]}")
        check("(resumed)" in p.stderr, "resumed run does not say so")
        first = aggs_requests(server, "AAPL")[0][1]
        check("/2020-05-26/2020-12-31" in first, f"resume did not start at the last committed bar: {first}")
        with db(d3) as c:
            n, distinct = c.execute("SELECT COUNT(*), COUNT(DISTINCT ts) FROM bars WHERE symbol='AAPL'").fetchone()
        check(n == 253 and distinct == 253, f"after resume {n} bars, {distinct} distinct (expected 253)")

        # ---- 3b. kill -9 in the middle of a backfill, then rerun -------------------------------
        server.clear()
        d3b = os.path.join(tmp, "killed")
        env = dict(os.environ, STREAMS_RETRY_BACKOFF_MS="50")
        env.pop("POLYGON_API_KEY", None)
        proc = subprocess.Popen([args.binary, "--config", streams.config, "ingest", "polygon", "--symbols", "AAPL",
                                 "--from", "2020-01-01", "--to", "2020-12-31", "--no-reference", "--rate", "120",
                                 "--data-dir", d3b], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        deadline = time.monotonic() + 30
        killed_at = 0
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                killed_at = bar_count(d3b, "AAPL")
            except sqlite3.Error:
                killed_at = 0
            if killed_at >= 50:
                proc.kill()  # SIGKILL
                break
            time.sleep(0.02)
        proc.wait()
        OUTPUTS.append(proc.stdout.read())
        check(proc.returncode == -9 and 50 <= killed_at < 253, f"kill -9 came too late: rc {proc.returncode}, {killed_at} bars")
        p = streams.run(d3b, "polygon", "--symbols", "AAPL", "--from", "2020-01-01", "--to", "2020-12-31", "--no-reference")
        with db(d3b) as c:
            n, distinct = c.execute("SELECT COUNT(*), COUNT(DISTINCT ts) FROM bars WHERE symbol='AAPL'").fetchone()
        check(p.returncode == 0 and "(resumed)" in p.stderr and n == 253 and distinct == 253,
              f"after kill -9 and rerun: rc {p.returncode}, {n} bars, {distinct} distinct")

        # ---- 3c. through the Redis ingest buffer, with Redis killed and restarted mid-ingest ----
        if shutil.which("redis-server"):
            server.clear()
            state = os.path.join(tmp, "redis-state")
            script = os.path.join(HERE, "..", "services", "redis.py")
            subprocess.run([sys.executable, script, "start", "--state-dir", state], check=True, stdout=subprocess.DEVNULL)
            redis_env = dict(l.strip().split("=", 1) for l in open(os.path.join(state, "redis.env")))
            d3c = os.path.join(tmp, "buffered")
            env = dict(os.environ, STREAMS_RETRY_BACKOFF_MS="50", STREAMS_REDIS_URL=redis_env["STREAMS_TEST_REDIS_URL"])
            env.pop("POLYGON_API_KEY", None)
            cmd = [args.binary, "--config", streams.config, "ingest", "polygon", "--symbols", "AAPL,MSFT", "--from",
                   "2020-01-01", "--to", "2020-12-31", "--no-reference", "--rate", "240", "--data-dir", d3c]
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    if bar_count(d3c, "AAPL") + bar_count(d3c, "MSFT") >= 100:
                        break
                except sqlite3.Error:
                    pass
                time.sleep(0.02)
            os.kill(int(open(os.path.join(state, "redis", "redis.pid")).read()), 9)
            time.sleep(1.0)
            subprocess.run([sys.executable, script, "start", "--state-dir", state, "--port",
                            redis_env["STREAMS_TEST_REDIS_PORT"]], check=True, stdout=subprocess.DEVNULL)
            try:
                out, _ = proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, _ = proc.communicate()
                check(False, "ingest through the Redis buffer hung after Redis came back")
            OUTPUTS.append(out)
            check(proc.returncode in (0, 1), f"buffered run exit {proc.returncode}: {out[-1500:]}")
            check("Redis ingest buffer" in out, "the buffered run did not use the Redis buffer")
            if proc.returncode == 1:  # pages lost with the non-persistent Redis: said so, fetched again
                check("were not committed from the ingest buffer" in out, f"lost pages not reported: {out[-800:]}")
                p = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env)
                OUTPUTS.append(p.stdout + p.stderr)
                check(p.returncode == 0, f"buffered rerun exit {p.returncode}: {p.stderr[-800:]}")
            with db(d3c) as c:
                n, distinct = c.execute("SELECT COUNT(*), COUNT(DISTINCT symbol || ts) FROM bars").fetchone()
            check(n == 506 and distinct == 506, f"through the Redis buffer: {n} bars, {distinct} distinct (expected 506)")
            subprocess.run([sys.executable, script, "stop", "--state-dir", state], stdout=subprocess.DEVNULL)
            print(f"redis buffer: first run exit {proc.returncode}, {n} bars in the end")

        # ---- 4. malformed JSON: a clear error with the URL, key redacted ----------------------
        server.clear()
        d4 = os.path.join(tmp, "malformed")
        server.add_fault("/v2/aggs/ticker/AAPL/", "malformed", times=100)
        p = streams.run(d4, "polygon", "--symbols", "AAPL", "--from", "2020-01-01", "--to", "2020-12-31", "--no-reference")
        check(p.returncode == 1, f"malformed run exit {p.returncode}")
        check("not valid JSON" in p.stderr and "apiKey=****" in p.stderr and "/v2/aggs/ticker/AAPL/range/1/day" in p.stderr,
              f"malformed body message unclear: {p.stderr[-1500:]}")

        # ---- 5. minute bars --------------------------------------------------------------------
        server.clear()
        server.page_size = 1000
        p = streams.run(d4, "polygon", "--symbols", "AAPL", "--from", "2019-02-11", "--to", "2019-02-15",
                        "--timespan", "minute", "--no-reference")
        check(p.returncode == 0, f"minute run exit {p.returncode}: {p.stderr[-1500:]}")
        check(bar_count(d4, "AAPL", "minute") == 1948, f"minute bars {bar_count(d4, 'AAPL', 'minute')} != 1948")
        server.page_size = 50

        # ---- 5b. upcoming market holidays ------------------------------------------------------
        p = streams.run(d4, "polygon", "--holidays")
        check(p.returncode == 0 and "2022-05-30 NYSE    closed       Memorial Day" in p.stdout,
              f"holidays: {p.stdout[:300]} {p.stderr[-300:]}")

        # ---- 6. FRED and events ----------------------------------------------------------------
        d6 = os.path.join(tmp, "macro")
        p = streams.run(d6, "fred", "--series", "CPIAUCSL")
        check(p.returncode == 0, f"fred exit {p.returncode}: {p.stderr[-1000:]}")
        with db(d6) as c:
            n, last = c.execute("SELECT COUNT(*), MAX(date) FROM macro WHERE series='CPIAUCSL'").fetchone()
            first_value = c.execute("SELECT value FROM macro WHERE series='CPIAUCSL' ORDER BY date LIMIT 1").fetchone()[0]
        check(n == 903 and abs(first_value - 21.48) < 1e-12, f"FRED CPIAUCSL {n} points, first {first_value}")
        p = streams.run(d6, "fred", "--series", "NOSUCHSERIES")
        check(p.returncode != 0 and "does not exist" in p.stderr and "api_key=****" in p.stderr,
              f"unknown FRED series message: {p.stderr[-800:]}")
        p = streams.run(d6, "fred", "--csv", os.path.join(HERE, "..", "fakes", "data", "CPIAUCSL.csv"))
        check(p.returncode == 0 and "903 unchanged" in p.stdout, f"FRED CSV re-import not unchanged: {p.stdout} {p.stderr[-500:]}")
        events_csv = os.path.join(tmp, "earnings.csv")
        with open(events_csv, "w") as f:
            f.write("symbol,date,kind,time_of_day\nAAPL,2020-01-28,earnings,amc\nMSFT,2020-01-29,earnings,amc\n")
        p = streams.run(d6, "events", events_csv)
        check(p.returncode == 0 and "2 inserted" in p.stdout, f"events CSV: {p.stdout} {p.stderr[-500:]}")
        p = streams.run(d6, "events", "--alphavantage", "AAPL")
        check(p.returncode == 0 and "4 events: 3 inserted" in p.stdout, f"Alpha Vantage events: {p.stdout} {p.stderr[-500:]}")
        with db(d6) as c:
            rows = c.execute("SELECT date, time_of_day FROM events WHERE symbol='AAPL' AND kind='earnings' ORDER BY date").fetchall()
        check([r[0] for r in rows] == ["2020-01-28", "2020-04-30", "2020-07-30", "2020-10-29"], f"AAPL earnings rows {rows}")
        check(all(r[1] == "amc" for r in rows), f"AAPL earnings time of day {rows}")

        # ---- 7. TLS verification stays on: without the CA file the fake's certificate is refused
        os.makedirs(os.path.join(tmp, "untrusting"))
        untrusting = Streams(args.binary, os.path.join(tmp, "untrusting"), server, retries=0)
        with open(untrusting.config) as f:
            text = f.read()
        with open(untrusting.config, "w") as f:
            f.write("\n".join(l for l in text.splitlines() if not l.startswith("ca_file")) + "\n")
        p = untrusting.run(os.path.join(tmp, "untrusted"), "polygon", "--symbols", "AAPL", "--from", "2020-01-01",
                           "--to", "2020-01-31", "--no-reference")
        check(p.returncode != 0 and "TLS handshake" in p.stderr and "certificate verify failed" in p.stderr,
              f"an untrusted certificate was not refused: {p.returncode} {p.stderr[-600:]}")

        # ---- 8. no key anywhere ----------------------------------------------------------------
        everything = "\n".join(OUTPUTS)
        for secret in (POLYGON_KEY, FRED_KEY, AV_KEY):
            check(secret not in everything, f"an API key appears in streams' output ({secret[:6]}…)")
        check("apiKey=****" in everything, "debug log shows no redacted URL (the grep would prove nothing)")
        print(f"ingest_sources_test: {len(OUTPUTS)} runs, {time.monotonic() - t0:.1f} s")
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    if FAILURES:
        print(f"{len(FAILURES)} failure(s)", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
