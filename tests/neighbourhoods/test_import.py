"""Issue 18: `manage.py import_neighbourhoods FILE` reads the CBS wijk- en buurtkaart
(GeoJSON or GeoPackage, RD New or WGS84), all or nothing, errors per feature number; a
second run updates, never duplicates."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from shapely.geometry import Polygon, mapping, shape

from neighbourhoods.models import Neighbourhood
from tests.neighbourhoods.factories import NeighbourhoodFactory
from tests.neighbourhoods.shapefiles import features, write_geojson, write_geopackage

pytestmark = pytest.mark.django_db


def _run(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_neighbourhoods", str(path), stdout=out, stderr=err)
    return out.getvalue()


def _refused(path):
    err = io.StringIO()
    with pytest.raises(CommandError, match="Niets geïmporteerd"):
        call_command("import_neighbourhoods", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def _centre(code):
    return shape(Neighbourhood.objects.get(code=code).shape).centroid


def test_geojson_in_rd_new_is_converted_to_wgs84(tmp_path):
    path = write_geojson(tmp_path / "wijken.geojson", features(3, rd=True), rd=True)
    assert "3 wijken toegevoegd, 0 bijgewerkt" in _run(path)
    hood = Neighbourhood.objects.get(code="WK019301")
    assert hood.name == "Wijk 01" and hood.population == 1010
    centre = _centre("WK019300")
    # RD (200250, 500250) lies near Zwolle: about 6.1 E, 52.5 N.
    assert 5.9 < centre.x < 6.3 and 52.3 < centre.y < 52.7
    # Simplified for drawing: the densified square is back to (about) its corners.
    ring = hood.shape["coordinates"][0]
    assert len(ring) <= 10


def test_wgs84_geojson_is_kept_as_it_is_and_a_second_run_updates(tmp_path):
    NeighbourhoodFactory(code="WK019300", name="Oude naam", population=None)
    path = write_geojson(tmp_path / "wijken.geojson", features(2, rd=False), rd=False)
    assert "1 wijken toegevoegd, 1 bijgewerkt" in _run(path)
    centre = _centre("WK019300")
    assert centre.x == pytest.approx(6.0835, abs=1e-3) and centre.y == pytest.approx(
        52.5035, abs=1e-3
    )
    renamed = features(2, rd=False, population=lambda i: 5000)
    renamed[0]["properties"]["wijknaam"] = "Binnenstad"
    assert "0 wijken toegevoegd, 2 bijgewerkt" in _run(write_geojson(path, renamed, rd=False))
    assert Neighbourhood.objects.count() == 2
    hood = Neighbourhood.objects.get(code="WK019300")
    assert hood.name == "Binnenstad" and hood.population == 5000


def test_geopackage_in_rd_new(tmp_path):
    path = write_geopackage(tmp_path / "wijken.gpkg", features(4, rd=True))
    assert "4 wijken toegevoegd" in _run(path)
    centre = _centre("WK019303")
    assert 5.9 < centre.x < 6.3 and 52.3 < centre.y < 52.7
    assert "0 wijken toegevoegd, 4 bijgewerkt" in _run(path)


def test_every_wrong_feature_is_reported_by_number_and_nothing_is_imported(tmp_path):
    items = features(6, rd=True)
    items[1]["properties"]["aantal_inwoners"] = "veel"
    items[2]["properties"]["wijkcode"] = items[0]["properties"]["wijkcode"]
    items[3]["geometry"] = mapping(Polygon())  # empty
    # A bow tie: a self-intersecting ring is not a valid area.
    items[4]["geometry"] = mapping(
        Polygon([(200000, 500000), (201000, 501000), (201000, 500000), (200000, 501000)])
    )
    err = _refused(write_geojson(tmp_path / "fout.geojson", items, rd=True))
    assert "Object 2 (WK019301): aantal inwoners is geen getal." in err
    assert "Object 3 (WK019300): code WK019300 staat er al bij object 1." in err
    assert "Object 4 (WK019303): lege geometrie." in err
    assert "Object 5 (WK019304): ongeldige geometrie" in err
    assert "Object 1 " not in err and "Object 6 " not in err
    assert Neighbourhood.objects.count() == 0


def test_an_unknown_crs_and_a_broken_geopackage_blob_are_refused(tmp_path):
    path = tmp_path / "onbekend.geojson"
    data = {"type": "FeatureCollection", "features": features(1, rd=True)}
    data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::999999"}}
    path.write_text(json.dumps(data))
    assert "Onbekend coördinatenstelsel" in _refused(path)
    gpkg = write_geopackage(tmp_path / "kapot.gpkg", features(2, rd=True), blobs={1: b"XX123"})
    assert "Object 2 (WK019301): geen GeoPackage-geometrie." in _refused(gpkg)
    unknown = write_geopackage(tmp_path / "srs.gpkg", features(1, rd=True), epsg=999999)
    assert "Onbekend coördinatenstelsel" in _refused(unknown)
    not_json = tmp_path / "leeg.geojson"
    not_json.write_text("{")
    assert "Geen leesbare GeoJSON" in _refused(not_json)
    assert Neighbourhood.objects.count() == 0
