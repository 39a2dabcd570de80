import csv
import io
import json
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from rest_framework.authtoken.models import Token

from budgets.models import FundingLine
from budgets.services import funding_line_add, grant_decide
from figures.exports import figures_csv, figures_json, figures_xlsx_bytes
from figures.selectors import figures_for_year
from initiatives.constants import InitiatorKind, Status
from tests.budgets.factories import GrantFactory, NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")

# Recognisable personal data and initiator free text that must never leave in an export.
PLANTED = [
    "Zebedeus Quakkelaar",
    "zebedeus@geheim.example",
    "06 9876 5432",
    "9999ZZ",
    "Geheime Moestuinweg 12",
    "Omschrijving-XYZZY-van-de-bewoner",
    "Uitkomstbericht-PLUGH",
    "Doel-FROBOZZ-van-de-aanvraag",
    "Verhaal-GRUE-niet-openbaar",
]


def _at(year, month, day, hour=10):
    return datetime(year, month, day, hour, tzinfo=AMS)


def _idea(year=2025, **kwargs):
    kwargs.setdefault("submitted_at", _at(year, 3, 3))  # a Monday
    return InitiativeFactory(**kwargs)


def test_counts_shares_and_zeros(broker):
    _idea(status=Status.NEW, initiator=InitiatorFactory(kind=InitiatorKind.SMALL_BUSINESS))
    _idea(realised=True, first_contact_at=_at(2025, 3, 5), closed_at=_at(2025, 5, 1))
    _idea(realised=True, first_contact_at=_at(2025, 3, 14), closed_at=_at(2025, 5, 1))
    _idea(in_conversation=True, first_contact_at=_at(2025, 3, 4), theme=theme("sport"))
    _idea(year=2024)  # another year: not counted
    _idea(submitted_at=datetime(2025, 12, 31, 23, 30, tzinfo=AMS))  # local 2025, UTC 2025
    _idea(submitted_at=datetime(2026, 1, 1, 0, 30, tzinfo=AMS))  # local 2026, UTC 2025

    figures = figures_for_year(2025)
    assert figures["ideas_received"] == 5
    assert figures["by_initiator_kind"]["small_business"] == {"count": 1, "share": 0.2}
    assert figures["by_initiator_kind"]["organisation"] == {"count": 0, "share": 0.0}
    assert figures["by_theme"]["sport"]["count"] == 1
    assert figures["by_theme"]["kunst-cultuur"] == {"count": 0, "share": 0.0}
    assert figures["by_status"]["realised"] == {"count": 2, "share": 0.4}
    assert set(figures["by_channel"]) == {
        "web",
        "phone",
        "email",
        "walk_in",
        "letter",
        "home_visit",
        "event",
        "partner",
    }
    assert figures["realised"] == 2 and figures["realised_share"] == 0.4
    # No funding recorded for either: both count as realised without financial support.
    assert figures["realised_without_financial_support"] == 2
    # Due is 5 working days after Monday 3 March = Monday 10 March; the 14th is late.
    assert figures["first_contact"]["within_target"] == 2
    assert figures["first_contact"]["share"] == round(2 / 3, 4)
    # Working days: 4 March = 1, 5 March = 2, 14 March = 9 -> median 2.
    assert figures["first_contact"]["median_working_days"] == 2.0
    assert figures["introductions_made"] == 0
    assert figures["satisfaction"] == {"answers": 0, "average": None}
    assert "by_theme" in figures["denominators"]


def test_financial_support_and_budgets(broker):
    budget = NeighbourhoodBudgetFactory(year=2025, amount=Decimal("5000"))
    funded = _idea(realised=True, closed_at=_at(2025, 6, 1), neighbourhood=budget.neighbourhood)
    in_kind = _idea(realised=True, closed_at=_at(2025, 6, 1))
    _idea(realised=True, closed_at=_at(2025, 6, 1))
    grant = GrantFactory(budget=budget, initiative=funded, amount_requested=Decimal("1200"))
    grant_decide(actor=broker, grant=grant, decision="approve", reason="Ja")
    funding_line_add(actor=broker, initiative=in_kind, source="in_kind")
    assert FundingLine.objects.count() == 2

    figures = figures_for_year(2025)
    assert figures["realised"] == 3
    assert figures["realised_without_financial_support"] == 2
    assert figures["realised_without_financial_support_share"] == 0.6667
    assert figures["budgets"][budget.neighbourhood.code] == {
        "budget": 5000.0,
        "approved": 1200.0,
        "paid": 0.0,
        "accounted": 0.0,
    }


