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
