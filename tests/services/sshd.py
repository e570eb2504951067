#!/usr/bin/env python3
"""CTest fixture: an OpenSSH server on a free 127.0.0.1 port with throwaway keys (tunnel tests).

  sshd.py start --state-dir DIR   host and user keys made by ssh-keygen in a temporary folder,
                                  /usr/sbin/sshd with StrictModes no (the keys live under /tmp),
                                  UsePAM no, public-key login only; writes DIR/sshd.env
  sshd.py stop  --state-dir DIR

sshd.env: STREAMS_TEST_SSH_HOST, STREAMS_TEST_SSH_PORT, STREAMS_TEST_SSH_USER (the user running
the fixture), STREAMS_TEST_SSH_KEY (private key), STREAMS_TEST_SSH_KNOWN_HOSTS (the host key of
this server under "[127.0.0.1]:PORT").
"""
import os
import pwd
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import service_util as su  # noqa: E402

NAME = "sshd"
SSHD = "/usr/sbin/sshd"


def stop(state_dir):
    state = su.load_state(state_dir, NAME)
    if not state:
        return
    su.stop_pid(state.get("pid"))
    su.forget(state_dir, NAME, state["dir"])


def start(state_dir):
    stop(state_dir)
    tmp = tempfile.mkdtemp(prefix="streams-sshd-")
    su.save_state(state_dir, NAME, {"dir": tmp})
    port = su.free_port()
    user = pwd.getpwuid(os.getuid()).pw_name
    host_key = os.path.join(tmp, "host_ed25519")
    user_key = os.path.join(tmp, "user_ed25519")
    for key in (host_key, user_key):
        su.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "streams-test", "-f", key], "ssh-keygen")
    authorized = os.path.join(tmp, "authorized_keys")
    with open(user_key + ".pub") as src, open(authorized, "w") as dst:
        dst.write(src.read())
    known_hosts = os.path.join(tmp, "known_hosts")
    with open(host_key + ".pub") as src, open(known_hosts, "w") as dst:
        key_type, key_data = src.read().split()[:2]
        dst.write(f"[127.0.0.1]:{port} {key_type} {key_data}\n")
    pidfile = os.path.join(tmp, "sshd.pid")
    config = os.path.join(tmp, "sshd_config")
    with open(config, "w") as f:
        f.write(f"""Port {port}
ListenAddress 127.0.0.1
HostKey {host_key}
PidFile {pidfile}
AuthorizedKeysFile {authorized}
StrictModes no
UsePAM no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowTcpForwarding local
GatewayPorts no
X11Forwarding no
PrintMotd no
ClientAliveInterval 5
LogLevel VERBOSE
""")
    if su.is_root():
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # privilege separation directory
    su.run([SSHD, "-f", config, "-E", os.path.join(tmp, "sshd.log")], "sshd", timeout=30)
    pid = su.read_pidfile(pidfile)
    su.save_state(state_dir, NAME, {"dir": tmp, "pid": pid})
    su.wait_for_port(port, 15, "sshd", alive=lambda: su.pid_alive(pid))
    su.write_env(state_dir, NAME, {
        "STREAMS_TEST_SSH_HOST": "127.0.0.1",
        "STREAMS_TEST_SSH_PORT": port,
        "STREAMS_TEST_SSH_USER": user,
        "STREAMS_TEST_SSH_KEY": user_key,
        "STREAMS_TEST_SSH_KNOWN_HOSTS": known_hosts,
    })
    print(f"sshd: {user}@127.0.0.1:{port} ({tmp})")


def main():
    args = su.parse_args(NAME)
    state_dir = os.path.abspath(args.state_dir)
    if args.action == "start":
        start(state_dir)
    else:
        stop(state_dir)


if __name__ == "__main__":
    main()
