"""Places: choosing the GeoNames entry a place name means in an article (disambiguation) and how precisely it is
located (ACLED geo-precision). The gazetteer itself (names → entries, cache, imports) is in
:mod:`eventwire.resolve.gazetteer`.

Disambiguation scores each candidate by its population and kind (a country or a region outweighs a hamlet of the same
name), how exactly the name matches, and the article's context: the countries its other places, demonyms and outlet
point to, the first-level regions it names ("in Borno State", "dans la province d'Alep"), and closeness to the
article's other places.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from eventwire.resolve.gazetteer import Gazetteer, GeoEntry, base_key, cache_dir, name_keys

COUNTRY_LIKE = ("PCL", "TERR")
BROAD = {"CONT", "RGN", "OCN", "SEA"}
BIG_TOWN = 2_000_000
CANDIDATE_CACHE_SIZE = 4096  # names whose entries a resolver keeps at hand (a few MB)
KIND_BONUS = {"CONT": 6.0, "OCN": 6.0, "SEA": 5.0, "RGN": 4.5}
DOMINANT_CITY = 100_000
DOMINANCE = 5.0  # times the population of the next town of that name
DOMINANT_LEAD = 2.0  # what the story must say for a namesake to beat such a city
NEIGHBOUR_KM = 50.0  # two names of one article whose readings lie this close are read as neighbours
NEIGHBOUR_BONUS = 2.0
MAX_NEIGHBOUR_READINGS = 2_000  # a page listing hundreds of ambiguous names is not read for neighbours (quadratic)


@dataclass
class PlaceContext:
    """What an article tells about where it is: countries (weighted), first-level regions, resolved points."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: set[str] = field(default_factory=set)
    points: list[tuple[float, float]] = field(default_factory=list)
    neighbours: set[int] = field(default_factory=set)  # entries lying near a reading of another name of the article

    def note(self, entry: GeoEntry, weight: float = 1.0) -> None:
        if entry.country:
            self.countries[entry.country] += weight  # type: ignore[assignment]
        if entry.feature_code == "ADM1" and entry.admin1_code:
            self.admin1.add(entry.admin1_code)
        if not entry.is_area:
            self.points.append((entry.lat, entry.lon))


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p = math.pi / 180
    h = math.sin((b[0] - a[0]) * p / 2) ** 2 + math.cos(a[0] * p) * math.cos(b[0] * p) * \
        math.sin((b[1] - a[1]) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


class PlaceResolver:
    """Picks the entry a name means. Built once over the gazetteer; pure per call."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        # recognition filters and resolution ask for the same names again and again: memoised, per resolver
        self._exact = lru_cache(maxsize=CANDIDATE_CACHE_SIZE)(self._exact_candidates)

    def _exact_candidates(self, text: str) -> tuple[GeoEntry, ...]:
        return tuple(self.gazetteer.candidates(text, fuzzy=False))

    def candidates(self, text: str, fuzzy: bool = True) -> list[GeoEntry]:
        """The entries bearing ``text`` (any of their names); with ``fuzzy``, when none does, those whose
        transliteration-blind key matches."""
        found = list(self._exact(text))
        return found if found or not fuzzy else self.gazetteer.candidates(text, fuzzy=True)

    def score(self, entry: GeoEntry, text: str, context: PlaceContext, region: bool = False,
              rivals: frozenset[str] | None = None) -> float:
        """``rivals``: the regions of the towns named so (by their main name), or ``None`` when a capital or a city
        of millions bears the name too."""
        code = entry.feature_code
        s = math.log10(max(entry.population, 1_000_000 if code in BROAD else 0) + 10)
        if code.startswith(COUNTRY_LIKE):
            s += 6
        elif code in ("ADM1", "ADM2"):
            # a region's head count is its towns' sum: "Washington" is the city, "Québec" and "Alep" the towns that
            # named their regions. But a region merely sharing small towns' name is the region ("Delaware", "Wyoming")
            shadowed = rivals is None or code != "ADM1" or entry.admin1_code in rivals
            s += 3.0 if region else -2.0 if shadowed else 0.0
        elif region and not entry.is_area:
            s -= 1.0  # "la province d'Idleb": the province, not its capital
        elif code == "PPLC":
            s += 1.5
        s += KIND_BONUS.get(code, 0.0)
        if base_key(entry.name) == base_key(text):
            s += 1.5  # the entry's own name, not one of its alternates ("Salisbury" is not Harare)
        total = sum(context.countries.values())
        if entry.country and total:
            s += 3.0 * context.countries.get(entry.country, 0) / total + 1.0 * (entry.country in context.countries)
        if entry.admin1_code and entry.admin1_code in context.admin1 and code != "ADM1":
            # "X County" repeats from state to state: named so in full, the state decides
            s += 4.0 if code == "ADM2" and region and base_key(entry.name) == base_key(text) else 2.0
        if context.points and not entry.is_area:
            nearest = min(km((entry.lat, entry.lon), p) for p in context.points)
            s += 1.5 if nearest < 150 else 0.5 if nearest < 500 else 0.0
        if entry.index in context.neighbours:
            s += NEIGHBOUR_BONUS
        return s

    def resolve(self, text: str, context: PlaceContext | None = None, region: bool = False,
                fuzzy: bool = True, town: bool = False) -> GeoEntry | None:
        """The most likely place for ``text`` (``region``: the text says it is a province/region/state; ``town``:
        it says it is a town, "the city of Turkey", so a town wins over a country or region of that name)."""
        context = context or PlaceContext()
        found = self.candidates(text, fuzzy=False)
        if not found and fuzzy:
            # a spelling no exact key knows: only a reading in the article's countries (or a region) is safe
            found = [e for e in self.candidates(text) if e.is_area or (e.country and e.country in context.countries)]
        if not found:
            return None
        towns = [e for e in found if not e.is_area]
        rivals = None if any(e.feature_code == "PPLC" or e.population >= BIG_TOWN for e in towns) else \
            frozenset(e.admin1_code or "" for e in towns if base_key(e.name) == base_key(text))
        if town:  # "the city of Lebanon": the towns bearing the name, whatever else does
            found = [e for e in found if not e.is_area] or found
        best = max(found, key=lambda e: self.score(e, text, context, region, rivals))
        dominant = _dominant(towns, text)
        if dominant is None or best.is_area or best.index == dominant.index or best.country != dominant.country:
            return best
        # a city that dwarfs its namesakes of the same country ("Louisville", "Portland") is the one meant unless the
        # story says more than which state it names
        lead = self.score(best, text, context, region, rivals) - self.score(dominant, text, context, region, rivals)
        return dominant if lead < DOMINANT_LEAD else best

    def is_place_name(self, text: str) -> bool:
        return any(self.gazetteer.lookup(k) for k in name_keys(text))

    def country(self, iso3: str) -> GeoEntry | None:
        return self.gazetteer.country(iso3)

    def admin1(self, entry: GeoEntry) -> GeoEntry | None:
        return self.gazetteer.admin1(entry)


def _dominant(towns: list[GeoEntry], text: str) -> GeoEntry | None:
    """The town named ``text`` (its own name) of 100,000 people or more, five times as populous as any other town the
    name may mean, if there is one."""
    ranked = sorted(towns, key=lambda e: -e.population)
    if not ranked or ranked[0].population < DOMINANT_CITY or base_key(ranked[0].name) != base_key(text) or \
            (len(ranked) > 1 and ranked[0].population < DOMINANCE * ranked[1].population):
        return None
    return ranked[0]


def neighbours(readings: list[list[GeoEntry]], radius: float = NEIGHBOUR_KM) -> set[int]:
    """The entries (by number) lying within ``radius`` km of a reading of another name: given the readings of each
    ambiguous name of an article, the ones that make neighbours ("Edmonton" and "Enfield" in one story are the two
    parts of north London, not Alberta and Connecticut). None past ``MAX_NEIGHBOUR_READINGS`` readings in all."""
    if sum(map(len, readings)) > MAX_NEIGHBOUR_READINGS:
        return set()
    cells: dict[tuple[int, int], list[tuple[int, GeoEntry]]] = {}
    for n, entries in enumerate(readings):
        for e in entries:
            if not e.is_area:
                cells.setdefault((math.floor(e.lat), math.floor(e.lon)), []).append((n, e))
    out: set[int] = set()
    for (lat, lon), members in cells.items():
        around = [m for dlat in (-1, 0, 1) for dlon in (-1, 0, 1) for m in cells.get((lat + dlat, lon + dlon), ())]
        for n, e in members:
            if any(k != n and km((e.lat, e.lon), (f.lat, f.lon)) <= radius for k, f in around):
                out.add(e.index)
    return out


def precision_of(entry: GeoEntry, near: bool = False, region: bool = False) -> int:
    """ACLED geo-precision: 1 the town itself, 2 near it or part of a town-sized area, 3 a region or country."""
    if entry.is_area or region:
        return 3
    return 2 if near else 1


__all__ = ["Gazetteer", "GeoEntry", "PlaceContext", "PlaceResolver", "cache_dir", "neighbours", "precision_of"]
