import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from accounts.roles import Role
from budgets.models import FundingLine, FundingSource, Grant, GrantEvent, GrantStatus
from budgets.selectors import budget_list
from budgets.services import (
    budget_committed,
    budget_save,
    funding_line_add,
    grant_account,
    grant_decide,
    grant_mark_paid,
    grant_mark_returned,
    grant_request,
)
from messaging.constants import MessageKind
from messaging.models import OutboundMessage
from tests.accounts.factories import StaffFactory
from tests.budgets.factories import GrantFactory, NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory
from tests.neighbourhoods.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def _message(grant):
    return OutboundMessage.objects.get(
        key=f"initiative:{grant.initiative_id}:grant_decision:grant-{grant.pk}"
    )


def test_request_needs_amount_purpose_and_beneficiaries(broker):
    budget = NeighbourhoodBudgetFactory()
    initiative = InitiativeFactory(in_progress=True, neighbourhood=budget.neighbourhood)
    with pytest.raises(ValidationError) as exc:
        grant_request(
            actor=broker,
            initiative=initiative,
            budget=budget,
            amount="-5",
            purpose="",
            beneficiaries=" ",
        )
    assert set(exc.value.message_dict) == {"amount_requested", "purpose", "beneficiaries"}
    grant = grant_request(
        actor=broker,
        initiative=initiative,
        budget=budget,
        amount="250,00".replace(",", "."),
        purpose="Verf",
        beneficiaries="De straat",
    )
    assert grant.status == GrantStatus.REQUESTED
    assert list(grant.events.values_list("status", flat=True)) == [GrantStatus.REQUESTED]


def test_civil_servant_cannot_decide(civil_servant):
    grant = GrantFactory()
    with pytest.raises(PermissionDenied):
        grant_decide(actor=civil_servant, grant=grant, decision="approve", reason="Prima")


def test_approve_in_full_adds_ledger_line_and_tells_the_initiator(
    broker, django_capture_on_commit_callbacks
):
    grant = GrantFactory(amount_requested=Decimal("800"))
    with django_capture_on_commit_callbacks():
        grant = grant_decide(
            actor=broker, grant=grant, decision="approve", reason="Past precies bij de regels."
        )
    assert grant.status == GrantStatus.APPROVED
    assert grant.amount_approved == Decimal("800")
    line = FundingLine.objects.get(grant=grant)
    assert (line.source, line.amount, line.initiative_id) == (
        "wijkbudget",
        Decimal("800"),
        grant.initiative_id,
    )
    message = _message(grant)
    assert message.kind == MessageKind.GRANT_DECISION
    assert "het hele bedrag, € 800" in message.body
    assert "Past precies bij de regels." in message.body
    assert budget_committed(grant.budget) == Decimal("800")


def test_approve_in_part_needs_a_lower_amount(broker):
    grant = GrantFactory(amount_requested=Decimal("800"))
    with pytest.raises(ValidationError) as exc:
        grant_decide(
            actor=broker, grant=grant, decision="approve_part", reason="Deels", amount="800"
        )
    assert "amount" in exc.value.message_dict
    grant = grant_decide(
        actor=broker,
        grant=grant,
        decision="approve_part",
        reason="De tent betalen we niet.",
        amount="300",
    )
    assert grant.amount_approved == Decimal("300")
    assert "een deel van het bedrag: € 300" in _message(grant).body
    assert FundingLine.objects.get(grant=grant).amount == Decimal("300")


def test_decline_needs_a_reason_and_writes_no_ledger_line(broker):
    grant = GrantFactory()
    with pytest.raises(ValidationError) as exc:
        grant_decide(actor=broker, grant=grant, decision="decline", reason="  ")
    assert "reason" in exc.value.message_dict
    grant = grant_decide(actor=broker, grant=grant, decision="decline", reason="Het budget is op.")
    assert grant.status == GrantStatus.DECLINED
    assert not FundingLine.objects.filter(grant=grant).exists()
    assert "geen geld uit het wijkbudget" in _message(grant).body
    # A second decision on the same request is refused.
    with pytest.raises(ValidationError):
        grant_decide(actor=broker, grant=grant, decision="approve", reason="Toch wel")


