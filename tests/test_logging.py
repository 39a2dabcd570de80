"""No secret link reaches the logs."""

import http.client
import io
import logging
import os
import re
import socket
import subprocess
import sys
import time
from urllib.parse import unquote

import pytest
from django.conf import settings

from config.logging import RedactTokensFilter, redact, redact_url
from initiatives.constants import Channel, InitiatorKind
from initiatives.links import private_token, private_url
from initiatives.services import InitiatorData, initiative_submit
from initiatives.tasks import submissions_follow_up
from messaging.models import OutboundMessage
from messaging.tasks import message_send
from tests.conftest import ROOT, WorkerProcess, _database_url, _purge_queue, wait_for
from tests.initiatives.factories import InitiativeFactory, theme

pytestmark = pytest.mark.django_db

# Shaped like a private-link token (signing.dumps): what must never be logged.
TOKEN = "eyJpIjoiNGY3YjEyYzMiLCJ2IjoxfQ:1uQx2Z:Zk9SignatureXyz"
NAME = ("Anna", "Vries")  # a search for "Anna de Vries"

# Requests as they come over the wire (what gunicorn's access log shows): the bypasses of
# issue 14 item 5 first, then the cases that were caught before.
BYPASSES = [
    "/mijn%2Didee/{token}/",
    "/%6Dijn-idee/{token}/",
    "/api/v1/cases/?%71=Anna+de+Vries",
    "/accounts/login/?next=/makelaar/%3Fq%3DAnna%2Bde%2BVries",
    "/accounts/login/?next=%2Fapi%2Fv1%2Fcases%2F%3Fstatus%3Dnew%26q%3DAnna%252Bde%252BVries",
    "/accounts/login/?next=%2Fmijn-idee%2F{token}%2Finformatie%2F",
    "/MIJN-IDEE/{token}/",
    "/Tevredenheid/{token}/",
    "/mijn%252Didee/{token}/",
    "/mijn-idee//./{token}/",
    "/api/v1/cases/%3Fq%3DAnna%2520de%2520Vries",
]
EXISTING = [
    "/mijn-idee/{token}/bijlage/999999/",
    "/idee-indienen/ontvangen/{token}/",
    "/tevredenheid/{token}/",
    "/hoe-gaat-het/{token}/",
    "/koppeling/{token}/",
    "/api/v1/cases/?status=new&q=Anna+de+Vries&page=2",
]


def _assert_clean(text: str, token: str = TOKEN) -> None:
    folded = text.casefold()
    assert token.casefold() not in folded, text
    for part in NAME:
        assert part.casefold() not in folded, text


# --- The filter and the functions behind it ---


@pytest.mark.parametrize("raw", BYPASSES + EXISTING)
def test_a_request_line_keeps_no_token_or_search_term(raw):
    line = redact(f'127.0.0.1 "GET {raw.format(token=TOKEN)} HTTP/1.1" 404 179')
    _assert_clean(line)
    assert line.startswith('127.0.0.1 "GET /') and line.endswith(' HTTP/1.1" 404 179')
    assert "[token]" in line or "[zoekterm]" in line


@pytest.mark.parametrize("raw", BYPASSES + EXISTING)
def test_djangos_not_found_line_keeps_no_token_or_search_term(raw):
    """Django logs request.path, decoded once by the WSGI server (so it may hold spaces),
    through the console handler's filter."""
    path = unquote(raw.format(token=TOKEN).partition("?")[0])
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", (path,), None
    )
    assert RedactTokensFilter().filter(record) is True
    _assert_clean(record.getMessage())


