"""Walk every (from, to) pair of a grant and prove exactly ALLOWED_GRANT_TRANSITIONS is
allowed: through the service that leads to each status, and through the grant's state
machine for "requested", which no service leads back to."""

import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets.constants import ALLOWED_GRANT_TRANSITIONS, GrantStatus
from budgets.models import FundingLine, Grant, GrantEvent
from budgets.services import (
    GRANT_STATES,
    grant_account,
    grant_decide,
    grant_mark_paid,
)
from config.errors import TransitionNotAllowed
from messaging.models import OutboundMessage
from tests.budgets.factories import GrantFactory

pytestmark = pytest.mark.django_db

PAIRS = list(itertools.product(GrantStatus.values, GrantStatus.values))

TRAITS = {
    GrantStatus.REQUESTED: {},
    GrantStatus.APPROVED: {"approved": True},
    GrantStatus.DECLINED: {"declined": True},
    GrantStatus.PAID: {"paid": True},
    GrantStatus.ACCOUNTED: {"accounted": True},
}

# What each service has always said when the grant is not in the state it starts from.
REFUSALS = {
    GrantStatus.APPROVED: "Over deze aanvraag is al besloten.",
    GrantStatus.DECLINED: "Over deze aanvraag is al besloten.",
    GrantStatus.PAID: "Alleen een toegekende aanvraag kan worden uitbetaald.",
    GrantStatus.ACCOUNTED: "Alleen een uitbetaalde aanvraag kan worden verantwoord.",
}


def _move(grant: Grant, to_status: str, actor) -> Grant:
    if to_status == GrantStatus.APPROVED:
        return grant_decide(actor=actor, grant=grant, decision="approve", reason="Past.")
    if to_status == GrantStatus.DECLINED:
        return grant_decide(actor=actor, grant=grant, decision="decline", reason="Op.")
    if to_status == GrantStatus.PAID:
        return grant_mark_paid(actor=actor, grant=grant)
    if to_status == GrantStatus.ACCOUNTED:
        return grant_account(
            actor=actor, grant=grant, story="Gelukt.", actual_spend=grant.amount_requested
        )
    # No service leads back to "requested": a grant starts there (grant_request).
    return GRANT_STATES.transition(grant, to=to_status, actor=actor)


def test_mapping_covers_every_status():
    assert set(ALLOWED_GRANT_TRANSITIONS) == set(GrantStatus.values)
    for targets in ALLOWED_GRANT_TRANSITIONS.values():
        assert targets <= set(GrantStatus.values)


@pytest.mark.parametrize(("from_status", "to_status"), PAIRS)
def test_every_pair_follows_the_mapping(from_status, to_status, broker):
    grant = GrantFactory(amount_requested=Decimal("400.00"), **TRAITS[from_status])

    if to_status in ALLOWED_GRANT_TRANSITIONS[from_status]:
        result = _move(grant, to_status, broker)
        assert result.status == to_status
        grant.refresh_from_db()
        assert grant.status == to_status
        event = GrantEvent.objects.get(grant=grant)
        assert (event.status, event.actor) == (to_status, broker)
    else:
        with pytest.raises(TransitionNotAllowed) as refused:
            _move(grant, to_status, broker)
        if to_status in REFUSALS:
            assert refused.value.messages == [REFUSALS[to_status]]
        grant.refresh_from_db()
        assert grant.status == from_status
        assert not GrantEvent.objects.filter(grant=grant).exists()
        assert not FundingLine.objects.filter(grant=grant).exists()
        assert not OutboundMessage.objects.exists()


def test_each_step_writes_the_history_row_it_always_wrote(broker):
    grant = GrantFactory(amount_requested=Decimal("400.00"))
    grant_decide(actor=broker, grant=grant, decision="approve", reason="  Past binnen de regels. ")
    grant_mark_paid(actor=broker, grant=grant)
    grant_account(actor=broker, grant=grant, story="Gelukt.", actual_spend=Decimal("250"))

    rows = list(grant.events.values_list("status", "amount", "note", "actor"))
    assert rows[:2] == [
        (GrantStatus.APPROVED, Decimal("400.00"), "Past binnen de regels.", broker.pk),
        (GrantStatus.PAID, Decimal("400.00"), "", broker.pk),
    ]
    status, amount, note, actor = rows[2]
    assert (status, amount, actor) == (GrantStatus.ACCOUNTED, Decimal("250.00"), broker.pk)
    assert note == (
        "€ 150,00 is niet uitgegeven en moet terug naar het wijkbudget. "
        "Het is weer vrij als de terugbetaling is vastgelegd."
    )

    declined = GrantFactory()
    grant_decide(actor=broker, grant=declined, decision="decline", reason="Het budget is op.")
    assert list(declined.events.values_list("status", "amount", "note")) == [
        (GrantStatus.DECLINED, None, "Het budget is op.")
    ]


def test_the_budget_row_is_still_locked_before_the_grant(broker):
    """Concurrent decisions on one budget queue on the budget row, then the grant's:
    always in that order, so they wait for each other instead of deadlocking."""
    grant = GrantFactory()
    with CaptureQueriesContext(connection) as queries:
        grant_decide(actor=broker, grant=grant, decision="approve", reason="Past.")
    locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert "neighbourhoods_neighbourhoodbudget" in locks[0].split("FROM")[1].split()[0]
    assert "neighbourhoods_grant" in locks[1].split("FROM")[1].split()[0]
