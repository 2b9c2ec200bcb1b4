"""Running the pipeline on many cores or on a Dask cluster, with results in input order and bounded memory.

:func:`map_articles` is the one entry point for every command that extracts (``extract``, ``ingest``): it takes an
iterable of ingest items (articles or :class:`~eventwire.ingest.Failed` records), read lazily, and yields exactly one
:class:`ArticleResult` per item, in input order. Work goes out in chunks; at most ``window`` chunks are in flight at
any time, so memory does not grow with the input. Each worker builds its :class:`Pipeline` (spaCy models, KB,
gazetteer) once and keeps it for every chunk it gets.
"""

from __future__ import annotations

import os
import resource
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain, islice
from multiprocessing import get_context
from typing import TYPE_CHECKING, Any, Literal

from eventwire.errors import EventwireError
from eventwire.models import ArticleResult
from eventwire.pipeline import Pipeline, PipelineConfig, StageTimes

if TYPE_CHECKING:
    from eventwire.ingest import Item

Engine = Literal["local", "dask"]
PLUGIN_NAME = "eventwire-pipeline"


@dataclass(frozen=True)
class ParallelConfig:
    workers: int = 0  # 0: one per core of this machine (local engine); ignored by Dask (the cluster decides)
    chunk_size: int = 64  # articles per task sent to a worker
    engine: Engine = "local"
    scheduler: str | None = None  # tcp://HOST:PORT of a running Dask scheduler (engine "dask")

    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)


@dataclass
class RunStats:
    """What the workers report back: per-stage seconds summed over workers, and each worker's peak memory."""

    times: StageTimes = field(default_factory=StageTimes)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # worker (pid or Dask address) -> peak RSS, MB

    def record(self, worker: str, times: StageTimes, rss_mb: float) -> None:
        self.times.merge(times)
        self.peak_rss_mb[worker] = max(self.peak_rss_mb.get(worker, 0.0), rss_mb)


@dataclass(frozen=True)
class ChunkOutput:
    results: list[ArticleResult]
    times: StageTimes
    worker: str
    peak_rss_mb: float


def map_articles(items: Iterable[Item], config: PipelineConfig | None = None,
                 parallel: ParallelConfig | None = None, stats: RunStats | None = None) -> Iterator[ArticleResult]:
    """One result per item, in input order, on one process, a local process pool or a Dask cluster."""
    config = config or PipelineConfig()
    parallel = parallel or ParallelConfig()
    stats = stats if stats is not None else RunStats()
    if parallel.engine == "dask":
        yield from _on_dask(items, config, parallel, stats)
    elif parallel.worker_count() <= 1:
        yield from _in_process(items, config, stats)
    else:
        iterator = iter(items)
        first = list(islice(iterator, parallel.chunk_size + 1))
        if len(first) <= parallel.chunk_size:  # a single chunk of work: starting processes would only cost time
            yield from _in_process(first, config, stats)
        else:
            yield from _on_pool(chain(first, iterator), config, parallel, stats)


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def run_chunk(pipeline: Pipeline, chunk: list[Item], worker: str) -> ChunkOutput:
    """Extract one chunk with a worker's pipeline; report the time it took per stage and the worker's peak RSS."""
    pipeline.times = StageTimes()
    results = list(pipeline.pipe(chunk))
    return ChunkOutput(results, pipeline.times, worker, peak_rss_mb())


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def ordered(submit: Callable[[list[Item]], Future[ChunkOutput]], items: Iterable[Item], chunk_size: int,
            window: int, stats: RunStats) -> Iterator[ArticleResult]:
    """Submit chunks as earlier ones complete, never more than ``window`` in flight; yield results in order."""
    pending: deque[Future[ChunkOutput]] = deque()
    for chunk in chunks(items, chunk_size):
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from _collect(pending.popleft(), stats)
    while pending:
        yield from _collect(pending.popleft(), stats)


def _collect(future: Future[ChunkOutput], stats: RunStats) -> list[ArticleResult]:
    output = future.result()
    stats.record(output.worker, output.times, output.peak_rss_mb)
    return output.results


# -- one process ---------------------------------------------------------------------------------------------------

def _in_process(items: Iterable[Item], config: PipelineConfig, stats: RunStats) -> Iterator[ArticleResult]:
    pipeline = Pipeline(config)
    for chunk in chunks(items, config.batch_size):
        yield from _collect_now(run_chunk(pipeline, chunk, str(os.getpid())), stats)


def _collect_now(output: ChunkOutput, stats: RunStats) -> list[ArticleResult]:
    stats.record(output.worker, output.times, output.peak_rss_mb)
    return output.results


# -- local process pool ------------------------------------------------------------------------------------------

class _WorkerState:
    """The pipeline of a pool worker process, built once by the pool's initializer."""

    pipeline: Pipeline | None = None


def _init_worker(config: PipelineConfig) -> None:
    _WorkerState.pipeline = Pipeline(config)


def _pool_chunk(chunk: list[Item]) -> ChunkOutput:
    assert _WorkerState.pipeline is not None, "worker used before its initializer ran"
    return run_chunk(_WorkerState.pipeline, chunk, str(os.getpid()))


def _on_pool(items: Iterable[Item], config: PipelineConfig, parallel: ParallelConfig,
             stats: RunStats) -> Iterator[ArticleResult]:
    workers = parallel.worker_count()
    # spawn, not fork: a forked child would inherit the parent's threads and locks (rich, lingua, BLAS)
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_init_worker,
                             initargs=(config,)) as pool:
        try:
            yield from ordered(lambda chunk: pool.submit(_pool_chunk, chunk), items, parallel.chunk_size,
                               2 * workers, stats)
        except BrokenProcessPool as exc:
            raise EventwireError(f"a worker process died ({exc}); out of memory? Try fewer --workers, a smaller "
                                 "--max-chars, or check the system log") from exc


# -- Dask --------------------------------------------------------------------------------------------------------

def pipeline_plugin(config: PipelineConfig) -> Any:
    """A Dask worker plugin that builds the pipeline once per worker (when it starts, or joins later)."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        name = PLUGIN_NAME

        def __init__(self) -> None:
            self.config = config
            self.pipeline: Pipeline | None = None

        def setup(self, worker: Any) -> None:
            self.pipeline = Pipeline(self.config)

        def teardown(self, worker: Any) -> None:
            self.pipeline = None

    return PipelinePlugin()


def _dask_chunk(chunk: list[Item]) -> ChunkOutput:
    from distributed import get_worker

    worker = get_worker()
    plugin: Any = worker.plugins[PLUGIN_NAME]
    if plugin.pipeline is None:
        plugin.setup(worker)
    return run_chunk(plugin.pipeline, chunk, str(worker.address))


def _on_dask(items: Iterable[Item], config: PipelineConfig, parallel: ParallelConfig,
             stats: RunStats) -> Iterator[ArticleResult]:
    try:
        from distributed import Client
    except ImportError as exc:
        raise EventwireError("the Dask engine needs dask.distributed: pip install 'eventwire[dask]'") from exc
    if not parallel.scheduler:
        raise EventwireError("the Dask engine needs a scheduler address (--scheduler tcp://HOST:PORT)")
    with Client(parallel.scheduler) as client:
        client.register_plugin(pipeline_plugin(config), name=PLUGIN_NAME)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from ordered(lambda chunk: client.submit(_dask_chunk, chunk, pure=False), items,
                           parallel.chunk_size, 2 * workers, stats)
