"""A deadline on the database connection of a web request.

PostgreSQL's statement_timeout and lock_timeout end a slow statement on a server that
works. A frozen server (a stopped process, a paused machine) answers nothing, not even a
timeout, and its kernel still acknowledges every packet: a request waits as long as the
freeze lasts, and gunicorn's gthread workers never time out a busy thread. So one thread
per process watches the requests' deadlines, and when one passes while the request is
still running, it shuts down that request's database socket. The waiting call then fails
at once (OperationalError), and the request answers 503 (config/outage.py).

A connection still being opened is not cut here: `connect_timeout` bounds that."""

import itertools
import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

# How often the watching thread looks; a deadline is kept to within this.
_TICK_SECONDS = 0.1


class _Watch:
    def __init__(self):
        self._lock = threading.Lock()
        self._armed: dict[int, tuple[float, object]] = {}
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None
        self._pid = 0

    def arm(self, wrapper, seconds: float) -> int:
        token = next(self._tokens)
        with self._lock:
            self._armed[token] = (time.monotonic() + seconds, wrapper)
            # Threads do not survive a fork (gunicorn's workers): one per process.
            if self._thread is None or self._pid != os.getpid():
                self._pid = os.getpid()
                self._thread = threading.Thread(target=self._run, name="db-deadline", daemon=True)
                self._thread.start()
        return token

    def disarm(self, token: int) -> None:
        with self._lock:
            self._armed.pop(token, None)

    def _run(self):
        while True:
            time.sleep(_TICK_SECONDS)
            now = time.monotonic()
            with self._lock:
                # Under the lock, so the request cannot disarm, finish and hand its
                # connection on halfway through the cut.
                for token, (deadline, wrapper) in list(self._armed.items()):
                    if deadline <= now:
                        del self._armed[token]
                        _cut(wrapper)


def _cut(wrapper) -> None:
    connection = wrapper.connection
    if connection is None:
        return
    try:
        # A second descriptor for the same socket: shutting it down wakes the thread
        # that waits on the first one, which then reads end-of-file.
        sock = socket.socket(fileno=os.dup(connection.pgconn.socket))
    except Exception:
        return  # closed meanwhile: nothing left to cut
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()
    logger.warning("event=database_connection_cut alias=%s", wrapper.alias)


_watch = _Watch()


class deadline:
    """`with deadline(seconds):` cut this thread's database connection when the block
    is still running after `seconds` (0 or less: no deadline)."""

    def __init__(self, seconds: float, alias: str = "default"):
        self.seconds = seconds
        self.alias = alias
        self.token = None

    def __enter__(self):
        if self.seconds > 0:
            self.token = _watch.arm(connections[self.alias], self.seconds)
        return self

    def __exit__(self, *exc):
        if self.token is not None:
            _watch.disarm(self.token)
        return False


class DatabaseDeadlineMiddleware:
    """Every web request under WEB_DATABASE_TIMEOUT (first in MIDDLEWARE, so the
    session, the user and the view are all under it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with deadline(settings.WEB_DATABASE_TIMEOUT):
            return self.get_response(request)
