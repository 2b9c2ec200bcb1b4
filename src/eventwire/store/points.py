"""Lean rows for maps: the few columns a map point needs, as plain dicts (no per-row model), for thousands of events
at once. Same filter and order as :meth:`Store.events`."""

from __future__ import annotations

from eventwire.store.backend import Row
from eventwire.store.base import EVENTS_FROM, Store
from eventwire.store.filters import where
from eventwire.store.records import EventFilter

POINT_COLUMNS = ("e.id, e.type, e.acled_event_type, e.event_date AS date, e.place_name, e.country, e.lat, e.lon, "
                 "e.fatalities, e.actors, e.targets, a.source")


def event_points(store: Store, f: EventFilter) -> tuple[int, list[Row]]:
    """(number of matching events, one row per event in the requested page)."""
    cond, params = where(f)
    total = int(store.backend.scalar(f"SELECT COUNT(*) {EVENTS_FROM} WHERE {cond}", params))
    rows = store.backend.query(f"SELECT {POINT_COLUMNS} {EVENTS_FROM} WHERE {cond} ORDER BY e.event_date DESC, e.id "
                               "LIMIT ? OFFSET ?", [*params, f.limit, f.offset])
    return total, rows


def data_version(store: Store) -> str:
    """Changes whenever an article (and so any event) is stored: a key for caching what was read before."""
    row = store.backend.query("SELECT COUNT(*) AS n, MAX(ingested_at) AS last FROM articles")[0]
    return f"{row['n']}:{row['last']}"
