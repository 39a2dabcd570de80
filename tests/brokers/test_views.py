import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from brokers.models import ContactMoment
from initiatives.constants import Status
from initiatives.links import private_url
from messaging.constants import MessageKind
from messaging.models import OutboundMessage
from tests.accounts.factories import StaffFactory
from tests.brokers.factories import OrganisationFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def case(db):
    return InitiativeFactory(
        title="Koffieochtend voor ouderen",
        initiator=InitiatorFactory(name="Greet Mulder", phone="06 9999 1111"),
    )


def _pages(case):
    organisation = OrganisationFactory()
    return [
        ("get", reverse("brokers:queue")),
        ("get", reverse("brokers:network")),
        ("get", reverse("brokers:organisation", args=[organisation.pk])),
        ("get", reverse("brokers:case", args=[case.reference])),
        ("post", reverse("brokers:case-claim", args=[case.reference])),
        ("post", reverse("brokers:case-assign", args=[case.reference])),
        ("post", reverse("brokers:case-contact", args=[case.reference])),
        ("post", reverse("brokers:case-transition", args=[case.reference])),
        ("post", reverse("brokers:case-note", args=[case.reference])),
        ("post", reverse("brokers:case-waiting", args=[case.reference])),
        ("post", reverse("brokers:case-referral", args=[case.reference])),
        ("post", reverse("brokers:bulk-assign")),
        ("get", reverse("brokers:handover")),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, case):
    for method, url in _pages(case):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_a_residents_private_link_never_reaches_staff_pages(client, case):
    assert client.get(private_url(case).replace("http://127.0.0.1:8000", "")).status_code == 200
    for method, url in _pages(case):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


def test_civil_servants_never_see_a_case(client, civil_servant, case):
    client.force_login(civil_servant)
    for method, url in _pages(case):
        assert getattr(client, method)(url).status_code == 403, url
    assert "Greet Mulder" not in client.get(reverse("brokers:queue")).content.decode()


@pytest.mark.parametrize("role", [Role.BROKER, Role.COORDINATOR])
def test_brokers_and_coordinators_reach_every_page(client, case, role):
    client.force_login(StaffFactory(role=role))
    for method, url in _pages(case):
        if method == "get" and "overdracht" not in url:
            assert client.get(url).status_code == 200, url
    page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    assert "Greet Mulder" in page
    assert "06 9999 1111" in page
    handover = client.get(reverse("brokers:handover")).status_code
    assert handover == (200 if role == Role.COORDINATOR else 403)


def test_staff_navigation_follows_the_role(client, broker, coordinator):
    client.force_login(broker)
    page = client.get(reverse("brokers:queue")).content.decode()
    assert "/makelaar/netwerk/" in page
    assert "/cijfers/" not in page
    assert reverse("brokers:handover") not in page
    client.force_login(coordinator)
    page = client.get(reverse("brokers:queue")).content.decode()
    assert "/cijfers/" in page
    assert reverse("brokers:handover") in page


def test_queue_query_count_stays_constant_as_data_grows(
    client, broker, django_assert_max_num_queries
):
    client.force_login(broker)
    InitiativeFactory.create_batch(3, broker=broker)
    # The session, the user and their roles; the view's count and the status counts (one
    # round trip each); the page; themes, neighbourhoods, both broker lists, saved views.
    with django_assert_max_num_queries(11) as few:
        assert client.get(reverse("brokers:queue")).status_code == 200
    InitiativeFactory.create_batch(40, broker=StaffFactory(role=Role.BROKER))
    InitiativeFactory.create_batch(10, in_progress=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("brokers:queue"))
    assert response.context["page"].paginator.count == 53
    assert len(response.context["page"].object_list) == 50
    with django_assert_max_num_queries(len(few.captured_queries)):
        page2 = client.get(reverse("brokers:queue") + "?page=2")
    assert len(page2.context["page"].object_list) == 3


