"""Shared fixtures. The real pipeline (spaCy models, KB, gazetteer) is built once per test session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
GOLD = Path(__file__).resolve().parent / "gold"


@pytest.fixture(scope="session")
def pipeline():
    from eventwire.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    if not SHARED_EVAL.is_dir():
        pytest.skip("../shared/eval is not present (measuring data lives outside the repo)")
    return SHARED_EVAL


# -- store: every store test runs against SQLite and against PostgreSQL ----------------------------------------------
# PostgreSQL: $EVENTWIRE_TEST_PG (a postgresql:// DSN; `.ci/run` starts a server and sets it). Unset: those cases
# skip; set but unreachable: they fail (CI must run them). Each test gets its own schema, dropped afterwards.


def _pg_dsn_for_schema(dsn: str, schema: str) -> str:
    sep = "&" if "?" in dsn else "?"
    return f"{dsn}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path):
    """Where a test store lives: a SQLite file, or a fresh PostgreSQL schema (a DSN selecting it)."""
    if request.param == "sqlite":
        yield str(tmp_path / "events.db")
        return
    import os
    import uuid

    dsn = os.environ.get("EVENTWIRE_TEST_PG")
    if not dsn:
        pytest.skip("EVENTWIRE_TEST_PG is not set (no PostgreSQL server to test against)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield _pg_dsn_for_schema(dsn, schema)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(store_target):
    from eventwire.store import open_store

    with open_store(store_target) as opened:
        yield opened


class Compose:
    """Short composed reports as pipeline results (no NLP), for store, link and export tests."""

    @staticmethod
    def actor(name, country=None, sector=None, kb_id=None):
        from eventwire.models import Actor

        return Actor(text=name, start=0, end=len(name), name=name, id=kb_id, country=country, sector=sector)

    @staticmethod
    def place(name, lat, lon, country, geonameid=None, admin1=None, precision=1):
        from eventwire.models import Place

        return Place(text=name, start=0, end=len(name), name=name, geonameid=geonameid, lat=lat, lon=lon,
                     country=country, admin1=admin1, feature_code="PPL", precision=precision)

    @staticmethod
    def event(text, *, date=None, type="ASSAULT", acled=("Battles", "Armed clash"), actors=(), targets=(),
              place=None, fatalities=None, claimed_by=None, modality="asserted"):
        from eventwire.models import AcledLabel, Event, EventDate, Offsets, SentenceSpan
        from eventwire.taxonomy import cameo_root

        return Event(type=type, cameo=cameo_root(type, None),
                     acled=AcledLabel(event_type=acled[0], sub_event_type=acled[1]) if acled else None,
                     actors=list(actors), targets=list(targets), location=place,
                     date=EventDate(value=date, text="") if date else None, fatalities=fatalities,
                     claimed_by=claimed_by, modality=modality, trigger=Offsets(start=0, end=4, text=text[:4]),
                     sentence=SentenceSpan(start=0, end=len(text)))

    @staticmethod
    def report(article_id, text, events=(), *, published=None, source=None, url=None, lang="en", errors=()):
        from eventwire.models import Article, ArticleResult, RecordError

        article = Article(id=article_id, text=text, lang=lang, published=published, source=source, url=url)
        result = ArticleResult(id=article_id, lang=lang, events=list(events),
                               places=[e.location for e in events if e.location],
                               errors=[RecordError(code=c, message=m) for c, m in errors])
        return article, result


@pytest.fixture
def compose():
    return Compose


@dataclass
class FillingStore:
    """A SQLite store holding its first report, whose disk fills up after a few more of ``pairs``."""

    store: object
    pairs: list


@pytest.fixture
def filling_store(tmp_path, compose):
    """Shared by the fault and writer tests (one fixture here: a conftest in tests/store would shadow this one)."""
    from eventwire.store import open_store

    store = open_store(tmp_path / "small.db")
    texts = [f"Report {i}: clashes near Gao left {i} dead. " + "Details follow. " * 200 for i in range(40)]
    pairs = [compose.report(f"r{i}", t, [compose.event(t, date=dt.date(2024, 1, 1))]) for i, t in enumerate(texts)]
    store.ingest(*pairs[0])
    pages = store.backend.scalar("PRAGMA page_count")
    store.backend.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk fills up after a few more articles
    yield FillingStore(store, pairs)
    store.close()
