"""Walk every (from, to) pair and prove exactly the mapping is allowed."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied

from initiatives.constants import ALLOWED_TRANSITIONS, CLOSED_STATUSES, OPEN_STATUSES, Status
from initiatives.errors import TransitionNotAllowed
from initiatives.models import Initiative, InitiativeStatusChange
from initiatives.services import initiative_transition
from tests.initiatives.factories import InitiativeFactory

PAIRS = [(a, b) for a, b in itertools.product(Status.values, Status.values) if a != b]


def _case_in(status):
    if status == Status.NEW:
        return InitiativeFactory()
    if status in OPEN_STATUSES:
        return InitiativeFactory(status=status, first_contact_at="2026-01-05T10:00Z")
    return InitiativeFactory(
        status=status,
        first_contact_at="2026-01-05T10:00Z",
        closed_at="2026-02-05T10:00Z",
        outcome_message="Afgesloten.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("from_status", "to_status"), PAIRS)
def test_every_pair_follows_the_mapping(from_status, to_status, coordinator):
    case = _case_in(from_status)
    allowed = to_status in ALLOWED_TRANSITIONS[from_status]

    if allowed:
        result = initiative_transition(
            initiative=case, to_status=to_status, actor=coordinator, outcome_message="Uitleg."
        )
        assert result.status == to_status
        change = InitiativeStatusChange.objects.get(initiative=case, to_status=to_status)
        assert (change.from_status, change.actor) == (from_status, coordinator)
        case.refresh_from_db()
        assert (case.closed_at is not None) == (to_status in CLOSED_STATUSES)
    else:
        with pytest.raises(TransitionNotAllowed):
            initiative_transition(
                initiative=case, to_status=to_status, actor=coordinator, outcome_message="Uitleg."
            )
        assert Initiative.objects.get(pk=case.pk).status == from_status
        assert not InitiativeStatusChange.objects.filter(initiative=case).exists()


def test_mapping_covers_every_status():
    assert set(ALLOWED_TRANSITIONS) == set(Status.values)
    for targets in ALLOWED_TRANSITIONS.values():
        assert targets <= set(Status.values)


@pytest.mark.django_db
@pytest.mark.parametrize("closed", sorted(CLOSED_STATUSES))
def test_only_a_coordinator_reopens(closed, broker, coordinator):
    case = _case_in(closed)
    with pytest.raises(PermissionDenied):
        initiative_transition(initiative=case, to_status=Status.IN_PROGRESS, actor=broker)

    reopened = initiative_transition(
        initiative=case, to_status=Status.IN_PROGRESS, actor=coordinator, note="Toch verder."
    )
    assert reopened.status == Status.IN_PROGRESS and reopened.closed_at is None
    assert InitiativeStatusChange.objects.filter(
        initiative=case, from_status=closed, to_status=Status.IN_PROGRESS, note="Toch verder."
    ).exists()
