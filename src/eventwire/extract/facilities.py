"""Places inside a town that the gazetteer cannot know: numbered roads ("the A417"), streets, roads and squares by
name ("Royal Street"); with ``named=True`` also buildings, venues and estates by name ("the Manila Cathedral",
"Barclays Center").

Each keeps its own name, has no GeoNames id, and takes the point of the town the article puts it in: a town named
in its own sentence ("Trump Tower in New York", "Desire Street, New Orleans"), else a city its name contains
("Dubai World Trade Centre"), else the town the article is mostly about. Its feature code says what it is (``ST``
street, ``RD`` road, ``CH`` church, ``AIRP`` airport, ``STDM`` stadium, ``BLDG`` building… from
``data/facilities.yaml``); precision is 1 when its town is named in the sentence, 2 otherwise (3 when only a region
of the article places it).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.lexicon import doc_ents, load_yaml, sentence_of
from eventwire.resolve.places import GeoEntry, PlaceContext, PlaceResolver

ROAD_CODE = re.compile(r"^([A-Z])-?(\d{1,4})$")
OPEN_CLASS = ("PROPN", "NOUN", "ADJ", "NUM")
LINKS = {"'s", "’s", "&", "of", "de", "du", "des", "d'", "d’", "la", "le"}
COMPASS = {"north", "south", "east", "west", "nord", "sud", "est", "ouest"}
# heads that are also surnames or first words of organisations' names: only when NER does not call the name a person
SURNAME_HEADS = {"church", "hall", "park", "lane", "tower", "castle", "chapel", "bridge", "garden", "gardens",
                 "temple", "port", "beach", "market", "inn", "base", "station", "place"}
# a facility word followed by these is an organisation's name ("Center for Strategic Studies", "Wall Street Journal")
ORG_TAILS = {"for", "of", "journal", "trust", "foundation", "group", "fc", "united", "rangers", "council", "board",
             "authority", "committee", "association", "company", "corporation", "inc", "ltd", "club", "police",
             "university", "press", "times", "news", "records", "entertainment"}
STREET_CODES = frozenset({"ST", "RD", "SQR"})  # streets, roads and squares: named so, always places
LOCATIVES = {"at", "in", "on", "near", "from", "to", "into", "outside", "inside", "through", "via", "towards",
             "toward", "à", "dans", "près", "vers", "sur"}


@dataclass(frozen=True)
class FacilityLexicon:
    """Facility head nouns with their GeoNames feature codes, French heads that lead the name, and road-number
    letters by country."""

    heads: dict[str, str]
    leading: frozenset[str]
    road_codes: dict[str, frozenset[str]]

    @classmethod
    def load(cls) -> FacilityLexicon:
        data = load_yaml("facilities.yaml") or {}
        return cls({str(k): str(v) for k, v in (data.get("heads") or {}).items()},
                   frozenset(data.get("leading") or ()),
                   {cc: frozenset(letters) for cc, letters in (data.get("road_codes") or {}).items()})

    def code(self, tok: Token) -> str | None:
        return self.heads.get(tok.lower_.rstrip("."))


@dataclass
class Located:
    """A facility or locality with the place it was put at (``anchor``) and how precisely."""

    span: Span
    feature_code: str
    anchor: GeoEntry
    precision: int


class FacilityFinder:
    """Finds facilities and unknown localities of a document and puts each in its town."""

    def __init__(self, resolver: PlaceResolver, lexicon: FacilityLexicon | None = None, named: bool = False) -> None:
        self.resolver = resolver
        self.lexicon = lexicon or FacilityLexicon.load()
        self.named = named  # buildings and venues by name too (off by default: see docs/geoparsing.md)

    def __call__(self, doc: Doc, towns: list[tuple[Span, GeoEntry]], taken: set[int],
                 context: PlaceContext) -> list[Located]:
        """``towns``: the article's resolved places (span, entry); ``taken``: token positions already in a place."""
        spans: list[tuple[Span, str]] = []
        # streets and squares by name always (a street is a place whatever it is named after); buildings and venues
        # (often standing for the institution in them: "the hospital said") only when asked
        named = [*self._named(doc), *((e, self._code_of(e)) for e in doc_ents(doc)
                                      if e.label_ == "FAC" and _after_locative(e))] if self.named else \
            [(span, code) for span, code in self._named(doc) if code in STREET_CODES]
        for span, code in [*named, *self._roads(doc, towns)]:
            if any(t.i in taken for t in span):
                continue
            taken.update(t.i for t in span)
            spans.append((span, code))
        main = _main_town(towns)
        out = []
        for span, code in spans:
            found = self._anchor(span, towns, main, context)
            if found is not None:
                anchor, precision = found
                out.append(Located(span, code, anchor, precision))
        return out

    def _code_of(self, span: Span) -> str:
        return self.lexicon.code(span[-1]) or "BLDG"

    def _named(self, doc: Doc) -> list[tuple[Span, str]]:
        """Capitalised names ending in a facility word ("Royal Street", "St. Michael's Hospital") or, in French,
        led by one ("rue de Rivoli", "place Tahrir")."""
        people = {i for e in doc_ents(doc) if e.label_ in ("PERSON", "PER") for i in range(e.start, e.end)}
        out = []
        for tok in doc:
            code = self.lexicon.code(tok)
            if code is None:
                continue
            if tok.text[:1].isupper() and not tok.is_sent_start:
                span = self._name_before(tok)
                if span is not None and not (tok.lower_ in SURNAME_HEADS and tok.i in people):
                    out.append((span, code))
            elif doc.lang_ == "fr" and tok.lower_ in self.lexicon.leading:
                span = self._name_after(tok)
                if span is not None:
                    out.append((span, code))
        return out

    @staticmethod
    def _name_before(head: Token) -> Span | None:
        doc, sent = head.doc, sentence_of(head)
        nxt = doc[head.i + 1] if head.i + 1 < sent.end else None
        if nxt is not None and (nxt.lower_ in ORG_TAILS or (nxt.text[:1].isupper() and nxt.lower_ not in COMPASS)):
            return None  # "Center for Strategic Studies", "Street Journal", "Park Rangers": an organisation
        start = head.i
        while start > sent.start and _name_word(doc[start - 1]):
            start -= 1
        while start < head.i and (doc[start].is_stop or not doc[start].text[:1].isupper()):
            start += 1  # "The", "'s" are not the name's first word
        return doc[start: head.i + 1] if start < head.i else None

    @staticmethod
    def _name_after(head: Token) -> Span | None:
        doc, sent = head.doc, sentence_of(head)
        end = head.i + 1
        while end < sent.end and (doc[end].lower_ in LINKS or doc[end].text[:1].isupper()) and end - head.i <= 5:
            end += 1
        while end > head.i + 1 and not doc[end - 1].text[:1].isupper():
            end -= 1
        return doc[head.i: end] if end > head.i + 1 else None

    def _roads(self, doc: Doc, towns: list[tuple[Span, GeoEntry]]) -> list[tuple[Span, str]]:
        """"the A417", "the M25": road numbers, in an article whose places are mostly in a country numbering its
        roads so."""
        countries = Counter(e.country for _, e in towns if e.country)
        home = countries.most_common(1)[0][0] if countries else ""
        letters = self.lexicon.road_codes.get(home, frozenset())
        out = []
        for tok in doc:
            match = ROAD_CODE.match(tok.text)
            if match and match.group(1) in letters and tok.i > 0 and \
                    doc[tok.i - 1].lower_ in ("the", "and", ",", "via", "to", "onto", "from"):
                out.append((doc[tok.i: tok.i + 1], "RD"))
        return out

    def _anchor(self, span: Span, towns: list[tuple[Span, GeoEntry]], main: GeoEntry | None,
                context: PlaceContext) -> tuple[GeoEntry, int] | None:
        """The town a facility is in, and the precision that gives."""
        sent = sentence_of(span.root)
        here = [(s, e) for s, e in towns if sent.start <= s.start < sent.end and not e.is_area]
        if here:
            return min(here, key=lambda p: abs(p[0].start - span.start))[1], 1
        inner = self._town_in_name(span, context)
        if inner is not None:
            return inner, 1
        if main is not None:
            return main, 2
        regions = [(s, e) for s, e in towns if e.feature_code in ("ADM1", "ADM2")]
        if regions:
            return min(regions, key=lambda p: abs(p[0].start - span.start))[1], 3
        return None

    def _town_in_name(self, span: Span, context: PlaceContext) -> GeoEntry | None:
        """"Manila Cathedral", "Dubai World Trade Centre": a sizeable town of the article's countries opening the
        name."""
        for n in range(len(span) - 1, 0, -1):
            entry = self.resolver.resolve(span[:n].text, context, fuzzy=False)
            if entry is not None and not entry.is_area and entry.population >= 100_000:
                return entry
        return None


def _name_word(tok: Token) -> bool:
    """A word that can be part of a facility's name: capitalised, a number ("14th", "2700"), or a link ("'s")."""
    return (tok.text[:1].isupper() and tok.pos_ in OPEN_CLASS) or tok.lower_ in ("'s", "’s") or \
        (tok.like_num and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text[:1].isupper())


def _after_locative(span: Span) -> bool:
    """"at Heathrow", "on Broadway", "stopped at the Rogers Centre": NER's facilities are places only after a place
    preposition (its FAC label alone also covers events, laws and teams)."""
    i = span.start
    if i > 0 and span.doc[i].lower_ != "the" and span.doc[i - 1].lower_ == "the":
        i -= 1
    return i > 0 and span.doc[i - 1].lower_ in LOCATIVES


def _main_town(towns: list[tuple[Span, GeoEntry]]) -> GeoEntry | None:
    """The town an article names most (the first named among equals)."""
    counts: Counter[int] = Counter()
    first: dict[int, GeoEntry] = {}
    for _, entry in towns:
        if not entry.is_area:
            counts[entry.index] += 1
            first.setdefault(entry.index, entry)
    if not counts:
        return None
    best = max(counts.values())
    return next(e for i, e in first.items() if counts[i] == best)
