from datetime import date, timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import timezone

from accounts.roles import Role
from brokers.filters import CaseFilter
from brokers.selectors import (
    SORTS,
    case_get_for_viewer,
    case_queryset,
    case_status_counts,
    deadline_mark,
    order_in_memory,
    organisation_list,
)
from brokers.services import initiative_waiting_set
from config.errors import NotAllowed
from config.working_days import add_working_days
from initiatives.constants import Channel, Status
from initiatives.models import Initiative
from tests.accounts.factories import StaffFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme
from tests.neighbourhoods.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def _queue(viewer, query: str = ""):
    request = RequestFactory().get("/makelaar/", QueryDict(query))
    request.user = viewer
    case_filter = CaseFilter(
        QueryDict(query), queryset=case_queryset(viewer=viewer), request=request
    )
    assert case_filter.is_valid(), case_filter.errors
    return list(case_filter.qs)


@pytest.mark.parametrize(
    ("due", "today", "state"),
    [
        (date(2026, 4, 24), date(2026, 4, 28), "overdue"),
        # King's Day (27 April 2026, Monday) is no working day: due on Tuesday is
        # two working days after Thursday, so "due soon".
        (date(2026, 4, 28), date(2026, 4, 23), "due_soon"),
        (date(2026, 4, 29), date(2026, 4, 23), "on_time"),
        (date(2026, 4, 23), date(2026, 4, 23), "due_soon"),
    ],
)
def test_deadline_mark_counts_working_days_and_holidays(due, today, state):
    initiative = Initiative(status=Status.NEW, first_contact_due=due)
    assert deadline_mark(initiative, today=today).state == state


def test_deadline_mark_is_done_after_first_contact():
    initiative = Initiative(
        status=Status.IN_CONVERSATION,
        first_contact_due=date(2026, 1, 1),
        first_contact_at=timezone.now(),
    )
    assert deadline_mark(initiative, today=date(2026, 3, 1)).state == "done"


def test_first_contact_due_skips_weekend_and_holidays():
    # Friday 24 April 2026 + 5 working days, with King's Day on Monday 27 April.
    assert add_working_days(date(2026, 4, 24), 5) == date(2026, 5, 4)


def test_queue_shows_open_cases_unless_a_status_is_chosen(broker):
    new = InitiativeFactory()
    closed = InitiativeFactory(realised=True)
    assert _queue(broker) == [new]
    assert _queue(broker, "status=realised") == [closed]
    assert set(_queue(broker, "status=realised&status=new")) == {new, closed}


def test_every_queue_filter(broker):
    other = StaffFactory(role=Role.BROKER)
    hood = NeighbourhoodFactory(code="WK019399")
    today = timezone.localdate()
    target = InitiativeFactory(
        theme=theme("sport"),
        neighbourhood=hood,
        broker=broker,
        channel=Channel.PHONE,
        needs=["funding", "location"],
    )
    overdue = InitiativeFactory(first_contact_due=today - timedelta(days=3))
    waiting = InitiativeFactory(in_conversation=True, broker=other)
    initiative_waiting_set(initiative=waiting, actor=other, reason="Plan gevraagd")

    assert _queue(broker, "theme=sport") == [target]
    assert _queue(broker, "neighbourhood=WK019399") == [target]
    assert _queue(broker, f"broker={broker.pk}") == [target]
    assert _queue(broker, "channel=phone") == [target]
    assert _queue(broker, "need=funding") == [target]
    assert _queue(broker, "mine=true") == [target]
    assert _queue(broker, "overdue=true") == [overdue]
    assert _queue(broker, "waiting=true") == [waiting]
    assert set(_queue(broker, "unassigned=true")) == {overdue}


def test_queue_sorts_by_deadline_and_searches_in_dutch(broker):
    today = timezone.localdate()
    later = InitiativeFactory(first_contact_due=today + timedelta(days=6), title="Later")
    sooner = InitiativeFactory(
        first_contact_due=today + timedelta(days=1),
        title="Zonnepanelen op het buurthuis",
        description="Wij willen samen zonnepanelen kopen.",
        initiator=InitiatorFactory(name="Ayşe Yılmaz"),
    )
    assert _queue(broker) == [sooner, later]
    assert _queue(broker, "sort=newest")[0] == sooner
    assert _queue(broker, "q=zonnepaneel") == [sooner]
    assert _queue(broker, "q=Yılmaz") == [sooner]
    assert _queue(broker, "q=fietsenstalling") == []


def test_status_counts(broker, django_assert_num_queries):
    today = timezone.localdate()
    InitiativeFactory.create_batch(2)
    InitiativeFactory(first_contact_due=today - timedelta(days=1))
    InitiativeFactory(in_progress=True, broker=broker, waiting_since=today)
    InitiativeFactory(realised=True)
    case_status_counts(viewer=broker)  # the role check reads the groups once
    with django_assert_num_queries(1):  # one round trip, however many counts
        counts = case_status_counts(viewer=broker)
    assert counts["total"] == 4
    assert counts["new"] == 3
    assert counts["in_progress"] == 1
    assert counts["in_conversation"] == 0
    assert counts["unassigned"] == 3
    assert counts["mine"] == 1
    assert counts["waiting"] == 1
    assert counts["overdue"] == 1
    assert counts["due_soon"] == 0


