"""A database outage answers 503 with Retry-After, never a 500: JSON under /api/, the
Dutch error page in the site's layout for people, and /healthz says which check failed.

The database is really unreachable here: the test connection is pointed at a closed port."""

import socket

import pytest
from django.db import connection
from django.test import Client

from tests.initiatives.factories import theme
from tests.initiatives.payloads import submission_data

# The connection is closed and reopened elsewhere: no test transaction to wrap it in.
pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "038 498 99 99"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def take_database_away(settings):
    settings.MUNICIPALITY_PHONE = PHONE
    settings_dict = connection.settings_dict
    saved = {key: settings_dict[key] for key in ("HOST", "PORT")}

    def away():
        connection.close()
        settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))

    yield away
    connection.close()
    settings_dict.update(saved)


@pytest.fixture
def database_unreachable(take_database_away):
    take_database_away()


@pytest.fixture
def client():
    # Django's test client re-raises what a view raised; a visitor gets the answer.
    return Client(raise_request_exception=False)


def test_a_page_answers_503_with_the_dutch_page(database_unreachable, client):
    response = client.get("/ideeen/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "<h1>De website werkt even niet</h1>" in html
    assert f'Bel <a href="tel:0384989999">{PHONE}</a> en vraag naar de ideeënmakelaar.' in html
    assert "Server Error" not in html and "OperationalError" not in html


def test_the_page_follows_the_chosen_language(database_unreachable, client):
    client.cookies["django_language"] = "en"
    response = client.get("/ideeen/")
    assert response.status_code == 503
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>The website is not working for a moment</h1>" in html


def test_a_staff_page_answers_503(database_unreachable, client):
    # The session and the user are looked up in the database before any view runs.
    client.cookies["sessionid"] = "a" * 32
    response = client.get("/makelaar/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_the_api_answers_503_in_json(database_unreachable, client):
    response = client.get("/api/v1/cases/", HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "detail": "De database is even niet bereikbaar. Probeer het over een paar minuten opnieuw."
    }


def test_a_submission_through_the_api_answers_503_in_json(take_database_away, client):
    theme("groen-leefomgeving")
    take_database_away()
    response = client.post(
        "/api/v1/initiatives/",
        submission_data(consent_contact=True, consent_publish=True),
        content_type="application/json",
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "detail" in response.json()


def test_healthz_answers_503_when_the_database_is_unreachable(database_unreachable, client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": False, "broker": True},
    }
