"""Staff sign-in through a real OpenID Connect provider (tests/accounts/conftest.py:
django-oidc-provider in its own process). A `requests` session is the browser: it
follows the provider's real redirects and fills in its real sign-in form."""

import re
from html import unescape
from urllib.parse import urljoin

import pytest
import requests
from django.contrib.auth import get_user_model

from accounts.roles import Role, is_broker, is_coordinator

pytestmark = pytest.mark.django_db(transaction=True)

BROKERS, COORDINATORS = "ideeenmakelaar-makelaars", "ideeenmakelaar-coordinatoren"


def _field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}"\s+value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)"\s+name="{name}"', html
    )
    return unescape(match.group(1)) if match else ""


def _sign_in(browser: requests.Session, live_server, username: str) -> requests.Response:
    """From a staff page through the sign-in page's button to the provider's form."""
    page = browser.get(f"{live_server.url}/makelaar/", timeout=10)
    assert "/accounts/login/" in page.url
    button = re.search(r'href="(/accounts/oidc/start/[^"]*)"', page.text)
    assert button, "the sign-in page offers the municipality's provider"
    form = browser.get(urljoin(page.url, unescape(button.group(1))), timeout=10)
    assert "Municipality sign-in (test provider)" in form.text
    return browser.post(
        form.url,
        data={
            "csrfmiddlewaretoken": _field(form.text, "csrfmiddlewaretoken"),
            "username": username,
            "password": "provider-password-1",
            "next": _field(form.text, "next"),
        },
        headers={"Referer": form.url},
        timeout=10,
    )


def _signed_out_of_provider(browser: requests.Session, live_server) -> bool:
    """Starting a new sign-in shows the provider's form again (no session there)."""
    answer = browser.get(f"{live_server.url}/accounts/oidc/start/", timeout=10)
    return "Municipality sign-in (test provider)" in answer.text


def _csrf_post(browser: requests.Session, live_server, path: str) -> requests.Response:
    token = browser.cookies.get("csrftoken", domain=None) or ""
    return browser.post(
        f"{live_server.url}{path}",
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": f"{live_server.url}/"},
        timeout=10,
    )


def test_first_sign_in_makes_the_account_with_its_role_and_sign_out_ends_both(sso, live_server):
    sso.person(
        "anna",
        groups=[BROKERS],
        password="provider-password-1",
        email="anna.bakker@gemeente.example",
        name="Anna Bakker",
    )
    browser = requests.Session()
    landed = _sign_in(browser, live_server, "anna")

    assert landed.status_code == 200
    assert landed.url == f"{live_server.url}/makelaar/"  # where they were going
    user = get_user_model().objects.get(email="anna.bakker@gemeente.example")
    assert user.username.startswith("oidc:")
    assert not user.has_usable_password()
    assert is_broker(user) and not is_coordinator(user)
    assert user.broker_profile.display_name == "Anna Bakker"

    out = _csrf_post(browser, live_server, "/accounts/logout/")
    assert out.url == f"{live_server.url}/"  # back home through the provider's end_session
    assert "/openid/end-session" in " ".join(r.headers.get("Location", "") for r in out.history)
    assert "/accounts/login/" in browser.get(f"{live_server.url}/makelaar/", timeout=10).url
    assert _signed_out_of_provider(browser, live_server)


def test_group_changes_at_the_provider_count_from_the_next_request(sso, live_server):
    sso.person(
        "bram", groups=[BROKERS], password="provider-password-1", email="bram@gemeente.example"
    )
    browser = requests.Session()
    assert _sign_in(browser, live_server, "bram").url == f"{live_server.url}/makelaar/"

    sso.person("bram", groups=[COORDINATORS, "unrelated"])
    assert browser.get(f"{live_server.url}/makelaar/", timeout=10).status_code == 200
    user = get_user_model().objects.get(email="bram@gemeente.example")
    assert set(user.groups.values_list("name", flat=True)) == {Role.COORDINATOR}

    sso.person("bram", groups=["unrelated"])
    answer = browser.get(f"{live_server.url}/makelaar/", timeout=10)
    assert "/accounts/login/" in answer.url  # the session ended before the view
    user.refresh_from_db()
    assert not user.groups.exists() and not user.is_staff

    # Signing in again while the provider still has no role for them is refused.
    refused = browser.get(f"{live_server.url}/accounts/oidc/start/", timeout=10)
    assert refused.url.endswith("/accounts/login/?sso=geweigerd")
    assert "geeft geen toegang" in refused.text


def test_someone_without_a_qualifying_group_gets_no_account(sso, live_server):
    sso.person(
        "cor", groups=["unrelated"], password="provider-password-1", email="cor@gemeente.example"
    )
    refused = _sign_in(requests.Session(), live_server, "cor")
    assert refused.url.endswith("/accounts/login/?sso=geweigerd")
    assert not get_user_model().objects.filter(email="cor@gemeente.example").exists()


def test_an_administrator_group_makes_a_superuser(sso, live_server):
    sso.person(
        "dirk",
        groups=["ideeenmakelaar-beheer"],
        password="provider-password-1",
        email="dirk@gemeente.example",
    )
    browser = requests.Session()
    _sign_in(browser, live_server, "dirk")
    user = get_user_model().objects.get(email="dirk@gemeente.example")
    assert user.is_superuser and user.is_staff
    assert browser.get(f"{live_server.url}/admin/", timeout=10).url == f"{live_server.url}/admin/"
    # The admin's own sign-out ends the provider's session too.
    assert _csrf_post(browser, live_server, "/admin/logout/").url == f"{live_server.url}/"
    assert _signed_out_of_provider(browser, live_server)
