"""Counters on long fields in a real browser: they count down as one types, say how many
characters too many without cutting anything off, tell screen readers politely after a
pause, and the server's own message follows when the text is sent too long."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.initiatives.factories import theme

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_counter_counts_and_nothing_is_cut_off(page, live_server):
    theme("groen-leefomgeving")
    page.goto("/idee-indienen/")
    counter = page.locator("#id_description-count")
    assert counter.inner_text() == "U heeft nog 5000 tekens over."
    page.fill("#id_description", "Een moestuin")
    assert counter.inner_text() == "U heeft nog 4988 tekens over."
    live = page.locator("#id_description-count-live")
    assert live.get_attribute("aria-live") == "polite"
    # After a pause in typing (no string evaluated in the page: the CSP forbids eval).
    expect(live).to_contain_text("4988", timeout=5000)

    page.fill("#id_description", "x" * 5003)
    assert counter.inner_text() == "U heeft 3 tekens te veel."
    assert "count-over" in counter.get_attribute("class")
    assert len(page.input_value("#id_description")) == 5003  # not cut off
    assert_accessible(page)

    with page.expect_navigation():
        page.click("button[data-once]")
    assert "Gebruik hoogstens 5000 tekens. U gebruikte er 5003." in page.content()
    assert len(page.input_value("#id_description")) == 5003  # kept
    assert page.locator("#id_description-count").inner_text() == "U heeft 3 tekens te veel."


def test_without_javascript_the_limit_is_said(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    theme("groen-leefomgeving")
    page.goto("/idee-indienen/")
    assert page.locator("#id_description-count").inner_text() == (
        "U kunt hoogstens 5000 tekens gebruiken."
    )
    context.close()
