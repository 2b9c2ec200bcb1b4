"""The store's schema, one definition for SQLite and PostgreSQL, versioned by a small migration table.

Each migration is a numbered list of statements applied once, in order, inside one transaction, and recorded in
``schema_migrations``. Types are the portable subset (TEXT, INTEGER, BIGINT, DOUBLE PRECISION); dates are ISO
``YYYY-MM-DD`` text so that both engines compare them the same way; flags are 0/1 integers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial tables", (
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY, input_id TEXT NOT NULL, url TEXT UNIQUE, content_hash TEXT NOT NULL UNIQUE,
            title TEXT, lang TEXT, published TEXT, source TEXT, text TEXT NOT NULL,
            n_events INTEGER NOT NULL, n_errors INTEGER NOT NULL, errors TEXT NOT NULL, ingested_at TEXT NOT NULL)""",
        """CREATE TABLE places (
            key TEXT PRIMARY KEY, name TEXT NOT NULL, geonameid BIGINT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
            country TEXT, admin1 TEXT, feature_code TEXT, precision INTEGER)""",
        """CREATE TABLE actors (
            key TEXT PRIMARY KEY, name TEXT NOT NULL, kb_id TEXT, country TEXT, sector TEXT)""",
        """CREATE TABLE clusters (
            id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, type TEXT NOT NULL, acled_event_type TEXT,
            acled_sub_event_type TEXT, event_date TEXT, place_name TEXT, geonameid BIGINT, lat DOUBLE PRECISION,
            lon DOUBLE PRECISION, country TEXT, admin1 TEXT, geo_precision INTEGER, actors TEXT NOT NULL,
            targets TEXT NOT NULL, n_reports INTEGER NOT NULL, n_sources INTEGER NOT NULL, first_reported TEXT,
            fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER,
            contested_toll INTEGER NOT NULL, contested_perpetrator INTEGER NOT NULL,
            contested_target INTEGER NOT NULL, contested INTEGER NOT NULL, representative_event_id TEXT NOT NULL)""",
        """CREATE TABLE events (
            id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id), seq INTEGER NOT NULL,
            cluster_id TEXT REFERENCES clusters(id), type TEXT NOT NULL, mode TEXT, cameo TEXT,
            acled_event_type TEXT, acled_sub_event_type TEXT, event_date TEXT, date_precision TEXT,
            place_key TEXT REFERENCES places(key), place_name TEXT, geonameid BIGINT, lat DOUBLE PRECISION,
            lon DOUBLE PRECISION, country TEXT, admin1 TEXT, geo_precision INTEGER, fatalities INTEGER,
            injured INTEGER, modality TEXT NOT NULL, actors TEXT NOT NULL, targets TEXT NOT NULL, claimed_by TEXT,
            trigger_text TEXT NOT NULL, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
            sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, confidence DOUBLE PRECISION NOT NULL,
            data TEXT NOT NULL)""",
        """CREATE TABLE event_actors (
            event_id TEXT NOT NULL REFERENCES events(id), role TEXT NOT NULL, seq INTEGER NOT NULL,
            actor_key TEXT NOT NULL REFERENCES actors(key), name TEXT NOT NULL, text TEXT NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, PRIMARY KEY (event_id, role, seq))""",
        """CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id), seq INTEGER NOT NULL, speaker TEXT,
            speaker_key TEXT, text TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
            PRIMARY KEY (article_id, seq))""",
    )),
    Migration(2, "indexes for the query filters", (
        "CREATE INDEX events_date ON events (event_date)",
        "CREATE INDEX events_country ON events (country, admin1)",
        "CREATE INDEX events_latlon ON events (lat, lon)",
        "CREATE INDEX events_cluster ON events (cluster_id)",
        "CREATE INDEX events_article ON events (article_id)",
        "CREATE INDEX events_type ON events (type)",
        "CREATE INDEX events_acled ON events (acled_event_type)",
        "CREATE INDEX event_actors_key ON event_actors (actor_key)",
        "CREATE INDEX clusters_date ON clusters (event_date)",
        "CREATE INDEX clusters_contested ON clusters (contested)",
        "CREATE INDEX articles_source ON articles (source)",
    )),
    Migration(3, "type and date together: linking and typed date-range queries seek instead of scanning a type", (
        "DROP INDEX events_type",
        "DROP INDEX events_acled",
        "CREATE INDEX events_type_date ON events (type, event_date)",
        "CREATE INDEX events_acled_date ON events (acled_event_type, event_date)",
    )),
)

LATEST = MIGRATIONS[-1].version

MIGRATIONS_TABLE = ("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    "applied_at TEXT NOT NULL)")
