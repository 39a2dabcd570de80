"""Plans from initiatives onto the ballot: in while plans come in, checked for
feasibility by staff, with a reason for every plan left out that goes to its initiator."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_broker
from config.errors import NotAllowed
from config.money import format_euros
from initiatives.selectors import initiative_public_get
from initiatives.services import initiative_message_queue
from messaging.constants import MessageKind

from ..constants import PlanStatus, RoundStatus
from ..models import Heading, Plan, VoteRound

logger = logging.getLogger(__name__)

MAX_COST = 10_000_000


def _require_staff(actor) -> None:
    if not is_broker(actor):
        raise NotAllowed(_("Alleen ideeënmakelaars en coördinatoren kunnen dit doen."))


def _locked_round(round_id, status: str, refused: str) -> VoteRound:
    vote_round = VoteRound.objects.select_for_update().get(pk=round_id)
    if vote_round.status != status:
        raise ValidationError(refused)
    return vote_round


def plan_add(*, actor, heading: Heading, initiative, cost, summary: str, title: str = "") -> Plan:
    """An initiative's plan for one heading, numbered in the order plans come in."""
    _require_staff(actor)
    errors = {}
    try:
        cost = int(cost)
    except (TypeError, ValueError):
        cost = None
    if cost is None or not 0 < cost <= MAX_COST:
        errors["cost"] = _("Vul de kosten in hele euro's in, zoals 2500.")
    elif cost > heading.amount:
        # It could never be funded: better said now than after the vote.
        errors["cost"] = _(
            "Dit plan kost meer dan het hele bedrag voor de stemming in deze wijk "
            "(€ %(amount)s). Verlaag de kosten of splits het plan."
        ) % {"amount": format_euros(heading.amount).removesuffix(",00")}
    if not (summary or "").strip():
        errors["summary"] = _("Schrijf in een paar zinnen wat het plan is, voor de stemmers.")
    if (
        initiative.neighbourhood_id
        and initiative.neighbourhood_id != heading.budget.neighbourhood_id
    ):
        errors["initiative"] = _("Dit idee hoort bij een andere wijk.")
    # The ballot is public: without a title of its own, the plan takes the idea's
    # published title, never the initiator's own words (not reviewed for publication).
    if not (title or "").strip():
        published = initiative_public_get(reference=initiative.reference)
        title = published.public_title if published else ""
        if not title:
            errors["title"] = _(
                "Vul een titel voor het stembiljet in: dit idee is niet openbaar gemaakt."
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _locked_round(
            heading.round_id,
            RoundStatus.PLANS_IN,
            _("Plannen indienen kan alleen in de eerste fase van de stemronde."),
        )
        if Plan.objects.filter(heading=heading, initiative=initiative).exists():
            raise ValidationError({"initiative": _("Dit idee staat al in deze stemronde.")})
        last = Plan.objects.filter(heading__round_id=heading.round_id).aggregate(n=Max("number"))
        plan = Plan.objects.create(
            heading=heading,
            initiative=initiative,
            number=(last["n"] or 0) + 1,
            title=title.strip()[:200],
            summary=summary.strip(),
            cost=cost,
        )
    logger.info("event=vote_plan_added plan_id=%s initiative_id=%s", plan.pk, initiative.pk)
    return plan


def plan_check(*, actor, plan: Plan, feasible: bool, reason: str = "") -> Plan:
    """The feasibility check of one plan. A plan left out needs a reason; its initiator
    gets it through the outbox (once per plan)."""
    _require_staff(actor)
    reason = (reason or "").strip()
    if not feasible and not reason:
        raise ValidationError({"reason": _("Schrijf op waarom dit plan niet haalbaar is.")})
    with transaction.atomic():
        _locked_round(
            plan.heading.round_id,
            RoundStatus.FEASIBILITY,
            _("Plannen toetsen kan alleen in de fase 'Toets op haalbaarheid'."),
        )
        locked = (
            Plan.objects.select_for_update(of=("self",))
            .select_related(
                "heading__round", "heading__budget__neighbourhood", "initiative__initiator"
            )
            .get(pk=plan.pk)
        )
        locked.status = PlanStatus.FEASIBLE if feasible else PlanStatus.LEFT_OUT
        locked.reason = "" if feasible else reason
        locked.checked_by, locked.checked_at = actor, timezone.now()
        locked.save(update_fields=["status", "reason", "checked_by", "checked_at"])
        # A plan read in from a Pabulib file has no initiator to tell.
        if not feasible and locked.initiative is not None:
            initiative_message_queue(
                initiative=locked.initiative,
                kind=MessageKind.VOTE_PLAN_LEFT_OUT,
                occasion=f"vote-plan-{locked.pk}",
                extra={"plan": locked},
            )
    logger.info("event=vote_plan_checked plan_id=%s feasible=%s", locked.pk, feasible)
    return locked


def message_sample_context() -> dict:
    """A made-up plan for the admin's preview of the message texts."""
    from budgets.models import NeighbourhoodBudget
    from neighbourhoods.models import Neighbourhood

    budget = NeighbourhoodBudget(neighbourhood=Neighbourhood(name="Assendorp"), year=2026)
    heading = Heading(round=VoteRound(title="Assendorp Begroot 2026"), budget=budget)
    plan = Plan(
        heading=heading,
        title="Een moestuin op het plein",
        reason="Op het plein liggen kabels; er mag daar niet gegraven worden.",
    )
    return {"plan": plan}
