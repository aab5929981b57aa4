"""``xpid batch --engine dask`` on local clusters of two worker processes (mini data).

Records identical to ``--jobs 1`` (a cluster xpid starts, and one given by ``--scheduler``);
a worker killed mid-run is survived (Dask runs its chunk again); an input that kills every
worker it meets gets an error record and the others are ranked; without the extra, one line
that says how to install it. ``distributed`` comes with ``pip install -e ".[test]"``.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from xpid.batch import KnowledgeSource, RankTask, lost_record
from xpid.batch.engine import import_dask_engine
from xpid.batch.records import input_key
from xpid.cli.app import app
from xpid.errors import XpidError
from xpid.knowledge.base import KnowledgeBase
from xpid.knowledge.load import load_knowledge_base
from xpid.phenopackets import MissingInput, iter_phenopacket_paths

distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")

runner = CliRunner()
BATCH = Path(__file__).resolve().parents[1] / "fixtures" / "batch"

# The tasks below are defined here, a module the workers cannot import: send them by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@dataclass(frozen=True)
class KillWorker:
    """Ranks like ``task``, but kills the worker process on ``victim``: once (while
    ``marker`` is absent), or every time when ``marker`` is ``None``."""

    task: RankTask
    victim: str
    marker: Path | None

    def __call__(self, kb: KnowledgeBase, item: Path | MissingInput) -> dict[str, Any]:
        if input_key(item).endswith(self.victim):
            if self.marker is None or not self.marker.exists():
                if self.marker is not None:
                    self.marker.touch()
                os.kill(os.getpid(), signal.SIGKILL)
        return self.task(kb, item)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """Two single-threaded worker processes on 127.0.0.1, shared by the tests here."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",  # its HTTP server starts anyway: any free port
        silence_logs=logging.ERROR,
    ) as local:
        yield local


@pytest.fixture(scope="module")
def data(mini_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    cache = tmp_path_factory.mktemp("cache")
    load_knowledge_base(mini_dir, cache_dir=cache)  # the workers load it from this cache
    return mini_dir, cache


def _batch(data: tuple[Path, Path], out: Path, *options: str) -> None:
    data_dir, cache = data
    result = runner.invoke(
        app,
        ["--data-dir", str(data_dir), "--cache-dir", str(cache), "batch", str(BATCH)]
        + [str(BATCH / "nope.json"), "--out", str(out), *options],
    )
    assert result.exit_code == 1, result.output  # the fixtures hold failing inputs
    assert "4 of 8 inputs failed" in result.stderr


def test_local_cluster_records_identical_to_jobs_1(data: tuple[Path, Path], tmp_path: Path) -> None:
    _batch(data, tmp_path / "one.jsonl", "--jobs", "1")
    _batch(data, tmp_path / "dask.jsonl", "--engine", "dask", "--jobs", "2")
    expected = (tmp_path / "one.jsonl").read_bytes()
    assert (tmp_path / "dask.jsonl").read_bytes() == expected
    assert len(expected.splitlines()) == 8


def test_scheduler_records_identical_to_jobs_1(
    data: tuple[Path, Path], tmp_path: Path, cluster: Any
) -> None:
    address = cluster.scheduler_address
    _batch(data, tmp_path / "one.tsv", "-f", "tsv", "--top", "3")
    _batch(
        data, tmp_path / "dask.tsv", "-f", "tsv", "--top", "3", "--engine", "dask",
        "--scheduler", address,
    )  # fmt: skip
    assert (tmp_path / "dask.tsv").read_bytes() == (tmp_path / "one.tsv").read_bytes()


def _rank_on_dask(
    task: Any, data: tuple[Path, Path], address: str, chunksize: int
) -> list[dict[str, Any]]:
    engine = import_dask_engine()
    data_dir, cache = data
    kb = load_knowledge_base(data_dir, cache_dir=cache)
    items = list(iter_phenopacket_paths([str(BATCH)]))
    with engine.map_inputs_on_dask(
        task,
        items,
        source=KnowledgeSource(data_dir, cache),
        knowledge_key=kb.store.key,
        on_lost=lost_record,
        scheduler=address,
        chunksize=chunksize,
    ) as results:
        return list(results)


def _expected(data: tuple[Path, Path], task: RankTask) -> list[dict[str, Any]]:
    kb = load_knowledge_base(data[0], cache_dir=data[1])
    return [task(kb, item) for item in iter_phenopacket_paths([str(BATCH)])]


def test_a_worker_killed_mid_run_is_survived(
    data: tuple[Path, Path], tmp_path: Path, cluster: Any
) -> None:
    task = RankTask(top=3)
    marker = tmp_path / "killed"
    killer = KillWorker(task, "b_enteropathy.json", marker)
    records = _rank_on_dask(killer, data, cluster.scheduler_address, chunksize=2)
    assert marker.exists(), "no worker was killed: the test did not test anything"
    assert records == _expected(data, task)


def test_an_input_that_kills_every_worker_gets_an_error_record(
    data: tuple[Path, Path], cluster: Any
) -> None:
    client = distributed.Client(cluster, set_as_default=False)

    def allow(n: int) -> None:
        client.run_on_scheduler(
            lambda dask_scheduler: setattr(dask_scheduler, "allowed_failures", n)
        )

    # The first death of a task's worker fails it: three deaths in all (its chunk, then the
    # input alone, twice), the other two of its chunk ranked alone before it. The victim
    # is the last input, so that no input after it can be queued behind it when it kills.
    allow(0)
    try:
        task = RankTask(top=3)
        killer = KillWorker(task, "g_v1.json", None)
        records = _rank_on_dask(killer, data, cluster.scheduler_address, chunksize=4)
    finally:
        allow(3)
        client.close()
    expected = _expected(data, task)
    lost = [i for i, r in enumerate(records) if r.get("error_type") == "WorkerLost"]
    assert [Path(records[i]["input"]).name for i in lost] == ["g_v1.json"]
    assert "died" in records[lost[0]]["error"]
    # every other input of the chunk that held it, and of the others, ranked as usual
    assert (
        records[: lost[0]] + records[lost[0] + 1 :] == expected[: lost[0]] + expected[lost[0] + 1 :]
    )


def test_missing_extra_is_one_line_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch, mini_dir: Path
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    monkeypatch.delitem(sys.modules, "xpid.batch.dask_engine", raising=False)
    with pytest.raises(XpidError, match=r"pip install 'xpid\[dask\]'"):
        import_dask_engine()
    result = runner.invoke(
        app, ["--data-dir", str(mini_dir), "batch", str(BATCH), "--engine", "dask"]
    )
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'xpid[dask]'" in lines[0], result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
        (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "--jobs", "2"], "leave --jobs"),
    ],
)
def test_option_conflicts(mini_dir: Path, options: list[str], message: str) -> None:
    result = runner.invoke(app, ["--data-dir", str(mini_dir), "batch", str(BATCH), *options])
    assert result.exit_code != 0
    assert message in result.stderr


def test_relative_inputs_named_as_given(
    data: tuple[Path, Path], tmp_path: Path, cluster: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BATCH.parent)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app,
        ["--data-dir", str(data[0]), "--cache-dir", str(data[1]), "batch", "batch/a_agamma.json"]
        + ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["input"] == "batch/a_agamma.json"
    assert record["status"] == "ok"
