"""Lexicons as data: loading the YAML files of ``eventwire/data`` and matching their phrases on spaCy tokens.

Matching works on *folded* keys (lower case, no accents, elisions expanded, plural/feminine endings folded) of both a
token's lemma and its surface form, so that a lexicon can be written in dictionary form ("frappe aérienne",
"air strike") and still match "frappes aériennes" or "airstrikes". Multi-word phrases may have up to two determiners,
adjectives or adverbs inside them in the text ("prendre le contrôle total de", "launched a deadly attack").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from eventwire.nlp import DASHES

ELISIONS = {"d'": "de", "l'": "le", "qu'": "que", "n'": "ne", "s'": "se", "j'": "je", "m'": "me", "t'": "te",
            "c'": "ce", "jusqu'": "jusque", "lorsqu'": "lorsque", "puisqu'": "puisque"}
KEYS_SLOT = "eventwire.token_keys"
SENTS_SLOT = "eventwire.sentences"
TEXT_SLOT = "eventwire.text"
ENTS_SLOT = "eventwire.ents"
FLAGS_SLOT = "eventwire.token_flags"
GAP_POS = {"DET", "ADJ", "ADV", "NUM", "AUX", "PRON"}
MAX_GAP = 2
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_FOLD_SUFFIXES = (("nnes", "n"), ("nne", "n"), ("lles", "l"), ("lle", "l"), ("ives", "if"), ("ive", "if"),
                  ("ées", "e"), ("ée", "e"), ("es", "e"), ("s", ""), ("x", ""))


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: data files load ~10x faster


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """The matching key of one word: "Aériennes" → "aerien", "d'" → "de", "strikes" → "strike"."""
    w = word.translate(_APOSTROPHES).lower().strip()
    w = ELISIONS.get(w, w)
    if len(w) > 4:
        for suffix, repl in _FOLD_SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: len(w) - len(suffix)] + repl
                break
    return strip_accents(w)


def token_keys(token: Token) -> tuple[str, ...]:
    """Keys of a token: its folded lemma and surface form, plus the stems of English -ed/-ing forms (the small
    English model mislemmatises some: "raped" → "rap"). Computed once per document (kept in ``doc.user_data``)."""
    return doc_keys(token.doc)[token.i]


def sentence_of(token: Token) -> Span:
    """The sentence of a token. spaCy's ``Token.sent``/``Span.sent`` rescan the document at every call; this looks
    the sentence up in a table built once per document (kept in ``doc.user_data``)."""
    sents, index = _sentence_table(token.doc)
    return sents[index[token.i]]


def doc_sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, computed once per document."""
    return _sentence_table(doc)[0]


def _sentence_table(doc: Doc) -> tuple[list[Span], list[int]]:
    table: tuple[list[Span], list[int]] | None = doc.user_data.get(SENTS_SLOT)
    if table is None:
        sents = list(doc.sents)
        index = [0] * len(doc)
        for k, sent in enumerate(sents):
            index[sent.start:sent.end] = [k] * (sent.end - sent.start)
        table = doc.user_data[SENTS_SLOT] = (sents, index)
    return table


