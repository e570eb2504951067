#!/usr/bin/env python3
"""A fake of polygon.io's real-time stocks WebSocket (wss://socket.polygon.io/stocks) for tests.

Speaks the documented protocol (../shared/data/polygon/websocket/websocket-spec.json): its status
frames are the recorded ones in tests/fakes/data/{spec,mock}_*.json and its trades have the fields of
mock_T_AAPL.json, over TLS with a throwaway certificate, through a minimal
RFC 6455 server written on the standard library (handshake, text frames, masked client frames,
ping → pong, close). Every frame it sends is a JSON array of events, as polygon batches them:
  on connect  [{"ev":"status","status":"connected","message":"Connected Successfully"}]
  auth        {"action":"auth","params":KEY} → auth_success, or auth_failed and the socket closed
  subscribe   {"action":"subscribe","params":"T.AAPL,…"} → one "subscribed to: X" status per channel
  then        frames of T events (1–3 per subscribed symbol, "sym/x/i/z/p/s/c/t/q" as documented),
              stamped with the real clock.
Scripted faults, one Plan per connection (the last plan repeats): max_connections on connect,
malformed frames between the trade frames (not JSON, not an array, a mistyped price, an unknown
"ev"), and dropping the connection (no close frame) after the trade frames.

It records what happened: `events` (("connect", n), ("auth", n, ok), ("subscribe", n, params),
("drop", n)) and `trades` (every T event sent, with its connection number).
Use it as a module: PolygonWsServer(api_key, cert, key, plans).start(); make_certificate() is in
polygon_fred_server.py.
"""

import base64
import hashlib
import json
import os
import random
import socket
import ssl
import struct
import threading
import time

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def recorded(name):
    """A recorded frame of tests/fakes/data (polygon's spec and client-python's mock server)."""
    with open(os.path.join(DATA, name)) as f:
        return f.read().strip()


CONNECTED = recorded("mock_status_connected.json")
AUTH_SUCCESS = recorded("mock_status_auth_success.json")
MAX_CONNECTIONS = recorded("spec_status_max_connections.json")
SUBSCRIBED = json.loads(recorded("spec_status_subscribe.json"))[0]          # "subscribed to: T.MSFT"
TRADE = json.loads(recorded("mock_T_AAPL.json"))[0]                         # the shape of a T event
MALFORMED = [
    "this is not JSON {",
    '{"ev":"T","sym":"AAPL","p":1.0,"s":1,"t":0}',                      # not an array
    '[{"ev":"T","sym":"AAPL","p":"187.10","s":100,"t":%(t)d}]',         # price is a string
    '[{"ev":"T","sym":"AAPL","s":100,"t":%(t)d}]',                      # no price
]
UNKNOWN_EV = '[{"ev":"XYZ","sym":"AAPL","t":%(t)d}]'                    # an event kind nobody asked for


class Plan:
    def __init__(self, trade_frames=20, interval=0.1, malformed_every=0, drop=False, max_connections=False):
        self.trade_frames, self.interval = trade_frames, interval
        self.malformed_every, self.drop, self.max_connections = malformed_every, drop, max_connections


class Closed(Exception):
    pass


