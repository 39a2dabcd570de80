"""Import past initiatives from a municipality's spreadsheet (CSV or XLSX).

Every row is checked first and every bad row is reported with its line and reason; only
a file without errors is imported, in one transaction (all or nothing). The reference is
the key: a reference that already exists is skipped, never overwritten, so running the
same file twice changes nothing and work done in the platform since is kept. Initiators
come in without personal data (their kind only). The reference counters are raised so a
new submission never reuses an imported number."""

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.models import FundingLine, FundingSource
from config.working_days import add_working_days
from initiatives.constants import (
    CLOSED_STATUSES,
    ActorRole,
    Channel,
    InitiatorKind,
    PreferredChannel,
    Status,
)
from initiatives.forms import SubmissionForm
from initiatives.models import (
    Initiative,
    InitiativeStatusChange,
    Initiator,
    Theme,
    reference_validator,
)
from neighbourhoods.models import Neighbourhood, neighbourhood_code_validator

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
# "2012/17", a common municipal style: refused (a link cannot carry it), with the
# platform's own form of it as a suggestion.
_YEAR_SLASH_NUMBER = re.compile(r"^(\d{4})\s*/\s*(\d{1,6})$")
NO_FUNDING = FundingSource.NONE
# Dates before this are typing errors, not history (the first ideeënmakelaars started in
# 2008); a year 1 was stored as a date before Christ, which pages could not read back.
EARLIEST = date(2000, 1, 1)
# Later than now by more than this is a typing error too (a day: clocks and time zones).
FUTURE_MARGIN = timedelta(days=1)
# The idea form's own text fields: the same cleaning and checks (NUL bytes, HTML, control
# characters, length) as for a resident's idea.
TEXT_FIELDS = {name: SubmissionForm.base_fields[name] for name in ("title", "description")}


@dataclass(frozen=True)
class RowError:
    line: int | None  # None: about the whole file
    reason: str

    def __str__(self):
        if self.line is None:
            return self.reason
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
    """(line number, {column: text}) for every data row of a CSV or XLSX file. A file
    that cannot be read as one is refused with ImportRejected, never a traceback."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    reader = csv.DictReader(io.StringIO(_decode_csv(path.read_bytes()), newline=""))
    try:
        _check_header(reader.fieldnames or [])
        return [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        reason = _("dit is geen leesbare CSV (%(error)s)") % {"error": exc}
        raise ImportRejected([RowError(reader.line_num + 1, reason)]) from None


def _decode_csv(data: bytes) -> str:
    """The file's text; every line that is not UTF-8 is reported (a spreadsheet saved as
    "CSV" in Windows' own encoding, say)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    reason = _('de tekst is geen UTF-8 (sla het bestand op als "CSV UTF-8")')
    errors = []
    for line, text in enumerate(data.splitlines(), start=1):
        try:
            text.decode("utf-8")
        except UnicodeDecodeError:
            errors.append(RowError(line, reason))
    raise ImportRejected(errors)


def _read_xlsx(path: Path) -> list[tuple[int, dict]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    # What openpyxl raises for a file that is no workbook, or a damaged one.
    unreadable = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError)
    refusal = ImportRejected(
        [RowError(None, _("het bestand is geen Excel-bestand (.xlsx) dat te lezen is"))]
    )
    if not path.exists():
        raise FileNotFoundError(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except unreadable:
        raise refusal from None
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
    except unreadable:
        raise refusal from None
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
        moment = _parse_moment(value[column])
    except (ValueError, OverflowError):
        problems.append(
            _("%(column)s '%(value)s' is geen datum (gebruik JJJJ-MM-DD)")
            % {"column": column, "value": value[column]}
        )
        return None
    earliest = timezone.make_aware(datetime.combine(EARLIEST, time()))
    if moment < earliest:
        problems.append(
            _("%(column)s '%(value)s' ligt voor %(earliest)s")
            % {"column": column, "value": value[column], "earliest": EARLIEST.isoformat()}
        )
        return None
    if moment > timezone.now() + FUTURE_MARGIN:
        problems.append(
            _("%(column)s '%(value)s' ligt in de toekomst")
            % {"column": column, "value": value[column]}
        )
        return None
    return moment


def _key_problem(value: str, column: str, validator) -> str | None:
    """Why a reference or neighbourhood code does not have the one form links carry."""
    try:
        validator(value)
    except ValidationError as exc:
        reason = " ".join(exc.messages)
        slash = _YEAR_SLASH_NUMBER.match(value) if column == "reference" else None
        if slash:
            year, number = slash.groups()
            reason += " " + _("Bedoelt u %(suggestion)s?") % {
                "suggestion": f"{year}-{int(number):04d}"
            }
        return _("%(column)s '%(value)s': %(reason)s") % {
            "column": column,
            "value": value,
            "reason": reason,
        }
    return None


def _text(value: dict, column: str, problems: list) -> str | None:
    """The text as the idea form would keep it; None, and a problem in the form's own
    words, when the form would refuse it."""
    form_field = TEXT_FIELDS[column]
    try:
        text = form_field.to_python(value[column])
        if text:
            form_field.run_validators(text)
    except ValidationError as exc:
        problems.extend(
            _("%(column)s: %(reason)s") % {"column": column, "reason": message}
            for message in exc.messages
        )
        return None
    return text


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
        elif problem := _key_problem(reference, "reference", reference_validator):
            problems.append(problem)
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
        title = _text(value, "title", problems)
        if title == "":
            problems.append(_("title is leeg"))
        description = _text(value, "description", problems)
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
        code = value["neighbourhood"]
        if code and (problem := _key_problem(code, "neighbourhood", neighbourhood_code_validator)):
            problems.append(problem)
        elif code and code not in hoods:
            problems.append(_("neighbourhood '%(value)s' bestaat niet") % {"value": code})
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
                title=title,
                description=description,
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
    skipped. Raises ImportRejected with every bad row. `dry_run` does exactly what a real
    run does, writes included, and then rolls it all back: a file it accepts imports, and
    whatever would fail for real fails in the dry run too."""
    checked, errors = _check_rows(rows)
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
        if dry_run:
            transaction.set_rollback(True)
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
