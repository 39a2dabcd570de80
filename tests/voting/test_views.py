import csv
import io
import json
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from voting.constants import RoundStatus
from voting.models import Ballot, VoterCode
from voting.services import round_advance

from .factories import BallotFactory, VoterCodeFactory

pytestmark = pytest.mark.django_db


def _url(heading):
    return reverse("voting:ballot", args=[heading.round.public_id, heading.pk])


def test_the_ballot_page_shows_plans_money_and_works_without_javascript(client, heading):
    response = client.get(_url(heading))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="plans"' in page and 'data-cost="6000"' in page
    assert "js/ballot.js" in page and "<script>" not in page.split("<main")[1].split("</main>")[0]
    code = VoterCodeFactory(heading=heading)
    plan = heading.plans.first()
    response = client.post(_url(heading), {"code": code.plain, "plans": [plan.pk]})
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert "Uw stem is ontvangen" in thanks.content.decode()
    assert Ballot.objects.get().plans == [plan.pk]


def test_reloading_the_thanks_page_sends_nothing_again_and_a_forged_receipt_gets_the_ballot(
    client, heading
):
    code = VoterCodeFactory(heading=heading)
    response = client.post(_url(heading), {"code": code.plain, "plans": [heading.plans.first().pk]})
    thanks_url = response["Location"]
    assert code.plain not in thanks_url
    for _ in range(2):  # a reload: the same thanks, no second ballot, no refusal
        again = client.get(thanks_url)
        assert again.status_code == 200 and "Uw stem is ontvangen" in again.content.decode()
        assert "Naar een leeg stembiljet" in again.content.decode()
    assert Ballot.objects.count() == 1
    received = reverse("voting:ballot-received", args=[heading.round.public_id, heading.pk])
    for forged in ("", "?ontvangst=1", f"?ontvangst={thanks_url.split('=')[-1]}x"):
        answer = client.get(received + forged)
        assert answer.status_code == 302 and answer["Location"] == _url(heading)


def test_a_wrong_code_gets_the_neutral_message_and_keeps_the_choices(client, heading):
    plan = heading.plans.first()
    response = client.post(_url(heading), {"code": "KD7M-2QXR-9HTA", "plans": [plan.pk]})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Met deze code kunt u niet stemmen" in page
    assert 'value="KD7M-2QXR-9HTA"' in page
    assert f'value="{plan.pk}" id="id_plans_0" data-cost="6000" checked' in page


def test_a_ballot_with_an_error_says_so_in_the_page_title(client, heading):
    """As every other resident form does ("Fout: ..."): the title is the first thing a
    screen reader reads of the page that comes back."""
    title = f"Stemmen: {heading.round.title} – {heading.budget.neighbourhood.name}"
    page = client.get(_url(heading)).content.decode()
    assert f"<title>{title} – " in page
    page = client.post(_url(heading), {"code": ""}).content.decode()
    assert f"<title>Fout: {title} – " in page


def test_the_same_ballot_page_sent_twice_gets_the_thanks_not_a_refusal(client, heading):
    """A double click, or a second press while the answer is slow, sends the ballot twice:
    the first was cast, the second found its code used and said "Met deze code kunt u
    niet stemmen", which reads as a lost vote."""
    code = VoterCodeFactory(heading=heading)
    page = client.get(_url(heading)).content.decode()
    key = re.search(r'name="page_key" value="([0-9a-f]{32})"', page).group(1)
    data = {"code": code.plain, "plans": [heading.plans.first().pk], "page_key": key}
    first = client.post(_url(heading), data)
    second = client.post(_url(heading), data)
    assert first.status_code == second.status_code == 302
    assert "ontvangst=" in second["Location"]
    assert Ballot.objects.count() == 1
    # Another page with that code, or that page with another code: the neutral refusal.
    assert client.post(_url(heading), data | {"page_key": "0" * 32}).status_code == 400
    assert client.post(_url(heading), data | {"code": "KD7M-2QXR-9HTA"}).status_code == 400


def test_a_ballot_breaking_the_rules_says_what_to_change(client, heading):
    code = VoterCodeFactory(heading=heading)
    response = client.post(_url(heading), {"code": code.plain})
    assert response.status_code == 400
    assert "Kies minstens 1 plan" in response.content.decode()
    assert not Ballot.objects.exists()


def test_wrong_codes_are_limited_per_address(client, heading, settings):
    settings.VOTING_CODE_TRIES_PER_HOUR = 3
    plan = heading.plans.first()
    for n in range(3):
        client.post(_url(heading), {"code": f"KD7M-2QXR-9HT{'ABC'[n]}", "plans": [plan.pk]})
    good = VoterCodeFactory(heading=heading)
    response = client.post(_url(heading), {"code": good.plain, "plans": [plan.pk]})
    assert response.status_code == 429
    assert "Met deze code kunt u niet stemmen" in response.content.decode()
    assert not Ballot.objects.exists()


