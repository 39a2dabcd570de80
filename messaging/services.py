import hashlib
import logging
import re
from contextlib import suppress
from datetime import timedelta
from email.utils import formataddr
from functools import partial
from time import sleep

import redis
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.roles import is_broker
from config.redis import redis_client

from .constants import (
    MAX_ATTEMPTS,
    RETRY_BACKOFF_SECONDS,
    SUPERSEDING_KINDS,
    MessageChannel,
)
from .joining import task_join
from .models import OutboundMessage
from .superseding import emails_supersede

logger = logging.getLogger(__name__)


def message_queue(
    *,
    key: str,
    kind: str,
    subject: str,
    body: str,
    channel: str,
    to_email: str = "",
    reply_to: str = "",
    initiative=None,
    sender=None,
    join_open_task: bool = False,
) -> OutboundMessage:
    """Write an outbox row and send it after commit.

    Call it inside the transaction of the change that causes the message: if that change
    rolls back, so does the message. The key makes this idempotent per occasion.
    `join_open_task`: a call task joins an open call task of the same kind for the same
    case instead of becoming another one (one call to the resident, not three). Letters
    stay apart: each is a sheet of its own (a renewed link, say, is sent on its own).
    Of the SUPERSEDING_KINDS, a newer call or letter replaces the open one's text: the
    broker reads out or prints only what is true now; and an older e-mail of the kind
    not sent yet is cancelled (messaging.superseding)."""
    if channel == MessageChannel.EMAIL and not to_email:
        raise ValueError("An e-mail message needs an address.")
    replace = kind in SUPERSEDING_KINDS
    joins = channel == MessageChannel.PHONE_TASK or (
        replace and channel == MessageChannel.LETTER_TASK
    )
    if join_open_task and joins and initiative is not None:
        joined = task_join(
            key=key,
            kind=kind,
            channel=channel,
            initiative=initiative,
            subject=subject,
            body=body,
            replace=replace,
        )
        if joined is not None:
            if replace:
                emails_supersede(joined)
            return joined
    message, created = OutboundMessage.objects.create_once(
        key=key,
        kind=kind,
        channel=channel,
        subject=subject,
        body=body,
        to_email=to_email,
        reply_to=reply_to,
        initiative=initiative,
        sender=sender,
    )
    if created and channel == MessageChannel.EMAIL:
        transaction.on_commit(partial(message_send_enqueue, message.pk))
    if created and replace:
        emails_supersede(message)
    return message


def message_send_enqueue(message_id: int) -> None:
    """Hand one e-mail of the outbox to a worker."""
    from .tasks import message_send

    try:
        message_send.delay(message_id)
    except Exception:
        # Redis is away: the change itself has committed, and the outbox sweep sends
        # this message once the broker is back.
        logger.warning("event=outbox_enqueue_failed message_id=%s", message_id)


def _from_address(message: OutboundMessage) -> str:
    """From the named broker (display name), through the municipality's sending address;
    replies go to the broker through Reply-To."""
    profile = getattr(message.sender, "broker_profile", None) if message.sender_id else None
    if profile is None:
        return formataddr((settings.MUNICIPALITY_NAME, settings.DEFAULT_FROM_EMAIL))
    name = f"{profile.display_name} ({settings.MUNICIPALITY_NAME})"
    return formataddr((name, settings.DEFAULT_FROM_EMAIL))


def _message_id_header(key: str) -> str:
    # Stable per outbox row, so a receiving server can recognise a repeat delivery.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()[:32]
    return f"<{digest}@ideeenmakelaar>"


def message_send(*, message_id: int) -> bool:
    """Send one e-mail from the outbox. True when this call sent it.

    The row is claimed in a short transaction (no network I/O inside it), sent, then
    marked sent. A message already sent, failed for good, or claimed by another live
    worker is left alone.

    The guarantee is at least once, with a stable Message-ID. A row is written once per
    occasion (unique key), handed to the mail server by at most one worker at a time (the
    claim is a lease of OUTBOX_CLAIM_SECONDS), and once `sent_at` is set nothing sends
    it again, whether a redelivered task, the sweep, or a second worker. If the database
    is away just after the mail server took the message, `_mark_sent` tries again on a
    fresh connection and leaves a note in Redis, so the next attempt records the message
    as sent instead of sending it again. A message goes out twice only when its worker
    dies between the mail server's acceptance and that record, or when the database
    stays away longer than the retries while Redis loses the note too: after the lease
    the sweep sends it again, with the same Message-ID, so mail systems can recognise
    the repeat. At most once would make those rare cases a message that never arrives:
    an acknowledgement, a decision on a grant, the private link. A resident is better off
    with that message twice."""
    message = _claim(message_id)
    if message is None:
        return False

    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=_from_address(message),
        to=[message.to_email],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers={"Message-ID": _message_id_header(message.key)},
    )
    try:
        email.send(fail_silently=False)
    except Exception as exc:
        _record_failure(message, exc)
        return False

    _mark_sent(message.pk)
    logger.info("event=message_sent message_id=%s kind=%s", message.pk, message.kind)
    return True


