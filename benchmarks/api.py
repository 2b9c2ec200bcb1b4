"""HTTP API and dashboard speed with 10,000 stored events: ``GET /events`` latency (p50/p95) and the dashboard's first
render in headless Chromium (Debian's ``/usr/bin/chromium``), both over loopback against a real SQLite store.

The events are generated (composed reports around a few Syrian and Iraqi towns, no NLP), stored once in a cached
file, then served by the real app. The first dashboard load is cold (the server computes the map's GeoJSON); the
next ones get it from the server's cache, which lasts until the store changes. A last load is measured as
`eventwire serve` runs the app (the first map computed in the background at start-up), 5 s after it started.
Targets (issue 6): p95 < 100 ms, first render < 1.5 s.

    python benchmarks/api.py [--events 10000] [--requests 300] [--loads 5] [--db /tmp/ew-bench-api.db]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import time
from pathlib import Path

from eventwire.api import ApiSettings, create_app
from eventwire.api.live import CHROMIUM, CHROMIUM_ARGS, LiveServer
from eventwire.api.security import Token
from eventwire.models import AcledLabel, Actor, Article, ArticleResult, Event, EventDate, Offsets, Place, SentenceSpan
from eventwire.store import open_store

PLACES = [("Aleppo", 36.2021, 37.1343, 170063), ("Idlib", 35.9306, 36.6339, 169389), ("Homs", 34.7268, 36.7234,
          169577), ("Deir ez-Zor", 35.3359, 40.1408, 170794), ("Mosul", 36.335, 43.1189, 99072),
          ("Raqqa", 35.9528, 39.0079, 163915), ("Daraa", 32.6189, 36.1021, 170903), ("Kirkuk", 35.4681, 44.3922, 94787)]
KINDS = [("ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled"),
         ("ASSAULT", "Battles", "Armed clash", "fought"), ("PROTEST", "Protests", "Peaceful protest", "protested"),
         ("COERCE", "Strategic developments", "Arrests", "arrested"),
         ("ASSAULT", "Explosions/Remote violence", "Air/drone strike", "bombed")]
ACTORS = ["Military Forces of Syria", "Islamic State", "Rebel Group (Syria)", "Civilians (Syria)", "Police Forces"]
SOURCES = ["Wire A", "Wire B", "Daily C", "Radio D"]
PER_ARTICLE = 4


def generated(n_events: int, seed: int = 7) -> list[tuple[Article, ArticleResult]]:
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    pairs = []
    for i in range(n_events // PER_ARTICLE):
        published = start + dt.timedelta(days=rng.randrange(700))
        sentences, events = [], []
        offset = 0
        for _ in range(PER_ARTICLE):
            name, lat, lon, gid = rng.choice(PLACES)
            kind = rng.choice(KINDS)
            who, whom = rng.sample(ACTORS, 2)
            killed = rng.choice([None, 0, 1, 2, 3, 5, 8, 13, 30])
            sentence = f"{who} {kind[3]} {whom} in {name}, leaving {killed or 'no'} dead (report {i})."
            base = offset
            events.append(Event(
                type=kind[0], acled=AcledLabel(event_type=kind[1], sub_event_type=kind[2]),
                actors=[Actor(text=who, start=base, end=base + len(who), name=who)],
                targets=[Actor(text=whom, start=base + sentence.index(whom), end=base + sentence.index(whom) +
                               len(whom), name=whom)],
                location=Place(text=name, start=base + sentence.index(name), end=base + sentence.index(name) +
                               len(name), name=name, geonameid=gid, lat=lat + rng.uniform(-0.2, 0.2),
                               lon=lon + rng.uniform(-0.2, 0.2), country="IRQ" if lon > 42 else "SYR"),
                date=EventDate(value=published - dt.timedelta(days=rng.randrange(3))), fatalities=killed,
                trigger=Offsets(start=base + len(who) + 1, end=base + len(who) + 1 + len(kind[3]), text=kind[3]),
                sentence=SentenceSpan(start=base, end=base + len(sentence))))
            sentences.append(sentence)
            offset += len(sentence) + 1
        text = " ".join(sentences)
        article = Article(id=f"bench-{i}", text=text, lang="en", published=published, source=rng.choice(SOURCES))
        pairs.append((article, ArticleResult(id=article.id, lang="en", events=events)))
    return pairs


def fill(db: Path, n_events: int) -> int:
    with open_store(str(db)) as store:
        stored = store.stats().events
        if stored < n_events:
            t0 = time.perf_counter()
            summary = store.ingest_many(generated(n_events))
            print(f"stored {summary.events} events in {time.perf_counter() - t0:.1f} s")
        return store.stats().events


def latencies(url: str, n: int) -> dict[str, list[float]]:
    import httpx

    queries = [{}, {"country": "SYR"}, {"type": "Battles"}, {"date_from": "2024-01-01", "date_to": "2024-03-31"},
               {"actor": "islamic"}, {"source": "wire"}, {"offset": 500}, {"limit": 200},
               {"near_lat": 36.2, "near_lon": 37.13, "radius_km": 30}, {"country": "IRQ", "type": "ASSAULT"}]
    out: dict[str, list[float]] = {}
    with httpx.Client(base_url=url, timeout=30) as client:
        for q in queries:  # warm-up: connection, first queries
            client.get("/events", params=q).raise_for_status()
        for i in range(n):
            query = queries[i % len(queries)]
            t0 = time.perf_counter()
            client.get("/events", params=query).raise_for_status()
            out.setdefault("&".join(f"{k}={v}" for k, v in query.items()) or "(none)", []).append(
                (time.perf_counter() - t0) * 1000)
    return out


def first_renders(url: str, loads: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(loads):
            context = browser.new_context(viewport={"width": 1400, "height": 900})  # a fresh cache each time
            page = context.new_page()
            page.goto(url + "/")
            page.wait_for_selector("body[data-ready]", timeout=60_000)
            out.append(float(page.evaluate("Number(document.body.dataset.ready)")))
            dots = page.locator("#dots circle").count()
            context.close()
        browser.close()
    print(f"map shows {dots} clustered dots")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--db", type=Path, default=Path("/tmp/ew-bench-api.db"))
    args = parser.parse_args()
    stored = fill(args.db, args.events)
    with LiveServer(create_app(ApiSettings(database=str(args.db), token=Token(None)))) as url:
        by_query = latencies(url, args.requests)
        renders = first_renders(url, args.loads)
    # as `eventwire serve` runs: the first map is computed in the background at start-up
    with LiveServer(create_app(ApiSettings(database=str(args.db), token=Token(None), warm_up=True))) as url:
        time.sleep(5)
        served = first_renders(url, 1)
    times = [t for ts in by_query.values() for t in ts]
    p95 = statistics.quantiles(times, n=20)[-1]
    report = {"stored_events": stored, "requests": len(times), "events_p50_ms": round(statistics.median(times), 1),
              "events_p95_ms": round(p95, 1),
              "median_ms_by_filter": {q: round(statistics.median(ts), 1) for q, ts in by_query.items()},
              "first_render_ms": [round(r) for r in renders],
              "first_render_median_ms": round(statistics.median(renders)), "first_render_max_ms": round(max(renders)),
              "first_render_5s_after_serve_start_ms": round(served[0]),
              "targets": {"events_p95_ms": 100, "first_render_ms": 1500}}
    print(json.dumps(report))


if __name__ == "__main__":
    main()
