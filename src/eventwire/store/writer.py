"""A single background writer: the store writes one article while the caller's iterator extracts the next ones.

Extraction holds the CPU; a store spends part of each article waiting on its engine (PostgreSQL's server on the other
core, the disk), and psycopg and sqlite3 release the GIL while they wait. One thread, fed by a bounded queue, overlaps
the two without changing anything the store guarantees:

* **order** — one writer takes the articles in input order and stores each before the next, so linking sees exactly
  what it sees in a sequential run (clusters never depend on thread timing);
* **transactions** — each article is still written by :meth:`Store.ingest`, in one transaction with its events and
  clusters, retried after a lost connection; an outcome is handed back only after its commit, so whatever the caller
  reports as stored is stored;
* **errors** — an exception in the writer (``StoreFull``, ``StoreUnavailable``, anything) stops it, the articles
  still queued are not written (nor reported), and the exception is raised in the caller's thread, after the
  outcomes of the articles committed before it;
* **bounded** — at most ``depth`` extracted articles wait in memory; when the caller stops early (an exception, an
  interrupt, a generator closed), the queued articles are dropped and the article being written finishes or rolls
  back as a whole before the thread is joined.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator

from eventwire.models import Article, ArticleResult
from eventwire.store.records import IngestOutcome

Pair = tuple[Article, ArticleResult]


class BackgroundWriter:
    """Run ``ingest`` on every pair :meth:`put` gives it, one at a time, on its own thread."""

    def __init__(self, ingest: Callable[[Article, ArticleResult], IngestOutcome], depth: int = 64) -> None:
        if depth < 1:
            raise ValueError("the writer's queue needs room for at least one article")
        self._ingest = ingest
        self._todo: queue.Queue[Pair | None] = queue.Queue(maxsize=depth)  # None: no more articles
        self._done: queue.Queue[IngestOutcome | None] = queue.Queue()  # None: the writer has finished
        self._error: BaseException | None = None
        self._abandoned = threading.Event()
        self._thread = threading.Thread(target=self._run, name="eventwire-store-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while (pair := self._todo.get()) is not None:
                if self._error is not None or self._abandoned.is_set():
                    continue  # keep taking (not writing) what is queued, so that the caller never blocks on put
                try:
                    self._done.put(self._ingest(*pair))
                except BaseException as exc:  # handed over to the caller's thread and raised there
                    self._error = exc
        finally:
            self._done.put(None)

    @property
    def failed(self) -> bool:
        return self._error is not None

    def put(self, pair: Pair) -> None:
        """Queue one article (waits while ``depth`` are queued); raises the writer's error, if it has one."""
        self._raise_if_failed()
        self._todo.put(pair)

    def ready(self) -> Iterator[IngestOutcome]:
        """The outcomes committed since the last call, without waiting."""
        while True:
            try:
                outcome = self._done.get_nowait()
            except queue.Empty:
                return
            if outcome is None:  # the writer ended; leave the marker for finish()
                self._done.put(None)
                return
            yield outcome

    def finish(self) -> Iterator[IngestOutcome]:
        """No more articles: the outcomes of the rest as they commit; then the writer's error, if any."""
        self._todo.put(None)
        while (outcome := self._done.get()) is not None:
            yield outcome
        self._thread.join()
        self._raise_if_failed()

    def abandon(self) -> None:
        """The caller stops early: the queued articles are dropped, the one being written completes (or rolls back)
        and the thread ends. Safe to call after :meth:`finish`."""
        if not self._thread.is_alive():
            return
        self._abandoned.set()
        self._todo.put(None)
        self._thread.join()

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error
