"""The broker's work on a case: contact moments, notes, the waiting flag, referrals,
(bulk) assignment and handover. Status changes still go through initiatives.services."""

import logging
import re
import uuid
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_broker, is_coordinator
from accounts.selectors import staff_display_name
from config.errors import NotAllowed
from initiatives.constants import Status
from initiatives.models import Initiative
from initiatives.services import (
    initiative_assign,
    initiative_first_contact_record,
    initiative_message_queue,
    initiative_transition,
)
from messaging.constants import MessageKind

from .constants import (
    MAX_CONTACT_MINUTES,
    STANDARD_TEXT_PLACEHOLDERS,
    ContactChannel,
    InterventionType,
    NoteKind,
    ReferralOutcome,
)
from .models import CaseNote, ContactMoment, Organisation, Referral, StandardText

logger = logging.getLogger(__name__)


def _require_broker(actor) -> None:
    if not is_broker(actor):
        raise NotAllowed(_("Alleen ideeënmakelaars kunnen aan een idee werken."))


def contact_moment_create(
    *,
    initiative: Initiative,
    actor,
    happened_on: date,
    channel: str,
    duration_minutes: int,
    intervention: str,
    summary: str,
) -> ContactMoment:
    """Log a conversation or intervention. The first contact with a new case moves it to
    'in conversation' (which records first_contact_at); an unassigned case becomes the
    actor's, so it always has a named broker."""
    _require_broker(actor)
    errors = {}
    if happened_on > timezone.localdate():
        errors["happened_on"] = _("De datum kan niet in de toekomst liggen.")
    elif happened_on < timezone.localdate(initiative.submitted_at):
        # It would become the first contact, before the idea even came in.
        errors["happened_on"] = _("De datum ligt voor de dag waarop het idee binnenkwam.")
    if channel not in ContactChannel.values:
        errors["channel"] = _("Kies hoe het contact was.")
    if intervention not in InterventionType.values:
        errors["intervention"] = _("Kies wat u heeft gedaan.")
    if not 1 <= duration_minutes <= MAX_CONTACT_MINUTES:
        errors["duration_minutes"] = _("Vul een duur in tussen 1 en %(max)s minuten.") % {
            "max": MAX_CONTACT_MINUTES
        }
    if not summary.strip():
        errors["summary"] = _("Schrijf kort op wat er is besproken of gedaan.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        moment = ContactMoment.objects.create(
            initiative=initiative,
            broker=actor,
            happened_on=happened_on,
            channel=channel,
            duration_minutes=duration_minutes,
            intervention=intervention,
            summary=summary.strip(),
        )
        contact_at = contact_moment_at(moment)
        current = Initiative.objects.only("status", "broker_id").get(pk=initiative.pk)
        if current.broker_id is None and current.is_open:
            initiative_assign(initiative=current, broker=actor, actor=actor)
            current.broker_id = actor.pk
        # A colleague standing in may log a contact on someone else's new case; moving
        # it on is the named broker's (or a coordinator's) decision.
        may_move = current.broker_id == actor.pk or is_coordinator(actor)
        if current.status == Status.NEW and may_move:
            initiative_transition(
                initiative=current,
                to_status=Status.IN_CONVERSATION,
                actor=actor,
                note=_("Eerste contact: %(channel)s.") % {"channel": moment.get_channel_display()},
                contact_at=contact_at,
            )
        else:
            # Logged late, or after a reopening: the first contact is the earliest one.
            initiative_first_contact_record(initiative=current, at=contact_at)
    logger.info("event=contact_moment_created initiative_id=%s", initiative.pk)
    return moment


def case_transition(
    *,
    initiative: Initiative,
    to_status: str,
    actor,
    note: str = "",
    outcome_message: str = "",
    broker=None,
) -> Initiative:
    """A broker moves a case (through initiatives.services, the one way a status changes):
    only the named broker or a coordinator, and whoever works an unassigned open case
    becomes its named broker first. `broker`: who a coordinator names on reopening."""
    _require_broker(actor)
    return initiative_transition(
        initiative=initiative,
        to_status=to_status,
        actor=actor,
        note=note,
        outcome_message=outcome_message,
        broker=broker,
    )


