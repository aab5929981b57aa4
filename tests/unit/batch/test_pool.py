"""``map_inputs``: order, argument checks, forked helpers that share the caller's knowledge
base, spawned helpers that load it, a helper lost mid-run, and an early stop."""

from __future__ import annotations

import multiprocessing
import os
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from xpid.batch import KnowledgeSource, RankTask, map_inputs
from xpid.knowledge.base import KnowledgeBase
from xpid.knowledge.load import load_knowledge_base
from xpid.phenopackets import MissingInput, iter_phenopacket_paths

BATCH = Path(__file__).resolve().parents[2] / "fixtures" / "batch"
needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform"
)


def _name(kb: Any, item: Path | MissingInput) -> str:
    return item.input if isinstance(item, MissingInput) else item.name


def _where(kb: Any, item: Path | MissingInput) -> tuple[str, int, int]:
    """The item's name, the process that ran it and the identity of its knowledge base."""
    return _name(kb, item), os.getpid(), id(kb)


@dataclass(frozen=True)
class _KillOnce:
    """Kills the process that runs it on ``victim`` the first time (``marker`` is absent)."""

    victim: str
    marker: Path

    def __call__(self, kb: Any, item: Path | MissingInput) -> str:
        name = _name(kb, item)
        if name == self.victim and not self.marker.exists() and os.getpid() != self.parent:
            self.marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return name

    @property
    def parent(self) -> int:
        return int(self.marker.with_suffix(".parent").read_text())


def _too_slow(signum: int, frame: object) -> None:
    raise TimeoutError("the results never came: a lost chunk was not ranked again")


@pytest.fixture(scope="module")
def mini_kb(mini_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load_knowledge_base(mini_dir, cache_dir=tmp_path_factory.mktemp("cache"))


def _items(n: int) -> list[Path | MissingInput]:
    return [Path(f"case{i:03d}.json") for i in range(n)]


def test_in_process_keeps_order() -> None:
    items: list[Path | MissingInput] = [Path("b"), MissingInput("x", "gone"), Path("a")]
    out = list(map_inputs(_name, items, kb=None, source=KnowledgeSource()))  # type: ignore[arg-type]
    assert out == ["b", "x", "a"]


@pytest.mark.parametrize(("jobs", "chunksize"), [(0, 1), (1, 0)])
def test_bad_arguments(jobs: int, chunksize: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(
            map_inputs(
                _name,
                [Path("a")],
                kb=None,
                source=KnowledgeSource(),  # type: ignore[arg-type]
                jobs=jobs,
                chunksize=chunksize,
            )
        )


@needs_fork
@pytest.mark.parametrize("jobs", [2, 3])
def test_forked_helpers_rank_with_the_callers_knowledge_base(
    mini_kb: KnowledgeBase, tmp_path: Path, jobs: int
) -> None:
    items = _items(41)
    # A source that cannot load: forked helpers never load, they use the caller's copy.
    nowhere = KnowledgeSource(data_dir=tmp_path / "absent", cache_dir=tmp_path / "absent")
    with map_inputs(
        _where, items, kb=mini_kb, source=nowhere, jobs=jobs, chunksize=2, start_method="fork"
    ) as results:
        out = list(results)
    assert [name for name, _, _ in out] == [p.name for p in items]
    processes = {pid for _, pid, _ in out}
    assert os.getpid() in processes  # the caller ranks too
    assert len(processes) == jobs
    assert {kb_id for _, _, kb_id in out} == {id(mini_kb)}  # the same object, inherited


def test_spawned_helpers_load_and_rank_the_same(mini_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    kb = load_knowledge_base(mini_dir, cache_dir=cache)
    items = list(iter_phenopacket_paths([str(BATCH)]))
    task = RankTask(top=3)
    expected = [task(kb, item) for item in items]
    source = KnowledgeSource(data_dir=mini_dir, cache_dir=cache)
    with map_inputs(
        task, items, kb=kb, source=source, jobs=2, chunksize=1, start_method="spawn"
    ) as results:
        assert list(results) == expected


def test_a_spawned_helper_that_cannot_load_leaves_its_share_here(
    mini_dir: Path, tmp_path: Path
) -> None:
    kb = load_knowledge_base(mini_dir, cache_dir=tmp_path / "cache")
    items = list(iter_phenopacket_paths([str(BATCH)]))
    task = RankTask(top=3)
    nowhere = KnowledgeSource(data_dir=tmp_path / "absent", cache_dir=tmp_path / "absent")
    with map_inputs(
        task, items, kb=kb, source=nowhere, jobs=2, chunksize=1, start_method="spawn"
    ) as results:
        assert list(results) == [task(kb, item) for item in items]


@needs_fork
def test_a_helper_killed_mid_run_loses_nothing(mini_kb: KnowledgeBase, tmp_path: Path) -> None:
    items = _items(30)
    marker = tmp_path / "killed"
    marker.with_suffix(".parent").write_text(str(os.getpid()))
    # case011 is in the third chunk, which the first helper holds from the start.
    task = _KillOnce("case011.json", marker)
    # A lost chunk would leave the caller waiting for ever: fail instead.
    signal.signal(signal.SIGALRM, _too_slow)
    signal.alarm(120)
    with map_inputs(
        task, items, kb=mini_kb, source=KnowledgeSource(), jobs=3, chunksize=4, start_method="fork"
    ) as results:
        out = list(results)
    signal.alarm(0)
    assert marker.exists(), "no helper was killed: the test did not test anything"
    assert out == [p.name for p in items]


@needs_fork
def test_closing_early_ends_the_helpers(mini_kb: KnowledgeBase) -> None:
    results = map_inputs(
        _name, _items(40), kb=mini_kb, source=KnowledgeSource(), jobs=2, chunksize=1
    )
    assert next(results) == "case000.json"
    assert multiprocessing.active_children()
    results.close()
    assert multiprocessing.active_children() == []
