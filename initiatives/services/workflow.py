"""The case's status workflow and its named broker: every transition through one helper
(_transition) that locks, checks ALLOWED_TRANSITIONS and appends the history."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import can_be_named_broker, is_broker, is_coordinator
from config.errors import NotAllowed
from config.transitions import StateMachine, status_change_row
from messaging.constants import MessageKind

from ..constants import (
    ALLOWED_TRANSITIONS,
    CLOSED_STATUSES,
    ActorRole,
    Status,
)
from ..models import (
    Initiative,
    InitiativeAssignment,
    InitiativeStatusChange,
)
from ..timeline import actor_name
from .messages import initiative_message_queue

logger = logging.getLogger(__name__)


INITIATIVE_STATES = StateMachine(
    model=Initiative,
    allowed=ALLOWED_TRANSITIONS,
    labels=Status,
    record=status_change_row(InitiativeStatusChange, "initiative"),
    related=("initiator", "broker__broker_profile"),
)


def _transition(
    *,
    initiative_id: int,
    to_status: str,
    actor,
    actor_role: str,
    note: str = "",
    outcome_message: str = "",
    broker=None,
    contact_at=None,
) -> Initiative:
    """The one way a status changes (INITIATIVE_STATES: lock, check the mapping, save,
    append history), with who may do it and the message to the initiator.

    Staff change the status of their own case, or (coordinators) of any case. Reopening
    ends with a named broker who is active now: `broker`, or the former one."""
    outcome_message = outcome_message.strip()
    closing = to_status in CLOSED_STATUSES
    new_broker = []

    def changes(initiative: Initiative) -> dict:
        reopening = initiative.status in CLOSED_STATUSES
        _transition_check(initiative, actor=actor, actor_role=actor_role, reopening=reopening)
        if closing and not outcome_message:
            raise ValidationError(
                {"outcome_message": _("Schrijf de initiatiefnemer wat er is gebeurd en waarom.")}
            )
        if reopening:
            target = _reopening_broker(initiative, broker)
            if target.pk != initiative.broker_id:
                new_broker.append(target)

        now = timezone.now()
        values = {}
        # A reopened case that never had a contact still has had none.
        if (
            to_status == Status.IN_CONVERSATION
            and initiative.first_contact_at is None
            and not reopening
        ):
            values["first_contact_at"] = contact_at or now
        if closing:
            values |= {"closed_at": now, "outcome_message": outcome_message}
            # A closed case waits for nobody: no reminders, and none on reopening.
            if initiative.waiting_since is not None or initiative.waiting_reason:
                values |= {"waiting_since": None, "waiting_reason": ""}
        elif reopening:
            # The old outcome no longer describes the case (the message itself stays in
            # the history).
            values |= {"closed_at": None, "outcome_message": ""}
        return values

    def after(initiative: Initiative, change: InitiativeStatusChange) -> None:
        if new_broker:
            # The reopening message names the broker; no separate "new broker" message.
            _assignment_record(initiative, broker=new_broker[0], actor=actor, notify=False)
        _transition_message(initiative, change, outcome_message)

    return INITIATIVE_STATES.transition(
        initiative_id,
        to=to_status,
        actor=actor,
        note=note,
        changes=changes,
        after=after,
        history={"actor_role": actor_role},
    )


def _transition_check(initiative: Initiative, *, actor, actor_role: str, reopening: bool):
    if reopening and not is_coordinator(actor):
        raise NotAllowed(_("Alleen een coördinator kan een afgesloten idee heropenen."))
    if (
        actor_role == ActorRole.STAFF
        and not is_coordinator(actor)
        and initiative.broker_id != actor.pk
    ):
        # The outcome message goes out in the named broker's name: only they (or a
        # coordinator) decide it. Unassigned cases are claimed first (initiative_transition).
        raise NotAllowed(_not_your_case_message(initiative))


def _reopening_broker(initiative: Initiative, broker):
    """Reopening ends with one named contact who is active now: `broker`, or the former."""
    target = broker or initiative.broker
    if target is None or not can_be_named_broker(target):
        raise ValidationError(
            {
                "broker": _(
                    "Kies een ideeënmakelaar die nu actief is. Na heropenen heeft "
                    "het idee weer één vaste contactpersoon."
                )
            }
        )
    return target


def transition_message_plan(
    *, from_status: str, to_status: str, words: str
) -> tuple[str, dict] | None:
    """What the initiator hears of a status change, as (message kind, its variables): the
    outcome when it closes, the news when it is reopened, and a few words from the broker
    with any other change (never dropped); None for a change without words. The preview
    in the case file shows the same message before it is sent."""
    if to_status in CLOSED_STATUSES:
        return MessageKind.OUTCOME, {"outcome_message": words}
    if from_status in CLOSED_STATUSES:
        return MessageKind.REOPENED, {"update_message": words}
    if words:
        return MessageKind.STATUS_UPDATE, {"update_message": words}
    return None


def _transition_message(initiative: Initiative, change, outcome_message: str) -> None:
    plan = transition_message_plan(
        from_status=change.from_status, to_status=change.to_status, words=outcome_message
    )
    if plan is not None:
        kind, extra = plan
        initiative_message_queue(
            initiative=initiative, kind=kind, occasion=f"change-{change.pk}", extra=extra
        )


def _not_your_case_message(initiative: Initiative) -> str:
    return _(
        "Dit idee is van %(name)s. Alleen die makelaar of een coördinator kan de status wijzigen."
    ) % {"name": actor_name(initiative.broker)}


def initiative_transition(
    *,
    initiative: Initiative,
    to_status: str,
    actor,
    note: str = "",
    outcome_message: str = "",
    broker=None,
    contact_at=None,
) -> Initiative:
    """A broker or coordinator moves a case. Closing needs a message to the initiator;
    reopening a closed case needs a coordinator (and `broker` when the former one is no
    longer active). Whoever works an unassigned open case becomes its named broker
    first, so no case goes further without one and the initiator knows who it is.
    `contact_at`: when the first contact took place, if this is it (default now)."""
    if not is_broker(actor):
        raise NotAllowed(_("Alleen ideeënmakelaars kunnen de status wijzigen."))
    with transaction.atomic():
        current = Initiative.objects.only("status", "broker_id").get(pk=initiative.pk)
        if current.is_open and current.broker_id is None:
            initiative_assign(initiative=current, broker=actor, actor=actor)
        return _transition(
            initiative_id=initiative.pk,
            to_status=to_status,
            actor=actor,
            actor_role=ActorRole.STAFF,
            note=note,
            outcome_message=outcome_message,
            broker=broker,
            contact_at=contact_at,
        )


def initiative_first_contact_record(*, initiative: Initiative, at) -> Initiative:
    """A contact took place at `at`: the case's first contact is the earliest one, when
    it happened, not when it was logged (the timeliness figure compares its day with
    first_contact_due). A closed case keeps what it had: one withdrawn before any
    contact stays "no first contact"."""
    with transaction.atomic():
        locked = Initiative.objects.select_for_update(of=("self",)).get(pk=initiative.pk)
        if not locked.is_open:
            return locked
        if locked.first_contact_at is None or at < locked.first_contact_at:
            locked.first_contact_at = at
            locked.save(update_fields=["first_contact_at", "updated_at"])
    return locked


def initiative_withdraw(*, initiative: Initiative, reason: str = "") -> Initiative:
    """The initiator withdraws their own idea through their private link."""
    if initiative.broker_id:
        message = _(
            "U heeft uw idee ingetrokken. Wij doen er verder niets meer mee. "
            "Wilt u het toch weer oppakken? Neem dan contact op met uw ideeënmakelaar."
        )
    else:
        message = _(
            "U heeft uw idee ingetrokken. Wij doen er verder niets meer mee. "
            "Wilt u het toch weer oppakken? Bel dan %(phone)s en noem uw kenmerk "
            "%(reference)s."
        ) % {"phone": settings.MUNICIPALITY_PHONE, "reference": initiative.reference}
    return _transition(
        initiative_id=initiative.pk,
        to_status=Status.WITHDRAWN,
        actor=None,
        actor_role=ActorRole.INITIATOR,
        note=reason,
        outcome_message=message,
    )


def _assignment_record(locked: Initiative, *, broker, actor, note: str = "", notify=True):
    """Name `broker` on a locked case, append the history row and (notify) tell the
    initiator who their broker now is."""
    previous = locked.broker
    locked.broker = broker
    locked.save(update_fields=["broker", "updated_at"])
    assignment = InitiativeAssignment.objects.create(
        initiative=locked, broker=broker, previous_broker=previous, actor=actor, note=note
    )
    if notify:
        initiative_message_queue(
            initiative=locked,
            kind=MessageKind.BROKER_ASSIGNED,
            occasion=f"assignment-{assignment.pk}",
            extra={"previous_broker": getattr(previous, "broker_profile", None)},
        )
    return assignment


def initiative_assign(*, initiative: Initiative, broker, actor, note: str = "") -> Initiative:
    """Make `broker` the one named contact of a case and tell the initiator who that is."""
    if not is_broker(actor):
        raise NotAllowed(_("Alleen ideeënmakelaars kunnen ideeën toewijzen."))
    if not is_broker(broker):
        raise ValidationError({"broker": _("Deze persoon is geen ideeënmakelaar.")})
    # A broker claims an unassigned case or hands over their own; anything else is the
    # coordinator's call.
    if not is_coordinator(actor) and initiative.broker_id not in (None, actor.pk):
        raise NotAllowed(_("Alleen een coördinator kan het idee van een collega overdragen."))
    with transaction.atomic():
        locked = (
            Initiative.objects.select_for_update(of=("self",))
            .select_related("initiator")
            .get(pk=initiative.pk)
        )
        if not locked.is_open:
            raise ValidationError(_("Een afgesloten idee kan niet worden toegewezen."))
        if locked.broker_id == broker.pk:
            return locked
        # Checked again under the lock: two brokers claiming the same case at once must
        # not both become its broker (the second would silently take it over).
        if not is_coordinator(actor) and locked.broker_id not in (None, actor.pk):
            raise NotAllowed(_("Alleen een coördinator kan het idee van een collega overdragen."))
        if not can_be_named_broker(broker):
            raise ValidationError(
                {"broker": _("Deze makelaar werkt hier niet meer. Kies een andere makelaar.")}
            )
        _assignment_record(locked, broker=broker, actor=actor, note=note)
    logger.info("event=initiative_assigned initiative_id=%s broker_id=%s", locked.pk, broker.pk)
    return locked