def test_introductions_referrals_and_satisfaction_of_the_years_ideas(broker):
    from tests.brokers.factories import ReferralFactory
    from tests.initiatives.factories import SurveyFactory
    from tests.matching.factories import IntroductionFactory

    this_year = _idea(realised=True, closed_at=_at(2025, 6, 1))
    other = _idea(in_progress=True, submitted_at=_at(2024, 5, 1), first_contact_at=_at(2024, 5, 2))
    older = _idea(in_progress=True, submitted_at=_at(2024, 5, 1), first_contact_at=_at(2024, 5, 2))
    IntroductionFactory(suggestion__initiative=this_year, suggestion__other_initiative=other)
    # An introduction between two ideas of another year does not count for 2025.
    IntroductionFactory(suggestion__initiative=other, suggestion__other_initiative=older)
    ReferralFactory(initiative=this_year, broker=broker, reason="Zorg")
    SurveyFactory(initiative=this_year, closed_at=_at(2025, 6, 1), answered=True, score=4)
    # Reopened and closed twice more: one survey per closing.
    SurveyFactory(initiative=this_year, closed_at=_at(2025, 7, 1), answered=True, score=2)
    SurveyFactory(initiative=this_year, closed_at=_at(2025, 8, 1))  # not answered

    figures = figures_for_year(2025)
    assert figures["introductions_made"] == 1
    assert figures["referrals"] == 1
    assert figures["satisfaction"] == {"answers": 2, "average": 3.0}
    assert figures_for_year(2024)["introductions_made"] == 2


def test_figures_use_a_bounded_number_of_queries(django_assert_max_num_queries, broker):
    for _ in range(15):
        _idea(in_conversation=True, first_contact_at=_at(2025, 3, 4))
    NeighbourhoodBudgetFactory(year=2025)
    NeighbourhoodBudgetFactory(year=2025)
    # 18 for the ideas, reach and budgets; 2 for the votes (rounds, winning plans).
    with django_assert_max_num_queries(20):
        figures_for_year(2025)


def _plant(broker):
    initiator = InitiatorFactory(
        name=PLANTED[0], email=PLANTED[1], phone=PLANTED[2], postcode=PLANTED[3], address=PLANTED[4]
    )
    idea = _idea(
        initiator=initiator,
        description=PLANTED[5],
        realised=True,
        closed_at=_at(2025, 6, 1),
        outcome_message=PLANTED[6],
    )
    budget = NeighbourhoodBudgetFactory(year=2025, neighbourhood=idea.neighbourhood)
    grant = GrantFactory(budget=budget, initiative=idea, purpose=PLANTED[7])
    grant = grant_decide(actor=broker, grant=grant, decision="approve", reason="Akkoord")
    return idea


def test_no_export_contains_personal_data_or_initiator_text(broker, tmp_path):
    _plant(broker)
    figures = figures_for_year(2025)
    xlsx = load_workbook(io.BytesIO(figures_xlsx_bytes(figures)), read_only=True)
    xlsx_text = "\n".join(
        str(cell)
        for sheet in xlsx.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    )
    call_command("export_figures", year=2025, format="csv", output=str(tmp_path / "f.csv"))
    exports = {
        "json": figures_json(figures).decode(),
        "csv": figures_csv(figures).decode(),
        "xlsx": xlsx_text,
        "command": (tmp_path / "f.csv").read_text(),
    }
    assert "1" in exports["json"]  # the exports are not empty
    for name, text in exports.items():
        for value in PLANTED:
            assert value not in text, f"{value!r} leaked into the {name} export"


def test_pages_and_downloads_for_civil_servants_only(client, civil_servant, broker, coordinator):
    _plant(broker)
    url = "/cijfers/2025/"
    assert client.get(url).status_code == 302  # anonymous: sign in first
    client.force_login(broker)
    assert client.get(url).status_code == 403
    assert client.get("/cijfers/2025/download.xlsx").status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.force_login(civil_servant)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="ideas-received">1<' in html
    for value in PLANTED:
        assert value not in html
    csv_response = client.get("/cijfers/2025/download.csv?dialect=machine")
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert ["2025", "summary", "ideas_received", "Ideeën ontvangen", "1", ""] in rows
    assert client.get("/cijfers/2025/download.csv?dialect=excel97").status_code == 404
    sheets = load_workbook(io.BytesIO(client.get("/cijfers/2025/download.xlsx").content)).sheetnames
    assert sheets[:3] == ["Overzicht", "Initiatiefnemers", "Thema's"]
    assert json.loads(client.get("/cijfers/2025/download.json").content)["ideas_received"] == 1
    assert client.get("/cijfers/2025/download.exe").status_code == 404
    assert client.get("/cijfers/99999/").status_code == 404
    assert client.get("/cijfers/0/download.csv").status_code == 404
    assert client.get("/cijfers/").status_code == 200


