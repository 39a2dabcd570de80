"""What the consent link says once the question is closed: never that nothing was
shared when both said yes and their details went to each other."""

import pytest
from django.urls import reverse

from matching import services
from matching.models import MatchConsent
from matching.services.messages import consent_token
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory
from tests.matching.factories import MatchSuggestionFactory

pytestmark = pytest.mark.django_db

NOTHING_SHARED = "Er zijn geen gegevens gedeeld."
SHARED = "Wij hebben uw naam en contactgegevens met de ander gedeeld"


def _asked(broker) -> list[str]:
    ideas = [InitiativeFactory(initiator=InitiatorFactory(matching_allowed=True)) for _ in "ab"]
    suggestion = MatchSuggestionFactory(initiative=ideas[0], other_initiative=ideas[1])
    services.match_accept(suggestion=suggestion, actor=broker)
    return [
        reverse("matching:consent", args=[consent_token(c)]) for c in MatchConsent.objects.all()
    ]


def test_after_both_said_yes_the_link_says_the_details_were_shared(client, broker):
    first, second = _asked(broker)
    client.post(first, {"answer": "yes"})
    # Only one yes so far: still nothing shared.
    assert NOTHING_SHARED in client.get(first).content.decode()
    client.post(second, {"answer": "yes"})
    for url in (first, second):
        html = client.get(url).content.decode()
        assert SHARED in html and NOTHING_SHARED not in html


def test_after_a_no_the_link_says_nothing_was_shared(client, broker):
    first, second = _asked(broker)
    client.post(first, {"answer": "yes"})
    client.post(second, {"answer": "no"})
    for url in (first, second):
        html = client.get(url).content.decode()
        assert NOTHING_SHARED in html and SHARED not in html
