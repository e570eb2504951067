#!/usr/bin/env python3
"""Integration test of `streams serve`: the real binary on a free loopback port, over HTTP.

Starts `streams serve --port 0 --data-dir <tmp>` (the demo data is imported on first start), waits
for the "listening on" line, and checks every endpoint with real values from data/demo, the error
answers, keep-alive, the body limit, gzip, static files and path traversal, then SIGTERM → exit 0.
A second start on the same data dir must not import again. The temp dir and the child process are
removed in every case (the child also dies with this script: PR_SET_PDEATHSIG).

Usage: serve_test.py --binary build/release/src/app/streams --demo-dir data/demo
Python 3 standard library only.
"""

import argparse
import ctypes
import gzip
import http.client
import json
import urllib.parse
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

FAILURES = []
CHECKS = 0


def check(condition, what):
    global CHECKS
    CHECKS += 1
    if not condition:
        FAILURES.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def close_enough(a, b, rel=1e-12):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


def die_with_parent():
    # Runs in the child before exec: SIGKILL it when this script dies, however it dies.
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class Server:
    """A running `streams serve`, its log lines collected by a reader thread."""

    def __init__(self, binary, data_dir, demo_dir, web_root, extra=()):
        args = [binary, "serve", "--port", "0", "--host", "127.0.0.1", "--auth-mode", "optional", "--data-dir", data_dir,
                "--demo-dir", demo_dir, "--web-root", web_root, "--threads", "2", *extra]
        self.lines = []
        self._queue = queue.Queue()
        env = dict(os.environ)
        env.pop("PORT", None)
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     env=env, preexec_fn=die_with_parent)
        threading.Thread(target=self._read, daemon=True).start()
        self.port = None

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            self._queue.put(line)
        self._queue.put(None)

    def wait_listening(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.5)
            except queue.Empty:
                continue
            if line is None:
                raise RuntimeError("streams serve exited before listening:\n" + "\n".join(self.lines[-20:]))
            m = re.search(r"streams listening on http://127\.0\.0\.1:(\d+)", line)
            if m:
                self.port = int(m.group(1))
                return self.port
        raise RuntimeError(f"no 'listening on' line within {timeout} s:\n" + "\n".join(self.lines[-20:]))

    def terminate(self, timeout=8):
        """SIGTERM; returns (exit code, seconds taken)."""
        start = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=timeout)
        return code, time.monotonic() - start

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def request(port, method, target, headers=None, body=None, conn=None):
    own = conn is None
    if own:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request(method, target, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    result = (response.status, {k.lower(): v for k, v in response.getheaders()}, data)
    if own:
        conn.close()
    return result


def get_json(port, target, expect=200):
    status, headers, data = request(port, "GET", target)
    check(status == expect, f"GET {target}: status {status}, expected {expect}: {data[:300]!r}")
    check(headers.get("content-type", "").startswith("application/json"), f"GET {target}: content type {headers.get('content-type')}")
    try:
        return json.loads(data)
    except ValueError:
        check(False, f"GET {target}: body is not JSON: {data[:200]!r}")
        return {}


def expect_error(port, target, status, code, fragment):
    doc = get_json(port, target, expect=status)
    err = doc.get("error", {}) if isinstance(doc, dict) else {}
    check(err.get("code") == code, f"GET {target}: error code {err.get('code')!r}, expected {code!r}")
    check(fragment in err.get("message", ""), f"GET {target}: message {err.get('message')!r} lacks {fragment!r}")


def check_api(port):
    # --- health, readiness, metrics, contract
    check(get_json(port, "/healthz") == {"status": "ok"}, "/healthz body")
    ready = get_json(port, "/readyz")
    check(ready.get("status") == "ok", f"/readyz status {ready}")
    check(ready.get("components", {}).get("store", {}).get("status") == "ok", f"/readyz store {ready}")
    spec = get_json(port, "/api/v1/openapi.json")
    check(spec.get("openapi", "").startswith("3."), "openapi version")
    for path in ("/api/v1/bars", "/api/v1/instruments", "/api/v1/sectors", "/api/v1/macro", "/api/v1/macro/{series}",
                 "/healthz", "/readyz", "/metrics"):
        check(path in spec.get("paths", {}), f"openapi lacks {path}")

    # --- instruments and sectors (data/demo/instruments.csv: 208 symbols)
    instruments = get_json(port, "/api/v1/instruments")
    check(instruments.get("count") == 208 and len(instruments.get("instruments", [])) == 208,
          f"instruments count {instruments.get('count')}")
    aapl = next((i for i in instruments.get("instruments", []) if i["symbol"] == "AAPL"), None)
    check(aapl is not None and aapl["name"] == "Apple Inc." and aapl["sector"] == "Information Technology"
          and aapl["industry"] == "Technology Hardware, Storage & Peripherals", f"AAPL instrument {aapl}")
    check(aapl is not None and set(aapl) == {"symbol", "name", "sector", "industry", "exchange", "currency"},
          f"instrument fields {aapl}")
    tech = get_json(port, "/api/v1/instruments?sector=Information%20Technology")
    check(tech.get("count", 0) > 5 and all(i["sector"] == "Information Technology" for i in tech["instruments"]),
          "sector filter")
    apple = get_json(port, "/api/v1/instruments?q=apple")
    check([i["symbol"] for i in apple.get("instruments", [])] == ["AAPL"], f"q=apple → {apple}")
    sectors = get_json(port, "/api/v1/sectors").get("sectors", [])
    check(sum(s["count"] for s in sectors) == 208, "sector counts sum to 208")
    check(all(sum(i["count"] for i in s["industries"]) == s["count"] for s in sectors), "industry counts sum per sector")
    it = next((s for s in sectors if s["sector"] == "Information Technology"), None)
    check(it is not None and it["count"] == tech.get("count"), "sectors and instruments agree")

    # --- the acceptance check: AAPL around its 4:1 split of 2020-08-31
    raw = get_json(port, "/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-09-01&adjust=none")
    s = raw.get("series", [{}])[0]
    check(raw.get("timespan") == "day" and raw.get("adjust") == "none", "bars header")
    check(s.get("t") == ["2020-08-27", "2020-08-28", "2020-08-31", "2020-09-01"], f"AAPL dates {s.get('t')}")
    check(s.get("close") == [500.04, 499.23, 129.04, 134.18], f"AAPL as traded closes {s.get('close')}")
    check(s.get("volume") == [38888096, 46907479, 223505733, 152470142], f"AAPL volumes {s.get('volume')}")
    check(s.get("open") == [508.57, 504.05, 127.58, 132.76], f"AAPL opens {s.get('open')}")
    adj = get_json(port, "/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-09-01&adjust=splits")
    a = adj.get("series", [{}])[0]
    check(adj.get("adjust") == "splits", "adjust=splits echoed")
    for i, (before, after) in enumerate(zip(s.get("close", []), a.get("close", []))):
        expected = before / 4 if i < 2 else before
        check(close_enough(after, expected), f"split-adjusted close[{i}] {after} != {expected}")
    for i, (before, after) in enumerate(zip(s.get("volume", []), a.get("volume", []))):
        expected = before * 4 if i < 2 else before
        check(close_enough(after, expected), f"split-adjusted volume[{i}] {after} != {expected}")
    check(get_json(port, "/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-09-01") == adj, "splits is the default")
    # adjust=all equals Alpha Vantage's adj_close (data/demo/prices/AAPL.csv) on these days
    full = get_json(port, "/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-09-01&adjust=all")["series"][0]
    for got, expected in zip(full["close"], [124.607672504, 124.405824223, 128.624702503, 133.74816012]):
        check(close_enough(got, expected, 1e-6), f"adjust=all close {got} != adj_close {expected}")

    # two symbols, a year, request order
    two = get_json(port, "/api/v1/bars?symbols=MSFT,AAPL&from=2020-01-01&to=2020-12-31")
    check([x["symbol"] for x in two.get("series", [])] == ["MSFT", "AAPL"], "series in request order")
    check(all(len(x["t"]) == 253 for x in two.get("series", [])), "253 sessions in 2020")
    msft = two["series"][0]
    i = msft["t"].index("2020-08-28")
    check(msft["close"][i] == 228.91 and msft["high"][i] == 230.644 and msft["low"][i] == 226.58, "MSFT 2020-08-28")
    check(all(len(msft[k]) == len(msft["t"]) for k in ("open", "high", "low", "close", "volume")), "columns align")

    # 1-minute bars (data/demo/intraday/1min/JPM.csv.gz, 2019-02-11: 390 rows)
    minute = get_json(port, "/api/v1/bars?symbols=JPM&timespan=minute&from=2019-02-11&to=2019-02-11&adjust=none")
    m = minute.get("series", [{}])[0]
    check(minute.get("timespan") == "minute" and len(m.get("t", [])) == 390, f"JPM minutes: {len(m.get('t', []))}")
    check(all(re.fullmatch(r"2019-02-11T\d\d:\d\d:00Z", t) for t in m.get("t", [])), "minute timestamps are ISO UTC")
    check(m.get("close", [None])[0] == 101.85, f"JPM first minute close {m.get('close', [None])[0]}")

    # macro
    macro = get_json(port, "/api/v1/macro")
    names = [x["series"] for x in macro.get("series", [])]
    check(names == ["CPIAUCSL", "FEDFUNDS"], f"macro list {names}")
    cpi = get_json(port, "/api/v1/macro/CPIAUCSL?from=2020-01-01&to=2020-03-01")
    check(cpi == {"series": "CPIAUCSL", "t": ["2020-01-01", "2020-02-01", "2020-03-01"],
                  "value": [258.682, 259.007, 258.165]}, f"CPIAUCSL 2020Q1 {cpi}")
    expect_error(port, "/api/v1/macro/NOPE", 404, "not_found", "NOPE")

    # --- errors
    expect_error(port, "/api/v1/bars?symbols=NOPE", 404, "not_found", "unknown symbol 'NOPE'")
    expect_error(port, "/api/v1/bars?symbols=AAPL,ZZZZ&from=2020-01-02", 404, "not_found", "'ZZZZ'")
    expect_error(port, "/api/v1/bars", 400, "missing_parameter", "'symbols'")
    expect_error(port, "/api/v1/bars?symbols=AAPL&from=2020-02-31", 400, "invalid_parameter", "'from'")
    expect_error(port, "/api/v1/bars?symbols=AAPL&to=20200101", 400, "invalid_parameter", "'to'")
    expect_error(port, "/api/v1/bars?symbols=AAPL&from=2020-09-01&to=2020-08-01", 400, "invalid_parameter", "'from'")
    many = ",".join(x["symbol"] for x in instruments["instruments"][:21])
    expect_error(port, f"/api/v1/bars?symbols={many}", 400, "limit_exceeded", "at most 20 symbols")
    expect_error(port, "/api/v1/bars?symbols=AAPL&foo=1", 400, "unknown_parameter", "unknown parameter 'foo'")
    expect_error(port, "/api/v1/bars?symbols=AAPL&timespan=week", 400, "invalid_parameter", "'timespan'")
    expect_error(port, "/api/v1/bars?symbols=AAPL&adjust=yes", 400, "invalid_parameter", "'adjust'")
    expect_error(port, "/api/v1/bars?symbols=AA%24PL", 400, "invalid_parameter", "'symbols'")
    expect_error(port, "/api/v1/nothing", 404, "not_found", "/api/v1/nothing")
    status, headers, data = request(port, "POST", "/api/v1/bars?symbols=AAPL", body=b"{}")
    check(status == 405 and headers.get("allow") == "GET, HEAD", f"POST bars → {status} allow={headers.get('allow')}")

    # --- gzip
    plain_status, plain_headers, plain = request(port, "GET", "/api/v1/bars?symbols=AAPL,MSFT&from=2020-01-01&to=2020-12-31")
    status, headers, zipped = request(port, "GET", "/api/v1/bars?symbols=AAPL,MSFT&from=2020-01-01&to=2020-12-31",
                                      headers={"Accept-Encoding": "gzip"})
    check(headers.get("content-encoding") == "gzip", f"gzip when accepted: {headers}")
    check("content-encoding" not in plain_headers, "no gzip unless accepted")
    check(gzip.decompress(zipped) == plain and len(zipped) < len(plain) * 0.6, "gzip body decodes to the plain body")
    status, headers, zipped_again = request(port, "GET", "/api/v1/bars?symbols=AAPL,MSFT&from=2020-01-01&to=2020-12-31",
                                            headers={"Accept-Encoding": "gzip"})
    check(zipped_again == zipped, "cached gzip body is the same")

    # --- metrics reflect the traffic
    status, headers, data = request(port, "GET", "/metrics")
    text = data.decode()
    check(status == 200 and headers.get("content-type", "").startswith("text/plain"), "metrics content type")
    check(re.search(r'streams_http_requests_total\{route="/api/v1/bars",status="200"\} \d+', text) is not None,
          "metrics count bars 200")
    check(re.search(r'streams_http_requests_total\{route="/api/v1/bars",status="400"\} \d+', text) is not None,
          "metrics count bars 400")
    check('streams_http_request_duration_seconds_bucket{route="/api/v1/bars",le="+Inf"}' in text, "latency histogram")
    check(re.search(r'streams_cache_requests_total\{result="hit"\} [1-9]', text) is not None, "cache hits counted")



def check_analyze(port, source_dir):
    # The analytics engine over HTTP equals the TA-Lib/statsmodels goldens: the reference input
    # MSFT.csv is the first 600 as-traded sessions of the bundled MSFT prices.
    ref_dir = os.path.join(source_dir, "src/analytics/tests/data/reference")
    with open(os.path.join(ref_dir, "MSFT.talib.json")) as f:
        talib = json.load(f)
    ops = ["sma", "rsi(timeperiod=7)", "macd", "bbands(timeperiod=20,nbdevup=2,nbdevdn=2,matype=0)", "cdldoji"]
    target = ("/api/v1/analyze?symbols=MSFT&from=2011-04-21&to=2013-09-10&adjust=none&"
              + "&".join("op=" + urllib.parse.quote(op) for op in ops))
    doc = get_json(port, target)
    check(list(doc.keys()) == ops, f"analyze keys in request order: {list(doc.keys())}")
    for op in ops:
        for name, expected in talib[op].items():
            got = doc.get(op, {}).get(name, [])
            check(len(got) == len(expected), f"analyze {op}.{name}: length {len(got)} != {len(expected)}")
            bad = [i for i, (a, b) in enumerate(zip(expected, got))
                   if (a is None) != (b is None) or (a is not None and not close_enough(a, b, 1e-9))]
            check(not bad, f"analyze {op}.{name}: first mismatch at {bad[:1]}")
    expect_error(port, "/api/v1/analyze?symbols=MSFT", 400, "missing_parameter", "'op'")
    expect_error(port, "/api/v1/analyze?symbols=MSFT&op=rsi(timeperiod=0)", 400, "invalid_parameter", "timeperiod")
    expect_error(port, "/api/v1/analyze?symbols=MSFT&op=nosuchop", 400, "invalid_parameter", "nosuchop")
    expect_error(port, "/api/v1/analyze?symbols=NOPE&op=sma", 404, "not_found", "NOPE")
    corr = get_json(port, "/api/v1/analyze?symbols=MSFT,XOM,JPM&op=corr")["corr"]
    check(corr["symbols"] == ["MSFT", "XOM", "JPM"], f"corr symbols {corr['symbols']}")
    check(all(abs(corr["matrix"][i][i] - 1) < 1e-12 for i in range(3)), "corr diagonal is 1")

def check_transport(port):
    # keep-alive: several requests over one connection (the same socket throughout)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.connect()
    sock = conn.sock
    for target in ("/healthz", "/api/v1/sectors", "/api/v1/bars?symbols=AAPL&from=2020-08-27&to=2020-08-28", "/healthz"):
        status, headers, _ = request(port, "GET", target, conn=conn)
        check(status == 200, f"keep-alive {target}: {status}")
        check(headers.get("connection", "keep-alive").lower() != "close", f"keep-alive {target}: connection closed")
    check(conn.sock is sock, "keep-alive reused one socket")
    conn.close()

    # body limit: 2 MB announced → 413 before the body is read
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"POST /api/v1/bars HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 2000000\r\n\r\n" + b"x" * 65536)
        head = s.recv(4096).decode(errors="replace")
        check(head.startswith("HTTP/1.1 413"), f"oversized body: {head[:80]!r}")
        check("payload_too_large" in head, "413 body names payload_too_large")

    # header limit
    status, _, _ = request(port, "GET", "/healthz", headers={"X-Big": "a" * 20000})
    check(status == 431, f"oversized header: {status}")

    # path traversal: as-is and encoded; never a file outside the web root
    for target in ("/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2f..%2fetc%2fpasswd",
                   "/..%5c..%5cetc%5cpasswd", "/index.html%00.js"):
        status, _, data = request(port, "GET", target)
        check(status in (400, 404), f"traversal {target}: {status}")
        check(b"root:" not in data, f"traversal {target}: leaked a file")


