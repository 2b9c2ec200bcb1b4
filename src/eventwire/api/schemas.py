"""Request and response bodies of the HTTP API (pydantic: they are also the OpenAPI schema)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from eventwire.models import Article, ArticleResult

MAX_TEXT_CHARS = 200_000
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL: refused as bad input (422), never a server error


def _iso_date_only(value: object) -> object:
    """Dates as the schema says (``YYYY-MM-DD``): pydantic alone would also read 0 or 1e9 as a Unix time."""
    if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-":
        return value
    if value is None or isinstance(value, dt.date):
        return value
    raise ValueError("a date must be written YYYY-MM-DD")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]
MAX_BATCH = 100


class ArticleIn(BaseModel):
    """One article to extract from (and, for ``POST /articles``, to store)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS, pattern=NO_NUL)
    id: str | None = Field(None, min_length=1, max_length=200, pattern=NO_NUL,
                           description="Defaults to a hash of the text.")
    title: str | None = Field(None, max_length=1000, pattern=NO_NUL)
    lang: Literal["fr", "en"] | None = Field(None, description="Skips language detection.")
    published: IsoDate | None = None
    url: str | None = Field(None, max_length=2000, pattern=NO_NUL)
    source: str | None = Field(None, max_length=200, pattern=NO_NUL)

    @field_validator("text", "id", "title", "url", "source")
    @classmethod
    def _storable(cls, value: str | None) -> str | None:
        """Lone surrogates cannot be stored (not valid Unicode text): a clear 422, not a 500."""
        if value is None:
            return value
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(f"contains a lone surrogate at position {exc.start}: not valid Unicode text") from exc
        return value

    def to_article(self) -> Article:
        import hashlib

        ident = self.id or "api-" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]
        return Article(id=ident, **self.model_dump(exclude={"id"}))


class Span(BaseModel):
    start: int
    end: int
    kind: Literal["actor", "target", "place", "trigger", "number", "source"]
    label: str


class Extraction(BaseModel):
    result: ArticleResult
    spans: list[Span] = Field(description="Character spans to colour in the text, sorted by start.")


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    store: str | None
    writes_enabled: bool


class Problem(BaseModel):
    detail: str
