import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.budgets.factories import NeighbourhoodBudgetFactory
from voting.constants import Channel, CountingMethod, PlanStatus, RoundStatus
from voting.models import Ballot, Plan, VoteRound
from voting.pabulib import heading_as_pabulib
from voting.services import plan_check
from voting.services.importing import round_import_pabulib

pytestmark = pytest.mark.django_db

PB = """META
key;value
description;West Begroot 2024
budget;10000
vote_type;approval
rule;greedy
date_begin;01.05.2024
date_end;31.05.2024
PROJECTS
project_id;cost;votes;name;selected
11;6000;2;Speeltuin;1
12;3000;2;Bankjes;1
13;2000;1;Moestuin;0
VOTES
voter_id;vote;voting_method
1;11,12;internet
2;11;paper
3;12,13;internet
"""


def test_a_pabulib_file_becomes_a_published_round_with_its_plans_votes_and_winners(
    coordinator,
):
    budget = NeighbourhoodBudgetFactory(year=2024)
    vote_round = round_import_pabulib(
        actor=coordinator, budget=budget, phase=RoundStatus.PUBLISHED, text=PB
    )
    assert vote_round.status == RoundStatus.PUBLISHED and vote_round.title == "West Begroot 2024"
    assert vote_round.method == CountingMethod.GREEDY
    assert str(vote_round.ballot_closes) == "2024-05-31"
    # Every phase was passed one step at a time, each in the history.
    steps = list(vote_round.history.order_by("pk").values_list("to_status", flat=True))
    assert steps == list(RoundStatus.values)
    heading = vote_round.headings.get()
    assert heading.amount == 10000
    plans = {p.title: p for p in Plan.objects.filter(heading=heading)}
    assert all(p.status == PlanStatus.FEASIBLE and p.initiative is None for p in plans.values())
    channels = sorted(Ballot.objects.filter(heading=heading).values_list("channel", flat=True))
    assert channels == [Channel.ONLINE, Channel.ONLINE, Channel.PAPER]
    # Greedy: 2 votes each for Speeltuin and Bankjes (the cheaper first), Moestuin no
    # longer fits; no grant request for plans that come from no initiative.
    funded = {t for t, p in plans.items() if p.funded_rank}
    assert funded == {"Speeltuin", "Bankjes"} and plans["Bankjes"].funded_rank == 1
    assert plans["Speeltuin"].votes == 2 and not any(p.grant_id for p in plans.values())
    # Our own export of it carries the three votes again.
    assert heading_as_pabulib(heading).split("VOTES\n")[1].count("\n") == 4


def test_a_file_with_bad_lines_stores_nothing_and_names_every_line(coordinator):
    budget = NeighbourhoodBudgetFactory(year=2024)
    bad = (
        PB.replace("11;6000", "11;zes")
        .replace("3;12,13", "3;12,99")
        .replace("date_end;31.05.2024", "date_end;eind mei")
    )
    with pytest.raises(ValidationError) as refused:
        round_import_pabulib(actor=coordinator, budget=budget, phase=RoundStatus.COUNTING, text=bad)
    messages = " ".join(refused.value.message_dict["file"])
    assert "Regel 11" in messages and "project 11" in messages  # the cost
    assert "Regel 18" in messages and "99" in messages  # an unknown project in a vote
    assert "Regel 8" in messages  # the date
    assert not VoteRound.objects.exists() and not Ballot.objects.exists()
    # Votes into a round whose ballot has not opened: refused, nothing stored.
    with pytest.raises(ValidationError):
        round_import_pabulib(
            actor=coordinator, budget=budget, phase=RoundStatus.FEASIBILITY, text=PB
        )
    # A budget smaller than the file's: the round's own check, nothing stored.
    small = NeighbourhoodBudgetFactory(year=2024, amount=5000)
    with pytest.raises(ValidationError):
        round_import_pabulib(actor=coordinator, budget=small, phase=RoundStatus.COUNTING, text=PB)
    assert not VoteRound.objects.exists()


def test_a_coordinator_reads_in_a_file_from_the_round_list(client, coordinator, broker):
    budget = NeighbourhoodBudgetFactory(year=2024)
    url = reverse("voting:import")
    client.force_login(broker)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert "Pabulib" in client.get(reverse("voting:manage-list")).content.decode()
    nonsense = SimpleUploadedFile("x.pb", b"hallo\n")
    response = client.post(url, {"file": nonsense, "budget": budget.pk, "phase": "counting"})
    assert response.status_code == 400 and "Pabulib" in response.content.decode()
    upload = SimpleUploadedFile("west.pb", PB.encode())
    response = client.post(url, {"file": upload, "budget": budget.pk, "phase": "ballot_open"})
    assert response.status_code == 302
    vote_round = VoteRound.objects.get()
    assert vote_round.status == RoundStatus.BALLOT_OPEN
    assert Ballot.objects.filter(heading__round=vote_round).count() == 3


def test_a_file_without_votes_starts_a_round_whose_plans_can_still_be_left_out(coordinator):
    budget = NeighbourhoodBudgetFactory(year=2024)
    plans_only = PB.split("VOTES")[0]
    vote_round = round_import_pabulib(
        actor=coordinator,
        budget=budget,
        phase=RoundStatus.FEASIBILITY,
        text=plans_only,
        title="Eigen naam",
    )
    assert vote_round.status == RoundStatus.FEASIBILITY and vote_round.title == "Eigen naam"
    plan = Plan.objects.get(heading__round=vote_round, title="Moestuin")
    plan_check(actor=coordinator, plan=plan, feasible=False, reason="Geen grond.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.LEFT_OUT
