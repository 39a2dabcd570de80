"""Import past initiatives from a municipality's spreadsheet (CSV or XLSX).

Every row is checked first and every bad row is reported with its line and reason; only
a file without errors is imported, in one transaction (all or nothing). The reference is
the key: a reference that already exists is skipped, never overwritten, so running the
same file twice changes nothing and work done in the platform since is kept. Initiators
come in without personal data (their kind only). The reference counters are raised so a
new submission never reuses an imported number."""

import csv
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.models import FundingLine, FundingSource
from config.working_days import add_working_days
from neighbourhoods.models import Neighbourhood

from .constants import CLOSED_STATUSES, ActorRole, Channel, InitiatorKind, PreferredChannel, Status
from .models import Initiative, InitiativeStatusChange, Initiator, Theme

COLUMNS = [
    "reference",
    "submitted_at",
    "title",
    "description",
    "theme",
    "neighbourhood",
    "initiator_kind",
    "channel",
    "status",
    "first_contact_at",
    "closed_at",
    "funding",
]
REFERENCE_RE = re.compile(r"^(\d{4})-(\d{1,6})$")
NO_FUNDING = FundingSource.NONE


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self):
        return _("regel %(line)s: %(reason)s") % {"line": self.line, "reason": self.reason}


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} bad rows")
        self.errors = errors


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    reference: str
    submitted_at: datetime
    title: str
    description: str
    theme: Theme
    neighbourhood: Neighbourhood | None
    kind: str
    channel: str
    status: str
    first_contact_at: datetime | None
    closed_at: datetime | None
    funding: list[str]


def read_rows(path: str | Path) -> list[tuple[int, dict]]:
    """(line number, {column: text}) for every data row of a CSV or XLSX file."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        _check_header(reader.fieldnames or [])
        return [(reader.line_num, row) for row in reader]


def _read_xlsx(path: Path) -> list[tuple[int, dict]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [str(cell or "").strip() for cell in next(rows, [])]
        _check_header(header)
        result = []
        for line, values in enumerate(rows, start=2):
            if all(value in (None, "") for value in values):
                continue
            result.append((line, {h: _cell_text(v) for h, v in zip(header, values, strict=False)}))
        return result
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _check_header(header: list[str]) -> None:
    names = [name.strip() for name in header]
    missing = [c for c in COLUMNS if c not in names]
    unknown = [c for c in names if c and c not in COLUMNS]
    if missing or unknown:
        reason = _("de kolommen kloppen niet (ontbreekt: %(missing)s; onbekend: %(unknown)s)") % {
            "missing": ", ".join(missing) or "-",
            "unknown": ", ".join(unknown) or "-",
        }
        raise ImportRejected([RowError(1, reason)])


def _parse_moment(text: str) -> datetime:
    """ISO 8601 date or date-time; without a zone it is the municipality's local time."""
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = datetime.combine(date.fromisoformat(text), time(12, 0))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _moment(value: dict, column: str, problems: list, required: bool = False):
    if not value[column]:
        if required:
            problems.append(_("%(column)s is leeg") % {"column": column})
        return None
    try:
        return _parse_moment(value[column])
    except ValueError:
        problems.append(
            _("%(column)s '%(value)s' is geen datum (gebruik JJJJ-MM-DD)")
            % {"column": column, "value": value[column]}
        )
        return None


