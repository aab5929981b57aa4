"""Run a task over phenopacket inputs, in this process or with worker processes, in input order.

This module is the one place where local workers start and get their knowledge base. With
``jobs`` = N > 1 the calling process ranks too, beside N − 1 helper processes, so that N
processes rank and no process sits idle waiting for the others:

``fork`` (the default where the platform has it: Linux)
    Helpers are forked from the caller after it loaded the knowledge base (and ranked the
    first chunk, so that whatever ranking imports or builds on first use is made once),
    and use that copy: its numpy arrays are shared page by page (copy-on-write) instead of
    loaded again, and the objects alive at the fork are frozen out of the garbage
    collector's reach (:func:`gc.freeze`), whose passes would otherwise write to, and so
    copy, every page holding them.
``spawn`` (elsewhere, and on request)
    Each helper starts a fresh interpreter, imports xpid and loads the knowledge base from
    the cache the caller loaded it from.

The inputs go in chunks of ``chunksize``: the caller hands each helper two chunks ahead
over its own pipe, ranks chunks itself between looking for finished ones, and yields
results in input order. A helper that dies (killed, out of memory) loses nothing: its
unfinished chunks are ranked by the caller. Results are the same values, in the same order,
as with one process.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from xpid.errors import ParameterError
from xpid.phenopackets import MissingInput

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase

__all__ = [
    "DEFAULT_CHUNKSIZE",
    "KnowledgeSource",
    "Results",
    "StartMethod",
    "default_start_method",
    "map_inputs",
]

R = TypeVar("R")
Item = Path | MissingInput
StartMethod = Literal["fork", "spawn"]
Task = Callable[["KnowledgeBase", Item], Any]

DEFAULT_CHUNKSIZE = 4
"""Inputs handed out at a time: small enough to keep every process busy to the end."""

CHUNKS_AHEAD = 2
"""Chunks a helper holds (the one it ranks and the next), so it never waits for the caller."""

MAX_CHUNKS_BUFFERED = 64
"""Chunks the caller ranks beyond the next one to yield while a helper is behind; then it
waits for the helper (this bounds the results held in memory)."""


@dataclass(frozen=True, slots=True)
class KnowledgeSource:
    """Where a worker process loads the knowledge base from (the root CLI options)."""

    data_dir: Path | None = None
    cache_dir: Path | None = None


def default_start_method() -> StartMethod:
    """``fork`` on Linux, where forking after the load shares the knowledge base; else
    ``spawn`` (macOS has ``fork`` but system libraries are not safe to use after it;
    Windows has no ``fork``)."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