def _unsent(message_id: int):
    return (
        OutboundMessage.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("sender__broker_profile")
        .filter(
            pk=message_id,
            channel=MessageChannel.EMAIL,
            sent_at__isnull=True,
            failed_at__isnull=True,
            cancelled_at__isnull=True,  # replaced by a newer one, even if already queued
        )
    )


def _claim(message_id: int) -> OutboundMessage | None:
    """The row, claimed for this worker; None when there is nothing to send."""
    now = timezone.now()
    with transaction.atomic():
        message = _unsent(message_id).first()
        if message is None:
            return None
        if message.claimed_until is None:
            return _claimed(message, now)
    # An earlier attempt recorded neither that it sent the message nor that it failed:
    # its worker died, or the database went away after the mail server took the message.
    if _handed_over(message.pk):
        _mark_sent(message.pk)
        logger.info("event=message_sent_recorded_late message_id=%s", message.pk)
        return None
    if message.claimed_until >= now:
        return None  # another worker may still be sending it
    with transaction.atomic():
        message = _unsent(message_id).filter(claimed_until__lt=now).first()
        if message is None:
            return None
        # Perhaps sent already: this is where a duplicate can come from (see above).
        logger.warning(
            "event=message_resent_outcome_unknown message_id=%s attempts=%s",
            message.pk,
            message.attempts,
        )
        return _claimed(message, now)


def _claimed(message: OutboundMessage, now) -> OutboundMessage:
    message.claimed_until = now + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
    message.attempts += 1
    message.save(update_fields=["claimed_until", "attempts"])
    return message


# Pauses before each new attempt to record a sent message (about 8 s in all: a restart,
# a failover, a reset connection); then the task's own retries take over.
MARK_SENT_PAUSES = (0.2, 0.5, 1, 2, 4)
# The note that the mail server took a message whose row is not marked yet lives in the
# broker's Redis (which keeps its data across restarts) for this long.
_HANDED_OVER_SECONDS = 7 * 24 * 60 * 60


def _mark_sent(message_id: int) -> None:
    """Record that the mail server took the message, on a fresh connection if the
    database went away meanwhile. Until the record is made, a note in Redis says so."""
    noted = False
    for pause in (*MARK_SENT_PAUSES, None):
        try:
            OutboundMessage.objects.filter(pk=message_id, sent_at__isnull=True).update(
                sent_at=timezone.now(), claimed_until=None, next_attempt_at=None, last_error=""
            )
        except (OperationalError, InterfaceError):
            noted = noted or _note_handed_over(message_id)
            if pause is None or connection.in_atomic_block:
                raise  # the task retries; its next attempt finds the note
            logger.warning("event=message_mark_sent_retry message_id=%s", message_id)
            connection.close()  # the next attempt opens a new one
            sleep(pause)
        else:
            if noted:
                _forget_handed_over(message_id)
            return


def _redis() -> redis.Redis:
    return redis_client(settings.CELERY_BROKER_URL)


def _handed_over_key(message_id: int) -> str:
    return f"outbox:handed-over:{message_id}"


def _note_handed_over(message_id: int) -> bool:
    try:
        _redis().set(_handed_over_key(message_id), "1", ex=_HANDED_OVER_SECONDS)
        return True
    except redis.RedisError:
        logger.warning("event=message_handed_over_note_failed message_id=%s", message_id)
        return False


def _handed_over(message_id: int) -> bool:
    try:
        return bool(_redis().exists(_handed_over_key(message_id)))
    except redis.RedisError:
        return False  # as if never noted: the lease decides, at least once


def _forget_handed_over(message_id: int) -> None:
    with suppress(redis.RedisError):  # else it expires by itself
        _redis().delete(_handed_over_key(message_id))


