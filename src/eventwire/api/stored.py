"""Read endpoints over the store, and ``POST /articles`` (extract and store). Thin: each one builds an
:class:`EventFilter` or calls one :class:`Store` method and returns its typed records as they are."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections import OrderedDict
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, Field

from eventwire.api.extraction import WRITE_RESPONSES, PipelineHolder
from eventwire.api.schemas import MAX_BATCH, NO_NUL, ArticleIn, IsoDate
from eventwire.api.security import require_token
from eventwire.errors import EventwireError
from eventwire.models import RecordError
from eventwire.store import (
    ActorRow,
    ArticleDetail,
    ClusterDetail,
    ClusterRow,
    EventDetail,
    EventFilter,
    EventRow,
    IngestOutcome,
    Page,
    PlaceRow,
    SourceClaim,
    Stats,
    Store,
    open_store,
)
from eventwire.store.points import data_version, event_points

Text = Annotated[str | None, Query(max_length=200, pattern=NO_NUL)]
Ident = Annotated[str, Path(max_length=200, pattern=NO_NUL)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
MAX_REPORTS_SHOWN = 25
log = logging.getLogger(__name__)

router = APIRouter()


class StoreHolder:
    """One store connection per worker thread (SQLite connections belong to the thread that opened them)."""

    def __init__(self, database: str | None) -> None:
        self.database = database
        self._local = threading.local()
        self._opened: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        if self.database is None:
            raise HTTPException(503, "no store is attached to this server (eventwire serve --db PATH|DSN)")
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.database)
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()
            self._local = threading.local()  # threads open a fresh store if the app is started again


def store(request: Request) -> Store:
    holder: StoreHolder = request.app.state.stores
    return holder.get()


StoreDep = Annotated[Store, Depends(store)]


def event_filter(
    date_from: Annotated[IsoDate | None, Query(description="Events on or after this day.")] = None,
    date_to: Annotated[IsoDate | None, Query(description="Events on or before this day.")] = None,
    country: Annotated[str | None, Query(max_length=3, pattern=r"^[A-Za-z]{2,3}$",
                                         description="ISO 3166-1 alpha-3 of the event place.")] = None,
    admin1: Text = None,
    near_lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
    near_lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
    radius_km: Annotated[float, Query(gt=0, le=20_000)] = 50.0,
    actor: Annotated[str | None, Query(max_length=200, pattern=NO_NUL, description="Actor id or name.")] = None,
    type: Annotated[str | None, Query(max_length=100, pattern=NO_NUL,
                                      description="PLOVER type, ACLED event type or sub-event type.")] = None,
    source: Annotated[str | None, Query(max_length=200, pattern=NO_NUL, description="Outlet name or host.")] = None,
    contested: Annotated[bool, Query(description="Only events whose reports disagree.")] = False,
    cluster_id: Text = None,
    article_id: Text = None,
) -> EventFilter:
    """The filters of ``eventwire query``, as query parameters."""
    return EventFilter(date_from=date_from, date_to=date_to, country=country, admin1=admin1, near_lat=near_lat,
                       near_lon=near_lon, radius_km=radius_km, actor=actor, type=type, source=source,
                       contested=contested, cluster_id=cluster_id, article_id=article_id)


FilterDep = Annotated[EventFilter, Depends(event_filter)]
T = TypeVar("T")


def found(record: T | None, what: str) -> T:
    if record is None:
        raise HTTPException(404, f"no such {what}")
    return record


@router.get("/events", response_model=Page[EventRow], tags=["events"])
def events(s: StoreDep, f: FilterDep, limit: Limit = 50, offset: Offset = 0) -> Page[EventRow]:
    """Event reports (one per article that reports an event), newest first."""
    return s.events(f.model_copy(update={"limit": limit, "offset": offset}))


class Feature(BaseModel):
    type: str = "Feature"
    geometry: dict[str, Any] | None
    properties: dict[str, Any]


class FeatureCollection(BaseModel):
    type: str = "FeatureCollection"
    total: int = Field(description="Events matching the filters (features holds at most `limit` of them).")
    features: list[Feature]


@router.get("/events.geojson", response_model=None, tags=["events"],
            responses={200: {"model": FeatureCollection, "content": {"application/geo+json": {}}}})
def events_geojson(request: Request, s: StoreDep, f: FilterDep,
                   limit: Annotated[int, Query(ge=1, le=10_000)] = 10_000, offset: Offset = 0) -> Response:
    """The same events as GeoJSON points (events without coordinates have a null geometry): few properties, built
    without per-row models and kept until the store changes, so that a map can take ten thousand at once."""
    f = f.model_copy(update={"limit": limit, "offset": offset})
    body = geojson(s, request.app.state.geocache, str(request.url.query), f)
    return Response(body, media_type="application/geo+json")


DASHBOARD_QUERY = "limit=10000"  # what the dashboard asks for first (app.js)


def geojson(s: Store, cache: GeoCache, query: str, f: EventFilter) -> bytes:
    key = (query, data_version(s))
    body = cache.get(key)
    return body if body is not None else cache.put(key, _feature_collection(*event_points(s, f)))


def warm_dashboard(stores: StoreHolder, cache: GeoCache) -> None:
    """Compute the dashboard's first map in the background at start-up, so that its first visitor does not wait."""
    if stores.database is None:
        return
    try:
        geojson(stores.get(), cache, DASHBOARD_QUERY, EventFilter(limit=10_000))
    except EventwireError as exc:  # an unreachable store: the first request will say so
        log.warning("could not prepare the dashboard's map: %s", exc)


