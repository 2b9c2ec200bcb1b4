"""Parallel engines give exactly the local run's output, in input order, one result per item."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import ErrorCode, RecordProblem
from eventwire.ingest import Failed, Item, read_paths
from eventwire.models import Article
from eventwire.parallel import ParallelConfig, RunStats, chunks, map_articles

GOLD = Path(__file__).resolve().parent / "gold"


def corpus(n: int) -> list[Item]:
    base = [a for a in read_paths([str(GOLD / "dispatches.fr.jsonl"), str(GOLD / "dispatches.en.jsonl")])
            if isinstance(a, Article)]
    items: list[Item] = [base[i % len(base)].model_copy(update={"id": f"doc-{i}"}) for i in range(n)]
    items[3] = Failed("broken", RecordProblem(ErrorCode.BAD_JSON, "line 4 is not JSON", "broken"))
    return items


def test_chunks_are_lazy_and_complete():
    consumed = []

    def source():
        for i in range(10):
            consumed.append(i)
            yield i

    stream = chunks(source(), 4)  # type: ignore[arg-type]
    assert next(stream) == [0, 1, 2, 3] and consumed == [0, 1, 2, 3]
    assert list(stream) == [[4, 5, 6, 7], [8, 9]]


@pytest.mark.models
def test_process_pool_equals_the_local_run(pipeline):
    items = corpus(40)
    local = [r.to_json_dict() for r in pipeline.pipe(items)]
    stats = RunStats()
    pooled = [r.to_json_dict() for r in map_articles(items, parallel=ParallelConfig(workers=2, chunk_size=8),
                                                     stats=stats)]
    assert pooled == local
    assert pooled[3]["errors"][0]["code"] == "E003"
    assert len(stats.peak_rss_mb) == 2 and stats.times.docs == 39


@pytest.mark.models
@pytest.mark.cluster
def test_dask_local_cluster_of_two_workers_equals_the_local_run(pipeline):
    distributed = pytest.importorskip("distributed")
    items = corpus(200)
    local = [r.to_json_dict() for r in pipeline.pipe(items)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        stats = RunStats()
        remote = [r.to_json_dict() for r in map_articles(
            items, parallel=ParallelConfig(engine="dask", scheduler=cluster.scheduler_address, chunk_size=16),
            stats=stats)]
    assert len(remote) == 200
    assert [r["id"] for r in remote] == [r["id"] for r in local]
    assert remote == local
    assert len(stats.peak_rss_mb) == 2  # both workers took part
