"""Place mentions of one article: recognised (spaCy LOC/GPE, names after place prepositions, and a gazetteer matcher
for names NER misses), filtered (demonyms, people, capitals speaking for governments), resolved together (one
context per article) and given an ACLED geo-precision.

A village the gazetteer does not know keeps its name and takes the point of the district or region the sentence
names, with precision 3.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.extract.facilities import STREET_CODES, FacilityFinder
from eventwire.lexicon import doc_ents, doc_text, load_yaml, sentence_of, token_keys
from eventwire.models import Place
from eventwire.nlp import DASHES
from eventwire.resolve.gazetteer import base_key
from eventwire.resolve.places import COUNTRY_LIKE, GeoEntry, PlaceContext, PlaceResolver, km, neighbours, precision_of
from eventwire.resources import LanguageResources

PLACE_LABELS = {"LOC", "GPE"}
OTHER_LABELS = {"PERSON", "PER", "ORG", "MISC", "NORP", "FAC"}
REGION_WORDS = {"province", "region", "région", "district", "state", "état", "county", "département", "prefecture",
                "préfecture", "governorate", "gouvernorat", "territoire", "territory", "cercle", "zone", "oblast",
                "wilaya", "provinces", "regions", "régions", "states"}
# who governs a state or province, after its name: "New York Gov. Andrew Cuomo", "Quebec Premier" (not the city)
REGION_TITLES = {"gov.", "governor", "premier", "legislature", "lt.-gov."}
PLACE_HEADS = {"city", "town", "village", "district", "region", "province", "outskirts", "suburb", "area",
               "port", "capital", "state", "county", "ville", "localité", "région", "villages", "towns",
               "périphérie", "banlieue", "quartier", "commune", "capitale", "environs", "hameau", "neighbourhood",
               "neighborhood", "camp", "locality"}
STRONG_LOCATIVES = {"near", "in", "at", "outside", "à", "près", "dans"}
CONTINENT_ADJECTIVES = {"european": "Europe", "african": "Africa", "asian": "Asia", "européen": "Europe",
                        "européenne": "Europe", "européens": "Europe", "européennes": "Europe", "africain": "Africa",
                        "africaine": "Africa", "africains": "Africa", "africaines": "Africa"}
ARTICLES = {"the", "le", "la", "les", "l'", "l’"}
HEADING_WORDS = {"towards", "toward", "vers", "direction"}
VILLAGE_WORDS = {"village", "villages", "localité", "localités", "hameau", "hameaux", "hamlet", "hamlets", "locality",
                 "localities", "town", "towns", "bourgade"}
TOWN_WORDS = {"city", "town", "village", "ville", "bourg", "commune", "municipality"}
COUNTRY_OR_CONTINENT = (*COUNTRY_LIKE, "CONT")
LOCATIVE_PREPS = {"near", "in", "at", "outside", "around", "from", "into", "à", "près", "dans", "vers", "autour",
                  "en", "au", "aux", "of", "de", "d'", "du"}
MATCH_MIN_POPULATION = 20_000
MISREAD_LABELS = {"PRODUCT", "DATE", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"}
WIDEN = 2  # words a place NER cut short may gain on each side
BLOCKING_LABELS = {"PERSON", "PER", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "DATE", "TIME", "MONEY", "QUANTITY",
                   "CARDINAL", "ORDINAL", "PERCENT", "NORP", "LANGUAGE"}
COMMON_CAPITALISED = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi",
    "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "north", "south", "east", "west", "northern",
    "southern", "eastern", "western", "central", "nord", "sud", "est", "ouest", "centre", "center", "easter",
    "christmas", "noël", "god", "dieu", "mission", "union", "victoria", "orange", "media", "police", "free", "big",
    # what regions are called, not their names ("Federal District", "Capital Region"): "the Federal Government"
    "federal", "capital", "national", "autonomous", "special", "metropolitan", "fédéral", "autonome",
}
MAX_NAME_TOKENS = 6  # "Democratic People's Republic of Korea"
# abbreviations that are capitalised words of a name ("Fort St. John")
NAME_ABBREVIATIONS = {"U.S.", "U.K.", "U.N.", "St.", "Ste.", "Mt.", "Ft."}
# compass adjectives only: "West Virginia", "North Carolina", "South Sudan" are names of their own
COMPASS = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
           "southwestern", "upper", "lower", "north-eastern", "north-western", "south-eastern", "south-western"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "nord", "sud",
              "est", "ouest", "nord-est", "nord-ouest", "sud-est", "sud-ouest", "-"}
DISTANCE_UNITS = {"km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mi", "kilomètres", "kms"}
RELATIVE_FILLERS = {"à", "au", "a", "about", "some", "around", "environ", "quelque", "quelques", "l'", "l’"}
NEAR_RELATIONS = {"near", "outside", "près", "proche"}
ANCHOR_RADIUS_KM = 300.0
LIST_LINKS = {",", "and", "or", "et", "ou"}
QUARTER_WORDS = {"neighbourhood", "neighborhood", "quarter", "quartier"}  # a part of a town, never a district or region
OWNED_PARTS = {"district", "area"}  # a part of a town when the town owns it: "Giza's Haram district"
QUARTER_RADIUS_KM = 50.0
LIST_MATE_POPULATION = 1_000
MAJOR_CITY = 100_000
ORGANISATION_CUES = {"news", "agency", "reported", "reports", "said", "says", "quoted", "cited", "agence", "rapporte",
                     "indique", "affirme"}
GEO_HEADS = REGION_WORDS | {"peninsula", "valley", "péninsule", "vallée", "plateau", "basin", "bassin"}
LOCAL_TOWN_POPULATION = 20_000
# words a town's name stands before as the name of its own police, officials, courts or people ("Danbury police",
# "Beaconsfield Mayor Georges Bourelle", "Litchfield Superior Court", "Torrington businesses")
OFFICIAL_WORDS = {"police", "mayor", "council", "councillors", "councilors", "court", "superior", "sheriff",
                  "residents", "businesses", "officials", "firefighters", "fire", "opp", "rcmp", "doctor", "doctors",
                  "hospital", "schools", "detention", "jail", "airport", "borough", "township", "authorities",
                  "international", "film", "festival", "marathon", "grand"}
BASED_WORDS = {"based", "born", "led", "backed", "owned", "made", "headquartered"}  # after a place and a hyphen
OFFICIAL_TOWN_POPULATION = 5_000
MAX_OFFICIAL_NAME = 3
ABBREVIATING = {"USA", "CAN", "AUS"}  # countries whose newswires abbreviate regions after towns ("Barrie, Ont.")


@dataclass
class PlaceMention:
    span: Span
    place: Place
    entry: GeoEntry | None = None
    metonymic: bool = False  # "Moscow said", "according to Kyiv": the place speaks, nothing happens there
    heading: bool = False  # "fled towards Lake Chad", "en direction de Gao": where people went, not where it happened
    adjectival: bool = False  # "Syrian troops": a country named by its demonym (the actor's, not the event's place)
    facility: bool = False  # "Royal Street", "the Manila Cathedral": inside a town, placed at the town's point

    @property
    def locates(self) -> bool:
        """Whether the mention can be where an event happened."""
        return not (self.metonymic or self.heading or self.adjectival)


class PlaceFinder:
    """Finds and resolves the places of a document. ``demonym`` tells the country a single word names as a
    demonym ("Syrian" → SYR), from the actors' knowledge base, and ``organisation`` whether a name is an
    organisation's there ("Hamas", "Xinhua": no place unless NER calls it one); ``facilities``: buildings
    and venues by name too."""

    def __init__(self, res: LanguageResources, resolver: PlaceResolver,
                 demonym: Callable[[Token], str | None], facilities: bool = False,
                 organisation: Callable[[str], bool] = lambda name: False) -> None:
        self.res = res
        self.resolver = resolver
        self.demonym = demonym
        self.organisation = organisation
        self.facilities = FacilityFinder(resolver, named=facilities)
        self._dotted = _dotted_regions(resolver)

    def __call__(self, doc: Doc) -> list[PlaceMention]:
        spans = self._spans(doc)
        context = PlaceContext()
        for tok in doc:
            country = self.demonym(tok) if tok.pos_ in ("ADJ", "PROPN", "NOUN") and tok.text[:1].isupper() else None
            if country:
                context.countries[country] += 0.5  # type: ignore[assignment]
        # "Churchill, Man.": an abbreviated region is that region (not Amman) for the context too
        first = {id(s): (self._abbreviated(s[0]) if len(s) == 1 and _region_abbreviation(s[0]) else None) or
                 self.resolver.resolve(s.text, context, self._region(s)) for s in spans}
        for span in spans:  # names with one reading (or a country) set the article's context
            entry = first[id(span)]
            if entry is not None and (entry.is_area or len(self.resolver.candidates(span.text)) == 1) and \
                    not _compass_only(span):
                context.note(entry)
        resolved = [s for s in spans if first[id(s)] is not None]
        # a name no entry bears may open with a town before its officials: "the Barren County Detention Center"
        officials = self._before_officials(doc, resolved, context)
        spans = [s for s in spans if first[id(s)] is not None or not any(_overlap(s, o) for o in officials)]
        extra = officials + self._echoes(doc, resolved, context, officials)
        spans = sorted(spans + extra, key=lambda s: s.start)
        if sum(context.countries.values()) < 1:  # nothing else says where the story is: names sitting together do
            context.neighbours = neighbours(self._readings(spans))
        out: list[PlaceMention] = []
        unresolved: list[Span] = []
        settled: dict[str, GeoEntry] = {}
        for n, span in enumerate(spans):
            region = self._region(span)
            following = spans[n + 1] if n + 1 < len(spans) else None
            county = self._county_abbreviated(span, context)
            if county is not None:  # "PLYMOUTH CO. -": the county, with its abbreviation in the span
                span, entry = county
            else:
                entry = self._said(span, following, out, context)
            if entry is not None:  # "Edmonton, south of Cairns" settles what "Edmonton" means further on
                settled[base_key(span.text)] = entry
                if entry.feature_code == "ADM1" and len(span) == 1 and _region_abbreviation(span[0]):
                    # "CAMP MURRAY, Wash.": the story's "Washington" is the state ("Washington, D.C." says so)
                    settled.setdefault(base_key(entry.name), entry)
            else:
                entry = settled.get(base_key(span.text)) or \
                    self.resolver.resolve(span.text, context, region, town=self._town(span))
            if entry is None and len(span) > 1:
                entry = self._qualified(span, context, region)
            if entry is not None and _compass_only(span) and entry.country not in context.countries:
                entry = None  # "the West", "North": Cameroon's West region only in a story set in Cameroon
            if entry is not None and _names_a_quarter(span) and not self._near_its_town(entry, span, out):
                entry = None  # "Cairo's Abbasiya neighbourhood" is no town of Israel bearing that name
            if entry is None:
                unresolved.append(span)
                continue
            near = any(k in self.res.near_words for t in self._before(span, 5) for k in token_keys(t))
            place = self.place(entry, span, precision_of(entry, near, region))
            heading = any(t.lower_ in HEADING_WORDS for t in self._before(span, 3))
            out.append(PlaceMention(span, place, entry, metonymic=self._is_source(span), heading=heading))
        out += self._villages(unresolved, out)
        out += self._facilities(doc, out, context)
        out += self._adjectival(doc, out)
        return sorted(out, key=lambda m: m.span.start)

    def _county_abbreviated(self, span: Span, context: PlaceContext) -> tuple[Span, GeoEntry] | None:
        """"PLYMOUTH CO.", "Orange Co.": a county written with the newswire abbreviation of the word."""
        doc = span.doc
        after = doc[span.end: span.end + 2]
        if not (len(after) and after[0].lower_ == "co.") and not (len(after) == 2 and after.text.lower() == "co."):
            return None
        entry = self.resolver.resolve(f"{span.text} County", context, region=True, fuzzy=False)
        if entry is None or entry.feature_code != "ADM2":
            return None
        return doc[span.start: span.end + 1], entry

    def _said(self, span: Span, following: Span | None, found: list[PlaceMention],
              context: PlaceContext) -> GeoEntry | None:
        """The place the sentence itself says ``span`` is: an abbreviated region after a town ("Barrie, Ont."), a town
        in its region ("Paris, Texas"), a region listed with its siblings, a town measured from another ("Kasindi,
        80 km north of Beni")."""
        abbreviated = self._abbreviated(span[0]) if len(span) == 1 and _region_abbreviation(span[0]) else None
        return abbreviated or self._container(span, found) or self._contained(span, following) or \
            self._sibling_region(span, found) or self._near_anchor(span, following, context)

    def _echoes(self, doc: Doc, resolved: list[Span], context: PlaceContext, officials: list[Span]) -> list[Span]:
        """Other mentions of the article's places that NER tagged as something else ("Douma is surrounded",
        "Winnipeg police", "the Cairns police force"): one name, one sense per article. Also single names NER calls a
        person that are towns of 20,000 people in the article's countries, when no person of the article bears the
        name. A name read as a town before its police or mayor (``officials``), opening the dispatch or followed by
        its abbreviated region ("Churchill, Man.") counts as a place named once."""
        tagged = {i for e in doc_ents(doc) if e.label_ in PLACE_LABELS for i in range(e.start, e.end)}
        # names NER itself calls a place somewhere
        known = {s.text for s in resolved if s.root.i in tagged or _dateline_town(s) or _before_its_region(s)} | \
            {s.text for s in officials}
        taken = {i for s in resolved + officials for i in range(s.start, s.end)}
        surnames = _people_words(doc)
        # a person's full name, a single name one of them bears or a speaker's; a lone "Cairns" NER calls a person
        # may be the town
        people = {i for e in doc_ents(doc) if e.label_ in ("PERSON", "PER") and (
                  len(e) > 1 or e[0].lower_ in surnames or _speaks(e)) for i in range(e.start, e.end)}
        blocked = {i for e in doc_ents(doc) if e.label_ in ("DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL")
                   for i in range(e.start, e.end)}
        out: list[Span] = []
        for e in doc_ents(doc):
            if e.label_ in ("PERSON", "PER") and len(e) == 1 and e.start not in taken and e[0].lower_ not in surnames \
                    and e.text not in known and self._local_town(e, context):
                out.append(e)
                taken.add(e.start)
        by_first: dict[str, list[str]] = {}
        for name in sorted(known, key=len, reverse=True):
            by_first.setdefault(name.split(" ")[0], []).append(name)
        for tok in doc:
            if tok.text not in by_first or tok.i in taken or tok.i in people or tok.i in blocked or \
                    not _capitalised(tok):
                continue
            for name in by_first[tok.text]:
                span = doc[tok.i: tok.i + name.count(" ") + 1]
                if span.text == name and not any(t.i in taken for t in span):
                    out.append(span)
                    taken.update(range(span.start, span.end))
                    break
        return out

    def _readings(self, spans: list[Span]) -> list[list[GeoEntry]]:
        """The towns each ambiguous name of the article may be (one list a name)."""
        out: dict[tuple[int, ...], list[GeoEntry]] = {}  # "AN Edmonton" and "Edmonton" are one name
        for span in spans:
            towns = [e for e in self.resolver.candidates(span.text, fuzzy=False) if not e.is_area]
            if len(towns) > 1:
                out.setdefault(tuple(sorted(e.index for e in towns)), towns)
        return list(out.values())

    def _local_town(self, span: Span, context: PlaceContext) -> bool:
        return any(not e.is_area and e.population >= LOCAL_TOWN_POPULATION and e.country in context.countries
                   for e in self.resolver.candidates(span.text, fuzzy=False))

    def _qualified(self, span: Span, context: PlaceContext, region: bool) -> GeoEntry | None:
        """"Western Cambodia", "North London", "Montenegro province": the name GeoNames has, without the compass
        words or the kind of region around it."""
        rest = span
        # "North London", "Far North Queensland": no entry bears the whole, so the part of the place it names
        while len(rest) > 1 and rest.start - span.start < 2 and \
                (rest[0].lower_ in COMPASS or (rest[0].lower_ in DIRECTIONS | {"far"} and rest[0].text != "-")):
            rest = rest[1:]
        kind = len(rest) > 1 and rest[-1].lower_ in REGION_WORDS
        rest = rest[:-1] if kind else rest
        entry = self.resolver.resolve(rest.text, context, region) if len(rest) < len(span) else None
        if entry is not None and rest.start > span.start and not entry.is_area and \
                entry.population < LOCAL_TOWN_POPULATION:
            return None  # "the West Wing" is no part of a village called Wing
        if entry is not None and kind and (not entry.is_area or entry.geonameid is None):
            # "Islamic State Khorasan Province" is no town called Khorasan; and a region this gazetteer cannot
            # number is left to the region matcher
            return None
        return entry

    def _adjectival(self, doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
        """Capitalised demonyms ("Syrian forces", "the Turkish capital") refer to their country: listed among the
        article's places (flagged), never taken as where an event happened."""
        taken = {i for m in found for i in range(m.span.start, m.span.end)}
        # people, unless NER took a demonym for one ("in Azerbaijani jails", "Saint Lucian beaches")
        people = {i for e in doc_ents(doc) if e.label_ in ("PERSON", "PER") and not all(self.demonym(t) for t in e)
                  for i in range(e.start, e.end)}
        taken_pairs: set[int] = set()
        out = []
        for tok in doc:
            if tok.i in taken or tok.i in people or not tok.text[:1].isupper() or not tok.is_alpha:
                continue
            iso3 = self.demonym(tok)
            if tok.tag_ in ("NNS", "NNPS") or ("Plur" in tok.morph.get("Number", []) and tok.pos_ in ("NOUN", "PROPN")):
                continue  # "Americans will travel", "les Maliens": people, not their country
            if tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper() and \
                    self.facilities.lexicon.code(doc[tok.i + 1]) is not None:
                continue  # "Frenchmen Street", "the French Hospital": a facility's name, not the country
            if iso3 and tok.i > 0 and tok.i - 1 in taken_pairs:
                continue  # "Lankan" after "Sri": one demonym
            entry = self.resolver.country(iso3) if iso3 else None
            continent = CONTINENT_ADJECTIVES.get(tok.lower_)
            if continent and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "PROPN", "ADJ"):
                entry = self.resolver.resolve(continent)
            if entry is not None:
                pair = tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].isupper() and \
                    self.demonym(doc[tok.i + 1]) == iso3  # "Sri Lankan", "North Korean"
                span = doc[tok.i: tok.i + 2] if pair else doc[tok.i: tok.i + 1]
                if pair:
                    taken_pairs.add(tok.i)
                out.append(PlaceMention(span, self.place(entry, span, 3), entry, adjectival=True))
        return out

    # -- recognition ------------------------------------------------------------------------------------------------

    def _spans(self, doc: Doc) -> list[Span]:
        trimmed = [self._whole(e) or self._trim(e) for e in doc_ents(doc)
                   if e.label_ in PLACE_LABELS or self._after_locative(e) or _names_a_quarter(e)
                   or self._misread_norp(e) or self._misread_person(e) or self._misread_thing(e)]
        people = _people_words(doc)
        spans = [self._embedded_country(part) for s in self._widened(_split_at_commas(trimmed))
                 if not self._is_demonym(s) and not _compounded(s) and not self._organisation(s)
                 and not self._surname(s, people) for part in self._split_joined(s)]
        taken = {i for s in spans for i in range(s.start, s.end)}
        # "Gatineau, Que." or "Brands Hatch, Kent" with "Que" or "Kent" tagged a person: a region after a place and a
        # comma is read all the same
        after_comma = {t.i + 1 for t in doc if t.text == ","}  # where a region may follow a town
        blocked = {i for e in doc_ents(doc) if e.label_ in BLOCKING_LABELS for i in range(e.start, e.end)
                   if i not in after_comma or not (_region_abbreviation(doc[i]) or (
                       len(e) == 1 and _after_name_and_comma(e) and self._county_name(e)))}
        lowered = {t.lower_ for t in doc if t.is_lower}
        named = {i for e in doc_ents(doc) if e.label_ in ("ORG", "FAC") for i in range(e.start, e.end)}
        surnames = _surnames(doc)
        matched = [s for s in self._matched(doc, taken | blocked, lowered) if not _compounded(s) and
                   not self.organisation(s.text) and not self._surname(s, surnames) and (
                       not any(t.i in named for t in s) or _dateline_town(s) or
                       self._major(s, counties=_after_name_and_comma(s) and self._county_name(s)))]
        taken |= {i for s in matched for i in range(s.start, s.end)}
        found = [s for s in spans + matched if self._plausible(s) and not self._names_a_facility(s)] + \
            self._countries(doc, taken)
        taken |= {i for s in found for i in range(s.start, s.end)}
        return sorted(found + self._list_mates(doc, found, taken), key=lambda s: s.start)

    @staticmethod
    def _near_its_town(entry: GeoEntry, span: Span, found: list[PlaceMention]) -> bool:
        """Whether ``entry`` lies within 50 km of a town already found in ``span``'s sentence."""
        return not entry.is_area and any(
            not town.is_area and km((entry.lat, entry.lon), (town.lat, town.lon)) <= QUARTER_RADIUS_KM
            for _, town in _in_sentence(span, found))

    def _organisation(self, span: Span) -> bool:
        """"Hamas", "Xinhua": a name the knowledge base knows as an organisation is no place unless NER calls it one;
        even then when it reports or speaks ("Xinhua reported", "the Xinhua news agency", "according to Xinhua"),
        unless it is a country's or region's own name. ("Douma", the Russian parliament in French, is also a Syrian
        town.)"""
        if not self.organisation(span.text):
            return False
        doc = span.doc
        speaks = (span.end < len(doc) and doc[span.end].lower_ in ORGANISATION_CUES) or self._is_source(span)
        if span.root.ent_type_ in PLACE_LABELS and not speaks:
            return False
        return not any(e.is_area for e in self._own_entries(span))

    def _surname(self, span: Span, people: set[str]) -> bool:
        """"Brunson's release" after "Andrew Brunson": one word of the name of a person the article names in full
        (``people``) is that person, unless a place preposition governs it or it is a country's or region's own
        name."""
        return len(span) == 1 and span[0].lower_ in people and not _locative_prep(span) and \
            not self._region_name(span)

    def _names_a_facility(self, span: Span) -> bool:
        """"Hampton Avenue", "Washington Square", "Rue Casa Calvo", "St. Peter's Basilica", "Stade de France": a name
        that a street or building is named after is not that place. A town opening a building's name stays the town
        ("Colchester General Hospital", "Windsor Castle") when it is one by its own name; a street's never does."""
        doc = span.doc
        lexicon = self.facilities.lexicon

        def town() -> bool:
            return any(not e.is_area for e in self._own_entries(span))

        if lexicon.code(span[-1]) in STREET_CODES and len(span) > 1:
            return not town()  # "Atlantic Avenue"; but "Estey's Bridge" is a village
        before = [t for t in doc[max(0, span.start - 2):span.start] if t.lower_ not in ("de", "du", "des", "d'")]
        if before and before[-1].text[:1].isupper() and before[-1].lower_ in lexicon.leading:
            return True  # "Rue Casa Calvo", "Stade de France", "Place Tahrir"
        end = span.end
        while end < len(doc) and end - span.end < 3 and (doc[end].tag_ == "POS" or (
                doc[end].text[:1].isupper() and lexicon.code(doc[end]) is None and not doc[end].is_sent_start)):
            end += 1  # "St. Peter's Basilica", "Colchester General Hospital"
        code = lexicon.code(doc[end]) if end < len(doc) and doc[end].text[:1].isupper() else None
        if code is None:
            return False
        owner = span.end < len(doc) and doc[span.end].tag_ == "POS"  # "Harare's Third Street": the town's street
        return not town() if owner else (code in STREET_CODES or not town())

    def _split_joined(self, span: Span) -> list[Span]:
        """"Asia-Pacific", "Greece Italy" (a comma lost): a place NER tagged whose whole no entry bears, made of
        names that are places each, is those places."""
        doc = span.doc
        if len(span) < 2 or self.resolver.is_place_name(span.text):
            return [span]
        cuts = [t.i for t in span if t.text in ("-", "/")]
        links = [t.i for t in span if t.lower_ in ("and", "et", "or", "ou")]
        if links and not cuts:  # "Foua and Kfraya", "Haris and Varzaqan": two villages, known to entries or not
            parts = _pieces(span, links)
            if all(len(p) and _name_run(p) for p in parts):
                return [Span(doc, p.start, p.end, label=span.label_) for p in parts]
            return [span]
        if cuts:
            parts = _pieces(span, cuts)
        elif len(span) == 2:  # two words run together: only two countries ("Western Cambodia" is one place)
            parts = [doc[span.start:span.start + 1], doc[span.start + 1:span.end]]
            if not all(any(e.feature_code.startswith(COUNTRY_LIKE) for e in self._own_entries(p)) for p in parts):
                return [span]
        else:
            return [span]
        if all(len(p) and _name_run(p) and (self._own_name(p) or self._major(p, counties=False)) for p in parts):
            return [Span(doc, p.start, p.end, label=span.label_) for p in parts]
        return [span]

    def _list_mates(self, doc: Doc, found: list[Span], taken: set[int]) -> list[Span]:
        """"Nitra, Prešov and Košice", "Gao, Tombouctou et Kidal": a name listed next to a place, whatever NER called
        it but a person's full name, is a place when a town or region of the same country bears it as its own name."""
        people = {i for e in doc_ents(doc) if e.label_ in ("PERSON", "PER") and len(e) > 1
                  for i in range(e.start, e.end)}
        out: list[Span] = []
        queue = sorted(found, key=lambda s: s.start)
        while queue:
            anchor = queue.pop()
            countries = {e.country for e in self.resolver.candidates(anchor.text, fuzzy=False)}
            for mate in (self._mate_after(anchor), self._mate_before(anchor)):
                if mate is None or any(t.i in taken or t.i in people for t in mate):
                    continue
                if any(e.country in countries and (e.is_area or e.population >= LIST_MATE_POPULATION)
                       for e in self._own_entries(mate)):
                    out.append(mate)
                    queue.append(mate)
                    taken.update(range(mate.start, mate.end))
        return out

    @staticmethod
    def _mate_after(span: Span) -> Span | None:
        doc = span.doc
        i = span.end
        while i < len(doc) and doc[i].lower_ in LIST_LINKS:
            i += 1
        if i == span.end or i >= len(doc) or not _capitalised(doc[i]) or doc[i].is_sent_start:
            return None
        end = i
        while end < len(doc) and end - i < MAX_NAME_TOKENS and _capitalised(doc[end]):
            end += 1
        return doc[i:end]

    @staticmethod
    def _mate_before(span: Span) -> Span | None:
        doc = span.doc
        i = span.start
        while i > 0 and doc[i - 1].lower_ in LIST_LINKS:
            i -= 1
        if i == span.start or i == 0 or not _capitalised(doc[i - 1]):
            return None
        start = i
        while start > 0 and i - start < MAX_NAME_TOKENS and _capitalised(doc[start - 1]) and \
                not doc[start].is_sent_start:
            start -= 1
        return doc[start:i]

    def _embedded_country(self, span: Span) -> Span:
        """"Little Portugal", "Little Italy": a country's name NER tagged at the end of a longer capitalised name is
        that name (a neighbourhood, put at its town's point if nothing bears it), not the country."""
        doc = span.doc
        start = span.start
        while start > 0 and not doc[start].is_sent_start and _capitalised(doc[start - 1]) and \
                doc[start - 1].pos_ == "PROPN" and \
                doc[start - 1].lower_ not in COMPASS and not doc[start - 1].ent_type_ and \
                not self.demonym(doc[start - 1]):
            start -= 1
        if start == span.start or not any(e.feature_code.startswith(COUNTRY_LIKE)
                                           for e in self._own_entries(span)):
            return span
        return Span(doc, start, span.end, label=span.label_)

    def _plausible(self, span: Span) -> bool:
        """A name of two letters or an acronym ("BA", "MW", "Dr") is a place only as a country or a continent ("US",
        "RDC", "UE"; "Ont." or "KY" after a town is read as a region's abbreviation); a name of
        three letters only by its own name ("Ada", not "Eta" for Etah): GeoNames' alternate names are full of
        codes and abbreviations."""
        if len(span) != 1 or _region_abbreviation(span[0]):
            return True
        letters = sum(c.isalpha() for c in span.text)
        short = letters <= 2 or (span.text.replace(".", "").isupper() and letters <= 4)
        if not short and letters != 3:
            return True
        found = self.resolver.candidates(span.text, fuzzy=False)
        if short:
            # "B.C.", "N.J.", "D.C.": a region's abbreviation written as one, but a degree after a name is not ("Jane
            # Doe, M.D.")
            dotted = "." in span.text and not (span.start >= 2 and span.doc[span.start - 1].text == "," and
                                               span.doc[span.start - 2].ent_type_ in ("PERSON", "PER"))
            kinds = COUNTRY_OR_CONTINENT + (("ADM1", "PPLC") if dotted else ())
            return any(e.feature_code.startswith(kinds) for e in found)
        return any(e.is_area or base_key(e.name) == base_key(span.text) for e in found)

    def _widened(self, spans: list[Span]) -> list[Span]:
        """A place NER cut in two ("Boa" + "Vista", "ST" + "." + "LOUIS") or began too late ("Near North Side"):
        the widest run of capitalised words around it that is a place's own name."""
        out: list[Span] = []
        for span in sorted(spans, key=lambda s: (s.start, -s.end)):
            if out and span.start < out[-1].end:
                continue  # inside a place already widened
            best = span
            floor = max(span.start - WIDEN, out[-1].end if out else 0)
            for start in range(span.start, floor - 1, -1):
                for end in range(min(span.end + WIDEN, len(span.doc)), span.end - 1, -1):
                    wider = span.doc[start:end]
                    if len(wider) > len(best) and _name_run(wider) and self._own_name(wider):
                        best = wider
            out.append(best)
        return out

    def _own_entries(self, span: Span) -> list[GeoEntry]:
        """The entries whose own name (not an alternate) the span is."""
        key = base_key(span.text)
        return [e for e in self.resolver.candidates(span.text, fuzzy=False) if base_key(e.name) == key]

    def _own_name(self, span: Span) -> bool:
        return any(e.is_area or e.population >= MATCH_MIN_POPULATION for e in self._own_entries(span))

    def _countries(self, doc: Doc, taken: set[int]) -> list[Span]:
        """A country's name is a place wherever NER put it ("Azerbaijan should release…" opening a sentence,
        "Mauritius" tagged a product), except inside a person's full name."""
        people = [e for e in doc_ents(doc) if e.label_ in ("PERSON", "PER")]
        names = {i for e in people if len(e) > 1 for i in range(e.start, e.end)}
        surnames = _people_words(doc)
        out: list[Span] = []
        i = 0
        while i < len(doc):
            found = None
            tok = doc[i]
            if i not in taken and i not in names and _capitalised(tok) and tok.lower_ not in surnames and \
                    not _ends_a_longer_name(tok):
                run = 1  # countries' names NER missed are runs of capitalised words ("Azerbaijan", "Sri Lanka")
                while run < 4 and i + run < len(doc) and _capitalised(doc[i + run]):
                    run += 1
                for n in range(run, 0, -1):
                    span = doc[i:i + n]
                    if any(j in taken or j in names for j in range(i, i + n)):
                        continue
                    if (n > 1 or not self.demonym(span[0])) and self.resolver.is_place_name(span.text) and any(
                            e.feature_code.startswith("PCL") and base_key(e.name) == base_key(span.text)
                            for e in self.resolver.candidates(span.text, fuzzy=False)):
                        found = span
                        break
            if found is not None:
                out.append(found)
                i = found.end
            else:
                i += 1
        return out

    def _major(self, span: Span, counties: bool = True) -> bool:
        """A country, region or city of 100,000 people: named even inside an organisation's name ("Mackay police",
        "the Metcalfe County Sheriff's Office"). ``counties=False``: a county only by its full name (a religion or
        people misread as a place: "Christian" is a county too)."""
        county = counties or span[-1].lower_ in REGION_WORDS
        return any((e.is_area and (e.feature_code != "ADM2" or county)) or e.population >= 100_000
                   for e in self._named(span, self.resolver.candidates(span.text, fuzzy=False)))

    @staticmethod
    def _named(span: Span, entries: list[GeoEntry]) -> list[GeoEntry]:
        """The entries a name NER did not tag can stand for: its own name, or an alternate name of a country,
        region or large city ("Alep"). A small town's alternate name is too weak a sign ("Freedom" is also
        Alliance, Nebraska; "Christian" is also Moundridge, Kansas)."""
        return [e for e in entries if e.is_area or e.population >= 100_000 or base_key(e.name) == base_key(span.text)]

    def _whole(self, span: Span) -> Span | None:
        """A name whose lower-case head belongs to it ("le golfe d'Aden", "la mer Rouge": the sea, not the town),
        as the gazetteer knows it; else ``None`` and the head is trimmed ("pays du Sahel" → "Sahel")."""
        start = span.start
        while start < span.end - 1 and span.doc[start].lower_ in ARTICLES:
            start += 1
        whole = span.doc[start:span.end]
        return whole if whole[0].is_lower and len(whole) > 1 and self.resolver.is_place_name(whole.text) else None

    @staticmethod
    def _trim(span: Span) -> Span | None:
        """"the United States" → "United States"; "Syria's" → "Syria"."""
        start, end = span.start, span.end
        # "the United States", "pays du Sahel" → the name; "N'Djamena" keeps its "N'"
        while start < end - 1 and (span.doc[start].is_punct or not span.doc[start].text[:1].isupper()) and \
                any(t.text[:1].isupper() for t in span.doc[start + 1:end]):
            start += 1
        while start < end and span.doc[start].lower_ in ARTICLES:
            start += 1
        while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
            end -= 1
        return Span(span.doc, start, end, label=span.label) if end > start else None  # NER's label is kept

    def _matched(self, doc: Doc, taken: set[int], lowered: set[str]) -> list[Span]:
        """Capitalised names NER left out that the gazetteer knows as a country, region or sizeable town (or any
        town after a place preposition)."""
        out: list[Span] = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            # a capital opening a sentence says little: there only a region's or a country's name is taken
            # ("Kentucky State Police say…"); after a dateline's dash the story goes on as mid-sentence
            opening = tok.is_sent_start and not (tok.i == 0 or tok.is_upper or self._locative_before(tok)
                                                 or tok.doc[tok.i - 1].text in DASHES)
            if i in taken or not (_capitalised(tok) or _region_abbreviation(tok)):
                i += 1
                continue
            found = None
            for n in range(min(MAX_NAME_TOKENS, len(doc) - i), 0, -1):
                span = doc[i:i + n]
                if any(j in taken for j in range(i, i + n)) or not (_capitalised(span[-1]) or
                                                                      (n == 1 and _region_abbreviation(tok))):
                    continue
                if self._known(span, lowered) and (not opening or self._region_name(span)):
                    found = span
                    break
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found.end
        return out

    def _before_officials(self, doc: Doc, found: list[Span], context: PlaceContext) -> list[Span]:
        """A town's or county's own name right before the word for its police, officials, court or people
        ("Danbury police", "Beaconsfield Mayor Georges Bourelle", "the Laurel County Detention Center") or glued to
        "-based", "-born" ("the Kent-based outfit"), whatever NER called it: a town of 5,000 people in the article's
        countries (any, when it names none; or of 20,000 anywhere), no word the article writes in lower case and no
        part of a person's full name ("the Supreme Court" of India is no town in Louisiana)."""
        taken = {i for s in found for i in range(s.start, s.end)}
        people = _people_words(doc)
        lowered = {t.lower_ for t in doc if t.is_lower}
        out: list[Span] = []
        for tok in doc:
            glued = tok.i > 1 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_ and \
                not doc[tok.i - 1].whitespace_ and tok.lower_ in BASED_WORDS  # "the Kent-based outfit"
            if (tok.lower_ not in OFFICIAL_WORDS or tok.i == 0) and not glued:
                continue
            end = start = tok.i - 1 if glued else tok.i
            while start > 0 and end - start <= MAX_OFFICIAL_NAME and _capitalised(doc[start - 1]):
                start -= 1
            while start < end and doc[start].lower_ in ARTICLES:  # "The Danbury police" opening a sentence
                start += 1
            span = doc[start:end]
            joined = start > 1 and doc[start - 1].text in DASHES and not doc[start - 2].whitespace_  # "Dyfed-Powys"
            name = span[:-1] if len(span) > 1 and span[-1].lower_ in REGION_WORDS else span  # "Laurel County"
            if not span or len(span) > MAX_OFFICIAL_NAME or joined or any(i in taken for i in range(start, end)) or \
                    any(t.lower_ in people or t.lower_ in OFFICIAL_WORDS or t.lower_ in COMMON_CAPITALISED
                        or t.lower_ in lowered for t in name):
                continue
            if any((e.population >= OFFICIAL_TOWN_POPULATION or e.feature_code == "ADM2") and
                   (e.country in context.countries or not context.countries or e.population >= LOCAL_TOWN_POPULATION)
                   for e in self._own_entries(span) if not e.is_area or e.feature_code == "ADM2"):
                out.append(span)
                taken.update(range(start, end))
        return out

    def _county_name(self, span: Span) -> bool:
        """The span is the own name of a district or region of 100,000 people ("Kent", "Fife", "Cheshire")."""
        return any(e.feature_code in ("ADM1", "ADM2") and e.population >= MAJOR_CITY for e in self._own_entries(span))

    def _region_name(self, span: Span) -> bool:
        """The span is a first-level region's, a country's or a capital of 100,000 people's own name ("Tunis is
        increasingly reliant on Algiers" opening a sentence)."""
        return any(e.feature_code == "ADM1" or e.feature_code.startswith("PCL") or
                   (e.feature_code == "PPLC" and e.population >= MAJOR_CITY) for e in self._own_entries(span))

    def _abbreviated(self, tok: Token) -> GeoEntry | None:
        """The region an abbreviation after a town names: a US postal code ("SC", "KY"), a newswire abbreviation
        ("Ont.", "Calif."), or the start of a US, Canadian or Australian region's name ("Ill.", "Wash.", "Man.")."""
        key = tok.text.rstrip(".")
        gazetteer = self.resolver.gazetteer
        dotted = self._dotted.get(tok.text) if tok.text.endswith(".") else None
        if dotted is not None:  # "Slidell, La.", "Tupelo, Miss."
            return dotted
        if len(key) == 2 and key.isupper() and f"USA.{key}" in gazetteer.admin1_entries:
            return gazetteer.entry(gazetteer.admin1_entries[f"USA.{key}"])
        known = [e for e in self.resolver.candidates(key, fuzzy=False)
                 if e.feature_code == "ADM1" and e.country in ABBREVIATING]
        # "Wash.", "Ill.": the start of a region's name, unless the word is a place's own name ("Brands Hatch, Kent.")
        if not known and len(key) >= 3 and not any(e.is_area
                                                   for e in self._own_entries(tok.doc[tok.i: tok.i + 1])):
            known = [gazetteer.entry(i) for a1, i in gazetteer.admin1_entries.items()
                     if a1[:3] in ABBREVIATING and base_key(gazetteer.names[i]).startswith(base_key(key))]
        return max(known, key=lambda e: e.population) if known else None

    def _known(self, span: Span, lowered: set[str]) -> bool:
        """A name the gazetteer knows as a region or sizeable town, and not a common word capitalised ("March",
        "Police": words the article also writes in lower case, months, compass words), nor a name made of what
        regions are called that no entry bears as its own ("Capital Territory", another name of Honiara; but
        "Northern Territory", "North West", "Orange County" are the names of their regions)."""
        if len(span) > 1 and all(t.lower_ in COMMON_CAPITALISED or t.lower_ in REGION_WORDS for t in span) and \
                not self._own_entries(span):
            return False
        if len(span) == 1:
            tok = span[0]
            # "Barrie, Ont.", "Pleasanton, Calif.", "Horry County, SC"; else a whole word closing the sentence
            # ("Knockhill, Fife.")
            if _region_abbreviation(tok) and self._abbreviated(tok) is not None:
                return True
            if tok.is_upper and len(tok) <= 4:  # acronyms: only a country's ("US", "UK", "RDC")
                return any(e.feature_code.startswith("PCL") for e in self.resolver.candidates(tok.text, fuzzy=False))
            # "BEIRUT —" opening a dispatch may be tagged an adverb
            dateline_town = _dateline_town(span)  # "VICTORIA -" opening a dispatch is no person's name
            if (self.demonym(tok) or tok.is_stop or tok.lower_ in lowered
                    or (tok.lower_ in COMMON_CAPITALISED and not dateline_town)
                    or (tok.pos_ not in ("PROPN", "NOUN") and not dateline_town)):
                return False
        entries = self._named(span, self.resolver.candidates(span.text, fuzzy=False))
        if span[-1].lower_ not in REGION_WORDS and not (_after_name_and_comma(span) and self._county_name(span)):
            # "King", "Park": districts only by their full name ("King County"), or after a place ("Oulton Park,
            # Cheshire")
            entries = [e for e in entries if e.feature_code != "ADM2"]
        if not entries:
            return False
        best = max(entries, key=lambda e: (e.is_area, e.population))
        if best.is_area:
            return True
        if span.start > 0 and span.doc[span.start - 1].lower_ == "the" and not _modifier(span):
            return False  # "the White House", "the Pentagon": a building or an institution, not the town
        return best.population >= MATCH_MIN_POPULATION or self._locative_before(span[0]) or _dateline_town(span)

    def _locative_before(self, tok: Token) -> bool:
        return tok.i > 0 and tok.doc[tok.i - 1].lower_ in LOCATIVE_PREPS - {"of", "de", "d'", "du", "from"}

    @staticmethod
    def _after_locative(span: Span) -> bool:
        """"near Gao" tagged PERSON, "à Bunia" tagged ORG: a name governed by a place preposition is a place if the
        gazetteer knows it (checked by the caller)."""
        root = span.root
        preps = [root.head] if root.dep_ == "pobj" else [c for c in root.children if c.dep_ == "case"]
        # "the city of X", "un district de X": the noun the name completes says it is a place
        governor = root.head.head if root.dep_ == "pobj" else root.head
        of_place = any(p.lower_ in ("of", "de", "d'") for p in preps) and governor.lemma_.lower() in PLACE_HEADS
        near = STRONG_LOCATIVES if span.label_ in ("PERSON", "PER") else LOCATIVE_PREPS - {"of", "de", "d'", "du"}
        return span.label_ in OTHER_LABELS - {"NORP"} and (of_place or any(p.lower_ in near for p in preps))

    def _misread_norp(self, span: Span) -> bool:
        """"the destruction of Aleppo" tagged NORP: a known place name that is no demonym."""
        return span.label_ == "NORP" and not (len(span) == 1 and self.demonym(span[0])) and \
            self._major(span, counties=False)

    def _misread_person(self, span: Span) -> bool:
        """"Benghazi restait calme" tagged PER: one word naming a city of half a million that no person of the
        article is called by ("Michael Jordan" … "Jordan")."""
        if span.label_ not in ("PERSON", "PER"):
            return False
        doc = span.doc
        if span.end < len(doc) and doc[span.end].lower_ in GEO_HEADS:  # "the Jaffna peninsula", "Diffa region"
            return bool(self.resolver.candidates(span.text, fuzzy=False))
        if len(span) > 1:  # "Tamil Nadu said": a region's or country's full name
            return any(e.is_area and e.feature_code != "ADM2" for e in self.resolver.candidates(span.text, False))
        surnames = _surnames(span.doc)
        return span[0].lower_ not in surnames and any(
            not e.is_area and e.population >= 500_000 for e in self.resolver.candidates(span.text, fuzzy=False))

    def _misread_thing(self, span: Span) -> bool:
        """"captured in Chattanooga" tagged a product, "in Manbij" a date: capitalised words right after "in",
        "near", "at" that are a town's or region's own name; so is an "organisation" one goes to ("on their honeymoon
        to Great Yarmouth")."""
        before = span.doc[span.start - 1].lower_ if span.start else ""
        misread = span.label_ in MISREAD_LABELS and before in STRONG_LOCATIVES
        if not (misread or (span.label_ == "ORG" and before == "to")):
            return False
        if not all(_capitalised(t) and t.lower_ not in COMMON_CAPITALISED for t in span):
            return False
        return self._own_name(span)

    def _is_demonym(self, span: Span) -> bool:
        """"Syrian", "les Maliens": a demonym names a people (an actor's country), not a place."""
        if len(span) != 1 or self.demonym(span[0]) is None:
            return False
        return span.label_ == "NORP" or not any(e.is_area for e in self.resolver.candidates(span.text, fuzzy=False))

    def _is_source(self, span: Span) -> bool:
        """"selon Moscou", "according to Kyiv": a capital speaking for its government, not a place."""
        start = span.start
        while start > sentence_of(span.root).start and span.doc[start - 1].pos_ == "DET":
            start -= 1
        before = span.doc[max(sentence_of(span.root).start, start - 3): start]
        return any(end == len(before) for _, _, end, _ in self.res.attribution.find(before))

    @staticmethod
    def _before(span: Span, n: int) -> Span:
        return span.doc[max(sentence_of(span.root).start, span.start - n): span.start]

    def _container(self, span: Span, found: list[PlaceMention]) -> GeoEntry | None:
        """"Bronx, New York", "Moscow, Idaho": a name right after a town and a comma is the region (or country)
        holding that town when one bearing the name does — the state, not the city of New York."""
        doc = span.doc
        if span.start < 2 or doc[span.start - 1].text != "," or not found or found[-1].span.end != span.start - 1:
            return None
        town = found[-1].entry
        if town is None or town.is_area or _listed(span):
            return None
        for entry in self.resolver.candidates(span.text, fuzzy=False):
            if entry.country == town.country and (
                    entry.feature_code.startswith(COUNTRY_LIKE) or
                    (entry.feature_code == "ADM1" and entry.admin1_code == town.admin1_code)):
                return entry
        return None

    def _contained(self, span: Span, following: Span | None) -> GeoEntry | None:
        """"Paris, Texas", "Moscow, Idaho", "Monroe County in northeast Missouri": a town or county followed by a
        comma (or "in") and a region (or country) is the town of that name inside it, the biggest if several."""
        if following is None or not _holder_follows(span, following):
            return None
        # "44 states, Washington, D.C., and…": an abbreviated region follows a town, never a list's item or a region
        abbreviation = len(following) == 1 and _region_abbreviation(following[0])
        if not abbreviation and (_listed(following) or any(
                e.feature_code.startswith((*COUNTRY_LIKE, "ADM1")) for e in self._own_entries(span))):
            # "in Russia, U.S. officials said": a country or region is not a town of the region after it
            return None
        holders = [e for e in self.resolver.candidates(following.text, fuzzy=False)
                   if e.feature_code == "ADM1" or e.feature_code.startswith(COUNTRY_LIKE)]
        if len(following) == 1 and _region_abbreviation(following[0]):
            abbreviated = self._abbreviated(following[0])
            holders = [abbreviated] if abbreviated is not None else []
        inside = [e for e in self._own_entries(span) if (not e.is_area or e.feature_code == "ADM2") and any(
            e.country == h.country and (h.feature_code != "ADM1" or e.admin1_code == h.admin1_code) for h in holders)]
        return max(inside, key=lambda e: e.population) if inside else None

    def _sibling_region(self, span: Span, found: list[PlaceMention]) -> GeoEntry | None:
        """"states such as California or Washington", "Montana and Wyoming": a name listed right after a first-level
        region is the region of that name in the same country, when there is one."""
        if not found or found[-1].entry is None or found[-1].entry.feature_code != "ADM1":
            return None
        between = [t.lower_ for t in span.doc[found[-1].span.end:span.start]]
        if between not in ([","], ["and"], ["or"], ["et"], ["ou"], [",", "and"], [",", "or"]):
            return None
        own = self._own_entries(span)
        doc = span.doc
        qualified = span.end + 1 < len(doc) and doc[span.end].text == "," and _region_abbreviation(doc[span.end + 1])
        if qualified or any(e.feature_code.startswith(COUNTRY_LIKE) for e in own):
            return None  # "New Jersey and Washington, D.C."; "Texas and Mexico": a country stays one
        country = found[-1].entry.country
        return next((e for e in own if e.feature_code == "ADM1" and e.country == country), None)

    def _near_anchor(self, span: Span, following: Span | None, context: PlaceContext) -> GeoEntry | None:
        """"Edmonton, south of Cairns", "Kasindi, 80 km north of Beni", "Kasindi, à 80 km au nord de Beni", "X, near
        Y": the town of that name closest to the place it is measured from (within 300 km)."""
        if following is None or not _relative_to(span, following):
            return None
        anchor = self.resolver.resolve(following.text, context)
        if anchor is None:
            return None
        point = (anchor.lat, anchor.lon)
        towns = [(km((e.lat, e.lon), point), e) for e in self.resolver.candidates(span.text, fuzzy=False)
                 if not e.is_area]
        near = [(d, e) for d, e in towns if d <= ANCHOR_RADIUS_KM]
        return min(near, key=lambda pair: pair[0])[1] if near else None

    @staticmethod
    def _town(span: Span) -> bool:
        """"the city of Turkey", "la ville de Mopti": the name is a town's, whatever else bears it."""
        doc = span.doc
        start = span.start
        return start >= 2 and doc[start - 1].lower_ in ("of", "de", "d'", "d’") and \
            doc[start - 2].lower_ in TOWN_WORDS

    def _region(self, span: Span) -> bool:
        """"la province d'Idlib", "Borno State", "Kandahar province", "Barrie, Ont.", "New York Gov.": the name is a
        region's. Not when the region word heads another name before it: in "the Kadhimiya district of Baghdad" the
        district is Kadhimiya, and Baghdad the city."""
        doc = span.doc
        after = doc[span.end: min(span.end + 1, sentence_of(span.root).end)]
        before = [t for t in self._before(span, 3) if t.lower_ in REGION_WORDS and not (
            t.i > 0 and doc[t.i - 1].text[:1].isupper() and not doc[t.i - 1].is_sent_start)]
        return bool(before) or any(t.lower_ in REGION_WORDS for t in (*after, span[-1])) or \
            any(t.lower_ in REGION_TITLES for t in after) or \
            (len(span) == 1 and _region_abbreviation(span[0]))

    def _facilities(self, doc: Doc, found: list[PlaceMention], context: PlaceContext) -> list[PlaceMention]:
        """Streets, roads and (when asked) buildings and venues, at the point of the town the article puts them in."""
        taken = {i for m in found for i in range(m.span.start, m.span.end)}
        towns = [(m.span, m.entry) for m in found if m.entry is not None]
        out = []
        for located in self.facilities(doc, towns, taken, context):
            place = self.place(located.anchor, located.span, located.precision).model_copy(
                update={"name": located.span.text, "geonameid": None, "feature_code": located.feature_code})
            out.append(PlaceMention(located.span, place, None, facility=True))
        return out

    # -- villages ---------------------------------------------------------------------------------------------------

    def _villages(self, unresolved: list[Span], found: list[PlaceMention]) -> list[PlaceMention]:
        """"in the village of Tinzaouatene in Kidal region": the village keeps its name, at its region's point;
        "the Sheikh Maqsoud neighbourhood of Aleppo", "le quartier de Hamdallaye à Conakry": a part of a town keeps
        its name at the town's point (precision 2)."""
        out = []
        for span in unresolved:
            before = self._before(span, 3)
            if len(before) and before[-1].lower_ in LIST_LINKS:  # "the villages of Foua and Kfraya"
                before = self._before(span, 6)
            heads = {t.lower_ for t in before}
            quarter = _names_a_quarter(span) or bool(heads & QUARTER_WORDS)
            # a name NER calls a place after "in", "at", "near" ("injured in Puge county of Sichuan province"); not
            # an organisation or a person there ("at Moody's Analytics")
            name = span[:-1] if len(span) > 1 and span[-1].lower_ in GEO_HEADS else span  # "Puge county"
            located = span.label_ in PLACE_LABELS and _name_run(name) and not _compass_only(span) and \
                any(t.lower_ in STRONG_LOCATIVES for t in self._before(span, 2))
            if not heads & VILLAGE_WORDS and not quarter and not located:
                continue
            same = [(m, e) for m, e in _in_sentence(span, found) if e.feature_code not in ("CONT", "RGN", "OCN", "SEA")
                    and not (quarter and e.is_area)]  # a part of a town is placed by a town only
            if not same:
                continue
            _, entry = min(same, key=lambda pair: abs(pair[0].span.start - span.start))
            update: dict[str, object] = {"name": span.text, "geonameid": None}
            if quarter:  # "the Sheikh Maqsoud neighbourhood of Aleppo": at Aleppo's point
                update["feature_code"] = "PPLX"
            elif not entry.is_area:  # a village: at its neighbour's region
                entry = self.resolver.admin1(entry) or entry
            out.append(PlaceMention(span, self.place(entry, span, 2 if quarter else 3).model_copy(update=update), None))
        return out

    @staticmethod
    def place(entry: GeoEntry, span: Span, precision: int) -> Place:
        return Place(text=span.text, start=span.start_char, end=span.end_char, name=entry.name,
                     geonameid=entry.geonameid, lat=round(entry.lat, 5), lon=round(entry.lon, 5),
                     country=entry.country, admin1=entry.admin1 if entry.feature_code != "ADM1" else entry.name,
                     feature_code=entry.feature_code, precision=precision)  # type: ignore[arg-type]


