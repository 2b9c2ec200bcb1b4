"""Accuracy gate: extraction over the project's own gold sets (and the shared dev sets when present) must stay at
or above the floors pinned in tests/floors.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.eval import score_records
from eventwire.ingest import read_paths

TESTS = Path(__file__).resolve().parent
FLOORS = json.loads((TESTS / "floors.json").read_text(encoding="utf-8"))
CASES = [(name, kind, metric, floor) for name, kinds in FLOORS.items() if not name.startswith("_")
         for kind, metrics in kinds.items() for metric, floor in metrics.items()]


def _gold_path(name: str, shared: Path | None) -> Path:
    if name.startswith("shared:"):
        if shared is None:
            pytest.skip("../shared/eval is not present")
        return shared / name.removeprefix("shared:")
    return TESTS / name


@pytest.fixture(scope="module")
def outputs(pipeline):
    cache: dict[str, tuple[list[dict], list[dict]]] = {}

    def run(path: Path) -> tuple[list[dict], list[dict]]:
        key = str(path)
        if key not in cache:
            gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            results = [r.to_json_dict() for r in pipeline.pipe(read_paths([key]))]
            assert len(results) == len(gold), "one output record per input record"
            cache[key] = (gold, results)
        return cache[key]
    return run


@pytest.mark.models
@pytest.mark.parametrize(("name", "kind", "metric", "floor"), CASES,
                         ids=[f"{n.split('/')[-1]}:{k}:{m}" for n, k, m, _ in CASES])
def test_accuracy_floor(name, kind, metric, floor, outputs):
    from conftest import SHARED_EVAL

    path = _gold_path(name, SHARED_EVAL if SHARED_EVAL.is_dir() else None)
    gold, system = outputs(path)
    got = score_records(kind, gold, system)[metric]
    assert got >= floor, f"{name} {kind}.{metric} = {got} fell below its floor {floor}"
