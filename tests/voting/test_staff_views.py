import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from messaging.models import OutboundMessage
from tests.accounts.factories import StaffFactory
from tests.initiatives.factories import InitiativeFactory
from voting.constants import Channel, CodeStatus, PlanStatus, RoundStatus
from voting.models import Ballot, LetterBatch, PaperBallotEntry, Plan, VoterCode
from voting.services import letters_render

from .factories import HeadingFactory, PlanFactory, VoterCodeFactory

pytestmark = pytest.mark.django_db


def test_the_round_page_has_bounded_queries(
    client, coordinator, heading, django_assert_max_num_queries
):
    PlanFactory.create_batch(5, heading=heading, feasible=True)
    VoterCodeFactory.create_batch(3, heading=heading)
    client.force_login(coordinator)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("voting:manage", args=[heading.round.pk]))
    assert response.status_code == 200
    assert "Papieren stembiljetten" in response.content.decode()


def test_a_broker_adds_and_checks_plans_and_a_coordinator_moves_the_round(
    client, broker, coordinator
):
    heading = HeadingFactory()
    vote_round = heading.round
    initiative = InitiativeFactory(neighbourhood=heading.budget.neighbourhood)
    client.force_login(broker)
    url = reverse("voting:plan-add", args=[vote_round.pk])
    response = client.post(
        url, {"reference": "nope", "heading": heading.pk, "cost": "x", "summary": ""}
    )
    assert response.status_code == 400
    assert "Er ging iets mis" in response.content.decode()
    data = {
        "reference": initiative.reference,
        "heading": heading.pk,
        "cost": 2500,
        "summary": "Bankjes.",
    }
    # Not published: no title to borrow, the ballot's title is asked for next to the field.
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "dit idee is niet openbaar gemaakt" in refused.content.decode()
    data["title"] = "Bankjes op het plein"
    assert client.post(url, data).status_code == 302
    plan = Plan.objects.get()
    # A broker cannot move the round; a coordinator can, one phase at a time.
    advance = reverse("voting:advance", args=[vote_round.pk])
    assert client.post(advance, {"to": RoundStatus.FEASIBILITY}).status_code == 403
    client.force_login(coordinator)
    client.post(advance, {"to": RoundStatus.FEASIBILITY})
    vote_round.refresh_from_db()
    assert vote_round.status == RoundStatus.FEASIBILITY
    check = reverse("voting:plan-check", args=[vote_round.pk, plan.pk])
    prefix = f"check-{plan.pk}"
    response = client.post(check, {f"{prefix}-feasible": "0", f"{prefix}-reason": ""})
    assert response.status_code == 400
    client.post(check, {f"{prefix}-feasible": "0", f"{prefix}-reason": "Geen plek."})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.LEFT_OUT
    assert OutboundMessage.objects.filter(initiative=initiative).exists()


def test_a_coordinator_uploads_an_address_list_downloads_and_deletes_the_letters(
    client, coordinator
):
    heading = HeadingFactory(round__feasibility=True)
    client.force_login(coordinator)
    url = reverse("voting:codes", args=[heading.round.pk])
    bad = SimpleUploadedFile("lijst.csv", b"adres,postcode\nA 1,123\n", content_type="text/csv")
    response = client.post(url, {"file": bad})
    assert response.status_code == 400 and "Regel 2" in response.content.decode()
    good = SimpleUploadedFile("lijst.csv", b"adres,postcode\nA 1,8011 AB\nA 2,8011 AB\n")
    assert client.post(url, {"file": good}).status_code == 302
    batch = LetterBatch.objects.get()
    # The letters are drawn by a task: the round page shows how far it is, and its
    # line asks for itself again (htmx) until they are ready.
    progress = reverse("voting:letters-progress", args=[heading.round.pk, batch.pk])
    page = client.get(reverse("voting:manage", args=[heading.round.pk])).content.decode()
    assert "De brieven staan in de wachtrij." in page and f'hx-get="{progress}"' in page
    assert not batch.file
    letters_render(batch_id=batch.pk)
    line = client.get(progress).content.decode()
    assert "hx-get" not in line and "Brieven downloaden (PDF)" in line
    download = client.get(reverse("voting:letters", args=[heading.round.pk, batch.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    client.post(reverse("voting:letters-delete", args=[heading.round.pk, batch.pk]))
    batch.refresh_from_db()
    assert not batch.file and batch.deleted_at is not None
    response = client.post(
        reverse("voting:reissue", args=[heading.round.pk]),
        {"address": "A 1", "postcode": "8011AB", "reason": "Brief kwijt"},
    )
    assert response["Content-Type"] == "application/pdf"
    assert VoterCode.objects.filter(status=CodeStatus.REVOKED).count() == 1


def test_paper_ballots_are_entered_by_one_and_confirmed_by_another(client, broker, heading):
    code = VoterCodeFactory(heading=heading)
    plan = heading.plans.first()
    client.force_login(broker)
    prefix = f"paper-{heading.pk}"
    client.post(
        reverse("voting:paper", args=[heading.round.pk, heading.pk]),
        {f"{prefix}-code": code.plain, f"{prefix}-plans": [plan.pk]},
    )
    entry = PaperBallotEntry.objects.get()
    decide = reverse("voting:paper-decide", args=[heading.round.pk])
    client.post(decide, {"entry": entry.pk, "decision": "confirm"})
    assert PaperBallotEntry.objects.exists()  # not by the same person
    client.force_login(StaffFactory())
    page = client.get(reverse("voting:manage", args=[heading.round.pk])).content.decode()
    assert f"{plan.number}. {plan.title}" in page
    client.post(decide, {"entry": entry.pk, "decision": "confirm"})
    assert Ballot.objects.get().channel == Channel.PAPER
    assert not PaperBallotEntry.objects.exists()


def test_a_coordinator_makes_a_round_with_its_rules_fixed_up_front(client, coordinator):
    from tests.budgets.factories import NeighbourhoodBudgetFactory
    from voting.models import VoteRound

    budget = NeighbourhoodBudgetFactory()
    client.force_login(coordinator)
    url = reverse("voting:new")
    data = {
        "title": "Assendorp Begroot",
        "budgets": [budget.pk],
        "plans_until": "2026-03-01",
        "feasibility_until": "2026-02-01",
        "ballot_opens": "2026-04-01",
        "ballot_closes": "2026-04-15",
        "results_on": "2026-04-20",
        "ballot_rule": "knapsack",
        "min_choices": 1,
        "method": "equal_shares",
        "completion": "add_one",
        "code_unit": "household",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Zet de datums van de fases op volgorde." in response.content.decode()
    response = client.post(url, data | {"feasibility_until": "2026-03-10"})
    vote_round = VoteRound.objects.get()
    assert response.status_code == 302
    assert vote_round.headings.get().amount == int(budget.amount)