def _capitalised(tok: Token) -> bool:
    return (tok.text[:1].isupper() and tok.is_alpha) or tok.text in NAME_ABBREVIATIONS or \
        (tok.is_upper and "&" in tok.text and tok.text.replace("&", "").isalpha())  # "T&T" for Trinidad and Tobago


def _compounded(span: Span) -> bool:
    """A name glued by hyphens into a longer one around a small lower-case particle ("Shan-e-Mustafa",
    "Tehreek-e-Insaf", "Saint-Martin-de-Ré" when the whole is unknown): part of another name, not a place."""
    doc = span.doc

    def particle(i: int, step: int) -> bool:  # "-e-" one or two tokens away, glued on both sides
        j, k = i + step, i + 2 * step
        if not (0 <= k < len(doc)) or doc[j].text != "-" or not doc[k].is_lower or len(doc[k]) > 3:
            return False
        left, right = (doc[i], doc[j]) if step > 0 else (doc[j], doc[i])
        return left.whitespace_ == "" and right.whitespace_ == "" and \
            0 <= k + step < len(doc) and doc[k + step].text == "-"

    return particle(span.end - 1, 1) or particle(span.start, -1)


def _name_run(span: Span) -> bool:
    """Capitalised words, with dots inside only ("ST. LOUIS")."""
    return _capitalised(span[0]) and _capitalised(span[-1]) and \
        all(_capitalised(t) or (t.text == "." and 0 < t.i - span.start < len(span) - 1) for t in span)


