"""The queue's current view as an XLSX workbook for staff: the case's facts, never the
initiator's details. Bold, frozen header row and readable column widths; text that a
spreadsheet could read as a formula stays text (config.spreadsheets)."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from config.spreadsheets import spreadsheet_safe_row

# A bigger export is a job for the figures, not for a download from the queue.
MAX_EXPORT_ROWS = 20_000

COLUMNS = [
    (lambda: _("Kenmerk"), 12),
    (lambda: _("Titel"), 50),
    (lambda: _("Status"), 18),
    (lambda: _("Thema"), 22),
    (lambda: _("Wijk"), 22),
    (lambda: _("Makelaar"), 22),
    (lambda: _("Binnengekomen via"), 18),
    (lambda: _("Ingediend op"), 14),
    (lambda: _("Eerste contact uiterlijk"), 14),
    (lambda: _("Eerste contact op"), 14),
    (lambda: _("Wacht op initiatiefnemer sinds"), 14),
    (lambda: _("Laatste activiteit"), 18),
]
DATE_COLUMNS = {7, 8, 9, 10}
DATETIME_COLUMNS = {11}


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _row(initiative) -> list:
    broker = initiative.broker
    return [
        initiative.reference,
        initiative.title,
        initiative.get_status_display(),
        str(initiative.theme),
        str(initiative.neighbourhood or ""),
        (broker.broker_profile.display_name or broker.get_username()) if broker else "",
        initiative.get_channel_display(),
        timezone.localdate(initiative.submitted_at),
        initiative.first_contact_due,
        timezone.localdate(initiative.first_contact_at) if initiative.first_contact_at else None,
        initiative.waiting_since,
        _local(initiative.last_activity_at),
    ]


def queue_xlsx(initiatives) -> bytes:
    """`initiatives`: the view's queryset (already filtered and ordered)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Wachtrij")[:31])
    for index, (_label, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for label, _width in COLUMNS:
        cell = WriteOnlyCell(sheet, value=label())
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for initiative in initiatives[:MAX_EXPORT_ROWS].iterator(chunk_size=2000):
        row = spreadsheet_safe_row(_row(initiative))
        for index in DATE_COLUMNS | DATETIME_COLUMNS:
            if row[index] is not None:
                cell = WriteOnlyCell(sheet, value=row[index])
                cell.number_format = (
                    "dd-mm-yyyy hh:mm" if index in DATETIME_COLUMNS else "dd-mm-yyyy"
                )
                row[index] = cell
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
