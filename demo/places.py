"""Demo reference data: the themes and a municipality's neighbourhoods with their postcode
ranges. Safe to run again."""

from initiatives.constants import THEME_SLUGS
from initiatives.models import Theme
from neighbourhoods.models import Neighbourhood, PostcodeRange

NEIGHBOURHOODS = [
    ("WK019300", "Binnenstad", 9800, ["8011"]),
    ("WK019301", "Assendorp", 11200, ["8012"]),
    ("WK019302", "Kamperpoort-Veerallee", 7400, ["8013", "8014"]),
    ("WK019303", "Diezerpoort", 8900, ["8021"]),
    ("WK019304", "Wipstrik", 10100, ["8022"]),
    ("WK019305", "Holtenbroek", 10600, ["8031"]),
    ("WK019306", "Aa-landen", 12900, ["8032", "8033"]),
    ("WK019307", "Stadshagen", 27500, ["8043", "8044", "8045", "8046"]),
    ("WK019308", "Westenholte", 5400, ["8042"]),
    ("WK019309", "Zwolle-Zuid", 17800, ["8016", "8017", "8024"]),
    ("WK019310", "Berkum", 4300, ["8025", "8026"]),
]


def seed() -> None:
    _themes()
    _neighbourhoods()
    _shapes()


def _themes():
    # A data migration creates them; recreate any that are missing (e.g. a flushed
    # database), so the command stands on its own.
    for order, (slug, (name, name_en)) in enumerate(THEME_SLUGS.items()):
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "order": order}
        )


def _neighbourhoods():
    for code, name, population, blocks in NEIGHBOURHOODS:
        hood, _ = Neighbourhood.objects.update_or_create(
            code=code, defaults={"name": name, "population": population}
        )
        for block in blocks:
            PostcodeRange.objects.get_or_create(
                neighbourhood=hood, start=f"{block}AA", end=f"{block}ZZ"
            )


def _shapes():
    """Generated outlines (a Voronoi split of an oval round Zwolle), so `make run` shows
    the maps. A municipality imports the CBS wijk- en buurtkaart instead
    (`manage.py import_neighbourhoods FILE`)."""
    import math

    import shapely
    from shapely import affinity
    from shapely.geometry import MultiPoint, Point, mapping

    from neighbourhoods.services import neighbourhoods_import
    from neighbourhoods.shapes.reading import ShapeRecord

    lon, lat = 6.09, 52.51
    stretch = 1 / math.cos(math.radians(lat))  # degrees of longitude are shorter
    seeds = [Point(lon, lat)] + [
        Point(
            lon + 0.028 * stretch * math.cos(2 * math.pi * i / 10 + 0.3 * (i % 2)),
            lat + 0.028 * math.sin(2 * math.pi * i / 10),
        )
        for i in range(len(NEIGHBOURHOODS) - 1)
    ]
    town = affinity.scale(Point(lon, lat).buffer(0.05, quad_segs=16), xfact=stretch)
    cells = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=town).geoms
    records = []
    for number, (seed_point, (code, name, population, _blocks)) in enumerate(
        zip(seeds, NEIGHBOURHOODS, strict=True), start=1
    ):
        cell = next(c for c in cells if c.contains(seed_point)).intersection(town)
        shape = mapping(shapely.set_precision(cell, 1e-6))
        records.append(ShapeRecord(number, code, name, population, shape))
    neighbourhoods_import(records=records)