def _split_at_commas(spans: list[Span | None]) -> list[Span]:
    """"Wainwright, Alta", "Matias Romero, Oaxaca": one entity for a town and its region is two places."""
    out = []
    for span in spans:
        if span is None:
            continue
        start = span.start
        for tok in [*(t for t in span if t.text == ","), None]:
            end = tok.i if tok is not None else span.end
            if end > start:
                out.append(Span(span.doc, start, end, label=span.label))
            start = end + 1
    return out


def _region_abbreviation(tok: Token) -> bool:
    """An abbreviated region after a town and a comma: "Barrie, Ont.", "Wainwright, Alta.", "Louisville, KY",
    "Washington, D.C."."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "," or not tok.text[:1].isupper():
        return False
    if doc[tok.i - 2].ent_type_ in ("PERSON", "PER"):
        return False  # "Jane Doe, M.D.", "John Smith, Jr."
    dotted = (tok.text.endswith(".") and tok.text.replace(".", "").isalpha()) or \
        (tok.is_alpha and tok.i + 1 < len(doc) and doc[tok.i + 1].text == "." and not doc[tok.i].whitespace_)
    postal = len(tok.text) == 2 and tok.is_alpha and tok.is_upper  # "Horry County, SC (WMBF)"
    # "EDMONTON, Ky (WBKO)": a dateline may drop the abbreviation's dot
    undotted = doc[tok.i - 2].is_upper and tok.is_alpha and tok.is_title and len(tok) <= 5 and doc[tok.i - 2].is_alpha
    return len(tok.text.rstrip(".")) >= 2 and (dotted or postal or undotted) and doc[tok.i - 2].text[:1].isupper()


def _in_sentence(span: Span, found: list[PlaceMention]) -> list[tuple[PlaceMention, GeoEntry]]:
    """The resolved mentions of ``span``'s sentence, with their entries."""
    here = sentence_of(span.root).start
    return [(m, m.entry) for m in found if m.entry is not None and sentence_of(m.span.root).start == here]


