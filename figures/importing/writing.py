"""Writing checked rows: all of them or none, in one transaction. Existing references are
skipped, never overwritten; the reference counters are raised past the imported numbers."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.models import FundingLine
from config.working_days import add_working_days
from initiatives.constants import ActorRole, PreferredChannel
from initiatives.models import Initiative, InitiativeStatusChange, Initiator
from initiatives.services import reference_counters_raise

from .checking import CheckedRow, check_rows
from .reading import ImportRejected


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def initiatives_import(
    *, actor, rows: list[tuple[int, dict]], dry_run: bool = False
) -> ImportResult:
    """Check every row, then import all of them or none. Existing references are
    skipped. Raises ImportRejected with every bad row. `dry_run` does exactly what a real
    run does, writes included, and then rolls it all back: a file it accepts imports, and
    whatever would fail for real fails in the dry run too."""
    checked, errors = check_rows(rows)
    if errors:
        raise ImportRejected(errors)
    result = ImportResult()
    now = timezone.now()
    with transaction.atomic():
        existing = set(
            Initiative.objects.filter(reference__in=[r.reference for r in checked]).values_list(
                "reference", flat=True
            )
        )
        new_rows = [row for row in checked if row.reference not in existing]
        result.skipped = sorted(existing)
        initiators = _initiators_create(new_rows, now=now)
        initiatives = _initiatives_create(new_rows, initiators, actor=actor)
        _history_create(initiatives, actor=actor)
        _funding_lines_create(new_rows, initiatives, actor=actor)
        reference_counters_raise([row.reference for row in new_rows])
        result.created = [row.reference for row in new_rows]
        if dry_run:
            transaction.set_rollback(True)
    return result


def _initiators_create(rows: list[CheckedRow], *, now) -> list[Initiator]:
    return Initiator.objects.bulk_create(
        [
            # No personal data: the kind only, marked as holding nothing to contact.
            Initiator(
                kind=row.kind,
                name="",
                preferred_channel=PreferredChannel.LETTER,
                anonymised_at=now,
            )
            for row in rows
        ]
    )


def _initiatives_create(
    rows: list[CheckedRow], initiators: list[Initiator], *, actor
) -> list[Initiative]:
    return Initiative.objects.bulk_create(
        [
            Initiative(
                reference=row.reference,
                title=row.title,
                description=row.description,
                theme=row.theme,
                neighbourhood=row.neighbourhood,
                initiator=initiator,
                channel=row.channel,
                status=row.status,
                submitted_at=row.submitted_at,
                first_contact_due=add_working_days(
                    timezone.localdate(row.submitted_at), settings.FIRST_CONTACT_WORKING_DAYS
                ),
                first_contact_at=row.first_contact_at,
                closed_at=row.closed_at,
                registered_by=actor,
            )
            for row, initiator in zip(rows, initiators, strict=True)
        ]
    )


def _history_create(initiatives: list[Initiative], *, actor) -> None:
    InitiativeStatusChange.objects.bulk_create(
        [
            InitiativeStatusChange(
                initiative=initiative,
                from_status="",
                to_status=initiative.status,
                actor=actor,
                actor_role=ActorRole.SYSTEM,
                note=_("Geïmporteerd uit een bestand met ideeën van vóór het platform."),
            )
            for initiative in initiatives
        ]
    )


def _funding_lines_create(rows: list[CheckedRow], initiatives: list[Initiative], *, actor) -> None:
    FundingLine.objects.bulk_create(
        [
            FundingLine(
                initiative=initiative,
                source=source,
                note=_("Geïmporteerd"),
                created_by=actor,
            )
            for row, initiative in zip(rows, initiatives, strict=True)
            for source in row.funding
        ]
    )
