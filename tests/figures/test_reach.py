"""Issue 18, reach: ideas per 1,000 inhabitants per neighbourhood, first-time against
returning initiators (a keyed hash of the e-mail or phone, kept through anonymisation),
offline channels' share; on the page, in every export and in the API."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from figures.exports import figures_csv, figures_xlsx_bytes
from figures.selectors import figures_for_year
from initiatives.constants import Channel, InitiatorKind
from initiatives.contact_key import initiator_contact_key, normalise_phone
from initiatives.models import Initiator
from initiatives.services import InitiatorData, initiative_submit
from retention.services import retention_run
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory, theme
from tests.neighbourhoods.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def _idea(year, **kwargs):
    kwargs.setdefault("submitted_at", datetime(year, 3, 3, 10, tzinfo=AMS))
    return InitiativeFactory(**kwargs)


def test_the_key_is_a_keyed_hash_of_the_normalised_email_or_phone(settings):
    one = initiator_contact_key(email=" Anne@Example.NL ", phone="")
    assert one == initiator_contact_key(email="anne@example.nl", phone="06 1111 2222")
    assert len(one) == 64 and "anne" not in one
    assert normalise_phone("+31 6 1234 5678") == normalise_phone("06-12345678") == "0612345678"
    by_phone = initiator_contact_key(email="", phone="+31 (0)6 1234 5678")
    assert by_phone == initiator_contact_key(email="", phone="0612345678")
    assert initiator_contact_key(email="", phone="") == ""
    settings.INITIATOR_MATCH_KEY = "another-key"
    assert initiator_contact_key(email="anne@example.nl", phone="") != one


def test_submission_stores_the_key_and_anonymisation_keeps_it():
    initiative = initiative_submit(
        actor=None,
        title="Buurtmoestuin",
        description="Samen tuinieren.",
        theme=theme("duurzaamheid"),
        neighbourhood=None,
        initiator=InitiatorData(kind=InitiatorKind.RESIDENT, name="Anne", email="ANNE@example.nl"),
        channel=Channel.WEB,
        needs=[],
    )
    initiator = initiative.initiator
    assert initiator.contact_key == initiator_contact_key(email="anne@example.nl", phone="")
    Initiator.objects.filter(pk=initiator.pk).update(erasure_requested_at=timezone.now())
    retention_run()
    initiator.refresh_from_db()
    assert initiator.email == "" and initiator.anonymised_at is not None
    assert initiator.contact_key == initiator_contact_key(email="anne@example.nl", phone="")


def test_first_time_and_returning_initiators_survive_anonymisation():
    anne_2024 = InitiatorFactory(email="anne@example.nl")
    _idea(2024, initiator=anne_2024)
    # Anne again in 2025 (another initiator record, her address typed differently).
    _idea(2025, initiator=InitiatorFactory(email=" Anne@Example.nl"))
    _idea(2025, initiator=InitiatorFactory(email="anne@example.nl"))  # twice: one person
    _idea(2025, initiator=InitiatorFactory(email="bert@example.nl"))
    _idea(2025, initiator=InitiatorFactory(email="", phone="", address="Brief 1"))
    Initiator.objects.update(erasure_requested_at=timezone.now())
    retention_run()
    assert not Initiator.objects.exclude(email="").exists()

    initiators = figures_for_year(2025)["reach"]["initiators"]
    assert initiators == {
        "known": 2,
        "first_time": 1,
        "first_time_share": 0.5,
        "returning": 1,
        "returning_share": 0.5,
        "ideas_without_contact": 1,
    }


def test_ideas_per_1000_inhabitants_and_offline_channels():
    big = NeighbourhoodFactory(code="WK099901", name="Grote wijk", population=4000)
    unknown = NeighbourhoodFactory(code="WK099902", name="Wijk zonder telling", population=None)
    for channel in (Channel.WEB, Channel.PHONE, Channel.LETTER):
        _idea(2025, neighbourhood=big, channel=channel)
    _idea(2025, neighbourhood=unknown, channel=Channel.HOME_VISIT)
    _idea(2025, neighbourhood=None)
    reach = figures_for_year(2025)["reach"]
    assert reach["per_1000"]["WK099901"] == {"ideas": 3, "population": 4000, "per_1000": 0.75}
    assert reach["per_1000"]["WK099902"] == {"ideas": 1, "population": None, "per_1000": None}
    assert reach["offline_channels"]["count"] == 3
    assert reach["offline_channels"]["share"] == 0.6


def test_reach_in_every_export_the_api_and_the_page(client, civil_servant):
    hood = NeighbourhoodFactory(code="WK099901", name="Grote wijk", population=2000)
    _idea(2025, neighbourhood=hood, channel=Channel.PHONE)
    figures = figures_for_year(2025)
    assert {"reach.per_1000", "reach.initiators", "reach.offline_channels"} <= set(
        figures["denominators"]
    )

    workbook = load_workbook(io.BytesIO(figures_xlsx_bytes(figures)))
    per_hood = {row[4].value: row for row in workbook["Bereik per wijk"].iter_rows(min_row=2)}
    assert per_hood["WK099901"][3].value == 0.5 and per_hood["WK099901"][2].value == 2000
    reach = {row[4].value: row for row in workbook["Bereik"].iter_rows(min_row=2)}
    assert reach["reach.offline_channels"][2].value == 1.0

    machine = list(csv.reader(io.StringIO(figures_csv(figures, dialect="machine").decode())))
    assert ["2025", "reach_per_1000", "WK099901.per_1000", "Grote wijk", "0.5", ""] in machine
    dutch = list(csv.reader(io.StringIO(figures_csv(figures).decode("utf-8-sig")), delimiter=";"))
    assert any(
        row[2] == "Grote wijk: Ideeën per 1.000 inwoners" and row[3] == "0,5" for row in dutch
    )

    client.force_login(civil_servant)
    body = client.get("/api/v1/figures/2025/").json()
    assert body["reach"]["per_1000"]["WK099901"]["per_1000"] == 0.5
    html = client.get("/cijfers/2025/").content.decode()
    assert 'id="reach-offline">1 (100%' in html
    assert "Ideeën per 1.000 inwoners" in html


def test_several_years_side_by_side_per_neighbourhood(client, civil_servant):
    hood = NeighbourhoodFactory(code="WK099901", name="Grote wijk", population=1000)
    for year, count in ((2021, 1), (2023, 2), (2025, 3)):
        for _ in range(count):
            _idea(year, neighbourhood=hood)
    figures = figures_for_year(2025)
    trend = figures["reach"]["trend"]
    assert trend["years"] == [2021, 2022, 2023, 2024, 2025]
    assert trend["ideas"]["WK099901"] == [1, 0, 2, 0, 3]

    workbook = load_workbook(io.BytesIO(figures_xlsx_bytes(figures)))
    sheet = workbook["Trend per wijk"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Wijk", "Ideeën 2021", "Ideeën 2022"]
    assert "Per 1.000 inwoners 2025" in header and header[-1] == "Code"
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[-1] == "WK099901")
    assert row[1:6] == (1, 0, 2, 0, 3) and row[10] == 3.0

    client.force_login(civil_servant)
    html = client.get("/cijfers/2025/").content.decode()
    table = html.split('id="table-trend"')[1].split("</table>")[0]
    assert '<th scope="row">Grote wijk</th>' in table
    assert '<td class="num">3 (3,0)</td>' in table
