"""Staff sign-in through the municipality's provider in real Chromium (the provider:
tests/accounts/oidc_fixtures.py): the sign-in page with both ways in and the refusal
message pass axe, and the way through works with the keyboard."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

PASSWORD = "provider-password-1"


def _through_the_provider(page, sso, username: str):
    page.goto("/accounts/login/?next=/makelaar/")
    assert_accessible(page)
    page.get_by_role("link", name="Inloggen met uw gemeente-account").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"^{re.escape(sso.url)}/login/"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")


def test_a_broker_signs_in_and_out_through_the_provider(page, sso, live_server):
    sso.person(
        "els",
        groups=["ideeenmakelaar-makelaars"],
        password=PASSWORD,
        email="els.visser@gemeente.example",
        name="Els Visser",
    )
    _through_the_provider(page, sso, "els")
    page.wait_for_url(f"{live_server.url}/makelaar/")
    expect(page.get_by_role("button", name="Afmelden")).to_be_visible()

    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_url(f"{live_server.url}/")
    # Both sessions ended: a new sign-in asks for the password at the provider again.
    page.goto("/accounts/oidc/start/")
    page.wait_for_url(re.compile(rf"^{re.escape(sso.url)}/login/"))


def test_someone_without_a_role_is_told_so_on_an_accessible_page(page, sso, live_server):
    sso.person("fien", groups=["unrelated"], password=PASSWORD, email="fien@gemeente.example")
    _through_the_provider(page, sso, "fien")
    page.wait_for_url(f"{live_server.url}/accounts/login/?sso=geweigerd")
    expect(page.get_by_role("alert")).to_contain_text("geeft geen toegang")
    assert_accessible(page)
