"""Follow-ups that keep the promises to initiators and staff: the answer links of surveys
and check-ins, and the beat jobs (waiting reminders, check-ins, surveys, the brokers'
morning digest, escalations to coordinators). Each job writes outbox rows
(messaging.services.message_queue), which the worker sends."""

import logging
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role, is_coordinator
from accounts.selectors import broker_list, staff_display_name
from config.working_days import add_working_days, is_working_day, working_days_between
from messaging.constants import MessageChannel, MessageKind
from messaging.models import OutboundMessage
from messaging.services import message_queue
from messaging.texts import render_message

from ..constants import CHECK_IN_WEEKS, LOW_SCORE, Status
from ..models import CheckIn, Initiative, InitiativeStatusChange, Survey
from .activity import initiative_activity_record
from .messages import initiative_message_queue

logger = logging.getLogger(__name__)

# The salts keep their first names: links already sent must keep working.
_SURVEY_SALT = "messaging.survey"
_CHECK_IN_SALT = "messaging.check-in"


def _answer_url(name: str, salt: str, pk: int) -> str:
    return settings.SITE_URL + reverse(name, args=[signing.dumps(pk, salt=salt)])


def _read_token(token: str, salt: str) -> int | None:
    try:
        value = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def survey_get_by_token(token: str) -> Survey | None:
    pk = _read_token(token, _SURVEY_SALT)
    return Survey.objects.select_related("initiative").filter(pk=pk).first() if pk else None


def check_in_get_by_token(token: str) -> CheckIn | None:
    pk = _read_token(token, _CHECK_IN_SALT)
    return CheckIn.objects.select_related("initiative").filter(pk=pk).first() if pk else None


class AnswerClosed(Exception):
    """The link has expired or was already used."""


def survey_answer(*, survey: Survey, score: int, comment: str = "") -> Survey:
    """The initiator answers the survey (the actor is the link holder). One answer only;
    a low score flags the case for the coordinator."""
    if score not in range(1, 6):
        raise ValidationError({"score": _("Kies een cijfer van 1 tot 5.")})
    now = timezone.now()
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.answered_at is not None or locked.expires_at < now:
            raise AnswerClosed
        locked.score = score
        locked.comment = comment.strip()[:2000]
        locked.answered_at = now
        locked.flagged_at = now if score <= LOW_SCORE else None
        locked.save(update_fields=["score", "comment", "answered_at", "flagged_at"])
        initiative_activity_record(initiative_id=locked.initiative_id, at=now)
    logger.info(
        "event=survey_answered survey_id=%s flagged=%s", locked.pk, locked.flagged_at is not None
    )
    return locked


def survey_flag_handle(*, survey: Survey, actor) -> Survey:
    if not is_coordinator(actor):
        raise PermissionDenied
    Survey.objects.filter(pk=survey.pk, flag_handled_at__isnull=True).update(
        flag_handled_at=timezone.now()
    )
    survey.refresh_from_db()
    return survey


def check_in_answer(*, check_in: CheckIn, answer: str, needs_help: bool) -> CheckIn:
    if not answer.strip() and not needs_help:
        raise ValidationError({"answer": _("Schrijf kort hoe het gaat.")})
    now = timezone.now()
    with transaction.atomic():
        locked = CheckIn.objects.select_for_update().get(pk=check_in.pk)
        if locked.answered_at is not None or locked.expires_at < now:
            raise AnswerClosed
        locked.answer = answer.strip()[:2000]
        locked.needs_help = needs_help
        locked.answered_at = now
        locked.save(update_fields=["answer", "needs_help", "answered_at"])
        initiative_activity_record(initiative_id=locked.initiative_id, at=now)
    logger.info("event=check_in_answered check_in_id=%s", locked.pk)
    return locked


# --- Beat jobs: follow-ups that keep the promises ------------------------------------
# Each job finds what is due and writes the outbox row (and its survey/check-in row) in
# one transaction per case; the unique key makes a second run a no-op.


