"""The yearly figures as tables, and those tables as XLSX (one sheet per table), CSV (a
Dutch and a machine dialect) and JSON. Everything comes from `figures_for_year`: counts,
shares, codes and labels only, never a name, contact detail or text written by an
initiator."""

import json

from .delimited import DIALECTS, figures_csv
from .safety import _safe, _safe_row
from .tables import ExportInfo, Table, denominator_rows, figures_tables
from .xlsx import figures_xlsx, figures_xlsx_bytes


def figures_json(figures: dict) -> bytes:
    return json.dumps(figures, ensure_ascii=False, indent=2).encode()


__all__ = [
    "DIALECTS",
    "ExportInfo",
    "Table",
    "_safe",
    "_safe_row",
    "denominator_rows",
    "figures_csv",
    "figures_json",
    "figures_tables",
    "figures_xlsx",
    "figures_xlsx_bytes",
]
