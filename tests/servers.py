"""Real servers the tests start as their own processes on free local ports: the OIDC
provider (tests/accounts/), the S3-compatible object store (tests/storage/)."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """`command` in its own process group, its output in `log`; ready once `ready_url`
    answers with anything below 500."""

    def __init__(self, command: list[str], *, ready_url: str, log: Path, cwd=None, env=None):
        self.command, self.ready_url, self.log = command, ready_url, log
        self.cwd, self.env = cwd, env
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 30):
        with self.log.open("wb") as output:
            self.proc = subprocess.Popen(
                self.command,
                cwd=self.cwd,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.command[:3]} exited: {self.output()[-2000:]}")
            try:
                if requests.get(self.ready_url, timeout=1).status_code < 500:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.ready_url} did not answer: {self.output()[-2000:]}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""