def test_the_decoded_url_is_written_with_the_secret_replaced():
    assert redact_url(f"/%6Dijn-idee/{TOKEN}/bijlage/3/") == "/mijn-idee/[token]/bijlage/3/"
    assert redact_url("/api/v1/cases/?%71=Anna+de+Vries&page=2") == (
        "/api/v1/cases/?q=[zoekterm]&page=2"
    )
    assert redact_url("/accounts/login/?next=/makelaar/%3Fq%3DAnna%2Bde%2BVries") == (
        "/accounts/login/?next=/makelaar/?q=[zoekterm]"
    )
    # Decoding never lets a line break (or a quote) into the log.
    assert redact_url(f"/mijn-idee/{TOKEN}/%0D%0Anep%22") == "/mijn-idee/[token]/%0D%0Anep%22"


@pytest.mark.parametrize(
    "line",
    [
        '"GET /mijn-idee/nieuwe-link/ HTTP/1.1" 200',
        '"GET /makelaar/?status=new&Pagina=2&wijk=WK019300 HTTP/1.1" 200',
        '"GET /ideeen/2026-0012/ HTTP/1.1" 200',
        '"POST /idee-indienen/ HTTP/1.1" 302',
        "Not Found: /Static/css/Site.css",
    ],
)
def test_lines_without_secrets_stay_exactly_as_they_were(line):
    assert redact(line) == line


def test_encoding_that_never_settles_is_hidden_whole():
    assert redact_url("/?%" + "25" * 30 + "71=Anna") == "/?[onleesbaar]"


# --- Real requests ---


def _console_handler():
    for handler in logging.getLogger().handlers:
        if type(handler) is logging.StreamHandler:
            return handler
    raise AssertionError("no console handler configured")


def _console_output(client, paths) -> tuple[str, list]:
    handler = _console_handler()
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        responses = [client.get(path) for path in paths]
    finally:
        handler.setStream(old)
    return stream.getvalue(), responses


def test_a_valid_private_link_in_a_404_is_not_logged(client):
    initiative = InitiativeFactory()
    token = private_token(initiative)
    logged, (response, _survey) = _console_output(
        client, [f"/mijn-idee/{token}/bijlage/999999/", "/tevredenheid/some.signed-token:xyz/"]
    )
    assert response.status_code == 404
    assert "Not Found" in logged  # the line is there...
    assert token not in logged  # ...without the link
    assert "some.signed-token" not in logged
    assert "/mijn-idee/[token]/bijlage/999999/" in logged


def test_404s_spelled_differently_log_no_token_or_name(client):
    """Paths Django does not resolve (upper case, encoded twice) are 404s, an encoded
    query makes the case API's path refuse (403), and Django logs each path decoded: the
    real token or a name was in the line."""
    token = private_token(InitiativeFactory())
    paths = [
        f"/MIJN-IDEE/{token}/",
        f"/Mijn-Idee/{token}/informatie/",
        f"/mijn%252Didee/{token}/",
        f"/IDEE-INDIENEN/ONTVANGEN/{token}/",
        "/api/v1/cases/%3Fq%3DAnna%20de%20Vries/",
    ]
    logged, responses = _console_output(client, paths)
    assert [r.status_code for r in responses] == [404, 404, 404, 404, 403]
    assert logged.count("Not Found: /") == 4 and logged.count("Forbidden: /") == 1
    _assert_clean(logged, token)
    assert "Not Found: /mijn-idee/[token]/" in logged
    assert "Forbidden: /api/v1/cases/?q=[zoekterm]" in logged


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_listening(proc, port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError("gunicorn exited before it listened")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not listen in time")


def test_gunicorn_and_django_log_no_token_or_name_for_real_requests(tmp_path, django_db_setup):
    """gunicorn as in production (config/gunicorn.py) against the test database: its
    access log (stdout) and Django's request log (stderr) for every bypass."""
    port = _free_port()
    out, err = tmp_path / "access.log", tmp_path / "error.log"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "1",
        "GUNICORN_REUSE_PORT": "false",
        "LOG_LEVEL": "INFO",
    }
    paths = [raw.format(token=TOKEN) for raw in BYPASSES + EXISTING]
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
            for path in paths:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
                conn.request("GET", path)
                conn.getresponse().read()
                conn.close()
        finally:
            proc.terminate()
            proc.wait(20)
    access, errors = out.read_text(), err.read_text()
    assert access.count('"GET ') == len(paths), access  # one access line per request
    assert "Not Found: /mijn-idee/[token]/" in errors, errors  # Django's own lines
    _assert_clean(access)
    _assert_clean(errors)


