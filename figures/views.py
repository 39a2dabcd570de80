from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.guards import staff_required
from accounts.roles import Role, can_see_figures, is_coordinator
from neighbourhoods.selectors import neighbourhood_shapes
from neighbourhoods.shapes.maps import choropleth

from .exports import (
    DIALECTS,
    ExportInfo,
    denominator_rows,
    figures_csv,
    figures_json,
    figures_tables,
    figures_xlsx_bytes,
)
from .selectors import UNKNOWN, YEARS, figures_comparison, figures_for_year, figures_years

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
CHART_TABLES = ("by_initiator_kind", "by_theme", "by_neighbourhood", "by_channel", "by_status")
BAR_HEIGHT = 26


def _percent(share) -> int:
    return round((share or 0) * 100)


def _chart(table) -> dict:
    """A horizontal bar chart drawn server-side as SVG; the table beside it holds the
    same numbers for screen readers and for copying."""
    rows = table.rows
    biggest = max((row[1] for row in rows), default=0) or 1
    bars = []
    for index, (label, count, share, code) in enumerate(rows):
        bars.append(
            {
                "code": "" if code == UNKNOWN else code,
                "label": label,
                "count": count,
                "percent": _percent(share),
                "y": index * BAR_HEIGHT,
                "width": round(55 * count / biggest, 1),
            }
        )
    top = sorted(bars, key=lambda bar: -bar["count"])[:3]
    summary = ", ".join(f"{bar['label']} {bar['percent']}%" for bar in top if bar["count"])
    return {
        # Element ids without the JSON's keys (no internal key on the page).
        "key": table.key.removeprefix("by_").replace("_", "-"),
        "title": table.title,
        "headers": table.headers,
        "bars": bars,
        "height": max(len(bars), 1) * BAR_HEIGHT,
        "summary": _("Grootste: %(top)s.") % {"top": summary} if summary else _("Geen ideeën."),
    }


def _role(user) -> str:
    """Who made an export, by role and never by name (the Toelichting sheet says it)."""
    role = Role.COORDINATOR if is_coordinator(user) else Role.CIVIL_SERVANT
    return str(role.label)


def _reach(figures: dict) -> dict:
    reach = figures["reach"]
    return {
        **reach,
        "first_time_percent": _percent(reach["initiators"]["first_time_share"]),
        "returning_percent": _percent(reach["initiators"]["returning_share"]),
        "offline_percent": _percent(reach["offline_channels"]["share"]),
    }


def _trend(figures: dict, tables) -> dict:
    table = next(t for t in tables if t.key == "reach_trend")
    years = figures["reach"]["trend"]["years"]
    rows = [
        {
            "label": row[0],
            "cells": [
                {"ideas": ideas, "rate": rate}
                for ideas, rate in zip(
                    row[1 : 1 + len(years)], row[1 + len(years) : -1], strict=True
                )
            ],
        }
        for row in table.rows
    ]
    return {"trend_years": years, "trend_rows": rows}


def _reach_map(figures: dict):
    """Ideas per 1,000 inhabitants on a map; each neighbourhood leads to its table row."""
    per = figures["reach"]["per_1000"]
    return choropleth(
        neighbourhood_shapes(),
        {code: row["per_1000"] for code, row in per.items()},
        key="reach",
        title=_("Ideeën per 1.000 inwoners per wijk"),
        href=lambda hood: f"#reach-{hood.code}",
        describe=lambda value: (
            _("%(value)s per 1.000 inwoners") % {"value": number_format(value, 1)}
        ),
        no_value=_("aantal inwoners onbekend"),
    )


@staff_required(can_see_figures)
def figures_index(request):
    years = figures_years()
    last_year = timezone.localdate().year - 1
    return render(
        request,
        "figures/index.html",
        {"years": years, "last_year": last_year},
    )


@staff_required(can_see_figures)
def figures_year(request, year: int):
    if year not in YEARS:
        raise Http404
    figures = figures_for_year(year)
    tables = figures_tables(figures)
    comparison = figures_comparison(up_to=year)
    peak = max((row["ideas_received"] for row in comparison), default=0) or 1
    for row in comparison:
        row["realised_percent"] = _percent(row["realised_share"])
        row["first_contact_percent"] = _percent(row["first_contact_share"])
        row["width"] = round(55 * row["ideas_received"] / peak, 1)
    return render(
        request,
        "figures/year.html",
        {
            "year": year,
            "figures": figures,
            "realised_percent": _percent(figures["realised_share"]),
            "without_money_percent": _percent(figures["realised_without_financial_support_share"]),
            "first_contact_percent": _percent(figures["first_contact"]["share"]),
            "charts": [_chart(t) for t in tables if t.key in CHART_TABLES],
            "budgets": next(t for t in tables if t.key == "budgets"),
            "comparison": comparison,
            "comparison_height": max(len(comparison), 1) * BAR_HEIGHT,
            "years": figures_years(),
            "denominators": denominator_rows(figures),
            "reach": _reach(figures),
            "reach_table": next(t for t in tables if t.key == "reach_per_1000"),
            "reach_map": _reach_map(figures),
            **_trend(figures, tables),
            "votes": figures["votes"]["rounds"],
        },
    )


@staff_required(can_see_figures)
def figures_download(request, year: int, fmt: str):
    if fmt not in CONTENT_TYPES or year not in YEARS:
        raise Http404
    dialect = request.GET.get("dialect", "nl")
    if dialect not in DIALECTS:
        raise Http404
    figures = figures_for_year(year)
    about = ExportInfo(at=timezone.localtime(), role=_role(request.user))
    if fmt == "xlsx":
        body = figures_xlsx_bytes(figures, about=about)
    elif fmt == "csv":
        body = figures_csv(figures, dialect=dialect, about=about)
    else:
        body = figures_json(figures)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="ideeen-cijfers-{year}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
