"""A database made by the migrations of before the floors (issue 15: roles and broker
profiles to accounts, budgets out of neighbourhoods, surveys and check-ins out of
messaging) upgrades without losing a row: the moved models keep their tables, and every
row written under the old app names reads back through the new ones."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

# The last migration of each app in the release before the move (commit b815eb9).
BEFORE = [
    ("initiatives", "0013_queue_order_index"),
    ("neighbourhoods", "0004_grant_returned_before_payback_step"),
    ("brokers", "0003_broker_work"),
    ("messaging", "0002_templates_surveys_check_ins"),
    ("matching", "0004_consent_channel_recorded_by"),
    ("retention", "0001_initial"),
    ("accounts", None),
    ("budgets", None),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _old_rows(apps):
    """What a municipality's database held: a broker with a profile, a case with a
    survey and a check-in, a budget with a decided grant, its receipt and ledger line."""
    User = apps.get_model("auth", "User")
    Neighbourhood = apps.get_model("neighbourhoods", "Neighbourhood")
    Theme = apps.get_model("initiatives", "Theme")
    Initiator = apps.get_model("initiatives", "Initiator")
    Initiative = apps.get_model("initiatives", "Initiative")
    broker = User.objects.create(username="mirjam@gemeente.example", email="mirjam@x.nl")
    apps.get_model("brokers", "BrokerProfile").objects.create(
        user=broker, display_name="Mirjam Hoekstra", direct_phone="038 498 21 10"
    )
    wijk = Neighbourhood.objects.create(code="WK019301", name="Binnenstad")
    initiative = Initiative.objects.create(
        reference="2026-0001",
        title="Moestuin",
        description="Samen tuinieren.",
        theme=Theme.objects.create(slug="groen", name="Groen"),
        neighbourhood=wijk,
        initiator=Initiator.objects.create(kind="resident", name="Anna", email="a@x.nl"),
        status="realised",
        channel="web",
        broker=broker,
        submitted_at=timezone.now() - timedelta(days=40),
        first_contact_due=date.today(),
        closed_at=timezone.now() - timedelta(days=3),
        outcome_message="Gelukt.",
    )
    apps.get_model("messaging", "Survey").objects.create(
        initiative=initiative, closed_at=initiative.closed_at, score=4, comment="Fijn"
    )
    apps.get_model("messaging", "CheckIn").objects.create(
        initiative=initiative, week=4, answer="Het groeit.", needs_help=True
    )
    budget = apps.get_model("neighbourhoods", "NeighbourhoodBudget").objects.create(
        neighbourhood=wijk, year=2026, amount=Decimal("5000.00")
    )
    grant = apps.get_model("neighbourhoods", "Grant").objects.create(
        budget=budget,
        initiative=initiative,
        amount_requested=Decimal("500.00"),
        amount_approved=Decimal("400.00"),
        status="approved",
        purpose="Zaden",
        beneficiaries="De buurt",
        decided_by=broker,
    )
    apps.get_model("neighbourhoods", "GrantEvent").objects.create(
        grant=grant, status="approved", amount=Decimal("400.00"), note="Mooi plan", actor=broker
    )
    apps.get_model("neighbourhoods", "GrantReceipt").objects.create(
        grant=grant, file="grants/1/abc.pdf"
    )
    apps.get_model("neighbourhoods", "FundingLine").objects.create(
        initiative=initiative, grant=grant, source="wijkbudget", amount=400
    )
    return initiative.pk, grant.pk, broker.pk


def test_a_database_from_before_the_floors_upgrades_without_loss():
    latest = _latest()
    try:
        old_apps = _migrate(BEFORE)
        initiative_id, grant_id, broker_id = _old_rows(old_apps)
        _migrate(latest)

        from accounts.models import BrokerProfile
        from budgets.models import FundingLine, Grant, GrantEvent, GrantReceipt
        from initiatives.models import CheckIn, Initiative, Survey

        profile = BrokerProfile.objects.get(user_id=broker_id)
        assert (profile.display_name, profile.direct_phone) == ("Mirjam Hoekstra", "038 498 21 10")
        grant = Grant.objects.select_related("budget__neighbourhood").get(pk=grant_id)
        assert (grant.status, grant.amount_approved) == ("approved", Decimal("400.00"))
        assert grant.budget.neighbourhood.code == "WK019301"
        assert grant.budget.amount == Decimal("5000.00")
        event = GrantEvent.objects.get(grant=grant)
        assert (event.status, event.amount, event.note) == (
            "approved",
            Decimal("400.00"),
            "Mooi plan",
        )
        assert GrantReceipt.objects.get(grant=grant).file.name == "grants/1/abc.pdf"
        assert FundingLine.objects.get(grant=grant).amount == 400
        initiative = Initiative.objects.get(pk=initiative_id)
        assert Survey.objects.get(initiative=initiative).comment == "Fijn"
        check_in = CheckIn.objects.get(initiative=initiative)
        assert (check_in.answer, check_in.needs_help) == ("Het groeit.", True)
        # Permissions follow the models to their new apps (content types moved, not new).
        from django.contrib.contenttypes.models import ContentType

        moved = ContentType.objects.filter(
            model__in=["grant", "brokerprofile", "survey"]
        ).values_list("app_label", "model")
        assert set(moved) == {
            ("budgets", "grant"),
            ("accounts", "brokerprofile"),
            ("initiatives", "survey"),
        }
    finally:
        _migrate(latest)
