"""Demo vote round for `make run`: one neighbourhood's budget with its ballot open, plans
from that neighbourhood's ideas (one left out, with its reason), codes for 40 made-up
addresses and a few ballots cast. The first unused demo codes are in README.md
("Demo: a vote"). Safe to run again: it adds nothing once a round exists."""

import random
from datetime import timedelta

from django.utils import timezone

from budgets.models import NeighbourhoodBudget
from initiatives.models import Initiative
from voting.codes import ALPHABET, LENGTH, address_digest, code_digest
from voting.constants import BallotRule, CountingMethod, RoundStatus
from voting.models import Heading, VoterCode, VoteRound
from voting.services import ballot_cast, plan_add, plan_check, round_advance, round_create

DEMO_CODES = 40


def demo_codes() -> list[str]:
    """The demo's voting codes (the same on every run): the first ones are used below."""
    rng = random.Random(19)  # noqa: S311 - demo data, not security
    return ["".join(rng.choice(ALPHABET) for _ in range(LENGTH)) for _ in range(DEMO_CODES)]


def seed(*, rng, staff) -> None:
    if VoteRound.objects.exists():
        return
    coordinator = staff["coordinator@demo.local"]
    broker = staff["broker@demo.local"]
    today = timezone.localdate()
    budget = (
        NeighbourhoodBudget.objects.filter(year=today.year)
        .select_related("neighbourhood")
        .order_by("neighbourhood__code")
        .first()
    )
    ideas = list(Initiative.objects.filter(neighbourhood=budget.neighbourhood).order_by("pk")[:5])
    if budget is None or len(ideas) < 3:
        return
    vote_round = round_create(
        actor=coordinator,
        title=f"{budget.neighbourhood.name} Begroot {today.year}",
        intro="Bewoners kiezen zelf welke plannen geld krijgen uit het wijkbudget.",
        help_sessions="Dinsdag en donderdag van 14.00 tot 16.00 uur in het buurthuis. "
        "Neem uw brief mee.",
        budgets=[(budget, int(budget.amount))],
        dates={
            "plans_until": today - timedelta(days=30),
            "feasibility_until": today - timedelta(days=10),
            "ballot_opens": today - timedelta(days=2),
            "ballot_closes": today + timedelta(days=14),
            "results_on": today + timedelta(days=21),
        },
        ballot_rule=BallotRule.KNAPSACK,
        method=CountingMethod.EQUAL_SHARES,
    )
    heading = vote_round.headings.get()
    amount = int(budget.amount)
    plans = [
        plan_add(
            actor=broker,
            heading=heading,
            initiative=idea,
            cost=rng.choice([amount // 5, amount // 4, amount // 3, amount // 2]),
            # The idea's own words: a canned summary put "a vegetable garden" under
            # "Straatfeest op Burendag" on the demo ballot.
            summary=idea.description,
            title=idea.title,
        )
        for idea in ideas
    ]
    round_advance(actor=coordinator, vote_round=vote_round, to=RoundStatus.FEASIBILITY)
    for plan in plans[:-1]:
        plan_check(actor=broker, plan=plan, feasible=True)
    plan_check(
        actor=broker,
        plan=plans[-1],
        feasible=False,
        reason="Op deze plek liggen kabels en leidingen; daar mag niet gebouwd worden.",
    )
    round_advance(actor=coordinator, vote_round=vote_round, to=RoundStatus.BALLOT_OPEN)
    heading = Heading.objects.select_related("round").get(pk=heading.pk)
    # Known codes, so the demo can be tried (a real round makes them with codes_issue).
    codes = demo_codes()
    VoterCode.objects.bulk_create(
        VoterCode(
            heading=heading,
            digest=code_digest(code),
            address_digest=address_digest(vote_round.pk, f"Demostraat {n}", "8000 AA"),
        )
        for n, code in enumerate(codes, start=1)
    )
    feasible = [plan for plan in plans[:-1] if plan.cost <= amount]
    for code in codes[-12:]:
        chosen, total = [], 0
        for plan in rng.sample(feasible, len(feasible)):
            if total + plan.cost <= amount:
                chosen.append(plan.pk)
                total += plan.cost
        ballot_cast(heading=heading, code=code, plan_ids=chosen)
