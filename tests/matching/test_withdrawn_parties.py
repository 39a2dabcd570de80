"""A withdrawn idea or a closed offer is not asked about, nor introduced: the resident
or helper was told that nothing more is done with it ("Wij doen er niets meer mee")."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives.services import initiative_withdraw
from matching import services, tasks
from matching.constants import SuggestionStatus
from matching.models import Introduction, MatchConsent, MatchSuggestion
from matching.services.messages import consent_token
from messaging.constants import MessageKind
from messaging.models import OutboundMessage
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory
from tests.matching.factories import MatchSuggestionFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _idea():
    return InitiativeFactory(initiator=InitiatorFactory(matching_allowed=True))


def _with_offer():
    return MatchSuggestionFactory(initiative=_idea(), other_initiative=None, offer=OfferFactory())


def _both_say_yes(client):
    for consent in MatchConsent.objects.all():
        url = reverse("matching:consent", args=[consent_token(consent)])
        assert client.post(url, {"answer": "yes"}).status_code == 200


def _not_introduced(suggestion):
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DECLINED
    assert not Introduction.objects.exists()
    assert not OutboundMessage.objects.filter(kind=MessageKind.INTRODUCTION).exists()


def test_a_withdrawn_offer_cannot_be_accepted(broker):
    suggestion = _with_offer()
    services.offer_withdraw(offer=suggestion.offer)
    with pytest.raises(ValidationError, match="ingetrokken of gesloten"):
        services.match_accept(suggestion=suggestion, actor=broker)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.SUGGESTED
    assert not OutboundMessage.objects.filter(kind=MessageKind.MATCH_CONSENT).exists()


def test_an_offer_withdrawn_while_both_are_asked_is_not_introduced(client, broker):
    suggestion = _with_offer()
    services.match_accept(suggestion=suggestion, actor=broker)
    services.offer_withdraw(offer=suggestion.offer)
    _both_say_yes(client)
    _not_introduced(suggestion)


def test_an_idea_withdrawn_while_both_are_asked_is_not_introduced(client, broker):
    suggestion = MatchSuggestionFactory(initiative=_idea(), other_initiative=_idea())
    services.match_accept(suggestion=suggestion, actor=broker)
    initiative_withdraw(initiative=suggestion.initiative)
    _both_say_yes(client)
    _not_introduced(suggestion)


def test_a_withdrawn_idea_cannot_be_accepted(broker):
    suggestion = MatchSuggestionFactory(initiative=_idea(), other_initiative=_idea())
    initiative_withdraw(initiative=suggestion.other_initiative)
    with pytest.raises(ValidationError, match="ingetrokken of gesloten"):
        services.match_accept(suggestion=suggestion, actor=broker)


def test_the_nightly_run_suggests_no_offer_withdrawn_since_it_was_made():
    idea = InitiativeFactory(
        title="Moestuin in de wijk",
        description="Samen een moestuin beginnen met groente.",
        initiator=InitiatorFactory(matching_allowed=True),
    )
    for_the_idea = OfferFactory(initiative=idea, description="Ik help met de moestuin.")
    for_anyone = OfferFactory(kind="time", description="Ik help graag met moestuin en groente.")
    for offer in (for_the_idea, for_anyone):
        services.offer_withdraw(offer=offer)
    tasks.match_nightly()
    assert not MatchSuggestion.objects.exists()
