"""Unread marks and last activity, "My day", the coordinator's overview and saved views
(who sees which)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from brokers.models import CaseRead, SavedView
from brokers.workbench.news import news_panel_context, news_panel_querysets
from brokers.workbench.selectors import (
    first_contact_figures,
    first_contact_figures_since,
    my_day,
    saved_view_list,
    workload_list,
)
from config.batch import fetch_many
from initiatives.services import followups, initiative_information_add
from matching.services import offer_submit
from messaging.constants import MessageChannel
from tests.accounts.factories import StaffFactory
from tests.brokers.factories import SavedViewFactory
from tests.initiatives.factories import CheckInFactory, InitiativeFactory, SurveyFactory
from tests.messaging.factories import OutboundMessageFactory

pytestmark = pytest.mark.django_db

QUEUE = "/makelaar/"


def _unread(client, case) -> bool:
    page = client.get(QUEUE, {"status": case.status}).context["page"]
    return next(i for i in page.object_list if i.pk == case.pk).unread


def test_information_from_the_initiator_is_unread_until_the_case_file_is_opened(client, broker):
    colleague = StaffFactory(role=Role.BROKER)
    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    assert not _unread(client, case)
    initiative_information_add(initiative=case, text="Een tekening van de plek.", files=[])
    case.refresh_from_db()
    assert case.last_activity_at is not None
    assert _unread(client, case)
    page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    assert "Nieuws van de initiatiefnemer" in page and "Nieuw" in page
    assert not _unread(client, case)
    # Each broker has their own read state.
    client.force_login(colleague)
    assert _unread(client, case)


def test_only_opening_the_case_file_marks_it_read(client, broker):
    """Reading is the broker's GET of the case file; lists, panels, a HEAD, a browser's
    prefetch and the refreshed case after an action write no read mark."""
    case = InitiativeFactory(in_conversation=True, broker=broker)
    other = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    for initiative in (case, other):
        initiative_information_add(initiative=initiative, text="Een foto.", files=[])
    url = reverse("brokers:case", args=[case.reference])

    client.get(QUEUE)
    client.get(reverse("brokers:day"))
    client.head(url)
    client.get(url, headers={"Sec-Purpose": "prefetch"})
    client.get(url, headers={"Purpose": "prefetch"})
    client.post(reverse("brokers:case-note", args=[case.reference]), {"note-text": "Even bellen"})
    client.post(
        reverse("brokers:case-note", args=[case.reference]),
        {"note-text": "Nog eens"},
        headers={"HX-Request": "true"},
    )
    assert not CaseRead.objects.exists()
    assert _unread(client, case)

    # The visit itself: the panel still says what is new, then the mark goes.
    page = client.get(url).content.decode()
    assert "Sinds uw vorige bezoek" not in page and "Er is iets bijgekomen" in page
    assert not _unread(client, case)
    assert _unread(client, other)  # nothing else is marked read
    assert list(CaseRead.objects.values_list("initiative_id", flat=True)) == [case.pk]

    # The next visit: nothing new since the previous one.
    assert "Niets nieuws sinds uw vorige bezoek" in client.get(url).content.decode()


def test_the_read_mark_is_one_statement_that_moves_forward(broker, django_assert_num_queries):
    """case_read_mark is one round trip (no BEGIN/COMMIT around a single upsert): the
    first visit adds the row, a later one moves read_at, a colleague has their own."""
    from accounts.roles import is_broker
    from brokers.workbench.services import case_read_mark

    case = InitiativeFactory(in_conversation=True, broker=broker)
    assert is_broker(broker)  # the role is read once per request (as the view has)
    with django_assert_num_queries(1):
        case_read_mark(initiative=case, actor=broker)
    first = CaseRead.objects.get(user=broker, initiative=case).read_at
    with django_assert_num_queries(1):
        case_read_mark(initiative=case, actor=broker)
    assert CaseRead.objects.get(user=broker, initiative=case).read_at > first
    colleague = StaffFactory(role=Role.BROKER)
    case_read_mark(initiative=case, actor=colleague)
    assert CaseRead.objects.filter(initiative=case).count() == 2


def test_the_news_panel_only_reads(broker, rf):
    case = InitiativeFactory(in_conversation=True, broker=broker, last_activity_at=timezone.now())
    request = rf.get("/")
    request.user = broker
    rows = fetch_many(news_panel_querysets(case, request))
    context = news_panel_context(case, request, rows=rows)
    assert context["is_news"] and context["previous_visit"] is None
    assert not CaseRead.objects.exists()


def test_answers_and_offers_move_the_last_activity(broker):
    check_in = CheckInFactory(expires_at=timezone.now() + timedelta(days=3))
    followups.check_in_answer(check_in=check_in, answer="Goed", needs_help=False)
    check_in.initiative.refresh_from_db()
    assert check_in.initiative.last_activity_at == check_in.initiative.check_ins.get().answered_at

    survey = SurveyFactory(expires_at=timezone.now() + timedelta(days=3))
    followups.survey_answer(survey=survey, score=4)
    survey.initiative.refresh_from_db()
    assert survey.initiative.last_activity_at is not None

    case = InitiativeFactory(in_conversation=True)
    offer_submit(
        actor=None,
        kind="time",
        description="Ik help mee.",
        name="Piet",
        email="p@x.nl",
        initiative=case,
    )
    case.refresh_from_db()
    assert case.last_activity_at is not None


def test_my_day_counts_and_links(client, broker, django_assert_max_num_queries):
    today = timezone.localdate()
    InitiativeFactory(broker=broker, first_contact_due=today - timedelta(days=3))
    InitiativeFactory(broker=broker, first_contact_due=today)
    InitiativeFactory(broker=broker, waiting=True, last_activity_at=timezone.now())
    case = InitiativeFactory(broker=broker, in_conversation=True)
    # Two messages for one resident: one call, as the task page groups them.
    OutboundMessageFactory.create_batch(2, initiative=case, channel=MessageChannel.PHONE_TASK)
    InitiativeFactory(first_contact_due=today - timedelta(days=3))  # not mine
    day = my_day(viewer=broker, today=today)
    assert (day.overdue, day.open_tasks, day.unread, day.waiting, day.open_cases) == (
        1,
        1,
        1,
        1,
        4,
    )
    assert day.due_this_week >= 1
    client.force_login(broker)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("brokers:day")).content.decode()
    assert "?clear=1&amp;mine=true&amp;overdue=true" in page
    assert "?clear=1&amp;mine=true&amp;unread=true" in page
    assert f"{reverse('brokers:outbox')}?mine=1" in page
    tasks = client.get(reverse("brokers:outbox"), {"mine": "1"}).context["groups"]
    assert len(tasks) == day.open_tasks
    due = client.get(QUEUE, {"mine": "true", "due": "week"}).context["page"].paginator.count
    assert due == day.due_this_week


def test_sign_in_leads_brokers_to_my_day(client, broker):
    client.force_login(broker)
    assert client.get(reverse("brokers:start"))["Location"] == reverse("brokers:day")


def test_coordinator_overview(client, broker, coordinator, django_assert_max_num_queries):
    today = timezone.localdate()
    InitiativeFactory.create_batch(2, broker=broker, first_contact_due=today - timedelta(days=2))
    InitiativeFactory(broker=broker, in_conversation=True)
    InitiativeFactory()  # unassigned
    rows = {row.broker: row for row in workload_list(viewer=coordinator, today=today)}
    assert (rows[broker].open_cases, rows[broker].overdue, rows[broker].awaiting) == (3, 2, 2)
    client.force_login(coordinator)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("brokers:overview"))
    InitiativeFactory.create_batch(5, broker=StaffFactory(role=Role.BROKER))
    InitiativeFactory.create_batch(5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("brokers:overview")).content.decode()
    assert "Werkvoorraad per makelaar" in page and "6 open ideeën zonder makelaar" in page
    client.force_login(broker)
    assert client.get(reverse("brokers:overview")).status_code == 403


def test_overview_lists_brokers_with_room_and_unassigned_overdue_cases(client, broker, coordinator):
    """Brokers with no open cases are listed (who has room); a former broker only while
    cases remain. The overdue link under "Nog zonder makelaar" counts and opens the
    unassigned overdue cases only."""
    today = timezone.localdate()
    idle = StaffFactory(role=Role.BROKER)
    gone = StaffFactory(role=Role.BROKER)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    InitiativeFactory.create_batch(2, broker=broker, first_contact_due=today - timedelta(days=2))
    InitiativeFactory.create_batch(3, first_contact_due=today - timedelta(days=2))
    InitiativeFactory()  # unassigned, not overdue
    rows = {row.broker: row for row in workload_list(viewer=coordinator, today=today)}
    assert rows[idle].open_cases == 0 and gone not in rows
    assert (rows[broker].open_cases, rows[broker].overdue) == (2, 2)
    client.force_login(coordinator)
    page = client.get(reverse("brokers:overview")).content.decode()
    assert idle.broker_profile.display_name in page
    link = "?clear=1&amp;unassigned=true&amp;overdue=true"
    assert f'{link}">3 ideeën met eerste contact te laat' in page
    listed = client.get(QUEUE, {"unassigned": "true", "overdue": "true"})
    assert listed.context["page"].paginator.count == 3


def test_first_contact_within_target():
    today = timezone.localdate()
    now = timezone.now()
    InitiativeFactory(in_conversation=True, first_contact_due=today)  # on time
    InitiativeFactory(
        in_conversation=True, first_contact_due=today - timedelta(days=5), submitted_at=now
    )  # late
    InitiativeFactory(first_contact_due=today - timedelta(days=1))  # overdue: late
    InitiativeFactory(first_contact_due=today + timedelta(days=3))  # still open: not counted
    figure = first_contact_figures(since=today.replace(day=1), today=today)
    assert (figure.on_time, figure.late, figure.percentage) == (1, 2, 33)


def test_overview_counts_news_unread_by_the_cases_own_broker(broker, coordinator):
    """The unread column is counted apart, over the cases with activity only: news the
    case's broker read does not count, nor news another broker has not read."""
    from tests.brokers.factories import CaseReadFactory

    other = StaffFactory(role=Role.BROKER)
    now = timezone.now()
    read, unread = InitiativeFactory.create_batch(2, broker=broker, last_activity_at=now)
    InitiativeFactory(broker=broker)  # no news
    InitiativeFactory(broker=other, last_activity_at=now)
    CaseReadFactory(user=broker, initiative=read)
    CaseReadFactory(user=other, initiative=unread)  # someone else's read
    rows = {row.broker: row for row in workload_list(viewer=coordinator)}
    assert (rows[broker].open_cases, rows[broker].unread) == (3, 1)
    assert (rows[other].open_cases, rows[other].unread) == (1, 1)


