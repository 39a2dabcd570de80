"""Zwolle 2012 (DOMAIN.md) imported with the command, and the export saying it.

The fixture holds 74 ideas: 59 from residents, groups of residents and small businesses
(79.7%, "80%"); 44 realised (59.5%, "about 60%"), 33 of them without financial support
(75%); themes welzijn-zorg 19 (25.7%, "26%"), werk-inkomen 15 (20.3%, "20%"),
kunst-cultuur 16 (21.6%: 21% is not reachable with 74 ideas; 16 is closer than 15 at
20.3%), evenementen-toerisme, duurzaamheid and sport 5 each (6.8%, "7%"); the other 9 in
ontmoeting and groen-leefomgeving, so the named themes make 88%, as in Zwolle."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from budgets.models import FundingLine
from initiatives.constants import THEME_SLUGS
from initiatives.importing import COLUMNS
from initiatives.models import Initiative, InitiativeStatusChange, Initiator, ReferenceCounter
from initiatives.services import _next_reference
from tests.neighbourhoods.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "data" / "zwolle_2012.csv"


@pytest.fixture
def zwolle():
    from tests.initiatives.factories import theme

    for slug in THEME_SLUGS:
        theme(slug)
    for n in range(11):
        NeighbourhoodFactory(code=f"WK0193{n:02d}")


def _export(year, capsys) -> dict:
    capsys.readouterr()
    call_command("export_figures", year=year, format="json")
    return json.loads(capsys.readouterr().out)


def test_zwolle_2012_is_imported_and_the_export_says_it(zwolle, capsys):
    call_command("import_initiatives", str(FIXTURE))
    figures = _export(2012, capsys)

    assert figures["ideas_received"] == 74
    kinds = figures["by_initiator_kind"]
    residents_and_small_businesses = sum(
        kinds[k]["count"] for k in ("resident", "residents_group", "small_business")
    )
    assert round(100 * residents_and_small_businesses / 74) == 80
    assert round(figures["realised_share"], 2) == 0.59  # about 60%
    assert figures["realised"] == 44
    assert figures["realised_without_financial_support"] == 33
    assert figures["realised_without_financial_support_share"] == 0.75
    themes = figures["by_theme"]
    assert round(100 * themes["welzijn-zorg"]["share"]) == 26
    assert round(100 * themes["werk-inkomen"]["share"]) == 20
    assert themes["kunst-cultuur"]["count"] == 16  # 21.6%, the closest to 21%
    for slug in ("evenementen-toerisme", "duurzaamheid", "sport"):
        assert round(100 * themes[slug]["share"]) == 7
    named = sum(
        themes[s]["count"]
        for s in (
            "welzijn-zorg",
            "werk-inkomen",
            "kunst-cultuur",
            "evenementen-toerisme",
            "duurzaamheid",
            "sport",
        )
    )
    assert round(100 * named / 74) == 88
    assert figures["denominators"]["realised_without_financial_support_share"]


def test_import_is_idempotent_and_raises_the_reference_counter(zwolle):
    out = io.StringIO()
    call_command("import_initiatives", str(FIXTURE), dry_run=True, stdout=out)
    assert "74 ideeën zouden worden geïmporteerd" in out.getvalue()
    assert not Initiative.objects.exists()
    call_command("import_initiatives", str(FIXTURE))
    call_command("import_initiatives", str(FIXTURE))
    assert Initiative.objects.filter(reference__startswith="2012-").count() == 74
    assert InitiativeStatusChange.objects.count() == 74
    with FIXTURE.open() as handle:
        sources = [p for row in csv.DictReader(handle) for p in row["funding"].split(";") if p]
    assert FundingLine.objects.count() == len(sources) > 44
    assert ReferenceCounter.objects.get(year=2012).last_number == 74
    assert _next_reference(2012) == "2012-0075"
    # No personal data came in: the kind only.
    assert not Initiator.objects.exclude(name="").exists()
    assert not Initiator.objects.filter(anonymised_at__isnull=True).exists()


def _write_csv(tmp_path, rows) -> str:
    path = tmp_path / "ideas.csv"
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return str(path)


GOOD = {
    "reference": "2019-0007",
    "submitted_at": "2019-04-02",
    "title": "Bankje bij de vijver",
    "description": "",
    "theme": "ontmoeting",
    "neighbourhood": "",
    "initiator_kind": "resident",
    "channel": "phone",
    "status": "realised",
    "first_contact_at": "2019-04-03T09:30",
    "closed_at": "2019-06-01",
    "funding": "sponsor;in_kind",
}


def test_every_bad_row_is_reported_and_nothing_is_imported(zwolle, tmp_path, capsys):
    rows = [
        GOOD,
        GOOD | {"reference": "2019-0008", "theme": "koken", "submitted_at": "2 april"},
        GOOD | {"reference": "2019-0007"},
        GOOD | {"reference": "2019-0009", "status": "in_progress"},
        GOOD | {"reference": "2019-0010", "funding": "none;fund", "neighbourhood": "WK999"},
        GOOD | {"reference": "2019-0011", "closed_at": "2019-01-01"},
    ]
    with pytest.raises(CommandError, match="Niets geïmporteerd"):
        call_command("import_initiatives", _write_csv(tmp_path, rows))
    err = capsys.readouterr().err
    assert "regel 3: theme 'koken' bestaat niet" in err
    assert "regel 3: submitted_at '2 april' is geen datum" in err
    assert "regel 4: reference 2019-0007 staat ook op regel 2" in err
    assert "regel 5: een open idee heeft geen closed_at" in err
    assert "regel 6: funding 'none' kan niet samen met een bron" in err
    assert "regel 6: neighbourhood 'WK999' bestaat niet" in err
    assert "regel 7: closed_at ligt voor submitted_at" in err
    assert "regel 2:" not in err
    assert not Initiative.objects.exists()


def test_wrong_columns_are_refused(zwolle, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("reference,title\n2019-0001,Iets\n")
    with pytest.raises(CommandError):
        call_command("import_initiatives", str(path))
    assert "regel 1: de kolommen kloppen niet" in capsys.readouterr().err


def test_xlsx_import(zwolle, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    sheet.append([GOOD[c] for c in COLUMNS])
    path = tmp_path / "ideas.xlsx"
    workbook.save(path)
    call_command("import_initiatives", str(path), stdout=io.StringIO())
    initiative = Initiative.objects.get(reference="2019-0007")
    assert initiative.get_status_display() == "Gerealiseerd"
    assert set(initiative.funding_lines.values_list("source", flat=True)) == {"sponsor", "in_kind"}
    assert initiative.submitted_at.year == 2019


def test_imported_cases_are_found_by_the_brokers_search(zwolle, tmp_path):
    from brokers.selectors import search_query

    rows = [GOOD | {"description": "Een bankje met uitzicht op de eenden."}]
    call_command("import_initiatives", _write_csv(tmp_path, rows), stdout=io.StringIO())
    found = Initiative.objects.filter(search_document=search_query("eenden"))
    assert list(found.values_list("reference", flat=True)) == ["2019-0007"]
