"""The queue as a workbench: chips, sortable columns, count links that replace the
search, bulk actions on the ticked cases or the whole view, and the XLSX export."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.roles import Role
from brokers.filters import SEARCH_PARAM, SEARCHES_SESSION_KEY, queue_filter
from brokers.workbench import services
from initiatives.constants import Status
from initiatives.models import Initiative
from messaging.constants import MessageKind
from messaging.models import OutboundMessage
from tests.accounts.factories import StaffFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, ThemeFactory

pytestmark = pytest.mark.django_db

QUEUE = "/makelaar/"


def _messages(response) -> list[str]:
    """What the page says: its flash messages, and the errors of a refused bulk form
    (shown again on the queue, in the summary and next to the fields)."""
    if not response.context:
        return []
    said = [str(m) for m in response.context["messages"]]
    form = response.context.get("bulk_form")
    if form is not None and form.is_bound:
        said += [message for _anchor, message in form.error_summary()]
    return said


def test_every_active_filter_and_the_search_is_a_removable_chip(client, broker):
    client.force_login(broker)
    searched = client.post(QUEUE, {"q": "moestuin", "status": ["new", "in_progress"]})
    response = client.get(searched["Location"] + "&overdue=true")
    chips = {chip["name"]: chip for chip in response.context["chips"]}
    page = response.content.decode()
    assert "Zoekterm: moestuin" in page and "Eerste contact te laat" in page
    statuses = [c for c in response.context["chips"] if c["name"] == "status"]
    assert len(statuses) == 2  # one chip per status, each removes only itself
    assert "status=in_progress" in statuses[0]["url"] and "status=new" not in statuses[0]["url"]
    assert SEARCH_PARAM in statuses[0]["url"]  # and keeps the search
    # The search chip forgets the search and keeps the filters.
    assert SEARCH_PARAM not in chips["q"]["url"]
    follow = client.get(chips["q"]["url"], follow=True)
    assert follow.context["filter"].data.getlist("status") == ["new", "in_progress"]
    assert not [c for c in follow.context["chips"] if c["name"] == "q"]


def test_a_count_link_replaces_the_search_instead_of_combining(client, broker):
    InitiativeFactory(title="Straatfeest", status=Status.NEW)
    client.force_login(broker)
    searched = client.post(QUEUE, {"q": "onvindbaar"})
    page = client.get(searched["Location"])
    assert page.context["page"].paginator.count == 0
    assert 'href="?status=new"' in page.content.decode()
    assert client.get(QUEUE, {"status": "new"}).context["page"].paginator.count == 1
    # Older links with `clear` still start a fresh view.
    response = client.get(QUEUE, {"clear": "1", "status": "new"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{QUEUE}?status=new"
    assert response.context["page"].paginator.count == 1


def test_column_headers_sort_and_say_how(client, broker):
    InitiativeFactory(title="Bankje")
    InitiativeFactory(title="Zwembad")
    InitiativeFactory(title="Moestuin")
    client.force_login(broker)
    response = client.get(QUEUE, {"sort": "title"})
    assert [i.title for i in response.context["page"].object_list] == [
        "Bankje",
        "Moestuin",
        "Zwembad",
    ]
    assert response.context["columns"]["title"]["aria_sort"] == "ascending"
    assert "sort=-title" in response.context["columns"]["title"]["url"]
    page = response.content.decode()
    assert 'aria-sort="ascending"' in page
    response = client.get(QUEUE, {"sort": "-title"})
    assert response.context["page"].object_list[0].title == "Zwembad"
    assert response.context["columns"]["title"]["aria_sort"] == "descending"


def test_queue_filter_is_the_one_parser(rf, broker):
    mine = InitiativeFactory(broker=broker)
    InitiativeFactory()
    request = rf.get(QUEUE, {"mine": "true"})
    request.user = broker
    request.session = {}
    assert list(queue_filter(request).qs) == [mine]
    request.session = {SEARCHES_SESSION_KEY: {"k1": "nergens"}}
    assert list(queue_filter(request).qs) == [mine]  # no key in the URL: no search
    request = rf.get(QUEUE, {"mine": "true", SEARCH_PARAM: "k1"})
    request.user, request.session = broker, {SEARCHES_SESSION_KEY: {"k1": "nergens"}}
    assert list(queue_filter(request).qs) == []


def test_the_filter_form_class_is_made_once_its_choices_per_request(rf, broker):
    """CaseFilter keeps its form class (brokers.filters.CaseFilter.get_form_class): each
    form still gets its own fields, broker choices read anew, and a ViewFilter of other
    filters its own class."""
    from brokers.filters import ViewFilter

    request = rf.get(QUEUE)
    request.user, request.session = broker, {}
    first, second = queue_filter(request).form, queue_filter(request).form
    assert type(first) is type(second)
    assert first.fields["broker"] is not second.fields["broker"]
    assert first.fields["broker"].queryset is not second.fields["broker"].queryset
    data = {"mine": "true"}
    narrow = ViewFilter(data, queryset=Initiative.objects.all(), request=request).form
    assert type(narrow) is not type(first) and set(narrow.fields) == {"mine", "sort"}


def test_bulk_assign_on_every_case_in_the_view_keeps_the_filters(client, coordinator):
    sport = InitiativeFactory.create_batch(3, theme=ThemeFactory(slug="bench-sport"))
    other = InitiativeFactory()
    colleague = StaffFactory(role=Role.BROKER)
    client.force_login(coordinator)
    back = f"{QUEUE}?theme=bench-sport&page=1"
    response = client.post(
        reverse("brokers:bulk-assign"),
        {
            "scope": "matching",
            "expected": 3,
            "action": "assign",
            "broker": colleague.pk,
            "next": back,
        },
        follow=True,
    )
    assert response.redirect_chain[0][0] == back
    name = colleague.broker_profile.display_name
    assert f"3 ideeën toegewezen aan {name}. 3 initiatiefnemers krijgen een e-mail." in (
        _messages(response)
    )
    assert {c.broker for c in type(other).objects.filter(pk__in=[s.pk for s in sport])} == {
        colleague
    }
    other.refresh_from_db()
    assert other.broker is None


def test_bulk_on_every_case_acts_on_the_view_the_broker_saw_or_not_at_all(client, broker):
    """ "All 3 in this view" means those 3: a case that came in since the page was shown
    (or a search changed in another tab) is not closed and messaged unseen."""
    theme = ThemeFactory(slug="bench-park")
    shown = InitiativeFactory.create_batch(3, theme=theme, broker=broker)
    client.force_login(broker)
    page = client.get(QUEUE, {"theme": "bench-park"})
    assert page.context["page"].paginator.count == 3
    arrived = InitiativeFactory(theme=theme, broker=broker)
    data = {
        "scope": "matching",
        "expected": 3,
        "action": "waiting",
        "reason": "De tekening",
        "next": f"{QUEUE}?theme=bench-park",
    }
    response = client.post(reverse("brokers:bulk-assign"), data, follow=True)
    assert any("nu 4 ideeën" in m for m in _messages(response)), _messages(response)
    assert not type(arrived).objects.filter(waiting_since__isnull=False).exists()

    # Without the number shown, nothing happens either.
    response = client.post(reverse("brokers:bulk-assign"), {**data, "expected": ""}, follow=True)
    assert not type(arrived).objects.filter(waiting_since__isnull=False).exists()

    # The search the page showed, not what its key names by now (never, but still).
    session = client.session
    session[SEARCHES_SESSION_KEY] = {"k1": "iets anders"}
    session.save()
    response = client.post(
        reverse("brokers:bulk-assign"),
        {
            **data,
            "expected": 1,
            "search": shown[0].reference,
            "next": f"{QUEUE}?theme=bench-park&{SEARCH_PARAM}=k1",
        },
        follow=True,
    )
    assert (
        "1 idee wacht nu op de initiatiefnemer. De initiatiefnemers krijgen hierover geen "
        "bericht." in _messages(response)
    )
    waiting = type(arrived).objects.filter(waiting_since__isnull=False)
    assert list(waiting.values_list("pk", flat=True)) == [shown[0].pk]


def test_the_bulk_form_carries_the_number_and_search_it_shows(client, broker):
    InitiativeFactory.create_batch(51, broker=broker)
    client.force_login(broker)
    searched = client.post(QUEUE, {"q": "moestuin"})
    response = client.get(searched["Location"])
    count = response.context["page"].paginator.count
    assert count > 50
    page = response.content.decode()
    assert f'name="expected" value="{count}"' in page
    assert 'name="search" value="moestuin"' in page


def test_bulk_reports_what_it_skipped_and_why(client, broker):
    colleague = StaffFactory(role=Role.BROKER)
    free = InitiativeFactory()
    already = InitiativeFactory(broker=broker)
    theirs = InitiativeFactory(broker=colleague)
    client.force_login(broker)
    response = client.post(
        reverse("brokers:bulk-assign"),
        {
            "initiatives": [free.pk, already.pk, theirs.pk],
            "action": "assign",
            "broker": broker.pk,
            "next": QUEUE,
        },
        follow=True,
    )
    shown = _messages(response)
    assert any(m.startswith("1 idee toegewezen aan ") for m in shown), shown
    assert "1 idee overgeslagen: Had deze makelaar al." in shown
    assert any(m.startswith("1 idee overgeslagen: Alleen een coördinator") for m in shown)
    theirs.refresh_from_db()
    assert theirs.broker == colleague


def test_bulk_waiting_and_status_change_with_one_message_each(client, broker):
    cases = InitiativeFactory.create_batch(2, in_progress=True, broker=broker)
    client.force_login(broker)
    ids = [c.pk for c in cases]
    response = client.post(
        reverse("brokers:bulk-assign"),
        {"initiatives": ids, "action": "waiting", "reason": "Begroting", "next": QUEUE},
        follow=True,
    )
    assert any(m.startswith("2 ideeën wachten nu op") for m in _messages(response))
    # Closing needs the message: nothing happens without it, and the form says so.
    response = client.post(
        reverse("brokers:bulk-assign"),
        {"initiatives": ids, "action": "status", "to_status": "realised", "next": QUEUE},
        follow=True,
    )
    assert any("Schrijf de initiatiefnemers" in m for m in _messages(response))
    assert all(c.status == Status.IN_PROGRESS for c in type(cases[0]).objects.filter(pk__in=ids))
    response = client.post(
        reverse("brokers:bulk-assign"),
        {
            "initiatives": ids,
            "action": "status",
            "to_status": "realised",
            "message": "Het feest is geweest.",
            "next": QUEUE,
        },
        follow=True,
    )
    assert "Bij 2 ideeën de status gewijzigd. 2 initiatiefnemers krijgen een e-mail." in (
        _messages(response)
    )
    outcomes = OutboundMessage.objects.filter(initiative__in=ids, kind=MessageKind.OUTCOME)
    assert outcomes.count() == 2


def test_bulk_refuses_more_than_the_maximum(broker, monkeypatch):
    monkeypatch.setattr(services, "MAX_BULK", 2)
    cases = InitiativeFactory.create_batch(3)
    with pytest.raises(services.ValidationError):
        services.cases_bulk_assign(initiatives=cases, broker=broker, actor=broker)


def test_bulk_needs_a_choice_and_never_leaves_for_another_site(client, broker):
    client.force_login(broker)
    response = client.post(
        reverse("brokers:bulk-assign"),
        {"action": "assign", "broker": broker.pk, "next": "https://elders.example/"},
    )
    assert response.status_code == 400
    assert response.context["next_url"] == QUEUE
    assert "Kies minstens één idee." in _messages(response)


def test_a_refused_bulk_action_keeps_the_ticks_the_words_and_the_status(client, broker):
    """Walkthrough defect 2: the queue shows again, the same view, with the error in
    the summary and next to its field; nothing the broker chose or typed is lost."""
    theme = ThemeFactory(slug="bench-kept")
    ticked, other = InitiativeFactory.create_batch(2, theme=theme, broker=broker)
    client.force_login(broker)
    back = f"{QUEUE}?theme=bench-kept"
    response = client.post(
        reverse("brokers:bulk-assign"),
        {
            "initiatives": [ticked.pk],
            "action": "status",
            "to_status": "realised",
            "message": "",
            "reason": "De tekening van de tuin",
            "next": back,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="error-summary"' in page
    assert 'href="#id_bulk_message"' in page
    assert 'id="id_bulk_message-error"' in page
    assert f'value="{ticked.pk}" id="pick-{ticked.pk}" data-pick checked>' in page
    assert f'value="{other.pk}" id="pick-{other.pk}" data-pick>' in page
    assert 'value="De tekening van de tuin"' in page
    assert '<option value="realised" selected>' in page
    assert response.context["page"].paginator.count == 2  # the same view
    assert response.context["next_url"] == back
    assert Initiative.objects.get(pk=ticked.pk).status != Status.REALISED

    # No case ticked: the summary links to the first checkbox in the table.
    response = client.post(
        reverse("brokers:bulk-assign"),
        {"action": "waiting", "reason": "Begroting", "next": back},
    )
    page = response.content.decode()
    assert "Kies minstens één idee." in page
    first = response.context["rows"][0].initiative.pk
    assert f'href="#pick-{first}"' in page
    assert 'value="Begroting"' in page

    # No status chosen: the error sits at the status field, the message is kept.
    response = client.post(
        reverse("brokers:bulk-assign"),
        {"initiatives": [ticked.pk], "action": "status", "message": "Tot ziens", "next": back},
    )
    page = response.content.decode()
    assert 'id="id_bulk_to_status-error"' in page and "Kies de nieuwe status." in page
    assert "Tot ziens</textarea>" in page


def test_the_bulk_bar_and_its_report_say_who_is_told(client, broker):
    """Walkthrough defect 12: beforehand, each action says whether and how initiators
    are told; afterwards, the report says how they were."""
    by_mail = InitiativeFactory(broker=broker)
    by_phone = InitiativeFactory(
        broker=broker, initiator=InitiatorFactory(email="", phone="0612345678")
    )
    client.force_login(broker)
    page = client.get(QUEUE).content.decode()
    assert "krijgt bericht wie nu zijn of haar makelaar is" in page
    assert "de initiatiefnemers krijgen geen bericht" in page
    colleague = StaffFactory(role=Role.COORDINATOR)
    client.force_login(colleague)
    response = client.post(
        reverse("brokers:bulk-assign"),
        {
            "initiatives": [by_mail.pk, by_phone.pk],
            "action": "assign",
            "broker": colleague.pk,
            "next": QUEUE,
        },
        follow=True,
    )
    (said,) = _messages(response)
    assert "1 initiatiefnemer krijgt een e-mail." in said
    assert "1 initiatiefnemer heeft geen e-mail: er staat een belopdracht in" in said


def test_civil_servants_cannot_use_the_workbench(client, civil_servant):
    client.force_login(civil_servant)
    for url in [reverse("brokers:queue-export"), reverse("brokers:day"), QUEUE]:
        assert client.get(url).status_code == 403
    assert client.post(reverse("brokers:bulk-assign"), {}).status_code == 403


def test_export_is_the_current_view_without_personal_data(client, broker):
    InitiativeFactory(
        title='=HYPERLINK("http://x")',
        broker=broker,
        initiator=InitiatorFactory(name="Greet Mulder", email="greet@example.nl"),
    )
    InitiativeFactory(title="Niet van mij")
    client.force_login(broker)
    response = client.get(reverse("brokers:queue-export"), {"mine": "true"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Kenmerk" and len(rows) == 2
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["B"].width == 50
    flat = " ".join(str(v) for row in rows for v in row)
    assert "Greet" not in flat and "greet@" not in flat
    assert timezone.localdate().strftime("%Y-%m-%d") in response["Content-Disposition"]


def test_queue_query_count_is_bounded_with_chips_and_marks(
    client, broker, django_assert_max_num_queries
):
    from tests.brokers.factories import CaseReadFactory

    client.force_login(broker)
    cases = InitiativeFactory.create_batch(5, broker=broker, last_activity_at=timezone.now())
    url = f"{QUEUE}?mine=true&status=new&theme=&sort=activity&broker={broker.pk}"
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    InitiativeFactory.create_batch(30, broker=broker, last_activity_at=timezone.now())
    for case in cases:
        CaseReadFactory(user=broker, initiative=case)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert sum(i.unread for i in response.context["page"].object_list) == 30


def test_rows_and_timeline_written_in_python_escape_what_people_typed(client, broker):
    """The queue's rows (views/queue_rows.py QueueRow) and the case file's timeline
    (views/case_file.py timeline_items) are built in Python: every value typed by a
    resident or a colleague is escaped there, as the template did."""
    from brokers.services import case_note_create, initiative_waiting_set

    case = InitiativeFactory(broker=broker, in_conversation=True, title="<b>Vet</b> & co")
    initiative_waiting_set(
        initiative=case, actor=broker, reason='"><script>x()</script>', since=None
    )
    case_note_create(initiative=case, actor=broker, text="regel 1\n<i>regel 2</i>")
    client.force_login(broker)
    queue = client.get(QUEUE).content.decode()
    assert "&lt;b&gt;Vet&lt;/b&gt; &amp; co" in queue and "<b>Vet</b>" not in queue
    assert "<script>x()" not in queue and "&lt;script&gt;x()" in queue
    case_file = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    assert "regel 1<br>&lt;i&gt;regel 2&lt;/i&gt;" in case_file
    assert case_file.count('<li class="timeline-') >= 2


def test_a_large_view_is_counted_up_to_a_cap_and_every_page_stays_reachable(monkeypatch):
    from brokers import paging

    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    InitiativeFactory.create_batch(7)

    def paginator(number=None):
        cases = Initiative.objects.order_by("pk")
        return paging.QueuePaginator(cases, 2, count_queryset=cases, number=number)

    first = paginator()
    assert (first.cap, first.count, first.capped, first.known_pages) == (3, 4, True, 1)
    assert first.get_page(1).has_next()
    # A page past the cap is counted up to it, and knows whether another follows.
    third = paginator(3)
    page = third.get_page(3)
    assert (third.cap, third.count, third.capped) == (6, 7, True)
    assert len(page.object_list) == 2 and page.has_next()
    last = paginator("4")
    assert (last.count, last.capped) == (7, False)
    assert not last.get_page(4).has_next()
    assert paginator("abc").cap == 3
    assert paginator(str(10**30)).get_page(10**30).number == 4


def test_the_queue_says_more_than_the_cap(client, broker, monkeypatch):
    from brokers import paging
    from brokers.views import queue

    InitiativeFactory.create_batch(5)
    client.force_login(broker)
    monkeypatch.setattr(queue, "PAGE_SIZE", 2)
    page = client.get(QUEUE).content.decode()
    assert "5 ideeën gevonden" in page and "Pagina 1 van 3" in page and "Meer dan" not in page
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    page = client.get(QUEUE).content.decode()
    assert "Meer dan 3 ideeën gevonden" in page and "Pagina 1 van meer dan 1" in page
    assert "Alle ideeën in deze weergave (meer dan 3, niet alleen deze pagina)" in page


def test_case_links_of_a_small_view_say_its_size_and_walk_the_queues_order(client, broker):
    import re

    InitiativeFactory.create_batch(3, in_conversation=True, broker=broker)
    client.force_login(broker)
    # A size in the address (from a case file's "back to the queue") is not believed.
    response = client.get(QUEUE, {"status": "in_conversation", "sort": "oldest", "size": "9"})
    rows = response.context["rows"]
    assert all("size%3D3" in row.url for row in rows)
    page = client.get(rows[1].url).content.decode()
    previous = re.search(r'href="([^"]+)" rel="prev"', page).group(1)
    following = re.search(r'href="([^"]+)" rel="next"', page).group(1)
    assert rows[0].initiative.reference in previous
    assert rows[2].initiative.reference in following


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", ("3 nov.", "1 nov. 00:30", "1 nov. 2026")),
        ("en", ("3 Nov", "1 Nov 00:30", "1 Nov 2026")),
    ],
)
def test_rows_print_short_dates_as_the_language_writes_them(language, expected):
    """QueueRow formats its dates itself (the template filter cost ~0.1 ms a row), in
    the local time zone: "15 nov." in Dutch (walk finding: "15 Nov", "2 Mrt", "Mei"),
    "15 Nov" in English; the case header's deadline says the same (config.dates)."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from django.template import Context, Template
    from django.template.defaultfilters import date as date_filter
    from django.utils import translation

    from brokers.views.queue_rows import queue_rows

    due, activity, submitted = expected
    # Just before midnight UTC: already the next day (and month) in Amsterdam.
    late = datetime(2026, 10, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
    today = date(2026, 11, 2)
    case = InitiativeFactory(submitted_at=late, last_activity_at=late)
    Initiative.objects.filter(pk=case.pk).update(first_contact_due=date(2026, 11, 3))
    case.refresh_from_db()
    with translation.override(language):
        html = str(queue_rows([case], case_view="", today=today)[0])
        local = timezone.localtime(late)
        # The activity's date and time may go on two lines (a narrow screen), each whole.
        plain = re.sub(r'</?span( class="nowrap")?>', "", html)
        assert f'<time datetime="{date_filter(local, "c")}">{activity}</time>' in plain
        assert f'<time datetime="{date_filter(local, "c")}">{submitted}</time>' in html
        assert f"{translation.gettext('Bijna')} {due}</span>" in html
        may = Template("{% load staff %}{{ day|short_date }}").render(
            Context({"day": date(2027, 5, 4)})
        )
        assert may == ("4 mei" if language == "nl" else "4 May")


def test_waiting_since_today_reads_as_such(broker):
    from brokers.views.queue_rows import queue_rows

    today = timezone.localdate()
    case = InitiativeFactory(broker=broker)
    Initiative.objects.filter(pk=case.pk).update(waiting_since=today, waiting_reason="tekening")
    case.refresh_from_db()
    assert "wacht </span>sinds vandaag" in str(queue_rows([case], case_view="", today=today)[0])
    from config.working_days import add_working_days

    later = add_working_days(today, 1)
    assert "wacht </span>1 werkdag<" in str(queue_rows([case], case_view="", today=later)[0])


def test_bulk_on_a_view_shown_above_the_limit_does_nothing_once_it_has_shrunk(client, broker):
    """A view shown with more cases than a bulk action takes ("all 600", or "more than
    10,000" when the count was capped) is refused by the service; the same view shrunk
    to within the limit since is not what the broker saw, so it is refused too."""
    from brokers.workbench.services import MAX_BULK

    theme = ThemeFactory(slug="bench-shrunk")
    cases = InitiativeFactory.create_batch(3, theme=theme, broker=broker)
    client.force_login(broker)
    data = {
        "scope": "matching",
        "expected": MAX_BULK + 100,
        "action": "waiting",
        "reason": "De tekening",
        "next": f"{QUEUE}?theme=bench-shrunk",
    }
    response = client.post(reverse("brokers:bulk-assign"), data, follow=True)
    assert any("nu 3 ideeën" in m for m in _messages(response)), _messages(response)
    waiting = type(cases[0]).objects.filter(waiting_since__isnull=False)
    assert not waiting.exists()


def test_a_filter_given_twice_is_one_chip(client, broker):
    client.force_login(broker)
    response = client.get(QUEUE, {"status": ["new", "new"]})
    assert [c["name"] for c in response.context["chips"]] == ["status"]


def test_the_export_with_bad_filters_says_so_instead_of_downloading_everything(client, broker):
    InitiativeFactory(broker=broker)
    client.force_login(broker)
    response = client.get(reverse("brokers:queue-export"), {"status": "bogus"})
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?status=bogus"
    page = client.get(response["Location"])
    assert "Er is niets gedownload: de filters kloppen niet. Pas ze hieronder aan." in _messages(
        page
    )
    assert 'id="error-summary"' in page.content.decode()


def test_the_url_alone_says_which_search_a_page_shows(client, broker):
    """Walk finding (issue 16): Back showed the queue without a search while the session
    still held one, and a column header brought it back. The URL carries the search's key
    (never the term: it can be a name), and only the filters that have a value."""
    InitiativeFactory(title="Moestuin", initiator=InitiatorFactory(name="Henk Zwartjes"))
    InitiativeFactory(title="Straatfeest")
    client.force_login(broker)
    empty = {"theme": "", "neighbourhood": "", "broker": "", "channel": "", "need": ""}
    response = client.post(QUEUE, {**empty, "due": "", "sort": "deadline"})
    assert response["Location"] == QUEUE  # the queue as it opens: nothing to say
    response = client.post(QUEUE, {"q": "Zwartjes", **empty, "due": ""})
    location = response["Location"]
    assert "Zwartjes" not in location and "theme=" not in location
    assert location.startswith(f"{QUEUE}?{SEARCH_PARAM}=")
    page = client.get(location)
    assert page.context["page"].paginator.count == 1
    assert "Zoekterm: Zwartjes" in page.content.decode()
    # Every link of the page keeps the search: headers, paging, the export, the cases.
    key = page.context["filter"].data[SEARCH_PARAM]
    assert all(f"{SEARCH_PARAM}={key}" in c["url"] for c in page.context["columns"].values())
    assert f"{SEARCH_PARAM}%3D{key}" in page.context["case_view"]
    # The queue without the key shows no search, whatever the session remembers.
    bare = client.get(QUEUE, {"sort": "newest"})
    assert bare.context["page"].paginator.count == 2
    assert not [c for c in bare.context["chips"] if c["name"] == "q"]
    assert f"{SEARCH_PARAM}=" not in bare.context["columns"]["title"]["url"]
    # Searching the same term again gives the same key (one history entry's worth).
    again = client.post(QUEUE, {"q": "Zwartjes"})
    assert again["Location"] == location


def test_a_search_key_this_session_does_not_know_says_so(client, broker):
    client.force_login(broker)
    response = client.get(QUEUE, {SEARCH_PARAM: "onbekend", "mine": "true"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{QUEUE}?mine=true"
    assert "De zoekopdracht van deze link is niet meer bekend. Zoek opnieuw." in _messages(response)


def test_htmx_restoring_history_gets_the_whole_page(client, broker):
    client.force_login(broker)
    htmx = {"HTTP_HX_REQUEST": "true"}
    partial = client.get(QUEUE, **htmx).content.decode()
    assert "<html" not in partial and 'hx-history="false"' in partial
    restore = client.get(QUEUE, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **htmx)
    assert "<html" in restore.content.decode()


def test_almost_late_is_a_count_link_like_the_others(client, broker):
    from config.working_days import add_working_days

    today = timezone.localdate()
    soon = InitiativeFactory(title="Bijna", first_contact_due=today)
    InitiativeFactory(title="Later", first_contact_due=add_working_days(today, 10))
    client.force_login(broker)
    page = client.get(QUEUE).content.decode()
    assert '<a href="?due=soon">' in page
    response = client.get(QUEUE, {"due": "soon"})
    assert [c.pk for c in response.context["page"].object_list] == [soon.pk]
    assert response.context["counts"]["due_soon"] == 1


def test_rows_keep_the_title_whole_and_shorten_broker_names(broker):
    """Walk finding (issue 16): at 1,280 px titles and broker names were cut with no way to
    read the rest. The title is whole in the link and the cell's tooltip; a broker name is
    short on screen ("Mirjam H.") and whole for screen readers and on hover, unless two
    brokers would read the same."""
    from brokers.views.queue_rows import queue_rows, short_name, short_names

    assert short_name("Mirjam Hoekstra") == "Mirjam H."
    assert short_name("Anna van der Berg") == "Anna B."
    assert short_name("Youssef El Amrani-Bakker") == "Youssef E."
    assert short_name("broker@demo.local") == "broker@demo.local"
    assert short_names(["Anna de Vries", "Anna Visser", "Mirjam Hoekstra"]) == {
        "Anna de Vries": "Anna de Vries",
        "Anna Visser": "Anna Visser",
        "Mirjam Hoekstra": "Mirjam H.",
    }
    broker.broker_profile.display_name = "Mirjam Hoekstra"
    broker.broker_profile.save()
    case = InitiativeFactory(broker=broker, title='Een heel lang idee & "meer"')
    html = str(queue_rows([case], case_view="")[0])
    assert '<td class="title" title="Een heel lang idee &amp; &quot;meer&quot;">' in html
    assert '<span aria-hidden="true" title="Mirjam Hoekstra">Mirjam H.</span>' in html
    assert '<span class="visually-hidden">Mirjam Hoekstra</span>' in html


def test_the_need_filter_and_its_chip_read_in_staffs_words(client, broker):
    client.force_login(broker)
    response = client.get(QUEUE, {"need": "thinking_along"})
    page = response.content.decode()
    assert '<option value="thinking_along" selected>Meedenken over het idee</option>' in page
    chip = next(c for c in response.context["chips"] if c["name"] == "need")
    assert str(chip["value"]) == "Meedenken over het idee"
    assert "Meedenken over mijn idee" not in page


def _two_for_moestuin():
    """The better match has the later deadline: relevance and deadline order differ."""
    today = timezone.localdate()
    weak = InitiativeFactory(
        title="Bankjes in het park",
        description="Ook een moestuin zou mooi zijn.",
        first_contact_due=today + timezone.timedelta(days=1),
    )
    strong = InitiativeFactory(
        title="Moestuin voor de buurt",
        description="Een moestuin, een moestuin met de buren: moestuin.",
        first_contact_due=today + timezone.timedelta(days=6),
    )
    return strong, weak


def _sort_box(response) -> tuple[str, list[str], str]:
    """(what the sort box shows, the values it offers, the auto_sort the form sends)."""
    field = response.context["filter"].form["sort"]
    page = response.content.decode()
    auto = re.search(r'name="auto_sort" value="([^"]*)"', page)
    return field.value(), [v for v, _label in field.field.choices], auto.group(1) if auto else ""


def test_the_sort_box_shows_and_sends_the_order_in_force(client, broker):
    """Walk finding (issue 16): with a search the queue is in relevance order while the box
    showed "Eerste deadline eerst"; sending the form again changed the order silently."""
    strong, weak = _two_for_moestuin()
    client.force_login(broker)
    plain = client.get(QUEUE)
    assert _sort_box(plain) == ("deadline", _sort_values(without="relevance"), "deadline")
    # The box as the plain queue rendered it, with a new search: the best match first.
    searched = client.post(QUEUE, {"q": "moestuin", "sort": "deadline", "auto_sort": "deadline"})
    assert "sort=" not in searched["Location"]
    page = client.get(searched["Location"])
    assert list(page.context["page"].object_list) == [strong, weak]
    shown, offered, auto = _sort_box(page)
    assert (shown, offered[0], auto) == ("relevance", "relevance", "relevance")
    assert 'value="relevance" selected>Beste treffer eerst</option>' in page.content.decode()
    # No column is the order in force; each header sorts by its own column.
    assert {c["aria_sort"] for c in page.context["columns"].values()} == {"none"}
    # Sent again as shown: the same order.
    again = client.post(QUEUE, {"q": "moestuin", "sort": shown, "auto_sort": auto})
    assert again["Location"] == searched["Location"]
    # A sort chosen in the box stays, and the box shows it.
    chosen = client.post(QUEUE, {"q": "moestuin", "sort": "-deadline", "auto_sort": auto})
    page = client.get(chosen["Location"])
    assert list(page.context["page"].object_list) == [strong, weak]
    assert _sort_box(page)[::2] == ("-deadline", "")
    assert page.context["columns"]["deadline"]["aria_sort"] == "descending"
    # The search gone, so is the relevance order (the box no longer offers it).
    cleared = client.post(QUEUE, {"q": "", "sort": "relevance", "auto_sort": "relevance"})
    assert cleared["Location"] == QUEUE
    response = client.get(QUEUE, {"sort": "relevance"})
    assert list(response.context["page"].object_list) == [weak, strong]
    assert _sort_box(response)[:2] == ("deadline", _sort_values(without="relevance"))


def _sort_values(without: str) -> list[str]:
    from brokers.queue_sort import ALL_SORT_CHOICES

    return [value for value, _label in ALL_SORT_CHOICES if value != without]


def test_headers_and_the_search_chip_agree_with_the_order_in_force(client, broker):
    _two_for_moestuin()
    client.force_login(broker)
    searched = client.post(QUEUE, {"q": "moestuin"})
    key = searched["Location"].split(f"{SEARCH_PARAM}=")[1]
    # A header sorts the search by its column and the box says so.
    page = client.get(QUEUE, {SEARCH_PARAM: key, "sort": "title"})
    assert _sort_box(page)[::2] == ("title", "")
    assert page.context["columns"]["title"]["aria_sort"] == "ascending"
    # Removing the search chip also removes a relevance order it asked for.
    page = client.get(QUEUE, {SEARCH_PARAM: key, "sort": "relevance", "status": "new"})
    chip = next(c for c in page.context["chips"] if c["name"] == "q")
    assert chip["url"] == f"{QUEUE}?status=new"
    # A reference has no relevance: the box shows the reference order it is in.
    page = client.get(QUEUE, {"q": "2026-0"})
    shown, offered, auto = _sort_box(page)
    assert (shown, auto) == ("reference", "reference") and "relevance" not in offered
    assert page.context["columns"]["reference"]["aria_sort"] == "ascending"


def test_the_htmx_search_answers_with_the_sort_box_for_its_view(client, broker):
    _two_for_moestuin()
    client.force_login(broker)
    response = client.post(
        QUEUE,
        {"q": "moestuin", "sort": "deadline", "auto_sort": "deadline"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert 'id="queue-sort" class="queue-sort" hx-swap-oob="true"' in page
    assert 'value="relevance" selected' in page
    assert '<input type="hidden" name="auto_sort" value="relevance">' in page
    assert "sort=" not in response["HX-Push-Url"]