def test_a_traceback_and_an_email_address_are_not_logged():
    initiative = InitiativeFactory()
    link = private_url(initiative)
    handler = _console_handler()
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        try:
            raise ValueError(f"no such recipient: anna.de.vries@example.nl, link {link}")
        except ValueError:
            logging.getLogger("initiatives.services").exception(
                "event=test_failure to=%s", "anna.de.vries@example.nl"
            )
    finally:
        handler.setStream(old)
    logged = stream.getvalue()
    assert "level=ERROR logger=initiatives.services event=test_failure to=[e-mail]" in logged
    assert "ValueError: no such recipient: [e-mail], link " in logged
    assert "/mijn-idee/[token]/" in logged
    assert "anna.de.vries" not in logged
    assert link not in logged


# Django's LOGGING format: "<time> level=INFO logger=celery.app.trace Task ...".
_STRUCTURED = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} level=[A-Z]+ logger=\S+ ")


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_logs_like_the_web_without_links_or_addresses(tmp_path):
    """The worker keeps Django's LOGGING (format and redaction), also for Celery's own
    lines: "received", "succeeded", and a failure with the exception and its traceback,
    which repeat whatever the task was given."""
    _purge_queue()
    worker = WorkerProcess(tmp_path / "mail", output=tmp_path / "worker.log").start()
    try:
        initiative = initiative_submit(
            actor=None,
            title="Repair café in het buurthuis",
            description="Eén keer per maand samen spullen repareren.",
            theme=theme("duurzaamheid"),
            neighbourhood=None,
            initiator=InitiatorData(
                kind=InitiatorKind.RESIDENT, name="Sanne Smit", email="sanne@example.nl"
            ),
            channel=Channel.WEB,
            needs=["location"],
        )
        submissions_follow_up.delay()
        sent = OutboundMessage.objects.filter(initiative=initiative, sent_at__isnull=False)
        assert wait_for(sent.exists)
        # A caller's mistake: the resident's address and link where an id belongs. The
        # task fails, and Celery logs the exception (which quotes the argument) with its
        # traceback.
        link = private_url(initiative)
        message_send.delay(f"sanne@example.nl {link}")
        assert wait_for(lambda: "Traceback" in worker.read_output())
        time.sleep(0.5)
    finally:
        worker.stop()
    output = worker.read_output()
    token = link.rstrip("/").rsplit("/", 1)[1]

    assert token not in output
    assert token.split(":")[0] not in output

    assert "sanne@example.nl" not in output
    assert "@example.nl" not in output
    lines = output.splitlines()
    # Celery's own format ("[2026-... INFO/MainProcess] ...") is not used.
    assert not [line for line in lines if re.match(r"^\[\d{4}-", line)]

    def structured(level, logger, text):
        return [
            line
            for line in lines
            if _STRUCTURED.match(line)
            and f"level={level} logger={logger} " in line
            and text in line
        ]

    assert structured("INFO", "celery.worker.strategy", "initiatives.tasks.submissions_follow_up[")
    assert structured("INFO", "celery.app.trace", "initiatives.tasks.submissions_follow_up[")
    assert structured("INFO", "messaging.services", "event=message_sent")
    (failure,) = structured("ERROR", "celery.app.trace", "messaging.tasks.message_send[")
    assert "raised unexpected: ValueError" in failure
    assert "/mijn-idee/[token]/" in failure
    traceback = lines[lines.index(failure) + 1 :]
    assert traceback[0] == "Traceback (most recent call last):"
    assert any("/mijn-idee/[token]/" in line for line in traceback)
