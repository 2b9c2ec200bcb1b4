"""Cross-article linking: reports of one happening become one cluster, with each source's figures kept.

Pure functions over :class:`Report` (the link-relevant view of one stored event); the store feeds them candidates and
writes the :class:`ClusterSummary` back. Everything compared is language-neutral (PLOVER/ACLED types, actor KB ids and
countries, GeoNames coordinates, dates), so a French and an English report of one attack link.

Defaults (all in :class:`LinkConfig`):

* **type** — the same PLOVER family and, when both reports carry an ACLED label, the same ACLED group (political
  violence, demonstrations, strategic developments); ``strict_acled_type`` asks for the same ACLED event type.
* **date** — within ``date_window_days`` (2) of each other; a report with no date (neither the event's nor the
  article's) is not linked.
* **place** — within ``distance_km`` by the coarser of the two GeoNames precisions (1: 25 km, 2: 50 km, 3: 150 km);
  without coordinates on one side, the countries must not differ.
* **actors** — incompatible only when both reports name perpetrators *and* targets and neither side has an actor in
  common (same KB id, same name, or same country and sector group).
* a cluster takes at most one report per article, and a report joins a cluster only if it is compatible with every
  report already in it (complete linkage, so clusters do not drift).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

PLOVER_FAMILY = {"ASSAULT": "violence", "COERCE": "coercion", "PROTEST": "protest", "MOBILIZE": "posture",
                 "THREATEN": "posture", "SANCTION": "coercion", "AGREE": "cooperation", "COOPERATE": "cooperation",
                 "SUPPORT": "cooperation", "CONSULT": "cooperation", "AID": "cooperation", "CONCEDE": "yield",
                 "RETREAT": "yield", "REQUEST": "verbal", "ACCUSE": "verbal", "REJECT": "verbal"}
ACLED_GROUP = {"Battles": "violence", "Explosions/Remote violence": "violence",
               "Violence against civilians": "violence", "Protests": "demonstration", "Riots": "demonstration",
               "Strategic developments": "strategic"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD"}
EARTH_KM = 6371.0


@dataclass(frozen=True)
class LinkConfig:
    date_window_days: int = 2
    distance_km: tuple[float, float, float] = (25.0, 50.0, 150.0)  # by the coarser GeoNames precision, 1..3
    strict_acled_type: bool = False
    check_actors: bool = True
    modalities: frozenset[str] = frozenset({"asserted", "claimed"})  # planned/denied/hypothetical stay alone
    max_candidates: int = 200


@dataclass(frozen=True)
class Party:
    """One actor as a report names it, reduced to what identifies it across languages."""

    key: str
    name: str
    country: str | None = None
    sector: str | None = None

    def same_as(self, other: Party) -> bool:
        if self.key == other.key or self.name.casefold() == other.name.casefold():
            return True
        if not (self.country and self.country == other.country and self.sector and other.sector):
            return False
        return self.sector == other.sector or {self.sector, other.sector} <= STATE_SECTORS


@dataclass(frozen=True)
class Report:
    event_id: str
    article_id: str
    source: str  # the outlet (or the article when it names none): one source, one version of the facts
    type: str
    date: dt.date | None
    acled_event_type: str | None = None
    modality: str = "asserted"
    lat: float | None = None
    lon: float | None = None
    precision: int = 3
    country: str | None = None
    perpetrators: tuple[Party, ...] = ()
    targets: tuple[Party, ...] = ()
    fatalities: int | None = None
    according_to: str | None = None
    published: dt.date | None = None
    detail: int = 0  # how much the report says (place, ACLED label, toll): the cluster shows the richest one
    # shown on the cluster when this report represents it (not compared)
    acled_sub_event_type: str | None = None
    place_name: str | None = None
    geonameid: int | None = None
    admin1: str | None = None


@dataclass
class ClusterSummary:
    representative: Report
    n_reports: int
    n_sources: int
    date: dt.date | None
    first_reported: dt.date | None
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    contested_toll: bool
    contested_perpetrator: bool
    contested_target: bool
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)

    @property
    def contested(self) -> bool:
        return self.contested_toll or self.contested_perpetrator or self.contested_target


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def linkable(report: Report, config: LinkConfig) -> bool:
    return report.date is not None and report.modality in config.modalities


def types_compatible(a: Report, b: Report, config: LinkConfig) -> bool:
    if PLOVER_FAMILY.get(a.type, a.type) != PLOVER_FAMILY.get(b.type, b.type):
        return False
    if not (a.acled_event_type and b.acled_event_type):
        return True
    if config.strict_acled_type:
        return a.acled_event_type == b.acled_event_type
    return ACLED_GROUP.get(a.acled_event_type) == ACLED_GROUP.get(b.acled_event_type)


def places_compatible(a: Report, b: Report, config: LinkConfig) -> bool:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return not (a.country and b.country and a.country != b.country)
    limit = config.distance_km[min(max(a.precision, b.precision, 1), 3) - 1]
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= limit


def _overlap(xs: Sequence[Party], ys: Sequence[Party]) -> bool:
    return any(x.same_as(y) for x in xs for y in ys)


def actors_compatible(a: Report, b: Report) -> bool:
    if not (a.perpetrators and b.perpetrators and a.targets and b.targets):
        return True
    return _overlap(a.perpetrators, b.perpetrators) or _overlap(a.targets, b.targets)


def compatible(a: Report, b: Report, config: LinkConfig) -> bool:
    if a.article_id == b.article_id or not (linkable(a, config) and linkable(b, config)):
        return False
    assert a.date is not None and b.date is not None
    if abs((a.date - b.date).days) > config.date_window_days:
        return False
    if not (types_compatible(a, b, config) and places_compatible(a, b, config)):
        return False
    return not config.check_actors or actors_compatible(a, b)


def choose_cluster(report: Report, clusters: dict[str, list[Report]], config: LinkConfig) -> str | None:
    """The cluster the report joins (compatible with all its reports; nearest in time, then space), or None."""
    best: tuple[float, str] | None = None
    for cluster_id, members in clusters.items():
        if not members or not all(compatible(report, m, config) for m in members):
            continue
        rep = members[0]
        days = abs((report.date - rep.date).days) if report.date and rep.date else 0
        km = 0.0
        if report.lat is not None and report.lon is not None and rep.lat is not None and rep.lon is not None:
            km = distance_km(report.lat, report.lon, rep.lat, rep.lon)
        score = days * 100 + km
        if best is None or (score, cluster_id) < best:
            best = (score, cluster_id)
    return best[1] if best else None


def _contested(parties_by_source: Iterable[tuple[Party, ...]]) -> bool:
    named = [p for p in parties_by_source if p]
    return any(not _overlap(x, y) for i, x in enumerate(named) for y in named[i + 1:])


def _names(groups: Iterable[tuple[Party, ...]]) -> list[str]:
    counts = Counter(p.name for g in groups for p in g)
    return [name for name, _ in counts.most_common()]


def summarise(members: Sequence[Report]) -> ClusterSummary:
    """Aggregate a cluster: the richest report represents it; each source's toll feeds low / best / high."""
    by_source: dict[str, list[Report]] = {}
    for m in members:
        by_source.setdefault(m.source, []).append(m)
    tolls = sorted(max(t) for reps in by_source.values() if (t := [r.fatalities for r in reps if r.fatalities
                                                                      is not None]))
    representative = min(members, key=lambda r: (-r.detail, r.precision, r.date or dt.date.max, r.event_id))
    dates = [m.date for m in members if m.date]
    published = [d for m in members if (d := m.published or m.date) is not None]
    perps = [tuple(p for r in reps for p in r.perpetrators) for reps in by_source.values()]
    targets = [tuple(p for r in reps for p in r.targets) for reps in by_source.values()]
    return ClusterSummary(
        representative=representative, n_reports=len(members), n_sources=len(by_source),
        date=min(dates) if dates else None, first_reported=min(published) if published else None,
        fatalities_low=tolls[0] if tolls else None, fatalities_high=tolls[-1] if tolls else None,
        fatalities_best=tolls[(len(tolls) - 1) // 2] if tolls else None, contested_toll=len(set(tolls)) > 1,
        contested_perpetrator=_contested(perps), contested_target=_contested(targets),
        actors=_names(perps), targets=_names(targets))
