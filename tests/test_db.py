"""config/db.py: insert_new writes the same row save() would."""

import pytest
from django.db.models import Value, signals
from django.db.models.functions import Upper
from django.utils import timezone

from config.db import insert_new
from initiatives.constants import ActorRole, Status
from initiatives.models import (
    Initiative,
    InitiativeStatusChange,
    Initiator,
    SubmissionFollowUp,
    Theme,
)
from neighbourhoods.models import Neighbourhood
from tests.initiatives.factories import theme
from tests.neighbourhoods.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

# Set by the database or the clock, so never equal between two rows.
_VARYING = {"id", "created_at", "updated_at", "reference", "public_id", "submission_key"}


def _row(obj) -> dict:
    """Every stored column of the row, read back from the database."""
    model = type(obj)
    stored = model.objects.filter(pk=obj.pk).values(
        *[f.attname for f in model._meta.concrete_fields]
    )
    return {k: v for k, v in stored.get().items() if k not in _VARYING}


def _hood():
    # One neighbourhood for both rows, so they can be compared.
    return Neighbourhood.objects.first() or NeighbourhoodFactory()


def _initiator(**extra):
    return Initiator(
        **{"kind": "resident", "name": "Anna de Vries", "email": "anna@example.nl"} | extra
    )


def _initiative(initiator, reference, now=None):
    return Initiative(
        reference=reference,
        title="Buurtmoestuin",
        description="Samen groente kweken achter de flat.",
        theme=theme("groen-leefomgeving"),
        neighbourhood=_hood(),
        initiator=initiator,
        channel="web",
        needs=["funding", "volunteers"],
        status=Status.NEW,
        submitted_at=now or timezone.now(),
        first_contact_due=timezone.localdate(),
    )


def test_the_same_rows_as_save_for_every_model_of_a_submission():
    pairs = []
    now = timezone.now()
    for write, reference in ((insert_new, "2026-9001"), (lambda o: o.save(), "2026-9002")):
        initiator = _initiator(consent_contact_at=now)
        write(initiator)
        initiative = _initiative(initiator, reference, now)
        write(initiative)
        change = InitiativeStatusChange(
            initiative=initiative, to_status=Status.NEW, actor_role=ActorRole.INITIATOR
        )
        write(change)
        follow_up = SubmissionFollowUp(initiative=initiative)
        write(follow_up)
        pairs.append((initiator, initiative, change, follow_up))

    for mine, saved in zip(*pairs, strict=True):
        assert mine.pk is not None and not mine._state.adding and mine._state.db == "default"
        expected = _row(saved)
        got = _row(mine)
        # The rows point at their own initiator and initiative, of course.
        for key in ("initiator_id", "initiative_id"):
            if key in expected:
                expected.pop(key), got.pop(key)
        assert got == expected
    # Defaults, auto_now_add and the trigger-built search document are there.
    initiative = Initiative.objects.get(pk=pairs[0][1].pk)
    assert initiative.link_version == 1 and initiative.public_id is not None
    assert initiative.updated_at is not None
    assert "anna" in str(
        Initiative.objects.values_list("search_document", flat=True).get(pk=initiative.pk)
    )


def test_a_model_with_save_receivers_goes_through_save():
    seen = []

    def receiver(sender, instance, created, **kwargs):
        seen.append(created)

    signals.post_save.connect(receiver, sender=Theme)
    try:
        insert_new(Theme(name="Kunst", slug="kunst-test"))
    finally:
        signals.post_save.disconnect(receiver, sender=Theme)
    assert seen == [True]
    assert Theme.objects.filter(slug="kunst-test").exists()


def test_expressions_and_given_primary_keys_go_through_save():
    initiator = _initiator()
    insert_new(initiator)
    initiative = _initiative(initiator, "2026-9003")
    insert_new(initiative)
    # An expression as a value: save() resolves it.
    change = InitiativeStatusChange(
        initiative=initiative, to_status=Status.NEW, actor_role=ActorRole.INITIATOR
    )
    change.note = Upper(Value("ontvangen"))
    insert_new(change)
    assert InitiativeStatusChange.objects.get(pk=change.pk).note == "ONTVANGEN"
    # An automatic primary key given a value is kept, as save() keeps it.
    given = _initiator(name="Bram")
    given.pk = Initiator.objects.latest("pk").pk + 1000
    insert_new(given)
    assert Initiator.objects.get(pk=given.pk).name == "Bram"


