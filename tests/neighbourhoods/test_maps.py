"""Issue 18: SVG choropleths without a tile server, on the figures page, the open budget
page and the gallery; accessible (a link per neighbourhood, patterns and a legend with
classes besides colour, the table alongside), numbers in markup locale-free."""

import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from budgets.services import grant_decide
from neighbourhoods.models import Neighbourhood
from neighbourhoods.services import neighbourhoods_import
from neighbourhoods.shapes.maps import choropleth
from neighbourhoods.shapes.reading import read_shapes
from tests.budgets.factories import GrantFactory, NeighbourhoodBudgetFactory
from tests.initiatives.factories import InitiativeFactory, InitiatorFactory
from tests.neighbourhoods.shapefiles import features, write_geojson

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def shapes(tmp_path):
    path = write_geojson(tmp_path / "wijken.geojson", features(6, rd=True), rd=True)
    neighbourhoods_import(records=read_shapes(path))
    return list(Neighbourhood.objects.order_by("code"))


def _paths(html: str) -> list[str]:
    return re.findall(r'<path d="([^"]+)" fill="url\(#\w+-c\d\)" class="map-shape', html)


def test_the_renderer_draws_every_shape_with_classes_and_a_legend(shapes):
    values = {hood.code: index * 2.5 for index, hood in enumerate(shapes)}
    values[shapes[-1].code] = None
    with translation.override("nl"):
        result = choropleth(
            shapes,
            values,
            key="test",
            title="Test",
            href=lambda hood: f"#{hood.code}",
            describe=lambda value: f"{value:.1f}",
            no_value="onbekend",
        )
    assert len(result.areas) == 6
    classes = {area.code: area.class_index for area in result.areas}
    assert classes[shapes[0].code] == 1 and classes[shapes[4].code] == 5
    assert classes[shapes[-1].code] == 0  # no value: its own pattern, in the legend
    assert [c.index for c in result.legend] == [1, 2, 3, 4, 5, 0]
    for area in result.areas:
        assert re.fullmatch(r"(M[-\d. L]+Z)+", area.d), area.d  # decimal points only
        assert "," not in area.d


def test_reach_map_on_the_figures_page(client, civil_servant, shapes):
    Neighbourhood.objects.filter(pk=shapes[0].pk).update(population=2000)
    InitiativeFactory(neighbourhood=shapes[0], submitted_at=datetime(2025, 3, 3, tzinfo=AMS))
    client.force_login(civil_servant)
    html = client.get("/cijfers/2025/").content.decode()
    assert 'id="map-reach"' in html
    assert len(_paths(html)) == 6
    assert f'href="#reach-{shapes[0].code}"' in html and f'id="reach-{shapes[0].code}"' in html
    assert 'aria-label="Wijk 00: 0,5 per 1.000 inwoners"' in html
    assert not re.search(r'(viewBox|d)="[^"]*\d,\d', html)
    assert "https://" not in html.split('id="map-reach"')[1].split("</figure>")[0]


def test_budget_spent_map_on_the_open_budget_page(client, broker, shapes):
    budget = NeighbourhoodBudgetFactory(year=2025, neighbourhood=shapes[1], amount=Decimal(5000))
    idea = InitiativeFactory(neighbourhood=shapes[1])
    grant = GrantFactory(budget=budget, initiative=idea, amount_requested=Decimal("750"))
    grant_decide(actor=broker, grant=grant, decision="approve", reason="Ja")
    html = client.get("/wijkbudgetten/?jaar=2025").content.decode()
    assert 'id="map-spent"' in html and len(_paths(html)) == 6
    assert f'href="/wijkbudgetten/{shapes[1].code}/2025/"' in html
    assert "geen wijkbudget" in html  # the legend's class for neighbourhoods without one


def test_the_gallery_map_filters_by_neighbourhood(client, shapes, django_assert_max_num_queries):
    for hood in (shapes[0], shapes[0], shapes[1]):
        InitiativeFactory(
            neighbourhood=hood, initiator=InitiatorFactory(public=True), published=True
        )
    html = client.get("/ideeen/").content.decode()
    assert 'id="map-gallery"' in html
    assert f'href="?wijk={shapes[2].code}"' in html
    assert 'aria-label="Wijk 00: 2 ideeën"' in html
    selected = client.get(f"/ideeen/?wijk={shapes[2].code}").content.decode()
    assert 'aria-current="true"' in selected
    with django_assert_max_num_queries(12):
        client.get(f"/ideeen/?wijk={shapes[2].code}&thema=sport")


def test_the_demo_neighbourhoods_have_shapes_for_make_run(client, civil_servant):
    from demo import places

    places.seed()
    places.seed()  # safe to run again: updates, never duplicates
    hoods = Neighbourhood.objects.all()
    assert hoods.count() == len(places.NEIGHBOURHOODS)
    assert all(hood.shape and hood.shape["type"] in ("Polygon", "MultiPolygon") for hood in hoods)
    html = client.get("/ideeen/").content.decode()
    assert len(_paths(html)) == len(places.NEIGHBOURHOODS)