def check_static(port, web_root):
    status, headers, data = request(port, "GET", "/")
    check(status == 200 and data == b"<!doctype html><title>streams test</title>", f"GET / → {status}")
    check(headers.get("content-type") == "text/html; charset=utf-8", "index content type")
    check(headers.get("cache-control") == "no-cache", f"index cache-control {headers.get('cache-control')}")
    etag = headers.get("etag")
    status, headers, data = request(port, "GET", "/", headers={"If-None-Match": etag})
    check(status == 304 and data == b"", f"If-None-Match → {status}")
    status, headers, data = request(port, "GET", "/assets/app-4f3c2a.js")
    check(status == 200 and data == b"console.log('streams')", "asset body")
    check(headers.get("content-type") == "text/javascript; charset=utf-8", "asset content type")
    check(headers.get("cache-control") == "public, max-age=31536000, immutable", "asset cache-control")
    status, headers, data = request(port, "GET", "/assets/app-4f3c2a.js", headers={"Accept-Encoding": "gzip"})
    check(headers.get("content-encoding") == "gzip" and gzip.decompress(data) == b"console.log('streams')",
          "precompressed .gz sibling")
    status, headers, data = request(port, "GET", "/overview")
    check(status == 200 and b"streams test" in data, f"SPA fallback → {status}")
    status, _, _ = request(port, "GET", "/missing.css")
    check(status == 404, f"missing file → {status}")
    status, headers, data = request(port, "GET", "/favicon.ico")
    check(status == 200 and headers.get("content-type") == "image/x-icon" and data[:4] == b"\0\0\1\0", "favicon")


