"""The municipality's look and the phone (issue 17), in a real browser:

- axe (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) finds nothing on every public page, in both
  shipped token sets (neutral and zwolle) and both languages;
- on a 375 x 800 phone the header takes at most 15% of the screen;
- at 320 CSS px no page scrolls sideways: every public page, and every staff page the
  URL configuration has (found from the resolver, so a new page is visited too).
"""

from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from playwright.sync_api import Error as PlaywrightError

from initiatives.links import private_token
from tests.browser.conftest import AXE_JS
from tests.budgets.factories import NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme

pytestmark = pytest.mark.django_db(transaction=True)

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
STAFF_PREFIXES = ("makelaar/", "wijkbudgetten/beheer/", "cijfers/")
# Not pages: the API, the admin (Django's own), language and sign-out forms, files.
SKIPPED_PREFIXES = ("api/", "admin/", "i18n/", "accounts/", "static/", "media/", "cases/")


def _public_pages():
    theme("groen-leefomgeving")
    idea = InitiativeFactory(
        published=True, in_progress=True, initiator=InitiatorFactory(public=True)
    )
    budget = NeighbourhoodBudgetFactory(amount=Decimal("5000"))
    return [
        "/",
        "/idee-indienen/",
        "/idee-indienen/al-ontvangen/",
        "/ideeen/",
        f"/ideeen/{idea.reference}/",
        "/aanbod/",
        "/aanbod/bedankt/",
        f"/mijn-idee/{private_token(idea)}/",
        "/mijn-idee/nieuwe-link/",
        "/mijn-idee/nieuwe-link/verstuurd/",
        "/privacy/",
        "/toegankelijkheid/",
        "/wijkbudgetten/",
        f"/wijkbudgetten/{budget.neighbourhood.code}/{budget.year}/",
        "/bestaat-niet/",
    ], idea


def _routes(resolver=None, prefix=""):
    """Every route of the URL configuration without parameters, as a path."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if "<" in route or route.startswith("^"):
            continue
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield "/" + route


def _staff_pages(idea):
    routes = sorted(
        {
            route
            for route in _routes()
            if route.lstrip("/").startswith(STAFF_PREFIXES)
            and not route.lstrip("/").startswith(SKIPPED_PREFIXES)
        }
    )
    return [
        *routes,
        f"/makelaar/ideeen/{idea.reference}/",
        f"/makelaar/ideeen/{idea.reference}/publicatie/",
        "/makelaar/nieuw-idee/",
    ]


def _axe(page) -> list[dict]:
    # Evaluated, not added as a <script>: the Content-Security-Policy forbids inline ones.
    page.evaluate(AXE_JS.read_text() + "\n;true")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("theme_name", ["neutral", "zwolle"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_axe_finds_nothing_on_public_pages(page, live_server, settings, theme_name, language):
    settings.THEME = theme_name
    pages, _idea = _public_pages()
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    found = {}
    for url in pages:
        page.goto(url)
        assert f"themes/{theme_name}.css" in page.content(), url
        violations = _axe(page)
        if violations:
            found[url] = violations
    assert found == {}, found


def test_the_zwolle_tokens_reach_the_components(page, live_server, settings):
    settings.THEME = "zwolle"
    page.goto("/")
    header = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert header == "rgb(163, 0, 27)"
    settings.THEME = "neutral"
    page.goto("/")
    header = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert header == "rgb(0, 82, 138)"


@pytest.mark.parametrize("theme_name", ["neutral", "zwolle"])
def test_phone_header_is_at_most_15_percent(page, live_server, settings, broker, theme_name):
    settings.THEME = theme_name
    page.set_viewport_size({"width": 375, "height": 800})
    pages, idea = _public_pages()
    for url in pages:
        page.goto(url)
        height = page.evaluate(
            "document.querySelector('.site-header').getBoundingClientRect().height"
        )
        assert height <= 120, (url, height)


def test_radios_checkboxes_and_menu_links_are_big_enough(page, live_server):
    theme("groen-leefomgeving")
    page.goto("/idee-indienen/")
    sizes = page.evaluate(
        """() => [...document.querySelectorAll(
            '.choice input, .nav-list a, .footer-links a, button'
        )].filter(e => e.offsetParent).map(e => {
            const r = e.getBoundingClientRect();
            return [e.outerHTML.slice(0, 60), r.width, r.height];
        })"""
    )
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    assert small == []


def _sign_in(page, client, user, live_server):
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_no_page_scrolls_sideways_at_320(page, live_server, client, coordinator):
    page.set_viewport_size({"width": 320, "height": 640})
    pages, idea = _public_pages()
    wide = {}
    for url in pages:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[url] = width
    _sign_in(page, client, coordinator, live_server)
    visited = 0
    for url in _staff_pages(idea):
        try:
            response = page.goto(url)
        except PlaywrightError:  # a POST-only action (405 without a body), not a page
            continue
        if response is None or response.status >= 400:
            continue
        visited += 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[url] = width
    assert visited >= 8, visited
    assert wide == {}, wide
