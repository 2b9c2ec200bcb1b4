"""SQLite, the default store: one file, WAL journal, one transaction per article."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from eventwire.errors import StoreError, StoreFull
from eventwire.store.backend import Backend, Params, Row

T = TypeVar("T")


def _is_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    return isinstance(exc, sqlite3.OperationalError) and ("full" in str(exc) or getattr(
        exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL)


class SQLiteBackend(Backend):
    dialect = "sqlite"

    def __init__(self, path: Path | str) -> None:
        self.location = str(path)
        if self.location != ":memory:":
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder of the store {path}: {exc.strerror}") from exc
        try:
            self.conn = sqlite3.connect(self.location, isolation_level=None, timeout=30.0, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            # WAL + synchronous=NORMAL: a killed process never loses a committed article (power loss may lose the
            # last few, never corrupt the file)
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=30000"):
                self.conn.execute(f"PRAGMA {pragma}")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the SQLite store {path}: {exc}") from exc

    def query(self, sql: str, params: Params = ()) -> list[Row]:
        return [dict(r) for r in self._run(lambda: self.conn.execute(sql, tuple(params)).fetchall())]

    def execute(self, sql: str, params: Params = ()) -> None:
        self._run(lambda: self.conn.execute(sql, tuple(params)))

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        self._run(lambda: self.conn.executemany(sql, [tuple(r) for r in rows]))

    def _run(self, work: Callable[[], T]) -> T:
        try:
            return work()
        except (sqlite3.OperationalError, OSError) as exc:
            if _is_full(exc):
                raise StoreFull(f"the disk holding the store {self.location} is full ({exc}); nothing of the "
                                "current article was written: free some space and run again") from exc
            raise

    def transaction(self, work: Callable[[], T]) -> T:
        self.execute("BEGIN IMMEDIATE")
        try:
            result = work()
            self.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        return result

    def is_unique_violation(self, exc: BaseException) -> bool:
        return isinstance(exc, sqlite3.IntegrityError) and "UNIQUE" in str(exc)

    def is_refusal(self, exc: BaseException) -> bool:
        return isinstance(exc, (sqlite3.IntegrityError, sqlite3.DataError))

    def close(self) -> None:
        self.conn.close()
