"""Every write to budgets, grants and the funding ledger goes through here.

The approved total of a budget can never exceed its amount: every service that adds to
(or lowers) it locks the budget row first, so concurrent decisions queue up behind each
other and each one sees the others' committed money."""

import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.roles import is_broker, is_coordinator
from config.errors import NotAllowed
from config.transitions import StateMachine, Step
from initiatives.attachments import accepted_type
from initiatives.services import initiative_message_queue
from messaging.constants import MessageKind
from neighbourhoods.models import Neighbourhood

from .constants import (
    ALLOWED_GRANT_TRANSITIONS,
    GRANT_EVENT_RETURNED,
    RETURNED_NOTE,
    GrantDecision,
    GrantStatus,
)
from .models import (
    RECEIPT_MAX_COUNT,
    RECEIPT_TYPES,
    FundingLine,
    FundingSource,
    Grant,
    GrantEvent,
    GrantReceipt,
    NeighbourhoodBudget,
)
from .money import MAX_AMOUNT, TOO_MUCH, euros
from .selectors import MONEY, committed_expression

logger = logging.getLogger(__name__)

ZERO = Decimal("0.00")


def _grant_event(step: Step) -> GrantEvent:
    """A grant's history row: the approved amount with a decision (and its reason) or a
    payment; the actual spend with an accounting, and a note of what must come back."""
    grant = step.obj
    amount, note = grant.amount_approved, step.note
    if step.to_status == GrantStatus.ACCOUNTED:
        amount = grant.actual_spend
        note = _returned_note(grant.unspent) if grant.unspent else ""
    return GrantEvent.objects.create(
        grant=grant, status=step.to_status, amount=amount, note=note, actor=step.actor
    )


# Every status change of a grant goes through here: lock, check the table, save, history.
GRANT_STATES = StateMachine(
    model=Grant,
    allowed=ALLOWED_GRANT_TRANSITIONS,
    labels=GrantStatus,
    record=_grant_event,
    related=("initiative__initiator", "initiative__broker__broker_profile"),
)


def budget_committed(budget: NeighbourhoodBudget) -> Decimal:
    return Grant.objects.filter(budget=budget).aggregate(
        total=Coalesce(Sum(committed_expression()), Value(ZERO), output_field=MONEY)
    )["total"]


def _require_broker(actor):
    if not is_broker(actor):
        raise NotAllowed(_("Alleen ideeënmakelaars en coördinatoren kunnen dit doen."))


def _positive(value, field: str) -> Decimal:
    try:
        amount = Decimal(value).quantize(Decimal("0.01"))
    except Exception as exc:
        raise ValidationError(
            {field: _("Vul een bedrag in euro's in, zoals 250 of 99,50.")}
        ) from exc
    if amount <= 0:
        raise ValidationError({field: _("Het bedrag moet groter zijn dan nul.")})
    _not_too_much(amount, field)
    return amount


def _not_too_much(amount: Decimal, field: str) -> None:
    # The forms say so first; this keeps every other caller from a database error.
    if amount > MAX_AMOUNT:
        raise ValidationError({field: TOO_MUCH})


def budget_save(
    *,
    actor,
    neighbourhood: Neighbourhood,
    year: int,
    amount: Decimal,
    holder: str,
    holder_name: str = "",
    rules: str = "",
) -> NeighbourhoodBudget:
    """Create or change a neighbourhood's budget for a year (coordinators only). The
    amount cannot drop below what is already committed."""
    if not is_coordinator(actor):
        raise NotAllowed(_("Alleen een coördinator kan wijkbudgetten vastleggen."))
    if amount is None or Decimal(amount) < 0:
        raise ValidationError({"amount": _("Het bedrag kan niet negatief zijn.")})
    _not_too_much(Decimal(amount), "amount")
    with transaction.atomic():
        budget, created = NeighbourhoodBudget.objects.select_for_update().get_or_create(
            neighbourhood=neighbourhood,
            year=year,
            defaults={
                "amount": amount,
                "holder": holder,
                "holder_name": holder_name,
                "rules": rules,
            },
        )
        if not created:
            committed = budget_committed(budget)
            if Decimal(amount) < committed:
                raise ValidationError(
                    {
                        "amount": _(
                            "Er is al € %(committed)s toegekend. Het budget kan niet lager zijn."
                        )
                        % {"committed": euros(committed)}
                    }
                )
            budget.amount = amount
            budget.holder = holder
            budget.holder_name = holder_name
            budget.rules = rules
            budget.save(update_fields=["amount", "holder", "holder_name", "rules", "updated_at"])
    logger.info("event=budget_saved budget_id=%s created=%s", budget.pk, created)
    return budget


