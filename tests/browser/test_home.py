import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_is_accessible_and_keyboard_reachable(page, broker):
    page.goto("/")
    assert page.locator("h1").inner_text() == "Heeft u een idee voor uw buurt?"
    # The first Tab reaches the skip link, which moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert_accessible(page)
