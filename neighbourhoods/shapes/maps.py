"""Choropleth maps of the neighbourhoods as server-rendered SVG: no tile server, no
external request, works offline and in print. Shapes come simplified from the import
(WGS84 GeoJSON on Neighbourhood.shape); this projects them onto a plane, writes each
neighbourhood as one path (numbers always with a decimal point, whatever the page's
language) and sorts the values into a few classes, each with its own colour *and*
pattern, so the map does not lean on colour alone. Figures, budgets and the gallery use
it; each passes its values, its link per neighbourhood and how a value reads."""

import math
from collections.abc import Callable
from dataclasses import dataclass, field

WIDTH = 600
CLASSES = 5


@dataclass
class MapArea:
    code: str
    name: str
    d: str
    class_index: int  # 0: no value; 1..CLASSES
    value_label: str
    href: str
    selected: bool = False


@dataclass
class LegendClass:
    index: int
    label: str


@dataclass
class ChoroplethMap:
    key: str
    title: str
    width: int
    height: int
    areas: list[MapArea] = field(default_factory=list)
    legend: list[LegendClass] = field(default_factory=list)


def _polygons(geometry: dict) -> list:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["coordinates"]
    return []


def _bounds(shapes: list[dict]) -> tuple[float, float, float, float]:
    lons, lats = [], []
    for geometry in shapes:
        for polygon in _polygons(geometry):
            for ring in polygon:
                for lon, lat, *_z in ring:
                    lons.append(lon)
                    lats.append(lat)
    return min(lons), min(lats), max(lons), max(lats)


def _path(geometry: dict, project) -> str:
    parts = []
    for polygon in _polygons(geometry):
        for ring in polygon:
            points = [project(lon, lat) for lon, lat, *_z in ring]
            parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def class_breaks(values: list[float], classes: int = CLASSES) -> list[float]:
    """Upper bounds of equal-width classes from 0 to the largest value."""
    top = max(values, default=0) or 1
    return [top * (index + 1) / classes for index in range(classes)]


def _class_of(value: float | None, breaks: list[float]) -> int:
    if value is None:
        return 0
    for index, upper in enumerate(breaks, start=1):
        if value <= upper + 1e-9:
            return index
    return len(breaks)


def choropleth(
    neighbourhoods,
    values: dict[str, float | None],
    *,
    key: str,
    title: str,
    href: Callable[[object], str],
    describe: Callable[[float | None], str],
    no_value: str,
    selected: str = "",
) -> ChoroplethMap | None:
    """A map of the neighbourhoods that have a shape; None when none has one.
    `describe(value)` says a value in words (the label next to each area and the
    legend), `href(neighbourhood)` where an area leads."""
    drawn = [n for n in neighbourhoods if n.shape and _polygons(n.shape)]
    if not drawn:
        return None
    min_lon, min_lat, max_lon, max_lat = _bounds([n.shape for n in drawn])
    # An equirectangular projection at the area's middle latitude: true enough for a
    # municipality, and cheap.
    stretch = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * stretch, 1e-9)
    span_y = max(max_lat - min_lat, 1e-9)
    scale = WIDTH / span_x
    height = max(round(span_y * scale), 1)

    def project(lon, lat):
        return (lon - min_lon) * stretch * scale, (max_lat - lat) * scale

    present = [v for n in drawn if (v := values.get(n.code)) is not None]
    breaks = class_breaks(present)
    result = ChoroplethMap(key=key, title=title, width=WIDTH, height=height)
    for neighbourhood in sorted(drawn, key=lambda n: n.name):
        value = values.get(neighbourhood.code)
        result.areas.append(
            MapArea(
                code=neighbourhood.code,
                name=neighbourhood.name,
                d=_path(neighbourhood.shape, project),
                class_index=_class_of(value, breaks),
                value_label=describe(value) if value is not None else no_value,
                href=href(neighbourhood),
                selected=neighbourhood.code == selected,
            )
        )
    lower = 0.0
    for index, upper in enumerate(breaks, start=1):
        result.legend.append(LegendClass(index, f"{describe(lower)} – {describe(upper)}"))
        lower = upper
    if any(area.class_index == 0 for area in result.areas):
        result.legend.append(LegendClass(0, no_value))
    return result
