"""`seed_demo` on a fresh database works, and a second run adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from budgets.models import Grant, GrantEvent
from config.working_days import add_working_days
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

    # Every first-contact deadline follows its submission, as the app computes it, and
    # the demo still shows a case whose first contact is late.
    today = timezone.localdate()
    for case in Initiative.objects.all():
        submitted = timezone.localdate(case.submitted_at)
        due = add_working_days(submitted, settings.FIRST_CONTACT_WORKING_DAYS)
        assert case.first_contact_due == due, case.reference
    assert Initiative.objects.filter(
        status="new", first_contact_at__isnull=True, first_contact_due__lt=today
    ).exists()

    call_command("seed_demo", stdout=io.StringIO())

    assert _counts() == first


def test_the_demo_ballot_describes_each_plan_with_its_own_idea(settings, tmp_path):
    from voting.models import Plan

    settings.MEDIA_ROOT = str(tmp_path)
    call_command("seed_demo", stdout=io.StringIO())
    plans = Plan.objects.select_related("initiative")
    assert plans.exists()
    for plan in plans:
        assert plan.summary == plan.initiative.description, plan.title
