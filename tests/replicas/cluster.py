"""The platform as a municipality runs it, on this machine: two gunicorn instances behind
HAProxy (Debian's package), two Celery workers, one beat and a second beat started by
mistake, all sharing PostgreSQL, Redis and an S3-compatible store (moto's server) and
nothing else. `make replicas` and tests/replicas/ drive it."""

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import ServerProcess, free_port
from tests.storage.s3 import S3Server, s3_server_start

ROOT = Path(__file__).resolve().parent.parent.parent

HAPROXY_CONFIG = """global
    maxconn 1024
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend site
    bind 127.0.0.1:{port}
    default_backend replicas
backend replicas
    balance roundrobin
    # Which instance answered, so the test can see that requests hit both.
    http-response set-header X-Replica %s
{servers}
"""


@dataclass
class Process:
    """A long-running process of the cluster (worker, beat) with its output in a file."""

    name: str
    proc: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


@dataclass
class Cluster:
    folder: Path
    env: dict
    s3: S3Server | None = None
    web: list[ServerProcess] = field(default_factory=list)
    web_urls: list[str] = field(default_factory=list)
    balancer: ServerProcess | None = None
    url: str = ""
    workers: list[Process] = field(default_factory=list)
    beats: list[Process] = field(default_factory=list)

    @property
    def mail_dir(self) -> Path:
        return self.folder / "mail"

    def start(self, *, web: int = 2, workers: int = 2):
        self.s3 = s3_server_start(self.folder)
        self.env |= self.s3.env() | {"EMAIL_FILE_PATH": str(self.mail_dir)}
        for number in range(1, web + 1):
            port = free_port()
            self.web.append(
                ServerProcess(
                    [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py"]
                    + ["config.wsgi:application"],
                    ready_url=f"http://127.0.0.1:{port}/healthz",
                    log=self.folder / f"web{number}.log",
                    cwd=ROOT,
                    env=self.env | {"GUNICORN_BIND": f"127.0.0.1:{port}"},
                ).start(timeout=60)
            )
            self.web_urls.append(f"http://127.0.0.1:{port}")
        self._balancer_start()
        for number in range(1, workers + 1):
            self.workers.append(
                self._celery(f"worker{number}", "worker", *self._worker_args(number))
            )
        for worker in self.workers:
            _wait_for_text(worker, "ready.")
        return self

    def beat_start(self, name: str, *, wait_for: str) -> Process:
        beat = self._celery(name, "beat", "--schedule", str(self.folder / f"{name}-schedule"))
        self.beats.append(beat)
        _wait_for_text(beat, wait_for)
        return beat

    def stop(self):
        for process in [*self.beats, *self.workers]:
            process.stop()
        for server in [self.balancer, *self.web, self.s3.process if self.s3 else None]:
            if server is not None:
                server.stop()

    def _balancer_start(self):
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        port = free_port()
        servers = "\n".join(
            f"    server web{n} {url.removeprefix('http://')} check inter 1s"
            for n, url in enumerate(self.web_urls, start=1)
        )
        config = self.folder / "haproxy.cfg"
        config.write_text(HAPROXY_CONFIG.format(port=port, servers=servers))
        self.url = f"http://127.0.0.1:{port}"
        self.balancer = ServerProcess(
            [haproxy, "-db", "-f", str(config)],
            ready_url=f"{self.url}/healthz",
            log=self.folder / "haproxy.log",
        ).start()

    @staticmethod
    def _worker_args(number: int) -> list[str]:
        return ["--pool", "prefork", "--concurrency", "1", "-n", f"replica{number}@%h"] + [
            "--without-gossip",
            "--without-mingle",
        ]

    def _celery(self, name: str, *args: str) -> Process:
        log = self.folder / f"{name}.log"
        with log.open("wb") as output:
            proc = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "config", *args, "--loglevel", "INFO"],
                cwd=ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return Process(name, proc, log)


def _wait_for_text(process: Process, text: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in process.output():
            return
        if process.proc.poll() is not None:
            break
        time.sleep(0.3)
    raise RuntimeError(f"{process.name}: no {text!r}: {process.output()[-3000:]}")
