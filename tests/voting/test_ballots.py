import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, models

from config.errors import NotAllowed
from tests.accounts.factories import StaffFactory
from voting import tasks as voting_tasks
from voting.constants import Channel, CodeStatus
from voting.models import Ballot, PaperBallotEntry, VoterCode
from voting.services import (
    CodeRefused,
    ballot_cast,
    paper_ballot_confirm,
    paper_ballot_enter,
    paper_ballot_reject,
)

from .factories import HeadingFactory, PlanFactory, VoterCodeFactory

pytestmark = pytest.mark.django_db


def _plans(heading):
    return list(heading.plans.order_by("number"))


def test_a_code_casts_one_ballot_that_names_no_code(heading):
    code = VoterCodeFactory(heading=heading)
    one, two, three = _plans(heading)
    ballot = ballot_cast(heading=heading, code=code.plain.lower(), plan_ids=[one.pk, three.pk])
    assert sorted(ballot.plans) == sorted([one.pk, three.pk])
    code.refresh_from_db()
    assert (code.status, code.channel) == (CodeStatus.USED, Channel.ONLINE)
    with pytest.raises(CodeRefused):
        ballot_cast(heading=heading, code=code.plain, plan_ids=[two.pk])
    assert Ballot.objects.count() == 1


def test_ballot_secrecy_is_in_the_tables():
    """Nothing in a ballot leads to a code: no foreign key, a random id, the day only."""
    relations = [f.related_model for f in Ballot._meta.get_fields() if f.is_relation]
    assert VoterCode not in relations
    assert isinstance(Ballot._meta.pk, models.UUIDField)
    assert not any(isinstance(f, models.DateTimeField) for f in Ballot._meta.get_fields())
    assert not any(isinstance(f, models.DateTimeField) for f in VoterCode._meta.get_fields())


@pytest.mark.parametrize("typed", ["", "ABC", "0000-0000-0000", "KD7M-2QXR-9HTA"])
def test_malformed_or_unknown_codes_get_the_one_neutral_answer(heading, typed):
    with pytest.raises(CodeRefused) as caught:
        ballot_cast(heading=heading, code=typed, plan_ids=[_plans(heading)[0].pk])
    assert "Met deze code kunt u niet stemmen" in str(caught.value.message_dict["code"])


def test_revoked_code_and_code_of_another_heading_are_refused(heading):
    revoked = VoterCodeFactory(heading=heading, revoked=True)
    other = VoterCodeFactory(heading=HeadingFactory(round=heading.round))
    for code in (revoked, other):
        with pytest.raises(CodeRefused):
            ballot_cast(heading=heading, code=code.plain, plan_ids=[_plans(heading)[0].pk])


def test_a_ballot_breaking_the_rules_is_refused_with_what_to_change_and_nothing_stored(heading):
    code = VoterCodeFactory(heading=heading)
    ids = [plan.pk for plan in _plans(heading)]
    heading.round.max_choices = 2
    heading.round.save()
    with pytest.raises(ValidationError) as caught:
        ballot_cast(heading=heading, code=code.plain, plan_ids=ids)
    assert "haal er 1 weg" in caught.value.message_dict["plans"][0]
    with pytest.raises(ValidationError) as caught:
        ballot_cast(heading=heading, code=code.plain, plan_ids=[])
    assert "Kies minstens 1 plan" in caught.value.message_dict["plans"][0]
    code.refresh_from_db()
    assert code.status == CodeStatus.ISSUED
    assert not Ballot.objects.exists()


def test_knapsack_ballots_fit_the_budget_and_its_minimum_share(db):
    heading = HeadingFactory(round__ballot_open=True, round__knapsack=True, round__min_share=50)
    big = PlanFactory(heading=heading, cost=7000, feasible=True)
    small = PlanFactory(heading=heading, cost=4000, feasible=True)
    code = VoterCodeFactory(heading=heading)
    with pytest.raises(ValidationError) as caught:
        ballot_cast(heading=heading, code=code.plain, plan_ids=[big.pk, small.pk])
    assert "€ 1.000 meer dan het budget" in caught.value.message_dict["plans"][0]
    with pytest.raises(ValidationError) as caught:
        ballot_cast(heading=heading, code=code.plain, plan_ids=[small.pk])
    assert "nog € 1.000 bij" in caught.value.message_dict["plans"][0]
    ballot_cast(heading=heading, code=code.plain, plan_ids=[big.pk])