def grant_request(
    *,
    actor,
    initiative,
    budget: NeighbourhoodBudget,
    amount: Decimal,
    purpose: str,
    beneficiaries: str,
) -> Grant:
    """Register a grant request for a case (the broker fills it in with the initiator)."""
    _require_broker(actor)
    errors = {}
    try:
        amount = _positive(amount, "amount_requested")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not (purpose or "").strip():
        errors["purpose"] = [_("Schrijf op waarvoor het geld is.")]
    if not (beneficiaries or "").strip():
        errors["beneficiaries"] = [_("Schrijf op wie er iets aan hebben.")]
    if initiative.neighbourhood_id and budget.neighbourhood_id != initiative.neighbourhood_id:
        errors["budget"] = [_("Kies het wijkbudget van de wijk van dit idee.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        grant = Grant.objects.create(
            budget=budget,
            initiative=initiative,
            amount_requested=amount,
            purpose=purpose.strip(),
            beneficiaries=beneficiaries.strip(),
            requested_by=actor,
        )
        GrantEvent.objects.create(
            grant=grant, status=GrantStatus.REQUESTED, amount=amount, actor=actor
        )
    logger.info("event=grant_requested grant_id=%s initiative_id=%s", grant.pk, initiative.pk)
    return grant


def _approved_amount(grant: Grant, budget, decision: str, amount) -> Decimal:
    """The amount a decision grants, refused (at the field the broker chose: the part
    typed, or granting it all) when it is not below the request or the budget lacks it."""
    if decision == GrantDecision.APPROVE:
        approved, field = grant.amount_requested, "decision"
    else:
        approved, field = _positive(amount, "amount"), "amount"
        if approved >= grant.amount_requested:
            lower = _(
                "Vul bij deels toekennen een bedrag in dat lager is dan de gevraagde € %(requested)s."  # noqa: E501
            )
            raise ValidationError({field: lower % {"requested": euros(grant.amount_requested)}})
    available = budget.amount - budget_committed(budget)
    if approved > available:
        short = _(
            "Er is nog € %(available)s vrij in dit budget. Ken minder toe of wijs de aanvraag af."
        )
        raise ValidationError({field: short % {"available": euros(max(available, ZERO))}})
    return approved


def grant_decide(
    *, actor, grant: Grant, decision: str, reason: str, amount: Decimal | None = None
) -> Grant:
    """Approve, approve in part, or decline a request, always with a reason that goes
    to the initiator. Approval locks the budget row and refuses to exceed it."""
    _require_broker(actor)
    if decision not in GrantDecision.values:
        raise ValidationError({"decision": _("Kies een besluit.")})
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": _("Schrijf de initiatiefnemer waarom u dit besluit neemt.")}
        )
    status = GrantStatus.DECLINED if decision == GrantDecision.DECLINE else GrantStatus.APPROVED

    def decided(locked: Grant) -> dict:
        approved = None
        if status == GrantStatus.APPROVED:
            approved = _approved_amount(locked, budget, decision, amount)
        return {
            "decision": decision,
            "amount_approved": approved,
            "decision_reason": reason.strip(),
            "decided_at": timezone.now(),
            "decided_by": actor,
        }

    def ledger_and_message(locked: Grant, _event) -> None:
        if locked.amount_approved is not None:
            FundingLine.objects.create(
                initiative=locked.initiative,
                source=FundingSource.WIJKBUDGET,
                amount=locked.amount_approved,
                grant=locked,
                created_by=actor,
            )
        initiative_message_queue(
            initiative=locked.initiative,
            kind=MessageKind.GRANT_DECISION,
            occasion=f"grant-{locked.pk}",
            extra={"grant": locked},
        )

    with transaction.atomic():
        # Lock the budget first, always in the same order (budget, then grant), so
        # concurrent decisions on one budget wait for each other instead of deadlocking.
        budget = NeighbourhoodBudget.objects.select_for_update().get(pk=grant.budget_id)
        locked = GRANT_STATES.transition(
            grant,
            to=status,
            actor=actor,
            note=reason.strip(),
            changes=decided,
            after=ledger_and_message,
            refused=_("Over deze aanvraag is al besloten."),
        )
    logger.info("event=grant_decided grant_id=%s decision=%s", locked.pk, decision)
    return locked


def grant_mark_paid(*, actor, grant: Grant) -> Grant:
    _require_broker(actor)
    locked = GRANT_STATES.transition(
        grant,
        to=GrantStatus.PAID,
        actor=actor,
        changes=lambda locked: {"paid_at": timezone.now()},
        refused=_("Alleen een toegekende aanvraag kan worden uitbetaald."),
    )
    logger.info("event=grant_paid grant_id=%s", locked.pk)
    return locked


