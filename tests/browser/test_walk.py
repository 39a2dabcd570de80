"""Found by walking the platform as its users would (issues 16 and 19): what a broker,
coordinator or resident stumbled over, kept fixed in a real browser."""

import pytest
from django.utils import timezone

from accounts.roles import Role
from brokers.models import SavedView
from initiatives.models import Initiative
from tests.accounts.factories import StaffFactory
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, user, next_url=""):
    page.goto("/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("E-mailadres").fill(user.username)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()


def _search_in_place(page, term):
    """The queue's search swaps the results in place (htmx): no page load."""
    page.get_by_label("Zoeken op kenmerk, titel, beschrijving of naam").fill(term)
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_role("button", name="Toon ideeën").first.click()
    page.wait_for_url("**/makelaar/?*")


def test_a_view_saved_after_filtering_in_place_keeps_its_filters(page, broker):
    InitiativeFactory.create_batch(2, broker=broker, title="Repair café")
    InitiativeFactory(title="Bankje")
    _sign_in(page, broker, "/makelaar/")
    page.wait_for_url("**/makelaar/")
    page.get_by_text("Filters en sorteren").click()
    page.get_by_label("Alleen mijn ideeën").check()
    _search_in_place(page, "")
    assert page.locator("#queue-results tbody tr").count() == 2

    page.get_by_text("Deze filters bewaren", exact=True).click()  # folded away
    page.get_by_label("Deze filters bewaren als").fill("Mijn repair")
    page.get_by_role("button", name="Weergave bewaren").click()
    page.get_by_text("Weergave ‘Mijn repair’ bewaard.").wait_for()
    # Before: the form outside the swapped results saved the bare queue (all open cases).
    assert "mine=true" in SavedView.objects.get().query
    assert page.locator("#queue-results tbody tr").count() == 2


def test_bulk_assign_after_filtering_in_place_acts_on_that_view_and_keeps_it(page, coordinator):
    InitiativeFactory.create_batch(51, title="Zwerfvuil")
    InitiativeFactory.create_batch(3, title="Anders")
    colleague = StaffFactory(role=Role.BROKER, display_name="Anna de Vries")
    _sign_in(page, coordinator, "/makelaar/")
    page.wait_for_url("**/makelaar/")
    page.get_by_text("Filters en sorteren").click()
    page.get_by_label("Nog zonder makelaar").check()
    _search_in_place(page, "Zwerfvuil")

    page.get_by_label("Alle 51 ideeën in deze weergave (niet alleen deze pagina)").check()
    page.get_by_label("Toewijzen aan").select_option(label="Anna de Vries")
    page.get_by_role("button", name="Toewijzen", exact=True).click()
    page.get_by_text("51 ideeën toegewezen aan Anna de Vries.").wait_for()
    # Before: "all in this view" took the bare queue and assigned the other three too.
    assert Initiative.objects.filter(broker=colleague).count() == 51
    assert Initiative.objects.filter(title="Anders", broker=None).count() == 3
    assert "unassigned=true" in page.url  # the view is kept


def test_inserting_a_standard_text_puts_focus_in_the_message(page, broker):
    from tests.brokers.factories import StandardTextFactory

    StandardTextFactory(name="Geprobeerd", body="U heeft '{titel}' geprobeerd.")
    case = InitiativeFactory(in_conversation=True, broker=broker, title="Zomerbioscoop")
    page.goto(f"/accounts/login/?next=/makelaar/ideeen/{case.reference}/")
    page.get_by_label("E-mailadres").fill(broker.username)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"**/makelaar/ideeen/{case.reference}/")
    form = page.locator("#transition-form")
    form.get_by_label("Nieuwe status").select_option(
        label="Geprobeerd, maar er was geen vraag naar"
    )
    form.get_by_label("Standaardtekst").select_option(label="Geprobeerd")
    with page.expect_response(lambda r: r.request.method == "POST"):
        form.get_by_role("button", name="Tekst invoegen").click()
    message = page.locator("#id_transition-outcome_message")
    message.wait_for()
    assert "U heeft 'Zomerbioscoop' geprobeerd." in message.input_value()
    # Before: focus fell back to the page's start after the swap; the broker goes on here.
    page.wait_for_function("() => document.activeElement.id === 'id_transition-outcome_message'")


