"""The store: ingest pipeline results once each, link reports into clusters, answer filtered queries.

One class over two engines (:mod:`eventwire.store.sqlite`, :mod:`eventwire.store.postgres`): the SQL is shared and
uses ``?`` placeholders; values are always parameters. Every article is written in one transaction together with its
events, actors, places, quotes and the clusters they join, so a run killed at any moment leaves whole articles only,
and running it again stores the missing ones (an article already there, by URL or by normalised content, is skipped).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from collections import OrderedDict
from collections.abc import Generator, Iterable
from contextlib import closing
from typing import Any, TypeVar

from pydantic import BaseModel

from eventwire.errors import StoreRefused
from eventwire.link import PLOVER_FAMILY, ClusterSummary, LinkConfig, Report, choose_cluster, linkable, summarise
from eventwire.models import Article, ArticleResult, Event, RecordError
from eventwire.store import filters
from eventwire.store.backend import Backend, Params, Row
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
from eventwire.store.rows import ArticleRows, build_rows, content_hash, normalise_url, report_of
from eventwire.store.schema import LATEST, MIGRATIONS, MIGRATIONS_TABLE
from eventwire.store.writer import BackgroundWriter

M = TypeVar("M", bound=BaseModel)

EVENT_COLUMNS = ("e.id, e.article_id, e.cluster_id, e.type, e.mode, e.cameo, e.acled_event_type, "
                 "e.acled_sub_event_type, e.event_date AS date, e.date_precision, e.place_key, e.place_name, "
                 "e.geonameid, e.lat, e.lon, e.country, e.admin1, e.geo_precision, e.fatalities, e.injured, "
                 "e.modality, e.actors, e.targets, e.claimed_by, e.trigger_text AS trigger, e.trigger_start, "
                 "e.trigger_end, e.sentence_start, e.sentence_end, e.confidence, a.source, a.lang")
CLUSTER_COLUMNS = ("c.id, c.seq, c.type, c.acled_event_type, c.acled_sub_event_type, c.event_date AS date, "
                   "c.place_name, c.geonameid, c.lat, c.lon, c.country, c.admin1, c.geo_precision, c.actors, "
                   "c.targets, c.n_reports, c.n_sources, c.first_reported, c.fatalities_low, c.fatalities_best, "
                   "c.fatalities_high, c.contested_toll, c.contested_perpetrator, c.contested_target, "
                   "c.representative_event_id")
ARTICLE_COLUMNS = "id, input_id, url, title, lang, published, source, n_events, n_errors, ingested_at"
EVENTS_FROM = "FROM events e JOIN articles a ON a.id = e.article_id"
# the tables' columns in the order of the row tuples of :mod:`eventwire.store.rows`
ARTICLE_TABLE_COLUMNS = ("id", "input_id", "url", "content_hash", "title", "lang", "published", "source", "text",
                         "n_events", "n_errors", "errors", "ingested_at")
PLACE_TABLE_COLUMNS = ("key", "name", "geonameid", "lat", "lon", "country", "admin1", "feature_code", "precision")
ACTOR_TABLE_COLUMNS = ("key", "name", "kb_id", "country", "sector")
EVENT_TABLE_COLUMNS = ("id", "article_id", "seq", "cluster_id", "type", "mode", "cameo", "acled_event_type",
                       "acled_sub_event_type", "event_date", "date_precision", "place_key", "place_name", "geonameid",
                       "lat", "lon", "country", "admin1", "geo_precision", "fatalities", "injured", "modality",
                       "actors", "targets", "claimed_by", "trigger_text", "trigger_start", "trigger_end",
                       "sentence_start", "sentence_end", "confidence", "data")
EVENT_ACTOR_TABLE_COLUMNS = ("event_id", "role", "seq", "actor_key", "name", "text", "start_char", "end_char")
QUOTE_TABLE_COLUMNS = ("article_id", "seq", "speaker", "speaker_key", "text", "start_char", "end_char")
WRITER_SWITCH_INTERVAL = 0.001  # seconds; see Store.ingest_iter
REPORT_CACHE_SIZE = 20_000  # link reports kept parsed (some tens of MB at most)
NEXT_CLUSTER_SEQ = "SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM clusters"


def _models(model: type[M], rows: list[Row]) -> list[M]:
    return [model.model_validate(r) for r in rows]


class Store:
    """Open with :func:`eventwire.store.open_store`; use as a context manager or call :meth:`close`."""

    def __init__(self, backend: Backend, link: LinkConfig | None = None, migrate: bool = True) -> None:
        self.backend = backend
        self.link = link or LinkConfig()
        # stored events as link reports, by event id: linking reads the same candidate clusters again for article
        # after article, and parsing each member's JSON record was most of the store's own CPU time. Safe because a
        # stored event never changes (only its cluster, which is not part of the report and is read every time).
        self._report_cache: OrderedDict[str, Report] = OrderedDict()
        if migrate:
            self.migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.backend.close()

    @property
    def location(self) -> str:
        return self.backend.location

    # -- schema ---------------------------------------------------------------------------------------------------

    def schema_version(self) -> int:
        self.backend.execute(MIGRATIONS_TABLE)
        return int(self.backend.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations") or 0)

    def migrate(self, target: int = LATEST) -> list[int]:
        """Apply the migrations above the current version up to ``target``; returns the versions applied."""
        applied = []
        for migration in MIGRATIONS:
            if migration.version > target:
                break

            def apply(m: Any = migration) -> bool:
                done = self.backend.scalar("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", (m.version,))
                if done:
                    return False
                for statement in m.statements:
                    self.backend.execute(statement)
                self.backend.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                                     (m.version, m.name, _now()))
                return True

            if migration.version > self.schema_version() and self.backend.transaction(apply):
                applied.append(migration.version)
        return applied

    # -- writing --------------------------------------------------------------------------------------------------

    def ingest(self, article: Article, result: ArticleResult) -> IngestOutcome:
        """Store one article with its extraction, unless it is already there (same URL or normalised content)."""
        digest = content_hash(article.text)
        article_id = "a" + digest[:16]
        rows = build_rows(article, result, article_id, _now())
        candidates = self._candidate_query([r for r in rows.reports if linkable(r, self.link)])

        def write() -> IngestOutcome:
            # the reads the article needs, sent together: is it already stored, which clusters could its events join,
            # which number a new cluster takes (on PostgreSQL one round trip for the three)
            reads: list[tuple[str, Params]] = [
                ("SELECT id FROM articles WHERE content_hash = ? OR url = ?", (digest, normalise_url(article.url))),
                (NEXT_CLUSTER_SEQ, ())]
            existing, next_seq, *found = self.backend.query_batch(reads + ([candidates] if candidates else []))
            if existing:
                return IngestOutcome(article_id=existing[0]["id"], input_id=article.id, status="duplicate")
            pool = self._pool(found[0]) if found else {}
            self._insert(rows, self._link_all(rows.reports, (pool, int(next_seq[0]["seq"]))))
            return IngestOutcome(article_id=article_id, input_id=article.id, status="stored",
                                 events=len(rows.events), errors=len(result.errors))

        for attempt in range(3):
            try:
                return self.backend.transaction(write)
            except Exception as exc:
                # another writer committed at the same time: the same article (then this one is a duplicate) or a
                # cluster number; the transaction was rolled back, so it is simply run again
                if self.backend.is_refusal(exc) and not (self.backend.is_unique_violation(exc) and attempt < 2):
                    raise StoreRefused(f"the store refused article {article.id!r} ({exc}); nothing of it was "
                                       "written, the articles before it are stored") from exc
                if not self.backend.is_unique_violation(exc) or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def ingest_iter(self, pairs: Iterable[tuple[Article, ArticleResult]], background: bool = True,
                    depth: int = 64, switch_interval: float | None = WRITER_SWITCH_INTERVAL
                    ) -> Generator[IngestOutcome, None, None]:
        """Store every pair in input order, yielding each article's outcome once it is committed.

        With ``background`` (the default) one writer thread stores while the caller's ``pairs`` iterator (usually
        extraction) produces the next articles, ``depth`` at most waiting in between (:mod:`eventwire.store.writer`):
        the same transactions in the same order as without it, so the same clusters; an error in the writer is raised
        here. The store must not be used otherwise until the iteration ends.

        The writer waits on its engine a dozen times per article, and each time it must get the GIL back from the
        extracting thread, which by default lets it go only every 5 ms: the writer would spend more time queuing for
        the GIL than storing. So while it runs the interpreter's switch interval is lowered to ``switch_interval``
        seconds (1 ms; None leaves it alone) and put back afterwards. It is a process-wide setting: run one background
        ingest at a time per process."""
        if not background:
            for article, result in pairs:
                yield self.ingest(article, result)
            return
        previous = sys.getswitchinterval()
        if switch_interval is not None:
            sys.setswitchinterval(min(previous, switch_interval))
        writer = BackgroundWriter(self.ingest, depth)
        try:
            for pair in pairs:
                if writer.failed:
                    break  # finish() hands out what was committed, then raises the writer's error
                writer.put(pair)
                yield from writer.ready()
            yield from writer.finish()
        finally:
            writer.abandon()
            sys.setswitchinterval(previous)

    def ingest_many(self, pairs: Iterable[tuple[Article, ArticleResult]], background: bool = True) -> IngestSummary:
        """Store every pair (see :meth:`ingest_iter`) and count what happened."""
        summary = IngestSummary()
        with closing(self.ingest_iter(pairs, background)) as outcomes:  # an interrupt here still ends the writer
            for outcome in outcomes:
                summary.add(outcome)
        summary.retries = self.backend.retries
        return summary

    def _insert(self, rows: ArticleRows, clusters: dict[str, str]) -> None:
        """Write the article's rows; its events go in with the clusters linking gave them (``clusters``)."""
        b = self.backend
        b.insert_rows("articles", ARTICLE_TABLE_COLUMNS, [rows.article])
        b.insert_rows("places", PLACE_TABLE_COLUMNS, rows.places, "ON CONFLICT (key) DO NOTHING")
        b.insert_rows("actors", ACTOR_TABLE_COLUMNS, rows.actors, "ON CONFLICT (key) DO NOTHING")
        b.insert_rows("events", EVENT_TABLE_COLUMNS, [(*e[:3], clusters.get(e[0]), *e[4:]) for e in rows.events])
        b.insert_rows("event_actors", EVENT_ACTOR_TABLE_COLUMNS, rows.event_actors)
        b.insert_rows("quotes", QUOTE_TABLE_COLUMNS, rows.quotes)

    # -- linking --------------------------------------------------------------------------------------------------

    def _reports_query(self, condition: str, params: list[Any]) -> tuple[str, list[Any]]:
        return (f"SELECT e.id, e.article_id, e.cluster_id, e.event_date, e.data, a.source, a.published {EVENTS_FROM} "
                f"WHERE {condition} ORDER BY e.id", params)

    def _reports(self, condition: str, params: list[Any]) -> list[tuple[str, Report]]:
        return self._reports_of(self.backend.query(*self._reports_query(condition, params)))

    def _reports_of(self, rows: list[Row]) -> list[tuple[str, Report]]:
        out = []
        cache = self._report_cache
        for r in rows:
            report = cache.get(r["id"])
            if report is None:
                event = Event.model_validate_json(r["data"])
                published = dt.date.fromisoformat(r["published"]) if r["published"] else None
                date = dt.date.fromisoformat(r["event_date"]) if r["event_date"] else None
                report = report_of(r["id"], r["article_id"], r["source"] or r["article_id"], event, date, published)
                cache[r["id"]] = report
                if len(cache) > REPORT_CACHE_SIZE:
                    cache.popitem(last=False)
            else:
                cache.move_to_end(r["id"])
            out.append((r["cluster_id"], report))
        return out

    def _report_window(self, report: Report) -> tuple[str, list[Any]]:
        """Where a report's partners can be: its date window, and a box as wide as the widest distance allowed."""
        assert report.date is not None
        window = dt.timedelta(days=self.link.date_window_days)
        cond = "e.event_date BETWEEN ? AND ?"
        params: list[Any] = [(report.date - window).isoformat(), (report.date + window).isoformat()]
        if report.lat is not None and report.lon is not None:
            dlat = max(self.link.distance_km) / filters.KM_PER_DEGREE
            dlon = dlat / max(math.cos(math.radians(report.lat)), 0.01)
            cond += " AND (e.lat IS NULL OR (e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?))"
            params += [report.lat - dlat, report.lat + dlat, report.lon - dlon, report.lon + dlon]
        elif report.country:
            cond += " AND (e.country IS NULL OR e.country = ?)"
            params.append(report.country)
        return f"({cond})", params

    def _candidate_query(self, reports: list[Report]) -> tuple[str, list[Any]] | None:
        """The query for the clusters (with all their reports) that some of one article's linkable reports could
        join, or None when there are none to link."""
        if not reports:
            return None
        types = sorted({t for r in reports for t, f in PLOVER_FAMILY.items() if f == PLOVER_FAMILY.get(r.type)}
                       | {r.type for r in reports})
        # reports of one article often share their date and place: each distinct window once (a shorter query,
        # which PostgreSQL plans in less time; planning took longer than running it)
        windows = list(dict.fromkeys((w, tuple(ps)) for w, ps in map(self._report_window, reports)))
        cond = (f"e.cluster_id IS NOT NULL AND e.article_id <> ? AND e.type IN ({', '.join('?' * len(types))}) "
                f"AND ({' OR '.join(w for w, _ in windows)})")
        params = [reports[0].article_id, *types, *(p for _, ps in windows for p in ps)]
        near = f"SELECT DISTINCT e.cluster_id FROM events e WHERE {cond} LIMIT ?"  # (every event has its article)
        return self._reports_query(f"e.cluster_id IN ({near})", [*params, self.link.max_candidates * len(reports)])

    def _pool(self, rows: list[Row]) -> dict[str, list[Report]]:
        clusters: dict[str, list[Report]] = {}
        for cluster_id, member in self._reports_of(rows):
            clusters.setdefault(cluster_id, []).append(member)
        return clusters

    def _link_all(self, reports: list[Report], prefetched: tuple[dict[str, list[Report]], int] | None = None
                  ) -> dict[str, str]:
        """Put each report of one article in a cluster (an existing one or its own) and write the clusters it
        touched; returns event id → cluster id. The reports are not in the events table yet (or not linked yet,
        for :meth:`relink`). ``prefetched``: the candidate clusters and the next cluster number, when the caller
        has read them already (:meth:`ingest` reads them with its other queries)."""
        if prefetched is None:
            query = self._candidate_query([r for r in reports if linkable(r, self.link)])
            pool = self._pool(self.backend.query(*query)) if query else {}
            first = int(self.backend.scalar(NEXT_CLUSTER_SEQ))
        else:
            pool, first = prefetched
        assignments: dict[str, str] = {}
        new: list[str] = []
        for report in reports:
            chosen = choose_cluster(report, pool, self.link) if linkable(report, self.link) else None
            if chosen is None:
                chosen = "c" + report.event_id[1:]
                new.append(chosen)
            pool.setdefault(chosen, []).append(report)
            assignments[report.event_id] = chosen
        touched = list(dict.fromkeys(assignments.values()))
        self._write_clusters([(c, summarise(pool[c]), first + new.index(c) if c in new else -1 - n)
                              for n, c in enumerate(touched)])
        return assignments

    def _write_clusters(self, clusters: list[tuple[str, ClusterSummary, int]]) -> None:
        """Insert new clusters and update existing ones in one statement (``seq`` only counts for new ones)."""
        rows = []
        for cluster_id, s, seq in clusters:
            rep = s.representative
            rows.append((cluster_id, seq, rep.type, rep.acled_event_type, rep.acled_sub_event_type,
                         s.date.isoformat() if s.date else None, rep.place_name, rep.geonameid, rep.lat, rep.lon,
                         rep.country, rep.admin1, rep.precision if rep.lat is not None or rep.place_name else None,
                         "; ".join(s.actors), "; ".join(s.targets), s.n_reports, s.n_sources,
                         s.first_reported.isoformat() if s.first_reported else None, s.fatalities_low,
                         s.fatalities_best, s.fatalities_high, int(s.contested_toll), int(s.contested_perpetrator),
                         int(s.contested_target), int(s.contested), rep.event_id))
        columns = ("type", "acled_event_type", "acled_sub_event_type", "event_date", "place_name", "geonameid", "lat",
                   "lon", "country", "admin1", "geo_precision", "actors", "targets", "n_reports", "n_sources",
                   "first_reported", "fatalities_low", "fatalities_best", "fatalities_high", "contested_toll",
                   "contested_perpetrator", "contested_target", "contested", "representative_event_id")
        update = ", ".join(f"{c} = excluded.{c}" for c in columns)
        self.backend.insert_rows("clusters", ("id", "seq", *columns), rows, f"ON CONFLICT (id) DO UPDATE SET {update}")

    def relink(self) -> int:
        """Rebuild every cluster from scratch (after changing :attr:`link`); returns the number of clusters."""
        def work() -> int:
            self.backend.execute("UPDATE events SET cluster_id = NULL")
            self.backend.execute("DELETE FROM clusters")
            ids = [r["id"] for r in self.backend.query("SELECT id FROM articles ORDER BY ingested_at, id")]
            for article_id in ids:
                assignments = self._link_all([r for _, r in self._reports("e.article_id = ?", [article_id])])
                self.backend.executemany("UPDATE events SET cluster_id = ? WHERE id = ?",
                                         [(c, e) for e, c in assignments.items()])
            return int(self.backend.scalar("SELECT COUNT(*) FROM clusters"))
        return self.backend.transaction(work)

    # -- reading --------------------------------------------------------------------------------------------------

    def events(self, f: EventFilter | None = None) -> Page[EventRow]:
        f = f or EventFilter()
        cond, params = filters.where(f)
        total = int(self.backend.scalar(f"SELECT COUNT(*) {EVENTS_FROM} WHERE {cond}", params))
        rows = self.backend.query(f"SELECT {EVENT_COLUMNS} {EVENTS_FROM} WHERE {cond} "
                                  "ORDER BY e.event_date DESC, e.id LIMIT ? OFFSET ?", [*params, f.limit, f.offset])
        return Page[EventRow](total=total, limit=f.limit, offset=f.offset, items=_models(EventRow, rows))

    def clusters(self, f: EventFilter | None = None) -> Page[ClusterRow]:
        """Clusters with at least one report matching the filter."""
        f = f or EventFilter()
        cond, params = filters.where(f)
        inner = f"c.id IN (SELECT e.cluster_id {EVENTS_FROM} WHERE {cond})"
        total = int(self.backend.scalar(f"SELECT COUNT(*) FROM clusters c WHERE {inner}", params))
        rows = self.backend.query(f"SELECT {CLUSTER_COLUMNS} FROM clusters c WHERE {inner} "
                                  "ORDER BY c.event_date DESC, c.seq LIMIT ? OFFSET ?", [*params, f.limit, f.offset])
        return Page[ClusterRow](total=total, limit=f.limit, offset=f.offset, items=_models(ClusterRow, rows))

    def event(self, event_id: str) -> EventDetail | None:
        rows = self.backend.query(f"SELECT {EVENT_COLUMNS}, a.text AS article_text {EVENTS_FROM} WHERE e.id = ?",
                                  (event_id,))
        if not rows:
            return None
        row = rows[0]
        text = row.pop("article_text")
        ev = self.evidence([event_id])[event_id]
        article = self.article(row["article_id"])
        assert article is not None
        cluster = self.cluster(row["cluster_id"]) if row["cluster_id"] else None
        return EventDetail(**row, actor_refs=ev.actor_refs, target_refs=ev.target_refs, claimant=ev.claimant,
                           sentence=text[row["sentence_start"]:row["sentence_end"]],
                           article=ArticleRow.model_validate(article.model_dump(include=set(ArticleRow.model_fields))),
                           cluster=ClusterRow.model_validate(cluster.model_dump(include=set(ClusterRow.model_fields)))
                           if cluster else None)

    def evidence(self, event_ids: list[str]) -> dict[str, EventEvidence]:
        """Structured actors, evidence sentence and provenance of many events at once (for exports)."""
        out: dict[str, EventEvidence] = {}
        for start in range(0, len(event_ids), 500):
            chunk = event_ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            for r in self.backend.query(
                    "SELECT e.id, SUBSTR(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence, "
                    f"a.url, a.source, a.published, a.ingested_at {EVENTS_FROM} WHERE e.id IN ({marks})", chunk):
                out[r["id"]] = EventEvidence(event_id=r["id"], sentence=r["sentence"] or "", url=r["url"],
                                             source=r["source"], published=r["published"],
                                             ingested_at=r["ingested_at"])
            refs = self.backend.query(
                "SELECT ea.event_id, ea.role, ea.actor_key AS key, ea.name, ea.text, ea.start_char AS start, "
                "ea.end_char AS end, k.kb_id AS id, k.country, k.sector FROM event_actors ea JOIN actors k ON "
                f"k.key = ea.actor_key WHERE ea.event_id IN ({marks}) ORDER BY ea.event_id, ea.seq", chunk)
            for ref in refs:
                ev, role = out[ref.pop("event_id")], ref.pop("role")
                actor = ActorRef.model_validate(ref)
                if role == "claimant":
                    ev.claimant = actor
                else:
                    (ev.actor_refs if role == "actor" else ev.target_refs).append(actor)
        return out

    def _rows_by_id(self, select: str, key: str, ids: list[str]) -> dict[str, Row]:
        found: dict[str, Row] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows = self.backend.query(f"SELECT {select} WHERE {key} IN ({', '.join('?' * len(chunk))})", chunk)
            found.update((r["id"], r) for r in rows)
        return found

    def event_rows(self, event_ids: list[str]) -> list[EventRow]:
        """Many events by id (unknown ids are left out), in the order asked."""
        found = self._rows_by_id(f"{EVENT_COLUMNS} {EVENTS_FROM}", "e.id", event_ids)
        return [EventRow.model_validate(found[i]) for i in event_ids if i in found]

    def cluster_rows(self, cluster_ids: list[str]) -> list[ClusterRow]:
        """Many clusters by id (unknown ids are left out, repeats once), in the order asked."""
        ids = list(dict.fromkeys(cluster_ids))
        found = self._rows_by_id(f"{CLUSTER_COLUMNS} FROM clusters c", "c.id", ids)
        return [ClusterRow.model_validate(found[i]) for i in ids if i in found]

    def cluster_sources(self, cluster_ids: list[str]) -> dict[str, list[str]]:
        """The distinct outlets (else URLs, else input ids) that reported each cluster, in first-report order."""
        out: dict[str, list[str]] = {c: [] for c in cluster_ids}
        for start in range(0, len(cluster_ids), 500):
            chunk = cluster_ids[start:start + 500]
            rows = self.backend.query(
                f"SELECT e.cluster_id, COALESCE(a.source, a.url, a.input_id) AS s {EVENTS_FROM} WHERE e.cluster_id IN "
                f"({', '.join('?' * len(chunk))}) ORDER BY a.published, a.ingested_at, e.id", chunk)
            for r in rows:
                if r["s"] not in out[r["cluster_id"]]:
                    out[r["cluster_id"]].append(r["s"])
        return out

    def cluster(self, cluster_id: str) -> ClusterDetail | None:
        rows = self.backend.query(f"SELECT {CLUSTER_COLUMNS} FROM clusters c WHERE c.id = ?", (cluster_id,))
        if not rows:
            return None
        reports = self.events(EventFilter(cluster_id=cluster_id, limit=10_000)).items
        claims = [SourceClaim(event_id=r.id, article_id=r.article_id, source=r.source, lang=r.lang,
                              fatalities=r.fatalities, injured=r.injured,
                              perpetrators=[n for n in r.actors.split("; ") if n],
                              targets=[n for n in r.targets.split("; ") if n], according_to=r.claimed_by)
                  for r in reports]
        return ClusterDetail(**rows[0], reports=reports, claims=claims)

    def article(self, article_id: str) -> ArticleDetail | None:
        rows = self.backend.query(f"SELECT {ARTICLE_COLUMNS}, text, errors FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        row = rows[0]
        errors = [RecordError.model_validate(e) for e in json.loads(row.pop("errors"))]
        ids = [r["id"] for r in self.backend.query("SELECT id FROM events WHERE article_id = ? ORDER BY seq",
                                                   (article_id,))]
        return ArticleDetail(**row, errors=errors, event_ids=ids)

    def articles(self, source: str | None = None, limit: int = 50, offset: int = 0) -> Page[ArticleRow]:
        cond, params = ("(LOWER(source) LIKE ? OR LOWER(url) LIKE ? OR LOWER(input_id) LIKE ?)",
                        [f"%{source.lower()}%"] * 3) if source else ("1 = 1", [])
        total = int(self.backend.scalar(f"SELECT COUNT(*) FROM articles WHERE {cond}", params))
        rows = self.backend.query(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE {cond} ORDER BY ingested_at DESC, "
                                  "id LIMIT ? OFFSET ?", [*params, limit, offset])
        return Page[ArticleRow](total=total, limit=limit, offset=offset, items=_models(ArticleRow, rows))

    def actors(self, q: str | None = None, limit: int = 50, offset: int = 0) -> Page[ActorRow]:
        cond, params = ("(LOWER(k.name) LIKE ? OR k.key = ?)", [f"%{q.lower()}%", q]) if q else ("1 = 1", [])
        total = int(self.backend.scalar(f"SELECT COUNT(*) FROM actors k WHERE {cond}", params))
        rows = self.backend.query(
            "SELECT k.key, k.name, k.kb_id AS id, k.country, k.sector, (SELECT COUNT(DISTINCT ea.event_id) FROM "
            f"event_actors ea WHERE ea.actor_key = k.key) AS n_events FROM actors k WHERE {cond} "
            "ORDER BY n_events DESC, k.key LIMIT ? OFFSET ?", [*params, limit, offset])
        return Page[ActorRow](total=total, limit=limit, offset=offset, items=_models(ActorRow, rows))

    def places(self, q: str | None = None, country: str | None = None, limit: int = 50,
               offset: int = 0) -> Page[PlaceRow]:
        conds, params = ["1 = 1"], []
        if q:
            conds.append("(LOWER(p.name) LIKE ? OR p.key = ?)")
            params += [f"%{q.lower()}%", q]
        if country:
            conds.append("p.country = ?")
            params.append(country.upper())
        cond = " AND ".join(conds)
        total = int(self.backend.scalar(f"SELECT COUNT(*) FROM places p WHERE {cond}", params))
        rows = self.backend.query(
            "SELECT p.*, (SELECT COUNT(*) FROM events e WHERE e.place_key = p.key) AS n_events FROM places p "
            f"WHERE {cond} ORDER BY n_events DESC, p.key LIMIT ? OFFSET ?", [*params, limit, offset])
        return Page[PlaceRow](total=total, limit=limit, offset=offset, items=_models(PlaceRow, rows))

    def stats(self) -> Stats:
        b = self.backend
        counts = b.query(
            "SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(*) FROM articles WHERE n_errors > 0) "
            "AS failed_articles, (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM clusters) AS "
            "clusters, (SELECT COUNT(*) FROM clusters WHERE contested = 1) AS contested_clusters, (SELECT COUNT(*) "
            "FROM actors) AS actors, (SELECT COUNT(*) FROM places) AS places, (SELECT MIN(event_date) FROM events) "
            "AS first_date, (SELECT MAX(event_date) FROM events) AS last_date")[0]
        by_type = {r["k"]: int(r["n"]) for r in b.query(
            "SELECT COALESCE(acled_event_type, type) AS k, COUNT(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC")}
        by_country = {r["k"]: int(r["n"]) for r in b.query(
            "SELECT country AS k, COUNT(*) AS n FROM events WHERE country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC")}
        return Stats(**counts, by_type=by_type, by_country=by_country, schema_version=self.schema_version())


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
