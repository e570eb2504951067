#!/usr/bin/env python3
"""Integration test of users, sessions and favourites: the real `streams` binary over HTTP.

Two `streams serve` instances on one temporary SQLite store (a small demo subset: instruments and
three price files): A with the default expiries, B with short ones (idle 2 s, absolute 4 s) and a
low per-address throttle. Users are made with `streams user add --password-stdin`. Checked:

- the first start prints an admin password once (on the console, not in a log line); B prints none;
- the auth matrix: every endpoint x anonymous / signed-in user / another user (auth mode required),
  with the expected status for each, and another user's favourites are 404 and stay untouched;
- CSRF: every state-changing endpoint refuses a missing, wrong or other session's X-CSRF-Token;
- cookies: HttpOnly, SameSite=Lax, Path=/; sessions work across both instances;
- session fixation: a cookie sent before login is never accepted after it, login issues a new token;
- logout and password change end sessions; idle and absolute expiry on B;
- throttling: growing delays per user (429 + Retry-After even for the right password) and per address,
  the same answer for an unknown user and a wrong password;
- SQL-injection and script-injection strings in every field: refused where the field has a form,
  stored verbatim and returned JSON-escaped where it is free text; the tables survive;
- the store holds only hashes; no password, token, CSRF token or hash appears in any output of the
  servers or the CLI (the admin password only in its one console notice).

Usage: auth_test.py --binary build/release/src/app/streams --demo-dir data/demo
Python 3 standard library only.
"""

import argparse
import ctypes
import hashlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse

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
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


INJECTIONS = [
    "'; DROP TABLE users; --",
    "admin' OR '1'='1",
    "\" OR \"\"=\"",
    "1; DELETE FROM saved_views",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg/onload=alert(1)>",
    "Robert'); DROP TABLE sessions;--",
]


class Server:
    """A running `streams serve`; everything it writes goes to a file, read back for the grep."""

    def __init__(self, name, binary, data_dir, demo_dir, web_root, config, work):
        self.name = name
        self.out_path = os.path.join(work, f"{name}.out")
        self.err_path = os.path.join(work, f"{name}.err")
        config_path = os.path.join(work, f"{name}.toml")
        with open(config_path, "w") as f:
            f.write(config)
        args = [binary, "--config", config_path, "serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", data_dir,
                "--demo-dir", demo_dir, "--web-root", web_root, "--threads", "2"]
        env = dict(os.environ)
        for k in ("PORT", "STREAMS_AUTH_MODE", "STREAMS_CONFIG"):
            env.pop(k, None)
        self.out = open(self.out_path, "w")
        self.err = open(self.err_path, "w")
        self.proc = subprocess.Popen(args, stdout=self.out, stderr=self.err, env=env, preexec_fn=die_with_parent)
        self.port = None

    def text(self):
        with open(self.out_path) as o, open(self.err_path) as e:
            return o.read() + e.read()

    def wait_listening(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.search(r"streams listening on http://127\.0\.0\.1:(\d+)", self.text())
            if m:
                self.port = int(m.group(1))
                return self.port
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited:\n{self.text()[-3000:]}")
            time.sleep(0.05)
        raise RuntimeError(f"{self.name}: no 'listening on' line")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=8)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.out.close()
        self.err.close()


class Reply:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.raw = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def cookie_token(self):
        value = self.header("Set-Cookie") or ""
        m = re.match(r"streams_session=([^;]*)", value)
        return m.group(1) if m else None

    def __repr__(self):
        return f"{self.status} {self.raw[:200]!r}"


def call(port, method, path, body=None, token=None, csrf=None, content_type="application/json", extra=None):
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        if content_type:
            headers["Content-Type"] = content_type
    if token is not None:
        headers["Cookie"] = f"theme=dark; streams_session={token}"
    if csrf is not None:
        headers["X-CSRF-Token"] = csrf
    headers.update(extra or {})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=data, headers=headers)
        r = conn.getresponse()
        return Reply(r.status, r.getheaders(), r.read().decode("utf-8", "replace"))
    finally:
        conn.close()