def test_paper_ballot_ticked_by_one_and_confirmed_by_another(page, coordinator, broker):
    from tests.voting.factories import HeadingFactory, PlanFactory, VoterCodeFactory
    from voting.constants import CodeStatus
    from voting.models import Ballot

    heading = HeadingFactory(round__ballot_open=True, amount=5000)
    PlanFactory(heading=heading, number=1, cost=2000, feasible=True, title="Repair café")
    PlanFactory(heading=heading, number=2, cost=1000, feasible=True, title="Bankjes")
    code = VoterCodeFactory(heading=heading)
    manage = f"/makelaar/stemmen/{heading.round.pk}/"
    _sign_in(page, coordinator, manage)
    page.wait_for_url(f"**{manage}")
    paper = page.locator("form:has(button:has-text('Biljet invoeren'))")
    paper.get_by_label("Stemcode op het papieren biljet").fill(code.plain)
    # Before: "Kies plannen" had no checkboxes at all (the widget lost its choices).
    paper.get_by_label("Repair café").check()
    paper.get_by_role("button", name="Biljet invoeren").click()
    page.get_by_text("Repair café – ingevoerd door").wait_for()
    # The one who entered it cannot confirm it.
    assert page.get_by_role("button", name="Klopt met het papier").count() == 0

    page.context.clear_cookies()
    _sign_in(page, broker, manage)
    page.wait_for_url(f"**{manage}")
    page.get_by_role("button", name="Klopt met het papier").click()
    page.get_by_text("Niets te controleren.").wait_for()
    code.refresh_from_db()
    assert code.status == CodeStatus.USED
    assert Ballot.objects.get().plans == [code.heading.plans.get(number=1).pk]


def widest_queue_rows(broker, **fields):
    """Three of the demo's widest queue rows for this broker: a long theme and
    neighbourhood, a waiting badge and an overdue badge (and what `fields` add)."""
    from tests.initiatives.factories import theme
    from tests.neighbourhoods.factories import NeighbourhoodFactory

    hood = NeighbourhoodFactory(name="Kamperpoort-Veerallee")
    overdue = timezone.localdate() - timezone.timedelta(days=20)
    for n in range(3):
        InitiativeFactory(
            broker=broker,
            waiting=True,
            theme=theme("evenementen-toerisme"),
            neighbourhood=hood,
            first_contact_due=overdue,
            title=f"Voetbaltoernooi voor jongeren uit de hele wijk {n}",
            **fields,
        )


def test_the_queue_fits_one_line_per_case_at_1280_px(page, broker):
    # The widest values of the demo, and a long broker name. Before: the table was
    # 1,618 px wide at 1,280 px.
    broker.broker_profile.display_name = "Youssef El Amrani-Bakker"
    broker.broker_profile.save()
    widest_queue_rows(broker)
    page.set_viewport_size({"width": 1280, "height": 800})
    _sign_in(page, broker, "/makelaar/")
    page.wait_for_url("**/makelaar/")
    region = page.locator("#queue-results .table-scroll")
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth + 1"), region.evaluate(
        "el => [el.scrollWidth, el.clientWidth]"
    )
    heights = page.locator("#queue-results tbody tr").evaluate_all(
        "rows => rows.map(r => r.getBoundingClientRect().height)"
    )
    assert max(heights) < 40  # one line each


def test_slash_goes_to_the_queue_search_but_not_while_typing(page, broker):
    InitiativeFactory(broker=broker, title="Bankje")
    _sign_in(page, broker, "/makelaar/")
    page.wait_for_url("**/makelaar/")
    page.get_by_text("Sneltoets: /").wait_for()
    page.keyboard.press("/")  # before: nothing happened on the queue
    assert page.evaluate("document.activeElement.id") == "id_q"
    page.keyboard.type("a/b")  # typing in the field: a slash is a slash
    assert page.locator("#id_q").input_value() == "a/b"
