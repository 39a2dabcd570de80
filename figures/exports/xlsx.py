"""The figures as a workbook a civil servant can hand on as it is: one sheet per table,
labels first and codes last, a bold frozen header row, column widths, whole counts,
shares as percentages, euros, and the "Toelichting" sheet with the denominators, the
rounding, which ideas count and when and by which role the export was made."""

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .safety import _safe
from .tables import COUNT, DECIMAL, KEY, MONEY, SHARE, TEXT, ExportInfo, Table, figures_tables

FORMATS = {
    COUNT: "0",
    SHARE: "0.0%",
    MONEY: '"€" #,##0.00',
    DECIMAL: "0.0#",
    TEXT: "@",
    KEY: "@",
}
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
# Text columns wider than this wrap instead of growing (the explanations).
MAX_WIDTH = 70


def _width(table: Table, index: int) -> float:
    column = table.columns[index]
    values = [row[index] for row in table.rows if row[index] is not None]
    if column.kind in (TEXT, KEY):
        longest = max((len(str(value)) for value in values), default=0)
    else:
        longest = 12  # numbers with their format
    return min(max(longest, len(column.header), 8) + 2, MAX_WIDTH)


def _cell(sheet, value, kind: str, width: float):
    cell = WriteOnlyCell(sheet, value=_safe(value))
    if value is None:
        return cell
    if kind == DECIMAL and isinstance(value, int):
        cell.number_format = FORMATS[COUNT]
    else:
        cell.number_format = FORMATS[kind]
    if kind == TEXT and isinstance(value, str) and len(value) + 2 > width:
        cell.alignment = WRAP
    return cell


def _sheet(workbook, table: Table) -> None:
    sheet = workbook.create_sheet(title=table.title[:31])
    widths = [_width(table, index) for index in range(len(table.columns))]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=_safe(column.header))
        cell.font = BOLD
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        sheet.append(
            [
                _cell(sheet, value, column.kind, width)
                for value, column, width in zip(row, table.columns, widths, strict=True)
            ]
        )


def figures_xlsx(figures: dict, target, *, about: ExportInfo | None = None) -> None:
    """Write the workbook to `target` (a path or a binary file) in write-only mode, so
    memory stays flat whatever the size of the tables."""
    workbook = Workbook(write_only=True)
    for table in figures_tables(figures, about=about):
        _sheet(workbook, table)
    workbook.save(target)


def figures_xlsx_bytes(figures: dict, *, about: ExportInfo | None = None) -> bytes:
    buffer = io.BytesIO()
    figures_xlsx(figures, buffer, about=about)
    return buffer.getvalue()