def _record_failure(message: OutboundMessage, exc: Exception) -> None:
    now = timezone.now()
    backoff = RETRY_BACKOFF_SECONDS[min(message.attempts, len(RETRY_BACKOFF_SECONDS)) - 1]
    update = {
        "claimed_until": None,
        "last_error": f"{type(exc).__name__}: {exc}"[:1000],
        "next_attempt_at": now + timedelta(seconds=backoff),
    }
    if message.attempts >= MAX_ATTEMPTS:
        update["failed_at"] = now
    OutboundMessage.objects.filter(pk=message.pk).update(**update)
    logger.warning(
        "event=message_send_failed message_id=%s attempts=%s error=%s",
        message.pk,
        message.attempts,
        type(exc).__name__,
    )


def outbox_due_ids(*, limit: int = 500, min_age_seconds: int = 30) -> list[int]:
    """Unsent e-mails whose first send did not happen (broker down, worker died) or
    whose backoff has passed. Fresh rows are left to their own on-commit task."""
    now = timezone.now()
    return list(
        OutboundMessage.objects.filter(
            channel=MessageChannel.EMAIL,
            sent_at__isnull=True,
            failed_at__isnull=True,
            cancelled_at__isnull=True,
        )
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .filter(created_at__lte=now - timedelta(seconds=min_age_seconds))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


# --- Tasks for a broker (calls, letters) -------------------------------------------


def message_retry(*, message: OutboundMessage, actor) -> OutboundMessage:
    """Staff give a failed e-mail another go (e.g. after fixing the address elsewhere)."""
    if not is_broker(actor):
        raise PermissionDenied
    OutboundMessage.objects.filter(
        pk=message.pk, sent_at__isnull=True, cancelled_at__isnull=True
    ).update(failed_at=None, attempts=0, next_attempt_at=None, claimed_until=None)
    transaction.on_commit(partial(message_send_enqueue, message.pk))
    message.refresh_from_db()
    return message


def message_task_complete(*, message_id: int, actor) -> OutboundMessage:
    """The broker called or wrote the initiator: mark a call/letter task done, once."""
    if not is_broker(actor):
        raise PermissionDenied("Only brokers complete message tasks.")
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().get(pk=message_id)
        if message.channel == MessageChannel.EMAIL:
            raise ValueError("An e-mail is sent by the worker, not marked done by hand.")
        if message.sent_at is None:
            message.sent_at = message.done_at = timezone.now()
            message.done_by = actor
            message.save(update_fields=["sent_at", "done_at", "done_by"])
            logger.info("event=message_task_done message_id=%s actor_id=%s", message.pk, actor.pk)
    return message


def message_tasks_complete(*, keys: list[str], actor) -> int:
    """The call or letter tasks with these keys were done by `actor` (see
    message_task_complete). Returns how many were still open."""
    open_tasks = (
        OutboundMessage.objects.filter(key__in=keys, sent_at__isnull=True)
        .exclude(channel=MessageChannel.EMAIL)
        .values_list("pk", flat=True)
    )
    done = 0
    for message_id in open_tasks:
        message_task_complete(message_id=message_id, actor=actor)
        done += 1
    return done


def message_tasks_cancel(*, keys: list[str]) -> int:
    """Call or letter tasks no longer needed (what they ask about has ended): off the
    brokers' lists, and never shown as sent. Returns how many were open."""
    return (
        OutboundMessage.objects.filter(key__in=keys, done_at__isnull=True)
        .exclude(channel=MessageChannel.EMAIL)
        .update(done_at=timezone.now())
    )


# A resident's private link in a message text (initiatives.links.private_url).
_PRIVATE_LINK = re.compile(r"\S*/mijn-idee/(?!nieuwe-link/)[^/\s]+/")


def messages_unsent_relink(*, initiative, url: str) -> int:
    """The resident's link was renewed: messages not yet sent (letters still to be
    printed, e-mails waiting for a retry) carry the old one, which no longer works. Put
    the new one in their text. Returns how many changed."""
    changed = 0
    unsent = OutboundMessage.objects.filter(
        initiative=initiative, sent_at__isnull=True, done_at__isnull=True, cancelled_at=None
    )
    for message in unsent:
        body = _PRIVATE_LINK.sub(url, message.body)
        if body != message.body:
            message.body = body
            message.save(update_fields=["body"])
            changed += 1
    return changed