def case_message_send(*, initiative: Initiative, actor, message: str, key=None):
    """The broker writes to the initiator without changing the status: the message goes
    the way every message to them goes (the outbox: an e-mail, or a call or letter task
    when they have no e-mail) and shows in the case's timeline. Only the named broker or
    a coordinator writes; whoever writes on an unassigned open case becomes its named
    broker first, so the message comes from a named person. `key`: the form's, so a
    message sent twice (a double click) is queued once."""
    _require_broker(actor)
    if not message.strip():
        raise ValidationError({"message": _("Schrijf het bericht aan de initiatiefnemer.")})
    with transaction.atomic():
        locked = (
            Initiative.objects.select_for_update(of=("self",))
            .select_related("initiator", "broker__broker_profile")
            .get(pk=initiative.pk)
        )
        if not is_coordinator(actor) and locked.broker_id not in (None, actor.pk):
            raise NotAllowed(
                _(
                    "Dit idee is van %(name)s. Alleen die makelaar of een coördinator "
                    "schrijft de initiatiefnemer."
                )
                % {"name": staff_display_name(locked.broker)}
            )
        if locked.initiator.anonymised_at is not None:
            raise ValidationError(
                _("De gegevens van de initiatiefnemer zijn gewist: er is niemand te bereiken.")
            )
        if locked.is_open and locked.broker_id is None:
            locked = initiative_assign(initiative=locked, broker=actor, actor=actor)
        occasion = f"message-{key or uuid.uuid4()}"
        queued = initiative_message_queue(
            initiative=locked,
            kind=MessageKind.BROKER_MESSAGE,
            occasion=occasion,
            extra={"update_message": message.strip()},
        )
    logger.info("event=case_message_sent initiative_id=%s", initiative.pk)
    return queued


def contact_moment_at(moment: ContactMoment):
    """When a contact took place. Contacts are logged by date: one logged on its own day
    took place about when it was logged; one logged later is placed at midday of its day
    (as the case timeline shows it)."""
    if moment.happened_on >= timezone.localdate(moment.created_at):
        return moment.created_at
    return timezone.make_aware(datetime.combine(moment.happened_on, time(12, 0)))


def case_note_create(
    *, initiative: Initiative, actor, text: str, kind: str = NoteKind.NOTE
) -> CaseNote:
    """An internal note; the initiator never sees it."""
    _require_broker(actor)
    if not text.strip():
        raise ValidationError({"text": _("Schrijf een notitie.")})
    note = CaseNote.objects.create(
        initiative=initiative, author=actor, kind=kind, text=text.strip()
    )
    logger.info("event=case_note_created initiative_id=%s", initiative.pk)
    return note


