"""Cost of the actors knowledge base: load time, and the share of extraction time spent resolving actors.

The KB is built from its YAML files on first use and cached on disk (``$EVENTWIRE_CACHE``); ``kb_first_build_s`` is
that first build, ``kb_load_s`` a load from the cache (every later run).

Both are measured in one run on this machine (timings on shared machines are noisy: the share is a ratio of two
clocks read in the same run). Texts: our own gold dispatches and actor sentences, repeated.

    python benchmarks/actors.py [--docs 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventwire.ingest import read_paths
from eventwire.models import Article
from eventwire.pipeline import Pipeline
from eventwire.resolve.actors import ActorKB

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"


def corpus(lang: str, n: int) -> list[Article]:
    base = [a for a in read_paths([str(GOLD / f"dispatches.{lang}.jsonl")]) if isinstance(a, Article)]
    base += [Article(id=r["id"], text=r["text"], lang=r["lang"]) for r in map(json.loads, (
        GOLD / "actors.jsonl").read_text(encoding="utf-8").splitlines()) if r["lang"] == lang]
    return [base[i % len(base)].model_copy(update={"id": f"{lang}-{i}"}) for i in range(n)]


class Clock:
    """Time spent in the outermost calls of wrapped functions (resolution recurses)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.depth = 0

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.depth += 1
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.depth -= 1
                if self.depth == 0:
                    self.seconds += time.perf_counter() - start
        return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="documents per language")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the best of each is kept")
    args = parser.parse_args()
    cache = os.environ.get("EVENTWIRE_CACHE")
    with tempfile.TemporaryDirectory() as empty:
        os.environ["EVENTWIRE_CACHE"] = empty  # no cached tables: the first load parses the YAML and CLDR data
        build = _timed(ActorKB.load)
        load = min(_timed(ActorKB.load) for _ in range(args.rounds))
    if cache is None:
        del os.environ["EVENTWIRE_CACHE"]
    else:
        os.environ["EVENTWIRE_CACHE"] = cache
    pipeline = Pipeline()
    pipeline.warm_up()
    report: dict[str, Any] = {"kb_first_build_s": round(build, 3), "kb_load_s": round(load, 3),
                              "kb_load_limit_s": 0.5}
    for lang in ("fr", "en"):
        articles = corpus(lang, args.docs)
        resolver = pipeline.extractor(lang).actors
        clock = Clock()
        for name in ("resolve", "mention", "person_name", "country_of"):
            setattr(resolver, name, clock.wrap(getattr(resolver, name)))
        list(pipeline.pipe(articles[:20]))  # warm caches
        best_total, best_share = float("inf"), 1.0
        for _ in range(args.rounds):
            clock.seconds = 0.0
            start = time.perf_counter()
            list(pipeline.pipe(articles))
            total = time.perf_counter() - start
            if total < best_total:
                best_total, best_share = total, clock.seconds / total
        report[lang] = {"docs": len(articles), "extraction_s": round(best_total, 2),
                        "actor_resolution_share": round(best_share, 4)}
    report["share_limit"] = 0.05
    print(json.dumps(report))


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
