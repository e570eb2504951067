#!/usr/bin/env python3
"""Integration test of `streams stream --feed polygon` against the fake polygon.io WebSocket.

The fake (tests/fakes/polygon_ws_server.py) runs in this process over TLS with a throwaway
certificate; streams trusts it through STREAMS_CA_FILE / [sources] ca_file (verification stays on).
A store with AAPL and MSFT daily bars (data/demo) is imported first. Checks:
  - a wrong key → auth_failed: exit status 1 within seconds, a clear message, one connection only
    (no reconnect storm), the wrong key in no output;
  - max_connections on connect → exit status 1, one connection only;
  - the happy path with faults, timed to span a minute boundary: trades in frames (batches of
    events), malformed frames (not JSON, not an array, mistyped and missing price) and an unknown
    "ev" in between, then the connection dropped mid-stream → streams reconnects, authenticates and
    subscribes again (the fake sees both), ticks flow again: every trade the fake sent went through
    the pipeline, the malformed frames are counted, and the stored minute bars (timespan=minute) of
    the closed minute equal the OHLCV / vwap / count of the trades the fake sent in it;
  - the API key never appears in any output (debug logging on).
Usage: polygon_feed_test.py --binary build/release/src/app/streams --demo-dir data/demo
"""
import argparse
import ctypes
import queue
import signal
import threading
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fakes"))
import polygon_fred_server  # noqa: E402  (make_certificate)
sys.path.insert(0, HERE)
from ws_client import WsClient  # noqa: E402
from polygon_ws_server import Plan, PolygonWsServer  # noqa: E402

KEY = "pk_SECRET_live_ws_0123456789"
WRONG_KEY = "pk_WRONG_live_ws_9876543210"
FAILURES = []
OUTPUTS = []


def check(condition, what):
    if not condition:
        FAILURES.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def stream(binary, data_dir, server, env_key=None, env_ca=None, config=None, duration=20, extra=(), timeout=90):
    env = dict(os.environ)
    for k in ("POLYGON_API_KEY", "STREAMS_REDIS_URL", "STREAMS_DATABASE_URL", "STREAMS_LIVE_FEED", "STREAMS_CA_FILE"):
        env.pop(k, None)
    if env_key:
        env["POLYGON_API_KEY"] = env_key
    if env_ca:
        env["STREAMS_CA_FILE"] = env_ca
    args = [binary]
    if config:
        args += ["--config", config]
    args += ["--log-level", "debug", "stream", "--data-dir", data_dir, "--feed", "polygon",
             "--polygon-ws-url", server.url, "--polygon-symbols", "AAPL,MSFT", "--duration", str(duration), *extra]
    started = time.monotonic()
    p = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)
    OUTPUTS.append(p.stdout + p.stderr)
    return p, time.monotonic() - started


def write_config(tmp, key, cert):
    path = os.path.join(tmp, f"streams-{abs(hash(key))}.toml")
    with open(path, "w") as f:
        f.write(f'[polygon]\napi_key = "{key}"\n[sources]\nca_file = "{cert}"\n')
    return path


def expected_minute_bars(trades, minute_ms):
    """The aggregation of live/aggregator.h over the trades in one minute, in arrival order."""
    out = {}
    for _, e in trades:
        if e["t"] // 60000 * 60000 != minute_ms:
            continue
        b = out.setdefault(e["sym"], {"open": e["p"], "high": e["p"], "low": e["p"], "close": e["p"],
                                      "volume": 0.0, "pv": 0.0, "trades": 0})
        b["high"], b["low"], b["close"] = max(b["high"], e["p"]), min(b["low"], e["p"]), e["p"]
        b["volume"] += e["s"]
        b["pv"] += e["p"] * e["s"]
        b["trades"] += 1
    for b in out.values():
        b["vwap"] = b["pv"] / b["volume"]
    return out


def test_bad_auth(binary, data_dir, tmp, cert, key_file):
    server = PolygonWsServer(KEY, cert, key_file).start()
    config = write_config(tmp, WRONG_KEY, cert)
    p, seconds = stream(binary, data_dir, server, config=config, duration=30)
    out = p.stdout + p.stderr
    check(p.returncode == 1, f"bad auth: exit {p.returncode} (want 1): {out[-1500:]}")
    check(seconds < 15, f"bad auth: streams gave up after {seconds:.1f} s (want < 15 s of a 30 s run)")
    check("auth_failed" in out and "not reconnecting" in out, f"bad auth: no clear message: {out[-1500:]}")
    time.sleep(2)
    check(server.count("connect") == 1, f"bad auth: {server.count('connect')} connections (want 1: no retry storm)")
    check(server.events[:2] == [("connect", 0), ("auth", 0, False)], f"bad auth events: {server.events}")
    server.stop()


