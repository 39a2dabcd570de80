"""Small helpers for the Makefile and scripts/*.sh around DATABASE_URL and REDIS_URL.

Only `create-db` needs psycopg (run it with the virtualenv's python); the other
commands use the standard library, so they work before the virtualenv exists.

    dbtool.py pg-vars URL         shell assignments PG_HOST, PG_PORT, PG_USER, PG_DB
    dbtool.py redis-vars URL      shell assignments REDIS_HOST, REDIS_PORT
    dbtool.py with-db URL NAME    URL with its database name replaced by NAME
    dbtool.py ping-pg URL         exit 0 when a PostgreSQL server answers there
    dbtool.py ping-redis URL      exit 0 when a Redis server answers there
    dbtool.py create-db URL       create URL's database unless it exists
"""

import shlex
import socket
import struct
import sys
from urllib.parse import unquote, urlsplit, urlunsplit

PG_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}


def pg_parts(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    if parts.scheme not in PG_SCHEMES:
        raise SystemExit(f"not a PostgreSQL URL: {url!r}")
    return {
        "host": unquote(parts.hostname or "127.0.0.1"),
        "port": str(parts.port or 5432),
        "user": unquote(parts.username or "postgres"),
        "password": unquote(parts.password or ""),
        "db": unquote(parts.path.lstrip("/")) or "postgres",
    }


def redis_parts(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss"}:
        raise SystemExit(f"not a Redis URL: {url!r}")
    return {"host": parts.hostname or "127.0.0.1", "port": str(parts.port or 6379)}


def shell_vars(prefix: str, values: dict[str, str]) -> str:
    return "\n".join(f"{prefix}{key.upper()}={shlex.quote(value)}" for key, value in values.items())


def with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def _exchange(host: str, port: int, payload: bytes) -> bytes:
    with socket.create_connection((host, port), timeout=2) as sock:
        sock.settimeout(2)
        sock.sendall(payload)
        return sock.recv(64)


def ping_pg(url: str) -> bool:
    p = pg_parts(url)
    # An SSLRequest is the one message every PostgreSQL server answers before
    # authentication, with a single byte: "S" or "N".
    try:
        reply = _exchange(p["host"], int(p["port"]), struct.pack("!ii", 8, 80877103))
    except OSError:
        return False
    return reply[:1] in (b"S", b"N")


def ping_redis(url: str) -> bool:
    r = redis_parts(url)
    try:
        reply = _exchange(r["host"], int(r["port"]), b"PING\r\n")
    except OSError:
        return False
    # A server that wants a password still answers (with -NOAUTH): it is up.
    return reply.startswith((b"+PONG", b"-NOAUTH"))


def create_db(url: str) -> None:
    import psycopg
    from psycopg import sql

    p = pg_parts(url)
    conninfo = {"host": p["host"], "port": p["port"], "user": p["user"]}
    if p["password"]:
        conninfo["password"] = p["password"]
    # Connect to a maintenance database: the target may not exist yet.
    last_error: Exception | None = None
    for maintenance_db in ("postgres", "template1"):
        try:
            conn = psycopg.connect(dbname=maintenance_db, autocommit=True, **conninfo)
            break
        except psycopg.OperationalError as exc:
            last_error = exc
    else:
        raise SystemExit(f"cannot connect to PostgreSQL at {p['host']}:{p['port']}: {last_error}")
    with conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [p["db"]]).fetchone()
        if exists:
            return
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(p["db"])))
        print(f"created database {p['db']}", file=sys.stderr)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    command, args = argv[1], argv[2:]
    if command == "pg-vars" and len(args) == 1:
        print(shell_vars("PG_", {k: v for k, v in pg_parts(args[0]).items() if k != "password"}))
    elif command == "redis-vars" and len(args) == 1:
        print(shell_vars("REDIS_", redis_parts(args[0])))
    elif command == "with-db" and len(args) == 2:
        print(with_db(args[0], args[1]))
    elif command == "ping-pg" and len(args) == 1:
        return 0 if ping_pg(args[0]) else 1
    elif command == "ping-redis" and len(args) == 1:
        return 0 if ping_redis(args[0]) else 1
    elif command == "create-db" and len(args) == 1:
        create_db(args[0])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