def test_rows_given_together_get_the_keys_of_the_ones_before():
    initiator = _initiator()
    initiative = _initiative(initiator, "2026-9004")  # built while initiator is unsaved
    follow_up = SubmissionFollowUp(initiative=initiative)

    insert_new(initiator, initiative, follow_up)

    stored = Initiative.objects.select_related("initiator").get(pk=initiative.pk)
    assert stored.initiator.name == "Anna de Vries"
    assert SubmissionFollowUp.objects.filter(pk=initiative.pk).exists()


def test_an_unsaved_related_object_is_refused_as_save_refuses_it():
    initiative = _initiative(_initiator(), "2026-9005")
    with pytest.raises(ValueError, match="unsaved related object"):
        insert_new(initiative)


def test_a_model_with_its_own_save_goes_through_it():
    from django.contrib.auth import get_user_model

    from config.db import _insert_statement

    user_model = get_user_model()
    assert _insert_statement(user_model) is None  # AbstractBaseUser has its own save()
    user = user_model(username="insert-new-test")
    insert_new(user)
    assert user_model.objects.filter(username="insert-new-test").exists()


def test_a_unique_key_twin_raises_djangos_integrity_error_and_marks_the_block():
    import uuid

    from django.db import IntegrityError, connection, transaction

    key = uuid.uuid4()
    first = _initiative(_initiator(), "2026-9006")
    first.submission_key = key
    insert_new(first.initiator, first)
    twin = _initiative(_initiator(name="Twin"), "2026-9007")
    twin.submission_key = key

    with transaction.atomic():
        with pytest.raises(IntegrityError) as caught:
            insert_new(twin.initiator, twin)
        # As after save(): the caller's block can no longer be used, and rolls back.
        assert connection.needs_rollback
    diag = caught.value.__cause__.diag
    assert diag.constraint_name == "initiatives_initiative_submission_key_key"


def test_insert_new_or_skip_writes_a_key_once():
    from config.db import insert_new_or_skip
    from messaging.models import OutboundMessage

    def message():
        return OutboundMessage(
            key="test:once", kind="acknowledgement", channel="email", to_email="a@b.nl"
        )

    first, second = message(), message()
    assert insert_new_or_skip(first, conflict_on="key") is True
    assert first.pk is not None and not first._state.adding
    assert insert_new_or_skip(second, conflict_on="key") is False
    assert second.pk is None
    assert OutboundMessage.objects.filter(key="test:once").count() == 1


def test_insert_new_or_skip_refuses_what_only_save_can_write():
    from django.contrib.auth import get_user_model

    from config.db import insert_new_or_skip

    with pytest.raises(TypeError):
        insert_new_or_skip(get_user_model()(username="x"), conflict_on="username")


def _plan_cache_mode() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        return cursor.fetchone()[0]


def test_generic_plans_hold_within_the_block_and_the_setting_comes_back():
    # The test runs in a transaction of its own: the block is part of it.
    from django.http import Http404

    from config.db import generic_plans

    assert _plan_cache_mode() == "force_custom_plan"
    with generic_plans():
        assert _plan_cache_mode() == "force_generic_plan"
    assert _plan_cache_mode() == "force_custom_plan"
    # An error in Python (a case not found) leaves the transaction usable, as it was.
    with pytest.raises(Http404), generic_plans():
        raise Http404
    assert _plan_cache_mode() == "force_custom_plan"


@pytest.mark.django_db(transaction=True)
def test_generic_plans_outside_a_transaction_make_one_that_ends_with_the_block():
    from django.db import connection

    from config.db import generic_plans

    assert not connection.in_atomic_block
    with generic_plans():
        assert connection.in_atomic_block and _plan_cache_mode() == "force_generic_plan"
    assert not connection.in_atomic_block and _plan_cache_mode() == "force_custom_plan"
