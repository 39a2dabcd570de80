"""The queue's URL says which search and filters a page shows (walk finding, issue 16):
after a search, a case and Back twice the page showed every case with an empty search
box while the session still held the search, and a column header brought it back."""

import pytest

from tests.browser.conftest import assert_accessible
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, user, next_url=""):
    page.goto("/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("E-mailadres").fill(user.username)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()


def _state(page):
    return {
        "count": page.locator(".result-count").inner_text().split(" ")[0],
        "search": page.locator("#id_q").input_value(),
        "chip": page.locator("a.chip[data-chip=q]").count(),
    }


def test_back_after_a_search_shows_what_the_url_says(page, broker):
    InitiativeFactory.create_batch(2, broker=broker, title="Zwerfvuil opruimen")
    InitiativeFactory.create_batch(3, broker=broker, title="Bankje")
    _sign_in(page, broker, "/makelaar/")
    page.wait_for_url("**/makelaar/")
    page.get_by_label("Zoeken op kenmerk, titel, beschrijving of naam").fill("zwerfvuil")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_role("button", name="Toon ideeën").first.click()
    page.wait_for_url("**/makelaar/?*search_id=*")
    searched = page.url
    assert "zwerfvuil" not in searched and "theme=" not in searched
    assert _state(page) == {"count": "2", "search": "zwerfvuil", "chip": 1}

    page.locator("#queue-results tbody a").first.click()
    page.wait_for_url("**/makelaar/ideeen/**")
    page.go_back()
    page.wait_for_url(searched)
    page.locator("a.chip[data-chip=q]").wait_for()
    assert _state(page) == {"count": "2", "search": "zwerfvuil", "chip": 1}

    page.go_back()
    page.wait_for_url("**/makelaar/")
    page.wait_for_function("() => !document.querySelector('a.chip[data-chip=q]')")
    page.locator(".result-count").wait_for()
    assert _state(page) == {"count": "5", "search": "", "chip": 0}
    # A column header keeps what the page shows: no search comes back.
    page.get_by_role("link", name="Ingediend").click()
    page.wait_for_url("**/makelaar/?sort=newest")
    assert _state(page) == {"count": "5", "search": "", "chip": 0}
    page.go_forward()
    assert_accessible(page)


def test_the_title_is_the_widest_column_and_rows_start_high(page, broker):
    """Walk finding (issue 16): at 1,280 px the title column was 208 px (status 238) and
    only three or four rows fitted above the fold; at 1,024 px the page scrolled sideways."""
    from django.utils import timezone

    broker.broker_profile.display_name = "Youssef El Amrani-Bakker"
    broker.broker_profile.save()
    since = timezone.localdate() - timezone.timedelta(days=9)
    for n in range(12):
        InitiativeFactory(
            broker=broker,
            waiting=n % 2 == 0,
            title=f"Voetbaltoernooi voor jongeren uit de wijk {n}",
            first_contact_due=since,
        )
    page.set_viewport_size({"width": 1280, "height": 800})
    _sign_in(page, broker, "/makelaar/")
    page.wait_for_url("**/makelaar/")
    widths = page.locator("table.queue thead th").evaluate_all(
        "ths => ths.map(th => th.getBoundingClientRect().width)"
    )
    assert widths[2] == max(widths), widths  # Idee
    assert widths[2] >= 280, widths
    titles = page.locator("td.title").evaluate_all(
        "tds => tds.filter(td => td.scrollWidth > td.clientWidth + 1).length"
    )
    assert titles == 0
    above_fold = page.locator("table.queue tbody tr").evaluate_all(
        "rows => rows.filter(r => r.getBoundingClientRect().bottom <= innerHeight).length"
    )
    assert above_fold >= 6, above_fold
    # The saved-view form is folded away and opens without script (details).
    assert not page.get_by_label("Deze filters bewaren als").is_visible()
    page.get_by_text("Deze filters bewaren", exact=True).click()
    assert page.get_by_label("Deze filters bewaren als").is_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 1024, "height": 768})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
