"""Typed records the store returns (and the filter it takes). The API serialises them as they are."""

from __future__ import annotations

import datetime as dt
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from eventwire.models import RecordError

T = TypeVar("T")


class StoreRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventFilter(StoreRecord):
    """What `Store.events` / `Store.clusters` select. Every field is optional; they combine with AND."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None  # ISO 3166-1 alpha-3 of the event place (case-insensitive)
    admin1: str | None = None  # GeoNames admin1 code of the event place
    near_lat: float | None = None  # with near_lon and radius_km: events within the radius of that point
    near_lon: float | None = None
    radius_km: float = 50.0
    actor: str | None = None  # actor key / KB id (exact) or name (case-insensitive substring), as agent or target
    type: str | None = None  # PLOVER type, ACLED event type or ACLED sub-event type (case-insensitive)
    source: str | None = None  # outlet name, URL or input id (case-insensitive substring)
    contested: bool = False  # only events whose cluster has a contested toll, perpetrator or target
    cluster_id: str | None = None
    article_id: str | None = None
    limit: int = Field(default=50, ge=1, le=10_000)
    offset: int = Field(default=0, ge=0)


class Page(StoreRecord, Generic[T]):
    total: int
    limit: int
    offset: int
    items: list[T]


class ActorRef(StoreRecord):
    """An actor as one report names it."""

    key: str  # KB id when resolved, else "name:<folded name>|<country>"
    name: str
    text: str
    start: int
    end: int
    id: str | None = None
    country: str | None = None
    sector: str | None = None


class ArticleRow(StoreRecord):
    id: str  # store id: "a" + 16 hex digits of the normalised content's SHA-256
    input_id: str  # the id the record had on input (file stem, JSONL id, feed item id)
    url: str | None = None
    title: str | None = None
    lang: str | None = None
    published: dt.date | None = None
    source: str | None = None
    n_events: int = 0
    n_errors: int = 0
    ingested_at: str


class ArticleDetail(ArticleRow):
    text: str
    errors: list[RecordError] = Field(default_factory=list)
    event_ids: list[str] = Field(default_factory=list)


class EventRow(StoreRecord):
    """One report of an event: what one article says, with its provenance."""

    id: str  # "<article id>:<n>"
    article_id: str
    cluster_id: str | None = None
    type: str
    mode: str | None = None
    cameo: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    date: dt.date | None = None  # the event's date, else the article's publication date
    date_precision: str | None = None
    place_key: str | None = None
    place_name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    injured: int | None = None
    modality: str
    actors: str = ""  # names joined with "; " (the detail record has the structured actors)
    targets: str = ""
    claimed_by: str | None = None
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence_start: int
    sentence_end: int
    confidence: float
    source: str | None = None  # the article's outlet
    lang: str | None = None


class EventEvidence(StoreRecord):
    """What exports need beside an EventRow: structured actors, the evidence sentence, the article's provenance."""

    event_id: str
    actor_refs: list[ActorRef] = Field(default_factory=list)
    target_refs: list[ActorRef] = Field(default_factory=list)
    claimant: ActorRef | None = None
    sentence: str = ""
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    ingested_at: str = ""


class EventDetail(EventRow):
    actor_refs: list[ActorRef] = Field(default_factory=list)
    target_refs: list[ActorRef] = Field(default_factory=list)
    claimant: ActorRef | None = None
    sentence: str  # the evidence: the sentence of the article the event was read from
    article: ArticleRow
    cluster: ClusterRow | None = None


class ClusterRow(StoreRecord):
    """Reports of one happening, linked across articles and languages, with the figures each source gave."""

    id: str
    seq: int  # a stable number (ACLED's event_id_cnty uses it)
    type: str
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    date: dt.date | None = None
    place_name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geo_precision: int | None = None
    actors: str = ""
    targets: str = ""
    n_reports: int
    n_sources: int
    first_reported: dt.date | None = None
    fatalities_low: int | None = None  # UCDP's convention: the lowest, most likely and highest figure reported
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    contested_toll: bool = False
    contested_perpetrator: bool = False
    contested_target: bool = False
    representative_event_id: str


class SourceClaim(StoreRecord):
    """What one report of a cluster says: toll, perpetrators, targets, and whom the article attributes it to."""

    event_id: str
    article_id: str
    source: str | None = None
    lang: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    perpetrators: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    according_to: str | None = None


class ClusterDetail(ClusterRow):
    reports: list[EventRow] = Field(default_factory=list)
    claims: list[SourceClaim] = Field(default_factory=list)


class ActorRow(StoreRecord):
    key: str
    name: str
    id: str | None = None
    country: str | None = None
    sector: str | None = None
    n_events: int = 0


class PlaceRow(StoreRecord):
    key: str
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature_code: str | None = None
    precision: int | None = None
    n_events: int = 0


class Stats(StoreRecord):
    articles: int
    failed_articles: int
    events: int
    clusters: int
    contested_clusters: int
    actors: int
    places: int
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    by_type: dict[str, int] = Field(default_factory=dict)
    by_country: dict[str, int] = Field(default_factory=dict)
    schema_version: int


class IngestOutcome(StoreRecord):
    article_id: str
    input_id: str
    status: Literal["stored", "duplicate"]
    events: int = 0
    errors: int = 0


class IngestSummary(StoreRecord):
    stored: int = 0
    duplicates: int = 0
    failed: int = 0  # inputs that could not be read, or whose extraction reported errors (stored with them)
    events: int = 0
    retries: int = 0

    def add(self, outcome: IngestOutcome) -> None:
        if outcome.status == "duplicate":
            self.duplicates += 1
        else:
            self.stored += 1
            self.events += outcome.events
            self.failed += outcome.errors > 0


EventDetail.model_rebuild()
