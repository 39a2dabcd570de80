"""config/gunicorn.py, the server settings of the image and of the benchmark, as gunicorn
itself reads them."""

import datetime
import re
import runpy
import urllib.parse
from pathlib import Path

import pytest
from gunicorn.config import Config
from gunicorn.http.wsgi import Response

ROOT = Path(__file__).resolve().parent.parent


def _config(monkeypatch, **env):
    """Read the file the way `gunicorn --config` does: every module-level name that is
    a gunicorn setting is set."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    cfg = Config()
    for name, value in runpy.run_path(str(ROOT / "config" / "gunicorn.py")).items():
        if name in cfg.settings:
            cfg.set(name, value)
    return cfg


def test_two_threaded_workers(monkeypatch):
    cfg = _config(monkeypatch)
    assert cfg.workers == 2
    assert cfg.worker_class_str == "gthread"
    assert cfg.threads == 2
    # Not near the number of clients: a worker would close kept-alive connections.
    assert cfg.worker_connections == 1000
    assert cfg.reuse_port  # a listening socket per worker, for the kernel to balance
    assert cfg.wsgi_app == "config.wsgi:application"
    assert cfg.bind == ["0.0.0.0:8000"]
    assert callable(cfg.post_fork)


def test_environment_overrides_the_defaults(monkeypatch):
    cfg = _config(
        monkeypatch, WEB_CONCURRENCY="4", GUNICORN_THREADS="3", GUNICORN_REUSE_PORT="false"
    )
    assert (cfg.workers, cfg.threads, cfg.reuse_port) == (4, 3, False)


def _access_log(monkeypatch, **environ) -> tuple[str, dict]:
    """The access-log line (and its atoms) gunicorn writes for one 200 answer."""
    cfg = _config(monkeypatch)
    logger = cfg.logger_class(cfg)
    environ = {
        "REQUEST_METHOD": "GET",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    } | environ
    response = Response(None, None, cfg)
    response.status = "200 OK"
    response.sent = 10
    atoms = logger.atoms(response, {}, environ, datetime.timedelta(milliseconds=12))
    return cfg.access_log_format % atoms, atoms


def test_access_log_leaves_out_private_link_tokens(monkeypatch):
    line, atoms = _access_log(
        monkeypatch,
        RAW_URI="/mijn-idee/eyJpIjoiYWJjIn0:1abc:SIGNATURE/",
        PATH_INFO="/mijn-idee/eyJpIjoiYWJjIn0:1abc:SIGNATURE/",
        HTTP_REFERER="https://example.nl/koppeling/eyJhbGciOi:1x:SIG/",
    )
    assert "SIGNATURE" not in line and "SIG/" not in atoms["f"]
    assert re.search(r'"GET /mijn-idee/\[token\]/ HTTP/1.1" 200', line)


def test_error_log_leaves_out_private_link_tokens(monkeypatch, caplog):
    import logging

    cfg = _config(monkeypatch)
    logger = cfg.logger_class(cfg)
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger.error_log.addHandler(handler)
    logger.error("Error handling request %s", "/mijn-idee/eyJpIjoiYWJjIn0:1abc:SIGNATURE/")
    assert records and "SIGNATURE" not in records[0].getMessage()
    assert "/mijn-idee/[token]/" in records[0].getMessage()


def test_access_log_leaves_out_search_terms(monkeypatch):
    """A search is often a resident's name: GET /api/v1/cases/?q=Anna+de+Vries."""
    line, _atoms = _access_log(
        monkeypatch,
        RAW_URI="/api/v1/cases/?status=new&q=Anna+de+Vries&page=2",
        PATH_INFO="/api/v1/cases/",
        QUERY_STRING="status=new&q=Anna+de+Vries&page=2",
    )
    assert "Anna" not in line
    assert "/api/v1/cases/?status=new&q=[zoekterm]&page=2" in line


def test_access_log_judges_the_decoded_url(monkeypatch):
    """Spelled differently, a token or a search term is still one (issue 14): percent-
    encoded, in upper case, in a next= parameter; the query atom too."""
    from tests.test_logging import BYPASSES, NAME, TOKEN

    for raw in BYPASSES:
        uri = raw.format(token=TOKEN)
        path, _mark, query = uri.partition("?")
        cfg_line, atoms = _access_log(
            monkeypatch,
            RAW_URI=uri,
            PATH_INFO=urllib.parse.unquote(path),
            QUERY_STRING=query,
            HTTP_REFERER=f"https://example.nl{uri}",
        )
        for value in (cfg_line, atoms["U"], atoms["q"], atoms["f"]):
            folded = value.casefold()
            assert TOKEN.casefold() not in folded, (uri, value)
            assert not any(part.casefold() in folded for part in NAME), (uri, value)


def test_a_format_that_prints_more_atoms_is_redacted_too(monkeypatch):
    cfg = _config(monkeypatch)
    cfg.set("access_log_format", '"%(r)s" %(q)s %({raw_uri}e)s %({referer}i)s')
    logger = cfg.logger_class(cfg)
    environ = {
        "REQUEST_METHOD": "GET",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "RAW_URI": "/MIJN-IDEE/eyJpIjoiYWJjIn0:1abc:SIGNATURE/",
        "PATH_INFO": "/MIJN-IDEE/eyJpIjoiYWJjIn0:1abc:SIGNATURE/",
        "QUERY_STRING": "%71=Anna",
    }
    response = Response(None, None, cfg)
    response.status = "404 Not Found"
    atoms = logger.atoms(
        response,
        {"Referer": "https://example.nl/koppeling/eyJhbGciOi:1x:SIGNATURE/"},
        environ,
        datetime.timedelta(milliseconds=3),
    )
    line = cfg.access_log_format % atoms
    assert "signature" not in line.casefold() and "anna" not in line.casefold(), line
    assert line.count("[token]") == 3 and "q=[zoekterm]" in line


def test_workers_freeze_what_they_loaded(monkeypatch):
    """After loading the application a worker moves its objects out of the collector's
    full passes (config/memory.py): the pauses they caused were the queue's p95."""
    import gc

    cfg = _config(monkeypatch)
    gc.unfreeze()
    try:
        cfg.post_worker_init(None)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


@pytest.mark.django_db
def test_workers_freeze_again_what_their_first_requests_loaded(monkeypatch, client):
    """What the first requests load (URL patterns, templates, kept queries and markup) is
    frozen too once they are served, and only after the requests REFREEZE_AFTER names: a
    full pass over it stalled a request every few dozen (config/memory.py)."""
    import gc

    from django.core.signals import request_finished

    from config import memory

    cfg = _config(monkeypatch)
    monkeypatch.setattr(memory, "_served", 0)
    frozen_after = []
    freeze = memory.freeze_loaded_objects

    def counting():
        frozen_after.append(memory._served)
        return freeze()

    monkeypatch.setattr(memory, "freeze_loaded_objects", counting)
    gc.unfreeze()
    try:
        cfg.post_worker_init(None)
        for _ in range(12):
            assert client.get("/").status_code == 200
        # At start, then after the 1st and the 10th request; not after the others.
        assert frozen_after == [0, 1, 10]
        assert gc.get_freeze_count() > 10_000
    finally:
        request_finished.disconnect(dispatch_uid="config.memory.refreeze")
        gc.unfreeze()
