#!/usr/bin/env python3
"""Integration test of the live WebSocket (GET /api/v1/live) of the real `streams serve`.

Starts `streams serve --port 0` on a temporary data dir (demo data imported), the simulated feed
replaying 2024-03-01 at 10× (--live-start, so that it behaves the same at any hour), then over
real WebSocket connections (tests/integration/ws_client.py):
  - the handshake, the "connected" status, a plain GET (426);
  - subscribe → status + snapshots; trades and 1 s / 1 min bars with the documented fields, final
    1 s bars strictly increasing in time per symbol, OHLC consistent; the streamed sma(5) equals
    the mean of the last five closes the client saw;
  - malformed messages, unknown channels, unknown symbols and the subscription limit → error
    messages, and the connection keeps working;
  - a slow client (tiny receive window, not reading) → its bars are conflated and trades dropped,
    as its next heartbeat reports, while a fast client on the same server keeps up;
  - SIGTERM with live connections open → exit 0, and the minute bars are in the store
    (GET /api/v1/bars?timespan=minute).
Python 3 standard library only.
"""

import argparse
import ctypes
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ws_client import WsClient, WsError  # noqa: E402

FAILURES = []
CHECKS = 0


def check(condition, what):
    global CHECKS
    CHECKS += 1
    if not condition:
        FAILURES.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def die_with_parent():
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(1, signal.SIGKILL)


def start_server(binary, data_dir, demo_dir, web_root, extra):
    args = [binary, "serve", "--auth-mode", "optional", "--port", "0", "--host", "127.0.0.1", "--data-dir", data_dir, "--demo-dir", demo_dir,
            "--web-root", web_root, "--threads", "2", "--no-access-log", *extra]
    env = dict(os.environ)
    env.pop("PORT", None)
    env.pop("POLYGON_API_KEY", None)
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                            preexec_fn=die_with_parent)
    lines = queue.Queue()
    log = []

    def reader():
        for line in proc.stdout:
            log.append(line.rstrip("\n"))
            lines.put(line)
        lines.put(None)

    threading.Thread(target=reader, daemon=True).start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        if line is None:
            raise RuntimeError("streams serve exited:\n" + "\n".join(log[-20:]))
        m = re.search(r"streams listening on http://127\.0\.0\.1:(\d+)", line)
        if m:
            return proc, int(m.group(1)), log
    raise RuntimeError("streams serve did not start:\n" + "\n".join(log[-20:]))


