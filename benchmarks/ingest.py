"""Ingest throughput with the store against extraction alone, on the same articles, in one run.

The figure that matters is the ratio (extraction alone / extraction + store), measured back to back in alternating
rounds, best round of each kept (the machine is shared and noisy). Target: ≥ 0.9. Because that ratio is within the
noise, the store's own cost is also timed alone (the same results stored without extracting them again) and the
ratio it implies is reported as ``ratio_from_store_cost``. Texts: the gold dispatches (our
own), each made unique with a reference line so that the store keeps them all (it skips repeated content).

    python benchmarks/ingest.py [--docs 200] [--rounds 3] [--db postgresql://...]

Every store starts empty: a fresh SQLite file, or with ``--db`` a fresh PostgreSQL schema (dropped afterwards), so
that both engines link the same articles against the same store. Each round also ingests without the background
writer thread (extraction and storing taking turns, as before it existed): ``ratio_sequential``.
``ratio_from_store_cost`` assumes no overlap at all between extraction and storing, so with the writer thread it is
a floor rather than an estimate of ``ratio``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from eventwire.ingest import read_paths
from eventwire.models import Article
from eventwire.pipeline import Pipeline
from eventwire.store import extract_pairs, open_store

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int, round_no: int) -> list[Article]:
    base = [a for lang in ("fr", "en") for a in read_paths([str(ROOT / "tests" / "gold" / f"dispatches.{lang}.jsonl")])
            if isinstance(a, Article)]
    return [base[i % len(base)].model_copy(update={"id": f"r{round_no}-{i}", "url": None,
                                                   "text": base[i % len(base)].text + f"\nRef. {round_no}-{i}."})
            for i in range(n)]


@contextlib.contextmanager
def fresh_store(db: str | None, tmp: str, name: str) -> Iterator[str]:
    """A new SQLite file, or a new schema of the PostgreSQL database ``db`` (a DSN selecting it), dropped after."""
    if not db:
        yield str(Path(tmp) / f"{name}.db")
        return
    import psycopg

    schema = f"ingest_bench_{os.getpid()}_{name}"
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{db}{'&' if '?' in db else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="articles per round")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the best of each is kept")
    parser.add_argument("--db", help="a postgresql:// DSN (a fresh schema per round; default: a fresh SQLite file)")
    args = parser.parse_args()
    pipeline = Pipeline()
    pipeline.warm_up()
    list(pipeline.pipe(corpus(20, -1)))  # warm caches
    alone = stored = sequential = store_only = float("inf")
    events = 0
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            articles = corpus(args.docs, r)
            start = time.perf_counter()
            results = list(pipeline.pipe(articles))
            alone = min(alone, time.perf_counter() - start)
            events = sum(len(res.events) for res in results)
            # the store's own cost, without extraction: the same results into another fresh store
            shifted = [a.model_copy(update={"text": a.text + " (store only)"}) for a in articles]
            with fresh_store(args.db, tmp, f"only{r}") as target:
                store = open_store(target)
                start = time.perf_counter()
                store.ingest_many(zip(shifted, results, strict=True), background=False)
                store_only = min(store_only, time.perf_counter() - start)
                store.close()
            for background in (True, False) if r % 2 == 0 else (False, True):  # neither always goes first
                with fresh_store(args.db, tmp, f"round{r}{'bg' if background else 'seq'}") as target:
                    store = open_store(target)
                    start = time.perf_counter()
                    summary = store.ingest_many(extract_pairs(pipeline, articles), background=background)
                    took = time.perf_counter() - start
                    assert summary.stored == len(articles), summary
                    store.close()
                if background:
                    stored = min(stored, took)
                else:
                    sequential = min(sequential, took)
    print(json.dumps({"docs": args.docs, "events": events, "backend": "postgresql" if args.db else "sqlite",
                      "extract_docs_per_s": round(args.docs / alone, 1),
                      "ingest_docs_per_s": round(args.docs / stored, 1), "ratio": round(alone / stored, 3),
                      "ratio_sequential": round(alone / sequential, 3),
                      "store_only_ms_per_doc": round(1000 * store_only / args.docs, 2),
                      "ratio_from_store_cost": round(alone / (alone + store_only), 3)}, indent=2))


if __name__ == "__main__":
    main()
