"""The Dask engine of ``xpid batch``: rank on a Dask distributed cluster (extra ``xpid[dask]``).

How a run goes:

1. The client connects to the scheduler at ``scheduler``, or starts a
   :class:`~distributed.LocalCluster` of ``workers`` single-threaded worker processes on
   127.0.0.1.
2. A worker plugin (:class:`KnowledgeBasePlugin`) loads the knowledge base once in every
   worker, from the data and cache folders the client resolved (on a cluster: folders that
   every node sees at the same path), and again in any worker that joins later (one that
   replaces a lost worker, say).
3. The inputs go out in chunks, a bounded number ahead of the next one to write, earlier
   chunks first; results come back as chunks finish and are yielded in input order.
4. A worker lost while it held a chunk (killed, out of memory, its node gone) is survived:
   the scheduler runs the chunk again elsewhere. A chunk that kills workers more often than
   the scheduler allows (``distributed.scheduler.allowed-failures``) is split: its inputs
   go one task at a time, one after the other, each tried :data:`SINGLE_INPUT_TRIES` times;
   an input that still kills its worker gets the result of ``on_lost`` (for ``xpid
   batch``, an error record), so every input has exactly one result.
5. Closing the results (the end, an error, Ctrl-C) cancels what is left, removes the plugin
   from the workers and closes the client, and the local cluster if it started one.

This module imports :mod:`distributed`; :func:`import_dask_engine` imports it with a message
that says how to install it.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from distributed import Client, Future, LocalCluster, WorkerPlugin, as_completed, get_worker
from distributed.scheduler import KilledWorker

from xpid.batch.pool import Item, KnowledgeSource, Results
from xpid.errors import DataError, ParameterError, XpidError

if TYPE_CHECKING:
    from distributed import Worker

    from xpid.knowledge.base import KnowledgeBase

__all__ = ["KnowledgeBasePlugin", "map_inputs_on_dask", "DEFAULT_DASK_CHUNKSIZE"]

R = TypeVar("R")

DEFAULT_DASK_CHUNKSIZE = 32
"""Most inputs per task: a task of a few tenths of a second outweighs the scheduler's
overhead of about a millisecond; small runs use smaller chunks so that every worker gets
some (see :func:`chunk_size`)."""

CHUNKS_AHEAD_PER_WORKER = 4
"""Chunks in flight per worker thread, counted from the next chunk to write: enough to keep
workers busy while one chunk is slow, few enough that results waiting for an earlier chunk
stay small."""


class KnowledgeBasePlugin(WorkerPlugin):
    """Loads the knowledge base once in each worker, from ``source``, and checks that it is
    the client's (``knowledge_key``, the profile store's key: the same input files).

    The load runs in a thread, so that the worker keeps answering the scheduler; a worker
    whose load fails, or that finds other data at the same path, reports the error to the
    client when the plugin is registered.
    """

    def __init__(self, source: KnowledgeSource, knowledge_key: str) -> None:
        self.source = source
        self.knowledge_key = knowledge_key
        self.kb: KnowledgeBase | None = None

    async def setup(self, worker: Worker) -> None:
        from xpid.knowledge.load import load_knowledge_base

        source = self.source
        kb = await asyncio.to_thread(
            load_knowledge_base, source.data_dir, cache_dir=source.cache_dir
        )
        if kb.store.key != self.knowledge_key:
            raise DataError(
                f"Dask worker {worker.address} found other data in "
                f"{source.data_dir or 'its default data folder'} than the client (another "
                "release or other profiles): give every worker the same data folder."
            )
        self.kb = kb

    def teardown(self, worker: Worker) -> None:
        self.kb = None


def _run_chunk(
    plugin_name: str, task: Callable[[KnowledgeBase, Item], R], chunk: Sequence[Item]
) -> list[R]:
    """Run ``task`` on every input of ``chunk`` in a worker, with the worker's knowledge base."""
    worker = get_worker()
    plugin = worker.plugins.get(plugin_name)
    kb = plugin.kb if isinstance(plugin, KnowledgeBasePlugin) else None
    if kb is None:
        raise DataError(
            f"Dask worker {worker.address} has no xpid knowledge base (its plugin "
            f"{plugin_name!r} did not load; the worker's log says why)."
        )
    return [task(kb, item) for item in chunk]


def chunk_size(n_items: int, n_threads: int, largest: int = DEFAULT_DASK_CHUNKSIZE) -> int:
    """Inputs per task: at most ``largest``, and small enough that each of ``n_threads``
    worker threads gets about four tasks.

    >>> chunk_size(10_000, 8), chunk_size(40, 2), chunk_size(3, 2)
    (32, 5, 1)
    """
    return max(1, min(largest, math.ceil(n_items / (4 * max(n_threads, 1)))))


