"""Quantities: killed, injured, arrested and abducted counts (digits and words, French and English) and other
counted things (sorties, villages, rockets).

Counts follow ACLED's conservative reading: "at least 15" → 15, "une vingtaine" → 20, "dozens" → 12 (the values
are data, in ``cues.*.yaml``), the lowest figure when a range is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.lexicon import fold, token_keys
from eventwire.resources import LanguageResources

MAX_COUNT = 10_000_000  # beyond this a "toll" is a parsing accident or a typo, not a count of people
DIGITS = re.compile(r"^\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})+$|^\d+$")
CASUALTY_KINDS = ("killed", "injured", "arrested", "abducted")
NONE_BEFORE = {"no", "not", "aucun", "aucune", "nul", "nulle", "pas"}  # "No one was hurt", "pas un seul soldat"


@dataclass(frozen=True)
class Count:
    kind: str  # killed | injured | arrested | abducted | unit
    value: int
    unit: str
    noun: Token  # the counted noun (or the number itself)
    start: int  # first token of the number
    end: int


def parse_digits(text: str) -> int | None:
    if not DIGITS.match(text):
        return None
    value = int(re.sub(r"\D", "", text))
    return value if value <= MAX_COUNT else None


def _numbers(sent: Span, res: LanguageResources) -> list[tuple[int, int, int]]:
    """(start, end, value) of every number in the sentence, digits or words."""
    out: list[tuple[int, int, int]] = []
    i = 0
    while i < len(sent):
        tok = sent[i]
        value = parse_digits(tok.text) if tok.like_num else None
        if value is not None:
            out.append((tok.i, tok.i + 1, value))
            i += 1
            continue
        # number words match on the written form only: French lemmatises the article "des" as "un"
        hits = [h for h in res.numbers.match_at(sent, i, len(sent)) if fold(tok.text) == h[0].words[0]]
        if hits:
            phrase, end, _ = hits[0]
            number = int(phrase.payload)
            # "deux cents", "trois mille", "two hundred": multiply by a following power of ten
            nxt = res.numbers.match_at(sent, end, len(sent)) if end < len(sent) else []
            if nxt and int(nxt[0][0].payload) in (100, 1000, 1_000_000) and number < 100:
                number *= int(nxt[0][0].payload)
                end = nxt[0][1]
            out.append((sent.start + i, sent.start + end, number))
            i = end
            continue
        i += 1
    return out


def _kind_of_word(token: Token, res: LanguageResources) -> str | None:
    keys = token_keys(token)
    for kind, words in (("killed", res.killed), ("injured", res.injured), ("arrested", res.arrested),
                        ("abducted", res.abducted)):
        if any(k in words for k in keys):
            return kind
    return None


def _kind_of_noun(noun: Token, res: LanguageResources) -> str | None:
    """"20 morts" / "15 dead"; "tué 100 miliciens"; "100 civils tués"; "15 people were killed"."""
    own = _kind_of_word(noun, res)
    if own is not None:
        return own
    for child in noun.children:
        if child.dep_ in ("acl", "amod", "conj", "acl:relcl", "relcl") and child.pos_ in ("VERB", "ADJ"):
            kind = _kind_of_word(child, res)
            if kind:
                return kind
    head = noun.head
    killer = noun.dep_ == "nsubj" and any(c.dep_ in ("obj", "dobj") for c in head.children)  # "X killed Y"
    if noun.dep_ in ("obj", "dobj", "nsubj:pass", "nsubjpass", "nsubj") and not killer and \
            head.pos_ in ("VERB", "ADJ", "AUX"):
        kind = _kind_of_word(head, res)
        if kind:
            return kind
        for child in head.children:  # "15 people were reported killed"
            if child.dep_ in ("xcomp", "oprd", "acomp") and (kind := _kind_of_word(child, res)):
                return kind
    if noun.dep_ == "conj":
        return _kind_of_noun(noun.head, res)
    return None


def find_counts(sent: Span, res: LanguageResources) -> list[Count]:
    counts: list[Count] = []
    doc = sent.doc
    for start, end, value in _numbers(sent, res):
        number = doc[end - 1]
        noun = number.head if number.dep_ in ("nummod", "det", "amod", "quantmod") else number
        if noun.i == number.i and end < sent.end and doc[end].pos_ in ("NOUN", "ADJ", "PROPN"):
            noun = doc[end]  # "une vingtaine de morts": the counted noun follows "de"
        elif noun.i == number.i and end + 1 < sent.end and doc[end].lower_ in ("de", "d'", "of"):
            noun = doc[end + 1]
        if start > sent.start and doc[start - 1].lower_ in ("à", "a", "at") and noun.i == number.i:
            continue  # "à 20 km", times and ranks
        if start > sent.start and doc[start - 1].lower_ in NONE_BEFORE:
            value = 0  # "no one", "not one": nobody, not one person
        kind = _kind_of_noun(noun, res)
        if kind is None and noun.i != number.i:  # "killed dozens of people": the number heads the phrase
            kind = _kind_of_noun(number, res)
        if kind is None and any(k in res.units for k in token_keys(noun)):
            counts.append(Count("unit", value, noun.lemma_.lower(), noun, start, end))
        elif kind is not None:
            counts.append(Count(kind, value, "people", noun, start, end))
    return counts