def test_queue_search_and_overdue_mark_in_text(client, broker, case):
    InitiativeFactory(title="Straatfeest")
    overdue = InitiativeFactory(
        title="Bankje bij de bushalte",
        first_contact_due=timezone.localdate().replace(day=1) - timezone.timedelta(days=30),
    )
    client.force_login(broker)
    page = client.get(reverse("brokers:queue"), {"q": "koffie"}).content.decode()
    assert "Koffieochtend" in page
    assert "Straatfeest" not in page
    page = client.get(reverse("brokers:queue"), {"overdue": "true"}).content.decode()
    assert overdue.title in page
    assert "Te laat" in page  # text, not colour alone
    partial = client.get(reverse("brokers:queue"), {"q": "bankje"}, **HX).content.decode()
    assert 'id="queue-results"' in partial
    assert "<html" not in partial


def test_queue_search_keeps_a_typed_name_out_of_the_url(client, broker):
    named = InitiativeFactory(title="Speeltuin", initiator=InitiatorFactory(name="Henk Zwartjes"))
    InitiativeFactory(title="Straatfeest")
    client.force_login(broker)
    queue = reverse("brokers:queue")

    response = client.post(queue, {"q": "Zwartjes", "overdue": ""})
    assert response.status_code == 302
    assert "Zwartjes" not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert named.title in page and "Straatfeest" not in page
    # The search stays while paging, and goes with "clear filters".
    assert named.title in client.get(queue, {"page": "1"}).content.decode()
    client.get(queue, {"clear": "1"})
    assert "Straatfeest" in client.get(queue).content.decode()

    partial = client.post(queue, {"q": "Zwartjes"}, **HX)
    assert "Zwartjes" not in partial["HX-Push-Url"]
    assert named.title in partial.content.decode()
    assert "<html" not in partial.content.decode()


