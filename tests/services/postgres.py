#!/usr/bin/env python3
"""CTest fixture: a throwaway PostgreSQL 15 server on a free 127.0.0.1 port.

  postgres.py start --state-dir DIR   initdb + pg_ctl in a temporary folder (as user postgres when
                                      run as root), a role `streams` with a password that owns the
                                      databases below; writes DIR/postgres.env
  postgres.py stop  --state-dir DIR   stops the server and removes the folder

postgres.env: STREAMS_TEST_PG_URL (database `streams`), STREAMS_TEST_PG_HOST/PORT/USER/PASSWORD,
STREAMS_TEST_PG_DATABASES (one spare database per test that needs its own), STREAMS_TEST_PG_BIN,
STREAMS_TEST_PG_SOCKET_DIR. Durability is off (fsync, synchronous_commit): test data only.
"""
import os
import secrets
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import service_util as su  # noqa: E402

NAME = "postgres"
BIN = os.environ.get("STREAMS_PG_BIN", "/usr/lib/postgresql/15/bin")
# One database per consumer so tests that run in parallel never share tables.
DATABASES = ["streams", "streams_store", "streams_bouncer", "streams_tunnel", "streams_doctor", "streams_bench",
             "streams_cli"]


def stop(state_dir):
    state = su.load_state(state_dir, NAME)
    if not state:
        return
    data = os.path.join(state["dir"], "data")
    if os.path.isdir(data):
        subprocess.run(su.as_service_user([os.path.join(BIN, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "-t", "30",
                                           "stop"]), capture_output=True, timeout=60)
    su.forget(state_dir, NAME, state["dir"])


def start(state_dir):
    stop(state_dir)  # a leftover from an interrupted run
    tmp = su.make_temp_dir("streams-pg-")
    su.save_state(state_dir, NAME, {"dir": tmp})
    data = os.path.join(tmp, "data")
    port = su.free_port()
    password = secrets.token_hex(16)
    su.run(su.as_service_user([os.path.join(BIN, "initdb"), "-D", data, "-U", "postgres", "-E", "UTF8",
                               "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "-N"]),
           "initdb", timeout=120)
    options = " ".join([
        f"-c port={port}", "-c listen_addresses=127.0.0.1", f"-c unix_socket_directories={tmp}",
        "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=100",
        "-c shared_buffers=128MB", "-c max_wal_size=1GB", "-c log_min_messages=warning",
    ])
    su.run(su.as_service_user([os.path.join(BIN, "pg_ctl"), "-D", data, "-l", os.path.join(tmp, "postgres.log"),
                               "-w", "-t", "60", "-o", options, "start"]), "pg_ctl start", timeout=90)
    psql = ["/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", tmp, "-p", str(port), "-U", "postgres",
            "-d", "postgres"]
    # The password is hex (no quoting needed); psql's :'var' quoting keeps it a literal anyway.
    su.run(su.as_service_user(psql + ["-v", f"pw={password}", "-f", "-"]), "creating the role",
           input="CREATE ROLE streams LOGIN CREATEDB PASSWORD :'pw';\n")
    script = "".join(f"CREATE DATABASE {db} OWNER streams;\n" for db in DATABASES)
    su.run(su.as_service_user(psql + ["-f", "-"]), "creating the databases", input=script)
    su.write_env(state_dir, NAME, {
        "STREAMS_TEST_PG_URL": f"postgresql://streams:{password}@127.0.0.1:{port}/streams",
        "STREAMS_TEST_PG_HOST": "127.0.0.1",
        "STREAMS_TEST_PG_PORT": port,
        "STREAMS_TEST_PG_USER": "streams",
        "STREAMS_TEST_PG_PASSWORD": password,
        "STREAMS_TEST_PG_DATABASES": ",".join(DATABASES),
        "STREAMS_TEST_PG_BIN": BIN,
        "STREAMS_TEST_PG_SOCKET_DIR": tmp,
    })
    print(f"postgres: 127.0.0.1:{port} ({tmp})")


def main():
    args = su.parse_args(NAME)
    state_dir = os.path.abspath(args.state_dir)
    if args.action == "start":
        start(state_dir)
    else:
        stop(state_dir)


if __name__ == "__main__":
    main()
