"""The database goes away right after the mail server took a message (a restart, a
failover, a reset connection): the message is still sent exactly once.

The worker's real database connection is terminated between the send and the record
(pg_terminate_backend from another connection), or the record's UPDATE fails for longer
than the retries. Then what the worker does with the task (its retries included) and what
the sweep does after the lease are run as they would be, and the mails are counted."""

import time
from datetime import timedelta

import psycopg
import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import InterfaceError, OperationalError, connection
from django.utils import timezone

from messaging.constants import MessageChannel
from messaging.models import OutboundMessage
from messaging.services import message_queue, outbox_due_ids
from messaging.tasks import message_send
from tests.conftest import _database_url

# The connection is terminated and opened anew: no test transaction around it.
pytestmark = pytest.mark.django_db(transaction=True)


def _terminate_this_threads_connection():
    pid = connection.connection.info.backend_pid
    with psycopg.connect(_database_url(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
        for _ in range(100):
            if not other.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
                return
            time.sleep(0.05)
    raise AssertionError("the backend did not go away")


class DatabaseGoesAwayAfterSend(EmailBackend):
    """The in-memory backend; the first message it takes, the worker's database connection
    is terminated just after (the database restarted, failed over, reset the connection)."""

    drops = 0

    def send_messages(self, messages):
        count = super().send_messages(messages)
        if DatabaseGoesAwayAfterSend.drops:
            DatabaseGoesAwayAfterSend.drops -= 1
            _terminate_this_threads_connection()
        return count


class WorkerDiesAfterSend(EmailBackend):
    """The mail server takes the message, and the worker dies before anything else."""

    def send_messages(self, messages):
        super().send_messages(messages)
        raise SystemExit("killed")


def _queue():
    return message_queue(
        key="initiative:1:acknowledgement",
        kind="acknowledgement",
        channel=MessageChannel.EMAIL,
        subject="Uw idee is ontvangen",
        body="Tekst",
        to_email="anna@example.nl",
    )


def _deliver(message_id):
    """What a worker does with the task: run it, and after a database error close the
    broken connection (Celery's Django fixup does, after every task) and run it again
    (the task's autoretry)."""
    for _ in range(6):
        try:
            return message_send(message_id)
        except (OperationalError, InterfaceError):
            connection.close_if_unusable_or_obsolete()
    raise AssertionError("still failing after the task's retries")


def _sweep_after_the_lease():
    """What time and beat do: the lease and the sweep's grace period pass, the sweep
    hands every due message to a worker."""
    past = timezone.now() - timedelta(minutes=10)
    OutboundMessage.objects.update(created_at=past)
    OutboundMessage.objects.filter(claimed_until__isnull=False).update(claimed_until=past)
    for message_id in outbox_due_ids():
        _deliver(message_id)


def _refuse_to_record_sent(execute, sql, params, many, context):
    if 'UPDATE "messaging_outboundmessage" SET "sent_at"' in sql:
        raise OperationalError("the database is away")
    return execute(sql, params, many, context)


def test_connection_terminated_between_send_and_record(settings):
    settings.EMAIL_BACKEND = f"{__name__}.DatabaseGoesAwayAfterSend"
    DatabaseGoesAwayAfterSend.drops = 1
    message = _queue()

    sent = _deliver(message.pk)
    message.refresh_from_db()
    assert (sent, message.last_error) == (True, "")  # recorded on a fresh connection
    assert message.sent_at is not None and message.claimed_until is None
    _sweep_after_the_lease()
    assert message_send(message.pk) is False
    assert len(mail.outbox) == 1


def test_database_away_for_longer_than_the_retries(settings, monkeypatch):
    monkeypatch.setattr("messaging.services.MARK_SENT_PAUSES", (0, 0), raising=False)
    message = _queue()

    with connection.execute_wrapper(_refuse_to_record_sent), pytest.raises(OperationalError):
        message_send(message.pk)
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.sent_at is None  # the database never heard of it...

    # ...but the task's next retry, with the database back, records it without sending.
    assert _deliver(message.pk) is False
    message.refresh_from_db()
    assert message.sent_at is not None
    _sweep_after_the_lease()
    assert len(mail.outbox) == 1
    assert message.attempts == 1


def test_the_sweep_records_it_once_the_lease_ran_out(settings, monkeypatch):
    # The task's retries all came before the database was back.
    monkeypatch.setattr("messaging.services.MARK_SENT_PAUSES", (), raising=False)
    message = _queue()
    with connection.execute_wrapper(_refuse_to_record_sent), pytest.raises(OperationalError):
        message_send(message.pk)

    _sweep_after_the_lease()
    message.refresh_from_db()
    assert message.sent_at is not None
    assert len(mail.outbox) == 1


def test_a_worker_that_dies_after_the_mail_server_took_it_means_a_repeat(settings):
    """The one window left (see messaging.services.message_send): at least once, and the
    repeat carries the same Message-ID, so mail systems can recognise it."""
    settings.EMAIL_BACKEND = f"{__name__}.WorkerDiesAfterSend"
    message = _queue()
    with pytest.raises(SystemExit):
        message_send(message.pk)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _sweep_after_the_lease()
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 2
    assert len(mail.outbox) == 2
    first, repeat = (m.extra_headers["Message-ID"] for m in mail.outbox)
    assert first == repeat