def make_web_root(base):
    root = os.path.join(base, "web")
    os.makedirs(os.path.join(root, "assets"))
    with open(os.path.join(root, "index.html"), "wb") as f:
        f.write(b"<!doctype html><title>streams test</title>")
    with open(os.path.join(root, "assets", "app-4f3c2a.js"), "wb") as f:
        f.write(b"console.log('streams')")
    with open(os.path.join(root, "assets", "app-4f3c2a.js.gz"), "wb") as f:
        f.write(gzip.compress(b"console.log('streams')"))
    with open(os.path.join(base, "secret.txt"), "wb") as f:
        f.write(b"root:x:0:0")
    return root


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--demo-dir", required=True)
    args = parser.parse_args()

    base = tempfile.mkdtemp(prefix="streams-serve-test-")
    servers = []
    try:
        web_root = make_web_root(base)
        data_dir = os.path.join(base, "var")

        started = time.monotonic()
        server = Server(args.binary, data_dir, args.demo_dir, web_root)
        servers.append(server)
        port = server.wait_listening(timeout=240)
        print(f"streams serve listening on port {port} after {time.monotonic() - started:.1f} s (demo import)")
        check(any("importing demo data" in line for line in server.lines), "first start imports the demo data")

        check_api(port)
        check_analyze(port, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
        check_transport(port)
        check_static(port, web_root)
        check(any(re.search(r"GET /healthz 200 \d+B \d+us", line) for line in server.lines), "access log lines")

        # SIGTERM with a kept-alive idle connection open: clean exit 0, promptly
        idle = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        request(port, "GET", "/healthz", conn=idle)
        code, seconds = server.terminate()
        check(code == 0, f"SIGTERM exit code {code}")
        check(seconds < 5, f"SIGTERM took {seconds:.1f} s")
        check(any("received SIGTERM" in line for line in server.lines), "SIGTERM logged")
        idle.close()

        # A second start reuses the store: no import, same data.
        server2 = Server(args.binary, data_dir, args.demo_dir, web_root, extra=["--no-access-log"])
        servers.append(server2)
        port2 = server2.wait_listening(timeout=60)
        check(not any("importing demo data" in line for line in server2.lines), "second start does not re-import")
        again = get_json(port2, "/api/v1/bars?symbols=AAPL&from=2020-08-28&to=2020-08-28&adjust=none")
        check(again.get("series", [{}])[0].get("close") == [499.23], "data survives a restart")
        check(not any("GET /api/v1/bars" in line for line in server2.lines), "--no-access-log")
        code, _ = server2.terminate()
        check(code == 0, f"second SIGTERM exit code {code}")
    except Exception:  # noqa: BLE001 — report and fail
        traceback.print_exc()
        FAILURES.append("exception")
        for s in servers:
            print("--- server log (last 30 lines):\n" + "\n".join(s.lines[-30:]), file=sys.stderr)
    finally:
        for s in servers:
            s.kill()
        shutil.rmtree(base, ignore_errors=True)

    print(f"{CHECKS} checks, {len(FAILURES)} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
