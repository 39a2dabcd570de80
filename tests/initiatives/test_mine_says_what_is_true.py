""" "Mijn idee" says what is true: no promise of a broker after withdrawing; while the
broker waits, what they asked and a way to answer; after an erasure request no forms to
add information."""

import pytest
from django.urls import reverse

from initiatives.links import private_token
from initiatives.services import initiative_withdraw, initiator_erasure_request
from initiatives.services.publication import publication_request
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

pytestmark = pytest.mark.django_db


def _page(client, initiative):
    return client.get(
        reverse("initiatives:mine", args=[private_token(initiative)])
    ).content.decode()


def test_after_withdrawing_no_broker_is_promised(client):
    initiative = InitiativeFactory()
    assert "Wij laten het u weten" in _page(client, initiative)
    initiative_withdraw(initiative=initiative, reason="Geen tijd.")
    html = _page(client, initiative)
    assert "Wij laten het u weten" not in html
    assert "Uw ideeënmakelaar" not in html.split("<h2")[0]


def test_after_withdrawing_no_review_for_the_website_is_promised(client):
    """A withdrawn idea never becomes public, yet the page still said "Uw ideeënmakelaar
    bekijkt eerst welke tekst openbaar komt" and offered "Toch niet openbaar tonen"."""
    initiative = InitiativeFactory(initiator=InitiatorFactory(public=True))
    publication_request(initiative=initiative)
    assert "bekijkt eerst welke tekst openbaar komt" in _page(client, initiative)
    initiative_withdraw(initiative=initiative, reason="Geen tijd.")
    html = _page(client, initiative)
    assert "bekijkt eerst welke tekst openbaar komt" not in html
    assert "Toch niet openbaar tonen" not in html
    assert "Niets van uw idee staat openbaar op de website." in html


def test_while_waiting_the_question_and_a_way_to_answer(client):
    initiative = InitiativeFactory(waiting=True, waiting_reason="Een tekening van de plek.")
    html = _page(client, initiative)
    assert "Uw ideeënmakelaar wacht op u" in html
    assert "Een tekening van de plek." in html
    assert 'href="#add-information"' in html and 'id="add-information"' in html


def test_after_an_erasure_request_no_forms_to_add_information(client):
    initiative = InitiativeFactory()
    initiator_erasure_request(initiative=initiative)
    html = _page(client, initiative)
    assert "mijn-idee" in html
    assert 'id="add-information"' not in html
    assert "/informatie/" not in html and "/voorkeuren/" not in html
    assert "U heeft gevraagd om uw gegevens te verwijderen" in html


def test_a_message_given_by_phone_or_letter_says_so_in_the_residents_words(client):
    """The page said "(Bellen (taak voor de makelaar))", the label staff read on their
    task list, for the call in which the broker gave the resident that message."""
    from messaging.models import OutboundMessage
    from tests.messaging.factories import OutboundMessageFactory

    initiative = InitiativeFactory()
    OutboundMessage.objects.filter(initiative=initiative).delete()
    OutboundMessageFactory(initiative=initiative, task=True, sent=True, subject="Gebeld")
    OutboundMessageFactory(initiative=initiative, letter=True, sent=True, subject="Brief")
    OutboundMessageFactory(initiative=initiative, sent=True, subject="Mail")
    html = _page(client, initiative)
    assert "taak voor de makelaar" not in html
    assert "Gebeld</span> (per telefoon)" in html
    assert "Brief</span> (per brief)" in html
    assert "Mail</span> (per e-mail)" in html