def waiting_reminders_queue(*, today: date | None = None) -> int:
    """Remind initiators the broker has been waiting on for N working days (once per
    waiting period)."""

    today = today or timezone.localdate()
    days = settings.WAITING_REMINDER_WORKING_DAYS
    count = 0
    cases = (
        Initiative.objects.open()
        .filter(waiting_since__isnull=False, waiting_since__lt=today)
        .select_related("initiator", "broker__broker_profile")
    )
    for initiative in cases.iterator(chunk_size=200):
        since = initiative.waiting_since
        if add_working_days(since, days) > today:
            continue
        occasion = f"waiting-{since.isoformat()}"
        key = f"initiative:{initiative.pk}:{MessageKind.WAITING_REMINDER}:{occasion}"
        if OutboundMessage.objects.filter(key=key).exists():
            continue
        with transaction.atomic():
            initiative_message_queue(
                initiative=initiative,
                kind=MessageKind.WAITING_REMINDER,
                occasion=occasion,
                extra={"waiting_days": days},
            )
        count += 1
    return count


def surveys_queue(*, now=None) -> int:
    """Send the survey a few days after a case closed, once per closing."""

    now = now or timezone.now()
    delay = timedelta(days=settings.SURVEY_DELAY_DAYS)
    cases = (
        Initiative.objects.closed()
        .exclude(status=Status.WITHDRAWN)
        .filter(closed_at__lte=now - delay, closed_at__gte=now - delay - timedelta(days=30))
        .filter(initiator__anonymised_at__isnull=True)
        .exclude(surveys__closed_at=models.F("closed_at"))
        .select_related("initiator", "broker__broker_profile")
    )
    count = 0
    for initiative in cases.iterator(chunk_size=200):
        with transaction.atomic():
            survey, created = Survey.objects.get_or_create(
                initiative=initiative, closed_at=initiative.closed_at
            )
            if not created:
                continue
            url = _answer_url("initiatives:survey", _SURVEY_SALT, survey.pk)
            initiative_message_queue(
                initiative=initiative,
                kind=MessageKind.SURVEY,
                occasion=f"survey-{survey.pk}",
                extra={"answer_url": url, "expires_on": timezone.localdate(survey.expires_at)},
            )
            count += 1
    return count