def initiative_waiting_set(
    *, initiative: Initiative, actor, reason: str, since: date | None = None
) -> Initiative:
    """Flag an open case as waiting for the initiator (asked for information). Not a
    status: the case stays where it is and keeps its broker."""
    _require_broker(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf op waarop u wacht.")})
    since = since or timezone.localdate()
    if since > timezone.localdate():
        raise ValidationError({"since": _("De datum kan niet in de toekomst liggen.")})
    with transaction.atomic():
        locked = Initiative.objects.select_for_update(of=("self",)).get(pk=initiative.pk)
        if not locked.is_open:
            raise ValidationError(_("Een afgesloten idee wacht nergens meer op."))
        locked.waiting_since = since
        locked.waiting_reason = reason.strip()[:300]
        locked.save(update_fields=["waiting_since", "waiting_reason", "updated_at"])
        case_note_create(
            initiative=locked, actor=actor, text=locked.waiting_reason, kind=NoteKind.WAITING_SET
        )
    return locked


def initiative_waiting_clear(*, initiative: Initiative, actor, note: str = "") -> Initiative:
    _require_broker(actor)
    with transaction.atomic():
        locked = Initiative.objects.select_for_update(of=("self",)).get(pk=initiative.pk)
        if locked.waiting_since is None:
            return locked
        locked.waiting_since = None
        locked.waiting_reason = ""
        locked.save(update_fields=["waiting_since", "waiting_reason", "updated_at"])
        case_note_create(
            initiative=locked,
            actor=actor,
            text=note.strip() or _("Het wachten is voorbij."),
            kind=NoteKind.WAITING_CLEARED,
        )
    return locked


def referral_create(
    *, initiative: Initiative, organisation: Organisation, actor, reason: str
) -> Referral:
    """Hand (part of) a case to a partner. The broker stays the initiator's contact."""
    _require_broker(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf op waarom u doorverwijst.")})
    if not organisation.is_active:
        raise ValidationError({"organisation": _("Deze netwerkpartner is niet meer actief.")})
    referral = Referral.objects.create(
        initiative=initiative, organisation=organisation, broker=actor, reason=reason.strip()
    )
    logger.info(
        "event=referral_created initiative_id=%s organisation_id=%s",
        initiative.pk,
        organisation.pk,
    )
    return referral


def referral_outcome_record(*, referral: Referral, actor, outcome: str, note: str = "") -> Referral:
    """Record what came of a referral."""
    _require_broker(actor)
    if outcome not in ReferralOutcome.values or outcome == ReferralOutcome.PENDING:
        raise ValidationError({"outcome": _("Kies een uitkomst.")})
    with transaction.atomic():
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        locked.outcome = outcome
        locked.outcome_note = note.strip()
        locked.outcome_at = timezone.now()
        locked.save(update_fields=["outcome", "outcome_note", "outcome_at"])
    return locked


def initiative_bulk_assign(*, initiative_ids: list[int], broker, actor, note: str = "") -> int:
    """Assign several cases at once; all or nothing. Returns how many changed broker."""
    _require_broker(actor)
    if not initiative_ids:
        raise ValidationError({"initiatives": _("Kies minstens één idee.")})
    changed = 0
    with transaction.atomic():
        for initiative in Initiative.objects.filter(pk__in=initiative_ids).order_by("pk"):
            before = initiative.broker_id
            initiative_assign(initiative=initiative, broker=broker, actor=actor, note=note)
            changed += before != broker.pk
    return changed


def broker_handover(*, from_broker, to_broker, actor, note: str = "") -> int:
    """A coordinator hands every open case of a (leaving) broker to a colleague. Each
    initiator is told who their broker now is. Returns the number of cases."""
    if not is_coordinator(actor):
        raise NotAllowed(_("Alleen een coördinator kan alle ideeën van een makelaar overdragen."))
    if from_broker.pk == to_broker.pk:
        raise ValidationError({"to_broker": _("Kies een andere makelaar.")})
    ids = list(
        Initiative.objects.open()
        .filter(broker=from_broker)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        count = (
            initiative_bulk_assign(initiative_ids=ids, broker=to_broker, actor=actor, note=note)
            if ids
            else 0
        )
    logger.info(
        "event=broker_handover from_id=%s to_id=%s cases=%s", from_broker.pk, to_broker.pk, count
    )
    return count


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def standard_text_check(body: str) -> None:
    """Raise ValidationError for a placeholder that would not be filled in."""
    unknown = sorted(set(_PLACEHOLDER.findall(body)) - set(STANDARD_TEXT_PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            {
                "body": _("Onbekend: %(unknown)s. Mogelijk zijn: %(known)s.")
                % {
                    "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                    "known": ", ".join(f"{{{name}}}" for name in STANDARD_TEXT_PLACEHOLDERS),
                }
            }
        )


def standard_text_save(*, text: StandardText, actor) -> StandardText:
    """An administrator adds or changes a standard text (the admin calls this)."""
    standard_text_check(text.body)
    text.body = text.body.strip()
    text.updated_by = actor
    text.save()
    logger.info("event=standard_text_saved standard_text_id=%s", text.pk)
    return text


def standard_text_render(*, text: StandardText, initiative: Initiative) -> str:
    """The text with its placeholders filled in for this case."""
    broker = initiative.broker
    values = {
        "naam": initiative.initiator.name,
        "titel": initiative.title,
        "kenmerk": initiative.reference,
        "makelaar": staff_display_name(broker) if broker else _("de ideeënmakelaar"),
        "gemeente": settings.MUNICIPALITY_NAME,
    }
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text.body)
