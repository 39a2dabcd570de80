"""Offers: linked from the home page and the gallery; the helper gets a confirmation
e-mail through the outbox with a private link to see or withdraw the offer; the thanks
page shows no form."""

import re

import pytest
from django.urls import reverse

from matching.constants import OfferStatus
from matching.models import Offer
from messaging.constants import MessageKind
from messaging.models import OutboundMessage
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

pytestmark = pytest.mark.django_db

OFFER = {
    "kind": "time",
    "description": "Klussen in de tuin",
    "name": "Jan",
    "email": "jan@example.nl",
}


def test_offers_are_linked_from_home_and_gallery(client):
    for url in ("/", "/ideeen/"):
        assert 'href="/aanbod/"' in client.get(url).content.decode(), url


def test_confirmation_mail_with_a_private_link_to_see_and_withdraw(client):
    response = client.post("/aanbod/", OFFER)
    assert response["Location"] == reverse("matching:offer_thanks")
    thanks = client.get(response["Location"]).content.decode()
    assert '<form method="post"' not in thanks.split("<main")[1].split("</main>")[0]

    message = OutboundMessage.objects.get(kind=MessageKind.OFFER_RECEIVED)
    assert message.to_email == "jan@example.nl"
    assert "Klussen in de tuin" in message.body
    assert "van de gemeente Zwolle" in message.body
    link = re.search(r"https?://\S+/aanbod/(\S+)/", message.body)
    page = client.get(f"/aanbod/{link.group(1)}/")
    html = page.content.decode()
    assert page.status_code == 200 and "Klussen in de tuin" in html
    assert "no-store" in page["Cache-Control"]

    withdrawn = client.post(f"/aanbod/{link.group(1)}/")
    assert withdrawn.status_code == 302
    offer = Offer.objects.get()
    assert offer.status == OfferStatus.CLOSED
    assert offer.status_changes.get().note == "Ingetrokken door de aanbieder."
    assert "Trek mijn aanbod in" not in client.get(f"/aanbod/{link.group(1)}/").content.decode()


def test_a_forged_link_finds_nothing(client):
    assert client.get("/aanbod/123/").status_code == 404


def test_without_email_no_message_and_help_on_an_idea_leads_to_thanks(client):
    idea = InitiativeFactory(published=True, initiator=InitiatorFactory(public=True))
    response = client.post(
        reverse("matching:gallery_detail", args=[idea.reference]),
        OFFER | {"email": "", "phone": "06 12345678"},
    )
    assert response["Location"] == reverse("matching:offer_thanks")
    assert not OutboundMessage.objects.filter(kind=MessageKind.OFFER_RECEIVED).exists()


def test_the_offer_page_marks_the_helpers_own_words_with_their_language(client):
    """Written on the Dutch form, read on the English page: a screen reader read the
    description with an English voice (WCAG 3.1.2)."""
    from matching.services.offers import offer_token

    client.post("/aanbod/", OFFER | {"in_return": "Een kop koffie"})
    offer = Offer.objects.get()
    url = reverse("matching:offer_mine", args=[offer_token(offer)])
    client.cookies["django_language"] = "en"
    html = client.get(url).content.decode()
    assert '<dd lang="nl">Klussen in de tuin</dd>' in html
    assert '<dd lang="nl">Een kop koffie</dd>' in html
    del client.cookies["django_language"]
    assert "<dd>Klussen in de tuin</dd>" in client.get(url).content.decode()
