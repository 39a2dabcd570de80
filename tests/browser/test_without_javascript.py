"""Without JavaScript (progressive enhancement) a form that comes back with errors still
starts at its error summary, as with JavaScript (static/js/site.js): the keyboard and a
screen reader begin with what went wrong, and its links lead to the fields."""

import pytest

from initiatives.links import private_token
from tests.initiatives.factories import InitiativeFactory, theme

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def no_js(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _focused(page) -> str:
    return page.evaluate("document.activeElement.id")


def _send(page, button):
    with page.expect_navigation():
        page.click(button)


def test_the_idea_form_starts_at_its_error_summary(no_js):
    theme("groen-leefomgeving")
    no_js.goto("/idee-indienen/")
    no_js.fill("#id_name", "Jan de Vries")
    _send(no_js, "#submission-form button[type=submit]")
    assert no_js.title().startswith("Fout:")
    assert _focused(no_js) == "error-summary"
    no_js.keyboard.press("Tab")
    assert no_js.evaluate("document.activeElement.getAttribute('href')") == "#id_title"
    no_js.keyboard.press("Enter")
    assert _focused(no_js) == "id_title"
    assert no_js.input_value("#id_name") == "Jan de Vries"
    # (No axe here: it needs the page's JavaScript; the same page with it is checked in
    # test_look.py.)


def test_add_information_on_my_idea_starts_at_its_error_summary(no_js, broker):
    initiative = InitiativeFactory(broker=broker)
    no_js.goto(f"/mijn-idee/{private_token(initiative)}/")
    _send(no_js, "form[action$='/informatie/'] button[type=submit]")
    assert _focused(no_js) == "error-summary"


def test_the_offer_form_starts_at_its_error_summary(no_js):
    no_js.goto("/aanbod/")
    _send(no_js, "main form button[type=submit]")
    assert _focused(no_js) == "error-summary"
