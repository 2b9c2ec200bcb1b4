"""Faults: SIGKILL in the middle of a 1,000-article ingest, a full disk, a PostgreSQL connection dropped mid-batch."""

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.errors import StoreFull, StoreUnavailable
from eventwire.store import open_store

N = 1000
WRITER = Path(__file__).resolve().parents[2] / "benchmarks" / "query.py"  # fills a store with N composed events


def _count(target: str) -> int:
    try:
        with open_store(target, migrate=False) as store:  # only the writer creates the schema
            return int(store.backend.scalar("SELECT COUNT(*) FROM articles"))
    except Exception:  # the writer has not created the schema yet
        return 0


def _writer(target: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WRITER), "--db", target, "--events", str(N), "--no-query"],
                            stderr=subprocess.PIPE)


def test_sigkill_mid_ingest_then_rerun_stores_every_article_once(store_target):
    kill_after = random.randint(50, 900)
    proc = _writer(store_target)
    deadline = time.monotonic() + 60
    while _count(store_target) < kill_after and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, f"the writer ended before the kill: {proc.stderr.read().decode()}"
    partial = _count(store_target)
    assert 0 < partial < N, f"killed after {kill_after}, found {partial}"
    print(f"SIGKILL after >= {kill_after} articles: {partial} stored; running again")
    rerun = _writer(store_target)
    assert rerun.wait(timeout=120) == 0, rerun.stderr.read().decode()
    with open_store(store_target) as store:
        b = store.backend
        assert b.scalar("SELECT COUNT(*) FROM articles") == N
        assert b.scalar("SELECT COUNT(DISTINCT input_id) FROM articles") == N
        assert b.scalar("SELECT COUNT(*) FROM events") == N
        assert b.scalar("SELECT COUNT(*) FROM events WHERE cluster_id IS NULL") == 0
        assert b.scalar("SELECT SUM(n_reports) FROM clusters") == N  # no cluster counts a report twice or misses one
        assert b.scalar("SELECT COUNT(*) FROM event_actors") == N


def test_full_disk_is_a_clear_error_and_loses_nothing(filling_store):
    store, pairs = filling_store.store, filling_store.pairs
    with pytest.raises(StoreFull, match=r"full.*nothing of the current article was written"):
        for pair in pairs[1:]:
            store.ingest(*pair)
    stored = store.stats().articles
    assert 1 <= stored < len(pairs)
    assert store.backend.scalar("SELECT COUNT(*) FROM events") == stored  # whole articles only
    store.backend.execute("PRAGMA max_page_count = 1073741823")  # space freed: the same run again completes
    summary = store.ingest_many(pairs)
    assert summary.stored + summary.duplicates == len(pairs) and store.stats().articles == len(pairs)


@pytest.mark.parametrize("background", [True, False], ids=["writer-thread", "sequential"])
@pytest.mark.parametrize("store_target", ["postgresql"], indirect=True)
def test_postgres_connection_dropped_mid_batch_is_retried(store_target, compose, background):
    import psycopg

    store = open_store(store_target)
    texts = [f"Dispatch {i}: a roadside bomb hit a convoy near Kidal." for i in range(12)]
    pairs = [compose.report(f"k{i}", t, [compose.event(t, date=dt.date(2024, 2, 1))]) for i, t in enumerate(texts)]

    def dropping():
        for i, pair in enumerate(pairs):
            if i in (4, 9):  # the server ends our session twice in the middle of the batch
                with psycopg.connect(store_target, autocommit=True) as admin:
                    # the writer thread stores behind this generator: let it reach article i first, so that each
                    # kill hits the session it is using (the second one, the session it re-opened after the first)
                    deadline = time.monotonic() + 30
                    while admin.execute("SELECT COUNT(*) FROM articles").fetchone()[0] < i:
                        assert time.monotonic() < deadline, "the writer did not catch up"
                        time.sleep(0.01)
                    admin.execute("SELECT pg_terminate_backend(%s)", (store.backend.conn.info.backend_pid,))
            yield pair

    summary = store.ingest_many(dropping(), background=background)
    assert summary.stored == len(pairs) and summary.retries >= 2
    assert store.stats().articles == len(pairs)
    store.close()


def test_unreachable_postgres_is_reported_by_name():
    from eventwire.store.postgres import PostgresBackend

    with pytest.raises(StoreUnavailable, match=r"cannot connect to PostgreSQL at postgresql://ew:\*\*\*@127.0.0.1:9/x"):
        PostgresBackend("postgresql://ew:secret@127.0.0.1:9/x", attempts=1)
