"""Shared helpers of the CTest service fixtures (tests/services/<name>.py start|stop --state-dir DIR).

Each fixture runs a real server on a free 127.0.0.1 port in a temporary directory, writes
DIR/<name>.env (KEY=VALUE lines) for the tests, and remembers what to stop in DIR/<name>.state.
"""
import argparse
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def parse_args(name):
    parser = argparse.ArgumentParser(description=f"start or stop the test {name}")
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--state-dir", required=True, help="folder of <name>.env and <name>.state")
    return parser.parse_args()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout, what, alive=None):
    """Polls a TCP connect to 127.0.0.1:port until it succeeds; alive() (optional) says whether the
    server process still runs, so a crash fails at once instead of after the timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            pass
        if alive is not None and not alive():
            break
        time.sleep(0.05)
    raise SystemExit(f"{what} did not accept connections on 127.0.0.1:{port}")


def is_root():
    return os.geteuid() == 0


def service_user():
    """The unprivileged user servers that refuse root run as (postgres when we are root)."""
    return "postgres" if is_root() else pwd.getpwuid(os.getuid()).pw_name


def as_service_user(argv):
    return ["runuser", "-u", "postgres", "--", *argv] if is_root() else list(argv)


def make_temp_dir(prefix):
    """A temporary folder owned by the service user (initdb and pgbouncer refuse root)."""
    path = tempfile.mkdtemp(prefix=prefix)
    if is_root():
        entry = pwd.getpwnam("postgres")
        os.chown(path, entry.pw_uid, entry.pw_gid)
    os.chmod(path, 0o700)
    return path


def chown_service(path):
    if is_root():
        entry = pwd.getpwnam("postgres")
        os.chown(path, entry.pw_uid, entry.pw_gid)


def run(argv, what, timeout=60, **kwargs):
    result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, **kwargs)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"{what} failed (exit {result.returncode}): {' '.join(argv)}")
    return result.stdout


def write_env(state_dir, name, values):
    os.makedirs(state_dir, exist_ok=True)
    path = os.path.join(state_dir, f"{name}.env")
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        for key, value in values.items():
            f.write(f"{key}={value}\n")
    os.replace(tmp, path)
    return path


def read_env(state_dir, name):
    path = os.path.join(state_dir, f"{name}.env")
    values = {}
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                values[key] = value
    return values


def save_state(state_dir, name, state):
    os.makedirs(state_dir, exist_ok=True)
    with open(os.path.join(state_dir, f"{name}.state"), "w") as f:
        json.dump(state, f)


def load_state(state_dir, name):
    try:
        with open(os.path.join(state_dir, f"{name}.state")) as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def forget(state_dir, name, temp_dir):
    for suffix in (".env", ".state"):
        try:
            os.remove(os.path.join(state_dir, f"{name}{suffix}"))
        except FileNotFoundError:
            pass
    if temp_dir:
        shutil.rmtree(temp_dir, ignore_errors=True)


def pid_alive(pid):
    try:
        os.kill(pid, 0)
        with open(f"/proc/{pid}/stat") as f:  # a zombie (nobody reaps daemons in a container) is dead
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def stop_pid(pid, timeout=10):
    """SIGTERM, then SIGKILL after `timeout` seconds."""
    import signal

    if not pid or not pid_alive(pid):
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return
        time.sleep(0.05)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def read_pidfile(path, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(path) as f:
                text = f.read().strip()
            if text:
                return int(text.split()[0])
        except (FileNotFoundError, ValueError):
            pass
        time.sleep(0.05)
    raise SystemExit(f"no pid in {path}")
