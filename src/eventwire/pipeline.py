"""The pipeline: built once (models, lexicons, knowledge base, gazetteer), then ``run(article)`` or
``pipe(items)`` for batches. Every input item yields exactly one :class:`ArticleResult`, in input order."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

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


@dataclass
class PipelineConfig:
    models: dict[str, str] = field(default_factory=dict)  # language -> spaCy model name (overrides the pinned ones)
    batch_size: int = 32
    max_chars: int = 500_000  # longer texts are refused with an error (E008) rather than risk memory


class Pipeline:
    """Build once, use for many articles: models and data are loaded lazily, once per language."""

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        self.nlp = NLP(models=dict(self.config.models))
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
            self._extractors[lang] = Extractor(res, ActorResolver(self.kb, res), self.gazetteer)
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
        by_lang: dict[str, list[tuple[int, Article]]] = {}
        for i, item in enumerate(batch):
            if isinstance(item, Failed):
                results[i] = failed_result(item.id, item.problem)
                continue
            try:
                by_lang.setdefault(self.language_of(item), []).append((i, item))
            except RecordProblem as problem:
                results[i] = failed_result(item.id, problem, lang=item.lang)
        for lang, members in by_lang.items():
            extractor = self.extractor(lang)
            nlp = self.nlp.pipeline(lang)
            docs = nlp.pipe(a.text for _, a in members)
            for (i, article), doc in zip(members, docs, strict=True):
                results[i] = self._extract(extractor, doc, article)
        missing = [batch[i] for i, r in enumerate(results) if r is None]
        assert not missing, f"records without a result: {missing}"  # every input must give exactly one output
        return [r for r in results if r is not None]

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