class Results(Iterator[R]):
    """Results in input order, from any engine; closing it (or leaving a ``with`` block, or
    running out, or an exception while waiting) stops the engine's workers.

    Parameters
    ----------
    results
        The results, in input order.
    stop
        Stops the workers (called once); ``None`` when everything runs in this process.
    """

    def __init__(self, results: Iterator[R], stop: Callable[[], None] | None = None) -> None:
        self._results = results
        self._stop = stop

    def __next__(self) -> R:
        try:
            return next(self._results)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Stop the workers now (a no-op when there are none or they were stopped)."""
        stop, self._stop = self._stop, None
        if stop is not None:
            stop()

    def __enter__(self) -> Results[R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):  # at interpreter exit, modules may be gone
            self.close()


def map_inputs(
    task: Callable[[KnowledgeBase, Item], R],
    items: Sequence[Item],
    *,
    kb: KnowledgeBase,
    source: KnowledgeSource,
    jobs: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
    start_method: StartMethod | None = None,
) -> Results[R]:
    """Yield ``task(kb, item)`` for every item, in the order of ``items``.

    With ``jobs`` > 1 the helper processes start at this call, not at the first ``next``,
    so that the caller can start its own threads (a progress display) after it: a fork
    copies only the calling thread, and a lock another thread held then stays locked.

    Parameters
    ----------
    task
        A picklable callable (a top-level function or an instance of a top-level class)
        that never raises for a bad input: it returns a result describing the problem.
    items
        Phenopacket paths and missing inputs, shape (n,).
    kb
        The knowledge base, already loaded by the caller (used in this process, and by
        forked helpers).
    source
        Data and cache directories spawned helpers load the knowledge base from.
    jobs
        Number of processes that rank, this one included; 1 runs everything here.
    chunksize
        Inputs per hand-out.
    start_method
        How helpers start (see the module docstring); default
        :func:`default_start_method`.

    Returns
    -------
    Results
        One result per item, in input order. Use it in a ``with`` block, or close it: an
        early stop (or an exception in the consumer, such as Ctrl-C) then stops the
        helpers.
    """
    if jobs < 1:
        raise ParameterError(f"jobs must be at least 1, got {jobs}.")
    if chunksize < 1:
        raise ParameterError(f"chunksize must be at least 1, got {chunksize}.")
    method = start_method or default_start_method()
    if method not in ("fork", "spawn"):
        raise ParameterError(f"start_method must be 'fork' or 'spawn', got {method!r}.")
    chunks = [items[i : i + chunksize] for i in range(0, len(items), chunksize)]
    if jobs == 1 or len(chunks) <= 1:
        return Results(task(kb, item) for item in items)
    crew = _Crew(task, kb, chunks)
    if method == "fork":
        # The first chunk is ranked here: what a task imports or builds on first use is
        # then in this process, shared with the helpers, instead of made in each of them.
        crew.rank_here(crew.take())
        gc.collect()
        gc.freeze()
    try:
        crew.start(min(jobs, len(chunks)) - 1, method, source)
    except BaseException:
        crew.stop()
        raise
    return Results(crew.results(), crew.stop)


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the caller handles it and stops the helpers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _helper_main(conn: Connection, task: Task, knowledge: KnowledgeBase | KnowledgeSource) -> None:
    """A helper process: rank the chunks the caller sends, send back their results."""
    _ignore_interrupts()
    if isinstance(knowledge, KnowledgeSource):
        from xpid.knowledge.load import load_knowledge_base

        try:
            kb = load_knowledge_base(knowledge.data_dir, cache_dir=knowledge.cache_dir)
        except Exception:  # the caller loaded the same files: it ranks this helper's share
            conn.close()
            return
    else:
        kb = knowledge
    while (message := conn.recv()) is not None:
        index, chunk = message
        try:
            conn.send((index, [task(kb, item) for item in chunk], None))
        except Exception as exc:  # a task that broke its promise: the caller raises it
            conn.send((index, None, exc))
    conn.close()


@dataclass(eq=False)
class _Helper:
    process: BaseProcess
    conn: Connection
    holding: deque[int] = field(default_factory=deque)


class _Crew:
    """The caller's side: hand out chunks, rank chunks, collect results, yield in order."""

    def __init__(self, task: Task, kb: KnowledgeBase, chunks: list[Sequence[Item]]) -> None:
        self.task = task
        self.kb = kb
        self.chunks = chunks
        self.helpers: list[_Helper] = []
        self.done: dict[int, list[Any]] = {}
        self.next_new = 0  # the first chunk not yet handed out or taken
        self.orphans: deque[int] = deque()  # chunks of helpers that died
        self.froze = False

    def take(self) -> int | None:
        """The next chunk to rank here, or ``None``."""
        if self.orphans:
            return self.orphans.popleft()
        if self.next_new < len(self.chunks):
            self.next_new += 1
            return self.next_new - 1
        return None

    def rank_here(self, index: int | None) -> None:
        if index is None:
            return
        results = []
        for item in self.chunks[index]:
            results.append(self.task(self.kb, item))
            self.collect(timeout=0)  # helpers are never kept waiting for their next chunk
        self.done[index] = results

    def start(self, n_helpers: int, method: StartMethod, source: KnowledgeSource) -> None:
        self.froze = method == "fork"
        context = (
            multiprocessing.get_context("fork")
            if method == "fork"
            else multiprocessing.get_context("spawn")
        )
        knowledge: KnowledgeBase | KnowledgeSource = self.kb if method == "fork" else source
        for _ in range(n_helpers):
            here, there = context.Pipe(duplex=True)
            process = context.Process(
                target=_helper_main, args=(there, self.task, knowledge), daemon=True
            )
            process.start()
            there.close()
            helper = _Helper(process, here)
            self.helpers.append(helper)
            for _ in range(CHUNKS_AHEAD):
                self.hand_out(helper)

    def hand_out(self, helper: _Helper) -> None:
        if self.next_new < len(self.chunks):
            index = self.next_new
            self.next_new += 1
            helper.holding.append(index)
            helper.conn.send((index, self.chunks[index]))

    def lose(self, helper: _Helper) -> None:
        """A helper died: the caller ranks what it held."""
        self.helpers.remove(helper)
        self.orphans.extend(sorted(helper.holding))
        helper.conn.close()
        helper.process.join()

    def collect(self, timeout: float | None) -> None:
        """Take the results helpers sent (waiting up to ``timeout`` seconds for one)."""
        if not self.helpers:
            return
        handles: dict[Connection | int, _Helper] = {}
        for h in self.helpers:
            handles[h.conn] = handles[h.process.sentinel] = h
        for ready in wait(list(handles), timeout):  # a result, or a helper's end
            helper = handles[ready]  # type: ignore[index]  # wait returns what it was given
            if helper not in self.helpers:  # lost through its other handle, just now
                continue
            try:
                while helper.conn.poll():
                    index, results, exc = helper.conn.recv()
                    if exc is not None:
                        raise exc
                    helper.holding.remove(index)
                    self.done[index] = results
                    self.hand_out(helper)
            except (EOFError, OSError):
                self.lose(helper)
                continue
            if not helper.process.is_alive() and not helper.conn.poll():
                self.lose(helper)

    def results(self) -> Iterator[Any]:
        next_yield = 0
        while next_yield < len(self.chunks):
            if next_yield in self.done:
                yield from self.done.pop(next_yield)
                next_yield += 1
                continue
            self.collect(timeout=0)
            if next_yield in self.done:
                continue
            if self.next_new - next_yield < MAX_CHUNKS_BUFFERED or self.orphans:
                index = self.take()
                if index is not None:
                    self.rank_here(index)
                    continue
            self.collect(timeout=None)
        # Every chunk is done: the helpers wait for their next message, which ends them.
        for helper in self.helpers:
            with contextlib.suppress(OSError):
                helper.conn.send(None)
        for helper in self.helpers:
            helper.process.join(timeout=5.0)
        self.stop()

    def stop(self) -> None:
        """End the helpers now (those still running are terminated) and thaw the objects
        frozen for the fork."""
        for helper in self.helpers:
            if helper.process.is_alive():
                helper.process.terminate()
            helper.process.join()
            helper.conn.close()
        self.helpers = []
        if self.froze:
            self.froze = False
            gc.unfreeze()
