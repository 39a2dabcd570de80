"""A vote round and its phases: plans in, feasibility, ballot open, counting, published.
One step at a time through the state machine (config/transitions.py), each with its
history row; what a phase needs before the next may start is checked here."""

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.roles import is_coordinator
from budgets.models import NeighbourhoodBudget
from config.errors import NotAllowed
from config.transitions import StateMachine, status_change_row

from ..constants import (
    ALLOWED_ROUND_TRANSITIONS,
    BallotRule,
    CodeUnit,
    Completion,
    CountingMethod,
    PlanStatus,
    RoundStatus,
)
from ..models import Heading, PaperBallotEntry, Plan, RoundStatusChange, VoteRound
from .ballots import ballots_shuffle

logger = logging.getLogger(__name__)

ROUND_STATES = StateMachine(
    model=VoteRound,
    allowed=ALLOWED_ROUND_TRANSITIONS,
    labels=RoundStatus,
    record=status_change_row(RoundStatusChange, "round"),
)


def require_coordinator(actor) -> None:
    if not is_coordinator(actor):
        raise NotAllowed(_("Alleen een coördinator kan dit doen."))


def _check_rules(*, ballot_rule, min_choices, max_choices, min_share, method, completion):
    errors = {}
    if ballot_rule not in BallotRule.values:
        errors["ballot_rule"] = _("Kies een soort stembiljet.")
    if method not in CountingMethod.values:
        errors["method"] = _("Kies een telmethode.")
    if completion not in Completion.values:
        errors["completion"] = _("Kies wat er met overgebleven geld gebeurt.")
    if ballot_rule == BallotRule.APPROVAL:
        if min_choices < 1:
            errors["min_choices"] = _("Laat bewoners minstens één plan kiezen.")
        if max_choices is not None and max_choices < min_choices:
            errors["max_choices"] = _("Het maximum kan niet kleiner zijn dan het minimum.")
    if min_share is not None and not 0 <= min_share <= 100:
        errors["min_share"] = _("Vul een percentage in van 0 tot en met 100.")
    if errors:
        raise ValidationError(errors)


def round_create(
    *,
    actor,
    title: str,
    budgets: list[tuple[NeighbourhoodBudget, int]],
    dates: dict[str, date],
    ballot_rule: str,
    method: str,
    completion: str = Completion.ADD_ONE,
    min_choices: int = 1,
    max_choices: int | None = None,
    min_share: int | None = None,
    code_unit: str = CodeUnit.HOUSEHOLD,
    intro: str = "",
    help_sessions: str = "",
) -> VoteRound:
    """A new round in its first phase, one heading per neighbourhood budget (with the
    whole euros the residents decide on). The rules and the counting method are fixed
    here, before any plan comes in."""
    require_coordinator(actor)
    _check_rules(
        ballot_rule=ballot_rule,
        min_choices=min_choices,
        max_choices=max_choices,
        min_share=min_share,
        method=method,
        completion=completion,
    )
    if not budgets:
        raise ValidationError({"budgets": _("Kies minstens één wijkbudget.")})
    for budget, amount in budgets:
        if not 0 < amount <= budget.amount:
            raise ValidationError(
                {
                    "budgets": _("Het bedrag voor %(budget)s moet tussen 0 en het budget liggen.")
                    % {"budget": budget}
                }
            )
    order = ["plans_until", "feasibility_until", "ballot_opens", "ballot_closes", "results_on"]
    if any(dates[a] > dates[b] for a, b in zip(order, order[1:], strict=False)):
        raise ValidationError({"dates": _("Zet de datums van de fases op volgorde.")})
    with transaction.atomic():
        vote_round = VoteRound.objects.create(
            title=title.strip(),
            intro=intro.strip(),
            help_sessions=help_sessions.strip(),
            ballot_rule=ballot_rule,
            min_choices=min_choices,
            max_choices=max_choices,
            min_share=min_share,
            method=method,
            completion=completion,
            code_unit=code_unit,
            created_by=actor,
            **{name: dates[name] for name in order},
        )
        Heading.objects.bulk_create(
            Heading(round=vote_round, budget=budget, amount=amount) for budget, amount in budgets
        )
        RoundStatusChange.objects.create(
            round=vote_round, from_status="", to_status=RoundStatus.PLANS_IN, actor=actor
        )
    logger.info("event=vote_round_created round_id=%s", vote_round.pk)
    return vote_round


def _ready_for(vote_round: VoteRound, to: str) -> None:
    plans = Plan.objects.filter(heading__round=vote_round)
    if to == RoundStatus.FEASIBILITY and not plans.exists():
        raise ValidationError(_("Er zijn nog geen plannen ingediend."))
    if to == RoundStatus.BALLOT_OPEN:
        if plans.filter(status=PlanStatus.SUBMITTED).exists():
            raise ValidationError(_("Nog niet alle plannen zijn getoetst."))
        if not plans.filter(status=PlanStatus.FEASIBLE).exists():
            raise ValidationError(_("Er staat geen enkel haalbaar plan op het stembiljet."))
    waiting = PaperBallotEntry.objects.filter(code__heading__round=vote_round)
    if to == RoundStatus.PUBLISHED and waiting.exists():
        raise ValidationError(_("Er wachten nog papieren stembiljetten op een tweede controle."))


def round_advance(*, actor, vote_round: VoteRound, to: str, note: str = "") -> VoteRound:
    """The next phase (never one further: the table allows one step at a time). To
    publish, the round is counted in the same transaction (services/results.py)."""
    require_coordinator(actor)
    from .results import round_count

    def ready(locked: VoteRound):
        _ready_for(locked, to)
        return None

    def counted(locked: VoteRound, _row) -> None:
        if to == RoundStatus.COUNTING:
            _letters_left_delete(locked, actor)
            # The last ballots go in with the rest before anyone counts (ballots.py).
            ballots_shuffle()
        if to == RoundStatus.PUBLISHED:
            round_count(vote_round=locked, actor=actor)

    return ROUND_STATES.transition(
        vote_round, to=to, actor=actor, note=note, changes=ready, after=counted
    )


def _letters_left_delete(vote_round: VoteRound, actor) -> None:
    """The ballot closed: no letter with plain codes and addresses is kept, whether or
    not someone deleted it after printing."""
    from .codes import letters_delete

    for batch in vote_round.letter_batches.filter(deleted_at__isnull=True):
        letters_delete(actor=actor, batch=batch)
