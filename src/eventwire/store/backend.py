"""What the store needs from a database engine: run SQL (``?`` placeholders), run a function in a transaction."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
Row = dict[str, Any]
Params = Sequence[Any]


class Backend(ABC):
    dialect: str
    location: str  # a path or a DSN with the password masked (safe to show)
    retries: int = 0  # transactions run again after a lost connection

    @abstractmethod
    def query(self, sql: str, params: Params = ()) -> list[Row]: ...

    @abstractmethod
    def execute(self, sql: str, params: Params = ()) -> None: ...

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Params]) -> None: ...

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Params], tail: str = "") -> None:
        """Insert rows (tuples in ``columns`` order) into one table; ``tail``: an ``ON CONFLICT`` clause. Here one
        ``executemany`` of a one-row statement (SQLite runs it in C with one parsed statement)."""
        if rows:
            self.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
                             f"{tail}", rows)

    def query_batch(self, queries: Sequence[tuple[str, Params]]) -> list[list[Row]]:
        """Several reads at once, their rows in the same order. Engines that can send them together (PostgreSQL in
        a transaction: pipeline mode) wait for the server once instead of once per query."""
        return [self.query(sql, params) for sql, params in queries]

    @abstractmethod
    def transaction(self, work: Callable[[], T]) -> T:
        """Run ``work`` in one transaction: all of it is committed or none of it."""

    @abstractmethod
    def is_unique_violation(self, exc: BaseException) -> bool: ...

    @abstractmethod
    def is_refusal(self, exc: BaseException) -> bool:
        """The database refused the data (a constraint, a trigger, a value it cannot hold)."""

    @abstractmethod
    def close(self) -> None: ...

    def scalar(self, sql: str, params: Params = ()) -> Any:
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None