class PolygonWsServer:
    def __init__(self, api_key, cert, key, plans=None, seed=7):
        self.api_key = api_key
        self.plans = plans or [Plan()]
        self.events, self.trades, self.malformed_sent = [], [], 0
        self.lock = threading.Lock()
        self.rng = random.Random(seed)
        self.prices = {}
        self.sequence = 0
        self.connections = 0
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"wss://127.0.0.1:{self.port}/stocks"

    def start(self):
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self):
        self.sock.close()

    def record(self, *event):
        with self.lock:
            self.events.append(event)

    def count(self, kind):
        with self.lock:
            return sum(1 for e in self.events if e[0] == kind)

    # ---- transport ------------------------------------------------------------------------
    def _accept(self):
        while True:
            try:
                raw, _ = self.sock.accept()
            except OSError:
                return
            with self.lock:
                n = self.connections
                self.connections += 1
            threading.Thread(target=self._serve, args=(raw, n), daemon=True).start()

    def _serve(self, raw, n):
        try:
            conn = self.context.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError):
            raw.close()
            return
        try:
            self._session(Ws(conn), n)
        except (Closed, OSError, ssl.SSLError):
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass

    # ---- protocol -------------------------------------------------------------------------
    def _session(self, ws, n):
        ws.handshake()
        self.record("connect", n)
        plan = self.plans[min(n, len(self.plans) - 1)]
        if plan.max_connections:
            ws.send(MAX_CONNECTIONS)
            ws.close()
            return
        ws.send(CONNECTED)
        auth = json.loads(ws.recv())
        ok = auth.get("action") == "auth" and auth.get("params") == self.api_key
        self.record("auth", n, ok)
        if not ok:
            ws.send(json.dumps([{"ev": "status", "status": "auth_failed", "message": "authentication failed"}]))
            ws.close()
            return
        ws.send(AUTH_SUCCESS)
        sub = json.loads(ws.recv())
        params = sub.get("params", "")
        self.record("subscribe", n, params)
        channels = [p for p in params.split(",") if p]
        ws.send(json.dumps([dict(SUBSCRIBED, message=f"subscribed to: {c}") for c in channels]))
        symbols = [c[2:] for c in channels if c.startswith("T.")]
        for i in range(plan.trade_frames):
            ws.send(self._trade_frame(n, symbols))
            if plan.malformed_every and i % plan.malformed_every == plan.malformed_every - 1:
                k = (i // plan.malformed_every) % (len(MALFORMED) + 1)
                text = (MALFORMED + [UNKNOWN_EV])[k] % {"t": int(time.time() * 1000)}
                if k < len(MALFORMED):
                    with self.lock:
                        self.malformed_sent += 1
                ws.send(text)
            time.sleep(plan.interval)
        if plan.drop:
            self.record("drop", n)
            ws.drop()
            return
        while True:  # idle: answer pings until the client goes
            ws.recv()

    def _trade_frame(self, n, symbols):
        events = []
        with self.lock:
            t = int(time.time() * 1000)
            for sym in symbols:
                for _ in range(self.rng.randint(1, 3)):
                    price = self.prices.get(sym, 100.0 + 10 * len(self.prices))
                    price = round(max(1.0, price + self.rng.choice([-1, 1]) * self.rng.randint(0, 25) / 100), 2)
                    self.prices[sym] = price
                    self.sequence += 1
                    event = dict(TRADE, sym=sym, i=str(self.sequence), p=price, s=self.rng.randint(1, 500), t=t,
                                 q=self.sequence)
                    events.append(event)
                    self.trades.append((n, event))
        return json.dumps(events)


class Ws:
    """The server side of one RFC 6455 connection (text messages only, no extensions)."""

    def __init__(self, conn):
        self.conn = conn
        self.buf = b""

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.conn.recv(65536)
            if not chunk:
                raise Closed()
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def handshake(self):
        while b"\r\n\r\n" not in self.buf:
            chunk = self.conn.recv(4096)
            if not chunk:
                raise Closed()
            self.buf += chunk
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        headers = {}
        for line in head.decode("latin-1").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        key = headers.get("sec-websocket-key", "")
        accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        self.conn.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Accept: {accept}\r\n\r\n").encode())

    def _frame(self, opcode, payload):
        head = bytes([0x80 | opcode])
        if len(payload) < 126:
            head += bytes([len(payload)])
        elif len(payload) < 65536:
            head += bytes([126]) + struct.pack("!H", len(payload))
        else:
            head += bytes([127]) + struct.pack("!Q", len(payload))
        self.conn.sendall(head + payload)

    def send(self, text):
        self._frame(0x1, text.encode())

    def recv(self):
        """The next text message; answers pings; Closed on a close frame."""
        message = b""
        while True:
            b0, b1 = self._read(2)
            opcode, length = b0 & 0x0F, b1 & 0x7F
            if length == 126:
                length = struct.unpack("!H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", self._read(8))[0]
            mask = self._read(4) if b1 & 0x80 else b"\0\0\0\0"
            payload = bytes(c ^ mask[i % 4] for i, c in enumerate(self._read(length)))
            if opcode == 0x8:
                self._frame(0x8, payload[:2])
                raise Closed()
            if opcode == 0x9:
                self._frame(0xA, payload)
                continue
            if opcode in (0x1, 0x2, 0x0):
                message += payload
                if b0 & 0x80:
                    return message.decode()

    def close(self):
        self._frame(0x8, struct.pack("!H", 1000))

    def drop(self):
        """Hang up without a close frame, as a dropped connection does."""
        self.conn.shutdown(socket.SHUT_RDWR)
