import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from accounts.roles import Role
from tests.accounts.factories import StaffFactory

ROOT = Path(__file__).resolve().parent.parent

# The OIDC provider for the staff sign-in tests (`oidc_provider`, `sso`).
pytest_plugins = ["tests.accounts.oidc_fixtures"]


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and lockouts live in the cache (Redis): start every test clean.
    from django.core.cache import cache

    cache.clear()
    # A rolled-back test removes its themes, texts, ... without a signal: forget them.
    from config.reference_data import reference_data_forget

    reference_data_forget()
    yield


@pytest.fixture
def broker(db):
    return StaffFactory(role=Role.BROKER)


@pytest.fixture
def coordinator(db):
    return StaffFactory(role=Role.COORDINATOR)


@pytest.fixture
def civil_servant(db):
    return StaffFactory(role=Role.CIVIL_SERVANT)


def _database_url() -> str:
    db = settings.DATABASES["default"]
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def _purge_queue():
    from config.celery import app

    with app.connection_for_write() as conn:
        app.control.purge(connection=conn)


def all_queues() -> str:
    from config.celery import app

    return ",".join(queue.name for queue in app.conf.task_queues)


class WorkerProcess:
    """A real `celery worker` process against the test database and the real Redis,
    consuming every queue, as the one worker of `make run` does."""

    def __init__(self, mail_dir: Path, extra_env: dict | None = None, output: Path | None = None):
        self.mail_dir = mail_dir
        self.extra_env = extra_env or {}
        # Where the worker's stdout and stderr go: a file the test reads, or a pipe.
        self.output = output
        self.proc: subprocess.Popen | None = None

    def start(self):
        env = (
            os.environ
            | {
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "DATABASE_URL": _database_url(),
                "REDIS_URL": settings.CELERY_BROKER_URL,
                "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": str(self.mail_dir),
            }
            | self.extra_env
        )
        output = self.output.open("wb") if self.output else subprocess.PIPE
        self.proc = subprocess.Popen(
            self.command(),
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if self.output:
            output.close()  # the worker has its own copy
        self._wait_ready()
        return self

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--queues",
            all_queues(),
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "--loglevel",
            "INFO",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"test-{os.getpid()}@%h",
        ]

    def _wait_ready(self, timeout=30):
        from config.celery import app

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited: {self.read_output()[-2000:]}")
            if app.control.ping(timeout=0.5):
                return
        raise RuntimeError("worker did not answer a ping in time")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def read_output(self) -> str:
        if self.output:
            return self.output.read_text(errors="replace")
        return self.proc.stdout.read().decode(errors="replace")

    def sent_mails(self) -> list[str]:
        if not self.mail_dir.exists():
            return []
        return [p.read_text() for p in sorted(self.mail_dir.iterdir())]


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    """Starts a real worker process; the test's data must be committed (transactional_db)."""
    _purge_queue()
    worker = WorkerProcess(tmp_path / "mail")
    worker.start()
    yield worker
    worker.stop()


def wait_for(predicate, timeout=20.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()
