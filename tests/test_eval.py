"""eventwire eval must agree with the reference scorer of ../shared/eval (skipped when it is absent)."""

import json
import subprocess
import sys

import pytest

from eventwire.eval import score_events, score_quotes


def _write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


TEXT = "Des hommes armés ont tué dix civils à Mopti jeudi. L'armée a démenti."
GOLD = [{"id": "d1", "text": TEXT, "events": [
    {"required": True, "type": "ASSAULT", "trigger": "ont tué dix civils",
     "actors": [{"text": "Des hommes armés", "name": "gunmen", "country": None, "sector": "UAF"}],
     "location": {"name": "Mopti", "geonameid": 2453348, "lat": 14.4843, "lon": -4.18296, "country": "MLI"},
     "date": "2024-03-14", "fatalities": 10, "claimed_by": {"name": "Malian army"}},
    {"required": False, "type": "REJECT", "trigger": "a démenti"}],
    "quotes": [{"speaker": "Moussa Traoré", "starts_with": "Nous avons"}]}]
SYSTEM = [{"id": "d1", "events": [
    {"type": "ASSAULT", "trigger": {"start": 21, "end": 24, "text": "tué"},
     "actors": [{"name": "gunmen", "country": None, "sector": "UAF"}],
     "location": {"lat": 14.49, "lon": -4.19, "country": "MLI"}, "date": {"value": "2024-03-14"},
     "fatalities": 12, "claimed_by": {"name": "Malian army"}},
    {"type": "COERCE", "trigger": {"start": 0, "end": 3, "text": "Des"}}],
    "quotes": [{"text": "Nous avons riposté", "speaker": {"name": "Moussa Traoré"}}]}]


def test_events_metrics_on_a_tiny_case():
    got = score_events({"d1": GOLD[0]}, {"d1": SYSTEM[0]})
    assert got["required_recall"] == 1.0 and got["precision"] == 0.5
    assert got["fatalities_accuracy"] == 0.0 and got["location_accuracy"] == 1.0 and got["date_accuracy"] == 1.0
    assert score_quotes({"d1": GOLD[0]}, {"d1": SYSTEM[0]})["speaker_accuracy"] == 1.0


@pytest.mark.parametrize("kind", ["events", "plover", "acled", "places"])
def test_agrees_with_reference_scorer(kind, tmp_path, shared_eval):
    from eventwire.eval import score

    gold, system = tmp_path / "gold.jsonl", tmp_path / "sys.jsonl"
    extra = {"events": {}, "plover": {}, "acled": {"acled": "Violence against civilians/Attack"},
             "places": {"places": [{"start": 38, "end": 43, "lat": 14.48, "lon": -4.18, "geonameid": 2453348}]}}
    negative = {"id": "d2", "text": "Talks were held.", "acled": None, "events": [{"type": "CONSULT"}], "places": []}
    _write(gold, [{**GOLD[0], **extra[kind]}, negative])
    system_records = [{**SYSTEM[0], "places": [{"start": 38, "end": 43, "lat": 14.5, "lon": -4.2,
                                                 "geonameid": 2453348}]}]
    _write(system, system_records)
    reference = subprocess.run([sys.executable, str(shared_eval / "score.py"), kind, str(gold), str(system)],
                               capture_output=True, text=True, check=True)
    assert json.loads(reference.stdout) == score(kind, gold, system)