def _check_rows(rows: list[tuple[int, dict]]) -> tuple[list[_Row], list[RowError]]:
    themes = {t.slug: t for t in Theme.objects.all()}
    hoods = {n.code: n for n in Neighbourhood.objects.all()}
    seen: dict[str, int] = {}
    checked, errors = [], []
    for line, raw in rows:
        value = {key: (raw.get(key) or "").strip() for key in COLUMNS}
        problems = []

        reference = value["reference"]
        if not reference:
            problems.append(_("reference is leeg"))
        elif len(reference) > 12:
            problems.append(_("reference is langer dan 12 tekens"))
        elif reference in seen:
            problems.append(
                _("reference %(ref)s staat ook op regel %(line)s")
                % {"ref": reference, "line": seen[reference]}
            )
        else:
            seen[reference] = line
        submitted = _moment(value, "submitted_at", problems, required=True)
        first_contact = _moment(value, "first_contact_at", problems)
        closed = _moment(value, "closed_at", problems)
        if not value["title"]:
            problems.append(_("title is leeg"))
        elif len(value["title"]) > 200:
            problems.append(_("title is langer dan 200 tekens"))
        if len(value["description"]) > 5000:
            problems.append(_("description is langer dan 5000 tekens"))
        for column, allowed in (
            ("theme", themes),
            ("initiator_kind", InitiatorKind.values),
            ("channel", Channel.values),
            ("status", Status.values),
        ):
            if value[column] not in allowed:
                problems.append(
                    _("%(column)s '%(value)s' bestaat niet")
                    % {"column": column, "value": value[column]}
                )
        if value["neighbourhood"] and value["neighbourhood"] not in hoods:
            problems.append(
                _("neighbourhood '%(value)s' bestaat niet") % {"value": value["neighbourhood"]}
            )
        status = value["status"]
        if status in CLOSED_STATUSES and not value["closed_at"]:
            problems.append(_("een afgesloten idee heeft een closed_at nodig"))
        if status in Status.values and status not in CLOSED_STATUSES and value["closed_at"]:
            problems.append(_("een open idee heeft geen closed_at"))
        for later, column in ((first_contact, "first_contact_at"), (closed, "closed_at")):
            if later and submitted and later < submitted:
                problems.append(_("%(column)s ligt voor submitted_at") % {"column": column})
        funding = [part.strip() for part in value["funding"].split(";") if part.strip()]
        if NO_FUNDING in funding and len(funding) > 1:
            problems.append(_("funding 'none' kan niet samen met een bron"))
        for source in funding:
            if source not in FundingSource.values:
                problems.append(_("funding '%(value)s' bestaat niet") % {"value": source})
        if problems:
            errors.extend(RowError(line, problem) for problem in problems)
            continue
        checked.append(
            _Row(
                line=line,
                reference=reference,
                submitted_at=submitted,
                title=value["title"],
                description=value["description"],
                theme=themes[value["theme"]],
                neighbourhood=hoods.get(value["neighbourhood"]),
                kind=value["initiator_kind"],
                channel=value["channel"],
                status=status,
                first_contact_at=first_contact,
                closed_at=closed,
                funding=list(dict.fromkeys(funding)),
            )
        )
    return checked, errors


def initiatives_import(
    *, actor, rows: list[tuple[int, dict]], dry_run: bool = False
) -> ImportResult:
    """Check every row, then import all of them or none. Existing references are
    skipped. Raises ImportRejected with every bad row. `dry_run` checks and counts
    without writing."""
    checked, errors = _check_rows(rows)
    if errors:
        raise ImportRejected(errors)
    result = ImportResult()
    if dry_run:
        existing = set(
            Initiative.objects.filter(reference__in=[r.reference for r in checked]).values_list(
                "reference", flat=True
            )
        )
        result.skipped = sorted(existing)
        result.created = [row.reference for row in checked if row.reference not in existing]
        return result
    now = timezone.now()
    with transaction.atomic():
        existing = set(
            Initiative.objects.filter(reference__in=[r.reference for r in checked]).values_list(
                "reference", flat=True
            )
        )
        new_rows = [row for row in checked if row.reference not in existing]
        result.skipped = sorted(existing)
        initiators = Initiator.objects.bulk_create(
            [
                # No personal data: the kind only, marked as holding nothing to contact.
                Initiator(
                    kind=row.kind,
                    name="",
                    preferred_channel=PreferredChannel.LETTER,
                    anonymised_at=now,
                )
                for row in new_rows
            ]
        )
        initiatives = Initiative.objects.bulk_create(
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
                for row, initiator in zip(new_rows, initiators, strict=True)
            ]
        )
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
        FundingLine.objects.bulk_create(
            [
                FundingLine(
                    initiative=initiative,
                    source=source,
                    note=_("Geïmporteerd"),
                    created_by=actor,
                )
                for row, initiative in zip(new_rows, initiatives, strict=True)
                for source in row.funding
            ]
        )
        _raise_reference_counters([row.reference for row in new_rows])
    result.created = [row.reference for row in new_rows]
    return result


def _raise_reference_counters(references: list[str]) -> None:
    highest: dict[int, int] = {}
    for reference in references:
        match = REFERENCE_RE.match(reference)
        if match:
            year, number = int(match.group(1)), int(match.group(2))
            highest[year] = max(highest.get(year, 0), number)
    with connection.cursor() as cursor:
        for year, number in highest.items():
            cursor.execute(
                """
                INSERT INTO initiatives_referencecounter (year, last_number) VALUES (%s, %s)
                ON CONFLICT (year) DO UPDATE SET last_number =
                  GREATEST(initiatives_referencecounter.last_number, EXCLUDED.last_number)
                """,
                [year, number],
            )
