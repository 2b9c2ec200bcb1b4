"""The event store: SQLite by default (one file), PostgreSQL with a ``postgresql://`` DSN. See ``docs/store.md``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.ingest import Failed, Item
from eventwire.link import LinkConfig
from eventwire.models import Article, ArticleResult
from eventwire.store.base import Store
from eventwire.store.records import (
    ActorRef,
    ActorRow,
    ArticleDetail,
    ArticleRow,
    ClusterDetail,
    ClusterRow,
    EventDetail,
    EventEvidence,
    EventFilter,
    EventRow,
    IngestOutcome,
    IngestSummary,
    Page,
    PlaceRow,
    SourceClaim,
    Stats,
)

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

__all__ = ["ActorRef", "ActorRow", "ArticleDetail", "ArticleRow", "ClusterDetail", "ClusterRow", "EventDetail",
           "EventEvidence", "EventFilter", "EventRow", "IngestOutcome", "IngestSummary", "Page", "PlaceRow",
           "SourceClaim", "Stats", "Store", "default_db", "extract_pairs", "open_store"]


def default_db() -> str:
    """``$EVENTWIRE_DB``, else ``$XDG_DATA_HOME/eventwire/events.db`` (``~/.local/share/eventwire/events.db``)."""
    if env := os.environ.get("EVENTWIRE_DB"):
        return env
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "eventwire" / "events.db")


def open_store(target: str | Path | None = None, link: LinkConfig | None = None, migrate: bool = True) -> Store:
    """A path (SQLite, created if missing) or a ``postgresql://`` DSN; None for :func:`default_db`. The schema is
    created or brought up to date unless ``migrate`` is False."""
    where = str(target) if target is not None else default_db()
    if where.startswith(("postgresql://", "postgres://")):
        from eventwire.store.postgres import PostgresBackend

        return Store(PostgresBackend(where), link, migrate=migrate)
    from eventwire.store.sqlite import SQLiteBackend

    return Store(SQLiteBackend(where), link, migrate=migrate)


def extract_pairs(pipeline: Pipeline, items: Iterable[Item], failed: list[Failed] | None = None,
                  chunk: int = 64) -> Iterator[tuple[Article, ArticleResult]]:
    """Run the pipeline over readable items and pair each article with its result (inputs that could not be read
    are appended to ``failed``: they have no text to store)."""
    iterator = iter(items)
    while batch := list(islice(iterator, chunk)):
        articles = [i for i in batch if isinstance(i, Article)]
        if failed is not None:
            failed.extend(i for i in batch if isinstance(i, Failed))
        yield from zip(articles, pipeline.pipe(articles), strict=True)
