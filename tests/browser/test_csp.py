"""The main pages under the Content-Security-Policy in real Chromium: nothing blocked
(every script is a file under static/js, no style="" and no injected <style>), and the
scripts that make the pages work (htmx, focus on the error summary) still run.

Every other browser test runs under the same watch (conftest.page): a violation during
a broker's htmx actions or a resident's submission fails those tests too."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from initiatives.links import private_url
from tests.browser.conftest import csp_violations, watch_console_errors
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    "/",
    "/idee-indienen/",
    "/ideeen/",
    "/wijkbudgetten/",
    "/aanbod/",
    "/mijn-idee/nieuwe-link/",
    "/accounts/login/",
    "/bestaat-niet/",
]


def _visit(page, path):
    response = page.goto(path)
    page.wait_for_load_state("load")
    assert csp_violations(page) == [], path
    return response


def test_public_pages_load_without_violations(page):
    for path in PUBLIC_PAGES:
        response = _visit(page, path)
        policy = response.headers["content-security-policy"]
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "script-src 'self'" in policy
    # htmx ran, and injected no <style> of its own.
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    assert page.locator("style").count() == 0


def test_resident_private_page_and_error_summary_focus(page):
    idea = InitiativeFactory()
    _visit(page, private_url(idea).replace(settings.SITE_URL, ""))
    _visit(page, "/idee-indienen/")
    page.locator("form [type=submit]").last.click()
    page.locator("#error-summary").wait_for()
    # static/js/site.js moved focus to the summary.
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert csp_violations(page) == []


def test_staff_pages_load_without_violations(page, broker):
    idea = InitiativeFactory()
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(broker.username)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/makelaar/mijn-dag/")  # brokers start on "Mijn dag"
    for path in ("/makelaar/", "/makelaar/netwerk/", "/makelaar/berichten/", "/cijfers/"):
        _visit(page, path)
    _visit(page, f"/makelaar/ideeen/{idea.reference}/")
    # An htmx action swaps the case body; static/js/casefile.js focuses the outcome.
    page.get_by_role("button", name="Dit idee oppakken").click()
    page.get_by_text("U bent nu de ideeënmakelaar van dit idee.").wait_for()
    assert page.evaluate("document.activeElement.id") == "case-flash" or page.evaluate(
        "document.activeElement.hasAttribute('data-outcome')"
    )
    assert csp_violations(page) == []


def test_a_staff_page_with_htmx_logs_no_console_error(page, broker):
    """htmx's own indicator <style> was refused by the policy: an error in the console of
    every page. base.html switches it off (site.css has the rules); nothing else errs
    while htmx swaps the queue's results and a case body."""
    idea = InitiativeFactory(title="Moestuin aan de dijk")
    errors = watch_console_errors(page)
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(broker.username)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/makelaar/mijn-dag/")
    page.goto("/makelaar/")
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    page.get_by_label("Zoeken op kenmerk, titel, beschrijving of naam").fill("moestuin")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_role("button", name="Toon ideeën").first.click()
    page.get_by_role("link", name="Moestuin aan de dijk").wait_for()
    page.goto(f"/makelaar/ideeen/{idea.reference}/")
    page.get_by_role("button", name="Dit idee oppakken").click()
    page.get_by_text("U bent nu de ideeënmakelaar van dit idee.").wait_for()
    assert page.locator("style").count() == 0
    assert errors == []


def test_admin_and_api_docs_load_without_violations(page):
    admin = get_user_model().objects.create_superuser(
        username="beheer@gemeente.example", email="beheer@gemeente.example", password="pw-9x!"
    )
    page.goto("/accounts/login/?next=/admin/")
    page.get_by_label("E-mailadres").fill(admin.username)
    page.get_by_label("Wachtwoord").fill("pw-9x!")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/admin/")
    for path in ("/admin/", "/admin/auth/user/", f"/admin/auth/user/{admin.pk}/change/"):
        _visit(page, path)
    _visit(page, "/api/docs/")
    page.locator(".swagger-ui").first.wait_for()
    assert csp_violations(page) == []


def test_server_error_page_styles_are_allowed_by_their_hash(page, client):
    from django.template.loader import render_to_string

    policy = client.get("/")["Content-Security-Policy"]
    page.route(
        "**/kapot/",
        lambda route: route.fulfill(
            status=500,
            body=render_to_string("500.html"),
            headers={"content-type": "text/html; charset=utf-8", "content-security-policy": policy},
        ),
    )
    _visit(page, "/kapot/")
    # The inline <style> applied: the header is the municipality's blue.
    assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == (
        "rgb(0, 82, 138)"
    )