def check_ins_queue(*, now=None) -> int:
    """Check in with initiators 4 and 12 weeks after their case went in progress."""

    now = now or timezone.now()
    entered = (
        InitiativeStatusChange.objects.filter(
            initiative=models.OuterRef("pk"), to_status=Status.IN_PROGRESS
        )
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    count = 0
    for week in CHECK_IN_WEEKS:
        cases = (
            Initiative.objects.filter(status=Status.IN_PROGRESS)
            .annotate(in_progress_since=models.Subquery(entered))
            .filter(in_progress_since__lte=now - timedelta(weeks=week))
            .exclude(check_ins__week=week)
            .select_related("initiator", "broker__broker_profile")
        )
        for initiative in cases.iterator(chunk_size=200):
            later = [w for w in CHECK_IN_WEEKS if w > week]
            if later and initiative.in_progress_since <= now - timedelta(weeks=later[0]):
                continue  # the later check-in supersedes this one
            with transaction.atomic():
                check_in, created = CheckIn.objects.get_or_create(initiative=initiative, week=week)
                if not created:
                    continue
                url = _answer_url("initiatives:check_in", _CHECK_IN_SALT, check_in.pk)
                initiative_message_queue(
                    initiative=initiative,
                    kind=MessageKind.CHECK_IN,
                    occasion=f"check-in-{check_in.pk}",
                    extra={
                        "answer_url": url,
                        "week": week,
                        "expires_on": timezone.localdate(check_in.expires_at),
                    },
                )
                count += 1
    return count


def _staff_message_queue(*, user, kind: str, key: str, context: dict) -> OutboundMessage | None:
    """Queue a message to a staff member; None when there is no address or it was
    already queued (the key names the occasion)."""
    profile = getattr(user, "broker_profile", None)
    address = (profile.reply_email if profile else "") or user.email
    if not address or OutboundMessage.objects.filter(key=key).exists():
        return None
    base = {
        "staff_name": staff_display_name(user),
        "municipality_name": settings.MUNICIPALITY_NAME,
        "case_url": settings.SITE_URL + "/makelaar/",
    }
    subject, body = render_message(kind, base | context)
    return message_queue(
        key=key,
        kind=kind,
        channel=MessageChannel.EMAIL,
        subject=subject,
        body=body,
        to_email=address,
    )


def broker_digests_queue(*, today: date | None = None) -> int:
    """Each working-day morning: one e-mail per broker with new cases, first contacts due
    soon, overdue ones, and check-ins answered since the previous working day. Only
    references and titles: the case file holds the rest.

    Cases without a broker are in every broker's and coordinator's digest (a section of
    their own): any broker may pick one up, and a case that is nobody's would otherwise
    be in nobody's digest until it is twice overdue and escalated."""

    today = today or timezone.localdate()
    if not is_working_day(today):
        return 0
    previous = today - timedelta(days=1)
    while not is_working_day(previous):
        previous -= timedelta(days=1)
    since = timezone.make_aware(datetime.combine(previous, time.min))
    soon = add_working_days(today, 2)
    # Everyone a case may be assigned to today: not someone who has left.
    brokers = list(broker_list(today=today).select_related("broker_profile"))
    working = {user.pk for user in brokers}
    open_cases = Initiative.objects.open().only(
        "pk", "reference", "title", "status", "broker_id", "first_contact_due", "submitted_at"
    )
    by_broker: dict[int, list] = {}
    unassigned = []
    for case in open_cases.filter(first_contact_at__isnull=True).order_by(
        "first_contact_due", "submitted_at", "pk"
    ):
        # A case whose broker has left (and was not handed over yet) is nobody's either.
        if case.broker_id is None or case.broker_id not in working:
            unassigned.append(case)
        else:
            by_broker.setdefault(case.broker_id, []).append(case)
    # Overdue first, then due soon, then new; each case once.
    unassigned_items = [
        _line(c) + " " + str(_("(te laat)")) if c.first_contact_due < today else _line(c)
        for c in unassigned
        if c.first_contact_due <= soon or c.submitted_at >= since
    ]
    answered: dict[int, list] = {}
    for check_in in CheckIn.objects.filter(answered_at__gte=since).select_related("initiative"):
        answered.setdefault(check_in.initiative.broker_id, []).append(check_in)
    count = 0
    for user in brokers:
        sections = _digest_sections(
            by_broker.get(user.pk, []),
            answered.get(user.pk, []),
            unassigned_items,
            since=since,
            today=today,
            soon=soon,
        )
        if not sections:
            continue
        with transaction.atomic():
            message = _staff_message_queue(
                user=user,
                kind=MessageKind.BROKER_DIGEST,
                key=f"digest:{user.pk}:{today.isoformat()}",
                context={"today": today, "sections": sections},
            )
        count += message is not None
    return count


def _digest_sections(cases, answered, unassigned_items, *, since, today, soon) -> list[dict]:
    """One broker's digest: the sections that have anything in them, in this order."""
    sections = [
        {
            "title": _("Nieuw"),
            "items": [_line(c) for c in cases if c.submitted_at >= since],
        },
        {
            "title": _("Eerste contact binnenkort"),
            "items": [_line(c) for c in cases if today <= c.first_contact_due <= soon],
        },
        {
            "title": _("Eerste contact te laat"),
            "items": [_line(c) for c in cases if c.first_contact_due < today],
        },
        {
            "title": _("Antwoord op 'hoe gaat het?'"),
            "items": [
                _line(ci.initiative) + (" " + str(_("(wil hulp)")) if ci.needs_help else "")
                for ci in answered
            ],
        },
        {"title": _("Nog zonder makelaar (pak er een op)"), "items": unassigned_items},
    ]
    return [s for s in sections if s["items"]]


def _line(initiative) -> str:
    return f"{initiative.reference} {initiative.title}"


def escalations_queue(*, today: date | None = None) -> int:
    """Tell the coordinators about a case whose first contact is twice overdue: the
    promised number of working days has passed again since the due date."""

    today = today or timezone.localdate()
    days = settings.FIRST_CONTACT_WORKING_DAYS
    coordinators = list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.COORDINATOR)
        .select_related("broker_profile")
    )
    cases = (
        Initiative.objects.open()
        .filter(first_contact_at__isnull=True, first_contact_due__lt=today)
        .select_related("broker__broker_profile")
    )
    count = 0
    for initiative in cases.iterator(chunk_size=200):
        overdue = working_days_between(initiative.first_contact_due, today)
        if overdue < days:
            continue
        profile = getattr(initiative.broker, "broker_profile", None) if initiative.broker else None
        for coordinator in coordinators:
            # Staff messages carry no initiative, so they never show on the resident's page.
            with transaction.atomic():
                message = _staff_message_queue(
                    user=coordinator,
                    kind=MessageKind.ESCALATION,
                    key=f"escalation:{initiative.pk}:{coordinator.pk}",
                    context={
                        "initiative": initiative,
                        "broker": profile,
                        "overdue_working_days": overdue,
                    },
                )
            count += message is not None
    return count
