#!/usr/bin/env python3
"""A local fake of polygon.io REST, FRED and Alpha Vantage — a test double for the internet only.

Serves, over HTTPS (a throwaway self-signed certificate made by the test) or plain HTTP, the
providers' documented wire formats built from the real data in tests/fakes/data/ (see its README):
  polygon  GET /v2/aggs/ticker/{T}/range/{m}/{day|minute}/{from}/{to}?adjusted=&sort=asc&limit=
           (pages of `page_size` bars linked by next_url ?cursor=N, like polygon's, without the key)
           GET /v3/reference/tickers/{T}, /v3/reference/splits?ticker=, /v3/reference/dividends?ticker=,
           GET /v1/marketstatus/upcoming
  FRED     GET /fred/series/observations?series_id=&api_key=&file_type=json
  AV       GET /query?function=EARNINGS&symbol=&apikey=
Every request must carry the expected key (polygon apiKey, FRED api_key, AV apikey), else 401.

Scripted faults, chosen per test: FakeServer.add_fault(match, kind, times=1, skip=0, ...) where
`match` is a substring of the request path+query and kind is one of
  429        status 429 with Retry-After: <retry_after> seconds
  500        status 500
  malformed  200 with a body that is not JSON
  truncated  200 whose body stops at half its Content-Length, then the connection closes
  slow       the answer is delayed by <delay> seconds
  drop       the connection is closed before any answer
Every request is logged in FakeServer.requests as (arrival monotonic time, path+query, status);
clear() forgets the log, and answers still in flight from before it are not logged after it.

Use it as a module (FakeServer(...).start()) or run it: polygon_fred_server.py --port 0 [--cert C --key K].
Python 3 standard library only.
"""
import csv
import datetime
import http.server
import json
import os
import socket
import ssl
import sys
import threading
import time
import urllib.parse
import zoneinfo

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
NAMES = {"AAPL": "Apple Inc.", "MSFT": "Microsoft Corporation"}


def ny_midnight_ms(date_text):
    d = datetime.date.fromisoformat(date_text)
    return int(datetime.datetime(d.year, d.month, d.day, tzinfo=NEW_YORK).timestamp() * 1000)


def load_daily(symbol):
    """Rows of <SYMBOL>_2020_daily.csv as dicts with t (NY midnight ms)."""
    path = os.path.join(DATA, f"{symbol}_2020_daily.csv")
    if not os.path.exists(path):
        return []
    rows = []
    with open(path) as f:
        for r in csv.DictReader(f):
            rows.append({"date": r["date"], "t": ny_midnight_ms(r["date"]), "o": float(r["open"]),
                         "h": float(r["high"]), "l": float(r["low"]), "c": float(r["close"]),
                         "v": float(r["volume"]), "dividend": float(r["dividend"]), "split": float(r["split"])})
    return rows


def load_minute(symbol):
    path = os.path.join(DATA, f"{symbol}_2019-02_1min.csv")
    if not os.path.exists(path):
        return []
    rows = []
    with open(path) as f:
        for r in csv.DictReader(f):
            end = datetime.datetime.fromisoformat(r["datetime"])  # label = end of the minute
            t = int(end.timestamp() * 1000) - 60_000
            rows.append({"t": t, "o": float(r["open"]), "h": float(r["high"]), "l": float(r["low"]),
                         "c": float(r["close"]), "v": float(r["volume"])})
    return rows


def to_ms(text, end):
    if text.isdigit():
        return int(text)
    d = datetime.date.fromisoformat(text)
    start = int(datetime.datetime(d.year, d.month, d.day, tzinfo=datetime.timezone.utc).timestamp() * 1000)
    # A date bound covers the whole day in New York time (polygon's convention); be generous.
    return start + (2 * 86_400_000 if end else -86_400_000)


class Fault:
    def __init__(self, match, kind, times=1, skip=0, retry_after=1, delay=2.0):
        self.match, self.kind, self.times, self.skip = match, kind, times, skip
        self.retry_after, self.delay = retry_after, delay


