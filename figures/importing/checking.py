"""Checking an import file's rows: every value of every row, each problem reported with
its line, the same rules as everywhere in the platform (keys, dates, the idea form's text
checks, the known themes, neighbourhoods, statuses and funding sources)."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.models import FundingSource
from initiatives.constants import CLOSED_STATUSES, Channel, InitiatorKind, Status
from initiatives.forms import SubmissionForm
from initiatives.models import Theme, reference_validator
from neighbourhoods.models import Neighbourhood, neighbourhood_code_validator

from .reading import COLUMNS, RowError

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


@dataclass
class CheckedRow:
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


def check_rows(rows: list[tuple[int, dict]]) -> tuple[list[CheckedRow], list[RowError]]:
    """The rows that passed, and every problem of the others (a row may have several)."""
    themes = {t.slug: t for t in Theme.objects.all()}
    hoods = {n.code: n for n in Neighbourhood.objects.all()}
    seen: dict[str, int] = {}
    checked, errors = [], []
    for line, raw in rows:
        value = {key: (raw.get(key) or "").strip() for key in COLUMNS}
        problems = []
        _check_reference(value["reference"], line, seen, problems)
        row = _check_row(line, value, themes, hoods, problems)
        if problems:
            errors.extend(RowError(line, problem) for problem in problems)
            continue
        checked.append(row)
    return checked, errors


def _check_reference(reference: str, line: int, seen: dict[str, int], problems: list) -> None:
    """A reference in the one form links carry, and once per file (`seen`: where)."""
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


def _check_row(line: int, value: dict, themes: dict, hoods: dict, problems: list):
    """The row's other values; None when `problems` has any (the reference's included)."""
    submitted = _moment(value, "submitted_at", problems, required=True)
    first_contact = _moment(value, "first_contact_at", problems)
    closed = _moment(value, "closed_at", problems)
    title = _text(value, "title", problems)
    if title == "":
        problems.append(_("title is leeg"))
    description = _text(value, "description", problems)
    _check_choices(value, themes, hoods, problems)
    _check_closing(value, submitted, first_contact, closed, problems)
    funding = _funding(value["funding"], problems)
    if problems:
        return None
    return CheckedRow(
        line=line,
        reference=value["reference"],
        submitted_at=submitted,
        title=title,
        description=description,
        theme=themes[value["theme"]],
        neighbourhood=hoods.get(value["neighbourhood"]),
        kind=value["initiator_kind"],
        channel=value["channel"],
        status=value["status"],
        first_contact_at=first_contact,
        closed_at=closed,
        funding=list(dict.fromkeys(funding)),
    )


def _check_choices(value: dict, themes: dict, hoods: dict, problems: list) -> None:
    """Theme, kind, channel and status are known values; the neighbourhood too, if any."""
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


def _check_closing(value: dict, submitted, first_contact, closed, problems: list) -> None:
    """A closed idea has a closed_at and an open one none; nothing before submitted_at."""
    status = value["status"]
    if status in CLOSED_STATUSES and not value["closed_at"]:
        problems.append(_("een afgesloten idee heeft een closed_at nodig"))
    if status in Status.values and status not in CLOSED_STATUSES and value["closed_at"]:
        problems.append(_("een open idee heeft geen closed_at"))
    for later, column in ((first_contact, "first_contact_at"), (closed, "closed_at")):
        if later and submitted and later < submitted:
            problems.append(_("%(column)s ligt voor submitted_at") % {"column": column})


def _funding(text: str, problems: list) -> list[str]:
    """The funding sources, `;` separated: known ones, and 'none' only alone."""
    funding = [part.strip() for part in text.split(";") if part.strip()]
    if NO_FUNDING in funding and len(funding) > 1:
        problems.append(_("funding 'none' kan niet samen met een bron"))
    for source in funding:
        if source not in FundingSource.values:
            problems.append(_("funding '%(value)s' bestaat niet") % {"value": source})
    return funding


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
