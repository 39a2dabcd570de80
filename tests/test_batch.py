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


def _count_compiles(monkeypatch) -> list:
    from django.db.models.sql.compiler import SQLCompiler

    calls, as_sql = [], SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        calls.append(self.query.model)
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    return calls


def test_by_id_compiles_once_and_reads_each_ids_own_rows(monkeypatch, broker):
    from config.batch import ById, Compiled
    from tests.initiatives.factories import InitiativeStatusChangeFactory

    first, second = InitiativeFactory(), InitiativeFactory(in_conversation=True, broker=broker)
    InitiativeStatusChangeFactory(initiative=first)
    InitiativeStatusChangeFactory.create_batch(2, initiative=second, actor=broker)
    changes = ById(
        lambda pk: [
            InitiativeStatusChange.objects.filter(initiative_id=pk)
            .select_related("actor")
            .order_by("pk"),
            Initiative.objects.filter(pk=pk).values("reference"),
        ]
    )
    compiles = _count_compiles(monkeypatch)
    for case in (first, second, first):
        read = changes(case.pk)
        assert all(isinstance(item, Compiled) for item in read)
        got = fetch_many(read)
        expected = [list(q) for q in changes.build(case.pk)]
        assert [c.pk for c in got[0]] == [c.pk for c in expected[0]] != []
        assert [c.actor for c in got[0]] == [c.actor for c in expected[0]]
        assert got[1] == expected[1] == [{"reference": case.reference}]
    # Learned on first use (two builds of two querysets), then never again; the
    # comparisons above compiled the expected querysets themselves (one each).
    assert len(compiles) - 3 * 2 == 4
    assert any(c.actor == broker for c in fetch_many(changes(second.pk))[0])


def test_by_id_leaves_a_queryset_that_depends_on_more_than_the_id_to_be_compiled_each_time():
    from django.utils import timezone

    from config.batch import ById, Compiled
    from tests.initiatives.factories import InitiativeStatusChangeFactory

    case = InitiativeStatusChangeFactory().initiative
    shapes = ById(
        lambda pk: [
            Initiative.objects.filter(pk=pk, submitted_at__lte=timezone.now()),  # the time now
            Initiative.objects.filter(pk=pk) if pk > 0 else Initiative.objects.none(),
            InitiativeStatusChange.objects.filter(initiative_id=pk),
        ]
    )
    read = shapes(case.pk)
    assert [isinstance(item, Compiled) for item in read] == [False, False, True]
    assert [len(rows) for rows in fetch_many(read)] == [1, 1, 1]


def test_plan_once_reads_the_compiled_ones_under_generic_plans_and_gives_the_same_rows(
    django_assert_max_num_queries, broker
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from config.batch import ById
    from tests.initiatives.factories import InitiativeStatusChangeFactory

    case = InitiativeFactory(in_conversation=True, broker=broker)
    InitiativeStatusChangeFactory.create_batch(2, initiative=case, actor=broker)
    by_id = ById(
        lambda pk: [
            InitiativeStatusChange.objects.filter(initiative_id=pk).order_by("pk"),
            Initiative.objects.filter(pk=pk).values("reference"),
        ]
    )
    # Compiled each call: planned for its values, in a statement of its own.
    each = Initiative.objects.filter(status__in=["new", "in_conversation"]).values("reference")
    read = [by_id(case.pk)[0], each, by_id(case.pk)[1]]
    expected = fetch_many(read)
    with CaptureQueriesContext(connection) as queries:
        got = fetch_many(read, plan_once=True)
    assert [[getattr(r, "pk", r) for r in rows] for rows in got] == [
        [getattr(r, "pk", r) for r in rows] for rows in expected
    ]
    assert got[2] == [{"reference": case.reference}]
    statements = [q["sql"] for q in queries.captured_queries]
    # Set, the compiled reads, the setting back (in the test's transaction), the rest.
    assert len(statements) == 4
    assert "force_generic_plan" in statements[0]
    assert "initiatives_initiativestatuschange" in statements[1]
    assert "initiatives_initiativestatuschange" not in statements[3]
    # Nothing compiled, or nothing else: one statement, as without plan_once.
    with django_assert_max_num_queries(1):
        fetch_many([each], plan_once=True)


def test_by_key_compiles_once_per_key_and_reads_each_keys_own_rows(monkeypatch, broker):
    from config.batch import ByKey, Compiled

    first, second = InitiativeFactory(), InitiativeFactory(in_conversation=True, broker=broker)
    by_status = ByKey(
        lambda status: [
            Initiative.objects.filter(status=status).select_related("broker").order_by("pk")
        ],
        keep=1,
    )
    compiles = _count_compiles(monkeypatch)
    for case in (first, first, second):
        read = by_status(case.status)
        assert isinstance(read[0], Compiled)
        assert len(compiles) == (1 if case is first else 2)  # once per key, at first use
        (rows,) = fetch_many(read)
        assert [row.pk for row in rows] == [case.pk]
    assert rows[0].broker == broker
    # One key kept: the first status is compiled anew.
    assert fetch_many(by_status(first.status))[0] == [first] and len(compiles) == 3
    # A queryset that asks nothing is read as before.
    nothing = ByKey(lambda pk: [Initiative.objects.none()])(1)
    assert not isinstance(nothing[0], Compiled) and fetch_many(nothing) == [[]]


def test_by_id_takes_stand_ins_of_another_type(monkeypatch):
    from config.batch import ById, Compiled

    first, second = InitiativeFactory(), InitiativeFactory()
    by_reference = ById(
        lambda reference: [Initiative.objects.filter(reference=reference).select_related("theme")],
        stand_ins=("stand-in-1", "stand-in-2"),
    )
    by_reference(first.reference)  # learns the shape
    compiles = _count_compiles(monkeypatch)
    for case in (first, second):
        read = by_reference(case.reference)
        assert isinstance(read[0], Compiled)
        (rows,) = fetch_many(read)
        assert rows == [case] and rows[0].theme == case.theme
    assert fetch_many(by_reference("2000-9999")) == [[]]
    assert compiles == []
