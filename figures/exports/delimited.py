"""The figures as one long CSV table, in two dialects.

- "nl" (the default): what Dutch Excel opens as columns on a double click: semicolons,
  UTF-8 with a byte order mark, Dutch headers, decimal commas, shares as percentages.
- "machine": commas, decimal points, shares as fractions and stable English headers
  (year, table, key, label, count, share), for scripts."""

import csv
import io

from django.utils.translation import gettext as _

from .safety import _safe_row
from .tables import MONEY, ExportInfo, figures_tables

DIALECTS = ("nl", "machine")


def _machine_rows(figures: dict):
    year = figures["year"]
    yield ["year", "table", "key", "label", "count", "share"]
    for table in figures_tables(figures):
        wide = "count" not in (column.name for column in table.columns)
        for record in table.records():
            if wide and table.key != "denominators":
                # Several amounts per row (budgets, reach per neighbourhood): one line each.
                for column in table.columns[1:-1]:
                    key = f"{record['code']}.{column.name}"
                    value = "" if record[column.name] is None else record[column.name]
                    yield [year, table.key, key, record["label"], value, ""]
            elif table.key == "denominators":
                yield [year, "denominators", record["code"], record["text"], "", ""]
            else:
                count, share = record.get("count"), record.get("share")
                yield [
                    year,
                    table.key,
                    record["code"],
                    record["label"],
                    "" if count is None else count,
                    "" if share is None else share,
                ]


def dutch_number(value, decimals: int | None = None) -> str:
    """1234.5 -> '1234,5' (no thousands separator: Excel reads it either way)."""
    if value is None or value == "":
        return ""
    if decimals is not None:
        return f"{value:.{decimals}f}".replace(".", ",")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def _dutch_rows(figures: dict, about: ExportInfo | None):
    year = figures["year"]
    yield [
        _("Jaar"),
        _("Tabel"),
        _("Omschrijving"),
        _("Aantal"),
        _("Aandeel (%)"),
        _("Bedrag (€)"),
        _("Aandeel van (noemer)"),
        _("Code"),
    ]
    for table in figures_tables(figures, about=about):
        wide = "count" not in (column.name for column in table.columns)
        for record in table.records():
            label, code = record["label"], record["code"]
            if wide and table.key != "denominators":
                for column in table.columns[1:-1]:
                    value = record[column.name]
                    money = column.kind == MONEY
                    number = dutch_number(value, 2) if money else dutch_number(value)
                    yield [
                        year,
                        table.title,
                        f"{label}: {column.header}",
                        "" if money else number,
                        "",
                        number if money else "",
                        "",
                        code,
                    ]
                continue
            if "text" in record:
                label = f"{label}: {record['text']}"
            share = record.get("share")
            yield [
                year,
                table.title,
                label,
                dutch_number(record.get("count")),
                "" if share is None else dutch_number(share * 100, 2),
                "",
                dutch_number(record.get("denominator")),
                code,
            ]


def figures_csv(figures: dict, *, dialect: str = "nl", about: ExportInfo | None = None) -> bytes:
    out = io.StringIO()
    if dialect == "machine":
        writer = csv.writer(out)
        rows = _machine_rows(figures)
    else:
        writer = csv.writer(out, delimiter=";")
        rows = _dutch_rows(figures, about)
    for row in rows:
        writer.writerow(_safe_row(row))
    # Excel opens UTF-8 CSV correctly only with a byte order mark.
    return ("\ufeff" + out.getvalue()).encode()
