"""A database that is frozen, unreachable or blocked never holds a request for long:
pages and /healthz answer within seconds (503 when the database cannot answer).

Three ways a database fails to answer, each for real: a server that accepts connections
and never says anything (a socket in this test), a table locked by another connection,
and a server that freezes under a connection already open (a proxy in front of the real
PostgreSQL that stops passing bytes, as a stopped process or a paused machine does)."""

import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests.conftest import _database_url

ROOT = Path(__file__).resolve().parent.parent

# Connections are closed and reopened elsewhere: no test transaction around them.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@contextmanager
def _database_at(host: str, port: int):
    settings_dict = connection.settings_dict
    saved = {key: settings_dict[key] for key in ("HOST", "PORT")}
    connection.close()
    settings_dict.update(HOST=host, PORT=str(port))
    try:
        yield
    finally:
        connection.close()
        settings_dict.update(saved)


def _timed(client, path):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def _within(seconds, steps):
    """Run `steps` in a thread of its own (with its own database connection, as a
    gunicorn thread has) and fail if it has not finished after `seconds`: without the
    timeouts these requests hang for as long as the database does."""
    outcome = {}

    def run():
        try:
            outcome["value"] = steps()
        except BaseException as error:
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"no answer within {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class SilentServer:
    """Accepts TCP connections (the kernel does, from the backlog) and never answers."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.sock.getsockname()[1]

    def close(self):
        self.sock.close()


class FreezableProxy:
    """A TCP proxy in front of the real PostgreSQL. `freeze()` stops passing bytes on
    the connections it holds: the client's kernel still gets its acknowledgements, and
    no answer ever comes, as with a database server that is stopped or paused."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.frozen = threading.Event()
        self.closed = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def freeze(self):
        self.frozen.set()

    def thaw(self):
        self.frozen.clear()

    def close(self):
        self.closed.set()
        self.frozen.clear()
        self.listener.close()
        for sock in self.sockets:
            sock.close()

    def _accept(self):
        while not self.closed.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                while self.frozen.is_set() and not self.closed.is_set():
                    time.sleep(0.05)
                sink.sendall(data)
        except OSError:
            pass


def _real_database():
    return settings.DATABASES["default"].get("HOST") or "127.0.0.1", int(
        settings.DATABASES["default"].get("PORT") or 5432
    )


def test_connections_carry_statement_and_lock_timeouts():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("30s",)
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone() == ("5s",)
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone() == ("force_custom_plan",)
    assert settings.DATABASES["default"]["OPTIONS"]["connect_timeout"] == 3


def _setting_in_a_command(*args, env=None):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('SHOW statement_timeout'); a = c.fetchone()[0]; "
        "c.execute('SHOW lock_timeout'); print(a, c.fetchone()[0])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code, *args],
        cwd=ROOT,
        env=os.environ
        | {"DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": _database_url()}
        | (env or {}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_management_commands_run_without_statement_or_lock_timeout():
    # migrate, imports and exports may run long statements on purpose.
    assert _setting_in_a_command() == "0 0"


def test_the_timeouts_come_from_the_environment():
    code = (
        "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS']; "
        "print(o['connect_timeout'], o['options'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=os.environ
        | {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_CONNECT_TIMEOUT": "7",
            "DATABASE_STATEMENT_TIMEOUT": "2.5",
            "DATABASE_LOCK_TIMEOUT": "0",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "7",
        "-c",
        "plan_cache_mode=force_custom_plan",
        "-c",
        "statement_timeout=2500",
        "-c",
        "lock_timeout=0",
    ]


def test_a_database_that_accepts_but_never_answers(client):
    server = SilentServer()
    try:
        with _database_at("127.0.0.1", server.port):
            (page, page_took), (health, health_took) = _within(
                20, lambda: (_timed(client, "/ideeen/"), _timed(client, "/healthz"))
            )
    finally:
        server.close()
    assert page.status_code == 503
    assert page["Retry-After"] == "30"
    assert page_took < 6
    assert health.status_code == 503
    assert health.json()["checks"]["database"] is False
    assert health_took < 6


def test_a_table_locked_by_another_connection(client):
    locker = psycopg.connect(_database_url())
    try:
        locker.execute("BEGIN")
        locker.execute("LOCK TABLE initiatives_initiative IN ACCESS EXCLUSIVE MODE")
        (page, page_took), (health, health_took) = _within(
            20, lambda: (_timed(client, "/ideeen/"), _timed(client, "/healthz"))
        )
    finally:
        locker.close()
    # The page waits for the lock no longer than lock_timeout (5 s), then answers 503.
    assert page.status_code == 503
    assert page_took < 8
    # The database itself answers: /healthz is fine, and quick.
    assert health.status_code == 200
    assert health_took < 2
    assert client.get("/ideeen/").status_code == 200


def test_a_database_that_freezes_under_an_open_connection(client, settings):
    settings.WEB_DATABASE_TIMEOUT = 3
    proxy = FreezableProxy(*_real_database())

    def steps():
        assert client.get("/ideeen/").status_code == 200  # the connection is open
        proxy.freeze()
        page = _timed(client, "/ideeen/")

        connection.close()
        proxy.thaw()
        assert client.get("/healthz").status_code == 200  # open again
        proxy.freeze()
        return page, _timed(client, "/healthz")

    try:
        with _database_at("127.0.0.1", proxy.port):
            (page, page_took), (health, health_took) = _within(20, steps)
    finally:
        proxy.close()
    assert page.status_code == 503
    assert page["Retry-After"] == "30"
    assert page_took < 5
    # /healthz has a shorter bound of its own.
    assert health.status_code == 503
    assert health.json()["checks"]["database"] is False
    assert health_took < 4