def _names_a_quarter(span: Span) -> bool:
    """"the Sheikh Maqsoud neighbourhood", "Cairo's Abbasiya neighbourhood", "Giza's Haram district", whatever NER
    called the name: a part of a town."""
    doc = span.doc
    if span.end >= len(doc) or not _name_run(span):
        return False
    # "Giza's Haram district": a district a town owns by name is one of its parts
    owned = span.start > 1 and doc[span.start - 1].tag_ == "POS" and _capitalised(doc[span.start - 2]) and \
        doc[span.end].lower_ in OWNED_PARTS
    return doc[span.end].lower_ in QUARTER_WORDS or owned


def _pieces(span: Span, cuts: list[int]) -> list[Span]:
    """The parts of ``span`` between the tokens at ``cuts`` (which belong to no part)."""
    bounds = [span.start, *cuts, span.end]
    return [span.doc[a + (a in cuts):b] for a, b in itertools.pairwise(bounds)]


def _surnames(doc: Doc) -> set[str]:
    """The last words of the people the article names in full ("Mario Diaz-Balart" → balart)."""
    return {e[-1].lower_ for e in doc_ents(doc) if e.label_ in ("PERSON", "PER") and len(e) > 1}


def _people_words(doc: Doc) -> set[str]:
    """The words of the people the article names in full ("Andrew Brunson" → andrew, brunson)."""
    return {t.lower_ for e in doc_ents(doc) if e.label_ in ("PERSON", "PER") and len(e) > 1 for t in e}