def map_inputs_on_dask(
    task: Callable[[KnowledgeBase, Item], R],
    items: Sequence[Item],
    *,
    source: KnowledgeSource,
    knowledge_key: str,
    on_lost: Callable[[Item, str], R],
    scheduler: str | None = None,
    workers: int = 1,
    chunksize: int | None = None,
) -> Results[R]:
    """Run ``task(kb, item)`` for every item on a Dask cluster; results in input order.

    Parameters
    ----------
    task
        A picklable task that never raises for a bad input (see
        :func:`xpid.batch.map_inputs`); it must be importable on the workers (xpid installed
        there).
    items
        Phenopacket paths and missing inputs, shape (n,); paths must be readable by the
        workers as they are given (see :class:`xpid.batch.RankTask`'s ``root``).
    source
        Data and cache folders the workers load the knowledge base from.
    knowledge_key
        The key of the knowledge base the client loaded (its profile store's key): a worker
        that loads another one refuses to rank.
    on_lost
        The result of an input whose worker died every time it was tried, from the input
        and a sentence saying so.
    scheduler
        Address of a running scheduler (``tcp://host:8786``); ``None`` starts a local
        cluster of ``workers`` processes.
    workers
        Worker processes of the local cluster (ignored with ``scheduler``).
    chunksize
        Inputs per task; default :func:`chunk_size`.

    Returns
    -------
    Results
        One result per item, in input order (close it, or use it in a ``with`` block).

    Raises
    ------
    XpidError
        When the scheduler cannot be reached, a worker cannot load the knowledge base, or
        the scheduler is lost during the run (the results yielded so far stay valid).
    """
    if workers < 1:
        raise ParameterError(f"workers must be at least 1, got {workers}.")
    if chunksize is not None and chunksize < 1:
        raise ParameterError(f"chunksize must be at least 1, got {chunksize}.")
    cluster: LocalCluster | None = None
    try:
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",  # its HTTP server starts anyway: any free port
                silence_logs=logging.ERROR,
            )
            client = Client(cluster, set_as_default=False)
        else:
            client = Client(scheduler, set_as_default=False, timeout=30)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        where = "a local Dask cluster" if scheduler is None else f"the scheduler {scheduler!r}"
        raise XpidError(f"cannot reach {where} ({exc}).") from None
    # One plugin per run: a run that ends (and removes its plugin) never takes the knowledge
    # base from under another run on the same cluster.
    name = f"xpid-knowledge-base-{uuid.uuid4().hex}"

    def stop() -> None:
        try:
            if client.status == "running":
                client.unregister_worker_plugin(name)
        except Exception:  # a lost scheduler: nothing left to clean up there
            pass
        client.close()
        if cluster is not None:
            cluster.close()

    try:
        client.register_plugin(KnowledgeBasePlugin(source, knowledge_key), name=name)
        threads = sum(client.nthreads().values()) or workers
        size = chunksize or chunk_size(len(items), threads)
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        ordered = _ordered_results(
            client, name, task, chunks, CHUNKS_AHEAD_PER_WORKER * threads, on_lost
        )
    except BaseException:
        stop()
        raise
    return Results(ordered, stop)


_WAITING = object()

SINGLE_INPUT_TRIES = 2
"""Tasks of one input alone before it is given up: an input that was only beside the culprit
when a worker died (queued on the same worker) gets a second chance."""


def _ordered_results(
    client: Client,
    name: str,
    task: Callable[[KnowledgeBase, Item], R],
    chunks: Sequence[Sequence[Item]],
    ahead: int,
    on_lost: Callable[[Item, str], R],
) -> Iterator[R]:
    """Submit ``chunks`` at most ``ahead`` beyond the next one to yield; yield in order.

    A chunk that failed with :class:`KilledWorker` is split: its inputs go one task at a
    time, one after the other (an input queued behind the culprit on a dying worker is
    blamed with it; alone, it is not), each tried up to :data:`SINGLE_INPUT_TRIES` times.
    """
    where: dict[Future[list[R]], tuple[int, int | None]] = {}  # chunk, and input when split
    parts: dict[int, list[Any]] = {}  # results of split chunks, input by input
    finished: dict[int, list[R]] = {}
    tries: dict[tuple[int, int], int] = {}  # failed tasks of an input alone
    starts = list(itertools.accumulate((len(c) for c in chunks), initial=0))
    running = as_completed(loop=client.loop)

    def submit(index: int, position: int | None = None) -> None:
        work = chunks[index] if position is None else [chunks[index][position]]
        # Earlier inputs first: Dask runs the higher priority first.
        priority = -(starts[index] + (position or 0))
        future = client.submit(
            _run_chunk, name, task, work, pure=False, priority=priority, retries=0
        )
        where[future] = (index, position)
        running.add(future)

    def settle(index: int, position: int, result: R) -> None:
        parts[index][position] = result
        if position + 1 < len(chunks[index]):
            submit(index, position + 1)
        else:
            finished[index] = parts.pop(index)

    n_submitted = 0
    while n_submitted < min(ahead, len(chunks)):
        submit(n_submitted)
        n_submitted += 1
    next_index = 0
    for future in running:
        index, position = where.pop(future)
        status = future.status
        exc = future.exception() if status == "error" else None
        if status == "finished":
            result = future.result()
            if position is None:
                finished[index] = result
            else:
                settle(index, position, result[0])
        elif isinstance(exc, KilledWorker):
            if position is None:
                parts[index] = [_WAITING] * len(chunks[index])
                submit(index, 0)
            elif tries.get((index, position), 0) + 1 < SINGLE_INPUT_TRIES:
                tries[index, position] = tries.get((index, position), 0) + 1
                submit(index, position)
            else:
                lost = on_lost(
                    chunks[index][position],
                    "every Dask worker that ranked this input died (out of memory, or "
                    "killed); it was not ranked.",
                )
                settle(index, position, lost)
        elif isinstance(exc, XpidError):
            raise exc
        elif exc is not None:
            raise XpidError(f"a Dask task failed ({type(exc).__name__}: {exc}).")
        else:
            raise XpidError(
                "lost the Dask scheduler (its tasks were cancelled); the results so far "
                "are complete."
            )
        while next_index in finished:
            yield from finished.pop(next_index)
            next_index += 1
            if n_submitted < len(chunks):
                submit(n_submitted)
                n_submitted += 1
