#!/usr/bin/env python3
"""CTest fixture: PgBouncer in transaction pooling mode in front of the test PostgreSQL.

  pgbouncer.py start --state-dir DIR   reads DIR/postgres.env (the postgres fixture), starts
                                       pgbouncer on a free 127.0.0.1 port (as user postgres when
                                       run as root: pgbouncer refuses root); writes DIR/pgbouncer.env
  pgbouncer.py stop  --state-dir DIR

pgbouncer.env: STREAMS_TEST_PGBOUNCER_URL (database `streams`; every database name is passed
through to PostgreSQL by the `*` entry), STREAMS_TEST_PGBOUNCER_PORT.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import service_util as su  # noqa: E402

NAME = "pgbouncer"
PGBOUNCER = "/usr/sbin/pgbouncer"


def stop(state_dir):
    state = su.load_state(state_dir, NAME)
    if not state:
        return
    su.stop_pid(state.get("pid"))
    su.forget(state_dir, NAME, state["dir"])


def start(state_dir):
    stop(state_dir)
    pg = su.read_env(state_dir, "postgres")
    tmp = su.make_temp_dir("streams-pgbouncer-")
    su.save_state(state_dir, NAME, {"dir": tmp})
    port = su.free_port()
    user, password = pg["STREAMS_TEST_PG_USER"], pg["STREAMS_TEST_PG_PASSWORD"]
    ini = os.path.join(tmp, "pgbouncer.ini")
    userlist = os.path.join(tmp, "userlist.txt")
    pidfile = os.path.join(tmp, "pgbouncer.pid")
    with open(userlist, "w") as f:
        f.write(f'"{user}" "{password}"\n')  # plain text: pgbouncer then speaks SCRAM to both sides
    with open(ini, "w") as f:
        f.write(f"""[databases]
* = host={pg['STREAMS_TEST_PG_HOST']} port={pg['STREAMS_TEST_PG_PORT']}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = {userlist}
pool_mode = transaction
max_client_conn = 200
default_pool_size = 8
server_reset_query =
ignore_startup_parameters = extra_float_digits
logfile = {os.path.join(tmp, 'pgbouncer.log')}
pidfile = {pidfile}
""")
    for path in (ini, userlist):
        os.chmod(path, 0o600)
        su.chown_service(path)
    argv = [PGBOUNCER, "-d", ini]
    if su.is_root():
        argv[1:1] = ["-u", "postgres"]
    su.run(argv, "pgbouncer", timeout=30)
    pid = su.read_pidfile(pidfile)
    su.save_state(state_dir, NAME, {"dir": tmp, "pid": pid})
    su.wait_for_port(port, 15, "pgbouncer", alive=lambda: su.pid_alive(pid))
    su.write_env(state_dir, NAME, {
        "STREAMS_TEST_PGBOUNCER_URL": f"postgresql://{user}:{password}@127.0.0.1:{port}/streams",
        "STREAMS_TEST_PGBOUNCER_PORT": port,
    })
    print(f"pgbouncer: 127.0.0.1:{port} -> postgres :{pg['STREAMS_TEST_PG_PORT']} (transaction pooling)")


def main():
    args = su.parse_args(NAME)
    state_dir = os.path.abspath(args.state_dir)
    if args.action == "start":
        start(state_dir)
    else:
        stop(state_dir)


if __name__ == "__main__":
    main()
