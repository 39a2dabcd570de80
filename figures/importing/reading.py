"""Reading an import file: a CSV in UTF-8 or an XLSX workbook, with the expected columns.
A file that cannot be read is refused with ImportRejected, never a traceback."""

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.utils.translation import gettext as _

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
