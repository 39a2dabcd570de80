"""Maps without a tile server: a CBS-shaped GeoJSON of a municipality with 100
neighbourhoods (RD New, borders with about a thousand vertices each, like the CBS
wijk- en buurtkaart), generated here; reading and simplifying it (the import) and
rendering the SVG choropleth with its template (target: render < 300 ms). Needs no
rows in the database."""

import json
import math
import random
import statistics
import tempfile
import time
from pathlib import Path

RUNS = 20
TARGET_MS = 300
NEIGHBOURHOODS = 100


def _municipality(path: Path) -> Path:
    import shapely
    from shapely.geometry import MultiPoint, Point, mapping

    rng = random.Random(18)
    centre = (203_000.0, 503_000.0)  # RD New, Zwolle
    town = Point(centre).buffer(7_000, quad_segs=64)
    points = []
    while len(points) < NEIGHBOURHOODS:
        angle, radius = rng.uniform(0, 2 * math.pi), 6_500 * math.sqrt(rng.random())
        points.append(
            Point(centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle))
        )
    cells = shapely.voronoi_polygons(MultiPoint(points), extend_to=town).geoms
    features = []
    for index, cell in enumerate(cells):
        cell = cell.intersection(town)
        # Real borders follow streets and water: many vertices, a little wobble.
        dense = cell.segmentize(8)
        ring = [
            (x + rng.uniform(-1.5, 1.5), y + rng.uniform(-1.5, 1.5))
            for x, y in list(dense.exterior.coords)[:-1]
        ]
        polygon = shapely.make_valid(shapely.Polygon(ring))
        if polygon.geom_type != "Polygon":
            polygon = max(getattr(polygon, "geoms", [polygon]), key=lambda g: g.area)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "wijkcode": f"WK0193{index:02d}",
                    "wijknaam": f"Wijk {index:02d}",
                    "gemeentecode": "GM0193",
                    "aantal_inwoners": rng.randint(800, 12_000),
                },
                "geometry": mapping(polygon),
            }
        )
    data = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": features,
    }
    path.write_text(json.dumps(data))
    return path


def _render(records):
    from django.template.loader import render_to_string
    from django.utils import translation

    from neighbourhoods.models import Neighbourhood
    from neighbourhoods.shapes.maps import choropleth

    hoods = [
        Neighbourhood(code=r.code, name=r.name, population=r.population, shape=r.shape)
        for r in records
    ]
    values = {r.code: round(1000 * (i % 17) / r.population, 2) for i, r in enumerate(records)}
    with translation.override("nl"):
        result = choropleth(
            hoods,
            values,
            key="bench",
            title="Ideeën per 1.000 inwoners",
            href=lambda hood: f"#reach-{hood.code}",
            describe=lambda value: f"{value:.1f} per 1.000 inwoners",
            no_value="onbekend",
        )
        return render_to_string("neighbourhoods/_map.html", {"map": result})


def run():
    from neighbourhoods.shapes.reading import read_shapes

    with tempfile.TemporaryDirectory() as folder:
        path = _municipality(Path(folder) / "wijken.geojson")
        vertices = sum(
            len(ring)
            for f in json.loads(path.read_text())["features"]
            for ring in f["geometry"]["coordinates"]
        )
        yield (
            "CBS-shaped GeoJSON: neighbourhoods / vertices / MB",
            (f"{NEIGHBOURHOODS} / {vertices} / {path.stat().st_size / 1e6:.1f}"),
        )
        started = time.perf_counter()
        records = read_shapes(path)
        yield (
            "import: read, RD New -> WGS84, check, simplify (ms)",
            (f"{(time.perf_counter() - started) * 1000:.0f}"),
        )
    kept = sum(len(ring) for r in records for ring in r.shape["coordinates"])
    yield "vertices kept for drawing", kept
    _render(records)  # warm-up: template loading
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        svg = _render(records)
        timings.append((time.perf_counter() - started) * 1000)
    yield (
        "render map (SVG + legend) p50 / max ms",
        (f"{statistics.median(timings):.1f} / {max(timings):.1f} (target < {TARGET_MS})"),
    )
    yield "SVG size (kB)", f"{len(svg.encode()) / 1000:.0f}"