def _feature_collection(total: int, rows: list[dict[str, Any]]) -> bytes:
    features = []
    for row in rows:
        lat, lon = row.pop("lat"), row.pop("lon")
        point = ({"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}
                 if lat is not None and lon is not None else None)
        features.append({"type": "Feature", "geometry": point, "properties": row})
    return json.dumps({"type": "FeatureCollection", "total": total, "features": features}, default=str,
                      separators=(",", ":")).encode()


class GeoCache:
    """The last few GeoJSON answers, by query and store version (a dashboard asks for the same view again and
    again; the store's version changes with every stored article, which retires the old answers)."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> bytes | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            return self._items.get(key)

    def put(self, key: tuple[str, str], body: bytes) -> bytes:
        with self._lock:
            self._items[key] = body
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return body


class Report(BaseModel):
    """One article's report of the happening, with its evidence sentence (trigger offsets within the sentence)."""

    event_id: str
    article_id: str
    source: str | None
    title: str | None
    url: str | None
    published: dt.date | None
    sentence: str
    trigger_start: int
    trigger_end: int
    fatalities: int | None
    claimed_by: str | None
    modality: str


class EventView(EventDetail):
    reports: list[Report] = Field(default_factory=list)
    claims: list[SourceClaim] = Field(default_factory=list)


@router.get("/events/{event_id}", response_model=EventView, responses={404: {"description": "No such event"}},
            tags=["events"])
def event(event_id: Ident, s: StoreDep) -> EventView:
    """One event report with its evidence, and every report and claim of the same happening (its cluster)."""
    detail = found(s.event(event_id), "event")
    cluster = s.cluster(detail.cluster_id) if detail.cluster_id else None
    others = [r.id for r in cluster.reports if r.id != detail.id] if cluster else []
    details = [detail, *(d for d in (s.event(i) for i in others[:MAX_REPORTS_SHOWN - 1]) if d is not None)]
    reports = [Report(event_id=d.id, article_id=d.article_id, source=d.article.source, title=d.article.title,
                      url=d.article.url, published=d.article.published, sentence=d.sentence,
                      trigger_start=d.trigger_start - d.sentence_start, trigger_end=d.trigger_end - d.sentence_start,
                      fatalities=d.fatalities, claimed_by=d.claimed_by, modality=d.modality) for d in details]
    claims = cluster.claims if cluster else []
    return EventView(**detail.model_dump(), reports=reports, claims=claims)


@router.get("/clusters", response_model=Page[ClusterRow], tags=["events"])
def clusters(s: StoreDep, f: FilterDep, limit: Limit = 50, offset: Offset = 0) -> Page[ClusterRow]:
    """Happenings: reports linked across articles and languages, with low/best/high tolls and contested flags."""
    return s.clusters(f.model_copy(update={"limit": limit, "offset": offset}))


@router.get("/clusters/{cluster_id}", response_model=ClusterDetail, responses={404: {"description": "No such cluster"}},
            tags=["events"])
def cluster(cluster_id: Ident, s: StoreDep) -> ClusterDetail:
    return found(s.cluster(cluster_id), "cluster")


@router.get("/actors", response_model=Page[ActorRow], tags=["reference"])
def actors(s: StoreDep, q: Text = None, limit: Limit = 50, offset: Offset = 0) -> Page[ActorRow]:
    """Actors named in stored events, most active first; ``q`` matches a name or key."""
    return s.actors(q=q, limit=limit, offset=offset)


@router.get("/places", response_model=Page[PlaceRow], tags=["reference"])
def places(s: StoreDep, q: Text = None, country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,3}$")] = None,
           limit: Limit = 50, offset: Offset = 0) -> Page[PlaceRow]:
    """Places of stored events (GeoNames), most frequent first."""
    return s.places(q=q, country=country, limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_model=ArticleDetail,
            responses={404: {"description": "No such article"}}, tags=["articles"])
def article(article_id: Ident, s: StoreDep) -> ArticleDetail:
    """A stored article: its text, its errors and the ids of its events."""
    return found(s.article(article_id), "article")


@router.get("/stats", response_model=Stats, tags=["reference"])
def stats(s: StoreDep) -> Stats:
    return s.stats()


class Ingested(BaseModel):
    outcomes: list[IngestOutcome]
    errors: dict[str, list[RecordError]] = Field(description="Per input id: problems found while extracting.")


@router.post("/articles", response_model=Ingested, dependencies=[Depends(require_token)], responses=WRITE_RESPONSES,
             tags=["articles"])
def post_articles(body: ArticleIn | Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_BATCH)],
                  request: Request, s: StoreDep) -> Ingested:
    """Extract events from one article (an object) or a batch (a list of at most 100) and store them.

    Each input gives one outcome (``stored`` or ``duplicate``); a record that the pipeline could not read is stored
    with its errors, never dropped."""
    items = body if isinstance(body, list) else [body]
    articles = [a.to_article() for a in items]
    holder: PipelineHolder = request.app.state.pipeline
    results = holder.run(articles)
    outcomes = [s.ingest(a, r) for a, r in zip(articles, results, strict=True)]
    return Ingested(outcomes=outcomes, errors={r.id: r.errors for r in results if r.errors})
