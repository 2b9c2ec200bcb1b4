"""Scoring against gold files: the metrics of the project's evaluation README (places, plover, acled, events), plus
``quotes`` (speaker accuracy). Gold and system files are JSONL keyed by ``id``."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

Record = dict[str, Any]
PLACE_KINDS = {"Literal", "Literal_Modifier", "Mixed", "Metonymic", "Embedded_Literal"}
VIOLENT_PREFIXES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots")
SENTENCE_ENDS = ".!?\n"


def read_jsonl(path: Path) -> dict[str, Record]:
    out: dict[str, Record] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                out[str(record["id"])] = record
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(min(1.0, a)))


def _overlaps(a: Record, b: Record) -> bool:
    return bool(a["start"] < b["end"] and b["start"] < a["end"])


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b else 0.0


def score_places(gold: dict[str, Record], system: dict[str, Record]) -> Record:
    tp = fp = fn = 0
    distances: list[float] = []
    e2e_ok = e2e_n = id_ok = id_n = 0
    for doc_id, g in gold.items():
        gold_places = [p for p in g["places"] if p.get("kind", "Literal") in PLACE_KINDS]
        predicted = [p for p in system.get(doc_id, {}).get("places", []) if p.get("start") is not None]
        used: set[int] = set()
        for gp in gold_places:
            match = next((j for j, sp in enumerate(predicted) if j not in used and _overlaps(gp, sp)), None)
            if match is None:
                fn += 1
            else:
                tp += 1
                used.add(match)
            if gp.get("lat") is not None:
                e2e_n += 1
                sp = predicted[match] if match is not None else None
                if sp is not None and sp.get("lat") is not None:
                    d = haversine_km(gp["lat"], gp["lon"], sp["lat"], sp["lon"])
                    distances.append(d)
                    e2e_ok += d <= 161
            if gp.get("geonameid") and match is not None:
                id_n += 1
                id_ok += predicted[match].get("geonameid") == gp["geonameid"]
        fp += sum(1 for j, sp in enumerate(predicted)
                  if j not in used and not any(_overlaps(sp, q) for q in g["places"]))
    precision, recall = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
    distances.sort()
    return {"recognition_p": round(precision, 3), "recognition_r": round(recall, 3),
            "recognition_f1": round(_f1(precision, recall), 3),
            "acc161_of_resolved": _ratio(sum(d <= 161 for d in distances), len(distances)),
            "median_km": round(distances[len(distances) // 2], 1) if distances else None,
            "acc161_end_to_end": _ratio(e2e_ok, e2e_n), "geonameid_match": _ratio(id_ok, id_n),
            "gold_places": tp + fn}


def _label_f1(pairs: list[tuple[Any, Any]]) -> tuple[float, float]:
    """(macro F1, support-weighted F1) over the gold labels."""
    labels = sorted({g for g, _ in pairs})
    per_label = {}
    for label in labels:
        tp = sum(1 for g, s in pairs if g == label and s == label)
        fp = sum(1 for g, s in pairs if g != label and s == label)
        fn = sum(1 for g, s in pairs if g == label and s != label)
        p, r = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
        per_label[label] = (_f1(p, r), tp + fn)
    support = sum(n for _, n in per_label.values())
    macro = sum(f for f, _ in per_label.values()) / len(per_label) if per_label else 0.0
    weighted = sum(f * n for f, n in per_label.values()) / support if support else 0.0
    return macro, weighted


def score_plover(gold: dict[str, Record], system: dict[str, Record]) -> Record:
    pairs = []
    any_ok = country_ok = country_n = 0
    for doc_id, g in gold.items():
        gold_event = g["events"][0]
        events = system.get(doc_id, {}).get("events", [])
        top = events[0] if events else None
        pairs.append((gold_event["type"], top["type"] if top else None))
        any_ok += any(e.get("type") == gold_event["type"] for e in events)
        for role in ("actors", "targets"):
            wanted = {a["country"] for a in gold_event.get(role, []) if a.get("country") and len(a["country"]) == 3}
            if wanted and top:
                country_n += 1
                country_ok += wanted <= {a.get("country") for a in top.get(role, [])}
    macro, weighted = _label_f1(pairs)
    return {"type_accuracy_top": _ratio(sum(g == s for g, s in pairs), len(pairs)),
            "type_accuracy_any": _ratio(any_ok, len(pairs)), "type_macro_f1": round(macro, 3),
            "type_weighted_f1": round(weighted, 3), "role_country_accuracy": _ratio(country_ok, country_n),
            "n": len(pairs)}


def acled_of(event: Record) -> str | None:
    label = event.get("acled")
    if isinstance(label, dict):
        return f"{label.get('event_type')}/{label.get('sub_event_type')}" if label.get("event_type") else None
    return label


def score_acled(gold: dict[str, Record], system: dict[str, Record]) -> Record:
    pairs = []
    negatives = rejected = 0
    for doc_id, g in gold.items():
        labelled = [acled_of(e) for e in system.get(doc_id, {}).get("events", []) if acled_of(e)]
        top = labelled[0] if labelled else None
        if g["acled"]:
            pairs.append((g["acled"], top))
        else:
            negatives += 1
            rejected += not (top and top.startswith(VIOLENT_PREFIXES))
    macro, weighted = _label_f1(pairs)
    coarse = sum(g.split("/")[0] == (s or "").split("/")[0] for g, s in pairs)
    return {"subtype_weighted_f1": round(weighted, 3), "subtype_macro_f1": round(macro, 3),
            "subtype_accuracy": _ratio(sum(g == s for g, s in pairs), len(pairs)),
            "type_accuracy": _ratio(coarse, len(pairs)),
            "non_acled_rejected": _ratio(rejected, negatives) if negatives else None, "n": len(pairs)}


def _trigger_span(gold_event: Record, text: str) -> tuple[int | None, int | None]:
    trigger = gold_event.get("trigger")
    if isinstance(trigger, dict):
        return trigger["start"], trigger["end"]
    if isinstance(trigger, str) and text and (at := text.find(trigger)) >= 0:
        return at, at + len(trigger)
    return None, None


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, pos) for c in SENTENCE_ENDS) + 1
    ends = [i for i in (text.find(c, pos) for c in SENTENCE_ENDS) if i >= 0]
    return start, min(ends) if ends else len(text)


def _actor_keys(actor: Record) -> set[Any]:
    keys = {(actor.get("country"), actor.get("sector")), (actor.get("name") or "").lower(),
            actor.get("wikidata") or actor.get("id")}
    return keys - {None, "", (None, None)}


def actors_agree(gold: list[Record], system: list[Record]) -> bool:
    if not gold:
        return True
    return any(_actor_keys(g) & _actor_keys(s) for g in gold for s in system)


def _event_matcher(gold_event: Record, text: str) -> Callable[[Record], bool]:
    start, end = _trigger_span(gold_event, text)
    types = gold_event["type"] if isinstance(gold_event["type"], list) else [gold_event["type"]]

    def matches(event: Record) -> bool:
        if event.get("type") not in types:
            return False
        trigger = event.get("trigger") or {}
        if start is None or trigger.get("start") is None:
            return True
        a, b = _sentence_bounds(text, start)
        return bool(a <= trigger["start"] <= b or _overlaps({"start": start, "end": end}, trigger))
    return matches


def _field_checks(gold_event: Record, event: Record, hits: Counter[str], totals: Counter[str]) -> None:
    totals["actor"] += 1
    hits["actor"] += actors_agree(gold_event.get("actors", []), event.get("actors", []))
    if gold_event.get("fatalities") is not None:
        totals["fatalities"] += 1
        hits["fatalities"] += event.get("fatalities") == gold_event["fatalities"]
    gold_loc, loc = gold_event.get("location") or {}, event.get("location") or {}
    if gold_loc.get("country"):
        totals["location"] += 1
        if gold_loc.get("lat") is not None and loc.get("lat") is not None:
            hits["location"] += haversine_km(gold_loc["lat"], gold_loc["lon"], loc["lat"], loc["lon"]) <= 25
        elif gold_loc.get("geonameid"):
            hits["location"] += loc.get("geonameid") == gold_loc["geonameid"]
        else:
            hits["location"] += loc.get("country") == gold_loc["country"]
    if gold_event.get("date"):
        totals["date"] += 1
        value = event.get("date")
        value = value.get("value") if isinstance(value, dict) else value
        accepted = gold_event["date"] if isinstance(gold_event["date"], list) else [gold_event["date"]]
        hits["date"] += value in accepted
    if gold_event.get("claimed_by"):
        totals["claimed_by"] += 1
        claim = event.get("claimed_by") or {}
        surname = gold_event["claimed_by"]["name"].split()[-1].lower()
        hits["claimed_by"] += surname in (claim.get("name") or claim.get("text") or "").lower()


def score_events(gold: dict[str, Record], system: dict[str, Record]) -> Record:
    required = required_hit = predicted = matched = 0
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for doc_id, g in gold.items():
        text = g.get("text", "")
        events = system.get(doc_id, {}).get("events", [])
        used: set[int] = set()
        for gold_event in g["events"]:
            matches = _event_matcher(gold_event, text)
            found = next((j for j, e in enumerate(events) if j not in used and matches(e)), None)
            if found is not None:
                used.add(found)
            if gold_event.get("required"):
                required += 1
                required_hit += found is not None
            if found is not None:
                _field_checks(gold_event, events[found], hits, totals)
        predicted += len(events)
        matched += len(used)
    out: Record = {"required_recall": _ratio(required_hit, required) if required else None,
                   "precision": _ratio(matched, predicted), "required": required, "predicted": predicted}
    out.update({f"{k}_accuracy": _ratio(hits[k], totals[k]) for k in totals})
    return out


def score_quotes(gold: dict[str, Record], system: dict[str, Record]) -> Record:
    """A gold quote is right when a system quote starts with its first words and names its speaker's surname."""
    n = found = right = 0
    for doc_id, g in gold.items():
        quotes = system.get(doc_id, {}).get("quotes", [])
        for gq in g.get("quotes", []):
            n += 1
            match = next((q for q in quotes if q.get("text", "").startswith(gq["starts_with"][:30])), None)
            if match is None:
                continue
            found += 1
            speaker = (match.get("speaker") or {}).get("name") or ""
            right += gq["speaker"].split()[-1].lower() in speaker.lower()
    return {"quotes": n, "found": found, "speaker_right": right, "speaker_accuracy": _ratio(right, n)}


KINDS: dict[str, Callable[[dict[str, Record], dict[str, Record]], Record]] = {
    "places": score_places, "plover": score_plover, "acled": score_acled, "events": score_events,
    "quotes": score_quotes}


def score(kind: str, gold_path: Path, system_path: Path) -> Record:
    gold, system = read_jsonl(gold_path), read_jsonl(system_path)
    return {"kind": kind, "gold": gold_path.name, **KINDS[kind](gold, system)}


def score_records(kind: str, gold: Iterable[Record], system: Iterable[Record]) -> Record:
    return KINDS[kind]({str(r["id"]): r for r in gold}, {str(r["id"]): r for r in system})
