"""Demo data for follow-ups: check-ins due and answered, a waiting reminder, a survey
with a low score for the coordinator, a failed e-mail and a digest. Idempotent: the
outbox keys make a second run add nothing."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from initiatives.constants import Status
from initiatives.models import CheckIn, Initiative, InitiativeStatusChange, Survey
from initiatives.services import followups
from messaging import services
from messaging.constants import MessageChannel
from messaging.models import OutboundMessage

from .cases import backdate


def seed(*, rng, staff) -> None:
    now = timezone.now()
    in_progress = list(
        Initiative.objects.filter(status=Status.IN_PROGRESS, initiator__email__gt="").order_by(
            "pk"
        )[:3]
    )
    # Check-ins: these cases went in progress five weeks ago.
    for initiative in in_progress:
        InitiativeStatusChange.objects.filter(
            initiative=initiative, to_status=Status.IN_PROGRESS
        ).update(created_at=now - timedelta(weeks=5))
    followups.check_ins_queue(now=now)
    first = CheckIn.objects.filter(answered_at__isnull=True).order_by("pk").first()
    if first is not None:
        followups.check_in_answer(
            check_in=first,
            answer="Het gaat goed. We hebben nog een plek nodig voor de eerste bijeenkomst.",
            needs_help=True,
        )

    # A broker waiting for an initiator for eight working days.
    waiting = (
        Initiative.objects.filter(status=Status.IN_CONVERSATION, initiator__email__gt="")
        .order_by("pk")
        .first()
    )
    if waiting is not None and waiting.waiting_since is None:
        since = timezone.localdate() - timedelta(days=12)
        Initiative.objects.filter(pk=waiting.pk).update(waiting_since=since)
    followups.waiting_reminders_queue()

    # A recently closed case gets its survey; one answered survey scored low.
    closed = Initiative.objects.closed().exclude(status=Status.WITHDRAWN).order_by("-closed_at")
    recent = closed.first()
    # Only on the first run: moving a closed_at on a second run (perhaps of a case closed
    # later in the first run) would be a new closing, so a second survey and message.
    if recent is not None and not Survey.objects.exists():
        Initiative.objects.filter(pk=recent.pk).update(closed_at=now - timedelta(days=3))
    followups.surveys_queue(now=now)
    if not Survey.objects.filter(flagged_at__isnull=False).exists():
        low = closed[1:2].first()
        survey = Survey.objects.filter(answered_at__isnull=True).order_by("pk").first()
        if survey is None and low is not None:
            survey = Survey.objects.create(initiative=low, closed_at=low.closed_at)
        if survey is not None:
            followups.survey_answer(
                survey=survey, score=2, comment="Het duurde lang voordat iemand terugbelde."
            )

    # An e-mail the mail server refused: visible on /makelaar/berichten/.
    victim = Initiative.objects.filter(initiator__email__gt="").order_by("-pk").first()
    if victim is not None:
        with transaction.atomic():
            message = services.message_queue(
                key="demo:failed-outcome",
                kind="outcome",
                channel=MessageChannel.EMAIL,
                subject=f"Zo is het gegaan met uw idee ({victim.reference})",
                body="(demo) Dit bericht kon niet worden bezorgd.",
                to_email=victim.initiator.email,
                initiative=victim,
                sender=victim.broker,
            )
        OutboundMessage.objects.filter(pk=message.pk, sent_at__isnull=True).update(
            attempts=10,
            failed_at=now,
            created_at=now - timedelta(hours=6),
            last_error="SMTPRecipientsRefused: 550 5.1.1 mailbox unavailable",
        )

    # Escalations and this morning's digest, as the beat jobs would.
    _overdue_case(now, rng)
    followups.escalations_queue()
    followups.broker_digests_queue()


def _overdue_case(now, rng) -> None:
    """One new case nobody called came in four weeks ago: its deadline, computed from the
    submission as the app does, has long passed (a deadline alone would be moved back to
    before the day it came in)."""
    overdue = (
        Initiative.objects.filter(status=Status.NEW, first_contact_at__isnull=True)
        .order_by("submitted_at", "pk")
        .first()
    )
    if overdue is not None and overdue.first_contact_due >= timezone.localdate():
        backdate(overdue, now - timedelta(days=28), rng)
