"""Throughput of eventwire against raw spaCy ``nlp.pipe`` (same models, same texts, same worker count, same run),
peak RSS per worker and the per-stage breakdown. Texts: the generated corpus of ``benchmarks/corpus.py``.

Timings on a shared machine are noisy: the figures that matter are ratios measured back to back in one run.

    python benchmarks/throughput.py --docs 2000 --workers 1,2 [--json results.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

from eventwire.models import Article
from eventwire.nlp import SUPPORTED, model_name
from eventwire.parallel import ParallelConfig, RunStats, map_articles
from eventwire.pipeline import PipelineConfig


def raw_spacy(articles: list[Article], workers: int, batch_size: int) -> float:
    """Seconds for plain ``nlp.pipe`` over the same texts with the same models (loaded before the clock starts)."""
    pipelines = {lang: spacy.load(model_name(lang)) for lang in SUPPORTED}
    start = time.perf_counter()
    for lang, nlp in pipelines.items():
        texts = [a.text for a in articles if a.lang == lang]
        for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
            pass
    return time.perf_counter() - start


def ours(articles: list[Article], workers: int, batch_size: int) -> tuple[float, float, RunStats]:
    """Seconds for eventwire, and the start-up part of it (worker processes, models, KB, gazetteer, detector),
    measured as a run over one tiny document per worker."""
    config = PipelineConfig(batch_size=batch_size)
    tiny = [Article(id=f"w{i}", text=a.text[:200], lang=a.lang) for i, a in enumerate(articles[:2 * workers])]
    start = time.perf_counter()
    list(map_articles(tiny, config, ParallelConfig(workers=workers, chunk_size=1)))
    startup = time.perf_counter() - start
    stats = RunStats()
    start = time.perf_counter()
    count = sum(1 for _ in map_articles(articles, config, ParallelConfig(workers=workers), stats))
    assert count == len(articles)
    return time.perf_counter() - start, startup, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="articles (half French, half English)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts to compare")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--detect", action="store_true", help="leave `lang` unset so eventwire detects it")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args()
    spacy_articles = [Article(**record) for record in generate(args.docs)]  # raw spaCy is told each language
    articles = [a.model_copy(update={"lang": None}) for a in spacy_articles] if args.detect else spacy_articles
    words = sum(len(a.text.split()) for a in articles)
    report: dict[str, Any] = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="minutes"),
                              "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
                              "load_average": os.getloadavg(), "docs": len(articles), "words": words, "runs": {}}
    for workers in (int(w) for w in args.workers.split(",")):
        raw = raw_spacy(spacy_articles, workers, args.batch_size)
        total, startup, stats = ours(articles, workers, args.batch_size)
        steady = max(total - startup, 1e-9)
        report["runs"][str(workers)] = {
            "spacy_words_per_s": round(words / raw), "eventwire_words_per_s": round(words / total),
            "eventwire_steady_words_per_s": round(words / steady), "startup_s": round(startup, 1),
            "ratio_to_spacy": round(raw / total, 3), "steady_ratio_to_spacy": round(raw / steady, 3),
            "peak_rss_mb_per_worker": {k: round(v) for k, v in stats.peak_rss_mb.items()},
            "stages_s": {k: round(v, 2) for k, v in sorted(stats.times.seconds.items(), key=lambda kv: -kv[1])}}
        print(json.dumps({workers: report["runs"][str(workers)]}), file=sys.stderr)
    runs = report["runs"]
    if "1" in runs and "2" in runs:
        report["two_workers_over_one"] = round(runs["2"]["eventwire_steady_words_per_s"] /
                                               runs["1"]["eventwire_steady_words_per_s"], 3)
    report["load_average_after"] = os.getloadavg()
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
