"""``POST /extract``: run the pipeline on one article without storing anything."""

from __future__ import annotations

import re
import threading

from fastapi import APIRouter, Depends, Request

from eventwire.api.schemas import ArticleIn, Extraction, Span
from eventwire.api.security import require_token
from eventwire.models import Article, ArticleResult
from eventwire.pipeline import Pipeline

NUMBER = re.compile(r"\d+(?:[ ,.\u202f\u00a0]\d{3})*")
WRITE_RESPONSES: dict[int | str, dict[str, object]] = {
    400: {"description": "Body is not readable JSON"}, 401: {"description": "Missing or wrong API token"},
    413: {"description": "Request body too large"}}

router = APIRouter(tags=["extraction"])


class PipelineHolder:
    """The app's pipeline, built on first use; spaCy pipelines are not shared between threads, hence the lock."""

    def __init__(self, pipeline: Pipeline | None = None) -> None:
        self._pipeline = pipeline
        self.lock = threading.Lock()

    def _built(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline()
        return self._pipeline

    def warm_up(self) -> None:
        """Load the models now (a server calls this in the background at start-up) rather than on the first write."""
        with self.lock:
            self._built().warm_up()

    def run(self, articles: list[Article]) -> list[ArticleResult]:
        with self.lock:
            return list(self._built().pipe(articles))


@router.post("/extract", dependencies=[Depends(require_token)], response_model=Extraction, responses=WRITE_RESPONSES)
def extract(body: ArticleIn, request: Request) -> Extraction:
    """Extract events from one article and return them with the spans to highlight; nothing is stored.

    Needs the API token (it runs the models: a cost an anonymous client must not be able to impose)."""
    article = body.to_article()
    holder: PipelineHolder = request.app.state.pipeline
    result = holder.run([article])[0]
    return Extraction(result=result, spans=highlight_spans(article.text, result))


def highlight_spans(text: str, result: ArticleResult) -> list[Span]:
    """Actors, targets, places, triggers, sources and numbers of a result as non-overlapping spans."""
    # places first: a place that is also an event's target ("frappé Alep") is shown as the place it is
    spans: list[Span] = [Span(start=p.start, end=p.end, kind="place", label=p.name) for p in result.places]
    for event in result.events:
        spans.append(Span(start=event.trigger.start, end=event.trigger.end, kind="trigger", label=event.type))
        spans += [Span(start=a.start, end=a.end, kind="actor", label=a.name) for a in event.actors]
        spans += [Span(start=a.start, end=a.end, kind="target", label=a.name) for a in event.targets]
        if event.claimed_by:
            c = event.claimed_by
            spans.append(Span(start=c.start, end=c.end, kind="source", label=c.name))
    spans += [Span(start=m.start(), end=m.end(), kind="number", label=m.group()) for m in NUMBER.finditer(text)]
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if 0 <= span.start < span.end <= len(text) and (not kept or span.start >= kept[-1].end):
            kept.append(span)
    return kept
