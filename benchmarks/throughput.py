"""Throughput of eventwire against raw spaCy ``nlp.pipe`` on the same texts with the same model, in one run.

Timings on shared machines are noisy, so the figure that matters is the ratio, measured back to back. Texts: the
shipped examples and gold dispatches (our own), repeated to a few hundred documents per language.

    python benchmarks/throughput.py [--docs 400] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from eventwire.ingest import read_paths
from eventwire.models import Article
from eventwire.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent


def corpus(lang: str, n: int) -> list[Article]:
    base = [a for a in read_paths([str(ROOT / "tests" / "gold" / f"dispatches.{lang}.jsonl")])
            if isinstance(a, Article)]
    return [base[i % len(base)].model_copy(update={"id": f"{lang}-{i}"}) for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400, help="documents per language")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the best of each is kept")
    args = parser.parse_args()
    pipeline = Pipeline()
    pipeline.warm_up()
    report = {}
    for lang in ("fr", "en"):
        articles = corpus(lang, args.docs)
        words = sum(len(a.text.split()) for a in articles)
        nlp = pipeline.nlp.pipeline(lang)
        list(pipeline.pipe(articles[:20]))  # warm caches
        raw = ours = float("inf")
        events = 0
        for _ in range(args.rounds):  # alternate the two and keep each one's best round: the machine is noisy
            start = time.perf_counter()
            for _doc in nlp.pipe((a.text for a in articles), batch_size=32):
                pass
            raw = min(raw, time.perf_counter() - start)
            start = time.perf_counter()
            events = sum(len(r.events) for r in pipeline.pipe(articles))
            ours = min(ours, time.perf_counter() - start)
        report[lang] = {"docs": len(articles), "words": words, "spacy_words_per_s": round(words / raw),
                        "eventwire_words_per_s": round(words / ours), "ratio": round(raw / ours, 3),
                        "events": events}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
