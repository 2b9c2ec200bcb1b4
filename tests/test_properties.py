"""Property tests: extraction on arbitrary text never raises and every offset it returns lies inside the text.

The ``ci`` profile (the default) runs 2,000 examples per run; ``HYPOTHESIS_PROFILE=dev`` runs 200.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.models import Article, ArticleResult

pytestmark = pytest.mark.models

settings.register_profile("ci", max_examples=2000, deadline=None, derandomize=False,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# words that make the extractor work (triggers, actors, numbers, places, dates, quotes), mixed with anything at all
WORDS = ["Des", "hommes", "armés", "ont", "tué", "trois", "civils", "jeudi", "à", "Mopti", "selon", "l'armée",
         "Gunmen", "killed", "five", "soldiers", "near", "Gao", "on", "Tuesday", "the", "army", "said", "attacked",
         "rebels", "police", "arrested", "protesters", "in", "Kidal", "«", "»", "“", "”", '"', ",", ".", "\n", "a",
         "déclaré", "12", "1e309", "-4", "31/02/2024", "dozens", "wounded", "blessés", "Mali", "Niger", "M.", "a-t-il"]

composed = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=40).map(" ".join)
anything = st.text(max_size=120)


def check_offsets(result: ArticleResult, text: str) -> None:
    n = len(text)
    for event in result.events:
        assert 0 <= event.trigger.start < event.trigger.end <= n
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text
        assert 0 <= event.sentence.start <= event.trigger.start and event.trigger.end <= event.sentence.end <= n
        spans = [*event.actors, *event.targets, *([event.claimed_by] if event.claimed_by else []),
                 *([event.location] if event.location else [])]
        for span in spans:
            assert 0 <= span.start <= span.end <= n
    for place in result.places:
        assert 0 <= place.start <= place.end <= n
    for quote in result.quotes:
        assert 0 <= quote.start <= quote.end <= n
        if quote.speaker is not None:
            assert 0 <= quote.speaker.start <= quote.speaker.end <= n


@given(text=st.one_of(composed, anything), lang=st.sampled_from(["fr", "en", None]))
def test_extraction_never_raises_and_offsets_stay_inside_the_text(pipeline, text, lang):
    result = pipeline.run(Article(id="p", text=text, lang=lang))
    assert result.id == "p"
    assert not any(e.code == "E999" for e in result.errors), result.errors  # E999 is a caught exception
    check_offsets(result, text)