def test_first_contact_figures_of_month_and_year_in_one_query(django_assert_num_queries):
    today = timezone.localdate()
    now = timezone.now()
    InitiativeFactory(in_conversation=True, first_contact_due=today)  # on time, this month
    InitiativeFactory(first_contact_due=today - timedelta(days=1))  # overdue: late
    last_year = now.replace(year=now.year - 1)
    InitiativeFactory(submitted_at=last_year, first_contact_due=today - timedelta(days=1))
    starts = (today.replace(day=1), today.replace(month=1, day=1))
    with django_assert_num_queries(1):
        month, year = first_contact_figures_since(*starts, today=today)
    assert (month.on_time, month.late) == (1, 1)
    assert (year.on_time, year.late) == (1, 1)
    assert first_contact_figures(since=starts[1], today=today) == year


# --- saved views ------------------------------------------------------------------------------


def test_a_broker_saves_a_view_and_opens_it_without_the_search(client, broker):
    client.force_login(broker)
    client.post(QUEUE, {"q": "Greet Mulder"})
    response = client.post(
        reverse("brokers:saved-view-save"),
        {"name": " Te laat  in sport ", "next": f"{QUEUE}?overdue=true&theme=sport&page=2"},
    )
    view = SavedView.objects.get(owner=broker)
    assert view.name == "Te laat in sport"
    assert view.query == "theme=sport&overdue=true"  # no page, no search (it may be a name)
    assert not view.shared
    response = client.get(response["Location"], follow=True)
    assert response.context["filter"].data["overdue"] == "true"
    assert "q" not in response.context["filter"].data
    assert 'aria-current="true"' in response.content.decode()


