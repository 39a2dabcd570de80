from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from config.errors import NotAllowed, TransitionNotAllowed
from messaging.constants import MessageKind
from messaging.models import OutboundMessage
from tests.budgets.factories import NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory
from voting.constants import ALLOWED_ROUND_TRANSITIONS, PlanStatus, RoundStatus
from voting.models import RoundStatusChange
from voting.services import ROUND_STATES, plan_add, plan_check, round_advance, round_create

from .factories import HeadingFactory, PlanFactory, VoteRoundFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("from_status", RoundStatus.values)
@pytest.mark.parametrize("to_status", RoundStatus.values)
def test_exactly_the_table_is_allowed(from_status, to_status):
    allowed = to_status in ALLOWED_ROUND_TRANSITIONS[from_status]
    assert ROUND_STATES.allows(from_status, to_status) is allowed
    order = RoundStatus.values
    # One step forward at a time: no phase skipped, none reopened.
    assert allowed == (order.index(to_status) == order.index(from_status) + 1)


def _dates(today):
    return {
        "plans_until": today,
        "feasibility_until": today + timedelta(days=7),
        "ballot_opens": today + timedelta(days=8),
        "ballot_closes": today + timedelta(days=20),
        "results_on": today + timedelta(days=25),
    }


def test_a_round_walks_its_phases_one_step_at_a_time_with_history(coordinator, broker):
    budget = NeighbourhoodBudgetFactory()
    vote_round = round_create(
        actor=coordinator,
        title="Assendorp Begroot",
        budgets=[(budget, 8000)],
        dates=_dates(timezone.localdate()),
        ballot_rule="approval",
        method="equal_shares",
        max_choices=3,
    )
    heading = vote_round.headings.get()
    with pytest.raises(ValidationError):  # no plans yet
        round_advance(actor=coordinator, vote_round=vote_round, to=RoundStatus.FEASIBILITY)
    initiative = InitiativeFactory(in_progress=True, neighbourhood=budget.neighbourhood)
    plan = plan_add(
        actor=broker,
        heading=heading,
        initiative=initiative,
        cost="2500",
        summary="Bankjes.",
        title="Bankjes",
    )
    assert plan.number == 1
    with pytest.raises(TransitionNotAllowed):
        round_advance(actor=coordinator, vote_round=vote_round, to=RoundStatus.BALLOT_OPEN)
    round_advance(actor=coordinator, vote_round=vote_round, to=RoundStatus.FEASIBILITY)
    with pytest.raises(ValidationError):  # a plan not yet checked
        round_advance(actor=coordinator, vote_round=vote_round, to=RoundStatus.BALLOT_OPEN)
    plan_check(actor=broker, plan=plan, feasible=True)
    round_advance(actor=coordinator, vote_round=vote_round, to=RoundStatus.BALLOT_OPEN)
    history = list(
        RoundStatusChange.objects.filter(round=vote_round).values_list("from_status", "to_status")
    )
    assert history == [
        ("", RoundStatus.PLANS_IN),
        (RoundStatus.PLANS_IN, RoundStatus.FEASIBILITY),
        (RoundStatus.FEASIBILITY, RoundStatus.BALLOT_OPEN),
    ]


def test_only_a_coordinator_moves_a_round(broker):
    vote_round = VoteRoundFactory()
    PlanFactory(heading__round=vote_round)
    with pytest.raises(NotAllowed):
        round_advance(actor=broker, vote_round=vote_round, to=RoundStatus.FEASIBILITY)


def test_dates_out_of_order_are_refused(coordinator):
    dates = _dates(timezone.localdate())
    dates["ballot_opens"] = dates["results_on"] + timedelta(days=1)
    with pytest.raises(ValidationError):
        round_create(
            actor=coordinator,
            title="X",
            budgets=[(NeighbourhoodBudgetFactory(), 100)],
            dates=dates,
            ballot_rule="knapsack",
            method="greedy",
        )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_plan_left_out_sends_its_reason_to_the_initiator(broker, language):
    heading = HeadingFactory(round__feasibility=True)
    plan = PlanFactory(heading=heading, initiative__initiator__language=language)
    with pytest.raises(ValidationError):
        plan_check(actor=broker, plan=plan, feasible=False, reason=" ")
    plan_check(actor=broker, plan=plan, feasible=False, reason="Op het plein liggen kabels.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.LEFT_OUT
    assert plan.checked_by == broker and plan.checked_at is not None
    message = OutboundMessage.objects.get(kind=MessageKind.VOTE_PLAN_LEFT_OUT)
    assert "Op het plein liggen kabels." in message.body
    assert (
        "not on the ballot" if language == "en" else "niet op het stembiljet"
    ) in message.subject


def test_plans_come_in_only_in_the_first_phase(broker):
    heading = HeadingFactory(round__feasibility=True)
    initiative = InitiativeFactory(neighbourhood=heading.budget.neighbourhood)
    with pytest.raises(ValidationError):
        plan_add(actor=broker, heading=heading, initiative=initiative, cost=100, summary="x")


def test_a_plan_costing_more_than_the_whole_amount_is_refused_with_the_amount(broker):
    heading = HeadingFactory(amount=10000)
    initiative = InitiativeFactory(neighbourhood=heading.budget.neighbourhood)
    with pytest.raises(ValidationError) as refused:
        plan_add(
            actor=broker, heading=heading, initiative=initiative, cost=12000, summary="x", title="T"
        )
    assert "€ 10.000" in refused.value.message_dict["cost"][0]
    plan = plan_add(
        actor=broker, heading=heading, initiative=initiative, cost=10000, summary="x", title="T"
    )
    assert plan.cost == 10000