def grant_account(
    *,
    actor,
    grant: Grant,
    story: str,
    actual_spend: Decimal,
    story_public: bool = False,
    receipts=(),
) -> Grant:
    """The light accountability: a short story, the actual spend, optional receipts.
    What was not spent returns to the budget (the ledger line follows the spend)."""
    _require_broker(actor)
    errors = {}
    if not (story or "").strip():
        errors["story"] = [_("Vertel kort wat het initiatief heeft opgeleverd.")]
    try:
        spend = Decimal(actual_spend).quantize(Decimal("0.01"))
        if spend < 0:
            raise ValueError
    except Exception:
        errors["actual_spend"] = [_("Vul het bedrag in dat echt is uitgegeven.")]
        spend = None
    else:
        if spend > MAX_AMOUNT:
            errors["actual_spend"] = [TOO_MUCH]
    # Checked again here, for every caller: the attachments' rules (initiatives/attachments.py).
    receipts, detected = list(receipts), []
    if len(receipts) > RECEIPT_MAX_COUNT:
        errors["receipts"] = [
            _("Kies hoogstens %(max)s bestanden. U koos er %(count)s.")
            % {"max": RECEIPT_MAX_COUNT, "count": len(receipts)}
        ]
    else:
        detected = [accepted_type(upload, RECEIPT_TYPES) for upload in receipts]
        if None in detected:
            errors["receipts"] = [_("Dit bestand kunnen wij niet aannemen.")]
    if errors:
        raise ValidationError(errors)

    def receipts_and_ledger(locked: Grant, _event) -> None:
        for upload, (mime, extension) in zip(receipts, detected, strict=True):
            # Stored under a random name with the detected type's extension.
            receipt = GrantReceipt(grant=locked, content_type=mime, extension=extension)
            receipt.file.save("bon", upload, save=False)
            receipt.save()
        # Overspend is the initiator's own money: the budget gives no more than approved.
        FundingLine.objects.filter(grant=locked).update(amount=min(spend, locked.amount_approved))

    with transaction.atomic():
        NeighbourhoodBudget.objects.select_for_update().get(pk=grant.budget_id)
        locked = GRANT_STATES.transition(
            grant,
            to=GrantStatus.ACCOUNTED,
            actor=actor,
            changes=lambda locked: {
                "accounted_at": timezone.now(),
                "story": story.strip(),
                "story_public": bool(story_public),
                "actual_spend": spend,
            },
            after=receipts_and_ledger,
            refused=_("Alleen een uitbetaalde aanvraag kan worden verantwoord."),
        )
    logger.info("event=grant_accounted grant_id=%s", locked.pk)
    return locked


def grant_mark_returned(*, actor, grant: Grant) -> Grant:
    """The initiator paid back what an accounted grant did not spend: only now is that
    money free in the budget again (selectors.committed_expression)."""
    _require_broker(actor)
    with transaction.atomic():
        NeighbourhoodBudget.objects.select_for_update().get(pk=grant.budget_id)
        locked = Grant.objects.select_for_update().get(pk=grant.pk)
        if not locked.unspent or locked.returned_at is not None:
            raise ValidationError(_("Bij deze toekenning hoeft niets terugbetaald te worden."))
        locked.returned_at = timezone.now()
        locked.save(update_fields=["returned_at", "updated_at"])
        GrantEvent.objects.create(
            grant=locked, status=GRANT_EVENT_RETURNED, amount=locked.unspent, actor=actor
        )
    logger.info("event=grant_returned grant_id=%s", locked.pk)
    return locked


def _returned_note(returned: Decimal) -> str:
    # Stored history, read later by Dutch staff and shown on the resident's page: Dutch
    # words and notation, whatever the language of whoever accounted for the grant.
    with translation.override("nl"):
        return str(RETURNED_NOTE) % {"returned": euros(returned)}


def funding_line_add(
    *, actor, initiative, source: str, amount: Decimal | None = None, note: str = ""
) -> FundingLine:
    """Record a source of funding other than the neighbourhood budget, or that no money
    was needed. `wijkbudget` lines come only from grant approvals."""
    _require_broker(actor)
    if source not in FundingSource.values or source == FundingSource.WIJKBUDGET:
        raise ValidationError({"source": _("Kies een bron.")})
    amount = _positive(amount, "amount") if amount not in (None, "") else None
    with transaction.atomic():
        if source == FundingSource.NONE:
            if initiative.funding_lines.exclude(source=FundingSource.NONE).exists():
                raise ValidationError({"source": _("Er staan al geldbronnen bij dit idee.")})
            line, _created = FundingLine.objects.get_or_create(
                initiative=initiative,
                source=FundingSource.NONE,
                defaults={"created_by": actor, "note": note},
            )
            return line
        # A real source outweighs an earlier "no money needed" in the figures; the ledger
        # keeps both lines (it is appended, not edited).
        return FundingLine.objects.create(
            initiative=initiative, source=source, amount=amount, note=note, created_by=actor
        )
