from decimal import Decimal

import pytest

from config.batch import count_many, fetch_many
from initiatives.models import Initiative, InitiativeStatusChange
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_several_querysets_come_back_as_the_orm_gives_them_in_one_query(
    django_assert_num_queries, broker
):
    first = InitiativeFactory(in_conversation=True, broker=broker)
    second = InitiativeFactory()
    querysets = [
        Initiative.objects.select_related("theme", "initiator", "broker__broker_profile")
        .filter(pk__in=[first.pk, second.pk])
        .order_by("pk"),
        InitiativeStatusChange.objects.filter(initiative=first).select_related("actor"),
        Initiative.objects.none(),
        Initiative.objects.filter(pk=first.pk).values("reference", "submitted_at", "needs"),
        Initiative.objects.filter(pk=-1),
    ]
    expected = [list(queryset) for queryset in querysets]
    with django_assert_num_queries(1):
        got = fetch_many(querysets)
    assert got[2] == [] and got[4] == []
    assert got[3] == expected[3]
    assert [i.pk for i in got[0]] == [first.pk, second.pk]
    for mine, theirs in zip(got[0], expected[0], strict=True):
        for field in Initiative._meta.concrete_fields:
            assert getattr(mine, field.attname) == getattr(theirs, field.attname), field.name
        assert mine.theme.name == theirs.theme.name
        assert mine.initiator.name == theirs.initiator.name
        assert mine.broker == theirs.broker
    with django_assert_num_queries(0):  # select_related objects are there, not lazily read
        assert [c.actor for c in got[1]] == [c.actor for c in expected[1]]
        assert got[0][0].broker.broker_profile == expected[0][0].broker.broker_profile


def test_decimals_and_json_keep_their_types():
    from tests.budgets.factories import GrantFactory

    grant = GrantFactory(amount_requested=Decimal("1234.56"))
    (rows,) = fetch_many([type(grant).objects.filter(pk=grant.pk)])
    assert rows[0].amount_requested == Decimal("1234.56")
    assert isinstance(rows[0].amount_requested, Decimal)


def test_counts_come_in_one_query_and_a_slice_caps_its_count(django_assert_num_queries):
    InitiativeFactory.create_batch(3)
    everything = Initiative.objects.select_related("theme").order_by("-submitted_at")
    with django_assert_num_queries(1):
        counts = count_many(
            [everything, everything[:2], everything.filter(pk=-1), Initiative.objects.none()]
        )
    assert counts == [3, 2, 0, 0]
    assert count_many([]) == []