def test_plans_left_out_or_of_another_heading_cannot_be_chosen(heading):
    code = VoterCodeFactory(heading=heading)
    left_out = PlanFactory(heading=heading, left_out=True)
    with pytest.raises(ValidationError):
        ballot_cast(heading=heading, code=code.plain, plan_ids=[left_out.pk])


@pytest.mark.django_db(transaction=True)
def test_twenty_requests_at_once_with_one_code_store_one_ballot():
    heading = HeadingFactory(round__ballot_open=True)
    plan = PlanFactory(heading=heading, feasible=True)
    code = VoterCodeFactory(heading=heading)
    barrier, results = threading.Barrier(20), []

    def vote():
        try:
            barrier.wait()
            ballot_cast(heading=heading, code=code.plain, plan_ids=[plan.pk])
            results.append("stored")
        except CodeRefused:
            results.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=vote) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["refused"] * 19 + ["stored"]
    assert Ballot.objects.filter(heading=heading).count() == 1


def test_paper_ballots_need_a_second_staff_member(heading, broker):
    code = VoterCodeFactory(heading=heading)
    plan = _plans(heading)[0]
    entry = paper_ballot_enter(actor=broker, heading=heading, code=code.plain, plan_ids=[plan.pk])
    with pytest.raises(NotAllowed):
        paper_ballot_confirm(actor=broker, entry=entry)
    with pytest.raises(ValidationError):  # already waiting
        paper_ballot_enter(actor=broker, heading=heading, code=code.plain, plan_ids=[plan.pk])
    second = StaffFactory()
    ballot = paper_ballot_confirm(actor=second, entry=entry)
    assert ballot.channel == Channel.PAPER
    code.refresh_from_db()
    assert (code.status, code.channel) == (CodeStatus.USED, Channel.PAPER)
    assert not PaperBallotEntry.objects.exists()  # the only link between code and ballot


def test_a_rejected_paper_entry_leaves_the_code_unused(heading, broker):
    code = VoterCodeFactory(heading=heading)
    entry = paper_ballot_enter(
        actor=broker, heading=heading, code=code.plain, plan_ids=[_plans(heading)[0].pk]
    )
    paper_ballot_reject(actor=StaffFactory(), entry=entry)
    code.refresh_from_db()
    assert code.status == CodeStatus.ISSUED
    assert not Ballot.objects.exists()


def _xmins(table: str) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id::text, xmin::text FROM {table}")
        return dict(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_the_shuffle_takes_away_the_transaction_a_ballot_shares_with_its_code():
    """Cast in one transaction, a ballot and its used code carry the same xmin: whoever
    reads the database could join them. The beat's shuffle rewrites the open rounds'
    ballots in one transaction (and vacuums), after which no ballot shares one with a code;
    the ballots themselves are unchanged."""
    heading = HeadingFactory(round__ballot_open=True)
    one, two = (PlanFactory(heading=heading, number=n, feasible=True) for n in (1, 2))
    codes = [VoterCodeFactory(heading=heading) for _ in range(3)]
    for code, plan in zip(codes, (one, two, one), strict=True):
        ballot_cast(heading=heading, code=code.plain, plan_ids=[plan.pk])
    before = sorted(Ballot.objects.values_list("id", "plans"))
    code_xmins = set(_xmins("voting_votercode").values())
    assert set(_xmins("voting_ballot").values()) <= code_xmins  # the link exists

    assert voting_tasks.ballots_shuffle() == 3

    assert not set(_xmins("voting_ballot").values()) & code_xmins
    assert sorted(Ballot.objects.values_list("id", "plans")) == before