def get_json(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def test_handshake_and_plain_get(port):
    status, body = get_json(port, "/api/v1/live")
    check(status == 426 and body["error"]["code"] == "upgrade_required", f"plain GET /api/v1/live: {status} {body}")
    ws = WsClient("127.0.0.1", port)
    first = ws.messages()
    check(first[0]["type"] == "status" and first[0]["status"] == "connected", f"first message: {first}")
    feed = first[0]["feed"]
    check(feed["source"] == "simulated" and feed["mode"] in ("live", "replay"), f"feed: {feed}")
    check(first[0]["limits"]["max_subscriptions"] == 200, f"limits: {first[0]['limits']}")
    ws.close()


def test_stream_shapes_and_indicator(port):
    ws = WsClient("127.0.0.1", port)
    ws.messages()
    ws.send({"type": "subscribe", "symbols": ["AAPL", "MSFT"], "channels": ["trades", "bars1s", "bars1m"],
             "indicators": ["sma(timeperiod=5)"]})
    status, seen = ws.wait_for(lambda m: m["type"] in ("status", "error"), 10, "the subscribed status")
    check(status["status"] == "subscribed", f"status: {status}")
    subs = {s["symbol"]: s["channels"] for s in status["subscriptions"]}
    check(subs == {"AAPL": ["trades", "bars1s", "bars1m"], "MSFT": ["trades", "bars1s", "bars1m"]}, f"subs: {subs}")
    closes = {"AAPL": [], "MSFT": []}
    last_t = {"AAPL": None, "MSFT": None}
    counts = {"snapshots": 0, "trades": 0, "partial_minutes": 0, "indicator_checks": 0}

    def handle(m):
        t = m["type"]
        if t == "snapshot":
            counts["snapshots"] += 1
            bars = m["bars"]
            check(len(bars["t"]) == len(bars["close"]) == len(bars["vwap"]), "snapshot columns")
            check(all(a < b for a, b in zip(bars["t"], bars["t"][1:])), "snapshot times ascending")
            if m["channel"] == "bars1s":
                closes[m["symbol"]] = list(bars["close"])
                last_t[m["symbol"]] = bars["t"][-1] if bars["t"] else None
                check(len(m["indicators"]["sma(timeperiod=5)"]["real"]) == len(bars["t"]), "snapshot indicator")
        elif t == "trade":
            counts["trades"] += 1
            check(set(m) == {"type", "symbol", "t", "price", "size"}, f"trade fields: {m}")
            check(m["symbol"] in ("AAPL", "MSFT") and m["price"] > 0 and m["size"] >= 1, f"trade: {m}")
        elif t == "bar":
            check({"channel", "symbol", "t", "open", "high", "low", "close", "volume", "vwap", "trades",
                   "final"} <= set(m), f"bar fields: {m}")
            check(m["low"] <= min(m["open"], m["close"]) and m["high"] >= max(m["open"], m["close"]),
                  f"bar OHLC: {m}")
            check(m["t"] % (1000 if m["channel"] == "bars1s" else 60000) == 0, f"bar alignment: {m}")
            if m["channel"] == "bars1m" and not m["final"]:
                counts["partial_minutes"] += 1
            if m["channel"] == "bars1s":
                check(m["final"], f"1 s bars are final: {m}")
                s = m["symbol"]
                check(last_t[s] is None or m["t"] > last_t[s], f"1 s bar times increase: {last_t[s]} then {m['t']}")
                last_t[s] = m["t"]
                closes[s].append(m["close"])
                value = m["indicators"]["sma(timeperiod=5)"]["real"]
                if len(closes[s]) >= 5:
                    expected = sum(closes[s][-5:]) / 5
                    check(value is not None and abs(value - expected) <= 1e-9 * expected,
                          f"sma(5) of {s}: {value} vs {expected}")
                    counts["indicator_checks"] += 1
        elif t == "error":
            check(False, f"unexpected error: {m}")

    for m in seen:
        handle(m)
    deadline = time.monotonic() + 12
    while time.monotonic() < deadline and (counts["indicator_checks"] < 3 or counts["trades"] < 20
                                           or counts["partial_minutes"] < 1):
        for m in ws.messages():
            handle(m)
    snapshots, trades = counts["snapshots"], counts["trades"]
    indicator_checks, partial_minutes = counts["indicator_checks"], counts["partial_minutes"]
    check(snapshots == 4, f"one snapshot per bar channel and symbol: {snapshots}")
    check(trades >= 20, f"trades arrive: {trades}")
    check(indicator_checks >= 3, f"sma(5) checked on final bars: {indicator_checks}")
    check(partial_minutes >= 1, f"partial minute bars arrive: {partial_minutes}")
    ws.close()


def test_errors_and_limits(port):
    status, instruments = get_json(port, "/api/v1/instruments")
    symbols = [i["symbol"] for i in instruments["symbols"]] if isinstance(instruments, dict) and "symbols" in instruments \
        else [i["symbol"] for i in instruments.get("instruments", [])] if isinstance(instruments, dict) else []
    ws = WsClient("127.0.0.1", port)
    ws.messages()
    cases = [
        ("{not json", "bad_message"),
        ({"type": "subscribe", "symbols": ["AAPL"], "channels": ["quotes!"]}, "unknown_channel"),
        ({"type": "subscribe", "symbols": ["NOPE1"], "channels": ["trades"]}, "unknown_symbol"),
        ({"type": "subscribe", "symbols": ["AAPL"], "channels": ["bars1s"], "indicators": ["cdldoji"]}, "bad_indicator"),
        ({"type": "dance"}, "bad_message"),
    ]
    for message, code in cases:
        ws.send(message)
        m, _ = ws.wait_for(lambda m: m["type"] in ("error", "status"), 5, f"the answer to {message}")
        check(m["type"] == "error" and m["code"] == code, f"{message} → {m}")
    if len(symbols) >= 101:
        ws.send({"type": "subscribe", "symbols": symbols[:101], "channels": ["trades", "bars1s"]})
        m, _ = ws.wait_for(lambda m: m["type"] in ("error", "status"), 5, "the limit error")
        check(m["type"] == "error" and m["code"] == "too_many_subscriptions" and "at most 200" in m["message"],
              f"limit: {m}")
    else:
        check(False, f"instruments for the limit test: {len(symbols)}")
    # The connection still works after the errors.
    ws.send({"type": "ping"})
    m, _ = ws.wait_for(lambda m: m["type"] in ("heartbeat", "error"), 5, "the ping answer")
    check(m["type"] == "heartbeat", f"ping: {m}")
    ws.close()
    return symbols


def test_slow_client_conflation(port, symbols):
    slow = WsClient("127.0.0.1", port, rcvbuf=4096)
    fast = WsClient("127.0.0.1", port)
    slow.messages()
    fast.messages()
    chosen = symbols[:100]
    slow.send({"type": "subscribe", "symbols": chosen, "channels": ["trades", "bars1s"]})
    fast.send({"type": "subscribe", "symbols": chosen[:1], "channels": ["bars1s"]})
    fast.wait_for(lambda m: m["type"] == "status", 5, "fast subscribed")
    # The slow client does not read; the fast one keeps receiving fresh bars meanwhile.
    fast_bars = 0
    deadline = time.monotonic() + 25
    reported = None
    first_read = True
    while time.monotonic() < deadline:
        m, _ = fast.wait_for(lambda m: m["type"] == "bar", 5, "fast bars")
        fast_bars += 1
        if time.monotonic() > deadline - 23 and first_read and fast_bars >= 4:
            # After a few seconds of not reading, drain the slow client until a heartbeat reports losses.
            first_read = False
            end = time.monotonic() + 15
            while time.monotonic() < end:
                try:
                    hb, _ = slow.wait_for(lambda m: m["type"] == "heartbeat", 3, "slow heartbeat")
                except WsError:
                    continue
                if hb["dropped"] > 0 or hb["conflated"] > 0:
                    reported = hb
                    break
            break
    check(fast_bars >= 4, f"the fast client kept receiving bars: {fast_bars}")
    check(reported is not None, "a heartbeat of the slow client reports conflated or dropped messages")
    if reported:
        print(f"slow client: dropped {reported['dropped']}, conflated {reported['conflated']}")
    slow.close()
    fast.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--demo-dir", required=True)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="streams-live-test-")
    proc = None
    try:
        web_root = os.path.join(tmp, "web")
        os.makedirs(web_root)
        with open(os.path.join(web_root, "index.html"), "w") as f:
            f.write("<!doctype html><title>streams</title>")
        proc, port, log = start_server(args.binary, os.path.join(tmp, "data"), args.demo_dir, web_root,
                                       ["--live-start", "2024-03-02T12:00:00Z", "--live-speed", "10",
                                        "--live-rate", "8", "--live-heartbeat-ms", "500"])
        test_handshake_and_plain_get(port)
        test_stream_shapes_and_indicator(port)
        symbols = test_errors_and_limits(port)
        test_slow_client_conflation(port, symbols)
        # Minute bars reach the store once a minute has closed (every 6 s at 10×).
        open_ws = WsClient("127.0.0.1", port)
        open_ws.messages()
        deadline = time.monotonic() + 20
        stored = 0
        while time.monotonic() < deadline:
            status, body = get_json(port, "/api/v1/bars?symbols=AAPL&timespan=minute&from=2024-03-01&to=2024-03-01")
            if status == 200:
                stored = len(body["series"][0]["t"]) if body.get("series") else 0
                if stored > 0:
                    break
            time.sleep(1)
        check(stored > 0, f"minute bars of the live feed are stored: {stored} (last status {status}: {str(body)[:300]})")
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=15)
        check(code == 0, f"exit status after SIGTERM with a live connection open: {code}\n" + "\n".join(log[-10:]))
        open_ws.sock.close()
    except Exception as e:  # noqa: BLE001
        import traceback
        traceback.print_exc()
        FAILURES.append(f"exception: {e}")
    finally:
        if proc and proc.poll() is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{CHECKS} checks, {len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
