#!/usr/bin/env python3
"""Test fixture: a throwaway Redis 7 on a free 127.0.0.1 port in a temporary directory.

  redis.py start --state-dir DIR [--port N]   starts redis-server (no persistence), waits for PING,
                                              writes DIR/redis.env (STREAMS_TEST_REDIS_URL=...,
                                              STREAMS_TEST_REDIS_PORT, STREAMS_TEST_REDIS_PIDFILE)
  redis.py stop --state-dir DIR               stops it (SIGTERM, then SIGKILL) and removes redis.env

Tests that stop Redis on purpose start their own instance with a state dir of their own.
"""
import argparse
import os
import signal
import socket
import subprocess
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ping(port, timeout=0.2):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start(state_dir, port):
    os.makedirs(state_dir, exist_ok=True)
    stop(state_dir, quiet=True)
    port = port or free_port()
    pidfile = os.path.join(state_dir, "redis.pid")
    conf = os.path.join(state_dir, "redis.conf")
    with open(conf, "w") as f:
        f.write(f"""bind 127.0.0.1
port {port}
protected-mode yes
daemonize yes
pidfile {pidfile}
dir {state_dir}
logfile {os.path.join(state_dir, "redis.log")}
save ""
appendonly no
maxmemory 128mb
""")
    subprocess.run(["redis-server", conf], check=True, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not ping(port):
        if time.monotonic() > deadline:
            sys.exit(f"redis.py: redis-server did not answer PING on port {port} (see {state_dir}/redis.log)")
        time.sleep(0.02)
    env = os.path.join(state_dir, "redis.env")
    with open(env + ".tmp", "w") as f:
        f.write(f"STREAMS_TEST_REDIS_URL=redis://127.0.0.1:{port}/0\n")
        f.write(f"STREAMS_TEST_REDIS_PORT={port}\n")
        f.write(f"STREAMS_TEST_REDIS_PIDFILE={pidfile}\n")
    os.replace(env + ".tmp", env)
    print(f"redis on 127.0.0.1:{port}")


def stop(state_dir, quiet=False):
    pidfile = os.path.join(state_dir, "redis.pid")
    try:
        os.remove(os.path.join(state_dir, "redis.env"))
    except FileNotFoundError:
        pass
    try:
        pid = int(open(pidfile).read().strip())
    except (FileNotFoundError, ValueError):
        if not quiet:
            print("redis.py: not running")
        return
    try:
        # Nothing to save (no persistence): SIGKILL is the fast, clean stop.
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            os.kill(pid, 0)
            try:  # a zombie (no init reaping it in a container) counts as stopped
                if open(f"/proc/{pid}/stat").read().split(")")[-1].split()[0] == "Z":
                    break
            except FileNotFoundError:
                break
            time.sleep(0.02)
    except ProcessLookupError:
        pass
    try:
        os.remove(pidfile)
    except FileNotFoundError:
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--state-dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    state_dir = os.path.abspath(args.state_dir)
    if args.action == "start":
        start(os.path.join(state_dir, "redis"), args.port)
        # The env file sits at DIR/redis.env, the server's files under DIR/redis/.
        os.replace(os.path.join(state_dir, "redis", "redis.env"), os.path.join(state_dir, "redis.env"))
    else:
        try:
            os.remove(os.path.join(state_dir, "redis.env"))
        except FileNotFoundError:
            pass
        stop(os.path.join(state_dir, "redis"))


if __name__ == "__main__":
    main()
