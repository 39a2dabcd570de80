"""Writes of the workbench: marking a case read, the queue's bulk actions (each case on
its own through the same services as the case file, reporting what was done and what
was skipped and why) and saved views."""

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_broker
from config.errors import REFUSALS, NotAllowed, refusal_messages
from initiatives.models import Initiative
from initiatives.services import initiative_assign

from ..models import CaseRead, SavedView
from ..services import case_transition, initiative_waiting_set

logger = logging.getLogger(__name__)

# More cases than this in one bulk action is a mistake rather than a plan.
MAX_BULK = 500

# The parameters a saved view keeps: the filters and the order, never the search term
# (it may hold a name) nor the page.
SAVED_VIEW_PARAMS = (
    "status",
    "theme",
    "neighbourhood",
    "broker",
    "channel",
    "need",
    "unassigned",
    "overdue",
    "waiting",
    "mine",
    "unread",
    "due",
    "sort",
)


def _require_broker(actor) -> None:
    if not is_broker(actor):
        raise NotAllowed(_("Alleen ideeënmakelaars kunnen aan een idee werken."))


def case_read_mark(*, initiative: Initiative, actor) -> None:
    """The broker opened the case file: what happened so far is read (for them only).
    Called by the case file view on a GET that shows the case, never by a list or a
    panel. One statement (an upsert) in one round trip: bulk_create(update_conflicts=...)
    wraps even a single row in a transaction of its own, BEGIN and COMMIT being two more
    round trips on every case file that change nothing (one statement is atomic).

    On its own (not in a caller's transaction) it commits without waiting for the WAL
    to reach the disk (synchronous_commit off for this one statement): the flush was a
    millisecond or two of every case file, and a crash of the database in the moment
    after loses no more than this mark (the case then shows as unread again)."""
    if not is_broker(actor):
        return
    meta = CaseRead._meta
    user, case, read_at = (meta.get_field(f).column for f in ("user", "initiative", "read_at"))
    # A caller's transaction commits as it commits: the setting would last until then.
    rows = (
        "VALUES (%s, %s, %s)"
        if connection.in_atomic_block
        else "SELECT %s, %s, %s FROM (SELECT set_config('synchronous_commit', 'off', true)) s"
    )
    with connection.cursor() as cursor:
        # Only the ORM's own table and column names are put into the text; values are bound.
        cursor.execute(
            f'INSERT INTO "{meta.db_table}" ("{user}", "{case}", "{read_at}") {rows} '  # noqa: S608
            f'ON CONFLICT ("{user}", "{case}") '
            f'DO UPDATE SET "{read_at}" = EXCLUDED."{read_at}"',
            [actor.pk, initiative.pk, timezone.now()],
        )


# --- bulk actions ---------------------------------------------------------------------------


class Skip(Exception):
    """A case the action leaves alone, with the reason (not an error)."""


@dataclass
class BulkOutcome:
    done: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> number of cases

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())


def _bulk(initiatives: Iterable[Initiative], act: Callable[[Initiative], None]) -> BulkOutcome:
    """Apply `act` to each case in its own transaction: one case that may not change
    (not yours, closed, a transition the workflow forbids) is skipped with its reason
    and the others go ahead."""
    outcome = BulkOutcome()
    for initiative in initiatives:
        try:
            with transaction.atomic():
                act(initiative)
        except Skip as exc:
            outcome.skipped[str(exc)] += 1
        except REFUSALS as exc:
            reason = " ".join(refusal_messages(exc))
            outcome.skipped[reason] += 1
        else:
            outcome.done += 1
    return outcome


def _checked(initiatives, actor) -> list[Initiative]:
    _require_broker(actor)
    initiatives = list(initiatives)
    if not initiatives:
        raise ValidationError({"initiatives": _("Kies minstens één idee.")})
    if len(initiatives) > MAX_BULK:
        raise ValidationError(
            {
                "initiatives": _("Kies ten hoogste %(max)s ideeën tegelijk; u koos er %(n)s.")
                % {"max": MAX_BULK, "n": len(initiatives)}
            }
        )
    return initiatives


def cases_bulk_assign(*, initiatives, broker, actor) -> BulkOutcome:
    def act(initiative):
        if initiative.broker_id == broker.pk:
            raise Skip(_("had deze makelaar al"))
        initiative_assign(initiative=initiative, broker=broker, actor=actor)

    outcome = _bulk(_checked(initiatives, actor), act)
    logger.info("event=cases_bulk_assigned done=%s skipped=%s", outcome.done, outcome.skipped_total)
    return outcome


def cases_bulk_waiting(*, initiatives, reason: str, actor) -> BulkOutcome:
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf op waarop u wacht.")})

    def act(initiative):
        if initiative.waiting_since is not None:
            raise Skip(_("wachtte al op de initiatiefnemer"))
        initiative_waiting_set(initiative=initiative, actor=actor, reason=reason)

    outcome = _bulk(_checked(initiatives, actor), act)
    logger.info("event=cases_bulk_waiting done=%s skipped=%s", outcome.done, outcome.skipped_total)
    return outcome


def cases_bulk_transition(*, initiatives, to_status: str, message: str, actor) -> BulkOutcome:
    """One status change for each case, each initiator getting `message` (required when
    closing: the workflow sends it as the outcome)."""

    def act(initiative):
        if initiative.status == to_status:
            raise Skip(_("had deze status al"))
        case_transition(
            initiative=initiative,
            to_status=to_status,
            actor=actor,
            note=message,
            outcome_message=message,
        )

    outcome = _bulk(_checked(initiatives, actor), act)
    logger.info(
        "event=cases_bulk_transition to=%s done=%s skipped=%s",
        to_status,
        outcome.done,
        outcome.skipped_total,
    )
    return outcome


# --- saved views ----------------------------------------------------------------------------


def saved_view_query(params: QueryDict) -> str:
    """The part of a queue query string a saved view keeps, in a stable order."""
    kept = [
        (name, value)
        for name in SAVED_VIEW_PARAMS
        for value in params.getlist(name)
        if value not in ("", None)
    ]
    return urlencode(kept)


def saved_view_save(*, actor, name: str, params: QueryDict, shared: bool = False) -> SavedView:
    """Keep the current filters under a name; the same name again replaces its filters."""
    _require_broker(actor)
    name = " ".join(name.split())[:80]
    if not name:
        raise ValidationError({"name": _("Geef de weergave een naam.")})
    try:
        view, _created = SavedView.objects.update_or_create(
            owner=actor,
            name=name,
            defaults={"query": saved_view_query(params), "shared": shared},
        )
    except IntegrityError as exc:  # two tabs saving one name at the same moment
        raise ValidationError({"name": _("Deze naam is net gebruikt; probeer opnieuw.")}) from exc
    logger.info("event=saved_view_saved saved_view_id=%s shared=%s", view.pk, view.shared)
    return view


def saved_view_delete(*, view: SavedView, actor) -> None:
    """Only its owner removes a view (a colleague's shared view stays theirs)."""
    if view.owner_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Alleen wie de weergave maakte kan haar verwijderen."))
    view.delete()
    logger.info("event=saved_view_deleted saved_view_id=%s", view.pk)
