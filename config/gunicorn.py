"""gunicorn settings, shared by the image (Dockerfile, docker-compose.yml) and the
benchmark (bench/measures/residents.py): `gunicorn -c config/gunicorn.py`.
Every value can be changed through the environment."""

import os
import re
import sys

from gunicorn.glogging import Logger

from config.logging import RedactTokensFilter, redact, redact_url

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads let a worker go on with the next request while one waits on PostgreSQL or
# Redis. Two per worker: with more, they mostly queue for the interpreter lock (3 or 4
# measured no better than 2 with `python -m bench residents`).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# Most connections a worker holds, kept-alive ones included. A gthread worker closes a
# kept-alive connection after answering whenever (worker_connections - threads) idle
# ones are already waiting, so a cap near the number of clients per worker makes
# clients reconnect all the time. Measured with locust (50 clients, 2 workers, one
# shared socket): a cap of 25 gave p50 70 ms at 110 submissions/s, gunicorn's own
# default of 1000 p50 13 ms at 175/s with less CPU. What spreads the clients over the
# workers is reuse_port below, not this cap.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "1000"))
# Each worker listens on a socket of its own (SO_REUSEPORT) and the kernel spreads new
# connections over them (by a hash of the client's address and port, not by load). With
# one shared socket the worker woken first takes nearly every connection, and a
# kept-alive client stays with it: measured 76% against 25% CPU under the benchmark's
# load (p95 350 ms), against about 45% each with sockets of their own (p95 54-83 ms).
# The cost: connections still waiting in a worker's queue when it stops are reset, and
# a second gunicorn on the same port shares the traffic instead of failing to start.
reuse_port = os.environ.get("GUNICORN_REUSE_PORT", "true").lower() in ("1", "true", "yes")
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# No runtime control socket: nobody uses it, and the image's home directory is read-only.
control_socket_disable = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms'


class RedactingLogger(Logger):
    """Access and error logs without the tokens of private links or search terms
    (config/logging.py)."""

    def setup(self, cfg):
        super().setup(cfg)
        # gunicorn's own error lines name the path ("Error handling request /mijn-idee/...").
        self.error_log.addFilter(RedactTokensFilter())
        # The request line, path, query and Referer, and every other atom the access-log
        # format prints: a format that adds a header or an environ value ({referer}i,
        # {raw_uri}e) is covered too.
        printed = re.findall(r"%\(([^)]+)\)", cfg.access_log_format or "")
        self._redacted = frozenset(("r", "U", "q", "f", *printed))
        # LOG_FORMAT=json: gunicorn's lines as JSON objects too, like Django's and Celery's.
        if os.environ.get("LOG_FORMAT", "text") == "json":
            from config.log_format import JSONFormatter

            for handler in (*self.error_log.handlers, *self.access_log.handlers):
                handler.setFormatter(JSONFormatter())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in self._redacted:
            value = atoms.get(key)
            if not isinstance(value, str):
                continue
            if key in ("q", "{query_string}e"):  # the query string, without its "?"
                atoms[key] = redact_url("?" + value)[1:]
            elif value.startswith("/"):  # a path (PATH_INFO is decoded: it may hold spaces)
                atoms[key] = redact_url(value)
            else:  # the request line, a Referer, ...
                atoms[key] = redact(value)
        return atoms


logger_class = RedactingLogger
# Python hands the interpreter lock to a waiting thread every 5 ms by default: a thread
# whose database answer has arrived can wait that long behind one that is rendering. At
# 0.5 ms a request's many short waits add up less (measured with 4 threads per worker:
# ~7% more submissions/s; with 2 threads no difference beyond the noise).
SWITCH_INTERVAL = float(os.environ.get("GUNICORN_SWITCH_INTERVAL", "0.0005"))


def post_fork(server, worker):
    sys.setswitchinterval(SWITCH_INTERVAL)


def post_worker_init(worker):
    # The application is loaded: keep its modules and classes out of the collector's full
    # passes, which otherwise stall a request every few requests, and what the first
    # requests load once they have been served (config/memory.py).
    from config.memory import freeze_after_warm_up

    freeze_after_warm_up()


# /metrics under several processes (config/metrics.py): each process writes its figures
# to PROMETHEUS_MULTIPROC_DIR. The folder starts empty, and a process that ended leaves
# its gauges out.
def on_starting(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):
            if name.endswith(".db"):
                os.remove(os.path.join(folder, name))


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
