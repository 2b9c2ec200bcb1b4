"""Query latency on a store of N composed events (no NLP): each filter's page of events and of clusters, with totals.

    python benchmarks/query.py [--events 10000] [--db PATH|postgresql://...] [--no-query]

The composed events (one per article, 40 places, 30 days, 5 outlets) are the same on every run, so filling a store
again adds nothing: the store fault tests use ``--no-query`` as their writer (killed, then run again).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import tempfile
import time
from pathlib import Path

from eventwire.export import export
from eventwire.models import AcledLabel, Actor, Article, ArticleResult, Event, EventDate, Offsets, Place, SentenceSpan
from eventwire.store import EventFilter, Store, open_store


def fill(store: Store, n: int) -> None:
    for i in range(n):
        text = f"Dispatch {i}: gunmen attacked a checkpoint, killing {i % 7 + 1} soldiers."
        day = dt.date(2024, 1, 1) + dt.timedelta(days=i % 30)
        place = Place(text="x", start=0, end=1, name=f"Place {i % 40}", lat=16.0 + (i % 40), lon=0.0, country="MLI")
        event = Event(type="ASSAULT", acled=AcledLabel(event_type="Battles", sub_event_type="Armed clash"),
                      actors=[Actor(text="gunmen", start=0, end=6, name="gunmen", country="MLI", sector="UAF")],
                      location=place, date=EventDate(value=day), fatalities=i % 7 + 1,
                      trigger=Offsets(start=0, end=4, text="Disp"), sentence=SentenceSpan(start=0, end=len(text)))
        article = Article(id=f"d{i}", text=text, lang="en", published=day, source=f"Desk {i % 5}")
        store.ingest(article, ArticleResult(id=article.id, lang="en", events=[event]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000, help="composed events to add first (0: none)")
    parser.add_argument("--db", help="the store (default: a fresh SQLite file)")
    parser.add_argument("--no-query", action="store_true", help="only fill the store")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.db or Path(tmp) / "q.db")
        start = time.perf_counter()
        fill(store, args.events)
        if args.no_query:
            store.close()
            return
        report: dict[str, object] = {"events": store.stats().events, "fill_s": round(time.perf_counter() - start, 1)}
        cases = {"none": EventFilter(),
                 "dates": EventFilter(date_from=dt.date(2024, 1, 5), date_to=dt.date(2024, 1, 9)),
                 "country+type": EventFilter(country="MLI", type="Battles"),
                 "near 60 km": EventFilter(near_lat=20.0, near_lon=0.0, radius_km=60),
                 "actor": EventFilter(actor="gunmen"), "source": EventFilter(source="desk 3"),
                 "contested": EventFilter(contested=True), "offset 9000": EventFilter(offset=9000)}
        for name, f in cases.items():
            start = time.perf_counter()
            store.events(f)
            store.clusters(f)
            report[f"{name}_ms"] = round((time.perf_counter() - start) * 1000, 1)
        start = time.perf_counter()
        report["acled_rows"] = export(store, "acled-csv", io.StringIO())
        report["acled_export_s"] = round(time.perf_counter() - start, 2)
        store.close()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