def _dotted_regions(resolver: PlaceResolver) -> dict[str, GeoEntry]:
    """``data/dotted_regions.yaml``: "La." → Louisiana, "Miss." → Mississippi (first-level regions)."""
    out: dict[str, GeoEntry] = {}
    for cc, abbreviations in (load_yaml("dotted_regions.yaml") or {}).items():
        for abbreviation, name in abbreviations.items():
            entry = next((e for e in resolver.candidates(name, fuzzy=False) if e.feature_code == "ADM1" and
                          e.country == cc and base_key(e.name) == base_key(name)), None)
            if entry is None:
                raise ValueError(f"dotted_regions.yaml: no first-level region {name!r} in {cc}")
            out[abbreviation] = entry
    return out


def _before_its_region(span: Span) -> bool:
    """"Churchill, Man.", "Slidell, La.": a town followed by its abbreviated region."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and _region_abbreviation(doc[span.end + 1])


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _holder_follows(span: Span, following: Span) -> bool:
    """``following`` comes right after ``span`` and a comma ("Paris, Texas") or "in" and at most one compass word
    ("Monroe County in northeast Missouri")."""
    between = span.doc[span.end: following.start]
    if len(between) == 1 and between[0].text == ",":
        return True
    return 1 <= len(between) <= 2 and between[0].lower_ == "in" and \
        all(t.lower_ in COMPASS or t.lower_ in DIRECTIONS for t in between[1:])


def _speaks(span: Span) -> bool:
    """A name next to a word of saying ("said Noma", "Noma says"): a speaker, not a place."""
    doc = span.doc
    return any(0 <= i < len(doc) and doc[i].lower_ in ORGANISATION_CUES for i in (span.start - 1, span.end))


def _relative_to(span: Span, following: Span) -> bool:
    """The words between two names place the first relative to the second: ", (80 km) north of", ", à 80 km au nord
    de", ", near", ", north" ("Enfield, north London")."""
    doc = span.doc
    words = [t.lower_ for t in doc[span.end:following.start]]
    if not words or words[0] != ",":
        return False
    rest = [w for w in words[1:] if w not in RELATIVE_FILLERS]
    if len(rest) >= 2 and rest[0].replace(".", "").replace(",", "").isdigit() and rest[1] in DISTANCE_UNITS:
        rest = rest[2:]
    if len(rest) == 1 and (rest[0] in NEAR_RELATIONS or rest[0] in DIRECTIONS or rest[0] in COMPASS):
        return True  # ", near Y"; "Enfield, north London", "Aleppo, northern Syria"
    if rest and rest[-1] in ("de", "d'", "d’", "du") and rest[0] in NEAR_RELATIONS:
        return len(rest) == 2
    return len(rest) >= 2 and rest[-1] in ("of", "de", "d'", "d’", "du") and all(w in DIRECTIONS for w in rest[:-1])


