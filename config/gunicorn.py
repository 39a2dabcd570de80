"""gunicorn settings, shared by the image (Dockerfile, docker-compose.yml) and the
benchmark (bench/measures/residents.py): `gunicorn -c config/gunicorn.py`.
Every value can be changed through the environment."""

import os
import sys

from gunicorn.glogging import Logger

from config.logging import RedactTokensFilter, redact

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads let a worker go on with the next request while one waits on PostgreSQL or
# Redis. Two per worker: with more, they mostly queue for the interpreter lock (3 or 4
# measured no better than 2 with `python -m bench residents`).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# A gthread worker keeps every keep-alive connection it has accepted. Without a cap,
# one worker can hold nearly all clients while the other idles (seen under load: 85%
# against 19% CPU). At the cap a worker stops accepting and the other one takes over.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", "25"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# No runtime control socket: nobody uses it, and the image's home directory is read-only.
control_socket_disable = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms'


class RedactingLogger(Logger):
    """Access and error logs without the tokens of private links (config/logging.py)."""

    def setup(self, cfg):
        super().setup(cfg)
        # gunicorn's own error lines name the path ("Error handling request /mijn-idee/...").
        self.error_log.addFilter(RedactTokensFilter())

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms


logger_class = RedactingLogger
# Python hands the interpreter lock to a waiting thread every 5 ms by default: a thread
# whose database answer has arrived can wait that long behind one that is rendering. At
# 0.5 ms a request's many short waits add up less (measured with 4 threads per worker:
# ~7% more submissions/s; with 2 threads no difference beyond the noise).
SWITCH_INTERVAL = float(os.environ.get("GUNICORN_SWITCH_INTERVAL", "0.0005"))


def post_fork(server, worker):
    sys.setswitchinterval(SWITCH_INTERVAL)
