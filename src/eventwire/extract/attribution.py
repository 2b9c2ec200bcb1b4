"""Attribution and modality: according to whom an event is reported, and whether it happened at all.

* Sources: "selon X", "d'après X", "according to X", and speech verbs governing the event ("X a déclaré que…",
  "…, X said").
* Modality: ``denied`` (negated, or under a denial verb), ``hypothetical`` (conditional mood, "si"/"if", modals),
  ``future`` (under a plan/threat verb, future tense), ``claimed`` (reported by a party), else ``asserted``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.lexicon import token_keys
from eventwire.resources import LanguageResources

CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "parataxis", "conj", "acl", "acl:relcl", "relcl", "obj", "dobj",
               "obl", "obl:arg", "nsubj", "nsubj:pass", "nsubjpass", "pobj", "prep", "nmod", "mark"}
MAX_CLIMB = 6
TEMPORAL = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "soir", "matin",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
            "night", "nuit", "week", "semaine", "month", "mois"}


@dataclass(frozen=True)
class Source:
    """Who reports an event: the speaker token and how the report is made."""

    head: Token  # the source's noun phrase head (may be a pronoun)
    verb: Token | None  # the speech verb, or None for "selon X"
    claim: bool  # a claim verb ("affirmer", "claim") rather than neutral reporting


def _temporal(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME") or token.lower_ in TEMPORAL


def speaker_of(verb: Token) -> Token | None:
    """The speaker: the verb's subject, or the inverted subject French puts after it ("…, ont indiqué mardi des
    responsables locaux"), which parsers often label as an object."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass", "nsubjpass", "expl:subj") and child.lower_ not in ("-t", "t") \
                and not _temporal(child):
            return child
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("obj", "dobj", "nsubj", "obl:mod", "obl:arg") and \
                child.pos_ in ("NOUN", "PROPN") and not _temporal(child) and not any(
                    c.dep_ == "case" for c in child.children):
            return child
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        return speaker_of(verb.head)  # "…a démenti toute défaite, évoquant un « repli tactique »"
    return None


def attribution_markers(sent: Span, res: LanguageResources) -> list[tuple[Token, Token]]:
    """(marker's first token, source head) for each "selon X" / "according to X" in the sentence."""
    found = []
    for _phrase, start, end, _ in res.attribution.find(sent):
        doc = sent.doc
        first = doc[sent.start + start]
        source = None
        for tok in doc[sent.start + end: sent.end]:
            if tok.pos_ in ("NOUN", "PROPN", "PRON") and not _temporal(tok):
                source = tok
                while source.head.i >= sent.start + end and source.head.pos_ in ("NOUN", "PROPN") and \
                        source.dep_ in ("compound", "flat", "flat:name", "amod", "nmod") and source.head.i > tok.i:
                    source = source.head
                break
        if source is not None:
            found.append((first, source))
    return found


def source_of(head: Token, sent: Span, res: LanguageResources,
              markers: list[tuple[Token, Token]]) -> Source | None:
    """The nearest speech verb above the event, else an attribution marker whose clause contains it."""
    tok = head
    for _ in range(MAX_CLIMB):
        if tok.head.i == tok.i:
            break
        parent = tok.head
        if any(k in res.speech_verbs for k in token_keys(parent)) and tok.dep_ != "nsubj":
            speaker = speaker_of(parent)
            if speaker is not None:
                return Source(speaker, parent, any(k in res.claim_verbs for k in token_keys(parent)))
        tok = parent
    # "Militants stormed the base, the army said": the speech verb hangs under the event's clause
    for child in head.children:
        if child.dep_ in ("parataxis", "ccomp", "advcl", "conj") and any(
                k in res.speech_verbs for k in token_keys(child)):
            speaker = speaker_of(child)
            if speaker is not None:
                return Source(speaker, child, any(k in res.claim_verbs for k in token_keys(child)))
    for marker, source in markers:
        scope = _clause_of(marker)
        if scope is None or scope.is_ancestor(head) or scope == head or scope.dep_ == "ROOT":
            return Source(source, None, False)
    return None


def _clause_of(token: Token) -> Token | None:
    tok = token
    for _ in range(MAX_CLIMB):
        if tok.pos_ in ("VERB", "AUX") and tok.i != token.i:
            return tok
        if tok.head.i == tok.i:
            return tok
        tok = tok.head
    return None


def _governors(head: Token) -> list[Token]:
    """The trigger, its auxiliaries, and the verbs that govern it (up to the sentence root)."""
    out = [head, *(c for c in head.children if c.dep_.startswith("aux"))]
    tok = head
    for _ in range(3):
        if tok.head.i == tok.i or tok.dep_ not in CLAUSE_DEPS:
            break
        tok = tok.head
        out.append(tok)
        out.extend(c for c in tok.children if c.dep_.startswith("aux"))
    return out


def modality(head: Token, res: LanguageResources, *, is_noun: bool) -> str | None:
    """``denied`` / ``hypothetical`` / ``future`` when the event did not (or not yet) happen, else ``None``."""
    near = [head, *(c for c in head.children if c.dep_.startswith("aux"))]
    if is_noun and head.head.i != head.i:
        near += [head.head, *(c for c in head.head.children if c.dep_.startswith("aux"))]
    for tok in near:
        if any(c.dep_ in ("advmod", "neg", "advmod:neg") and any(k in res.negations for k in token_keys(c))
               for c in tok.children):
            return "denied"
    governors = _governors(head)
    for tok in governors[1:]:
        if tok.pos_ in ("VERB",) and any(k in res.denial_verbs for k in token_keys(tok)):
            return "denied"
    for tok in governors:
        if "Cnd" in tok.morph.get("Mood", []) or any(
                c.dep_ == "mark" and any(k in res.hypothetical_markers for k in token_keys(c))
                for c in tok.children):
            return "hypothetical"
        if tok.dep_.startswith("aux") and any(k in res.hypothetical_markers for k in token_keys(tok)):
            return "hypothetical"
    for tok in governors:
        if "Fut" in tok.morph.get("Tense", []) or (
                tok.i != head.i and any(k in res.future_markers for k in token_keys(tok))):
            return "future"
    return None