def _locative_prep(span: Span) -> bool:
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].lower_ in STRONG_LOCATIVES


def _ends_a_longer_name(tok: Token) -> bool:
    """"Little Portugal", "Stade de France", "Northern Ireland": a country's name ending a longer name is not the
    country."""
    doc, i = tok.doc, tok.i
    if i == 0 or tok.is_sent_start:
        return False
    before = doc[i - 1]
    return (_capitalised(before) and before.pos_ == "PROPN" and not before.is_sent_start) or (
        i > 1 and before.lower_ in ("de", "du", "des") and _capitalised(doc[i - 2]))


def _compass_only(span: Span) -> bool:
    """"West", "the North", "South West": words that name a part of wherever the story is."""
    return all(t.lower_ in DIRECTIONS or t.lower_ in COMPASS for t in span)


def _after_name_and_comma(span: Span) -> bool:
    """"Oulton Park, Cheshire", "Knockhill, Fife": the span follows a capitalised name and a comma, where a place's
    region is written."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].text == "," and _capitalised(doc[span.start - 2])


def _listed(span: Span) -> bool:
    """"stops in Washington, New York and Boston": the name closes or continues a list of places, so the comma
    before it separates items, not a town from its region."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in ("and", "or", "et", "ou", "&")


def _modifier(span: Span) -> bool:
    """A town's name modifying the name or noun after it ("the Winnipeg Free Press", "the Cairns police force"), not
    a name of its own after "the"."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return after is not None and after.pos_ in ("PROPN", "NOUN") and span.root.head.i >= span.end


def _dateline_town(span: Span) -> bool:
    """A town in capitals opening a dispatch: "INNISFAIL -", "BANTAM —", "EDMONTON, Ky"."""
    doc = span.doc
    return bool(span[0].is_sent_start) and all(t.is_upper for t in span) and span.end < len(doc) and \
        doc[span.end].text in ("—", "–", "-", "--", ",", "(")


def dateline(doc: Doc, places: list[PlaceMention]) -> PlaceMention | None:
    """The place of a dateline ("GAO (Mali), 3 mars (AFP) -", "KABUL, March 3 (Reuters) —")."""
    if not places:
        return None
    first = places[0]
    head = doc_text(doc)[: first.span.start_char]
    tail = doc_text(doc)[first.span.end_char: first.span.end_char + 60]
    if head.strip() or not first.locates:
        return None
    return first if any(mark in tail for mark in ("—", " - ", "(", "–")) and tail[:2].strip(" ,(") == "" else None
