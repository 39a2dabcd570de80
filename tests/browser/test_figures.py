from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from budgets.services import grant_decide
from initiatives.constants import InitiatorKind
from tests.browser.conftest import assert_accessible
from tests.budgets.factories import GrantFactory, NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme

pytestmark = pytest.mark.django_db(transaction=True)

AMS = ZoneInfo("Europe/Amsterdam")


def _year_of_ideas(broker):
    budget = NeighbourhoodBudgetFactory(year=2025, amount=Decimal("8000"))
    kinds = [InitiatorKind.RESIDENT] * 4 + [
        InitiatorKind.SMALL_BUSINESS,
        InitiatorKind.ORGANISATION,
    ]
    slugs = ["welzijn-zorg", "welzijn-zorg", "sport", "kunst-cultuur", "ontmoeting", "sport"]
    ideas = []
    for index, (kind, slug) in enumerate(zip(kinds, slugs, strict=True)):
        submitted = datetime(2025, 2, 3 + index, 10, tzinfo=AMS)
        traits = {"realised": True, "closed_at": submitted} if index % 2 else {}
        ideas.append(
            InitiativeFactory(
                published=True,
                initiator=InitiatorFactory(kind=kind, public=True),
                theme=theme(slug),
                neighbourhood=budget.neighbourhood,
                submitted_at=submitted,
                **traits,
            )
        )
    grant = GrantFactory(budget=budget, initiative=ideas[1], amount_requested=Decimal("600"))
    grant_decide(actor=broker, grant=grant, decision="approve", reason="Ja")
    return budget


def test_civil_servant_downloads_the_xlsx_with_the_counts_of_the_page(
    page, civil_servant, broker, tmp_path
):
    _year_of_ideas(broker)
    page.goto("/accounts/login/?next=/cijfers/")
    page.get_by_label("E-mailadres").fill(civil_servant.email)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Cijfers 2025").click()
    page.wait_for_url("**/cijfers/2025/")
    assert page.locator("h1").inner_text() == "Cijfers 2025"
    assert_accessible(page)

    received = int(page.locator("#ideas-received").inner_text())
    realised = int(page.locator("#realised").inner_text())
    theme_counts = {
        row.get_attribute("data-key"): int(row.locator("[data-count]").inner_text())
        for row in page.locator("#table-theme tbody tr").all()
    }
    assert received == 6
    with page.expect_download() as download_info:
        page.locator("#download-xlsx").click()
    path = tmp_path / "figures.xlsx"
    download_info.value.save_as(path)

    workbook = load_workbook(path)

    def rows(sheet, width):
        # Empty cells at the end of a row are not stored: pad to the sheet's columns.
        return [
            (*row, *([None] * width))[:width]
            for row in sheet.iter_rows(min_row=2, values_only=True)
        ]

    # Labels first, the key in the last column.
    summary = {row[4]: row[1] for row in rows(workbook["Overzicht"], 5)}
    assert summary["ideas_received"] == received
    assert summary["realised"] == realised
    sheet_themes = {row[3]: row[1] for row in rows(workbook["Thema's"], 4)}
    assert sheet_themes == theme_counts
    for sheet in workbook.worksheets:
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.column_dimensions["A"].width > 8
        assert not [c for r in sheet.iter_rows() for c in r if c.data_type == "f"]


def test_a_dutch_user_opens_the_csv_in_columns(page, civil_servant, broker, tmp_path):
    """Dutch Excel splits on semicolons and reads decimal commas: the default CSV."""
    import csv

    _year_of_ideas(broker)
    page.goto("/accounts/login/?next=/cijfers/2025/")
    page.get_by_label("E-mailadres").fill(civil_servant.email)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/cijfers/2025/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV voor Excel").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    assert len(table[0]) >= 6 and table[0][0] == "Jaar"
    assert all(len(row) == len(table[0]) for row in table)

    def dutch(value):  # how Dutch Excel reads a number: thousands dot, decimal comma
        return float(value.replace(".", "").replace(",", "."))

    rows = {(row[1], row[2]): row for row in table[1:]}
    assert dutch(rows[("Overzicht", "Ideeën ontvangen")][3]) == 6
    assert dutch(rows[("Overzicht", "Gerealiseerd")][4]) == 50.0


def test_open_budget_page_is_accessible(page, broker):
    budget = _year_of_ideas(broker)
    page.goto("/wijkbudgetten/?jaar=2025")
    page.get_by_role("link", name=budget.neighbourhood.name).click()
    page.wait_for_url(f"**/wijkbudgetten/{budget.neighbourhood.code}/2025/")
    assert "Wijkbudget" in page.locator("h1").inner_text()
    assert_accessible(page)


def test_the_bars_are_drawn_on_the_dutch_page(page, civil_servant, broker):
    """Widths written with a decimal comma (width="55,0") are ignored by browsers: every
    bar chart on the Dutch page was empty while the English one was drawn."""
    _year_of_ideas(broker)
    page.goto("/accounts/login/?next=/cijfers/2025/")
    page.get_by_label("E-mailadres").fill(civil_servant.email)
    page.get_by_label("Wachtwoord").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/cijfers/2025/")
    assert page.locator("html").get_attribute("lang") == "nl"
    bars = page.locator("rect.bar").evaluate_all(
        "rects => rects.map(r => [r.getAttribute('width'), r.getBoundingClientRect().width])"
    )
    assert len(bars) >= 6
    # No decimal comma in a number an SVG reads, and every bar with a width is drawn.
    assert all("," not in written for written, _drawn in bars), bars
    assert all(drawn > 0 for written, drawn in bars if float(written) > 0), bars
    assert sum(drawn > 0 for _written, drawn in bars) >= 4