def test_api_with_session_and_token(client, civil_servant, broker):
    _idea()
    url = "/api/v1/figures/2025/"
    assert client.get(url).status_code in (401, 403)
    client.force_login(broker)
    response = client.get(url)
    assert response.status_code == 403
    assert "detail" in response.json()
    client.logout()
    token = Token.objects.create(user=civil_servant)
    response = client.get(url, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    body = response.json()
    assert body["ideas_received"] == 1
    bad = client.get("/api/v1/figures/99999/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert bad.status_code == 400
    assert "detail" in bad.json()
    assert set(body) >= {
        "year",
        "by_initiator_kind",
        "by_theme",
        "by_neighbourhood",
        "by_channel",
        "by_status",
        "realised",
        "realised_share",
        "realised_without_financial_support",
        "realised_without_financial_support_share",
        "first_contact",
        "introductions_made",
        "referrals",
        "satisfaction",
        "budgets",
        "denominators",
    }


def test_export_command_formats(tmp_path, capsys):
    _idea()
    call_command("export_figures", year=2025, format="json")
    assert json.loads(capsys.readouterr().out)["ideas_received"] == 1
    call_command("export_figures", year=2025, format="xlsx", output=str(tmp_path / "f.xlsx"))
    assert load_workbook(tmp_path / "f.xlsx")["Overzicht"]["B2"].value == 1


def test_referrals_of_the_years_ideas_are_counted_without_their_text(broker):
    from brokers.services import referral_create
    from tests.brokers.factories import OrganisationFactory

    idea = _idea(in_conversation=True, first_contact_at=_at(2025, 3, 4))
    referral_create(
        initiative=idea,
        organisation=OrganisationFactory(),
        actor=broker,
        reason="Reden-ZORKMID-over-de-zorgvraag",
    )
    referral_create(
        initiative=_idea(year=2024), organisation=OrganisationFactory(), actor=broker, reason="x"
    )
    figures = figures_for_year(2025)
    assert figures["referrals"] == 1
    assert "ZORKMID" not in figures_csv(figures).decode()


def test_one_satisfaction_answer_is_singular(client, civil_servant):
    from tests.initiatives.factories import SurveyFactory

    idea = _idea(realised=True, first_contact_at=_at(2025, 3, 4), closed_at=_at(2025, 6, 1))
    SurveyFactory(initiative=idea, closed_at=_at(2025, 6, 1), answered=True, score=4)
    client.force_login(civil_servant)
    html = client.get("/cijfers/2025/").content.decode()
    assert "(1 antwoord)" in html and "1 antwoorden" not in html
    SurveyFactory(initiative=idea, closed_at=_at(2025, 7, 1), answered=True, score=2)
    assert "(2 antwoorden)" in client.get("/cijfers/2025/").content.decode()


@pytest.mark.parametrize(
    ("value", "written"),
    [(55.0, "55"), (12.5, "12.5"), (Decimal("3.25"), "3.25"), (1 / 3, "0.3333"), (None, "0")],
)
def test_numbers_in_markup_are_written_without_the_pages_format(value, written):
    from django.utils import translation

    from config.templatetags import markup_number

    with translation.override("nl"):
        assert markup_number(value) == written


def test_labels_typed_as_formulas_stay_text_in_every_export(broker):
    """Issue 18 / OWASP CSV injection: a theme or neighbourhood named like a formula must
    not become a live formula when the export is opened in a spreadsheet."""
    from initiatives.models import Theme
    from tests.neighbourhoods.factories import NeighbourhoodFactory

    evil = '=HYPERLINK("http://example.invalid","klik")'
    sport = theme("sport")
    Theme.objects.filter(pk=sport.pk).update(name=evil)
    wijk = NeighbourhoodFactory(name="@SUM(1+1)")
    _idea(theme=sport, neighbourhood=wijk)
    from config.reference_data import reference_data_forget

    reference_data_forget()
    figures = figures_for_year(2025)

    for dialect, delimiter in (("nl", ";"), ("machine", ",")):
        body = figures_csv(figures, dialect=dialect).decode("utf-8-sig")
        cells = [c for row in csv.reader(io.StringIO(body), delimiter=delimiter) for c in row]
        texts = [c for c in cells if "HYPERLINK" in c or "SUM(1+1)" in c]
        assert texts and all(c.startswith("'") for c in texts), (dialect, texts)

    workbook = load_workbook(io.BytesIO(figures_xlsx_bytes(figures)))
    planted = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and ("HYPERLINK" in cell.value or "SUM(1+1)" in cell.value)
    ]
    assert planted
    assert all(cell.data_type == "s" and cell.value.startswith("'") for cell in planted)
