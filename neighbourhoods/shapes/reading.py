"""Reading neighbourhood shapes from the CBS wijk- en buurtkaart, as GeoJSON or as
GeoPackage (an SQLite file: read with sqlite3, each geometry a GeoPackage blob header
followed by WKB). Every feature is checked and every problem is reported with the
feature's number (1 = the first feature); nothing is returned when there is one."""

import json
import math
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import numpy
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import mapping, shape

from ..models import neighbourhood_code_validator

WGS84 = 4326
RD_NEW = 28992
# Property names in the CBS files, newest first (2017+ lower case; older upper case).
CODE_FIELDS = ("wijkcode", "buurtcode", "WK_CODE", "BU_CODE", "code")
NAME_FIELDS = ("wijknaam", "buurtnaam", "WK_NAAM", "BU_NAAM", "name", "naam")
POPULATION_FIELDS = ("aantal_inwoners", "aantalInwoners", "AANT_INW", "population", "inwoners")
# Degrees; about 5 metres in the Netherlands: enough for a map a page wide.
SIMPLIFY_TOLERANCE = 0.00005
DECIMALS = 6


class ShapeFileError(Exception):
    """The file cannot be read at all, or some features are wrong (`problems`)."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ShapeRecord:
    number: int
    code: str
    name: str
    population: int | None
    shape: dict  # GeoJSON geometry in WGS84, simplified for drawing


def _first(properties: dict, names) -> object:
    for name in names:
        if name in properties and properties[name] not in (None, ""):
            return properties[name]
    return None


def _population(value) -> int | None:
    """CBS writes secret or unknown counts as large negative numbers (-99999999)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, str):
        value = (
            value.strip().replace(".", "") if re.fullmatch(r"-?[\d.]+", value.strip()) else value
        )
    number = float(value)
    if not math.isfinite(number) or number != int(number):
        raise ValueError
    return int(number) if number >= 0 else None


def _epsg_of_geojson(data: dict) -> int:
    crs = data.get("crs")
    if not crs:
        return WGS84  # RFC 7946: GeoJSON without "crs" is WGS84
    name = str((crs.get("properties") or {}).get("name", ""))
    if re.search(r"CRS84$", name):
        return WGS84
    match = re.search(r"EPSG:+(\d+)$", name)
    if not match:
        raise ShapeFileError([f"Onbekend coördinatenstelsel: {name or crs!r}."])
    return int(match.group(1))


def _transformer(epsg: int):
    if epsg == WGS84:
        return None
    if epsg != RD_NEW:
        try:
            CRS.from_epsg(epsg)
        except Exception:  # pyproj raises CRSError; any failure means unknown here
            raise ShapeFileError([f"Onbekend coördinatenstelsel: EPSG:{epsg}."]) from None
    return Transformer.from_crs(epsg, WGS84, always_xy=True)


def _geometry(geometry, transformer) -> dict:
    if geometry is None or geometry.is_empty:
        raise ValueError("lege geometrie")
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"geen vlak maar {geometry.geom_type}")
    if not geometry.is_valid:
        raise ValueError(f"ongeldige geometrie ({shapely.is_valid_reason(geometry)})")
    if transformer is not None:
        geometry = shapely.transform(
            geometry, lambda xy: numpy.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))
        )
    lon, lat = geometry.centroid.x, geometry.centroid.y
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError("coördinaten buiten de wereld: is het coördinatenstelsel juist?")
    simple = shapely.set_precision(
        geometry.simplify(SIMPLIFY_TOLERANCE, preserve_topology=True), 10**-DECIMALS
    )
    if simple.is_empty:
        simple = geometry
    return json.loads(json.dumps(mapping(simple)))


def _records(features, transformer) -> list[ShapeRecord]:
    problems, records, seen = [], [], {}
    for number, (properties, read_geometry) in enumerate(features, start=1):
        where = f"Object {number}"
        code = str(_first(properties, CODE_FIELDS) or "").strip()
        name = str(_first(properties, NAME_FIELDS) or "").strip()
        wrong = []
        if not code:
            wrong.append("geen wijk- of buurtcode")
        else:
            try:
                neighbourhood_code_validator(code)
            except Exception:
                wrong.append(f"ongeldige code {code!r}")
            if code in seen:
                wrong.append(f"code {code} staat er al bij object {seen[code]}")
            seen.setdefault(code, number)
        if not name:
            wrong.append("geen naam")
        try:
            population = _population(_first(properties, POPULATION_FIELDS))
        except (TypeError, ValueError):
            wrong.append("aantal inwoners is geen getal")
            population = None
        try:
            geometry = _geometry(read_geometry(), transformer)
        except Exception as error:  # shapely/WKB errors: the geometry cannot be read
            wrong.append(str(error) if isinstance(error, ValueError) else "ongeldige geometrie")
            geometry = None
        if wrong:
            problems.append(f"{where} ({code or '?'}): " + "; ".join(wrong) + ".")
        else:
            records.append(ShapeRecord(number, code, name[:120], population, geometry))
    if problems:
        raise ShapeFileError(problems)
    if not records:
        raise ShapeFileError(["Het bestand bevat geen wijken of buurten."])
    return records


def read_geojson(path: Path) -> list[ShapeRecord]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ShapeFileError([f"Geen leesbare GeoJSON: {error}."]) from None
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise ShapeFileError(["Geen GeoJSON FeatureCollection."])
    transformer = _transformer(_epsg_of_geojson(data))

    def feature(item):
        item = item if isinstance(item, dict) else {}
        geometry = item.get("geometry")
        return item.get("properties") or {}, lambda: shape(geometry) if geometry else None

    return _records([feature(item) for item in data["features"]], transformer)


def _wkb_of_gpkg_blob(blob: bytes) -> bytes:
    """GeoPackage geometry: 'GP', version, flags, srs_id, an optional envelope, WKB."""
    if not blob or blob[:2] != b"GP":
        raise ValueError("geen GeoPackage-geometrie")
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 0b111)
    if envelope is None:
        raise ValueError("ongeldige geometrie")
    if flags & 0b10000:  # the empty-geometry flag
        raise ValueError("lege geometrie")
    return blob[8 + envelope :]


def _gpkg_layer(connection):
    row = connection.execute(
        "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c "
        "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
        "WHERE c.data_type = 'features' ORDER BY c.table_name LIMIT 1"
    ).fetchone()
    if row is None:
        raise ShapeFileError(["De GeoPackage heeft geen laag met objecten."])
    table, column, srs_id = row
    org = connection.execute(
        "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
        (srs_id,),
    ).fetchone()
    if org is None or str(org[0]).upper() != "EPSG":
        raise ShapeFileError([f"Onbekend coördinatenstelsel: srs_id {srs_id}."])
    return table, column, int(org[1])


def read_geopackage(path: Path) -> list[ShapeRecord]:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            table, column, epsg = _gpkg_layer(connection)
            transformer = _transformer(epsg)
            cursor = connection.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (from gpkg_contents)
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise ShapeFileError([f"Geen leesbare GeoPackage: {error}."]) from None

    def feature(row):
        properties = dict(zip(names, row, strict=True))
        blob = properties.pop(column)
        return properties, lambda: shapely.from_wkb(_wkb_of_gpkg_blob(blob))

    return _records([feature(row) for row in rows], transformer)


def read_shapes(path) -> list[ShapeRecord]:
    path = Path(path)
    if not path.is_file():
        raise ShapeFileError([f"Bestand niet gevonden: {path}."])
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"SQLite format 3"):
        return read_geopackage(path)
    return read_geojson(path)
