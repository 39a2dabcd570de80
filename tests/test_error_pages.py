"""Error pages speak Dutch (B1), say what happened and what to do, and give the phone
number, instead of Django's English defaults. Django only shows them with DEBUG off."""

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client

from tests.initiatives.factories import theme

pytestmark = pytest.mark.django_db

PHONE = "038 498 99 99"


@pytest.fixture(autouse=True)
def _production_like(settings):
    settings.DEBUG = False
    settings.MUNICIPALITY_PHONE = PHONE


def _page(response, status):
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="nl">' in html
    # The number is a tel: link (one tap on a phone).
    assert f'Bel <a href="tel:0384989999">{PHONE}</a> en vraag naar de ideeënmakelaar.' in html
    return html


def test_page_not_found(client):
    html = _page(client.get("/bestaat-niet/"), 404)
    assert "<h1>Pagina niet gevonden</h1>" in html
    assert "Not Found" not in html
    assert 'href="/mijn-idee/nieuwe-link/"' in html  # a private link that no longer works
    assert 'class="site-header"' in html  # the site's layout


def test_api_addresses_that_match_no_endpoint_are_a_json_404(client):
    # A year that is not a number never reaches the figures endpoint: Django's 404.
    for url in ("/api/v1/figures/-1/", "/api/v1/bestaat-niet/", "/api/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Niet gevonden."}


def test_private_link_that_no_longer_works_gets_the_dutch_page(client):
    html = _page(client.get("/mijn-idee/geen-geldige-link/"), 404)
    assert "Pagina niet gevonden" in html


def test_permission_denied(client, civil_servant):
    client.force_login(civil_servant)
    html = _page(client.get("/makelaar/nieuw-idee/"), 403)
    assert "<h1>U heeft geen toegang tot deze pagina</h1>" in html
    assert "Vraag dan uw coördinator om toegang." in html
    assert "403 Forbidden" not in html
    # What they may use instead, by their role: the figures, not the brokers' work.
    assert '<a href="/cijfers/">Ga naar de cijfers.</a>' in html
    assert "Mijn dag" not in html


def test_permission_denied_offers_a_broker_their_own_work(client, broker):
    client.force_login(broker)
    html = _page(client.get("/makelaar/overzicht/"), 403)
    assert 'href="/makelaar/mijn-dag/">Ga naar Mijn dag' in html
    assert 'href="/cijfers/"' not in html


def test_csrf_failure_explains_that_nothing_was_sent(db):
    theme("ontmoeting")
    client = Client(enforce_csrf_checks=True)
    html = _page(client.post("/idee-indienen/", {"title": "Straatfeest"}), 403)
    assert "<h1>Uw formulier is niet verstuurd</h1>" in html
    assert "Er is niets verstuurd." in html
    assert "de pagina lang open stond, of als cookies uit staan" in html
    assert "Laad de pagina opnieuw." in html
    assert "CSRF verification failed" not in html


@pytest.mark.parametrize(
    ("path", "host"),
    [("/", "niet-onze-site.example"), ("/ideeen/%00/", "localhost")],
    ids=["unknown host", "NUL byte"],
)
def test_bad_request(client, path, host):
    html = _page(client.get(path, HTTP_HOST=host), 400)
    assert "<h1>Er ging iets mis</h1>" in html
    assert "Bad Request" not in html


def test_server_error_page_without_request_or_context(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    # Django renders 500.html with an empty context and no request: no context
    # processors, so the phone number comes from the template itself.
    monkeypatch.setattr("initiatives.views.public.render", broken)
    client = Client(raise_request_exception=False)
    html = _page(client.get("/"), 500)
    assert "<h1>Er ging iets mis</h1>" in html
    assert "Dit ligt niet aan u." in html
    assert f"<title>Er ging iets mis – {settings.MUNICIPALITY_NAME}</title>" in html
    assert "Server Error" not in html


def test_server_error_page_renders_from_nothing():
    html = render_to_string("500.html")
    assert '<html lang="nl">' in html
    assert f">{PHONE}</a> en" in html


def test_error_pages_follow_the_chosen_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert 'class="site-header"' in html