def test_max_connections(binary, data_dir, tmp, cert, key_file):
    server = PolygonWsServer(KEY, cert, key_file, [Plan(max_connections=True)]).start()
    p, seconds = stream(binary, data_dir, server, config=write_config(tmp, KEY, cert), duration=30)
    out = p.stdout + p.stderr
    check(p.returncode == 1 and "max_connections" in out, f"max_connections: exit {p.returncode}: {out[-1500:]}")
    check(seconds < 15, f"max_connections: gave up after {seconds:.1f} s")
    time.sleep(2)
    check(server.count("connect") == 1, f"max_connections: {server.count('connect')} connections (want 1)")
    check(server.count("auth") == 0, "max_connections: no auth sent")
    server.stop()


def test_stream_with_faults(binary, data_dir, cert, key_file):
    # Start ~10 s before a minute boundary so that one minute closes during the run.
    while not (48.0 <= time.time() % 60 < 51.0):
        time.sleep(0.2)
    plans = [Plan(trade_frames=30, interval=0.2, malformed_every=5, drop=True),  # ~6 s, then dropped
             Plan(trade_frames=40, interval=0.2, malformed_every=10)]            # ~8 s, then idle
    server = PolygonWsServer(KEY, cert, key_file, plans).start()
    # The key and the CA file from the environment this time (the other cases use the config file).
    p, _ = stream(binary, data_dir, server, env_key=KEY, env_ca=cert, duration=20,
                  extra=["--polygon-lateness-ms", "3000"])
    out = p.stdout + p.stderr
    check(p.returncode == 0, f"stream: exit {p.returncode}: {out[-3000:]}")
    # Reconnected and resubscribed after the drop.
    auths = [e for e in server.events if e[0] == "auth"]
    subs = [e for e in server.events if e[0] == "subscribe"]
    check(("drop", 0) in server.events, f"the fake dropped connection 0: {server.events}")
    check(len(auths) == 2 and all(ok for _, _, ok in auths), f"two successful auths: {server.events}")
    check([s[2] for s in subs] == ["T.AAPL,T.MSFT"] * 2, f"two subscriptions: {subs}")
    check("reconnecting in" in out, "the reconnect is logged")
    sent_after_reconnect = [t for t in server.trades if t[0] == 1]
    check(len(sent_after_reconnect) > 0, "trades sent after the reconnect")
    # Every trade went through: the pipeline's count equals what the fake sent.
    m = re.search(r"streams stream stopped after (\d+) trades", out)
    check(m is not None and int(m.group(1)) == len(server.trades),
          f"trades through the pipeline {m.group(1) if m else None} != sent {len(server.trades)}")
    # Malformed frames counted and survived; the unknown event ignored.
    m = re.search(r"polygon: (\d+) connections, (\d+) authentications, \d+ frames, (\d+) trades, \d+ quotes, "
                  r"\d+ aggregates, (\d+) ignored events, (\d+) malformed frames", out)
    check(m is not None, f"the feed's final stats line: {out[-2000:]}")
    if m:
        connections, authentications, trades, ignored, malformed = map(int, m.groups())
        check(connections == 2 and authentications == 2, f"stats connections/auths {connections}/{authentications}")
        check(trades == len(server.trades), f"stats trades {trades} != {len(server.trades)}")
        check(malformed == server.malformed_sent and malformed >= 5, f"malformed {malformed} != sent {server.malformed_sent}")
        check(ignored >= 1, f"the unknown event kind is ignored and counted: {ignored}")
    check(out.count("malformed frame dropped") == server.malformed_sent, "each malformed frame is logged")
    if not server.trades:
        check(False, f"the fake sent no trades: {out[-3000:]}")
        return
    # The closed minute's stored bars equal the aggregation of the trades the fake sent in it.
    first_minute = server.trades[0][1]["t"] // 60000 * 60000
    last_t = server.trades[-1][1]["t"]
    check(last_t >= first_minute + 60000, "the trades span a minute boundary (test timing)")
    want = expected_minute_bars(server.trades, first_minute)
    with sqlite3.connect(os.path.join(data_dir, "streams.db")) as c:
        rows = c.execute("SELECT symbol, open, high, low, close, volume, vwap, trades FROM bars "
                         "WHERE timespan='minute' AND ts=?", (first_minute,)).fetchall()
        later = c.execute("SELECT COUNT(*) FROM bars WHERE timespan='minute' AND ts>?", (first_minute,)).fetchone()[0]
    got = {r[0]: dict(zip(("open", "high", "low", "close", "volume", "vwap", "trades"), r[1:])) for r in rows}
    check(set(got) == {"AAPL", "MSFT"} == set(want), f"minute bars stored for {sorted(got)} (want AAPL, MSFT)")
    for sym in set(got) & set(want):
        for field in ("open", "high", "low", "close", "volume", "vwap", "trades"):
            g, w = got[sym][field], want[sym][field]
            check(abs(g - w) <= 1e-9 * max(1.0, abs(w)), f"{sym} minute {first_minute} {field}: stored {g} != {w}")
    check(later == 0, f"the open minute is not stored as final: {later} later bars")
    print(f"stream: {len(server.trades)} trades over 2 connections, {server.malformed_sent} malformed frames, "
          f"minute {first_minute}: {want}")
    server.stop()


