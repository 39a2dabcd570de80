"""The brokers' search refuses a term no one types: one long word made the compound
splitting run for seconds (3,000 letters: 2 s; 10,000: past the request deadline, a 503),
so one signed-in request could hold a worker and the database that long."""

import pytest
from django.urls import reverse

from brokers.filters import SEARCH_MAX_LENGTH

pytestmark = pytest.mark.django_db

LONG = "a" * 3000


def test_the_case_api_refuses_a_search_over_the_limit_with_a_json_400(client, broker):
    client.force_login(broker)
    response = client.get("/api/v1/cases/", {"q": LONG})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "Gebruik hoogstens 200 tekens" in response.json()["q"][0]


def test_the_queue_says_the_search_is_too_long(client, broker):
    client.force_login(broker)
    response = client.get(reverse("brokers:queue"), {"q": LONG})
    assert response.status_code in (200, 400)
    assert "Gebruik hoogstens 200 tekens. U gebruikte er 3000." in response.content.decode()


def test_a_search_at_the_limit_still_searches(client, broker):
    client.force_login(broker)
    response = client.get("/api/v1/cases/", {"q": "a" * SEARCH_MAX_LENGTH})
    assert response.status_code == 200
