#!/usr/bin/env python3
"""`streams doctor` end to end: the real binary against the postgres, pgbouncer and sshd fixtures
(tests/services) and a scripted fake Redis; asserts the words, the exit status, and that no secret
(database password, Redis password, API key) is ever printed.

  doctor_test.py --binary build/release/src/app/streams --services-dir DIR   (exit 77 without fixtures)
"""
import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading


def read_env(path):
    values = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                key, value = line.rstrip("\n").split("=", 1)
                values[key] = value
    return values


class FakeRedis:
    """Answers AUTH with +OK (right password) or -WRONGPASS, PING with +PONG; records commands."""

    def __init__(self, password):
        self.password = password
        self.commands = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                buffer = b""
                while True:
                    data = conn.recv(4096)
                    if not data:
                        break
                    buffer += data
                    while True:
                        words = self.parse(buffer)
                        if words is None:
                            break
                        words, buffer = words
                        self.commands.append(words[0])
                        if words[0] == "AUTH":
                            ok = words[-1] == self.password
                            conn.sendall(b"+OK\r\n" if ok else b"-WRONGPASS invalid username-password pair\r\n")
                        elif words[0] == "PING":
                            conn.sendall(b"+PONG\r\n")

    @staticmethod
    def parse(buffer):
        lines = buffer.split(b"\r\n")
        if len(lines) < 2 or not lines[0].startswith(b"*"):
            return None
        count = int(lines[0][1:])
        if len(lines) < 1 + 2 * count + 1:
            return None
        words = [lines[2 + 2 * i].decode() for i in range(count)]
        consumed = sum(len(line) + 2 for line in lines[: 1 + 2 * count])
        return words, buffer[consumed:]


failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def doctor(binary, *args, env=None, secrets=()):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("STREAMS_", "POLYGON", "FRED"))}
    full_env.update(env or {})
    result = subprocess.run([binary, *args, "doctor"], capture_output=True, text=True, timeout=60, env=full_env)
    output = result.stdout + result.stderr
    for secret in secrets:
        check(secret not in output, f"a secret was printed by doctor {args}:\n{output}")
    return result.returncode, result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--services-dir", required=True)
    args = parser.parse_args()
    try:
        pg = read_env(os.path.join(args.services_dir, "postgres.env"))
        bouncer = read_env(os.path.join(args.services_dir, "pgbouncer.env"))
        ssh = read_env(os.path.join(args.services_dir, "sshd.env"))
    except FileNotFoundError as e:
        print(f"skipped: {e.filename} missing (start the fixtures)")
        return 77
    password = pg["STREAMS_TEST_PG_PASSWORD"]
    direct = pg["STREAMS_TEST_PG_URL"].rsplit("/", 1)[0] + "/streams_doctor"
    pooled = bouncer["STREAMS_TEST_PGBOUNCER_URL"].rsplit("/", 1)[0] + "/streams_doctor"
    binary = args.binary

    with tempfile.TemporaryDirectory() as tmp:
        # 1. The embedded default, nothing else configured; an API key is acknowledged, not shown.
        rc, out = doctor(binary, "--config", os.devnull, env={"STREAMS_DATA_DIR": tmp,
                                                               "POLYGON_API_KEY": "pk-secret-0123456789"},
                         secrets=["pk-secret-0123456789"])
        check(rc == 0, f"embedded default: exit {rc}\n{out}")
        check("does not exist yet" in out, f"embedded default: {out}")
        check("POLYGON_API_KEY is set (not shown)" in out, out)
        check("everything configured works" in out, out)

        # 2. PostgreSQL directly, migrated.
        migrate = subprocess.run([binary, "db", "migrate", "--database-url", direct], capture_output=True,
                                 text=True, timeout=60)
        check(migrate.returncode == 0, f"db migrate: {migrate.stdout}{migrate.stderr}")
        check(password not in migrate.stdout + migrate.stderr, "db migrate printed the password")
        rc, out = doctor(binary, "--config", os.devnull, env={"STREAMS_DATABASE_URL": direct}, secrets=[password])
        check(rc == 0, f"postgres: exit {rc}\n{out}")
        check("PostgreSQL 15" in out and "schema version 2 of 2" in out, f"postgres: {out}")
        check("TimescaleDB not installed" in out, f"postgres layout: {out}")
        check("pgbouncer  -" in out, f"postgres without pooler: {out}")

        # 3. Through PgBouncer: detected as a pooler, queries work.
        rc, out = doctor(binary, "--config", os.devnull, env={"STREAMS_DATABASE_URL": pooled}, secrets=[password])
        check(rc == 0, f"pgbouncer: exit {rc}\n{out}")
        check("pgbouncer  ok" in out and "pooler" in out and "connection ok" in out, f"pgbouncer: {out}")

        # 4. A database that is not there: FAILED in plain words, exit 1, no password.
        dead = f"postgresql://streams:{password}@127.0.0.1:1/streams"
        rc, out = doctor(binary, "--config", os.devnull, env={"STREAMS_DATABASE_URL": dead}, secrets=[password])
        check(rc == 1, f"dead database: exit {rc}\n{out}")
        check("store      FAILED" in out and "Connection refused" in out, f"dead database: {out}")

        # 5. Redis: answered (with AUTH), refused password, nothing listening.
        fake = FakeRedis("redis-pw-42")
        rc, out = doctor(binary, "--config", os.devnull,
                         env={"STREAMS_DATA_DIR": tmp, "STREAMS_REDIS_URL": f"redis://:redis-pw-42@127.0.0.1:{fake.port}"},
                         secrets=["redis-pw-42"])
        check(rc == 0 and "redis      ok" in out and "PING answered" in out, f"redis ok: exit {rc}\n{out}")
        check(fake.commands[:2] == ["AUTH", "PING"], f"redis commands: {fake.commands}")
        rc, out = doctor(binary, "--config", os.devnull,
                         env={"STREAMS_DATA_DIR": tmp, "STREAMS_REDIS_URL": f"redis://:wrong-pw-77@127.0.0.1:{fake.port}"},
                         secrets=["wrong-pw-77"])
        check(rc == 1 and "the password was refused" in out, f"redis wrong password: exit {rc}\n{out}")
        rc, out = doctor(binary, "--config", os.devnull,
                         env={"STREAMS_DATA_DIR": tmp, "STREAMS_REDIS_URL": "redis://127.0.0.1:1"})
        check(rc == 1 and "redis      FAILED" in out and "cannot connect" in out, f"redis down: exit {rc}\n{out}")

        # 6. The tunnel from streams.toml: [store] url names PostgreSQL as the SSH server sees it.
        def tunnel_config(known_hosts):
            path = os.path.join(tmp, "tunnel.toml")
            with open(path, "w") as f:
                f.write(f"""[store]
url = "postgresql://streams:{password}@localhost:{pg['STREAMS_TEST_PG_PORT']}/streams_doctor"
[tunnel]
ssh_host = "{ssh['STREAMS_TEST_SSH_HOST']}"
ssh_port = {ssh['STREAMS_TEST_SSH_PORT']}
ssh_user = "{ssh['STREAMS_TEST_SSH_USER']}"
identity_file = "{ssh['STREAMS_TEST_SSH_KEY']}"
known_hosts = "{known_hosts}"
""")
            return path

        rc, out = doctor(binary, "--config", tunnel_config(ssh["STREAMS_TEST_SSH_KNOWN_HOSTS"]), secrets=[password])
        check(rc == 0 and "tunnel     ok" in out and "forwarding" in out, f"tunnel: exit {rc}\n{out}")
        check("store      ok" in out, f"store through the tunnel: {out}")
        empty = os.path.join(tmp, "empty_known_hosts")
        open(empty, "w").close()
        rc, out = doctor(binary, "--config", tunnel_config(empty), secrets=[password])
        check(rc == 1 and "tunnel     FAILED" in out and "Host key verification failed" in out,
              f"tunnel with an unknown host key: exit {rc}\n{out}")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("doctor: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
