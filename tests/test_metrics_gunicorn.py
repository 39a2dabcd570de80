"""/metrics under gunicorn as in production: two processes share their request figures
through PROMETHEUS_MULTIPROC_DIR, so a scrape answered by either process counts every
request; with LOG_FORMAT=json gunicorn's own access lines are JSON too."""

import http.client
import json
import os
import subprocess
import sys

from django.conf import settings
from prometheus_client.parser import text_string_to_metric_families

from tests.test_logging import ROOT, _database_url, _free_port, _wait_listening

TOKEN = "gunicorn-scrape-token"
REQUESTS = 24


def _get(port, path, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def _live_count(text: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if (
                sample.name == "ideeen_http_request_duration_seconds_count"
                and sample.labels["view"] == "healthz-live"
            ):
                return sample.value
    return 0


def test_two_processes_report_every_request(tmp_path, django_db_setup):
    port = _free_port()
    folder = tmp_path / "prometheus"
    folder.mkdir()
    (folder / "counter_stale.db").write_bytes(b"")  # left by an earlier run: removed
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "1",
        "GUNICORN_REUSE_PORT": "true",
        "PROMETHEUS_MULTIPROC_DIR": str(folder),
        "METRICS_TOKEN": TOKEN,
        "LOG_FORMAT": "json",
    }
    out, err = tmp_path / "access.log", tmp_path / "error.log"
    with out.open("w") as stdout, err.open("w") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py"],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
        try:
            _wait_listening(proc, port)
            assert not (folder / "counter_stale.db").exists()
            for _ in range(REQUESTS):
                assert _get(port, "/healthz/live")[0] == 200
            assert _get(port, "/metrics")[0] == 401
            scrapes = [
                _get(port, "/metrics", {"Authorization": f"Bearer {TOKEN}"}) for _ in range(6)
            ]
        finally:
            proc.terminate()
            proc.wait(20)
    assert [status for status, _ in scrapes] == [200] * 6
    # Whichever process answered, it counted all the requests of both.
    assert {_live_count(body.decode()) for _, body in scrapes} == {REQUESTS}
    pids = {path.name.rsplit("_", 1)[-1] for path in folder.glob("histogram_*.db")}
    assert len(pids) == 2, pids  # both processes served and wrote their figures
    access = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    assert any('"GET /healthz/live' in entry["message"] for entry in access)
    assert all(entry["logger"] == "gunicorn.access" for entry in access)
