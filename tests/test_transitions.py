"""The one state mechanism (config/transitions.py), on its own: it locks the row, refuses
what the table does not allow without writing anything, saves the status and the other
changes in one save, appends the history row, and runs on_commit work only after commit.

It is tried on an offer and its history model (a small table and history of the usual
shape), with a table of its own."""

import threading

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from config.errors import TransitionNotAllowed
from config.transitions import StateMachine, Step, status_change_row
from matching.constants import OfferStatus, SuggestionStatus
from matching.models import MatchSuggestion, Offer, OfferStatusChange
from tests.matching.factories import MatchSuggestionFactory, OfferFactory

MACHINE = StateMachine(
    model=Offer,
    allowed={OfferStatus.OPEN: {OfferStatus.CLOSED}},
    labels=OfferStatus,
    record=status_change_row(OfferStatusChange, "offer"),
)


@pytest.mark.django_db
def test_an_allowed_change_saves_the_status_with_its_changes_and_appends_history(broker):
    offer = OfferFactory()
    stale = Offer.objects.get(pk=offer.pk)
    Offer.objects.filter(pk=offer.pk).update(description="Nieuw sinds het laden.")
    stale.in_return = "Niet opgeslagen: niet gevraagd."

    with CaptureQueriesContext(connection) as queries:
        locked = MACHINE.transition(
            stale,
            to=OfferStatus.CLOSED,
            actor=broker,
            note="Kantine verhuurd.",
            changes=lambda row: {"name": row.name + " (gesloten)"},
        )

    [update] = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "matching_offer"')]
    assert update.split(" WHERE ")[0].count("=") == 2  # status and name, nothing else

    assert locked is not stale and locked.status == OfferStatus.CLOSED
    offer.refresh_from_db()
    assert offer.status == OfferStatus.CLOSED
    assert offer.name == "Bakkerij De Korenschoof (gesloten)"
    # The row was read again under the lock and only the changed fields were saved.
    assert offer.description == "Nieuw sinds het laden."
    assert offer.in_return == "Een vermelding op de website."
    change = OfferStatusChange.objects.get(offer=offer)
    assert (change.from_status, change.to_status, change.actor, change.note) == (
        OfferStatus.OPEN,
        OfferStatus.CLOSED,
        broker,
        "Kantine verhuurd.",
    )
    assert change.created_at is not None


@pytest.mark.django_db
def test_a_change_by_pk_works_too(broker):
    offer = OfferFactory()
    assert MACHINE.transition(offer.pk, to=OfferStatus.CLOSED, actor=broker).pk == offer.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("from_status", "to_status", "message"),
    [
        (OfferStatus.CLOSED, OfferStatus.OPEN, "Van 'Gesloten' naar 'Open' kan niet."),
        (OfferStatus.OPEN, OfferStatus.OPEN, "Van 'Open' naar 'Open' kan niet."),
        # A value the choices do not know is refused, and named (no error on the label).
        (OfferStatus.OPEN, "gone", "Van 'Open' naar 'gone' kan niet."),
    ],
)
def test_a_refusal_raises_and_writes_nothing(from_status, to_status, message, broker):
    offer = OfferFactory(status=from_status)
    asked, done = [], []

    with pytest.raises(TransitionNotAllowed) as refused:
        MACHINE.transition(
            offer,
            to=to_status,
            actor=broker,
            changes=lambda row: asked.append(row) or {"name": "Anders"},
            after=lambda row, change: done.append(change),
            on_commit=lambda row, change: done.append(change),
        )

    assert refused.value.messages == [message]
    assert refused.value.code == "transition_not_allowed"
    assert asked == [] and done == []
    offer.refresh_from_db()
    assert (offer.status, offer.name) == (from_status, "Bakkerij De Korenschoof")
    assert not OfferStatusChange.objects.exists()


@pytest.mark.django_db
def test_a_refusal_says_what_the_caller_asks(broker):
    offer = OfferFactory(closed=True)
    with pytest.raises(TransitionNotAllowed) as refused:
        MACHINE.transition(
            offer, to=OfferStatus.OPEN, actor=broker, refused="Dit aanbod is al gesloten."
        )
    assert refused.value.messages == ["Dit aanbod is al gesloten."]


