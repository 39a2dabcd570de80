"""System texts kept in the history are shown in the reader's language: the receipt line
and an accounting's note of unspent money (walkthrough defect 14)."""

from decimal import Decimal

import pytest
from django.utils import translation

from budgets.constants import GrantStatus
from budgets.models import GrantEvent
from budgets.services import _returned_note
from initiatives.constants import Channel, Status, received_note
from initiatives.models import InitiativeStatusChange
from initiatives.timeline import initiative_timeline
from tests.budgets.factories import GrantFactory
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _texts(initiative, language):
    with translation.override(language):
        return [entry.text for entry in initiative_timeline(initiative)]


def test_the_receipt_line_is_stored_in_dutch_and_shown_in_the_readers_language():
    with translation.override("en"):
        assert received_note(Channel.WEB) == "Idee ontvangen via de website."
    case = InitiativeFactory()
    InitiativeStatusChange.objects.filter(initiative=case).delete()
    for note in ("Idee ontvangen via de website.", "Idea received through the website."):
        InitiativeStatusChange.objects.create(
            initiative=case, from_status="", to_status=Status.NEW, note=note
        )
    assert _texts(case, "en").count("Idea received through the website.") == 2
    assert _texts(case, "nl").count("Idee ontvangen via de website.") == 2


def test_the_unspent_money_note_follows_the_readers_language_and_notation():
    grant = GrantFactory(amount_requested=Decimal("1500"), amount_approved=Decimal("1500"))
    with translation.override("en"):
        note = _returned_note(Decimal("1050.50"))
    assert note.startswith("€ 1.050,50 is niet uitgegeven")  # stored: Dutch
    GrantEvent.objects.create(
        grant=grant, status=GrantStatus.ACCOUNTED, amount=Decimal("449.50"), note=note
    )
    english = _texts(grant.initiative, "en")
    assert any(text.startswith("€ 1,050.50 was not spent") for text in english), english
    dutch = _texts(grant.initiative, "nl")
    assert any(text.startswith("€ 1.050,50 is niet uitgegeven") for text in dutch), dutch