def test_saved_views_are_private_unless_shared(client, broker):
    colleague = StaffFactory(role=Role.BROKER)
    private = SavedViewFactory(owner=colleague, name="Alleen van mij")
    shared = SavedViewFactory(owner=colleague, name="Voor iedereen", shared=True)
    own = SavedViewFactory(owner=broker)
    assert set(saved_view_list(viewer=broker)) == {shared, own}
    client.force_login(broker)
    assert client.get(reverse("brokers:saved-view", args=[private.pk])).status_code == 404
    assert client.get(reverse("brokers:saved-view", args=[shared.pk])).status_code == 302
    page = client.get(QUEUE).content.decode()
    assert "Voor iedereen" in page and "Alleen van mij" not in page
    # A colleague's shared view is not mine to remove; someone else's private one not found.
    client.post(reverse("brokers:saved-view-delete", args=[shared.pk]), {"next": QUEUE})
    assert SavedView.objects.filter(pk=shared.pk).exists()
    response = client.post(reverse("brokers:saved-view-delete", args=[private.pk]))
    assert response.status_code == 404
    client.post(reverse("brokers:saved-view-delete", args=[own.pk]), {"next": QUEUE})
    assert not SavedView.objects.filter(pk=own.pk).exists()


def test_civil_servants_never_see_saved_views(client, civil_servant, broker):
    shared = SavedViewFactory(owner=broker, shared=True)
    client.force_login(civil_servant)
    assert client.get(reverse("brokers:saved-view", args=[shared.pk])).status_code == 403
    assert client.post(reverse("brokers:saved-view-save"), {"name": "x"}).status_code == 403
    with pytest.raises(Exception, match="Only brokers"):
        saved_view_list(viewer=civil_servant)


def test_a_view_needs_a_name(client, broker):
    client.force_login(broker)
    response = client.post(
        reverse("brokers:saved-view-save"), {"name": "", "next": QUEUE}, follow=True
    )
    assert not SavedView.objects.exists()
    assert [str(m) for m in response.context["messages"]] == ["Geef de weergave een naam."]


@pytest.mark.django_db(transaction=True)
def test_on_its_own_the_read_mark_commits_without_waiting_for_the_disk(broker):
    """Outside a transaction the upsert sets synchronous_commit off for itself only."""
    from django.db import connection

    from brokers.workbench.services import case_read_mark

    case = InitiativeFactory(in_conversation=True, broker=broker)
    assert not connection.in_atomic_block
    case_read_mark(initiative=case, actor=broker)
    case_read_mark(initiative=case, actor=broker)
    assert CaseRead.objects.filter(user=broker, initiative=case).count() == 1
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
