"""Case actions go back to the posted `next` when it is a URL of this site. A `next`
that was no URL at all ("0", "-1", "NaN": a tampered form) passed the host check and
went to redirect(), which looked it up as a view name: a 500 instead of the panel the action
came from."""

import pytest

from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("next_url", ["0", "-1", "NaN", "2026-02-30"])
def test_a_next_that_is_no_url_goes_back_to_the_budget_panel(client, broker, next_url):
    initiative = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    response = client.post(
        f"/makelaar/budget/idee/{initiative.pk}/financiering/",
        {"funding-source": "fund", "funding-amount": "1000", "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/makelaar/budget/idee/{initiative.pk}/"


@pytest.mark.parametrize(
    "next_url", ["https://elders.example/makelaar/", "//elders.example/", "/\\elders.example"]
)
def test_a_next_elsewhere_is_still_not_followed(client, broker, next_url):
    initiative = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    response = client.post(
        f"/makelaar/budget/idee/{initiative.pk}/financiering/",
        {"funding-source": "fund", "funding-amount": "1000", "next": next_url},
    )
    assert response["Location"] == f"/makelaar/budget/idee/{initiative.pk}/"


def test_a_next_on_this_site_is_followed(client, broker):
    initiative = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    for next_url in ("/makelaar/mijn-dag/", "http://testserver/makelaar/mijn-dag/"):
        response = client.post(
            f"/makelaar/budget/idee/{initiative.pk}/financiering/",
            {"funding-source": "fund", "funding-amount": "1000", "next": next_url},
        )
        assert response["Location"] == next_url
