"""Handover with a confirmation step; grant decisions that show the budget left before
and after, say what was decided, and lead back to the case."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.accounts.factories import StaffFactory
from tests.budgets.factories import GrantFactory, NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

pytestmark = pytest.mark.django_db


def test_handover_first_lists_what_moves_and_who_is_told(
    client, coordinator, django_assert_max_num_queries
):
    leaving = StaffFactory(role=Role.BROKER, display_name="Bram Vertrekt")
    successor = StaffFactory(role=Role.BROKER, display_name="Sara Blijft")
    by_mail = InitiativeFactory(broker=leaving, title="Bankje bij de bushalte")
    InitiativeFactory(broker=leaving, initiator=InitiatorFactory(no_email=True))
    InitiativeFactory(broker=leaving, realised=True)  # closed: stays
    client.force_login(coordinator)
    data = {"from_broker": leaving.pk, "to_broker": successor.pk, "note": "Verlof"}
    with django_assert_max_num_queries(15):
        response = client.post(reverse("brokers:handover"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 open ideeën gaan van Bram Vertrekt naar Sara Blijft." in page
    assert "Bankje bij de bushalte" in page and by_mail.reference in page
    assert "1 initiatiefnemer krijgt een e-mail dat Sara Blijft de nieuwe makelaar is." in page
    assert "er komt een belopdracht" in page
    assert successor.cases.count() == 0  # nothing moved yet

    response = client.post(reverse("brokers:handover"), data | {"confirm": "1"})
    assert response.status_code == 302
    assert successor.cases.count() == 2
    assert "2 open ideeën overgedragen" in client.get(response["Location"]).content.decode()


def test_handover_of_a_broker_without_open_cases_stops_at_step_one(client, coordinator):
    idle = StaffFactory(role=Role.BROKER, display_name="Hans Leeg")
    successor = StaffFactory(role=Role.BROKER)
    InitiativeFactory(broker=idle, realised=True)  # closed: nothing to hand over
    client.force_login(coordinator)
    data = {"from_broker": idle.pk, "to_broker": successor.pk, "note": ""}
    for extra in ({}, {"confirm": "1"}):
        response = client.post(reverse("brokers:handover"), data | extra)
        page = response.content.decode()
        assert response.status_code == 200
        assert page.count("Er zijn geen open ideeën om over te dragen.") == 2  # summary, field
        assert "Overdracht bevestigen" not in page and "Alles overdragen" in page
    assert successor.cases.count() == 0


def test_a_grant_decision_shows_the_budget_left_before_and_after(client, broker):
    budget = NeighbourhoodBudgetFactory(amount=Decimal("10000.00"))
    grant = GrantFactory(
        budget=budget,
        amount_requested=Decimal("6000.00"),
        initiative=InitiativeFactory(in_progress=True, broker=broker),
    )
    client.force_login(broker)
    case_budget = reverse("budgets:case", args=[grant.initiative_id])
    page = client.get(case_budget).content.decode()
    assert "€ 10.000,00" in page and "€ 4.000,00" in page
    assert reverse("brokers:case", args=[grant.initiative.reference]) in page  # back to the case

    response = client.post(
        f"/makelaar/budget/toekenning/{grant.pk}/besluit/",
        {
            f"grant-{grant.pk}-decision": "approve_part",
            f"grant-{grant.pk}-amount": "€ 2.500,-",
            f"grant-{grant.pk}-reason": "Een deel past in het budget.",
            "next": case_budget,
        },
    )
    assert response.status_code == 302
    after = client.get(response["Location"]).content.decode()
    assert "Besluit vastgelegd: € 2.500,00 toegekend." in after
    assert "€ 7.500,00 (was € 10.000,00)" in after

    htmx = GrantFactory(budget=budget, amount_requested=Decimal("100.00"))
    fragment = client.post(
        f"/makelaar/budget/toekenning/{htmx.pk}/besluit/",
        {f"grant-{htmx.pk}-decision": "decline", f"grant-{htmx.pk}-reason": "Past niet."},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "de aanvraag is afgewezen" in fragment
    assert "€ 7.500,00 (was € 7.500,00)" in fragment


def test_a_handover_before_the_first_email_left_cancels_it(client, coordinator):
    """Walk finding (issue 16): handed over again while "Uw ideeënmakelaar is Bram" was
    still in the outbox, the initiator got that e-mail and then "... is Sara". The older
    one is cancelled (never sent) and the case's timeline says it was replaced; the
    initiator's own page does not show it."""
    from django.conf import settings

    from initiatives.links import private_url
    from initiatives.services import initiative_assign
    from messaging.constants import MessageKind
    from messaging.models import OutboundMessage
    from messaging.tasks import message_send

    first = StaffFactory(role=Role.BROKER, display_name="Bram Eerst")
    second = StaffFactory(role=Role.BROKER, display_name="Sara Daarna")
    case = InitiativeFactory(title="Bankje bij de bushalte")
    initiative_assign(initiative=case, broker=first, actor=coordinator)
    initiative_assign(initiative=case, broker=second, actor=coordinator)
    older, newer = OutboundMessage.objects.filter(
        initiative=case, kind=MessageKind.BROKER_ASSIGNED
    ).order_by("pk")
    assert "Bram Eerst" in older.body and "Sara Daarna" in newer.body
    assert older.cancelled_at is not None and older.replaced_by == newer
    assert newer.cancelled_at is None
    # The send task of the older one, queued before the handover, sends nothing.
    assert message_send(older.pk) is False
    assert message_send(newer.pk) is True
    older.refresh_from_db()
    assert older.sent_at is None

    client.force_login(coordinator)
    page = client.get(reverse("brokers:case", args=[case.reference])).content.decode()
    assert "vervangen door een nieuwer bericht, niet verstuurd" in page
    assert "Bram Eerst" in page  # the replaced text can still be read by staff
    client.logout()
    mine = client.get(private_url(case).replace(settings.SITE_URL, "")).content.decode()
    assert "Sara Daarna" in mine and "Uw ideeënmakelaar is Bram Eerst" not in mine