def doc_text(doc: Doc) -> str:
    """``doc.text``, which spaCy rebuilds from every token at each call, computed once per document."""
    text: str | None = doc.user_data.get(TEXT_SLOT)
    if text is None:
        text = doc.user_data[TEXT_SLOT] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, which spaCy rebuilds at each call, computed once per document; an entity ends before a dash
    standing free ("Mr Trump - Wisconsin and Pennsylvania" tagged one person is the person "Trump")."""
    ents: tuple[Span, ...] | None = doc.user_data.get(ENTS_SLOT)
    if ents is None:
        ents = doc.user_data[ENTS_SLOT] = tuple(e for e in map(_before_free_dash, doc.ents) if e is not None)
    return ents


def _before_free_dash(ent: Span) -> Span | None:
    doc = ent.doc
    for tok in ent[1:]:
        if tok.text in DASHES and doc[tok.i - 1].whitespace_ and tok.whitespace_:
            return Span(doc, ent.start, tok.i, label=ent.label) if tok.i > ent.start else None
    return ent


def doc_keys(doc: Doc) -> list[tuple[str, ...]]:
    """:func:`token_keys` of every token of ``doc``, computed once per document."""
    keys: list[tuple[str, ...]] | None = doc.user_data.get(KEYS_SLOT)
    if keys is None:
        keys = doc.user_data[KEYS_SLOT] = [_token_keys(t) for t in doc]
    return keys


def _token_keys(token: Token) -> tuple[str, ...]:
    lemma, text = fold(token.lemma_), fold(token.text)
    keys: tuple[str, ...] = (lemma,) if lemma == text else (lemma, text)
    low = token.lower_
    long_form = len(low) > 5 and low.endswith(("ed", "ing")) and token.pos_ in ("VERB", "ADJ", "NOUN")
    if long_form or (len(low) == 5 and low.endswith("ed") and token.pos_ == "VERB"):  # "raped"; not "armed groups"
        stem = low[:-2] if low.endswith("ed") else low[:-3]
        keys += (stem, stem + "e", low[:-1]) if low.endswith("ed") else (stem, stem + "e")
    return keys


def normalise_name(text: str) -> str:
    """Key for names (actors, places, countries): lower case, no accents, unified apostrophes and spaces."""
    t = strip_accents(text.translate(_APOSTROPHES).lower())
    t = re.sub(r"[\-‐‑–—_]+", " ", t)
    return re.sub(r"\s+", " ", t).strip(" .,'\"")


def load_yaml(name: str) -> Any:
    """Load a data file shipped in ``eventwire/data`` (``None`` when the file does not exist)."""
    path = resources.files("eventwire") / "data" / name
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SAFE_LOADER)


@dataclass(frozen=True)
class Phrase:
    """One lexicon phrase with its payload (e.g. an event type), ready to match."""

    words: tuple[str, ...]  # folded keys, punctuation removed
    text: str
    payload: Any


@dataclass
class PhraseIndex:
    """Phrases indexed by their first word; finds the longest phrase starting at each token."""

    by_first: dict[str, list[Phrase]] = field(default_factory=dict)

    def add(self, phrase: Phrase) -> None:
        if phrase.words:
            self.by_first.setdefault(phrase.words[0], []).append(phrase)

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_first.values())

    def match_at(self, doc: Doc | Span, i: int, stop: int) -> list[tuple[Phrase, int, list[int]]]:
        """All phrases starting at token ``i`` of ``doc``; each with its end index and the matched token indices."""
        base, offset = (doc.doc, doc.start) if isinstance(doc, Span) else (doc, 0)
        found = []
        for key in doc_keys(base)[offset + i]:
            for phrase in self.by_first.get(key, ()):
                matched = _match_rest(doc, i, stop, phrase.words)
                if matched is not None:
                    found.append((phrase, matched[-1] + 1, matched))
        found.sort(key=lambda f: (len(f[0].words), -f[1]), reverse=True)
        return found

    def find(self, doc: Doc | Span) -> Iterator[tuple[Phrase, int, int, list[int]]]:
        """Longest non-overlapping matches, left to right: ``(phrase, start, end, matched_indices)``."""
        i, stop = 0, len(doc)
        keys = doc_keys(doc.doc if isinstance(doc, Span) else doc)
        offset = doc.start if isinstance(doc, Span) else 0
        while i < stop:
            if not any(key in self.by_first for key in keys[offset + i]):  # most tokens start no phrase: skip fast
                i += 1
                continue
            hits = self.match_at(doc, i, stop)
            if hits:
                phrase, end, matched = hits[0]
                yield phrase, i, end, matched
                i = end
            else:
                i += 1


def _match_rest(doc: Doc | Span, i: int, stop: int, words: Sequence[str]) -> list[int] | None:
    base, offset = (doc.doc, doc.start) if isinstance(doc, Span) else (doc, 0)
    keys = doc_keys(base)
    joiners, gaps = _doc_flags(base)
    matched = [i]
    j = i + 1
    for word in words[1:]:
        gap = 0
        while j < stop and joiners[offset + j]:
            j += 1
        while j < stop and word not in keys[offset + j] and gaps[offset + j] and gap < MAX_GAP:
            j += 1
            gap += 1
        if j >= stop or word not in keys[offset + j]:
            return None
        matched.append(j)
        j += 1
    return matched


def _doc_flags(doc: Doc) -> tuple[list[bool], list[bool]]:
    """Per token: is it a joiner inside a phrase ("-", "'"), and may a phrase skip it (a gap word)."""
    flags: tuple[list[bool], list[bool]] | None = doc.user_data.get(FLAGS_SLOT)
    if flags is None:
        flags = doc.user_data[FLAGS_SLOT] = ([t.is_punct and t.text in "-'’" for t in doc],
                                             [t.pos_ in GAP_POS for t in doc])
    return flags


def phrase_words(tokenizer: Any, text: str) -> tuple[str, ...]:
    """Tokenise a lexicon phrase with the language's own tokenizer and fold each word."""
    return tuple(fold(t.text) for t in tokenizer(text) if not (t.is_punct and t.text in "-'’") and not t.is_space)


def build_index(tokenizer: Any, items: Iterable[tuple[str, Any]]) -> PhraseIndex:
    index = PhraseIndex()
    for text, payload in items:
        index.add(Phrase(phrase_words(tokenizer, text), text, payload))
    return index


def key_set(tokenizer: Any, words: Iterable[str]) -> frozenset[str]:
    """Folded keys of single-word lexicon entries (multi-word entries are ignored here)."""
    keys = set()
    for word in words:
        folded = phrase_words(tokenizer, str(word))
        if len(folded) == 1:
            keys.add(folded[0])
    return frozenset(keys)
