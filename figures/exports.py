"""The yearly figures as tables, and those tables as XLSX (one sheet per table), CSV and
JSON. Everything comes from `figures_for_year`: counts, shares, codes and labels only,
never a name, contact detail or text written by an initiator."""

import csv
import io
import json
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from config.spreadsheets import spreadsheet_safe_row
from initiatives.constants import THEME_SLUGS, Channel, InitiatorKind, Status
from initiatives.models import Theme
from neighbourhoods.models import Neighbourhood

from .selectors import UNKNOWN


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list]


def _labels() -> dict[str, dict[str, str]]:
    hoods = dict(Neighbourhood.objects.values_list("code", "name"))
    hoods[UNKNOWN] = _("Onbekend")
    return {
        "by_initiator_kind": {k: str(v) for k, v in InitiatorKind.choices},
        "by_theme": {slug: nl for slug, (nl, _en) in THEME_SLUGS.items()}
        | {t.slug: str(t) for t in Theme.objects.all()},
        "by_neighbourhood": hoods,
        "by_channel": {k: str(v) for k, v in Channel.choices},
        "by_status": {k: str(v) for k, v in Status.choices},
    }


MAPPING_TITLES = {
    "by_initiator_kind": (gettext_lazy("Initiatiefnemers"), gettext_lazy("Soort initiatiefnemer")),
    "by_theme": (gettext_lazy("Thema's"), gettext_lazy("Thema")),
    "by_neighbourhood": (gettext_lazy("Wijken"), gettext_lazy("Wijk")),
    "by_channel": (gettext_lazy("Kanalen"), gettext_lazy("Kanaal")),
    "by_status": (gettext_lazy("Stand"), gettext_lazy("Stand van nu")),
}


def figures_tables(figures: dict) -> list[Table]:
    labels = _labels()
    first = figures["first_contact"]
    sat = figures["satisfaction"]
    summary = Table(
        "summary",
        _("Overzicht"),
        [_("Sleutel"), _("Omschrijving"), _("Aantal"), _("Aandeel")],
        [
            ["ideas_received", _("Ideeën ontvangen"), figures["ideas_received"], None],
            ["realised", _("Gerealiseerd"), figures["realised"], figures["realised_share"]],
            [
                "realised_without_financial_support",
                _("Gerealiseerd zonder geld"),
                figures["realised_without_financial_support"],
                figures["realised_without_financial_support_share"],
            ],
            [
                "first_contact.within_target",
                _("Eerste contact op tijd"),
                first["within_target"],
                first["share"],
            ],
            [
                "first_contact.median_working_days",
                _("Mediaan werkdagen tot eerste contact"),
                first["median_working_days"],
                None,
            ],
            ["introductions_made", _("Kennismakingen gelegd"), figures["introductions_made"], None],
            ["referrals", _("Doorverwijzingen"), figures["referrals"], None],
            ["satisfaction.answers", _("Antwoorden tevredenheid"), sat["answers"], None],
            ["satisfaction.average", _("Gemiddelde tevredenheid (1-5)"), sat["average"], None],
        ],
    )
    tables = [summary]
    for key, (title, column) in MAPPING_TITLES.items():
        tables.append(
            Table(
                key,
                str(title),
                [_("Code"), str(column), _("Aantal"), _("Aandeel")],
                [
                    [code, labels[key].get(code, code), value["count"], value["share"]]
                    for code, value in figures[key].items()
                ],
            )
        )
    tables.append(
        Table(
            "budgets",
            _("Wijkbudgetten"),
            [_("Code"), _("Wijk"), _("Budget"), _("Toegekend"), _("Uitbetaald"), _("Verantwoord")],
            [
                [
                    code,
                    labels["by_neighbourhood"].get(code, code),
                    money["budget"],
                    money["approved"],
                    money["paid"],
                    money["accounted"],
                ]
                for code, money in figures["budgets"].items()
            ],
        )
    )
    tables.append(
        Table(
            "denominators",
            _("Toelichting"),
            [_("Sleutel"), _("Waarvan een aandeel")],
            [[key, text] for key, text in figures["denominators"].items()],
        )
    )
    return tables


# A theme or neighbourhood name that looks like a formula stays text (config.spreadsheets).
_safe_row = spreadsheet_safe_row


def figures_json(figures: dict) -> bytes:
    return json.dumps(figures, ensure_ascii=False, indent=2).encode()


def figures_csv(figures: dict) -> bytes:
    """One long table: table, key, label, count, share (budgets: amounts in euros)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["year", "table", "key", "label", "count", "share"])
    year = figures["year"]
    for table in figures_tables(figures):
        for row in table.rows:
            if table.key == "budgets":
                code, name, *amounts = row
                for name_of_amount, amount in zip(
                    ["budget", "approved", "paid", "accounted"], amounts, strict=True
                ):
                    writer.writerow(
                        _safe_row([year, "budgets", f"{code}.{name_of_amount}", name, amount, ""])
                    )
            elif table.key == "denominators":
                writer.writerow(_safe_row([year, "denominators", row[0], row[1], "", ""]))
            else:
                writer.writerow(
                    _safe_row([year, table.key, *(("" if v is None else v) for v in row)])
                )
    # Excel opens UTF-8 CSV correctly only with a byte order mark.
    return ("\ufeff" + out.getvalue()).encode()


def figures_xlsx(figures: dict, target) -> None:
    """Write the workbook to `target` (a path or a binary file) in write-only mode, so
    memory stays flat whatever the size of the tables."""
    workbook = Workbook(write_only=True)
    for table in figures_tables(figures):
        sheet = workbook.create_sheet(title=table.title[:31])
        sheet.append(table.headers)
        share_column = table.headers.index(_("Aandeel")) if _("Aandeel") in table.headers else None
        for row in table.rows:
            row = _safe_row(row)
            if share_column is not None and row[share_column] is not None:
                # Shares stay fractions (0.2568) and show as percentages in Excel.
                cell = WriteOnlyCell(sheet, value=row[share_column])
                cell.number_format = "0%"
                row = [*row[:share_column], cell, *row[share_column + 1 :]]
            sheet.append(row)
    workbook.save(target)


def figures_xlsx_bytes(figures: dict) -> bytes:
    buffer = io.BytesIO()
    figures_xlsx(figures, buffer)
    return buffer.getvalue()
