"""Share of extraction time spent geoparsing (place recognition, disambiguation, precision), in one run.

The pipeline's full run over the texts is timed, then the place finder alone over the same parsed documents; the
figure that matters is the ratio (target: geocoding ≤ 10 % of extraction time). Also reports the gazetteer's load
time from its cache and the process's peak resident memory. Texts: the project's own gold dispatches and place set.

    python benchmarks/geocoding.py [--docs 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from eventwire.ingest import read_paths
from eventwire.models import Article
from eventwire.pipeline import Pipeline
from eventwire.resolve.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parent.parent


def corpus(lang: str, n: int) -> list[Article]:
    files = [ROOT / "tests" / "gold" / f"dispatches.{lang}.jsonl", ROOT / "tests" / "gold" / f"places.{lang}.jsonl"]
    base = [a for a in read_paths([str(f) for f in files if f.exists()]) if isinstance(a, Article)]
    return [base[i % len(base)].model_copy(update={"id": f"{lang}-{i}"}) for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="documents per language")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the best of each measure is kept")
    args = parser.parse_args()
    Gazetteer.load()  # make sure the cache exists before timing its load
    start = time.perf_counter()
    Gazetteer.load()
    load_s = time.perf_counter() - start
    pipeline = Pipeline()
    pipeline.warm_up()
    report: dict[str, object] = {"gazetteer_load_s": round(load_s, 3)}
    for lang in ("fr", "en"):
        articles = corpus(lang, args.docs)
        nlp = pipeline.nlp.pipeline(lang)
        finder = pipeline.extractor(lang).places
        docs = list(nlp.pipe(a.text for a in articles))
        full = places = float("inf")
        for _ in range(args.rounds):
            start = time.perf_counter()
            list(pipeline.pipe(articles))
            full = min(full, time.perf_counter() - start)
            start = time.perf_counter()
            for doc in docs:
                finder(doc)
            places = min(places, time.perf_counter() - start)
        report[lang] = {"docs": len(articles), "extraction_s": round(full, 2), "geocoding_s": round(places, 3),
                        "geocoding_share": round(places / full, 3)}
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