def test_approval_beyond_the_budget_is_refused(broker):
    budget = NeighbourhoodBudgetFactory(amount=Decimal("1000"))
    first = GrantFactory(budget=budget, amount_requested=Decimal("700"))
    second = GrantFactory(budget=budget, amount_requested=Decimal("400"))
    grant_decide(actor=broker, grant=first, decision="approve", reason="Ja")
    with pytest.raises(ValidationError) as exc:
        grant_decide(actor=broker, grant=second, decision="approve", reason="Ja")
    # Said at the decision the broker chose, not under the empty amount for a part.
    assert set(exc.value.message_dict) == {"decision"}
    assert "300" in exc.value.message_dict["decision"][0]
    with pytest.raises(ValidationError) as exc:
        grant_decide(actor=broker, grant=second, decision="approve_part", reason="Ja", amount="350")
    assert set(exc.value.message_dict) == {"amount"}
    second = grant_decide(
        actor=broker, grant=second, decision="approve_part", reason="Rest", amount="300"
    )
    assert budget_committed(budget) == Decimal("1000")


def test_paid_then_accounted_frees_unspent_money_once_paid_back(broker):
    budget = NeighbourhoodBudgetFactory(amount=Decimal("1000"))
    grant = GrantFactory(budget=budget, amount_requested=Decimal("600"))
    with pytest.raises(ValidationError):
        grant_mark_paid(actor=broker, grant=grant)
    grant_decide(actor=broker, grant=grant, decision="approve", reason="Ja")
    with pytest.raises(ValidationError):
        grant_account(actor=broker, grant=grant, story="x", actual_spend="10")
    grant = grant_mark_paid(actor=broker, grant=grant)
    assert grant.status == GrantStatus.PAID
    with pytest.raises(ValidationError) as exc:
        grant_account(actor=broker, grant=grant, story="", actual_spend="abc")
    assert set(exc.value.message_dict) == {"story", "actual_spend"}
    receipt = SimpleUploadedFile("bon.pdf", b"%PDF-1.4 bon", content_type="application/pdf")
    grant = grant_account(
        actor=broker,
        grant=grant,
        story="Dertig buren kwamen helpen.",
        actual_spend="450",
        receipts=[receipt],
    )
    assert grant.status == GrantStatus.ACCOUNTED
    assert grant.receipts.count() == 1
    assert grant.unspent == Decimal("150")
    # Not spent, but not paid back either: the 150 is still out of the budget.
    assert budget_committed(budget) == Decimal("600")
    totals = budget_list().get(pk=budget.pk)
    assert (totals.approved, totals.paid, totals.accounted) == (
        Decimal("600"),
        Decimal("600"),
        Decimal("450"),
    )
    grant = grant_mark_returned(actor=broker, grant=grant)
    assert budget_committed(budget) == Decimal("450")
    totals = budget_list().get(pk=budget.pk)
    assert (totals.approved, totals.paid, totals.accounted) == (
        Decimal("450"),
        Decimal("450"),
        Decimal("450"),
    )
    with pytest.raises(ValidationError):
        grant_mark_returned(actor=broker, grant=grant)
    assert FundingLine.objects.get(grant=grant).amount == Decimal("450")
    assert list(GrantEvent.objects.filter(grant=grant).values_list("status", flat=True)) == [
        "approved",
        "paid",
        "accounted",
        "returned",
    ]


