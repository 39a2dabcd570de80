"""A Pabulib file whose numbers do not fit what a round stores was a 500 (the database
refused the row); a file with tens of thousands of projects ran past the request's
deadline while counting. Each is now a line-numbered message and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError

from tests.budgets.factories import NeighbourhoodBudgetFactory
from voting.constants import RoundStatus
from voting.models import VoteRound
from voting.services.importing import MAX_PROJECTS, round_import_pabulib

pytestmark = pytest.mark.django_db


def _pb(*, meta="", projects="11;6000;Speeltuin\n12;3000;Bankjes", votes="1;11,12;internet"):
    return (
        f"META\nkey;value\nbudget;10000\n{meta}\nPROJECTS\nproject_id;cost;name\n{projects}\n"
        f"VOTES\nvoter_id;vote;voting_method\n{votes}\n"
    )


@pytest.mark.parametrize("cost", ["3000000000", "1e12"])
def test_a_cost_too_big_to_store_is_a_message(coordinator, cost):
    budget = NeighbourhoodBudgetFactory(year=2024)
    text = _pb(projects=f"11;{cost};Speeltuin\n12;3000;Bankjes")
    with pytest.raises(ValidationError) as caught:
        round_import_pabulib(
            actor=coordinator, budget=budget, phase=RoundStatus.PUBLISHED, text=text
        )
    assert "de kosten van project 11 zijn te hoog" in str(caught.value.message_dict["file"])
    assert not VoteRound.objects.exists()


def test_a_maximum_of_votes_per_ballot_beyond_the_plans_is_no_maximum(coordinator):
    budget = NeighbourhoodBudgetFactory(year=2024)
    vote_round = round_import_pabulib(
        actor=coordinator,
        budget=budget,
        phase=RoundStatus.PUBLISHED,
        text=_pb(meta="max_length;100000\nmin_length;1e15"),
    )
    assert vote_round.max_choices is None and vote_round.min_choices == 2


def test_too_many_projects_is_a_message(coordinator):
    budget = NeighbourhoodBudgetFactory(year=2024)
    projects = "\n".join(f"{n};10;Plan {n}" for n in range(1, MAX_PROJECTS + 2))
    with pytest.raises(ValidationError) as caught:
        round_import_pabulib(
            actor=coordinator,
            budget=budget,
            phase=RoundStatus.FEASIBILITY,
            text=_pb(projects=projects, votes=""),
        )
    assert f"hoogstens {MAX_PROJECTS} in" in str(caught.value.message_dict["file"])


def test_the_import_page_says_so_instead_of_a_500(client, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    budget = NeighbourhoodBudgetFactory(year=2024)
    client.force_login(coordinator)
    upload = SimpleUploadedFile("ronde.pb", _pb(projects="11;3000000000;x\n12;1;y").encode())
    response = client.post(
        "/makelaar/stemmen/inlezen/",
        {"file": upload, "budget": budget.pk, "phase": RoundStatus.PUBLISHED, "title": ""},
    )
    assert response.status_code == 400
    assert "zijn te hoog" in response.content.decode()