@pytest.mark.django_db
def test_changes_that_refuse_or_follow_up_work_that_fails_undo_everything(broker):
    from django.core.exceptions import ValidationError

    offer = OfferFactory()

    def too_late(row):
        raise ValidationError({"name": "Te laat."})

    with pytest.raises(ValidationError):
        MACHINE.transition(offer, to=OfferStatus.CLOSED, actor=broker, changes=too_late)

    def broken(row, change):
        assert change.pk and Offer.objects.get(pk=row.pk).status == OfferStatus.CLOSED
        raise RuntimeError("outbox away")

    with pytest.raises(RuntimeError):
        MACHINE.transition(offer, to=OfferStatus.CLOSED, actor=broker, after=broken)

    offer.refresh_from_db()
    assert offer.status == OfferStatus.OPEN
    assert not OfferStatusChange.objects.exists()


@pytest.mark.django_db
def test_the_history_row_gets_the_callers_extra_fields(broker):
    rows = []
    machine = StateMachine(
        model=Offer,
        allowed={OfferStatus.OPEN: {OfferStatus.CLOSED}},
        record=lambda step: rows.append(step) or "row",
    )
    offer = OfferFactory()
    machine.transition(offer, to=OfferStatus.CLOSED, actor=broker, history={"role": "staff"})
    [step] = rows
    assert isinstance(step, Step)
    assert (step.obj.pk, step.from_status, step.to_status, step.actor, step.note) == (
        offer.pk,
        OfferStatus.OPEN,
        OfferStatus.CLOSED,
        broker,
        "",
    )
    assert step.extra == {"role": "staff"}


@pytest.mark.django_db
def test_auto_now_fields_are_saved_with_the_status():
    suggestion = MatchSuggestionFactory()
    before = suggestion.updated_at
    machine = StateMachine(
        model=MatchSuggestion,
        allowed={SuggestionStatus.SUGGESTED: {SuggestionStatus.DISMISSED}},
        record=lambda step: None,
    )
    machine.transition(suggestion, to=SuggestionStatus.DISMISSED, actor=None)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DISMISSED
    assert suggestion.updated_at > before


@pytest.mark.django_db(transaction=True)
def test_on_commit_work_runs_only_after_the_outer_commit(broker):
    offer = OfferFactory()
    calls = []

    def enqueue(row, change):
        calls.append((row.pk, row.status, change.pk))

    with transaction.atomic():
        MACHINE.transition(offer, to=OfferStatus.CLOSED, actor=broker, on_commit=enqueue)
        assert calls == []
    change = OfferStatusChange.objects.get()
    assert calls == [(offer.pk, OfferStatus.CLOSED, change.pk)]

    # Rolled back: the change, its history and its follow-up work are all gone.
    other = OfferFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        MACHINE.transition(other, to=OfferStatus.CLOSED, actor=broker, on_commit=enqueue)
        raise RuntimeError("later step failed")
    assert len(calls) == 1
    other.refresh_from_db()
    assert other.status == OfferStatus.OPEN
    assert OfferStatusChange.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_row_is_locked_from_the_check_until_the_commit(broker):
    """While one change is under way, another connection can neither lock the row nor
    see the new status; once committed, it can."""
    offer = OfferFactory()
    seen = {}

    def from_another_connection(key):
        def run():
            try:
                seen[f"{key}-status"] = Offer.objects.get(pk=offer.pk).status
                with transaction.atomic():
                    Offer.objects.select_for_update(nowait=True).get(pk=offer.pk)
                seen[f"{key}-lock"] = "taken"
            except DatabaseError:
                seen[f"{key}-lock"] = "refused"
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        thread.join(30)

    def changes(row):
        from_another_connection("during")
        return {}

    MACHINE.transition(offer, to=OfferStatus.CLOSED, actor=broker, changes=changes)
    from_another_connection("after")

    assert seen == {
        "during-status": OfferStatus.OPEN,
        "during-lock": "refused",
        "after-status": OfferStatus.CLOSED,
        "after-lock": "taken",
    }


@pytest.mark.django_db
def test_every_change_is_logged_with_ids_and_statuses_only(broker, caplog):
    offer = OfferFactory(name="Henk Visser", email="henk@example.nl")
    with caplog.at_level("INFO", logger="config.transitions"):
        MACHINE.transition(offer, to=OfferStatus.CLOSED, actor=broker, note="Henk stopt.")
        with pytest.raises(TransitionNotAllowed):
            MACHINE.transition(offer, to=OfferStatus.CLOSED, actor=broker)
    assert [r.getMessage() for r in caplog.records] == [
        f"event=offer_transition offer_id={offer.pk} from=open to=closed"
    ]
