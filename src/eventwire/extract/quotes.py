"""Quotes: direct speech in « », “ ” or " " with its speaker ("…, a déclaré X", "…, a-t-il déclaré", "X said: …")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.extract.attribution import speaker_of
from eventwire.lexicon import doc_text, token_keys
from eventwire.resources import LanguageResources

QUOTE = re.compile(r"«\s*(?P<a>[^»]{3,}?)\s*»|“(?P<b>[^”]{3,}?)”|\"(?P<c>[^\"\n]{3,}?)\"")
LOOK_AFTER = 80  # characters after a quote in which its speech verb is looked for
LOOK_BEFORE = 120


@dataclass(frozen=True)
class QuoteMention:
    start: int  # character offsets of the quoted text (without the marks)
    end: int
    speaker: Token | None  # head of the speaker's phrase (may be a pronoun)
    verb: Token | None  # the speech verb that introduces the quote


def _speech_subject(verb: Token) -> Token | None:
    found = speaker_of(verb)
    if found is not None:
        return found
    # an inverted name the parser attached elsewhere: "…", a demandé Rami Abdel Rahmane
    for tok in verb.doc[verb.i + 1: verb.i + 4]:
        if tok.ent_type_ in ("PER", "PERSON", "ORG"):
            return tok
    return None


def _speech_verbs(doc: Doc, start_char: int, end_char: int, res: LanguageResources) -> list[Token]:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return []
    verbs = [t for t in span if t.pos_ == "VERB" and any(k in res.speech_verbs for k in token_keys(t))]
    # right after the closing mark, any verb introduces the quote ("…", a demandé X / s'est indigné Y)
    first = next((t for t in span if not (t.is_punct or t.pos_ in ("AUX", "PRON") or t.is_space)), None)
    if first is not None and first.pos_ == "VERB" and first not in verbs:
        verbs.insert(0, first)
    return verbs


def _governing_verb(doc: Doc, start_char: int, end_char: int) -> Token | None:
    """The verb outside the quotation marks that the quoted words depend on."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    for _ in range(4):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and not (span.start <= tok.i < span.end):
            return tok
    return None


def find_quotes(doc: Doc, res: LanguageResources) -> list[QuoteMention]:
    text = doc_text(doc)
    out: list[QuoteMention] = []
    for m in QUOTE.finditer(text):
        group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
        q_start, q_end = m.start(group), m.end(group)
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        after = _speech_verbs(doc, m.end(), min(m.end() + LOOK_AFTER, line_end), res)
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = _speech_verbs(doc, max(m.start() - LOOK_BEFORE, line_start), m.start(), res)
        speaker = chosen = None
        for verb in after[:1] + before[-1:]:
            speaker, chosen = _speech_subject(verb), verb
            if speaker is not None:
                break
        if speaker is None:
            governing = _governing_verb(doc, q_start, q_end)
            if governing is not None:  # a quote woven into the sentence: "a menacé de « répondre … »"
                speaker = speaker_of(governing)
        out.append(QuoteMention(q_start, q_end, speaker, chosen))
    return out
