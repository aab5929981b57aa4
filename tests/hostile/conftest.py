"""The hostile-input suite: small bad files made by the tests themselves, run through the CLI.

Every case asserts what issue 13 asks of a bad input: a non-zero exit (or a warning and a
sensible result), one line on standard error naming the input, no traceback, and in
``xpid batch`` exactly one record per input with the run going on. Nothing large is
committed: a "huge" file is sparse, a deep one is written by a loop.
"""

from __future__ import annotations

from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def base(tmp_path: Path) -> list[str]:
    """Root options: the mini data and a cache of this test's own."""
    return ["--data-dir", str(MINI), "--cache-dir", str(tmp_path / "cache")]
