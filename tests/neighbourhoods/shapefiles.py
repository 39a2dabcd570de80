"""Small generated CBS-shaped files (GeoJSON and GeoPackage) for the tests and the bench."""

import json
import sqlite3
import struct

import shapely
from shapely.geometry import box, mapping

# A grid of square neighbourhoods around Zwolle, in RD New metres and in WGS84 degrees.
RD_ORIGIN = (200_000.0, 500_000.0)
WGS_ORIGIN = (6.08, 52.50)


def grid(count: int, *, rd: bool, size=None):
    """`count` square neighbourhoods in rows of 10 (a little jagged, like real borders)."""
    size = size or (500.0 if rd else 0.007)
    x0, y0 = RD_ORIGIN if rd else WGS_ORIGIN
    shapes = []
    for index in range(count):
        column, row = index % 10, index // 10
        square = box(
            x0 + column * size, y0 + row * size, x0 + (column + 1) * size, y0 + (row + 1) * size
        )
        # Densify the border (CBS borders have many vertices) so simplifying has work.
        shapes.append(square.segmentize(size / 40))
    return shapes


def features(count: int, *, rd: bool, code_prefix="WK0193", population=lambda i: 1000 + i * 10):
    return [
        {
            "type": "Feature",
            "properties": {
                "wijkcode": f"{code_prefix}{index:02d}",
                "wijknaam": f"Wijk {index:02d}",
                "gemeentenaam": "Zwolle",
                "aantal_inwoners": population(index),
            },
            "geometry": mapping(geometry),
        }
        for index, geometry in enumerate(grid(count, rd=rd))
    ]


def write_geojson(path, feature_list, *, rd: bool):
    data = {"type": "FeatureCollection", "features": feature_list}
    if rd:
        data["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _blob(geometry, srs_id: int) -> bytes:
    # 'GP', version 0, flags: little-endian header, no envelope; then WKB.
    return b"GP" + bytes([0, 0b00000001]) + struct.pack("<i", srs_id) + shapely.to_wkb(geometry)


def write_geopackage(path, feature_list, *, epsg: int = 28992, blobs=None):
    """A minimal GeoPackage: the three gpkg_* tables and one feature table."""
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT, srs_id INTEGER PRIMARY KEY,
            organization TEXT, organization_coordsys_id INTEGER, definition TEXT);
        CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT,
            identifier TEXT, srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT,
            geometry_type_name TEXT, srs_id INTEGER, z INTEGER, m INTEGER);
        CREATE TABLE wijken (fid INTEGER PRIMARY KEY, geom BLOB, wijkcode TEXT,
            wijknaam TEXT, aantal_inwoners);
        """
    )
    connection.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, 'EPSG', ?, '')", ("crs", epsg, epsg)
    )
    connection.execute(
        "INSERT INTO gpkg_contents VALUES ('wijken', 'features', 'wijken', ?)", (epsg,)
    )
    connection.execute(
        "INSERT INTO gpkg_geometry_columns VALUES ('wijken', 'geom', 'MULTIPOLYGON', ?, 0, 0)",
        (epsg,),
    )
    for index, feature in enumerate(feature_list):
        props = feature["properties"]
        geometry = shapely.geometry.shape(feature["geometry"]) if feature["geometry"] else None
        blob = (blobs or {}).get(index) or (_blob(geometry, epsg) if geometry else None)
        connection.execute(
            "INSERT INTO wijken (geom, wijkcode, wijknaam, aantal_inwoners) VALUES (?, ?, ?, ?)",
            (blob, props.get("wijkcode"), props.get("wijknaam"), props.get("aantal_inwoners")),
        )
    connection.commit()
    connection.close()
    return path
