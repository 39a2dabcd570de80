"""LOG_FORMAT=json: one JSON object per line, with the same redaction as the text lines
(config/logging.py), for the web and the workers; and the Sentry scrubber
(config/sentry.py) sends no personal data."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from config.log_format import JSONFormatter
from config.logging import RedactTokensFilter
from config.sentry import scrub_event

ROOT = Path(__file__).resolve().parent.parent


def _line(record: logging.LogRecord) -> dict:
    RedactTokensFilter().filter(record)
    return json.loads(JSONFormatter().format(record))


def test_a_json_line_is_redacted():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/mijn-idee/abc123tok/",),
        None,
    )
    entry = _line(record)
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert entry["message"] == "Not Found: /mijn-idee/[token]/"
    assert entry["time"].endswith("+00:00")


def test_a_traceback_in_json_keeps_no_address():
    try:
        raise ValueError("no such person: sanne@example.nl")
    except ValueError:
        record = logging.LogRecord(
            "celery.app.trace", logging.ERROR, __file__, 1, "Task failed", (), sys.exc_info()
        )
    entry = _line(record)
    assert "sanne@example.nl" not in json.dumps(entry)
    assert "[e-mail]" in entry["exception"]


def test_web_and_worker_settings_log_json_when_asked():
    """The web (Django's LOGGING) and a worker (config/celery.py's setup_logging hook use
    the same LOGGING) write JSON lines with LOG_FORMAT=json."""
    code = (
        "import django, logging; django.setup();"
        "from config.celery import _django_logging; _django_logging();"
        "logging.getLogger('messaging.tasks').warning('event=sent to=%s', 'a@b.nl')"
    )
    env = dict(os.environ) | {"LOG_FORMAT": "json"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["logger"] == "messaging.tasks"
    assert line["message"] == "event=sent to=[e-mail]"


def test_sentry_events_carry_no_personal_data():
    event = {
        "request": {
            "url": "https://ideeen.gemeente.example/mijn-idee/secret-token-123/",
            "method": "POST",
            "data": {"name": "Sanne Visser", "email": "sanne@example.nl"},
            "cookies": {"sessionid": "abc"},
            "query_string": "q=Sanne",
            "headers": {
                "Cookie": "sessionid=abc",
                "User-Agent": "Firefox",
                "Authorization": "Token x",
            },
            "env": {"REMOTE_ADDR": "192.0.2.1"},
        },
        "user": {
            "id": 7,
            "email": "broker@gemeente.example",
            "username": "broker@gemeente.example",
            "ip_address": "192.0.2.1",
        },
        "logentry": {"message": "mail to %s failed", "params": ["sanne@example.nl"]},
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": "bad address sanne@example.nl",
                    "stacktrace": {
                        "frames": [{"function": "send", "vars": {"to": "sanne@example.nl"}}]
                    },
                }
            ]
        },
        "breadcrumbs": {
            "values": [{"message": "GET /mijn-idee/secret-token-123/", "data": {"url": "x"}}]
        },
        "extra": {"initiator": "Sanne Visser"},
    }
    scrubbed = scrub_event(event, {})
    text = json.dumps(scrubbed)
    for secret in (
        "Sanne",
        "sanne@example.nl",
        "broker@gemeente.example",
        "secret-token-123",
        "sessionid",
        "192.0.2.1",
        "Token x",
    ):
        assert secret not in text, secret
    assert scrubbed["user"] == {"id": 7}
    assert scrubbed["request"]["headers"] == {"User-Agent": "Firefox"}
    assert scrubbed["request"]["url"].endswith("/mijn-idee/[token]/")
    assert scrubbed["exception"]["values"][0]["value"] == "bad address [e-mail]"


def test_sentry_is_set_up_without_personal_data(monkeypatch):
    import sentry_sdk

    seen = {}
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: seen.update(options))
    from config.sentry import sentry_init

    sentry_init("https://key@errors.gemeente.example/1", environment="test", traces=0.0)
    assert seen["send_default_pii"] is False
    assert seen["before_send"] is scrub_event
    assert seen["max_request_body_size"] == "never"
