"""The count of a round: per heading, with the method the round chose before its
ballot opened (counting.py), then a grant request drafted for every funded plan against
its neighbourhood budget. The grant is only requested: its approval goes through
budgets.services.grant_decide, which never lets a budget be overspent."""

import logging

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from budgets.services import grant_request

from ..constants import PlanStatus
from ..counting import Candidate, count, vote_counts
from ..models import Ballot, Plan, VoteRound

logger = logging.getLogger(__name__)


def heading_outcome(heading, plans: list[Plan], ballots: list[list[int]]) -> tuple[dict, list]:
    """(votes per plan id, funded plan ids in the order chosen) for one heading."""
    vote_round = heading.round
    candidates = [Candidate(id=p.pk, number=p.number, cost=p.cost) for p in plans]
    funded = count(
        method=vote_round.method,
        completion=vote_round.completion,
        candidates=candidates,
        ballots=ballots,
        budget=heading.amount,
    )
    return vote_counts(ballots), funded


def round_count(*, vote_round: VoteRound, actor) -> None:
    """Count every heading and store votes and winners on the plans (called by
    round_advance when the round is published, in its transaction)."""
    with transaction.atomic():
        for heading in vote_round.headings.select_related("budget__neighbourhood", "round"):
            plans = list(
                Plan.objects.filter(heading=heading, status=PlanStatus.FEASIBLE).select_related(
                    "initiative"
                )
            )
            ballots = list(Ballot.objects.filter(heading=heading).values_list("plans", flat=True))
            votes, funded = heading_outcome(heading, plans, ballots)
            rank = {plan_id: step for step, plan_id in enumerate(funded, start=1)}
            for plan in plans:
                plan.votes = votes[plan.pk]
                plan.funded_rank = rank.get(plan.pk)
            Plan.objects.bulk_update(plans, ["votes", "funded_rank"])
            for plan in sorted(plans, key=lambda p: p.funded_rank or 0):
                # A plan read in from a Pabulib file has no initiative to fund.
                if plan.funded_rank is not None and plan.initiative_id is not None:
                    _draft_grant(actor, heading, plan)
            logger.info(
                "event=vote_heading_counted heading_id=%s ballots=%s funded=%s",
                heading.pk,
                len(ballots),
                len(funded),
            )


def _draft_grant(actor, heading, plan: Plan) -> None:
    # Stored text read by Dutch staff: Dutch whatever the language of who published.
    with translation.override("nl"):
        beneficiaries = _(
            "De bewoners van %(neighbourhood)s: %(votes)s stemmen in '%(round)s'."
        ) % {
            "neighbourhood": heading.budget.neighbourhood.name,
            "votes": plan.votes,
            "round": heading.round.title,
        }
    plan.grant = grant_request(
        actor=actor,
        initiative=plan.initiative,
        budget=heading.budget,
        amount=plan.cost,
        purpose=plan.summary,
        beneficiaries=beneficiaries,
    )
    plan.save(update_fields=["grant"])
