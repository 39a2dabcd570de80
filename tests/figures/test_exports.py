"""Issue 18: exports a civil servant can hand on as they are (labels first, formats, the
Toelichting sheet, CSV for Dutch Excel) and pages without internal keys."""

import csv
import io
import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from budgets.services import grant_decide
from initiatives.constants import InitiatorKind
from tests.budgets.factories import GrantFactory, NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
# Keys of the JSON that must never be shown to a person.
INTERNAL_KEYS = [
    "by_initiator_kind",
    "by_theme",
    "by_neighbourhood",
    "by_channel",
    "by_status",
    "ideas_received",
    "realised_without_financial_support",
    "first_contact.share",
    "realised_share",
    "unknown",
]


@pytest.fixture
def year_of_ideas(broker):
    budget = NeighbourhoodBudgetFactory(year=2025, amount=Decimal("8000"))
    ideas = [
        InitiativeFactory(
            submitted_at=datetime(2025, 3, 3 + index, 10, tzinfo=AMS),
            neighbourhood=budget.neighbourhood if index % 3 else None,
            initiator=InitiatorFactory(kind=InitiatorKind.RESIDENT),
            realised=bool(index % 2),
            **({"closed_at": datetime(2025, 6, 1, tzinfo=AMS)} if index % 2 else {}),
        )
        for index in range(7)
    ]
    grant = GrantFactory(budget=budget, initiative=ideas[1], amount_requested=Decimal("1234.5"))
    grant_decide(actor=broker, grant=grant, decision="approve", reason="Ja")
    return budget


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_the_page_shows_no_internal_key(client, civil_servant, year_of_ideas):
    client.force_login(civil_servant)
    html = client.get("/cijfers/2025/").content.decode()
    text = _visible_text(html)
    for key in INTERNAL_KEYS:
        assert key not in html, key
    assert "Onbekend" in text  # the ideas without a neighbourhood, by their label
    assert "noemer: 7 ideeën" in text


def test_xlsx_opens_as_a_civil_servant_expects(client, civil_servant, year_of_ideas):
    client.force_login(civil_servant)
    body = client.get("/cijfers/2025/download.xlsx").content
    workbook = load_workbook(io.BytesIO(body))
    summary = workbook["Overzicht"]
    assert [c.value for c in summary[1]][:3] == ["Omschrijving", "Aantal", "Aandeel"]
    assert summary["A2"].value == "Ideeën ontvangen" and summary["B2"].value == 7
    assert summary["E2"].value == "ideas_received"  # the key, in the last column
    for sheet in workbook.worksheets:
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.column_dimensions["A"].width >= 10, sheet.title
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                value = cell.value
                assert not (isinstance(value, str) and value.startswith(("=", "+", "@")))
    realised = summary["C3"]
    assert realised.value == pytest.approx(3 / 7, abs=1e-4) and "%" in realised.number_format
    assert summary["B3"].number_format == "0"
    hoods = workbook["Wijken"]
    assert [c.value for c in hoods[1]] == ["Wijk", "Aantal", "Aandeel", "Code"]
    labels = [row[0].value for row in hoods.iter_rows(min_row=2)]
    assert "Onbekend" in labels and "unknown" not in labels
    money = workbook["Wijkbudgetten"]
    assert money["B2"].value == 8000 and "€" in money["B2"].number_format
    assert money["C2"].value == 1234.5

    notes = {row[0].value: row for row in workbook["Toelichting"].iter_rows(min_row=2)}
    assert notes["Gemaakt door (rol)"][1].value == "Beleidsmedewerker"
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", notes["Gemaakt op"][1].value)
    assert "binnenkwamen" in notes["Welke ideeën meetellen"][1].value
    assert notes["Gerealiseerd zonder geld"][2].value == 3  # its denominator: realised ideas
    assert notes["Thema's"][2].value == 7
    whole = "\n".join(
        str(c.value) for s in workbook.worksheets for r in s.iter_rows() for c in r if c.value
    )
    assert civil_servant.email not in whole
    for name in (civil_servant.get_full_name(), civil_servant.get_username()):
        assert not name or name not in whole


def test_the_default_csv_is_for_dutch_excel(client, civil_servant, year_of_ideas):
    client.force_login(civil_servant)
    body = client.get("/cijfers/2025/download.csv").content
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:5] == ["Jaar", "Tabel", "Omschrijving", "Aantal", "Aandeel (%)"]
    by_label = {(row[1], row[2]): row for row in rows[1:]}
    realised = by_label[("Overzicht", "Gerealiseerd")]
    assert realised[3] == "3" and realised[4] == "42,86" and realised[6] == "7"
    hood = year_of_ideas.neighbourhood.name
    assert by_label[("Wijkbudgetten", f"{hood}: Toegekend")][5] == "1234,50"
    assert ("Wijken", "Onbekend") in by_label
    assert all("." not in row[4] for row in rows[1:])  # decimal commas
    # Keys only in the last column (Code), never where a person reads.
    assert not any(key in row[:-1] for row in rows for key in INTERNAL_KEYS)


def test_the_machine_csv_keeps_its_shape(client, civil_servant, year_of_ideas):
    client.force_login(civil_servant)
    body = client.get("/cijfers/2025/download.csv?dialect=machine").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["year", "table", "key", "label", "count", "share"]
    assert ["2025", "summary", "realised", "Gerealiseerd", "3", "0.4286"] in rows
    code = year_of_ideas.neighbourhood.code
    name = year_of_ideas.neighbourhood.name
    assert ["2025", "budgets", f"{code}.approved", name, "1234.5", ""] in rows
    assert any(row[1:3] == ["by_neighbourhood", "unknown"] for row in rows)