def die_with_parent():
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)


def test_serve(binary, data_dir, tmp, cert, key_file):
    """`streams serve --feed polygon`: the live WebSocket says "polygon" and carries the fake's trades."""
    server = PolygonWsServer(KEY, cert, key_file, [Plan(trade_frames=150, interval=0.1)]).start()
    web_root = os.path.join(tmp, "web")
    os.makedirs(web_root, exist_ok=True)
    env = dict(os.environ, POLYGON_API_KEY=KEY, STREAMS_CA_FILE=cert)
    for k in ("PORT", "STREAMS_REDIS_URL", "STREAMS_DATABASE_URL", "STREAMS_LIVE_FEED"):
        env.pop(k, None)
    proc = subprocess.Popen([binary, "--log-level", "debug", "serve", "--auth-mode", "optional", "--port", "0",
                             "--host", "127.0.0.1", "--data-dir", data_dir, "--web-root", web_root, "--threads", "2",
                             "--no-access-log", "--no-live-persist", "--feed", "polygon", "--polygon-ws-url",
                             server.url, "--polygon-symbols", "AAPL,MSFT"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                            preexec_fn=die_with_parent)
    lines, log = queue.Queue(), []

    def reader():
        for line in proc.stdout:
            log.append(line)
            lines.put(line)
        lines.put(None)

    threading.Thread(target=reader, daemon=True).start()
    port = None
    deadline = time.monotonic() + 60
    while port is None and time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        if line is None:
            break
        m = re.search(r"streams listening on http://127\.0\.0\.1:(\d+)", line)
        port = int(m.group(1)) if m else None
    try:
        check(port is not None, f"serve --feed polygon did not start: {''.join(log[-20:])}")
        if port is None:
            return
        ws = WsClient("127.0.0.1", port)
        ws.messages()
        ws.send({"type": "subscribe", "symbols": ["AAPL"], "channels": ["trades"]})
        trade, _ = ws.wait_for(lambda m: m["type"] == "trade", 20, "a trade from the polygon feed")
        sent = {(e["t"], e["p"], e["s"]) for _, e in server.trades if e["sym"] == "AAPL"}
        check((trade["t"], trade["price"], trade["size"]) in sent, f"the trade came from the fake: {trade}")
        time.sleep(1.5)  # the feed's status reaches the hub once a second
        ws.send({"type": "ping"})
        beat, _ = ws.wait_for(lambda m: m["type"] == "heartbeat", 10, "the heartbeat answering the ping")
        check(beat["feed"]["source"] == "polygon" and beat["feed"]["mode"] == "live" and beat["feed"]["symbols"] == 2,
              f"the feed is labelled polygon, live, 2 symbols: {beat['feed']}")
        ws.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        time.sleep(0.2)
        OUTPUTS.append("".join(log))
        server.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--demo-dir", required=True)
    args = ap.parse_args()
    if not shutil.which("openssl"):
        print("openssl not installed: skipped")
        return 77
    tmp = tempfile.mkdtemp(prefix="streams-polygon-ws-")
    try:
        cert, key_file = polygon_fred_server.make_certificate(tmp)
        data_dir = os.path.join(tmp, "data")
        prices = os.path.join(args.demo_dir, "prices")
        p = subprocess.run([args.binary, "ingest", "csv", os.path.join(prices, "AAPL.csv.gz"),
                            os.path.join(prices, "MSFT.csv.gz"), "--data-dir", data_dir],
                           capture_output=True, text=True, timeout=120)
        check(p.returncode == 0, f"ingest csv: {p.stderr[-1000:]}")
        test_bad_auth(args.binary, data_dir, tmp, cert, key_file)
        test_max_connections(args.binary, data_dir, tmp, cert, key_file)
        test_serve(args.binary, data_dir, tmp, cert, key_file)
        test_stream_with_faults(args.binary, data_dir, cert, key_file)
        for out in OUTPUTS:
            check(KEY not in out and WRONG_KEY not in out, "an API key appears in the output")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if FAILURES:
        print(f"{len(FAILURES)} failure(s)", file=sys.stderr)
        return 1
    print("polygon feed: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
