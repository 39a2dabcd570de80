"""What follows a new idea, in a worker seconds later: the acknowledgement and the rest of
the chain (initiative_after_submit)."""

import logging
from functools import partial

from celery import current_app
from django.db import OperationalError, transaction
from django.utils import timezone

from messaging.constants import MessageChannel, MessageKind
from messaging.services import message_send_enqueue, message_task_complete

from ..models import (
    Initiative,
    SubmissionFollowUp,
)
from .messages import initiative_message_queue
from .workflow import initiative_assign

logger = logging.getLogger(__name__)


FOLLOW_UP_BATCH = 500


def submission_followups_start(*, batch: int = FOLLOW_UP_BATCH) -> int:
    """In the worker, every few seconds (beat): write each new submission's
    acknowledgement to the outbox (an e-mail, or a call or letter task on the broker's
    list), and, after commit, hand the e-mail to the sender and start the rest of the
    chain (initiative_after_submit). Returns how many submissions were followed up.

    Not in the resident's request: the idea is safely stored once that commits, and
    everything that follows can wait a few seconds. The rows are taken with SKIP LOCKED,
    so two runs at once share the work, and removed in the same transaction as the
    acknowledgements are written. Should Redis fail right after, the outbox sweep still
    sends the e-mail and the nightly run still finds the matches; the outbox key and
    idempotent matching keep anything from happening twice.

    One submission that fails (a message template that does not fit it, say) is marked
    failed_at, logged and left for an administrator (admin: "Nog op te volgen
    inzendingen"); the others go on. A database that is away fails the whole run, and
    the task tries again."""
    done = 0
    while True:
        with transaction.atomic():
            ids = list(
                SubmissionFollowUp.objects.select_for_update(skip_locked=True)
                .filter(failed_at__isnull=True)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch]
            )
            if not ids:
                return done
            # Locked: a withdrawal or an erasure at this moment waits for this run, or
            # this run sees it.
            initiatives = (
                Initiative.objects.filter(pk__in=ids)
                .select_related("initiator", "theme", "neighbourhood", "broker__broker_profile")
                .select_for_update(of=("self", "initiator"))
                .order_by("pk")
            )
            failed = []
            for initiative in initiatives:
                try:
                    with transaction.atomic():
                        initiative_after_submit(initiative)
                except OperationalError:
                    raise
                except Exception:
                    logger.exception(
                        "event=submission_followup_failed initiative_id=%s", initiative.pk
                    )
                    failed.append(initiative.pk)
            SubmissionFollowUp.objects.filter(pk__in=failed).update(failed_at=timezone.now())
            SubmissionFollowUp.objects.filter(pk__in=ids).exclude(pk__in=failed).delete()
        done += len(ids) - len(failed)
        if len(ids) < batch:
            return done


def submission_followups_retry(*, initiative_ids: list[int], actor) -> int:
    """An administrator sends failed follow-ups to the worker again (after fixing the
    message template, say). Returns how many."""
    count = SubmissionFollowUp.objects.filter(
        pk__in=initiative_ids, failed_at__isnull=False
    ).update(failed_at=None)
    logger.info("event=submission_followups_retried count=%s actor_id=%s", count, actor.pk)
    return count


# Steps on the floors above run as their own Celery tasks, called by name: the case core
# does not import the apps that stand on it (docs/architecture.md).
MATCH_FIND_TASK = "matching.tasks.match_find"


def initiative_after_submit(initiative: Initiative) -> None:
    """Everything that follows a new idea, in this order (in a worker, seconds after the
    resident sent it; submission_followups_start):

    1. the acknowledgement to the initiator: an e-mail with the private link, or a call or
       letter task on the brokers' list (skipped when it was withdrawn in the meantime; an
       erased initiator gets nothing, see initiative_message_queue);
    2. after commit: matching looks for kindred ideas and offers of help
       (MATCH_FIND_TASK).
    """
    if initiative.is_open:
        acknowledgement_queue(initiative)
    transaction.on_commit(partial(_after_submit_enqueue, initiative.pk))


def acknowledgement_queue(initiative: Initiative) -> None:
    initiative_message_queue(
        initiative=initiative, kind=MessageKind.ACKNOWLEDGEMENT, occasion="submitted"
    )


def acknowledgement_given_in_call(*, initiative: Initiative, actor):
    """Staff registered the idea during a call and told the resident then and there that
    it was received and what happens next: the acknowledgement is recorded as given by
    `actor`, not left as a task to call the resident back about the same thing. An e-mail
    or a letter still goes out (the resident asked for it in writing). The worker that
    writes acknowledgements later finds this one by its key and adds none."""
    with transaction.atomic():
        message = initiative_message_queue(
            initiative=initiative, kind=MessageKind.ACKNOWLEDGEMENT, occasion="submitted"
        )
        if message is not None and message.channel == MessageChannel.PHONE_TASK:
            message = message_task_complete(message_id=message.pk, actor=actor)
    return message


def intake_take_on(*, initiative: Initiative, actor, told_in_call: bool = False) -> Initiative:
    """The broker who registered an idea for a resident becomes its named broker ("Ik
    pak dit zelf op"). The initiator is told who their broker is, as with any
    assignment; when the broker said so in the call itself, a call task about it would
    only repeat the call, so it is recorded as done by them (an e-mail still goes)."""
    with transaction.atomic():
        assigned = initiative_assign(initiative=initiative, broker=actor, actor=actor)
        if told_in_call:
            tasks = initiative.messages.filter(
                kind=MessageKind.BROKER_ASSIGNED,
                channel=MessageChannel.PHONE_TASK,
                sent_at__isnull=True,
                done_at__isnull=True,
            ).values_list("pk", flat=True)
            for pk in list(tasks):
                message_task_complete(message_id=pk, actor=actor)
    return assigned


def _after_submit_enqueue(initiative_id: int) -> None:
    try:
        current_app.send_task(MATCH_FIND_TASK, args=[initiative_id])
    except Exception:
        # Redis away: the nightly matching run finds it.
        logger.warning("event=match_enqueue_failed initiative_id=%s", initiative_id)


def initiative_submitted_followups(*, initiative_id: int, message_ids: list[int]) -> None:
    """The follow-ups as a previous version queued them, with the acknowledgement
    already written: hand the messages to the outbox sender, then the rest of the chain."""
    for message_id in message_ids:
        message_send_enqueue(message_id)
    _after_submit_enqueue(initiative_id)