def test_status_counts_keep_their_statement_per_broker_day_and_closed_days(
    broker, settings, monkeypatch
):
    """The counts' SQL is written once per broker and day (brokers.selectors
    _status_counts_statement); what it counts follows the broker, the date and the
    office's closed days, never an earlier request's statement."""
    from brokers import selectors

    other = StaffFactory(role=Role.BROKER)
    today = date(2026, 3, 2)  # a Monday
    monkeypatch.setattr(selectors.timezone, "localdate", lambda: today)
    soon = add_working_days(today, selectors.DUE_SOON_WORKING_DAYS)
    InitiativeFactory(broker=broker, first_contact_due=soon + timedelta(days=1))
    counts = case_status_counts(viewer=broker)
    assert (counts["mine"], counts["due_soon"], counts["overdue"]) == (1, 0, 0)
    assert case_status_counts(viewer=other)["mine"] == 0
    # A closed day moves "due soon" on by a day.
    settings.CLOSED_DAYS = [today + timedelta(days=1)]
    assert case_status_counts(viewer=broker)["due_soon"] == 1
    # Days later the same case is overdue.
    today = soon + timedelta(days=5)
    assert case_status_counts(viewer=broker)["overdue"] == 1


@pytest.mark.parametrize("sort", sorted(SORTS))
def test_order_in_memory_gives_the_same_order(broker, sort):
    """A small view is sorted in memory (brokers.paging): the same rows in the same
    order as the order index would give them, for every sort, ties included."""
    today = timezone.localdate()
    for day in (3, 1, 1, 5):
        InitiativeFactory(
            first_contact_due=today + timedelta(days=day),
            title=f"Idee {day % 2}",
            last_activity_at=timezone.now() - timedelta(days=day) if day != 5 else None,
        )
    InitiativeFactory(in_progress=True, first_contact_due=today)
    queryset = case_queryset(viewer=broker).order_by(*SORTS[sort])
    fenced = order_in_memory(queryset)
    assert "COALESCE(" in str(fenced.query).split("ORDER BY")[1]
    assert list(fenced) == list(queryset)


def test_selectors_refuse_those_who_are_not_brokers(civil_servant):
    initiative = InitiativeFactory()
    with pytest.raises(NotAllowed):
        case_queryset(viewer=civil_servant)
    with pytest.raises(NotAllowed):
        case_get_for_viewer(viewer=civil_servant, reference=initiative.reference)
    with pytest.raises(NotAllowed):
        organisation_list(viewer=civil_servant)


def test_search_uses_the_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'initiative_search_gin'")
        (definition,) = cursor.fetchone()
    assert "gin (search_document)" in definition


def test_organisation_list_filters_by_kind_theme_and_area(broker):
    from tests.brokers.factories import OrganisationFactory

    hood = NeighbourhoodFactory(code="WK019377")
    fund = OrganisationFactory(name="Fonds Groen", kind="fund")
    fund.themes.add(theme("duurzaamheid"))
    local = OrganisationFactory(name="Buurthuis Oost")
    local.neighbourhoods.add(NeighbourhoodFactory(code="WK019378"))

    def names(**filters):
        return {o.name for o in organisation_list(viewer=broker, **filters)}

    assert names() == {"Fonds Groen", "Buurthuis Oost"}
    assert names(kind="fund") == {"Fonds Groen"}
    assert names(kind="geen-soort") == names()  # an unknown kind filters nothing
    assert names(theme="duurzaamheid") == {"Fonds Groen"}
    assert names(area=hood.code) == {"Fonds Groen"}  # no area: the whole municipality
    assert names(area="WK019378") == {"Fonds Groen", "Buurthuis Oost"}


def test_broker_workload_list_counts_open_cases_of_current_and_former_brokers(
    coordinator, civil_servant
):
    from brokers.selectors import broker_workload_list

    busy = StaffFactory(role=Role.BROKER)
    InitiativeFactory(broker=busy)
    InitiativeFactory(broker=busy, in_progress=True)
    InitiativeFactory(broker=busy, realised=True)
    gone = StaffFactory(role=Role.BROKER)
    InitiativeFactory(broker=gone)
    gone.is_active = False
    gone.save()

    workload = {user.pk: user.open_cases for user in broker_workload_list(viewer=coordinator)}

    assert workload[busy.pk] == 2
    assert workload[gone.pk] == 1  # left, but their open case must still be handed over
    assert workload[coordinator.pk] == 0
    with pytest.raises(NotAllowed):
        broker_workload_list(viewer=civil_servant)


def test_broker_profile_public_list_shows_brokers_with_an_active_account():
    from accounts.selectors import broker_profile_public_list

    here = StaffFactory(role=Role.BROKER, display_name="Anna Actief")
    gone = StaffFactory(role=Role.BROKER, display_name="Gerrit Gestopt")
    gone.is_active = False
    gone.save()

    names = [profile.display_name for profile in broker_profile_public_list()]

    assert here.broker_profile.display_name in names
    assert "Gerrit Gestopt" not in names
    assert names == sorted(names)
