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

    @abstractmethod
    def transaction(self, work: Callable[[], T]) -> T:
        """Run ``work`` in one transaction: all of it is committed or none of it."""

    @abstractmethod
    def is_unique_violation(self, exc: BaseException) -> bool: ...

    @abstractmethod
    def close(self) -> None: ...

    def scalar(self, sql: str, params: Params = ()) -> Any:
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None