def test_unspent_money_not_paid_back_cannot_be_granted_again(broker):
    """Audit finding: a grant accounted with nothing spent freed its money at once, so a
    second grant could be paid from money that had not come back (paid 200 of 100)."""
    budget = NeighbourhoodBudgetFactory(amount=Decimal("100"))
    first = GrantFactory(budget=budget, amount_requested=Decimal("100"))
    grant_decide(actor=broker, grant=first, decision="approve", reason="Ja")
    grant_mark_paid(actor=broker, grant=first)
    grant_account(actor=broker, grant=first, story="Ging niet door.", actual_spend="0")
    second = GrantFactory(budget=budget, amount_requested=Decimal("100"))
    with pytest.raises(ValidationError):
        grant_decide(actor=broker, grant=second, decision="approve", reason="Ja")
    grant_mark_returned(actor=broker, grant=first)
    grant_decide(actor=broker, grant=second, decision="approve", reason="Ja")
    grant_mark_paid(actor=broker, grant=second)
    totals = budget_list().get(pk=budget.pk)
    assert (totals.approved, totals.paid) == (Decimal("100"), Decimal("100"))


def test_fully_spent_grant_needs_no_payback(broker):
    budget = NeighbourhoodBudgetFactory(amount=Decimal("100"))
    grant = GrantFactory(budget=budget, amount_requested=Decimal("100"))
    grant_decide(actor=broker, grant=grant, decision="approve", reason="Ja")
    grant_mark_paid(actor=broker, grant=grant)
    grant = grant_account(actor=broker, grant=grant, story="Alles op.", actual_spend="120")
    assert grant.unspent == 0
    assert budget_committed(budget) == Decimal("100")
    with pytest.raises(ValidationError):
        grant_mark_returned(actor=broker, grant=grant)


def test_budget_cannot_drop_below_what_is_committed(coordinator, broker):
    budget = NeighbourhoodBudgetFactory(amount=Decimal("1000"))
    grant_decide(
        actor=broker,
        grant=GrantFactory(budget=budget, amount_requested=Decimal("600")),
        decision="approve",
        reason="Ja",
    )
    with pytest.raises(ValidationError):
        budget_save(
            actor=coordinator,
            neighbourhood=budget.neighbourhood,
            year=budget.year,
            amount=Decimal("500"),
            holder="municipality",
        )
    with pytest.raises(PermissionDenied):
        budget_save(
            actor=broker,
            neighbourhood=budget.neighbourhood,
            year=budget.year,
            amount=Decimal("5000"),
            holder="municipality",
        )
    saved = budget_save(
        actor=coordinator,
        neighbourhood=budget.neighbourhood,
        year=budget.year,
        amount=Decimal("600"),
        holder="association",
        holder_name="Bewonersvereniging Assendorp",
    )
    assert saved.pk == budget.pk and saved.amount == Decimal("600")


def test_funding_ledger_sources(broker):
    initiative = InitiativeFactory(in_progress=True)
    with pytest.raises(ValidationError):
        funding_line_add(actor=broker, initiative=initiative, source="wijkbudget", amount="10")
    funding_line_add(actor=broker, initiative=initiative, source="none")
    funding_line_add(actor=broker, initiative=initiative, source="none")
    assert initiative.funding_lines.count() == 1
    funding_line_add(actor=broker, initiative=initiative, source="fund", amount="1500")
    assert set(initiative.funding_lines.values_list("source", flat=True)) == {"none", "fund"}
    with pytest.raises(ValidationError):
        funding_line_add(actor=broker, initiative=initiative, source="none")
    assert FundingSource.SPONSOR in FundingSource.values


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_exceed_the_budget():
    """25 approvals at once, each thread on its own database connection: the budget row
    lock lets exactly as many through as fit, and the total never exceeds the budget."""
    broker = StaffFactory(role=Role.BROKER)
    hood = NeighbourhoodFactory()
    budget = NeighbourhoodBudgetFactory(neighbourhood=hood, amount=Decimal("1000"))
    grants = [GrantFactory(budget=budget, amount_requested=Decimal("150")) for _ in range(25)]
    barrier = threading.Barrier(len(grants))
    outcomes: list[str] = []
    lock = threading.Lock()

    def approve(grant_id):
        try:
            grant = Grant.objects.get(pk=grant_id)
            barrier.wait(timeout=30)
            try:
                grant_decide(actor=broker, grant=grant, decision="approve", reason="Ja")
                result = "approved"
            except ValidationError:
                result = "refused"
            with lock:
                outcomes.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(g.pk,)) for g in grants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert len(outcomes) == 25
    assert outcomes.count("approved") == 6  # 6 x 150 = 900; a 7th would make 1050
    assert budget_committed(budget) == Decimal("900")
    assert budget_committed(budget) <= budget.amount
    assert Grant.objects.filter(budget=budget, status=GrantStatus.APPROVED).count() == 6
    assert FundingLine.objects.filter(grant__budget=budget).count() == 6