class Session:
    def __init__(self, name, token, csrf):
        self.name = name
        self.token = token
        self.csrf = csrf


def login(port, name, password, token=None):
    r = call(port, "POST", "/api/v1/auth/login", {"username": name, "password": password}, token=token)
    if r.status != 200:
        return r, None
    return r, Session(name, r.cookie_token(), r.json["csrf_token"])


# The store under test: the SQLite file in data_dir, or the PostgreSQL database STREAMS_DATABASE_URL
# names (--postgres-env: every instance and CLI call inherits that variable).
DATABASE_URL = None


class StoreReader:
    """Literal queries (no parameters) on the store the servers use, first column of each row."""

    def __init__(self, data_dir):
        self.db = None if DATABASE_URL else sqlite3.connect(os.path.join(data_dir, "streams.db"))

    def column(self, sql):
        if self.db is not None:
            return [row[0] for row in self.db.execute(sql)]
        r = subprocess.run(["/usr/bin/psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", DATABASE_URL, "-c", sql],
                           capture_output=True, text=True, timeout=60, check=True)
        return r.stdout.splitlines()

    def close(self):
        if self.db is not None:
            self.db.close()


def use_postgres(env_file):
    """Points every streams process at an empty database `streams_auth` of the postgres fixture."""
    global DATABASE_URL
    values = dict(line.split("=", 1) for line in open(env_file).read().splitlines() if "=" in line)
    direct = values["STREAMS_TEST_PG_URL"]  # database "streams"
    psql = ["/usr/bin/psql", "-X", "-At", "-q", "-v", "ON_ERROR_STOP=1", "-d"]
    exists = subprocess.run(psql + [direct, "-c", "SELECT 1 FROM pg_database WHERE datname = 'streams_auth'"],
                            capture_output=True, text=True, timeout=60, check=True).stdout.strip()
    if not exists:
        subprocess.run(psql + [direct, "-c", "CREATE DATABASE streams_auth"], capture_output=True, timeout=60, check=True)
    DATABASE_URL = direct[: direct.rfind("/") + 1] + "streams_auth"
    subprocess.run(psql + [DATABASE_URL, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                   capture_output=True, timeout=60, check=True)
    os.environ["STREAMS_DATABASE_URL"] = DATABASE_URL


def cli(binary, data_dir, *args, stdin=None):
    r = subprocess.run([binary, *args, "--data-dir", data_dir], input=stdin, capture_output=True, text=True, timeout=60)
    return r


def make_demo_subset(demo_dir, target):
    os.makedirs(os.path.join(target, "prices"))
    shutil.copy(os.path.join(demo_dir, "instruments.csv"), target)
    for sym in ("AAPL", "MSFT", "JPM"):
        shutil.copy(os.path.join(demo_dir, "prices", f"{sym}.csv.gz"), os.path.join(target, "prices"))


def run(binary, demo_dir, work):
    secrets_seen = set()  # everything that must never be printed
    demo = os.path.join(work, "demo")
    make_demo_subset(demo_dir, demo)
    web_root = os.path.join(work, "web")
    os.makedirs(web_root)
    with open(os.path.join(web_root, "index.html"), "w") as f:
        f.write("<!doctype html><title>streams</title>")
    data_dir = os.path.join(work, "var")
    throttle = "login_user_free_failures = 3\nlogin_delay_base_ms = 1000\nlogin_delay_max_seconds = 4\n"
    a = Server("A", binary, data_dir, demo, web_root,
               f"[auth]\nmode = \"required\"\nlogin_address_free_failures = 60\n{throttle}", work)
    servers = [a]
    try:
        pa = a.wait_listening()
        m = re.search(r"created user 'admin' with password\s+(\S+)", a.text())
        check(m is not None, "first start prints the admin password")
        admin_password = m.group(1) if m else ""
        secrets_seen.add(admin_password)
        check(len(admin_password) >= 20, f"admin password length {len(admin_password)}")

        b = Server("B", binary, data_dir, demo, web_root,
                   "[auth]\nmode = \"required\"\nidle_timeout_seconds = 2\nabsolute_timeout_seconds = 4\n"
                   f"login_address_free_failures = 24\n{throttle}", work)
        servers.append(b)
        pb = b.wait_listening()
        check("password" not in b.text(), "a second instance on the same store prints no password")

        # ---- users through the CLI
        passwords = {"alice": "alice-secret-pw-1", "bob": "bob-secret-pw-22", "dave": "dave-secret-pw-333"}
        for name, pw in passwords.items():
            r = cli(binary, data_dir, "user", "add", name, "--password-stdin", stdin=pw + "\n")
            check(r.returncode == 0 and f"created user '{name}'" in r.stdout, f"user add {name}: {r.stderr}")
            secrets_seen.add(pw)
        r = cli(binary, data_dir, "user", "add", "alice", "--password-stdin", stdin="another-password\n")
        check(r.returncode != 0 and "exists" in r.stderr, f"duplicate user refused: {r.stderr}")
        r = cli(binary, data_dir, "user", "add", "short", "--password-stdin", stdin="short\n")
        check(r.returncode != 0, "a 5-character password is refused")
        for bad in INJECTIONS[:4] + ["a b", ""]:
            r = cli(binary, data_dir, "user", "add", bad, "--password-stdin", stdin="long-enough-pw\n")
            check(r.returncode != 0, f"user name {bad!r} refused")
        r = cli(binary, data_dir, "user", "add", "nopw")
        check(r.returncode != 0 and "--password-stdin" in r.stderr, "no terminal and no --password-stdin: refused")
        r = cli(binary, data_dir, "user", "list")
        names = [line.split("\t")[0] for line in r.stdout.splitlines()]
        check(names == ["admin", "alice", "bob", "dave"], f"user list: {names}")

        # ---- login, cookie, sessions across instances
        r, alice = login(pa, "alice", passwords["alice"])
        check(alice is not None, f"alice logs in: {r}")
        cookie = r.header("Set-Cookie") or ""
        for attr in ("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=43200"):
            check(attr in cookie, f"cookie has {attr}: {cookie}")
        check("Secure" not in cookie, "no Secure flag without TLS or secure_cookies")
        check(r.header("Cache-Control") == "no-store", "login answer is not cached")
        check(re.fullmatch(r"[A-Za-z0-9_-]{43}", alice.token or "") is not None, "token is 256 bits base64url")
        check(r.json["user"]["name"] == "alice" and r.json["mode"] == "required", f"login body {r.json}")
        secrets_seen.update([alice.token, alice.csrf])
        me_b = call(pb, "GET", "/api/v1/auth/me", token=alice.token)
        check(me_b.status == 200 and me_b.json["user"]["name"] == "alice" and me_b.json["csrf_token"] == alice.csrf,
              f"alice's session works on instance B: {me_b}")
        # Only the expiry section logs in on B: a login there prunes sessions past B's short expiries.
        r, bob = login(pa, "bob", passwords["bob"])
        check(bob is not None, f"bob logs in: {r}")
        secrets_seen.update([bob.token, bob.csrf])

        # ---- the auth matrix: market data and open endpoints
        market = ["/api/v1/instruments", "/api/v1/sectors", "/api/v1/bars?symbols=AAPL", "/api/v1/macro",
                  "/api/v1/analyze?symbols=AAPL&op=sma(timeperiod=5)"]
        for path in market:
            anon = call(pa, "GET", path)
            check(anon.status == 401 and anon.json["error"]["code"] == "unauthorized", f"anonymous {path}: {anon}")
            for s in (alice, bob):
                got = call(pa, "GET", path, token=s.token)
                check(got.status == 200, f"{s.name} {path}: {got}")
            forged = call(pa, "GET", path, token=secrets.token_urlsafe(32))
            check(forged.status == 401, f"forged token {path}: {forged}")
        for path in ("/healthz", "/readyz", "/metrics", "/api/v1/openapi.json", "/", "/index.html"):
            check(call(pa, "GET", path).status == 200, f"anonymous {path} is open")
        me = call(pa, "GET", "/api/v1/auth/me")
        check(me.status == 200 and me.json == {"user": None, "csrf_token": None, "mode": "required"}, f"anonymous me {me}")

        # ---- favourites: every endpoint x anonymous / user / other user
        def star(s, sym, csrf=None):
            return call(pa, "POST", "/api/v1/favourites/symbols", {"symbol": sym}, token=s.token,
                        csrf=s.csrf if csrf is None else csrf)

        for sym in ("MSFT", "AAPL", "JPM"):
            r = star(alice, sym)
            check(r.status == 201 and r.json == {"symbol": sym, "starred": True}, f"alice stars {sym}: {r}")
        check(star(alice, "aapl").status == 200, "starring again (lower case) answers 200")
        check(star(alice, "ZZZZ").status == 404, "unknown symbol is 404")
        r = call(pa, "POST", "/api/v1/favourites/views", {"name": "tech", "state": "tickers=AAPL%2CMSFT&range=5Y"},
                 token=alice.token, csrf=alice.csrf)
        check(r.status == 201 and r.json["name"] == "tech", f"alice saves a view: {r}")
        view_id = r.json["id"]
        r = call(pa, "POST", "/api/v1/favourites/views", {"name": "tech", "state": "x"}, token=alice.token, csrf=alice.csrf)
        check(r.status == 409, f"duplicate view name is 409: {r}")
        fav = call(pa, "GET", "/api/v1/favourites/symbols", token=alice.token)
        check(fav.status == 200 and [x["symbol"] for x in fav.json["symbols"]] == ["AAPL", "JPM", "MSFT"], f"watchlist {fav}")
        aapl = fav.json["symbols"][0]
        check(aapl["name"] == "Apple Inc." and aapl["last"] > 0 and aapl["previous"] > 0, f"AAPL row {aapl}")
        check(abs(aapl["change"] - (aapl["last"] - aapl["previous"])) < 1e-9, "change = last - previous")
        check(abs(aapl["change_pct"] - (aapl["last"] / aapl["previous"] - 1) * 100) < 1e-9, "change_pct")

        view_path = f"/api/v1/favourites/views/{view_id}"
        matrix = [
            ("GET", "/api/v1/favourites/symbols", None, 200),
            ("POST", "/api/v1/favourites/symbols", {"symbol": "MSFT"}, 201),
            ("DELETE", "/api/v1/favourites/symbols/JPM", None, 404),
            ("GET", "/api/v1/favourites/views", None, 200),
            ("POST", "/api/v1/favourites/views", {"name": "bobs", "state": "x=1"}, 201),
            ("GET", view_path, None, 404),
            ("PATCH", view_path, {"name": "stolen"}, 404),
            ("DELETE", view_path, None, 404),
        ]
        for method, path, body, bob_status in matrix:
            anon = call(pa, method, path, body)
            check(anon.status == 401, f"anonymous {method} {path}: {anon}")
            r = call(pa, method, path, body, token=bob.token, csrf=bob.csrf)
            check(r.status == bob_status, f"other user {method} {path}: {r} (want {bob_status})")
        bob_views = call(pa, "GET", "/api/v1/favourites/views", token=bob.token).json["views"]
        check([v["name"] for v in bob_views] == ["bobs"], f"bob sees only his view: {bob_views}")
        bob_syms = call(pa, "GET", "/api/v1/favourites/symbols", token=bob.token).json["symbols"]
        check([x["symbol"] for x in bob_syms] == ["MSFT"], f"bob sees only his star: {bob_syms}")
        r = call(pa, "GET", f"/api/v1/favourites/views/{bob_views[0]['id']}", token=alice.token)
        check(r.status == 404, f"alice cannot read bob's view: {r}")
        r = call(pa, "GET", view_path, token=alice.token)
        check(r.status == 200 and r.json["name"] == "tech" and r.json["state"] == "tickers=AAPL%2CMSFT&range=5Y",
              f"alice's view untouched by bob: {r}")
        fav = call(pa, "GET", "/api/v1/favourites/symbols", token=alice.token)
        check([x["symbol"] for x in fav.json["symbols"]] == ["AAPL", "JPM", "MSFT"], "alice's stars untouched by bob")

        # alice on her own resources
        r = call(pa, "PATCH", view_path, {"name": "technology"}, token=alice.token, csrf=alice.csrf)
        check(r.status == 200 and r.json["name"] == "technology" and r.json["state"].startswith("tickers="), f"rename {r}")
        r = call(pa, "PATCH", view_path, {}, token=alice.token, csrf=alice.csrf)
        check(r.status == 400, f"empty PATCH is 400: {r}")
        r = call(pa, "DELETE", "/api/v1/favourites/symbols/JPM", token=alice.token, csrf=alice.csrf)
        check(r.status == 204, f"alice unstars JPM: {r}")
        check(call(pa, "DELETE", "/api/v1/favourites/symbols/JPM", token=alice.token, csrf=alice.csrf).status == 404,
              "unstarring twice is 404")

        # ---- CSRF on every state-changing endpoint: missing, wrong, another session's
        state_changing = [
            ("POST", "/api/v1/favourites/symbols", {"symbol": "JPM"}),
            ("DELETE", "/api/v1/favourites/symbols/AAPL", None),
            ("POST", "/api/v1/favourites/views", {"name": "csrf", "state": "x"}),
            ("PATCH", view_path, {"name": "csrf"}),
            ("DELETE", view_path, None),
            ("POST", "/api/v1/auth/password", {"current_password": passwords["alice"], "new_password": "whatever-123"}),
            ("POST", "/api/v1/auth/logout", None),
        ]
        for method, path, body in state_changing:
            for label, csrf in (("missing", ""), ("wrong", secrets.token_urlsafe(32)), ("bob's", bob.csrf),
                                ("the token itself", alice.token)):
                headers_csrf = None if label == "missing" else csrf
                r = call(pa, method, path, body, token=alice.token, csrf=headers_csrf)
                check(r.status == 403 and r.json["error"]["code"] == "forbidden", f"{label} CSRF {method} {path}: {r}")
        check(call(pa, "GET", "/api/v1/auth/me", token=alice.token).json["user"]["name"] == "alice",
              "alice still signed in after the refused logout")
        fav = call(pa, "GET", "/api/v1/favourites/symbols", token=alice.token)
        check([x["symbol"] for x in fav.json["symbols"]] == ["AAPL", "MSFT"], "refused requests changed nothing")
        check(call(pa, "GET", view_path, token=alice.token).json["name"] == "technology", "view unchanged")
        r = call(pa, "POST", "/api/v1/favourites/views", "name=x&state=y", token=alice.token, csrf=alice.csrf,
                 content_type="application/x-www-form-urlencoded")
        check(r.status == 400, f"a form-encoded body is refused: {r}")
        r = call(pa, "POST", "/api/v1/auth/login", "username=alice&password=x",
                 content_type="application/x-www-form-urlencoded")
        check(r.status == 400, f"a form-encoded login is refused: {r}")

        # ---- injection strings in every field
        for i, text in enumerate(INJECTIONS):
            r = call(pa, "POST", "/api/v1/favourites/views", {"name": text, "state": text + str(i)},
                     token=alice.token, csrf=alice.csrf)
            check(r.status == 201 and r.json["name"] == text and r.json["state"] == text + str(i),
                  f"view named {text!r} stored verbatim: {r}")
            check("<" not in r.raw, f"'<' is JSON-escaped in {r.raw[:80]}")
            got = call(pa, "GET", f"/api/v1/favourites/views/{r.json['id']}", token=alice.token)
            check(got.json["name"] == text and got.json["state"] == text + str(i), f"read back {text!r}")
            r = call(pa, "PATCH", f"/api/v1/favourites/views/{r.json['id']}", {"name": text + " renamed"},
                     token=alice.token, csrf=alice.csrf)
            check(r.status == 200 and r.json["name"] == text + " renamed", f"rename to {text!r}: {r}")
            r = star(alice, text)
            check(r.status == 400 and r.json["error"]["code"] == "invalid_parameter", f"symbol {text!r}: {r}")
            quoted = urllib.parse.quote(text, safe="")
            r = call(pa, "DELETE", f"/api/v1/favourites/symbols/{quoted}", token=alice.token, csrf=alice.csrf)
            check(r.status in (400, 404), f"symbol path {text!r}: {r}")
            r = call(pa, "GET", f"/api/v1/favourites/views/{quoted}", token=alice.token)
            check(r.status in (400, 404), f"view id {text!r}: {r}")
            for field in ("username", "password"):
                body = {"username": f"someone{i}", "password": "nope-nope"}  # a fresh name: no user throttle
                body[field] = text
                r = call(pa, "POST", "/api/v1/auth/login", body)
                check(r.status == 401 and r.json["error"]["message"] == "invalid user name or password",
                      f"login {field}={text!r}: {r}")
            r = call(pa, "GET", "/api/v1/favourites/views", token=text if re.fullmatch(r"[ -~]*", text) else None)
            check(r.status == 401, f"cookie {text!r} is no session: {r}")
        r = call(pa, "POST", "/api/v1/favourites/views", {"name": "ctl\u0001", "state": ""}, token=alice.token, csrf=alice.csrf)
        check(r.status == 400, f"control characters refused: {r}")
        r = call(pa, "POST", "/api/v1/favourites/views", {"name": "x" * 101, "state": ""}, token=alice.token, csrf=alice.csrf)
        check(r.status == 400, f"a 101-character name is refused: {r}")
        r = call(pa, "POST", "/api/v1/favourites/views", {"name": "n", "state": "s", "evil": "1"}, token=alice.token, csrf=alice.csrf)
        check(r.status == 400 and "evil" in r.json["error"]["message"], f"unknown member refused: {r}")
        r = call(pa, "POST", "/api/v1/favourites/views", "{not json", token=alice.token, csrf=alice.csrf)
        check(r.status == 400, f"malformed JSON refused: {r}")
        r = call(pa, "POST", "/api/v1/favourites/views", {"name": 5, "state": "s"}, token=alice.token, csrf=alice.csrf)
        check(r.status == 400, f"a number as name refused: {r}")
        names = [line.split("\t")[0] for line in cli(binary, data_dir, "user", "list").stdout.splitlines()]
        check(names == ["admin", "alice", "bob", "dave"], f"users table intact after the injections: {names}")
        views = call(pa, "GET", "/api/v1/favourites/views", token=alice.token).json["views"]
        check(len(views) == 1 + len(INJECTIONS), f"alice has {len(views)} views")

        # ---- session fixation
        planted = secrets.token_urlsafe(32)
        r, fixed = login(pa, "alice", passwords["alice"], token=planted)
        check(fixed is not None and fixed.token != planted, "login ignores a planted cookie and issues a new token")
        check(call(pa, "GET", "/api/v1/auth/me", token=planted).json["user"] is None, "the planted token is no session")
        old = alice.token
        r, alice2 = login(pa, "alice", passwords["alice"], token=old)
        check(alice2 is not None and alice2.token != old, "re-login issues a fresh token")
        check(call(pa, "GET", "/api/v1/auth/me", token=old).json["user"] is None,
              "a session cookie sent along with a login is ended")
        secrets_seen.update([fixed.token, fixed.csrf, alice2.token, alice2.csrf])
        check(fixed.csrf != alice2.csrf, "every session has its own CSRF token")

        # ---- logout ends the session everywhere
        r = call(pa, "POST", "/api/v1/auth/logout", token=fixed.token, csrf=fixed.csrf)
        check(r.status == 200 and "Max-Age=0" in (r.header("Set-Cookie") or ""), f"logout clears the cookie: {r}")
        for port in (pa, pb):
            check(call(port, "GET", "/api/v1/instruments", token=fixed.token).status == 401, "logged-out token refused")

        # ---- password change: wrong current, weak new, then a new session and old ones gone
        r, other = login(pa, "alice", passwords["alice"])
        r = call(pa, "POST", "/api/v1/auth/password", {"current_password": "wrong-one-1", "new_password": "x" * 12},
                 token=alice2.token, csrf=alice2.csrf)
        check(r.status == 403, f"wrong current password: {r}")
        r = call(pa, "POST", "/api/v1/auth/password", {"current_password": passwords["alice"], "new_password": "short"},
                 token=alice2.token, csrf=alice2.csrf)
        check(r.status == 400, f"weak new password: {r}")
        new_pw = "'; DROP TABLE users; -- <script>"
        r = call(pa, "POST", "/api/v1/auth/password", {"current_password": passwords["alice"], "new_password": new_pw},
                 token=alice2.token, csrf=alice2.csrf)
        check(r.status == 200 and r.cookie_token() not in (None, alice2.token), f"password changed: {r}")
        alice3 = Session("alice", r.cookie_token(), r.json["csrf_token"] if r.json else "")
        secrets_seen.update([new_pw, alice3.token, alice3.csrf])
        check(call(pa, "GET", "/api/v1/auth/me", token=alice2.token).json["user"] is None, "the old session ended")
        check(call(pa, "GET", "/api/v1/auth/me", token=other.token).json["user"] is None, "other sessions ended")
        check(call(pa, "GET", "/api/v1/auth/me", token=alice3.token).json["user"]["name"] == "alice", "new session works")
        check(login(pa, "alice", passwords["alice"])[1] is None, "the old password no longer works")
        r, alice4 = login(pa, "alice", new_pw)
        check(alice4 is not None, "the new (hostile-looking) password works")
        secrets_seen.update([alice4.token, alice4.csrf] if alice4 else [])

        # ---- idle and absolute expiry on B (idle 2 s, absolute 4 s)
        r, idle = login(pb, "bob", passwords["bob"])
        secrets_seen.update([idle.token, idle.csrf])
        check(call(pb, "GET", "/api/v1/auth/me", token=idle.token).json["user"]["name"] == "bob", "fresh session")
        time.sleep(2.3)
        check(call(pb, "GET", "/api/v1/auth/me", token=idle.token).json["user"] is None, "idle 2.3 s > 2 s: expired")
        r, busy = login(pb, "bob", passwords["bob"])
        secrets_seen.update([busy.token, busy.csrf])
        started = time.monotonic()
        alive_until = 0.0
        while time.monotonic() - started < 6:
            if call(pb, "GET", "/api/v1/auth/me", token=busy.token).json["user"] is None:
                break
            alive_until = time.monotonic() - started
            time.sleep(0.4)
        ended = time.monotonic() - started
        check(alive_until >= 3.0, f"a busy session outlives the idle timeout ({alive_until:.1f} s)")
        check(ended <= 5.5, f"but not the absolute one (ended after {ended:.1f} s)")

        # ---- throttling per user: growing delays, 429 + Retry-After even for the right password
        answers = [login(pa, name, pw) for name, pw in (("dave", "wrong-pw-1"), ("nobody", "wrong-pw-1"))]
        check(answers[0][0].status == answers[1][0].status == 401 and answers[0][0].raw == answers[1][0].raw,
              "unknown user and wrong password get the same answer")
        timings = []
        for name in ("dave", "nobody"):
            t0 = time.monotonic()
            login(pa, name, "wrong-pw-2")
            timings.append(time.monotonic() - t0)
        check(min(timings) > 0.3 * max(timings), f"unknown user and wrong password take similar time: {timings}")
        login(pa, "dave", "wrong-pw-3")
        r = login(pa, "dave", "wrong-pw-4")[0]  # 4th failure: 1 s delay from now
        check(r.status == 401, f"4th failure is still 401: {r}")
        r = login(pa, "dave", passwords["dave"])[0]
        check(r.status == 429 and r.header("Retry-After") == "1", f"right password while throttled: {r}")
        time.sleep(1.05)
        r = login(pa, "dave", "wrong-pw-5")[0]
        check(r.status == 401, f"after the wait a try is allowed: {r}")
        r = login(pa, "dave", passwords["dave"])[0]
        check(r.status == 429 and r.header("Retry-After") == "2", f"the delay grew to 2 s: {r}")
        login(pa, "nobody", "wrong-pw-3")
        r = login(pa, "nobody", "wrong-pw-4")[0]
        check(r.status == 401, f"an unknown user's 4th failure is 401 too: {r}")
        r = login(pa, "nobody", "x" * 10)[0]
        check(r.status == 429 and r.header("Retry-After") == "1", f"unknown users are throttled alike: {r}")
        time.sleep(2.05)
        r, dave = login(pa, "dave", passwords["dave"])
        check(dave is not None, f"after the delay the right password works: {r}")
        secrets_seen.update([dave.token, dave.csrf] if dave else [])

        # ---- throttling per address (B allows 24 failures from one address in the window; the tests
        # above used most of them)
        got_429 = None
        for i in range(40):
            r = login(pb, f"spray{i}", "wrong-password")[0]
            if r.status == 429:
                got_429 = i
                break
        check(got_429 is not None, "spraying many user names from one address ends in 429")
        r = login(pb, "never-tried", "wrong-password")[0]
        check(r.status == 429 and int(r.header("Retry-After") or 0) >= 1, f"the address is throttled for any name: {r}")

        # ---- what the store keeps: hashes only
        db = StoreReader(data_dir)
        hashes = db.column("SELECT password_hash FROM users")
        check(len(hashes) >= 3, f"the store holds the users ({len(hashes)})")
        check(all(h.startswith("$argon2id$v=19$m=65536,t=2,p=1$") for h in hashes), "argon2id, interactive cost")
        stored = set(db.column("SELECT token_hash FROM sessions"))
        # (alice's session is gone by now: B's housekeeping on each login drops sessions past B's short
        # expiries; dave signed in on A after B's last login.)
        check(hashlib.sha256(dave.token.encode()).hexdigest() in stored, "sessions stored as SHA-256 of the token")
        check(not any(dave.token in s for s in stored), "no raw token in the store")
        keys = db.column("SELECT key FROM login_failures")
        check(not any("wrong" in k or "spray" in k or "nobody" in k for k in keys), "failure keys hold no typed names")
        secrets_seen.update(hashes)
        secrets_seen.update(stored)
        db.close()
    finally:
        for s in servers:
            s.stop()

    # ---- no secret in any output (the admin password only in its one console notice)
    outputs = {s.name: s.text() for s in servers}
    log_line = re.compile(r"^\d{4}-\d\d-\d\dT")
    notice = outputs["A"].count(admin_password)
    check(notice == 1, f"the admin password is printed exactly once ({notice})")
    for name, text in outputs.items():
        for line in text.splitlines():
            if log_line.match(line):
                check(admin_password not in line, f"{name}: admin password in a log line")
        for secret in secrets_seen - {admin_password}:
            if secret:
                check(secret not in text, f"{name}: a secret ({len(secret)} chars) appears in the output")
        check("$argon2id$" not in text, f"{name}: an argon2id hash in the output")
        check(len(text.splitlines()) > 20, f"{name}: the access log was captured ({len(text.splitlines())} lines)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--demo-dir", required=True)
    parser.add_argument("--postgres-env", help="the postgres fixture's env file: run on PostgreSQL (77 when missing)")
    args = parser.parse_args()
    if args.postgres_env:
        if not os.path.exists(args.postgres_env):
            print(f"skipped: {args.postgres_env} not found (start the postgres fixture)")
            return 77
        use_postgres(args.postgres_env)
    work = tempfile.mkdtemp(prefix="streams-auth-test-")
    started = time.monotonic()
    try:
        run(os.path.abspath(args.binary), os.path.abspath(args.demo_dir), work)
    except Exception:
        traceback.print_exc()
        FAILURES.append("exception")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{CHECKS} checks, {len(FAILURES)} failed ({time.monotonic() - started:.1f} s)")
    print(f"{CHECKS - len(FAILURES)} passed, {len(FAILURES)} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