def test_claim_without_javascript_redirects_to_the_case(client, broker, case):
    client.force_login(broker)
    response = client.post(reverse("brokers:case-claim", args=[case.reference]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.broker == broker
    assert OutboundMessage.objects.filter(
        initiative=case, kind=MessageKind.BROKER_ASSIGNED
    ).exists()


def test_contact_moment_with_htmx_returns_the_case_body(client, broker, case):
    client.force_login(broker)
    response = client.post(
        reverse("brokers:case-contact", args=[case.reference]),
        {
            "contact-happened_on": timezone.localdate().isoformat(),
            "contact-channel": "phone",
            "contact-duration_minutes": "15",
            "contact-intervention": "thinking_along",
            "contact-summary": "Eerste gesprek gevoerd.",
        },
        **HX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="case-body"' in body and "<html" not in body
    assert "Eerste gesprek gevoerd." in body
    case.refresh_from_db()
    assert case.status == Status.IN_CONVERSATION


def test_invalid_contact_moment_shows_errors_and_keeps_what_was_typed(client, broker, case):
    client.force_login(broker)
    response = client.post(
        reverse("brokers:case-contact", args=[case.reference]),
        {
            "contact-happened_on": "2099-01-01",
            "contact-channel": "phone",
            "contact-duration_minutes": "15",
            "contact-intervention": "thinking_along",
            "contact-summary": "Mijn getypte tekst",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="error-summary"' in body
    assert 'href="#id_contact-happened_on"' in body
    assert "De datum kan niet in de toekomst liggen." in body
    assert "Mijn getypte tekst" in body
    assert not ContactMoment.objects.exists()


def test_closing_needs_a_message_and_then_sends_it(client, broker):
    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    url = reverse("brokers:case-transition", args=[case.reference])
    response = client.post(url, {"transition-to_status": "no_demand"})
    assert "Schrijf de initiatiefnemer wat er is gebeurd en waarom." in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.IN_CONVERSATION

    response = client.post(
        url,
        {
            "transition-to_status": "no_demand",
            "transition-note": "Geen aanmeldingen",
            "transition-outcome_message": "Er kwam helaas niemand.",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.NO_DEMAND
    outcome = OutboundMessage.objects.get(initiative=case, kind=MessageKind.OUTCOME)
    assert "Er kwam helaas niemand." in outcome.body


def test_a_transition_the_workflow_forbids_is_an_error_not_a_500(client, broker, case):
    client.force_login(broker)
    response = client.post(
        reverse("brokers:case-transition", args=[case.reference]),
        {"transition-to_status": "realised", "transition-outcome_message": "Klaar"},
    )
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.NEW


def test_note_waiting_and_referral_through_the_page(client, broker, case):
    organisation = OrganisationFactory(name="Stichting Buurtkracht")
    client.force_login(broker)
    ref = case.reference
    client.post(reverse("brokers:case-note", args=[ref]), {"note-text": "Alleen intern"})
    client.post(reverse("brokers:case-waiting", args=[ref]), {"waiting-reason": "Tekening"})
    client.post(
        reverse("brokers:case-referral", args=[ref]),
        {"referral-organisation": organisation.pk, "referral-reason": "Vrijwilligers"},
    )
    case.refresh_from_db()
    assert case.notes.filter(text="Alleen intern").exists()
    assert case.waiting_since is not None
    referral = case.referrals.get()
    client.post(
        reverse("brokers:case-referral-outcome", args=[ref, referral.pk]),
        {f"outcome-{referral.pk}-outcome": "helped"},
    )
    referral.refresh_from_db()
    assert referral.outcome == "helped"
    client.post(reverse("brokers:case-waiting", args=[ref]), {"clear": "1"})
    case.refresh_from_db()
    assert case.waiting_since is None
    # The resident never sees the internal note.
    mine = client.get(private_url(case).replace("http://127.0.0.1:8000", ""))
    assert "Alleen intern" not in mine.content.decode()
    org_page = client.get(reverse("brokers:organisation", args=[organisation.pk]))
    assert case.reference in org_page.content.decode()


def test_phone_task_is_shown_and_marked_done(client, broker):
    case = InitiativeFactory(
        in_conversation=True, broker=broker, initiator=InitiatorFactory(no_email=True)
    )
    client.force_login(broker)
    client.post(
        reverse("brokers:case-transition", args=[case.reference]),
        {"transition-to_status": "stopped", "transition-outcome_message": "U stopt."},
    )
    task = OutboundMessage.objects.get(initiative=case, kind=MessageKind.OUTCOME)
    page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    assert "Te doen: bellen of schrijven" in page
    client.post(reverse("brokers:case-task-done", args=[case.reference, task.pk]))
    task.refresh_from_db()
    assert task.sent_at is not None


def test_bulk_assign_and_handover_pages(client, broker, coordinator):
    cases = InitiativeFactory.create_batch(2)
    client.force_login(broker)
    response = client.post(
        reverse("brokers:bulk-assign"),
        {"initiatives": [c.pk for c in cases], "broker": broker.pk, "next": "/makelaar/?x=1"},
    )
    assert response["Location"] == "/makelaar/?x=1"
    assert all(c.broker == broker for c in [type(c).objects.get(pk=c.pk) for c in cases])

    client.force_login(coordinator)
    successor = StaffFactory(role=Role.BROKER)
    response = client.post(
        reverse("brokers:handover"),
        {"from_broker": broker.pk, "to_broker": successor.pk, "confirm": "1"},
    )
    assert response.status_code == 302
    assert successor.cases.count() == 2


def test_unknown_case_is_404(client, broker):
    client.force_login(broker)
    assert client.get(reverse("brokers:case", args=["1999-0001"])).status_code == 404


def test_sign_in_locks_out_after_repeated_failures(client, broker):
    url = reverse("login")
    for _ in range(5):
        response = client.post(url, {"username": broker.username, "password": "wrong"})
    response = client.post(url, {"username": broker.username, "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_works_and_leads_to_the_queue(client, broker):
    response = client.post(
        reverse("login") + "?next=/makelaar/",
        {"username": broker.username, "password": "correct-horse-battery", "next": "/makelaar/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/makelaar/"


def test_only_a_coordinator_reopens_through_the_page(client, broker, coordinator):
    case = InitiativeFactory(realised=True, broker=broker)
    url = reverse("brokers:case-transition", args=[case.reference])
    client.force_login(broker)
    page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    assert "Alleen een coördinator kan een afgesloten idee heropenen." in page
    response = client.post(url, {"transition-to_status": "in_progress"})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == Status.REALISED

    client.force_login(coordinator)
    response = client.post(url, {"transition-to_status": "in_progress", "transition-note": "Toch"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.status_changes.last().note == "Toch"


def test_case_file_query_count_does_not_grow_with_its_history(
    client, broker, django_assert_max_num_queries
):
    from brokers.services import case_note_create, contact_moment_create

    case = InitiativeFactory(in_conversation=True, broker=broker)
    client.force_login(broker)
    url = reverse("brokers:case", args=[case.reference])

    def add_history():
        contact_moment_create(
            initiative=case,
            actor=broker,
            happened_on=timezone.localdate(),
            channel="phone",
            duration_minutes=5,
            intervention="meeting",
            summary="Gebeld",
        )
        case_note_create(initiative=case, actor=broker, text="Notitie")
        from brokers.services import referral_create

        referral_create(
            initiative=case, organisation=OrganisationFactory(), actor=broker, reason="Hulp"
        )

    add_history()
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _ in range(8):
        add_history()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_network_filters_by_kind_theme_and_area(client, broker):
    from tests.initiatives.factories import theme
    from tests.neighbourhoods.factories import NeighbourhoodFactory

    hood = NeighbourhoodFactory(code="WK019377")
    fund = OrganisationFactory(name="Fonds Groen", kind="fund")
    fund.themes.add(theme("duurzaamheid"))
    local = OrganisationFactory(name="Buurthuis Oost")
    local.neighbourhoods.add(NeighbourhoodFactory(code="WK019378"))
    client.force_login(broker)
    url = reverse("brokers:network")
    assert "Buurthuis Oost" not in client.get(url, {"kind": "fund"}).content.decode()
    page = client.get(url, {"theme": "duurzaamheid"}).content.decode()
    assert "Fonds Groen" in page and "Buurthuis Oost" not in page
    page = client.get(url, {"area": hood.code}).content.decode()
    assert "Fonds Groen" in page  # no area: the whole municipality
    assert "Buurthuis Oost" not in page


def test_odd_search_input_and_pages_never_fail(client, broker):
    client.force_login(broker)
    for query in [{"q": "':*&|!()"}, {"q": "a" * 500}, {"page": "zzz"}, {"theme": "bestaat-niet"}]:
        assert client.get(reverse("brokers:queue"), query).status_code == 200


def test_a_reference_with_a_slash_from_before_the_check_takes_no_page_down(client, broker):
    # Imported before references were checked: the queue, its search and the case file
    # built no link for it (NoReverseMatch, a 500 for every broker).
    odd = InitiativeFactory(reference="2012/17", title="Oud idee met een schuine streep")
    client.force_login(broker)
    url = reverse("brokers:case", args=[odd.reference])
    for query in [{}, {"q": "schuine"}]:
        response = client.get(reverse("brokers:queue"), query)
        assert response.status_code == 200
        # The link carries the queue's view (for the case file's previous/next).
        assert f'href="{url}?view=' in response.content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert "Oud idee met een schuine streep" in page.content.decode()
    assert client.post(reverse("brokers:case-claim", args=[odd.reference])).status_code == 302
    odd.refresh_from_db()
    assert odd.broker == broker


def test_a_referral_of_another_case_is_404(client, broker):
    from brokers.services import referral_create

    other = InitiativeFactory()
    referral = referral_create(
        initiative=other, organisation=OrganisationFactory(), actor=broker, reason="x"
    )
    case = InitiativeFactory()
    client.force_login(broker)
    url = reverse("brokers:case-referral-outcome", args=[case.reference, referral.pk])
    assert client.post(url, {f"outcome-{referral.pk}-outcome": "helped"}).status_code == 404


def test_sign_in_without_next_leads_each_role_to_its_work(client, broker, civil_servant):
    client.force_login(broker)
    assert client.get(reverse("brokers:start"))["Location"] == reverse("brokers:day")
    client.force_login(civil_servant)
    assert client.get(reverse("brokers:start"))["Location"] == "/cijfers/"


def test_queue_shows_how_long_a_case_has_been_waiting(client, broker):
    from brokers.services import initiative_waiting_set
    from config.working_days import working_days_between

    case = InitiativeFactory(in_conversation=True, broker=broker)
    since = timezone.localdate() - timezone.timedelta(days=14)
    initiative_waiting_set(initiative=case, actor=broker, reason="Plan gevraagd", since=since)
    client.force_login(broker)
    page = client.get(reverse("brokers:queue"), {"waiting": "true"}).content.decode()
    days = working_days_between(since, timezone.localdate())
    # "‖ 8 werkdagen" on screen; "wacht" for screen readers (the pause sign is hidden).
    assert f"wacht </span>{days} werkdagen" in page


def test_network_and_organisation_pages_query_count_does_not_grow(
    client, broker, django_assert_max_num_queries
):
    from brokers.services import referral_create
    from tests.initiatives.factories import theme
    from tests.neighbourhoods.factories import NeighbourhoodFactory

    organisation = OrganisationFactory()
    client.force_login(broker)

    def add(n):
        other = OrganisationFactory()
        other.themes.add(theme())
        other.neighbourhoods.add(NeighbourhoodFactory())
        for _ in range(n):
            referral_create(
                initiative=InitiativeFactory(broker=broker),
                organisation=organisation,
                actor=broker,
                reason="Hulp",
            )

    add(1)
    pages = [reverse("brokers:network"), reverse("brokers:organisation", args=[organisation.pk])]
    counts = []
    for url in pages:
        with django_assert_max_num_queries(20) as few:
            assert client.get(url).status_code == 200
        counts.append(len(few.captured_queries))
    for _ in range(5):
        add(2)
    for url, count in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


# --- internal notes never reach the resident's page ------------------------------------

# Every form field in the case file and the handover whose label says "(intern)", and the
# POST key the test below types a secret into. A new "(intern)" field fails
# test_every_intern_field_is_covered until it is added here.
INTERN_FIELDS = {
    ("AssignForm", "note"): "assign-note",
    ("HandoverForm", "note"): "note",
    ("TransitionForm", "note"): "transition-note",
}


def test_every_intern_field_is_covered():
    from django import forms as django_forms

    from brokers import forms

    found = set()
    for name, form_class in vars(forms).items():
        if isinstance(form_class, type) and issubclass(form_class, django_forms.BaseForm):
            for field_name, field in form_class.base_fields.items():
                if "(intern)" in str(field.label):
                    found.add((name, field_name))
    assert found == set(INTERN_FIELDS)


def test_nothing_typed_into_an_intern_field_reaches_the_residents_page(client, case):
    coordinator = StaffFactory(role=Role.COORDINATOR, display_name="Coby Coördinator")
    first = StaffFactory(role=Role.BROKER, display_name="Bram Eerste")
    second = StaffFactory(role=Role.BROKER, display_name="Sara Tweede")
    client.force_login(coordinator)
    url = reverse("brokers:case-assign", args=[case.reference])
    response = client.post(url, {"assign-broker": first.pk, "assign-note": "GEHEIM-toewijzen"})
    assert response.status_code == 302
    response = client.post(
        reverse("brokers:handover"),
        {
            "from_broker": first.pk,
            "to_broker": second.pk,
            "note": "GEHEIM-overdracht",
            "confirm": "1",
        },
    )
    assert response.status_code == 302
    url = reverse("brokers:case-transition", args=[case.reference])
    for to_status, secret in (("in_conversation", "GEHEIM-status1"), ("in_progress", "GEHEIM-2")):
        response = client.post(url, {"transition-to_status": to_status, "transition-note": secret})
        assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        url,
        {
            "transition-to_status": "realised",
            "transition-note": "GEHEIM-afsluiten",
            "transition-outcome_message": "Het buurtfeest is gehouden.",
        },
    )
    assert response.status_code == 302

    # Staff see every note in the case file, marked internal...
    staff_page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    for secret in ("GEHEIM-toewijzen", "GEHEIM-overdracht", "GEHEIM-status1", "GEHEIM-afsluiten"):
        assert secret in staff_page
    # ...the resident sees the events, and none of the notes.
    client.logout()
    page = client.get(private_url(case).replace("http://127.0.0.1:8000", "")).content.decode()
    assert "GEHEIM" not in page
    assert "Uw ideeënmakelaar is nu Sara Tweede" in page
    assert "Status: Gerealiseerd" in page
    assert "Het buurtfeest is gehouden." in page


def test_the_case_file_says_who_may_change_a_colleagues_case(client, broker):
    colleague = StaffFactory(role=Role.BROKER, display_name="Karin Collega")
    case = InitiativeFactory(status=Status.IN_CONVERSATION, broker=colleague)
    client.force_login(broker)
    page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    assert "Dit idee is van Karin Collega" in page
    response = client.post(
        reverse("brokers:case-transition", args=[case.reference]),
        {"transition-to_status": "stopped", "transition-outcome_message": "Weg."},
    )
    assert response.status_code == 200
    assert "Dit idee is van Karin Collega" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.IN_CONVERSATION


# --- the queue: order, reference search, broker choices ---------------------------------


def test_deadline_order_puts_cases_awaiting_first_contact_first(
    client, broker, django_assert_max_num_queries
):
    today = timezone.localdate()
    long_ago = today - timezone.timedelta(days=60)
    # 30 cases that had their first contact, each with an old deadline...
    InitiativeFactory.create_batch(30, in_progress=True, first_contact_due=long_ago)
    # ...must not push the overdue and due-soon ones onto page 2.
    overdue = InitiativeFactory(
        title="Te laat idee", first_contact_due=today - timezone.timedelta(days=2)
    )
    soon = InitiativeFactory(title="Bijna idee", first_contact_due=today)
    client.force_login(broker)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("brokers:queue"))
    first = [case.pk for case in response.context["page"].object_list][:2]
    assert first == [overdue.pk, soon.pk]


def test_queue_finds_a_case_by_its_reference(client, broker):
    from rest_framework.test import APIClient

    wanted = InitiativeFactory(reference="2026-0023", title="Bankje")
    InitiativeFactory(reference="2026-0231", title="Straatfeest")
    closed = InitiativeFactory(reference="2025-0023", realised=True, title="Oud idee")
    client.force_login(broker)
    queue = reverse("brokers:queue")
    page = client.get(queue, {"q": "2026-0023"})
    assert [c.pk for c in page.context["page"].object_list] == [wanted.pk]
    # Through the search box (posted, kept in the session) too.
    response = client.post(queue, {"q": " 2026-0023 "})
    page = client.get(response["Location"])
    assert [c.pk for c in page.context["page"].object_list] == [wanted.pk]
    # A beginning finds every reference it starts; a closed case is found by reference.
    page = client.get(queue, {"q": "2026-02"})
    assert [c.title for c in page.context["page"].object_list] == ["Straatfeest"]
    page = client.get(queue, {"q": "2025-0023"})
    assert [c.pk for c in page.context["page"].object_list] == [closed.pk]
    # Several references: in reference order. A year alone ("2026-") is a word search.
    page = client.get(queue, {"q": "2026-0"})
    assert [c.reference for c in page.context["page"].object_list] == ["2026-0023", "2026-0231"]
    # The sort box as the plain queue showed it (the order it chose itself): the
    # reference search takes its own order, the reference order (brokers.queue_sort).
    response = client.post(queue, {"q": "2026-0", "sort": "deadline", "auto_sort": "deadline"})
    page = client.get(response["Location"])
    assert [c.reference for c in page.context["page"].object_list] == ["2026-0023", "2026-0231"]
    page = client.get(queue, {"q": "2026-"})
    assert list(page.context["page"].object_list) == []

    api = APIClient()
    api.force_authenticate(broker)
    rows = api.get("/api/v1/cases/", {"q": "2026-0023"}).json()["results"]
    assert [row["reference"] for row in rows] == ["2026-0023"]


def test_broker_choices_skip_brokers_who_left_but_handover_still_lists_them(client):
    from datetime import timedelta

    coordinator = StaffFactory(role=Role.COORDINATOR, display_name="Coby Coördinator")
    ended = StaffFactory(
        role=Role.BROKER, display_name="Erik Einddatum", email="erik@gemeente.example"
    )
    ended.broker_profile.active_to = timezone.localdate() - timedelta(days=1)
    ended.broker_profile.save()
    gone = StaffFactory(role=Role.BROKER, display_name="Gerda Gedeactiveerd")
    InitiativeFactory(broker=gone)
    gone.is_active = False
    gone.save()
    case = InitiativeFactory()
    client.force_login(coordinator)

    case_page = client.get(reverse("brokers:case", args=[case.reference]))
    choices = [str(c[1]) for c in case_page.context["assign_form"].fields["broker"].choices]
    assert "Coby Coördinator" in choices
    assert "Erik Einddatum" not in choices and "Gerda Gedeactiveerd" not in choices
    # The queue's bulk assignment offers the same choices.
    bulk = [user.broker_profile.display_name for user in queue_brokers(client)]
    assert "Coby Coördinator" in bulk and "Erik Einddatum" not in bulk
    # The queue's broker filter shows names, not e-mail addresses, and keeps a former
    # broker whose cases are still open.
    filter_choices = [str(label) for _, label in queue_filter_choices(client)]
    assert "Gerda Gedeactiveerd" in filter_choices
    assert not any("@" in label for label in filter_choices)

    handover = client.get(reverse("brokers:handover"))
    from_choices = [str(c[1]) for c in handover.context["form"].fields["from_broker"].choices]
    to_choices = [str(c[1]) for c in handover.context["form"].fields["to_broker"].choices]
    assert "Gerda Gedeactiveerd" in from_choices and "Gerda Gedeactiveerd" not in to_choices
    assert "Gerda Gedeactiveerd" in handover.content.decode()  # the workload table

    # The service refuses too (a stale form, the API).
    from initiatives.services import initiative_assign

    with pytest.raises(ValidationError):
        initiative_assign(initiative=case, broker=ended, actor=coordinator)
    case.refresh_from_db()
    assert case.broker is None


def queue_brokers(client):
    return list(client.get(reverse("brokers:queue")).context["brokers"])


def queue_filter_choices(client):
    return list(
        client.get(reverse("brokers:queue")).context["filter"].form.fields["broker"].choices
    )


def test_a_case_withdrawn_before_any_contact_does_not_claim_one(client, broker):
    from brokers.selectors import deadline_mark
    from initiatives.services import initiative_withdraw

    case = InitiativeFactory(title="Ingetrokken idee")
    initiative_withdraw(initiative=case)
    case.refresh_from_db()
    assert deadline_mark(case).state == "none"
    client.force_login(broker)
    page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    assert "Eerste contact geweest" not in page
    assert "Geen eerste contact geweest" in page
