"""The pipeline: built once (models, lexicons, knowledge base, gazetteer), then ``run(article)`` or
``pipe(items)`` for batches. Every input item yields exactly one :class:`ArticleResult`, in input order."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from time import perf_counter
from typing import TypeVar

from spacy.tokens import Doc

from eventwire.errors import ErrorCode, RecordProblem
from eventwire.extract import Extractor
from eventwire.ingest import Failed, Item
from eventwire.models import Article, ArticleResult, RecordError
from eventwire.nlp import NLP, SUPPORTED, UNKNOWN
from eventwire.resolve.actors import ActorKB, ActorResolver
from eventwire.resolve.places import Gazetteer
from eventwire.resources import load_resources

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class PipelineConfig:
    models: dict[str, str] = field(default_factory=dict)  # language -> spaCy model name (overrides the pinned ones)
    batch_size: int = 32
    max_chars: int = 200_000  # longer texts are refused with an error (E008) rather than risk memory and time
    facilities: bool = False  # also buildings and venues by name (streets always), at their town's point


@dataclass
class StageTimes:
    """Seconds spent per stage (language detection, tokenizer, each spaCy component, extraction), summed."""

    seconds: dict[str, float] = field(default_factory=dict)
    docs: int = 0
    chars: int = 0

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    def merge(self, other: StageTimes) -> None:
        for stage, seconds in other.seconds.items():
            self.add(stage, seconds)
        self.docs += other.docs
        self.chars += other.chars

    def report(self) -> str:
        total = sum(self.seconds.values()) or 1.0
        lines = [f"{self.docs} documents, {self.chars:,} characters, {total:.2f} s in the pipeline"]
        lines += [f"  {stage:<24} {secs:8.2f} s  {100 * secs / total:5.1f} %"
                  for stage, secs in sorted(self.seconds.items(), key=lambda kv: -kv[1])]
        return "\n".join(lines)


class Pipeline:
    """Build once, use for many articles: models and data are loaded lazily, once per language."""

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        self.nlp = NLP(models=dict(self.config.models), max_length=self.config.max_chars)
        self.times = StageTimes()
        self._kb: ActorKB | None = None
        self._gazetteer: Gazetteer | None = None
        self._extractors: dict[str, Extractor] = {}

    # -- building -------------------------------------------------------------------------------------------------

    @property
    def kb(self) -> ActorKB:
        if self._kb is None:
            self._kb = ActorKB.load()
        return self._kb

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        return self._gazetteer

    def extractor(self, lang: str) -> Extractor:
        if lang not in self._extractors:
            nlp = self.nlp.pipeline(lang)
            res = load_resources(lang, nlp.tokenizer)
            self._extractors[lang] = Extractor(res, ActorResolver(self.kb, res), self.gazetteer,
                                               facilities=self.config.facilities)
        return self._extractors[lang]

    def warm_up(self, langs: Iterable[str] = SUPPORTED) -> None:
        for lang in langs:
            self.extractor(lang)

    # -- running --------------------------------------------------------------------------------------------------

    def language_of(self, article: Article) -> str:
        if len(article.text) > self.config.max_chars:
            raise RecordProblem(ErrorCode.TOO_LONG, f"text has {len(article.text):,} characters, over the limit of "
                                f"{self.config.max_chars:,} (PipelineConfig.max_chars)", article.id)
        lang = (article.lang or "").lower()[:2] or self.nlp.detect(article.text)
        if lang not in SUPPORTED:
            shown = lang if lang != UNKNOWN else "unknown (could not be identified)"
            raise RecordProblem(ErrorCode.UNSUPPORTED_LANG,
                                f"language {shown} is not supported (supported: {', '.join(SUPPORTED)})", article.id)
        return lang

    def run(self, article: Article) -> ArticleResult:
        return next(self.pipe([article]))

    def pipe(self, items: Iterable[Item | Article]) -> Iterator[ArticleResult]:
        """Results in input order; a bad record gives a result with ``errors``, never an exception."""
        iterator = iter(items)
        while batch := list(islice(iterator, self.config.batch_size)):
            yield from self._batch(batch)

    def _batch(self, batch: list[Item | Article]) -> list[ArticleResult]:
        results: list[ArticleResult | None] = [None] * len(batch)
        if any(isinstance(item, Article) and not item.lang for item in batch):
            self._timed("load", self.nlp.detector)  # loading is timed apart from the work, so --profile is honest
        start = perf_counter()
        by_lang: dict[str, list[tuple[int, Article]]] = {}
        for i, item in enumerate(batch):
            if isinstance(item, Failed):
                results[i] = failed_result(item.id, item.problem)
                continue
            try:
                by_lang.setdefault(self.language_of(item), []).append((i, item))
            except RecordProblem as problem:
                results[i] = failed_result(item.id, problem, lang=item.lang)
        self.times.add("language", perf_counter() - start)
        for lang, members in by_lang.items():
            extractor = self._timed("load", partial(self.extractor, lang))
            for (i, article), doc in zip(members, self._parse(lang, [a for _, a in members]), strict=True):
                start = perf_counter()
                results[i] = self._extract(extractor, doc, article) if isinstance(doc, Doc) else \
                    failed_result(article.id, doc, lang=lang)
                self.times.add("extract", perf_counter() - start)
            self.times.docs += len(members)
            self.times.chars += sum(len(a.text) for _, a in members)
        missing = [batch[i] for i, r in enumerate(results) if r is None]
        assert not missing, f"records without a result: {missing}"  # every input must give exactly one output
        return [r for r in results if r is not None]

    def _timed(self, stage: str, work: Callable[[], T]) -> T:
        start = perf_counter()
        try:
            return work()
        finally:
            self.times.add(stage, perf_counter() - start)

    def _parse(self, lang: str, articles: list[Article]) -> list[Doc | RecordProblem]:
        """What ``nlp.pipe`` does, one component at a time over the batch so that each is timed; should spaCy fail
        on the batch, the documents are parsed one by one so that only the culprit gets the error."""
        try:
            return list(self._components(lang, [a.text for a in articles]))
        except Exception:  # isolate the record that made spaCy fail, below
            if len(articles) == 1:
                log.exception("spaCy failed on %s", articles[0].id)
                return [RecordProblem(ErrorCode.INTERNAL, "the spaCy pipeline failed on this text", articles[0].id)]
            return [self._parse(lang, [a])[0] for a in articles]

    def _components(self, lang: str, texts: list[str]) -> list[Doc]:
        nlp = self.nlp.pipeline(lang)
        start = perf_counter()
        docs = [nlp.make_doc(text) for text in texts]
        self.times.add("tokenizer", perf_counter() - start)
        for name, component in nlp.pipeline:
            start = perf_counter()
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=self.config.batch_size))
            else:
                docs = [component(doc) for doc in docs]
            self.times.add(name, perf_counter() - start)
        return docs

    @staticmethod
    def _extract(extractor: Extractor, doc: Doc, article: Article) -> ArticleResult:
        try:
            return extractor(doc, article)
        except Exception as exc:  # a bug on one record must not stop the batch: it becomes that record's error
            log.exception("extraction failed for %s", article.id)
            problem = RecordProblem(ErrorCode.INTERNAL, f"extraction failed: {type(exc).__name__}: {exc}", article.id)
            return failed_result(article.id, problem, lang=extractor.res.lang)


def failed_result(record_id: str, problem: RecordProblem, lang: str | None = None) -> ArticleResult:
    return ArticleResult(id=record_id, lang=lang, errors=[RecordError(code=problem.code.value,
                                                                      message=problem.message)])
