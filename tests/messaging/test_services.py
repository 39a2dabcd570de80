import pytest
from django.core import mail

from messaging.constants import MAX_ATTEMPTS, MessageChannel
from messaging.models import OutboundMessage
from messaging.services import message_queue, message_send, outbox_due_ids
from messaging.tasks import message_send as message_send_task

pytestmark = pytest.mark.django_db


def _queue(key="k1", **kw):
    return message_queue(
        key=key,
        kind="acknowledgement",
        channel=MessageChannel.EMAIL,
        subject="Onderwerp",
        body="Tekst",
        to_email="anna@example.nl",
        **kw,
    )


def test_same_key_is_one_message():
    assert _queue().pk == _queue().pk
    assert OutboundMessage.objects.count() == 1


def test_create_once_writes_a_new_row_in_one_statement(django_assert_num_queries):
    with django_assert_num_queries(1):
        message, created = OutboundMessage.objects.create_once(
            key="k-new",
            kind="acknowledgement",
            channel=MessageChannel.EMAIL,
            subject="Onderwerp",
            body="Tekst",
            to_email="anna@example.nl",
        )
    assert created
    stored = OutboundMessage.objects.get(key="k-new")
    assert stored.pk == message.pk and stored.created_at is not None
    assert (stored.attempts, stored.sent_at, stored.body) == (0, None, "Tekst")


def test_create_once_returns_the_existing_row_untouched():
    first = _queue()
    again, created = OutboundMessage.objects.create_once(
        key="k1",
        kind="other",
        channel=MessageChannel.EMAIL,
        subject="Anders",
        body="Anders",
        to_email="piet@example.nl",
    )
    assert not created and again.pk == first.pk
    assert OutboundMessage.objects.get().subject == "Onderwerp"


def test_send_marks_sent_and_never_sends_twice():
    message = _queue(reply_to="makelaar@gemeente.example")
    assert message_send(message_id=message.pk) is True
    assert message_send(message_id=message.pk) is False
    assert message_send_task(message.pk) is False  # the task, called as a plain function
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.nl"]
    assert mail.outbox[0].reply_to == ["makelaar@gemeente.example"]
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 1


def test_failure_is_recorded_with_backoff_and_visible(settings, monkeypatch):
    message = _queue()

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    assert message_send(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.sent_at is None
    assert "smtp down" in message.last_error
    assert message.next_attempt_at is not None
    assert message.failed_at is None


def test_gives_up_after_max_attempts(monkeypatch):
    message = _queue()
    OutboundMessage.objects.filter(pk=message.pk).update(attempts=MAX_ATTEMPTS - 1)
    monkeypatch.setattr(
        "django.core.mail.EmailMessage.send", lambda *a, **k: (_ for _ in ()).throw(OSError("x"))
    )
    message_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.failed_at is not None


def test_sweep_finds_old_unsent_messages_only():
    from datetime import timedelta

    from django.utils import timezone

    old = _queue("old")
    fresh = _queue("fresh")
    sent = _queue("sent")
    OutboundMessage.objects.filter(pk__in=[old.pk, sent.pk]).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    OutboundMessage.objects.filter(pk=sent.pk).update(sent_at=timezone.now())
    assert outbox_due_ids() == [old.pk]
    assert fresh.pk not in outbox_due_ids()


def test_phone_task_is_not_emailed():
    task = message_queue(
        key="t", kind="outcome", channel=MessageChannel.PHONE_TASK, subject="Bellen", body="..."
    )
    assert message_send(message_id=task.pk) is False
    assert mail.outbox == []


def test_sent_from_the_named_broker_with_replies_to_them(broker):
    message = _queue(key="from", reply_to=broker.broker_profile.reply_email, sender=broker)
    message_send(message_id=message.pk)
    sent = mail.outbox[0]
    assert broker.broker_profile.display_name in sent.from_email
    assert sent.reply_to == [broker.broker_profile.reply_email]
    assert sent.extra_headers["Message-ID"].startswith("<")


def _assigned(case, key, **kw):
    return message_queue(
        key=key,
        kind="broker_assigned",
        channel=MessageChannel.EMAIL,
        subject="Uw ideeënmakelaar",
        body=f"Uw ideeënmakelaar is {key}",
        to_email="anna@example.nl",
        initiative=case,
        **kw,
    )


def test_a_newer_message_of_a_superseding_kind_cancels_the_unsent_older_email():
    from tests.initiatives.factories import InitiativeFactory

    case, other_case = InitiativeFactory(), InitiativeFactory()
    older = _assigned(case, "Bram")
    elsewhere = _assigned(other_case, "Els")
    acknowledgement = _queue(initiative=case)  # another kind: not replaced
    newer = _assigned(case, "Sara")
    older.refresh_from_db()
    assert older.cancelled_at is not None and older.replaced_by_id == newer.pk
    for kept in (newer, elsewhere, acknowledgement):
        kept.refresh_from_db()
        assert kept.cancelled_at is None
    # Nothing sends it: not the task already queued, the sweep nor a retry.
    assert message_send_task(older.pk) is False
    assert older.pk not in outbox_due_ids(min_age_seconds=0)
    from messaging.services import message_retry
    from tests.accounts.factories import StaffFactory

    message_retry(message=older, actor=StaffFactory())
    assert message_send(message_id=older.pk) is False
    assert message_send(message_id=newer.pk) is True
    assert [m.body for m in mail.outbox] == ["Uw ideeënmakelaar is Sara"]
    # The same occasion queued again replaces nothing.
    assert _assigned(case, "Sara").pk == newer.pk
    newer.refresh_from_db()
    assert newer.cancelled_at is None


def test_an_email_sent_or_in_a_workers_hands_is_not_cancelled(monkeypatch):
    """Exactly once: a row is either sent or cancelled. One a worker claimed (it may be
    at the mail server now) goes as it would have; one already sent stays as it was."""
    from messaging import services
    from tests.initiatives.factories import InitiativeFactory

    case = InitiativeFactory()
    sent = _assigned(case, "Bram")
    assert message_send(message_id=sent.pk) is True
    claimed = _assigned(case, "Els")
    assert services._claim(claimed.pk) is not None  # a worker holds it
    newer = _assigned(case, "Sara")
    for message in (sent, claimed):
        message.refresh_from_db()
        assert message.cancelled_at is None and message.replaced_by_id is None
    assert sent.sent_at is not None
    # A failed attempt released the claim: the next newer message cancels it.
    OutboundMessage.objects.filter(pk=claimed.pk).update(claimed_until=None, last_error="x")
    _assigned(case, "Joost")
    claimed.refresh_from_db()
    newer.refresh_from_db()
    assert claimed.cancelled_at is not None and newer.cancelled_at is not None


def test_a_cancelled_email_leaves_the_outbox_list(coordinator):
    from messaging.selectors import outbox_attention_list
    from tests.initiatives.factories import InitiativeFactory

    case = InitiativeFactory()
    older = _assigned(case, "Bram")
    OutboundMessage.objects.filter(pk=older.pk).update(failed_at="2026-01-01T00:00Z")
    assert [m.pk for m in outbox_attention_list(viewer=coordinator)] == [older.pk]
    _assigned(case, "Sara")
    assert list(outbox_attention_list(viewer=coordinator)) == []
