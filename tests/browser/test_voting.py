import pytest

from tests.browser.conftest import assert_accessible
from tests.voting.factories import BallotFactory, HeadingFactory, PlanFactory, VoterCodeFactory
from voting.constants import RoundStatus
from voting.models import Ballot
from voting.services import round_advance

pytestmark = pytest.mark.django_db(transaction=True)


def _heading():
    heading = HeadingFactory(round__ballot_open=True, round__knapsack=True, amount=10000)
    for number, cost in ((1, 6000), (2, 3000), (3, 2000)):
        PlanFactory(
            heading=heading, number=number, cost=cost, feasible=True, title=f"Plan {number}"
        )
    return heading


def test_a_resident_casts_a_ballot_with_the_keyboard_only(page):
    heading = _heading()
    code = VoterCodeFactory(heading=heading)
    page.goto(f"/stemmen/{heading.round.public_id}/wijk/{heading.pk}/")
    assert_accessible(page)
    page.get_by_label("Uw stemcode").focus()
    page.keyboard.type(code.plain.lower())
    page.keyboard.press("Tab")  # to the first plan
    page.keyboard.press("Space")
    money = page.locator("#money-left")

    def said():
        return money.inner_text().replace("\xa0", " ")

    assert said() == "Gekozen: € 6.000. Nog over: € 4.000."
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # € 9,000 chosen
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # € 11,000: over the budget
    assert "€ 1.000 te veel" in said()
    page.keyboard.press("Space")  # untick the last one again
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the submit button
    page.get_by_text("Uw stem is ontvangen").first.wait_for()
    assert_accessible(page)
    ballot = Ballot.objects.get()
    assert len(ballot.plans) == 2


def test_a_ballot_over_the_budget_comes_back_with_what_to_change(page):
    heading = _heading()
    code = VoterCodeFactory(heading=heading)
    page.goto(f"/stemmen/{heading.round.public_id}/wijk/{heading.pk}/")
    page.get_by_label("Uw stemcode").fill(code.plain)
    for name in ("1. Plan 1", "2. Plan 2", "3. Plan 3"):
        page.get_by_label(name).check()
    page.get_by_role("button", name="Stem uitbrengen").click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert "Haal een of meer plannen weg" in summary.inner_text()
    assert page.get_by_label("3. Plan 3").is_checked()
    assert_accessible(page)
    assert not Ballot.objects.exists()


def test_the_results_page_is_accessible(page, coordinator):
    heading = _heading()
    one, two, three = heading.plans.order_by("number")
    BallotFactory(heading=heading, plans=[one.pk])
    BallotFactory(heading=heading, plans=[two.pk, three.pk], channel="paper")
    round_advance(actor=coordinator, vote_round=heading.round, to=RoundStatus.COUNTING)
    round_advance(actor=coordinator, vote_round=heading.round, to=RoundStatus.PUBLISHED)
    page.goto(f"/stemmen/{heading.round.public_id}/")
    page.get_by_role("heading", name="De uitslag").wait_for()
    assert_accessible(page)