def test_wrong_codes_are_limited_per_code_prefix_from_many_addresses(client, heading, settings):
    settings.VOTING_CODE_TRIES_PER_HOUR = 2
    plan = heading.plans.first()
    for n in range(2):
        client.post(
            _url(heading),
            {"code": f"KD7M-2QXR-9HT{'AB'[n]}", "plans": [plan.pk]},
            REMOTE_ADDR=f"10.0.0.{n + 1}",
        )
    response = client.post(
        _url(heading), {"code": "KD7M-2QXR-9HTC", "plans": [plan.pk]}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429


def test_the_results_page_shows_winners_votes_money_method_and_turnout(
    client, heading, coordinator, django_assert_max_num_queries
):
    one, two, three = heading.plans.order_by("number")
    for plans, channel in (
        ([one.pk], "online"),
        ([one.pk, two.pk], "paper"),
        ([three.pk], "online"),
    ):
        BallotFactory(heading=heading, plans=plans, channel=channel)
    VoterCodeFactory.create_batch(4, heading=heading)
    vote_round = heading.round
    round_advance(actor=coordinator, vote_round=vote_round, to=RoundStatus.COUNTING)
    round_advance(actor=coordinator, vote_round=vote_round, to=RoundStatus.PUBLISHED)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("voting:round", args=[vote_round.public_id]))
    page = response.content.decode()
    assert "Het plan met de meeste stemmen krijgt als eerste geld" in page
    assert "het goedkoopste plan voor" in page
    assert "Stemmen op papier" in page and "75,0%" in page
    download = client.get(reverse("voting:pabulib", args=[vote_round.public_id, heading.pk]))
    assert download.status_code == 200 and "VOTES" in download.content.decode()


def test_a_round_still_taking_plans_is_not_public(client, heading):
    heading.round.status = RoundStatus.PLANS_IN
    heading.round.save()
    assert client.get(reverse("voting:round", args=[heading.round.public_id])).status_code == 404
    assert client.get(_url(heading)).status_code == 404


def test_turnout_and_winners_are_in_the_yearly_figures(client, heading, coordinator):
    one = heading.plans.order_by("number").first()
    BallotFactory(heading=heading, plans=[one.pk], channel="paper")
    VoterCodeFactory.create_batch(2, heading=heading)
    vote_round = heading.round
    round_advance(actor=coordinator, vote_round=vote_round, to=RoundStatus.COUNTING)
    round_advance(actor=coordinator, vote_round=vote_round, to=RoundStatus.PUBLISHED)
    year = vote_round.ballot_closes.year
    client.force_login(coordinator)
    page = client.get(reverse("figures:year", args=[year])).content.decode()
    assert "Stemmen over het wijkbudget" in page and "50,0%" in page
    data = client.get(reverse("figures:download", args=[year, "json"])).json()
    (row,) = data["votes"]["rounds"]
    assert (row["ballots_paper"], row["codes"], row["plans_funded"]) == (1, 2, 1)
    (winner,) = data["votes"]["winners"]
    assert (winner["number"], winner["votes"], winner["funded_rank"]) == (one.number, 1, 1)
    # The CSV (both dialects) and the workbook carry turnout, channels and winners.
    key = f"{vote_round.pk}.{heading.budget.neighbourhood.code}"
    url = reverse("figures:download", args=[year, "csv"])
    machine = list(
        csv.reader(io.StringIO(client.get(url + "?dialect=machine").content.decode("utf-8-sig")))
    )
    by_key = {(r[1], r[2]): r[4] for r in machine[1:]}
    assert by_key[("votes", f"{key}.turnout_percent")] == "50.0"
    assert by_key[("votes", f"{key}.ballots_paper")] == "1"
    assert by_key[("votes", f"{key}.ballots_online")] == "0"
    assert by_key[("vote_winners", f"{key}.{one.number}.cost")] == str(one.cost)
    dutch = client.get(url).content.decode("utf-8-sig")
    assert "Opkomst (%);50;" in dutch and "Stemmen op papier;1;" in dutch
    sheets = load_workbook(
        io.BytesIO(client.get(reverse("figures:download", args=[year, "xlsx"])).content)
    )
    assert {"Stemmen over wijkbudgetten", "Gekozen plannen"} <= set(sheets.sheetnames)
    # Nothing that leads to a voter: no code, no address digest, no ballot id.
    code = VoterCode.objects.filter(heading=heading).first()
    for body in (json.dumps(data), dutch):
        assert code.digest not in body and code.address_digest not in body


def test_an_approval_ballot_counts_the_plans_and_a_knapsack_one_the_money(client, heading):
    page = client.get(_url(heading)).content.decode()
    assert "Aantal gekozen plannen: 0." in page
    heading.round.ballot_rule = "knapsack"
    heading.round.save()
    page = client.get(_url(heading)).content.decode()
    assert "Nog over: €\xa010.000." in page
