"""No secret link reaches the logs."""

import io
import logging
import re
import time

import pytest

from initiatives.constants import Channel, InitiatorKind
from initiatives.links import private_token, private_url
from initiatives.services import InitiatorData, initiative_submit
from initiatives.tasks import submissions_follow_up
from messaging.models import OutboundMessage
from messaging.tasks import message_send
from tests.conftest import WorkerProcess, _purge_queue, wait_for
from tests.initiatives.factories import InitiativeFactory, theme

pytestmark = pytest.mark.django_db


def _console_handler():
    for handler in logging.getLogger().handlers:
        if type(handler) is logging.StreamHandler:
            return handler
    raise AssertionError("no console handler configured")


def test_a_valid_private_link_in_a_404_is_not_logged(client):
    initiative = InitiativeFactory()
    token = private_token(initiative)
    handler = _console_handler()
    stream = io.StringIO()
    old = handler.setStream(stream)
    try:
        response = client.get(f"/mijn-idee/{token}/bijlage/999999/")
        client.get("/tevredenheid/some.signed-token:xyz/")
    finally:
        handler.setStream(old)
    assert response.status_code == 404
    logged = stream.getvalue()
    assert "Not Found" in logged  # the line is there...
    assert token not in logged  # ...without the link
    assert "some.signed-token" not in logged
    assert "/mijn-idee/[token]/bijlage/999999/" in logged


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
