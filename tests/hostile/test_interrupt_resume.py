"""``xpid batch`` killed (``kill -9``) or interrupted (Ctrl-C), then ``--resume``d, ends with
the same file as a run that was never stopped.

The batch runs in a child process whose ranking is slowed down (a ``sitecustomize`` on its
``PYTHONPATH`` makes each case sleep a little, in the workers too), so that the signal
lands in the middle of the run; nothing in xpid itself knows about it.
"""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xpid.cli.app import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOOD = json.loads((FIXTURES / "batch" / "a_agamma.json").read_text(encoding="utf-8"))
N_CASES = 120
SLOW = """
import os
if os.environ.get("XPID_TEST_SLOW_RANK"):
    import time
    import xpid.batch.records as records

    _rank = records.RankTask.__call__

    def _slow(self, kb, item):
        time.sleep(float(os.environ["XPID_TEST_SLOW_RANK"]))
        return _rank(self, kb, item)

    records.RankTask.__call__ = _slow
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    """N_CASES small phenopackets (a bad one every 10th, so errors are resumed too)."""
    root = tmp_path / "cases"
    root.mkdir()
    for i in range(N_CASES):
        data = copy.deepcopy(GOOD)
        data["id"] = f"case-{i:03d}"
        text = json.dumps(data) if i % 10 else '{"id": "broken", '
        (root / f"c{i:03d}.json").write_text(text, encoding="utf-8")
    return root


def _reference(base: list[str], cases: Path, out: Path, fmt: str) -> bytes:
    result = CliRunner().invoke(app, [*base, "batch", str(cases), "-f", fmt, "--out", str(out)])
    assert result.exit_code == 1, result.stderr  # the broken cases
    return out.read_bytes()


def _start(base: list[str], args: list[str], tmp_path: Path) -> subprocess.Popen[bytes]:
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(SLOW, encoding="utf-8")
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "PYTHONPATH": path, "XPID_TEST_SLOW_RANK": "0.02"}
    return subprocess.Popen(
        [sys.executable, "-m", "xpid", *base, "batch", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell job has
    )


def _wait_for_lines(out: Path, n: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if out.exists() and out.read_bytes().count(b"\n") >= n:
            return
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        time.sleep(0.01)
    raise AssertionError(f"{out} did not reach {n} lines")


def _resume(base: list[str], cases: Path, out: Path, fmt: str) -> str:
    args = [*base, "batch", str(cases), "-f", fmt, "--out", str(out), "--resume"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.stderr
    return " ".join(result.stderr.split())


@pytest.mark.parametrize("fmt", ["jsonl", "tsv"])
def test_kill_9_then_resume_gives_the_uninterrupted_file(
    base: list[str], cases: Path, tmp_path: Path, fmt: str
) -> None:
    expected = _reference(base, cases, tmp_path / f"reference.{fmt}", fmt)
    out = tmp_path / f"out.{fmt}"
    process = _start(base, [str(cases), "-f", fmt, "--out", str(out)], tmp_path)
    try:
        _wait_for_lines(out, 20, process)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert len(out.read_bytes()) < len(expected)  # stopped in the middle
    with out.open("ab") as handle:  # as if killed in the middle of a write
        handle.write(b'{"input":"' if fmt == "jsonl" else expected[len(out.read_bytes()) :][:7])
    said = _resume(base, cases, out, fmt)
    assert "inputs already done" in said and f"of {N_CASES} inputs" in said
    assert out.read_bytes() == expected


def test_ctrl_c_then_resume_gives_the_uninterrupted_file(
    base: list[str], cases: Path, tmp_path: Path
) -> None:
    expected = _reference(base, cases, tmp_path / "reference.jsonl", "jsonl")
    out = tmp_path / "out.jsonl"
    process = _start(base, [str(cases), "--out", str(out), "--jobs", "2"], tmp_path)
    try:
        _wait_for_lines(out, 20, process)
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert b"interrupted; the records written so far are complete" in stderr
    assert b"Traceback" not in stderr
    assert out.read_bytes().endswith(b"\n") and len(out.read_bytes()) < len(expected)
    said = _resume(base, cases, out, "jsonl")
    assert f"of {N_CASES} inputs already done" in said
    assert out.read_bytes() == expected
