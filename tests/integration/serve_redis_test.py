#!/usr/bin/env python3
"""Integration test: `streams serve` with STREAMS_REDIS_URL, and Redis stopped under it.

Starts a Redis of its own (tests/services/redis.py, a private state dir and port), then
`streams serve` on a tiny demo folder (one price file) with STREAMS_REDIS_URL pointing at it:
  1. /readyz says cache kind "redis" and "redis": "ok"; a /bars answer lands in Redis (a key
     under streams:q:) and the second request is served from it;
  2. Redis killed (SIGKILL): /readyz stays 200 with "redis": "degraded", /bars still answers with
     the same body (read from the store);
  3. Redis restarted on the same port: /readyz says "ok" again within 10 s and answers are cached
     again.
Usage: serve_redis_test.py --binary streams --redis-script tests/services/redis.py --demo-dir data/demo
"""
import argparse
import ctypes
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time


def die_with_parent():
    ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, body


def redis_cli(port, *args):
    return subprocess.run(["redis-cli", "-p", str(port), *args], capture_output=True, text=True, timeout=10).stdout


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    sys.exit(f"FAIL: {what} (within {timeout} s)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--redis-script", required=True)
    ap.add_argument("--demo-dir", required=True)
    args = ap.parse_args()
    if not shutil.which("redis-server"):
        print("redis-server not installed: skipped")
        return 77
    tmp = tempfile.mkdtemp(prefix="streams-serve-redis-")
    server = None
    try:
        state = os.path.join(tmp, "redis-state")
        subprocess.run([sys.executable, args.redis_script, "start", "--state-dir", state], check=True)
        env_values = dict(line.strip().split("=", 1) for line in open(os.path.join(state, "redis.env")))
        redis_port = int(env_values["STREAMS_TEST_REDIS_PORT"])

        demo = os.path.join(tmp, "demo")
        os.makedirs(os.path.join(demo, "prices"))
        shutil.copy(os.path.join(args.demo_dir, "prices", "AAPL.csv.gz"), os.path.join(demo, "prices", "AAPL.csv.gz"))
        shutil.copy(os.path.join(args.demo_dir, "instruments.csv"), os.path.join(demo, "instruments.csv"))

        env = dict(os.environ, STREAMS_REDIS_URL=env_values["STREAMS_TEST_REDIS_URL"])
        env.pop("PORT", None)
        server = subprocess.Popen([args.binary, "serve", "--auth-mode", "optional", "--port", "0", "--data-dir", os.path.join(tmp, "var"),
                                   "--demo-dir", demo, "--web-root", tmp, "--threads", "2", "--no-access-log"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                                  preexec_fn=die_with_parent)
        port = None
        lines = []
        deadline = time.monotonic() + 120
        while port is None and time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "listening on http://" in line:
                port = int(line.rsplit(":", 1)[1])
        if port is None:
            sys.exit("FAIL: streams serve did not start:\n" + "".join(lines))
        threading.Thread(target=lambda: [lines.append(l) for l in server.stdout], daemon=True).start()

        status, body = get(port, "/readyz")
        ready = json.loads(body)
        assert status == 200, (status, body)
        assert ready["components"]["cache"]["kind"] == "redis", ready
        assert ready["components"]["redis"] == "ok", ready

        path = "/api/v1/bars?symbols=AAPL&from=2020-01-01&to=2020-03-31"
        status, first = get(port, path)
        assert status == 200, (status, first)
        closes = json.loads(first)
        keys = redis_cli(redis_port, "--scan", "--pattern", "streams:q:*").split()
        assert keys, "no cache entry in Redis after a /bars request"
        status, second = get(port, path)
        assert status == 200 and second == first

        # Redis dies: the API keeps answering from the store, /readyz says degraded (still 200).
        pid = int(open(os.path.join(state, "redis", "redis.pid")).read())
        os.kill(pid, signal.SIGKILL)
        t0 = time.monotonic()
        status, during = get(port, path)
        took = time.monotonic() - t0
        assert status == 200 and during == first, (status, during[:200])
        assert took < 3, f"a request took {took:.1f} s with Redis down"
        status, body = get(port, "/readyz")
        assert status == 200, (status, body)
        assert json.loads(body)["components"]["redis"] == "degraded", body
        assert json.loads(body)["components"]["cache"]["status"] == "degraded", body

        # Redis returns (empty): ready again, answers cached again.
        subprocess.run([sys.executable, args.redis_script, "start", "--state-dir", state, "--port", str(redis_port)],
                       check=True)
        wait_for(lambda: json.loads(get(port, "/readyz")[1])["components"]["redis"] == "ok", 10, "redis back in /readyz")
        status, after = get(port, path)
        assert status == 200 and after == first
        wait_for(lambda: redis_cli(redis_port, "--scan", "--pattern", "streams:q:*").split(), 5,
                 "answers cached in Redis again")
        assert "bars" in closes or closes, "empty /bars answer"
        print("serve_redis_test: ok")
        return 0
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        subprocess.run([sys.executable, args.redis_script, "stop", "--state-dir", os.path.join(tmp, "redis-state")],
                       stdout=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