class FakeServer:
    def __init__(self, polygon_key="test-polygon-key", fred_key="test-fred-key", av_key="test-av-key",
                 cert=None, key=None, page_size=50, port=0):
        self.keys = {"apiKey": polygon_key, "api_key": fred_key, "apikey": av_key}
        self.page_size = page_size
        self.faults = []
        self.requests = []
        self.generation = 0  # bumped by clear(): a slow answer to an earlier run is not logged in the next
        self.lock = threading.Lock()
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                fake._handle(self)

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # clients that time out or hang up (as the faults make them) are not errors

        self.httpd = Server(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.scheme = "http"
        if cert:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert, key)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.port = self.httpd.server_address[1]
        self.base_url = f"{self.scheme}://127.0.0.1:{self.port}"

    def start(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def add_fault(self, match, kind, **kw):
        with self.lock:
            self.faults.append(Fault(match, kind, **kw))

    def clear(self):
        with self.lock:
            self.faults.clear()
            self.requests.clear()
            self.generation += 1

    def _take_fault(self, target):
        with self.lock:
            for f in self.faults:
                if f.match in target and f.times > 0:
                    if f.skip > 0:
                        f.skip -= 1
                        continue
                    f.times -= 1
                    return f
        return None

    def _log(self, h, target, status):
        # Logged with the time the request arrived, so gaps measure the client, not our delays.
        with self.lock:
            if h.streams_generation == self.generation:
                self.requests.append((h.streams_arrival, target, status))

    # ---- dispatch ------------------------------------------------------------------------

    def _handle(self, h):
        target = h.path
        with self.lock:
            h.streams_arrival, h.streams_generation = time.monotonic(), self.generation
        parsed = urllib.parse.urlparse(target)
        query = dict(urllib.parse.parse_qsl(parsed.query))
        fault = self._take_fault(target)
        if fault and fault.kind == "drop":
            self._log(h, target, "drop")
            h.close_connection = True
            try:
                h.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if fault and fault.kind == "slow":
            time.sleep(fault.delay)
        if fault and fault.kind == "429":
            return self._send(h, target, 429, {"status": "ERROR", "error": "You've exceeded the maximum requests per minute"},
                              headers={"Retry-After": str(fault.retry_after)})
        if fault and fault.kind == "500":
            return self._send(h, target, 500, {"status": "ERROR", "error": "internal"})

        path = parsed.path
        try:
            if path.startswith("/v2/aggs/ticker/"):
                status, body = self._need("apiKey", query) or self._aggs(path, query)
            elif path.startswith("/v3/reference/tickers/"):
                status, body = self._need("apiKey", query) or self._ticker(path.rsplit("/", 1)[1])
            elif path == "/v3/reference/splits":
                status, body = self._need("apiKey", query) or self._splits(query.get("ticker", ""))
            elif path == "/v3/reference/dividends":
                status, body = self._need("apiKey", query) or self._dividends(query.get("ticker", ""))
            elif path == "/v1/marketstatus/upcoming":
                status, body = self._need("apiKey", query) or (200, self._sample("v1_marketstatus_upcoming.json"))
            elif path == "/fred/series/observations":
                status, body = self._need("api_key", query) or self._fred(query)
            elif path == "/query":
                status, body = self._need("apikey", query) or self._av(query)
            else:
                status, body = 404, {"status": "NOT_FOUND", "message": "no such endpoint in the fake"}
        except Exception as e:  # a bug in the fake: say so loudly
            status, body = 599, {"error": f"fake server error: {e!r}"}
        if fault and fault.kind == "malformed":
            return self._send(h, target, 200, None, raw=b'{"results": [{"t": 1, "o": oops')
        if fault and fault.kind == "truncated":
            data = json.dumps(body).encode()
            self._log(h, target, "truncated")
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(data)))
            h.end_headers()
            h.wfile.write(data[: len(data) // 2])
            h.wfile.flush()
            h.close_connection = True
            try:
                h.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self._send(h, target, status, body)

    def _send(self, h, target, status, body, headers=None, raw=None):
        data = raw if raw is not None else json.dumps(body).encode()
        self._log(h, target, status)
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(data)

    def _need(self, param, query):
        if query.get(param) != self.keys[param]:
            return 401, {"status": "ERROR", "error": "Unknown API Key"}
        return None

    def _sample(self, name):
        with open(os.path.join(DATA, "polygon", name)) as f:
            return json.load(f)

    # ---- polygon ---------------------------------------------------------------------------

    def _aggs(self, path, query):
        parts = path.split("/")  # ['', 'v2', 'aggs', 'ticker', T, 'range', m, timespan, from, to]
        ticker, multiplier, timespan, start, stop = parts[4], int(parts[6]), parts[7], parts[8], parts[9]
        if multiplier != 1 or timespan not in ("day", "minute"):
            return 400, {"status": "ERROR", "error": "the fake serves multiplier 1 of day or minute only"}
        adjusted = query.get("adjusted", "true") == "true"
        if timespan == "day":
            rows = load_daily(ticker)
            factor = 1.0
            bars = []
            for r in reversed(rows):  # split-adjust backwards from the newest bar
                bars.append({"v": r["v"] * factor if adjusted else r["v"], "vw": round(r["c"] / factor, 4),
                             "o": r["o"] / factor if adjusted else r["o"], "c": r["c"] / factor if adjusted else r["c"],
                             "h": r["h"] / factor if adjusted else r["h"], "l": r["l"] / factor if adjusted else r["l"],
                             "t": r["t"], "n": 1})
                if r["split"] != 1.0:
                    factor *= r["split"]
            bars.reverse()
        else:
            bars = [dict(r, n=1) for r in load_minute(ticker)]
        lo, hi = to_ms(start, False), to_ms(stop, True)
        bars = [b for b in bars if lo <= b["t"] <= hi]
        offset = int(query.get("cursor", "0"))
        page = bars[offset: offset + self.page_size]
        body = {"ticker": ticker, "queryCount": len(page), "resultsCount": len(page), "adjusted": adjusted,
                "status": "OK", "request_id": f"fake-{offset}"}
        if page:
            body["results"] = page
        if offset + self.page_size < len(bars):
            body["next_url"] = f"{self.base_url}/v2/aggs/ticker/{ticker}/range/1/{timespan}/{start}/{stop}?cursor={offset + self.page_size}"
        return 200, body

    def _ticker(self, ticker):
        if ticker not in NAMES:
            return 404, {"status": "NOT_FOUND", "request_id": "fake", "message": "Ticker not found."}
        body = self._sample("v3_reference_tickers_AAPL.json")
        body["results"]["ticker"] = ticker
        body["results"]["name"] = NAMES[ticker]
        if ticker != "AAPL":
            body["results"]["sic_description"] = "SERVICES-PREPACKAGED SOFTWARE"
        return 200, body

    def _splits(self, ticker):
        results = [{"execution_date": r["date"], "split_from": 1, "split_to": r["split"], "ticker": ticker}
                   for r in load_daily(ticker) if r["split"] != 1.0]
        return 200, {"status": "OK", "results": results}

    def _dividends(self, ticker):
        results = [{"cash_amount": r["dividend"], "ex_dividend_date": r["date"], "ticker": ticker, "dividend_type": "CD",
                    "frequency": 4} for r in load_daily(ticker) if r["dividend"] != 0.0]
        return 200, {"status": "OK", "results": results}

    # ---- FRED and Alpha Vantage ------------------------------------------------------------

    def _fred(self, query):
        series = query.get("series_id", "")
        path = os.path.join(DATA, f"{series}.csv")
        if query.get("file_type") != "json" or not os.path.exists(path):
            return 400, {"error_code": 400, "error_message": "Bad Request.  The series does not exist."}
        with open(path) as f:
            rows = list(csv.reader(f))[1:]
        return 200, {"realtime_start": "2022-04-01", "realtime_end": "2022-04-01", "count": len(rows),
                     "observations": [{"realtime_start": "2022-04-01", "realtime_end": "2022-04-01", "date": d, "value": v}
                                      for d, v in rows]}

    def _av(self, query):
        if query.get("function") != "EARNINGS":
            return 200, {"Error Message": "Invalid API call. Please retry or visit the documentation."}
        symbol = query.get("symbol", "")
        dates = {"AAPL": [("2019-12-31", "2020-01-28"), ("2020-03-31", "2020-04-30"), ("2020-06-30", "2020-07-30"),
                          ("2020-09-30", "2020-10-29")]}.get(symbol)
        if dates is None:
            return 200, {"Error Message": "Invalid API call. Please retry or visit the documentation for EARNINGS."}
        quarters = [{"fiscalDateEnding": f, "reportedDate": r, "reportedEPS": "None", "estimatedEPS": "None",
                     "surprise": "None", "surprisePercentage": "None", "reportTime": "post-market"}
                    for f, r in reversed(dates)]
        return 200, {"symbol": symbol, "annualEarnings": [], "quarterlyEarnings": quarters}


def make_certificate(directory):
    """A throwaway self-signed certificate for 127.0.0.1 (EC P-256); returns (cert, key) paths."""
    import subprocess
    cert, key = os.path.join(directory, "fake-cert.pem"), os.path.join(directory, "fake-key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return cert, key


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    args = ap.parse_args()
    server = FakeServer(cert=args.cert, key=args.key, port=args.port).start()
    print(f"fake polygon/FRED/Alpha Vantage on {server.base_url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
