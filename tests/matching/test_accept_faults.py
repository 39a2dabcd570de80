"""Redis away when a broker accepts a suggestion: the decision and both consent
questions are kept (the outbox sends them once Redis is back), and the broker gets the
case file back, not a 500."""

import pytest
from django.urls import reverse

from matching.constants import SuggestionStatus
from messaging.constants import MessageKind
from messaging.models import OutboundMessage
from tests.broker_away import celery_broker_away  # noqa: F401 (fixture)
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory
from tests.matching.factories import MatchSuggestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("celery_broker_away")]


def test_accepting_while_redis_is_away(client, broker, django_capture_on_commit_callbacks):
    ideas = [InitiativeFactory(initiator=InitiatorFactory(matching_allowed=True)) for _ in "ab"]
    suggestion = MatchSuggestionFactory(initiative=ideas[0], other_initiative=ideas[1])
    client.force_login(broker)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("matching:accept", args=[suggestion.pk]),
            {"initiative": ideas[0].pk},
            HTTP_HX_REQUEST="true",
        )
    assert callbacks  # the publishes were tried, against a Redis that is away
    assert (
        response.status_code == 200 and "Beide kanten krijgen de vraag" in response.content.decode()
    )
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    questions = OutboundMessage.objects.filter(kind=MessageKind.MATCH_CONSENT, sent_at=None)
    assert questions.count() == 2  # for the outbox sweep
