"""PostgreSQL through psycopg 3, with the same schema as SQLite. A connection lost in the middle of an article's
transaction is re-opened and the article written again (nothing half-written is ever committed)."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from eventwire.errors import StoreFull, StoreUnavailable
from eventwire.store.backend import Backend, Params, Row

T = TypeVar("T")
log = logging.getLogger(__name__)


def mask_dsn(dsn: str) -> str:
    """The DSN without its password, safe to print or log."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", re.sub(r"(password=)\S+", r"\1***", dsn))


def _placeholders(sql: str) -> str:
    return sql.replace("?", "%s")


class PostgresBackend(Backend):
    dialect = "postgresql"

    def __init__(self, dsn: str, attempts: int = 4, backoff: float = 0.5, synchronous_commit: bool = False) -> None:
        import psycopg

        self._psycopg = psycopg
        self.dsn = dsn
        self.location = mask_dsn(dsn)
        self.attempts = attempts
        self.backoff = backoff
        # Like SQLite's synchronous=NORMAL: a commit does not wait for the server's disk flush. A killed client loses
        # nothing committed; a server crash may lose the last few articles, which the next (idempotent) run stores.
        self.synchronous_commit = synchronous_commit
        self._pipeline: Any = None  # set while a transaction runs: its statements are pipelined
        self._pending: list[tuple[str, str, str]] = []  # inserts not sent yet: (table, statement, JSON rows)
        self.conn = self._connect()

    def _connect(self) -> Any:
        from psycopg.rows import dict_row

        last: Exception | None = None
        for attempt in range(self.attempts):
            try:
                conn = self._psycopg.connect(self.dsn, autocommit=True, row_factory=dict_row, connect_timeout=10)
                if not self.synchronous_commit:
                    conn.execute("SET synchronous_commit TO off")
                return conn
            except self._psycopg.OperationalError as exc:
                last = exc
                time.sleep(self.backoff * (2 ** attempt))
        raise StoreUnavailable(f"cannot connect to PostgreSQL at {self.location}: {last}")

    def _lost(self, exc: BaseException) -> bool:
        return isinstance(exc, self._psycopg.OperationalError) and (self.conn.closed or self.conn.broken)

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        self._flush()
        return self._retry(lambda: self.conn.execute(_placeholders(sql), tuple(params)).fetchall(), reentrant=True)

    def execute(self, sql: str, params: Params = ()) -> None:
        self._flush()
        self._retry(lambda: self.conn.execute(_placeholders(sql), tuple(params)), reentrant=True)

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """In a transaction the rows join its pipeline (no round trip of their own); the statement is the same for
        every row, so psycopg converts it once and the server prepares it once per connection."""
        params = [tuple(r) for r in rows]
        self._flush()
        if params:
            with self.conn.cursor() as cur:
                cur.executemany(_placeholders(sql), params)

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Params], tail: str = "") -> None:
        """All the rows in one statement whose text never changes: they travel as one JSON array that the server
        turns into rows of the table's own type (``json_populate_recordset``), so psycopg converts the SQL once and
        the server prepares it once per connection. In a transaction the inserts are held until the next other
        statement or the commit and then sent as one statement (``WITH … INSERT …``; foreign keys are checked at its
        end): one message for all of an article's tables. Rows with a value JSON cannot carry (NaN, infinity) take
        the generic one-row ``executemany`` path instead."""
        if not rows:
            return
        try:
            payload = json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False,
                                 allow_nan=False)
        except ValueError:
            super().insert_rows(table, columns, rows, tail)
            return
        names = ", ".join(columns)
        statement = (f"INSERT INTO {table} ({names}) SELECT {names} FROM json_populate_recordset(NULL::{table}, "
                     f"%s::json) {tail}")
        if any(t == table for t, _, _ in self._pending):
            self._flush()  # one table twice in one statement would not see its own first rows
        self._pending.append((table, statement, payload))
        if self._pipeline is None:
            self._flush()

    def _flush(self) -> None:
        """Send the held inserts, in the order they came, as one statement."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        *first, (_, last, _) = pending
        ctes = ", ".join(f"w{n} AS ({statement})" for n, (_, statement, _) in enumerate(first))
        sql = f"WITH {ctes} {last}" if first else last
        payloads = tuple(p for _, _, p in pending)
        self._retry(lambda: self.conn.execute(sql, payloads), reentrant=True)

    def query_batch(self, queries: Sequence[tuple[str, Params]]) -> list[list[Row]]:
        if self._pipeline is None:
            return super().query_batch(queries)
        self._flush()
        cursors = [self.conn.execute(_placeholders(sql), tuple(params)) for sql, params in queries]
        return [cursor.fetchall() for cursor in cursors]  # the first fetch sends them all; one wait

    def _retry(self, work: Callable[[], T], reentrant: bool = False) -> T:
        """Run ``work``; outside a transaction, a lost connection is re-opened and the work run again."""
        if reentrant and (self._pipeline is not None or self.conn.info.transaction_status != 0):
            # inside a transaction: the caller retries all of it
            return work()
        for attempt in range(self.attempts):
            try:
                return work()
            except self._psycopg.errors.DiskFull as exc:
                raise StoreFull(f"PostgreSQL at {self.location} has no space left ({exc}); nothing of the current "
                                "article was written") from exc
            except self._psycopg.OperationalError as exc:
                if not self._lost(exc) or attempt == self.attempts - 1:
                    raise StoreUnavailable(f"lost PostgreSQL at {self.location}: {exc}") from exc
                log.warning("connection to %s lost (%s); reconnecting", self.location, exc)
                self.retries += 1
                time.sleep(self.backoff * attempt)
                self.conn = self._connect()
        raise AssertionError("unreachable")

    def transaction(self, work: Callable[[], T]) -> T:
        """``work`` in one transaction, in pipeline mode: statements whose results are not needed (the inserts) are
        queued and sent together, so an article waits on the server three times (its reads, its inserts, the commit)
        instead of once per statement. The explicit sync makes any error of a queued statement surface inside the
        transaction block, which then rolls back; the commit itself is sent when the pipeline ends."""
        def run() -> T:
            with self.conn.pipeline() as pipeline:
                self._pipeline = pipeline
                try:
                    with self.conn.transaction():
                        result = work()
                        self._flush()
                        pipeline.sync()
                finally:
                    self._pipeline = None
                    self._pending = []  # a failed transaction's held inserts are dropped with it
            return result
        return self._retry(run)

    def is_unique_violation(self, exc: BaseException) -> bool:
        return isinstance(exc, self._psycopg.errors.UniqueViolation)

    def is_refusal(self, exc: BaseException) -> bool:
        errors = self._psycopg.errors
        return isinstance(exc, (self._psycopg.IntegrityError, self._psycopg.DataError, errors.RaiseException))

    def close(self) -> None:
        self.conn.close()
