"""An :class:`EventFilter` as a SQL condition over ``events e JOIN articles a`` (parameters, never pasted values)."""

from __future__ import annotations

import math
from typing import Any

from eventwire.store.records import EventFilter

KM_PER_DEGREE = 111.195


def near_condition(lat: float, lon: float, radius_km: float, alias: str = "e") -> tuple[str, list[Any]]:
    """Within ``radius_km`` of a point: a bounding box (indexed) then an equirectangular distance (plain arithmetic,
    the same in SQLite and PostgreSQL; within 0.5% of the great circle at these radii)."""
    dlat = radius_km / KM_PER_DEGREE
    k = max(math.cos(math.radians(lat)), 0.01)
    dlon = dlat / k
    sql = (f"{alias}.lat BETWEEN ? AND ? AND {alias}.lon BETWEEN ? AND ? AND "
           f"(({alias}.lat - ?) * ({alias}.lat - ?) + ({alias}.lon - ?) * ({alias}.lon - ?) * ?) <= ?")
    return sql, [lat - dlat, lat + dlat, lon - dlon, lon + dlon, lat, lat, lon, lon, k * k, dlat * dlat]


def where(f: EventFilter) -> tuple[str, list[Any]]:
    conds: list[str] = []
    params: list[Any] = []
    if f.date_from:
        conds.append("e.event_date >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to:
        conds.append("e.event_date <= ?")
        params.append(f.date_to.isoformat())
    if f.country:
        conds.append("e.country = ?")
        params.append(f.country.upper())
    if f.admin1:
        conds.append("e.admin1 = ?")
        params.append(f.admin1)
    if f.near_lat is not None and f.near_lon is not None:
        sql, near = near_condition(f.near_lat, f.near_lon, f.radius_km)
        conds.append(sql)
        params += near
    if f.actor:
        conds.append("e.id IN (SELECT ea.event_id FROM event_actors ea WHERE ea.role <> 'claimant' AND "
                     "(ea.actor_key = ? OR LOWER(ea.name) LIKE ?))")
        params += [f.actor, f"%{f.actor.lower()}%"]
    if f.type:
        conds.append("(e.type = ? OR LOWER(e.acled_event_type) = ? OR LOWER(e.acled_sub_event_type) = ?)")
        params += [f.type.upper(), f.type.lower(), f.type.lower()]
    if f.source:
        conds.append("(LOWER(a.source) LIKE ? OR LOWER(a.url) LIKE ? OR LOWER(a.input_id) LIKE ?)")
        params += [f"%{f.source.lower()}%"] * 3
    if f.contested:
        conds.append("e.cluster_id IN (SELECT c2.id FROM clusters c2 WHERE c2.contested = 1)")
    if f.cluster_id:
        conds.append("e.cluster_id = ?")
        params.append(f.cluster_id)
    if f.article_id:
        conds.append("e.article_id = ?")
        params.append(f.article_id)
    return (" AND ".join(conds) or "1 = 1"), params
