"""Typed records: the only currency between pipeline stages.

Every record serialises to the output contract of ``docs/architecture.md`` with ``model_dump(mode="json")``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Modality = Literal["asserted", "claimed", "denied", "future", "hypothetical"]
DatePrecision = Literal["day", "week", "month", "year"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(Record):
    """One input unit: a dispatch, a web page, a feed item or a JSONL record."""

    id: str
    text: str
    title: str | None = None
    lang: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None


class Offsets(Record):
    start: int
    end: int
    text: str


class SentenceSpan(Record):
    start: int
    end: int


class Actor(Record):
    """Who: a span of the text resolved to a canonical actor (as far as the knowledge we have allows)."""

    text: str
    start: int
    end: int
    name: str
    id: str | None = None
    # ISO 3166-1 alpha-3, or CAMEO's "IGO" (international organisations) or "IMG" (transnational armed groups)
    country: str | None = None
    sector: str | None = None  # PLOVER/CAMEO sector code: GOV MIL COP REB OPP CVL REF MED NGO IGO ...


class Place(Record):
    text: str
    start: int
    end: int
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature_code: str | None = None
    precision: Literal[1, 2, 3] = 1


class EventDate(Record):
    value: dt.date | None
    precision: DatePrecision = "day"
    text: str = ""


class Quantity(Record):
    value: float
    unit: str


class AcledLabel(Record):
    event_type: str
    sub_event_type: str


class Event(Record):
    type: str
    mode: str | None = None
    cameo: str | None = None
    acled: AcledLabel | None = None
    actors: list[Actor] = Field(default_factory=list)
    targets: list[Actor] = Field(default_factory=list)
    location: Place | None = None
    date: EventDate | None = None
    fatalities: int | None = None
    injured: int | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    claimed_by: Actor | None = None
    modality: Modality = "asserted"
    trigger: Offsets
    sentence: SentenceSpan
    confidence: float = 0.5


class Quote(Record):
    speaker: Actor | None
    text: str
    start: int
    end: int


class RecordError(Record):
    """A per-record problem: the record still yields an output line carrying it."""

    code: str
    message: str


class ArticleResult(Record):
    id: str
    lang: str | None = None
    events: list[Event] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    errors: list[RecordError] = Field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
