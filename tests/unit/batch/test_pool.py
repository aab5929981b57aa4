"""``map_inputs`` in one process: order, argument checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from xpid.batch import KnowledgeSource, map_inputs
from xpid.phenopackets import MissingInput


def _name(kb: Any, item: Path | MissingInput) -> str:
    return item.input if isinstance(item, MissingInput) else item.name


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
