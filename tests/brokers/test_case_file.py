"""The broker's case file: two columns, previous/next in the queue view, shortcuts
documented on the page, a print stylesheet, and bounded queries."""

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from brokers.services import case_note_create, contact_moment_create
from initiatives.constants import Status
from tests.brokers.factories import OrganisationFactory
from tests.initiatives.factories import InitiativeFactory, theme

pytestmark = pytest.mark.django_db


def _long_history(case, broker, entries=200):
    for index in range(entries // 2):
        case_note_create(initiative=case, actor=broker, text=f"Notitie {index}")
        contact_moment_create(
            initiative=case,
            actor=broker,
            happened_on=timezone.localdate(),
            channel="phone",
            duration_minutes=5,
            intervention="meeting",
            summary=f"Gebeld {index}",
        )


def test_case_file_reads_at_most_12_queries_with_a_200_entry_timeline(
    client, broker, django_assert_max_num_queries
):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    OrganisationFactory()
    _long_history(case, broker)
    client.force_login(broker)
    url = reverse("brokers:case", args=[case.reference])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    page = response.content.decode()
    assert page.count('class="timeline-') >= 200
    assert "Gebeld 99" in page and "Notitie 0" in page
    # In a queue view too (the neighbours are read in the same round trip).
    with django_assert_max_num_queries(12):
        assert client.get(url, {"view": "status=in_conversation"}).status_code == 200


def test_case_api_reads_at_most_8_queries(client, broker, django_assert_max_num_queries):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    _long_history(case, broker, entries=20)
    client.force_login(broker)
    with django_assert_max_num_queries(8):
        response = client.get(f"/api/v1/cases/{case.reference}/")
    assert response.status_code == 200
    assert len(response.json()["timeline"]) >= 20


def test_previous_and_next_follow_the_queue_view(client, broker):
    cases = [
        InitiativeFactory(in_conversation=True, broker=broker, title=f"Idee {n}") for n in range(3)
    ]
    InitiativeFactory(title="Ander idee")  # status new: not in this view
    ordered = sorted(cases, key=lambda c: (c.submitted_at, c.pk))
    client.force_login(broker)
    view = "status=in_conversation&sort=oldest"
    middle = ordered[1]
    page = client.get(
        reverse("brokers:case", args=[middle.reference]), {"view": view}
    ).content.decode()
    previous = re.search(r'href="([^"]+)" rel="prev"', page).group(1)
    following = re.search(r'href="([^"]+)" rel="next"', page).group(1)
    assert ordered[0].reference in previous and ordered[2].reference in following
    # The link keeps the view, so "j" keeps walking the same list.
    assert urlencode({"view": view}).replace("&", "&amp;") in following
    assert f'href="{reverse("brokers:queue")}?status=in_conversation&amp;sort=oldest"' in page
    last = client.get(following.replace("&amp;", "&")).content.decode()
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_without_a_view_the_default_queue_gives_the_neighbours(client, broker):
    first, second = InitiativeFactory(), InitiativeFactory()
    client.force_login(broker)
    page = client.get(reverse("brokers:case", args=[first.reference])).content.decode()
    assert 'rel="next"' in page or 'rel="prev"' in page
    assert second.reference in page


def test_an_action_keeps_the_view_in_its_redirect(client, broker):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    url = reverse("brokers:case-note", args=[case.reference])
    response = client.post(f"{url}?view=sort%3Doldest", {"note-text": "Even bellen"})
    assert response.status_code == 302
    assert "?view=sort%3Doldest" in response["Location"]


def test_page_has_two_columns_open_actions_shortcuts_and_print_styles_without_inline_code(
    client, broker
):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    assert 'class="case-columns"' in page and 'class="case-side"' in page
    # The most used actions are open, not folded away.
    for action in ("contact", "transition", "note"):
        assert re.search(rf'<section class="panel panel-open" id="{action}"', page), action
    # Shortcuts are documented on the page; search is there for "/".
    assert 'id="shortcuts"' in page and "<kbd>j</kbd>" in page and 'id="case-search"' in page
    assert "css/casefile-print.css" in page and 'media="print"' in page
    assert "js/casefile.js" in page
    body = page.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert "<script>" not in body and "style=" not in body


def test_the_close_form_label_and_hint_agree_on_what_is_required(client, broker):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    label = re.search(r'<label for="id_transition-outcome_message">(.*?)</label>', page, re.S)
    assert "niet verplicht" not in label.group(1)
    assert "verplicht bij afsluiten" in label.group(1)
    response = client.post(
        reverse("brokers:case-transition", args=[case.reference]),
        {"transition-to_status": Status.STOPPED, "transition-outcome_message": ""},
    )
    assert "Schrijf de initiatiefnemer wat er is gebeurd" in response.content.decode()


def test_case_file_with_grants_receipts_and_funding_stays_within_12_queries(
    client, broker, django_assert_max_num_queries
):
    from tests.budgets.factories import (
        FundingLineFactory,
        GrantFactory,
        GrantReceiptFactory,
        NeighbourhoodBudgetFactory,
    )

    case = InitiativeFactory(in_progress=True, broker=broker)
    budget = NeighbourhoodBudgetFactory(neighbourhood=case.neighbourhood)
    GrantFactory(initiative=case, budget=budget)
    for _ in range(3):
        receipt = GrantReceiptFactory(grant=GrantFactory(initiative=case, accounted=True))
    FundingLineFactory.create_batch(3, initiative=case)
    _long_history(case, broker, entries=20)
    client.force_login(broker)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    assert reverse("budgets:receipt", args=[receipt.pk]) in page
    assert "Nu vrij in wijkbudget" in page


@pytest.mark.parametrize(
    "view",
    [
        "theme=bestaat-niet",
        "page=abc&per_page=-5",
        "status=onzin",
        "sort=%27%3B--",
        "x" * 3000,
        # A page past what PostgreSQL's OFFSET takes (bigint) was a 500.
        "page=" + "9" * 25,
        "page=" + "9" * 18 + "&per_page=200",
    ],
)
def test_a_broken_view_never_breaks_the_case_file(client, broker, view):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    response = client.get(reverse("brokers:case", args=[case.reference]), {"view": view})
    assert response.status_code == 200


def test_timeline_names_the_author_of_notes_and_contacts_as_before(broker):
    """Notes and contact moments are read as .values() rows: who wrote them is named as
    actor_name() names the user (profile name, else the account name, none when gone)."""
    from accounts.models import BrokerProfile
    from brokers.models import CaseNote, ContactMoment
    from initiatives.timeline import actor_name, initiative_timeline
    from tests.accounts.factories import StaffFactory

    case = InitiativeFactory(in_conversation=True, broker=broker)
    without_profile = StaffFactory()
    BrokerProfile.objects.filter(user=without_profile).delete()
    for author in (broker, without_profile):
        case_note_create(initiative=case, actor=author, text="Notitie")
        contact_moment_create(
            initiative=case,
            actor=author,
            happened_on=timezone.localdate(),
            channel="phone",
            duration_minutes=5,
            intervention="meeting",
            summary="Gebeld",
        )
    CaseNote.objects.create(initiative=case, author=None, text="Van niemand")

    shown = {
        (entry.kind, entry.actor)
        for entry in initiative_timeline(case)
        if entry.kind in ("note", "contact")
    }
    expected = {("note", actor_name(n.author)) for n in CaseNote.objects.filter(initiative=case)}
    expected |= {
        ("contact", actor_name(m.broker)) for m in ContactMoment.objects.filter(initiative=case)
    }
    assert shown == expected
    assert ("note", "") in shown and ("note", without_profile.username) in shown
    assert ("contact", broker.broker_profile.display_name) in shown


@pytest.mark.parametrize("view", ["", "per_page=50&size=3", "page=2&per_page=1", "size=5000"])
def test_the_queue_as_it_opens_gives_the_same_neighbours_as_its_filter(rf, broker, view):
    """Without filters, sort or search the case file reads the default queue directly:
    the same query the queue's filter builds for it."""
    from django.contrib.sessions.backends.db import SessionStore

    from brokers.case_navigation import neighbours_queryset
    from brokers.filters import CaseFilter
    from brokers.selectors import case_queryset, order_in_memory

    InitiativeFactory.create_batch(3)
    request = rf.get("/", {"view": view} if view else {})
    request.user, request.session = broker, SessionStore()
    references, _window = neighbours_queryset(request)
    through_filter = CaseFilter({}, queryset=case_queryset(viewer=broker), request=request).qs
    if "size=3" in view:
        through_filter = order_in_memory(through_filter)
    expected = through_filter.values_list("reference", flat=True)[
        references.query.low_mark : references.query.high_mark
    ]
    assert str(references.query) == str(expected.query)
    assert list(references) == list(expected)


def test_the_search_the_view_names_goes_through_the_filter(client, broker):
    """The view carries the key of the search (the term is in the session): previous
    and next walk the search's results; a view without a key walks no search."""
    from brokers.filters import SEARCH_PARAM, SEARCHES_SESSION_KEY

    wanted = InitiativeFactory(title="Moestuin aan de gracht")
    found = InitiativeFactory(title="Moestuin bij school")
    other = InitiativeFactory(title="Iets anders")
    client.force_login(broker)
    session = client.session
    session[SEARCHES_SESSION_KEY] = {"k1": "moestuin"}
    session.save()
    case = reverse("brokers:case", args=[wanted.reference])
    page = client.get(case, {"view": f"{SEARCH_PARAM}=k1"}).content.decode()
    assert 'rel="next"' in page or 'rel="prev"' in page
    assert found.reference in page and other.reference not in page
    assert f"/makelaar/?{SEARCH_PARAM}=k1" in page  # back to the queue with the search
    page = client.get(case).content.decode()
    assert other.reference in page or found.reference in page


@pytest.mark.parametrize(
    "view",
    [
        "status=in_conversation",
        "status=new&status=in_progress&sort=-activity",
        "theme=ontmoeting&neighbourhood=onbekend&unassigned=true",
        "broker={broker}&mine=true&overdue=false&waiting=true",
        "review=true&unread=true&due=soon&need=money",
        "due=week&channel=phone&sort=title",
        "q=moestuin&sort=relevance",
        "q=2026-0001",
        "status=onzin&broker=999999&sort=%27%3B--",
        "sort=reference&page=2&per_page=50",
    ],
)
def test_the_view_filter_builds_the_queue_filters_query(rf, broker, view):
    """Previous/next parse the view with only the filters it names (ViewFilter): the
    same query as the queue's own filter, for valid, invalid and empty values alike."""
    from django.http import QueryDict

    from brokers.filters import CaseFilter, ViewFilter
    from brokers.selectors import case_queryset

    theme()
    data = QueryDict(view.format(broker=broker.pk))
    request = rf.get("/")
    request.user = broker
    cases = case_queryset(viewer=broker)
    full = CaseFilter(data, queryset=cases, request=request)
    parsed = ViewFilter(data, queryset=cases, request=request)
    assert str(parsed.qs.query) == str(full.qs.query)
    assert parsed.errors == full.errors


def test_a_views_query_is_built_once_and_read_anew_for_each_case(client, broker, coordinator):
    """Previous/next keep the query a view builds (per view, viewer and day): every case
    file reads the cases as they are then, and each viewer gets their own ("mine")."""
    from brokers.case_navigation import _BUILT

    _BUILT.clear()
    mine = [InitiativeFactory(in_conversation=True, broker=broker) for _ in range(3)]
    theirs = InitiativeFactory(in_conversation=True, broker=coordinator)
    view = {"view": "status=in_conversation&mine=true&sort=oldest"}
    client.force_login(broker)
    first = client.get(reverse("brokers:case", args=[mine[0].reference]), view).content
    assert mine[1].reference in first.decode() and len(_BUILT) == 1
    mine[1].status = Status.IN_PROGRESS  # leaves the view
    mine[1].save(update_fields=["status"])
    again = client.get(reverse("brokers:case", args=[mine[0].reference]), view).content
    assert mine[1].reference not in again.decode() and mine[2].reference in again.decode()
    assert len(_BUILT) == 1
    client.force_login(coordinator)
    page = client.get(reverse("brokers:case", args=[theirs.reference]), view).content.decode()
    assert 'rel="next"' not in page and 'rel="prev"' not in page
    assert len(_BUILT) == 2


def test_the_help_asked_for_reads_in_staffs_words(client, broker):
    """The resident ticked "Meedenken over mijn idee"; the broker reads the request in the
    third person (initiatives.constants.STAFF_NEED_LABELS), the stored value unchanged."""
    case = InitiativeFactory(needs=["thinking_along", "volunteers"], broker=broker)
    client.force_login(broker)
    page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    assert "Meedenken over het idee, Vrijwilligers" in page
    assert "over mijn idee" not in page.lower()
    case.refresh_from_db()
    assert case.needs == ["thinking_along", "volunteers"]
