"""The one mechanism for status changes: state machines are data (see HOUSE_STYLE.md).

Each stateful entity (an initiative, a grant, a match suggestion, an offer) declares one
`StateMachine`: its model, its table of allowed transitions (`ALLOWED_..._TRANSITIONS` in
the app's `constants.py`), the labels of its statuses and how to append its history row.
`StateMachine.transition()` is then the only place that changes that status. In one
`transaction.atomic()` it:

1. locks the row (`select_for_update`, of the row itself only, so `related` joins may be
   nullable) and reads its current status;
2. checks the table, and raises `config.errors.TransitionNotAllowed` (a ValidationError,
   so forms and views show its message) before anything is written;
3. asks the caller for the other fields to set in the same save (`changes`: a mapping, or
   a function of the locked row that may raise to refuse, e.g. a budget that is too small);
4. saves the status and those fields with `update_fields` (plus the model's `auto_now`
   fields, such as `updated_at`);
5. appends the history row through the machine's `record` (from, to, actor, note; the
   time is the history model's own `created_at`);
6. runs `after(locked, row)` for work that belongs in the same transaction (outbox
   messages, related rows), and registers `on_commit(locked, row)` to run only once the
   outermost transaction commits (enqueueing tasks).

It logs `event=<model>_transition <model>_id=… from=… to=…` and returns the locked,
changed row. A caller that must lock other rows first (a budget
before its grant, always in the same order) opens its own `transaction.atomic()` around
the call; the machine's block then nests in it, and on_commit waits for the outer commit.

    OFFER_STATES = StateMachine(
        model=Offer,
        allowed=ALLOWED_OFFER_TRANSITIONS,
        labels=OfferStatus,
        record=status_change_row(OfferStatusChange, "offer"),
    )
    offer = OFFER_STATES.transition(offer, to=OfferStatus.CLOSED, actor=user, note="Vol.")
"""

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext as _

from .errors import TransitionNotAllowed

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    """One status change, as handed to a machine's `record` to write its history row.
    `extra`: per-call fields for the history row (e.g. who acted in which role)."""

    obj: models.Model
    from_status: str
    to_status: str
    actor: Any
    note: str
    extra: Mapping[str, Any] = field(default_factory=dict)


class StatusChange(models.Model):
    """What every history row of a status change has besides its entity and its two
    statuses (which each subclass declares with its own choices): who, a note, when.
    Appended by a machine's `record` (status_change_row), never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


def status_change_row(history_model: type[models.Model], fk: str) -> Callable[[Step], Any]:
    """A `record` for the usual history model (`<Entity>StatusChange`: a foreign key
    `fk` to the entity, from_status, to_status, actor, note, created_at)."""

    def record(step: Step):
        return history_model.objects.create(
            **{fk: step.obj},
            from_status=step.from_status,
            to_status=step.to_status,
            actor=step.actor,
            note=step.note,
            **step.extra,
        )

    return record


Changes = Mapping[str, Any] | Callable[[models.Model], Mapping[str, Any] | None] | None


@dataclass(frozen=True)
class StateMachine:
    """An entity's statuses as data: the table, the status field and its history.

    `allowed`: every allowed (from, to) pair, as {from: {to, ...}}; anything else is
    refused. `labels`: the statuses' TextChoices, for the refusal message. `related`:
    `select_related` paths loaded with the locked row (what `changes` and `after` need)."""

    model: type[models.Model]
    allowed: Mapping[str, Collection[str]]
    record: Callable[[Step], Any]
    labels: type[models.Choices] | None = None
    field: str = "status"
    related: tuple[str, ...] = ()

    def allows(self, from_status: str, to_status: str) -> bool:
        return to_status in self.allowed.get(from_status, ())

    def label(self, value: str) -> str:
        """The status's label, or the value itself for a value the choices do not know
        (a refusal says which, instead of failing on it)."""
        labels = dict(self.labels.choices) if self.labels is not None else {}
        return str(labels.get(value, value))

    def transition(
        self,
        obj_or_pk,
        *,
        to: str,
        actor,
        note: str = "",
        changes: Changes = None,
        after: Callable[[models.Model, Any], None] | None = None,
        on_commit: Callable[[models.Model, Any], None] | None = None,
        refused: str | None = None,
        history: Mapping[str, Any] | None = None,
    ):
        """Move one row to status `to` (see the module's docstring for the steps).

        `refused`: the message when the table does not allow it (default "Van 'X' naar
        'Y' kan niet."). `history`: extra fields for this change's history row."""
        pk = obj_or_pk.pk if isinstance(obj_or_pk, models.Model) else obj_or_pk
        with transaction.atomic():
            locked = self.lock(pk)
            from_status = getattr(locked, self.field)
            if not self.allows(from_status, to):
                raise TransitionNotAllowed(
                    refused
                    or _("Van '%(from)s' naar '%(to)s' kan niet.")
                    % {"from": self.label(from_status), "to": self.label(to)},
                    code="transition_not_allowed",
                )
            values = dict((changes(locked) if callable(changes) else changes) or {})
            setattr(locked, self.field, to)
            for name, value in values.items():
                setattr(locked, name, value)
            locked.save(update_fields=self._update_fields(values))
            row = self.record(
                Step(
                    obj=locked,
                    from_status=from_status,
                    to_status=to,
                    actor=actor,
                    note=note,
                    extra=dict(history or {}),
                )
            )
            if after is not None:
                after(locked, row)
            if on_commit is not None:
                transaction.on_commit(partial(on_commit, locked, row))
        # Ids and statuses only: never a name or an address.
        name = self.model._meta.model_name
        logger.info("event=%s_transition %s_id=%s from=%s to=%s", name, name, pk, from_status, to)
        return locked

    def lock(self, pk):
        """The row, locked until the end of the transaction, with `related` loaded. For a
        caller that must hold it before other rows (transition() locks it again: a no-op)."""
        queryset = self.model._default_manager.select_for_update(of=("self",))
        if self.related:
            queryset = queryset.select_related(*self.related)
        return queryset.get(pk=pk)

    def _update_fields(self, values: Mapping[str, Any]) -> list[str]:
        # auto_now fields (updated_at) are set by save() only when they are listed.
        touched = [
            f.name for f in self.model._meta.concrete_fields if getattr(f, "auto_now", False)
        ]
        return list(dict.fromkeys([self.field, *values, *touched]))
