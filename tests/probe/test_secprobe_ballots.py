"""Voting after the close: the round's letters and page say "stemmen tot en met <day>",
yet a ballot online was taken for as long as nobody moved the round on; and a ballot
whose page was read while the round was open went in after the round had moved to
counting (the service looked at the round as the page had read it)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.voting.factories import HeadingFactory, PlanFactory, VoterCodeFactory
from voting.constants import CodeStatus, RoundStatus
from voting.models import Ballot, VoteRound
from voting.services import ballot_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_yesterday(db):
    """A round still in its ballot phase whose last day to vote was yesterday."""
    today = timezone.localdate()
    heading = HeadingFactory(
        round__ballot_open=True,
        round__plans_until=today - timedelta(days=40),
        round__feasibility_until=today - timedelta(days=20),
        round__ballot_opens=today - timedelta(days=14),
        round__ballot_closes=today - timedelta(days=1),
        round__results_on=today + timedelta(days=7),
    )
    PlanFactory(heading=heading, number=1, cost=1000, feasible=True)
    return heading


def test_no_ballot_online_after_the_last_day(closed_yesterday):
    heading = closed_yesterday
    code = VoterCodeFactory(heading=heading)
    with pytest.raises(ValidationError):
        ballot_cast(heading=heading, code=code.plain, plan_ids=[heading.plans.get().pk])
    code.refresh_from_db()
    assert code.status == CodeStatus.ISSUED
    assert not Ballot.objects.filter(heading=heading).exists()


def test_the_ballot_page_says_the_vote_is_closed_after_the_last_day(client, closed_yesterday):
    heading = closed_yesterday
    code = VoterCodeFactory(heading=heading)
    url = reverse("voting:ballot", args=[heading.round.public_id, heading.pk])
    page = client.get(url).content.decode()
    assert "Stemmen kan nu niet." in page
    response = client.post(url, {"code": code.plain, "plans": [heading.plans.get().pk]})
    assert "Stemmen kan nu niet." in response.content.decode()
    assert not Ballot.objects.filter(heading=heading).exists()
    round_page = client.get(reverse("voting:round", args=[heading.round.public_id]))
    assert url not in round_page.content.decode()


def test_the_last_day_itself_still_counts(db):
    heading = HeadingFactory(
        round__ballot_open=True,
        round__ballot_opens=timezone.localdate() - timedelta(days=3),
        round__ballot_closes=timezone.localdate(),
    )
    plan = PlanFactory(heading=heading, number=1, cost=1000, feasible=True)
    code = VoterCodeFactory(heading=heading)
    assert ballot_cast(heading=heading, code=code.plain, plan_ids=[plan.pk])


def test_a_ballot_read_while_open_is_refused_once_the_round_moved_to_counting(db):
    heading = HeadingFactory(round__ballot_open=True)
    plan = PlanFactory(heading=heading, number=1, cost=1000, feasible=True)
    code = VoterCodeFactory(heading=heading)
    page_read = HeadingFactory._meta.model.objects.select_related("round").get(pk=heading.pk)
    VoteRound.objects.filter(pk=heading.round_id).update(status=RoundStatus.COUNTING)
    with pytest.raises(ValidationError):
        ballot_cast(heading=page_read, code=code.plain, plan_ids=[plan.pk])
    code.refresh_from_db()
    assert code.status == CodeStatus.ISSUED
    assert not Ballot.objects.filter(heading=heading).exists()
