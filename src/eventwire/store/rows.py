"""From pipeline records to store rows (and back to link reports): the store's only view of the models."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from eventwire.link import Party, Report
from eventwire.models import Actor, Article, ArticleResult, Event, Place


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text (NFKC, case-folded, whitespace collapsed): reformatting is not new content."""
    norm = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def normalise_url(url: str | None) -> str | None:
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def name_key(name: str) -> str:
    """A name's matching key: accents and case folded, spaces collapsed ("Médecins  Sans" → "medecins sans")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def actor_key(actor: Actor) -> str:
    return actor.id or f"name:{name_key(actor.name)}|{actor.country or ''}"


def place_key(place: Place) -> str:
    return str(place.geonameid) if place.geonameid is not None else f"name:{name_key(place.name)}|{place.country or ''}"


def names(actors: list[Actor]) -> str:
    return "; ".join(dict.fromkeys(a.name for a in actors))


@dataclass
class ArticleRows:
    """Everything one article adds to the store, as parameter tuples in the tables' column order."""

    article: tuple[Any, ...]
    events: list[tuple[Any, ...]]
    event_actors: list[tuple[Any, ...]]
    actors: list[tuple[Any, ...]]
    places: list[tuple[Any, ...]]
    quotes: list[tuple[Any, ...]]
    reports: list[Report]


def event_date(event: Event, published: dt.date | None) -> tuple[dt.date | None, str | None]:
    if event.date and event.date.value:
        return event.date.value, event.date.precision
    return published, ("day" if published else None)


def build_rows(article: Article, result: ArticleResult, article_id: str, ingested_at: str) -> ArticleRows:
    url = normalise_url(article.url)
    errors = json.dumps([e.model_dump() for e in result.errors], ensure_ascii=False)
    rows = ArticleRows(
        article=(article_id, article.id, url, content_hash(article.text), article.title, result.lang or article.lang,
                 article.published.isoformat() if article.published else None, article.source, article.text,
                 len(result.events), len(result.errors), errors, ingested_at),
        events=[], event_actors=[], actors=[], places=[], quotes=[], reports=[])
    actors: dict[str, tuple[Any, ...]] = {}
    places: dict[str, tuple[Any, ...]] = {}
    for seq, event in enumerate(result.events):
        event_id = f"{article_id}:{seq}"
        date, precision = event_date(event, article.published)
        loc = event.location
        if loc:
            places[place_key(loc)] = (place_key(loc), loc.name, loc.geonameid, loc.lat, loc.lon, loc.country,
                                      loc.admin1, loc.feature_code, loc.precision)
        roles = [("actor", a) for a in event.actors] + [("target", a) for a in event.targets]
        roles += [("claimant", event.claimed_by)] if event.claimed_by else []
        for n, (role, actor) in enumerate(roles):
            actors[actor_key(actor)] = (actor_key(actor), actor.name, actor.id, actor.country, actor.sector)
            rows.event_actors.append((event_id, role, n, actor_key(actor), actor.name, actor.text, actor.start,
                                      actor.end))
        rows.events.append((
            event_id, article_id, seq, None, event.type, event.mode, event.cameo,
            event.acled.event_type if event.acled else None, event.acled.sub_event_type if event.acled else None,
            date.isoformat() if date else None, precision, place_key(loc) if loc else None, loc.name if loc else None,
            loc.geonameid if loc else None, loc.lat if loc else None, loc.lon if loc else None,
            loc.country if loc else None, loc.admin1 if loc else None, loc.precision if loc else None,
            event.fatalities, event.injured, event.modality, names(event.actors), names(event.targets),
            event.claimed_by.name if event.claimed_by else None, event.trigger.text, event.trigger.start,
            event.trigger.end, event.sentence.start, event.sentence.end, event.confidence,
            event.model_dump_json()))
        rows.reports.append(report_of(event_id, article_id, article.source or article_id, event, date,
                                      article.published))
    for seq, quote in enumerate(result.quotes):
        speaker = quote.speaker
        rows.quotes.append((article_id, seq, speaker.name if speaker else None,
                            actor_key(speaker) if speaker else None, quote.text, quote.start, quote.end))
        if speaker:
            actors[actor_key(speaker)] = (actor_key(speaker), speaker.name, speaker.id, speaker.country,
                                          speaker.sector)
    rows.actors, rows.places = list(actors.values()), list(places.values())
    return rows


def party(actor: Actor) -> Party:
    return Party(actor_key(actor), actor.name, actor.country, actor.sector)


def report_of(event_id: str, article_id: str, source: str, event: Event, date: dt.date | None,
              published: dt.date | None) -> Report:
    loc = event.location
    detail = (event.acled is not None) * 4 + (loc is not None) * 2 + (event.fatalities is not None)
    return Report(event_id=event_id, article_id=article_id, source=source, type=event.type, date=date,
                  acled_event_type=event.acled.event_type if event.acled else None, modality=event.modality,
                  lat=loc.lat if loc else None, lon=loc.lon if loc else None, precision=loc.precision if loc else 3,
                  country=loc.country if loc else None, perpetrators=tuple(party(a) for a in event.actors),
                  targets=tuple(party(a) for a in event.targets), fatalities=event.fatalities,
                  according_to=event.claimed_by.name if event.claimed_by else None, published=published,
                  detail=detail, acled_sub_event_type=event.acled.sub_event_type if event.acled else None,
                  place_name=loc.name if loc else None, geonameid=loc.geonameid if loc else None,
                  admin1=loc.admin1 if loc else None)
