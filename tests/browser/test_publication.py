"""Reviewed publication end to end in a real browser: an idea sent with consent is
nowhere public; a broker finds the review task in the queue, publishes a cleaned-up
title and summary; the gallery shows only those; the initiator takes it off on "Mijn
idee" and it is gone at once."""

import pytest
from django.urls import reverse

from initiatives.links import private_token
from initiatives.services import InitiatorData, initiative_submit
from tests.browser.conftest import assert_accessible, case_file_url
from tests.initiatives.factories import theme

pytestmark = pytest.mark.django_db(transaction=True)

ORIGINAL = "Moestuin achter Kerkstraat 12"


def _sign_in(page, broker):
    page.goto("/makelaar/")
    page.get_by_label("E-mailadres").fill(broker.username)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/makelaar/")


def test_nothing_public_before_review_and_gone_when_consent_is_withdrawn(page, broker, live_server):
    idea = initiative_submit(
        actor=None,
        title=ORIGINAL,
        description="Bel mij op 06 98765432. Wij willen samen groente kweken.",
        theme=theme("groen-leefomgeving"),
        neighbourhood=None,
        initiator=InitiatorData(
            kind="resident", name="Sanne Visser", email="sanne@example.nl", consent_publish=True
        ),
        channel="web",
        needs=["location"],
    )
    page.goto("/ideeen/")
    assert "Kerkstraat" not in page.content()
    assert page.goto(f"/ideeen/{idea.reference}/").status == 404

    _sign_in(page, broker)
    page.goto("/makelaar/?review=true")
    page.get_by_role("link", name=ORIGINAL).click()
    page.wait_for_url(case_file_url(idea.reference))
    title = page.locator("#id_publish-title")
    assert title.input_value() == ORIGINAL  # prefilled from the idea
    assert_accessible(page)
    title.fill("Samen groente kweken")
    page.locator("#id_publish-summary").fill("Buren beginnen samen een moestuin.")
    page.get_by_role("button", name="Openbaar maken", exact=True).click()
    page.get_by_text("Het idee is openbaar, met deze titel en samenvatting.").wait_for()
    # The original stays in the case file.
    assert ORIGINAL in page.content()

    page.goto("/ideeen/")
    assert "Samen groente kweken" in page.content()
    assert "Kerkstraat" not in page.content() and "06 98765432" not in page.content()
    assert_accessible(page)

    page.goto(reverse("initiatives:mine", args=[private_token(idea)]))
    page.get_by_text("Buren beginnen samen een moestuin.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Haal mijn idee van de website").click()
    page.get_by_text("Uw idee staat niet meer openbaar op de website.").wait_for()
    page.goto("/ideeen/")
    assert "Samen groente kweken" not in page.content()
    assert page.goto(f"/ideeen/{idea.reference}/").status == 404
