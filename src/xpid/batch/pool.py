"""Run a task over phenopacket inputs, in this process or in worker processes, in input order.

Workers are started with the ``spawn`` method (safe with threads, the same on every
platform). Each worker loads the knowledge base once, from the cache, in its initializer;
the caller loads it first (building the cache if needed), so workers never build the cache
concurrently. Results come back through an ordered ``imap``: the same values, in the same
order, as with one process.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from xpid.errors import ParameterError
from xpid.phenopackets import MissingInput

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase

__all__ = ["KnowledgeSource", "map_inputs", "DEFAULT_CHUNKSIZE"]

R = TypeVar("R")
Item = Path | MissingInput
Task = Callable[["KnowledgeBase", Item], R]

DEFAULT_CHUNKSIZE = 4
"""Inputs sent to a worker at a time: small enough to keep both workers busy to the end."""


@dataclass(frozen=True, slots=True)
class KnowledgeSource:
    """Where a worker process loads the knowledge base from (the root CLI options)."""

    data_dir: Path | None = None
    cache_dir: Path | None = None


# The knowledge base and task of a worker process. Set once by the pool initializer in
# worker processes only; the parent process never touches it.
_worker_state: tuple[KnowledgeBase, Callable[[KnowledgeBase, Item], Any]] | None = None


def _init_worker(source: KnowledgeSource, task: Callable[[KnowledgeBase, Item], Any]) -> None:
    global _worker_state
    # Ctrl-C reaches the whole process group: the parent handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from xpid.knowledge.load import load_knowledge_base

    _worker_state = (load_knowledge_base(source.data_dir, cache_dir=source.cache_dir), task)


def _run_in_worker(item: Item) -> Any:
    assert _worker_state is not None, "worker used before its initializer ran"
    kb, task = _worker_state
    return task(kb, item)


def map_inputs(
    task: Callable[[KnowledgeBase, Item], R],
    items: Sequence[Item],
    *,
    kb: KnowledgeBase,
    source: KnowledgeSource,
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
) -> Iterator[R]:
    """Yield ``task(kb, item)`` for every item, in the order of ``items``.

    Parameters
    ----------
    task
        A picklable callable (a top-level function or an instance of a top-level class)
        that never raises for a bad input: it returns a result describing the problem.
    items
        Phenopacket paths and missing inputs, shape (n,).
    kb
        The knowledge base, already loaded by the caller (used when ``jobs`` is 1; its
        cache is what the workers load).
    source
        Data and cache directories the workers load the knowledge base from.
    jobs
        Number of processes; 1 runs everything in this process.
    chunksize
        Inputs per worker hand-out.

    Yields
    ------
    R
        One result per item, in input order. Closing the iterator early (or an exception
        in the consumer, such as Ctrl-C) terminates the workers.
    """
    if jobs < 1:
        raise ParameterError(f"jobs must be at least 1, got {jobs}.")
    if chunksize < 1:
        raise ParameterError(f"chunksize must be at least 1, got {chunksize}.")
    if jobs == 1 or len(items) <= 1:
        for item in items:
            yield task(kb, item)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(
        processes=min(jobs, len(items)), initializer=_init_worker, initargs=(source, task)
    ) as pool:
        yield from pool.imap(_run_in_worker, items, chunksize)