def test_receipts_are_stored_under_a_random_name_and_media_is_never_served(
    broker, settings, monkeypatch
):
    import importlib

    from django.urls import Resolver404, resolve

    import config.urls

    budget = NeighbourhoodBudgetFactory()
    grant = GrantFactory(budget=budget, amount_requested=Decimal("100"))
    grant = grant_decide(actor=broker, grant=grant, decision="approve", reason="Ja")
    grant = grant_mark_paid(actor=broker, grant=grant)
    receipt = SimpleUploadedFile(
        "factuur Jan de Vries.pdf", b"%PDF-1.4 bon", content_type="application/pdf"
    )
    grant = grant_account(
        actor=broker, grant=grant, story="Gelukt.", actual_spend="100", receipts=[receipt]
    )
    name = grant.receipts.get().file.name
    assert "Vries" not in name and name.endswith(".pdf")

    # Even with DEBUG on (make run), /media/ does not hand out receipts or attachments.
    settings.DEBUG = True
    try:
        importlib.reload(config.urls)
        with pytest.raises(Resolver404):
            resolve(f"/media/{name}", urlconf=config.urls)
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)


def test_grants_accounted_before_the_payback_step_count_as_paid_back(broker):
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    migration = importlib.import_module(
        "neighbourhoods.migrations.0004_grant_returned_before_payback_step"
    )
    budget = NeighbourhoodBudgetFactory(amount=Decimal("100"))
    old = GrantFactory(budget=budget, amount_requested=Decimal("100"))
    grant_decide(actor=broker, grant=old, decision="approve", reason="Ja")
    grant_mark_paid(actor=broker, grant=old)
    old = grant_account(actor=broker, grant=old, story="Minder nodig.", actual_spend="40")
    assert budget_committed(budget) == Decimal("100")

    # The models as that migration knew them (they have since moved to the budgets app).
    apps = (
        MigrationLoader(connection)
        .project_state(("neighbourhoods", "0004_grant_returned_before_payback_step"))
        .apps
    )
    migration.mark_returned(apps, None)

    old.refresh_from_db()
    assert old.returned_at == old.accounted_at
    assert budget_committed(budget) == Decimal("40")


@pytest.mark.django_db(transaction=True)
def test_two_brokers_deciding_one_request_at_once_make_one_decision():
    """Issue 14, item 12: the second decision waits on the lock, then is refused with
    an explanation; one decision, one history row, one ledger line, one message."""
    brokers = [StaffFactory(role=Role.BROKER) for _ in range(2)]
    grant = GrantFactory(amount_requested=Decimal("150"))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def decide(actor, decision):
        try:
            barrier.wait(timeout=30)
            try:
                grant_decide(
                    actor=actor, grant=Grant.objects.get(pk=grant.pk), decision=decision, reason="R"
                )
                result = decision
            except ValidationError as exc:
                result = " ".join(exc.messages)
            with lock:
                outcomes.append(result)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(brokers[0], "approve")),
        threading.Thread(target=decide, args=(brokers[1], "decline")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert len(outcomes) == 2
    assert "Over deze aanvraag is al besloten." in outcomes
    winner = next(o for o in outcomes if o in ("approve", "decline"))
    grant.refresh_from_db()
    assert grant.decision == winner
    assert grant.events.exclude(status=GrantStatus.REQUESTED).count() == 1
    assert FundingLine.objects.filter(grant=grant).count() == (1 if winner == "approve" else 0)
    assert OutboundMessage.objects.filter(kind=MessageKind.GRANT_DECISION).count() == 1
