"""`seed_demo` on a fresh database works, and a second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from budgets.models import Grant, GrantEvent
from initiatives.models import Initiative, InitiativeStatusChange, Initiator, Survey
from matching.models import MatchSuggestion, Offer
from messaging.models import OutboundMessage

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Initiative,
            Initiator,
            InitiativeStatusChange,
            OutboundMessage,
            Survey,
            Offer,
            MatchSuggestion,
            Grant,
            GrantEvent,
        )
    }


def test_seed_demo_twice_adds_nothing_the_second_time(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", stdout=io.StringIO())
    first = _counts()
    assert first["Initiative"] > 0 and first["OutboundMessage"] > 0
    assert first["Grant"] > 0 and first["Offer"] > 0

    call_command("seed_demo", stdout=io.StringIO())

    assert _counts() == first
