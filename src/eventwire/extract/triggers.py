"""Triggers: where the lexicon's event words occur in a sentence, checked against part of speech and objects."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventwire.lexicon import fold, token_keys
from eventwire.resources import LanguageResources, TriggerEntry

VERB_POS = {"VERB", "AUX", "ADJ"}
NOUN_POS = {"NOUN", "PROPN", "ADV", "X", "ADJ"}
OBJECT_DEPS = {"obj", "dobj", "prep", "nsubj:pass", "nsubjpass", "obl", "obl:arg", "nmod", "pobj", "compound", "attr",
               "iobj", "obl:mod"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
NAME_ENTS = {"ORG", "PER", "PERSON", "GPE", "LOC", "NORP", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "MISC"}
PLACE_NOUNS = frozenset({"town", "city", "village", "area", "region", "territory", "district", "ville", "localite",
                         "zone", "territoire", "quartier", "province", "locality"})
FRAME_NOUNS = {"spree", "campaign", "wave", "series", "spate", "vague", "série", "campagne", "operation", "opération",
               "mission", "effort", "efforts", "bid", "attempt", "process", "initiative", "tentative"}
# Copulas and auxiliaries are never triggers, whatever a lexicon says.
NEVER = {"etre", "avoir", "be", "have"}


@dataclass
class Trigger:
    """One event word (or phrase) in the text, with the tokens it covers."""

    start: int  # first token index (doc)
    end: int  # one past the last token
    head: Token
    entry: TriggerEntry
    tokens: list[int] = field(default_factory=list)

    @property
    def is_noun(self) -> bool:
        return self.entry.pos == "NOUN"


def _pos_ok(entry: TriggerEntry, head: Token) -> bool:
    if head.lemma_.lower() in NEVER or head.is_punct or head.like_num:
        return False
    if head.ent_type_ in ("ORG", "WORK_OF_ART", "LAW") or (
            entry.pos == "NOUN" and head.pos_ == "PROPN" and head.text[:1].isupper() and not head.is_sent_start):
        return False  # "the Group for the Support of Islam and Muslims" names a group, not an act of support
    if entry.pos == "VERB":
        return head.pos_ in VERB_POS
    # a noun modifying another noun names a kind of thing, not an event: "border patrol agents", "strike leaders"
    return head.pos_ in NOUN_POS and (head.dep_ not in ("compound", "amod") or head.head.lower_ in FRAME_NOUNS)


def _objects_ok(entry: TriggerEntry, head: Token) -> bool:
    if not entry.objects:
        return True
    for child in head.children:
        if child.dep_ in OBJECT_DEPS:
            # "un petit nombre de villages", "a number of villages": look one level into the object
            candidates = [child, *(c for c in child.children if c.dep_ in ("pobj", "conj", "nmod", "prep"))]
            if child.dep_ == "prep":
                candidates += [c for c in child.children if c.dep_ == "pobj"]
            candidates += [g for c in candidates[1:] if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            for cand in candidates:
                if any(k in entry.objects for k in token_keys(cand)):
                    return True
                # a named place fills a place slot: "withdrew from Kirkuk", "ont pris Kidal"
                if cand.ent_type_ in PLACE_ENTS and entry.objects & PLACE_NOUNS:
                    return True
    if head.dep_ in ("acl", "amod", "acl:relcl", "relcl"):  # "les civils tués", "people arrested"
        return any(k in entry.objects for k in token_keys(head.head))
    if entry.pos == "NOUN":
        # "an open-ended strike", "workers went on strike": the noun's modifiers, or who carries it out
        near = [c for c in head.children if c.dep_ in ("amod", "nummod", "npadvmod")]
        near += [c for c in head.head.children if c.dep_ in ("nsubj", "nsubj:pass")] if head.head.i != head.i else []
        return any(k in entry.objects for tok in near for k in (*token_keys(tok), *tok.text.lower().split("-")))
    return False


def phrase_head(sent: Span, tokens: list[int]) -> Token:
    """The syntactic head of a matched phrase: the token whose head lies outside the phrase."""
    doc = sent.doc
    inside = set(tokens)
    for i in tokens:
        tok = doc[i]
        if tok.head.i not in inside or tok.head.i == tok.i:
            return tok
    return doc[tokens[0]]


def _reflexive_ok(phrase_first: str, head: Token) -> bool:
    """French pronominal verbs mean something else: "se demander" (wonder) is not "demander" (ask)."""
    if phrase_first in ("se", "s'") or head.pos_ != "VERB":
        return True
    return not any(c.dep_.startswith("expl") and c.lower_ in ("se", "s'", "s’") for c in head.children)


def _sense_ok(entry: TriggerEntry, head: Token, res: LanguageResources) -> bool:
    """Readings the lexicon cannot rule out by itself: a motive ("in retaliation for", "en représailles à") names
    why another act happened, and a reflexive object ("barricaded himself", "shot himself") is no act against
    anyone (but "blew himself up" is an attack); measures "targeting" a country are no strike."""
    keys = token_keys(head)
    if entry.pos == "NOUN" and any(k in res.motive_nouns for k in keys):
        governor = head.head if head.dep_ == "pobj" else None
        case = [c for c in head.children if c.dep_ == "case"]
        marker = governor if governor is not None else (case[0] if case else None)
        bare = not any(c.dep_ == "det" for c in head.children)  # "in protest at", not "took part in the protests"
        single = res.lang == "fr" or "Plur" not in head.morph.get("Number", [])  # "représailles" is always plural
        if marker is not None and marker.lower_ in ("in", "en") and bare and single:
            return False
    if entry.type == "ASSAULT" and entry.pos == "VERB" and head.dep_ in ("acl", "amod", "acl:relcl", "relcl") and \
            any(k in res.measure_nouns for k in token_keys(head.head)):
        return False  # "new sanctions targeting Russia", "des mesures visant…"
    if entry.pos == "VERB" and res.reflexives:
        own = [c for c in head.children if c.dep_ in ("dobj", "obj")]
        phrasal = any(c.dep_ == "prt" for c in head.children)  # "blew himself up" is a suicide bombing
        if own and own[0].lower_ in res.reflexives and not phrasal:
            return False
    return True


PARTICLES = {"out", "up", "off", "down", "back", "away", "over"}


def find_triggers(sent: Span, res: LanguageResources, exclude: frozenset[int] = frozenset()) -> list[Trigger]:
    """Longest lexicon matches, left to right, whose head fits the entry's part of speech and object list.

    ``exclude``: token indices that cannot be triggers (the speech verbs that introduce quotes)."""
    found: list[Trigger] = []
    i, stop = 0, len(sent)
    while i < stop:
        chosen = None
        hits = res.triggers.match_at(sent, i, stop)
        # among equally long matches, an entry whose object constraint holds is the more specific reading
        hits.sort(key=lambda h: (len(h[0].words), bool(h[0].payload.objects)), reverse=True)
        for phrase, end, matched in hits:
            entry: TriggerEntry = phrase.payload
            tokens = [sent.start + m for m in matched]
            head = phrase_head(sent, tokens)
            if head.i not in exclude and _pos_ok(entry, head) and _objects_ok(entry, head) and \
                    _sense_ok(entry, head, res) and (
                    res.lang != "fr" or _reflexive_ok(phrase.words[0], head)):
                chosen = Trigger(sent.start + i, sent.start + end, head, entry, tokens)
                break
        if chosen is not None:
            found.append(chosen)
            i = chosen.end - sent.start
        else:
            i += 1
    return sorted(found + _split_phrasal(sent, res, found, exclude), key=lambda t: t.start)


def _split_phrasal(sent: Span, res: LanguageResources, found: list[Trigger], exclude: frozenset[int]) -> list[Trigger]:
    """Phrasal verbs whose particle comes after a long object ("forced the UN refugee agency, UNHCR, out of the
    country"), beyond the few words a phrase may skip: the particle hangs on the verb in the parse."""
    taken = {i for t in found for i in range(t.start, t.end)}
    out = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.i in taken or tok.i in exclude:
            continue
        children = {fold(c.text): c for c in tok.children if c.dep_ in ("prt", "prep", "advmod") and c.i > tok.i + 3}
        for key in token_keys(tok):
            for phrase in res.triggers.by_first.get(key, ()):
                entry: TriggerEntry = phrase.payload
                particle = children.get(phrase.words[-1]) if len(phrase.words) == 2 else None
                if particle is not None and phrase.words[-1] in PARTICLES and entry.pos == "VERB" and \
                        _objects_ok(entry, tok) and _sense_ok(entry, tok, res):
                    out.append(Trigger(tok.i, tok.i + 1, tok, entry, [tok.i, particle.i]))
                    break
            if out and out[-1].head.i == tok.i:
                break
    return out
