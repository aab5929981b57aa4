"""Expanding inputs into phenopacket files: order, recursion, stdin, missing inputs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from xpid.phenopackets import MissingInput, iter_phenopacket_paths


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for rel in ["a/2.json", "a/10.json", "b.json", "c.txt", "sub/deeper/x.json", "sub/y.JSON"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    return tmp_path


def test_directory_is_recursive_and_sorted(tree: Path) -> None:
    found = iter_phenopacket_paths([tree])
    assert found == [
        tree / "a/10.json",
        tree / "a/2.json",
        tree / "b.json",
        tree / "sub/deeper/x.json",
    ]


def test_files_are_taken_as_given_and_inputs_keep_their_order(tree: Path) -> None:
    found = iter_phenopacket_paths([str(tree / "c.txt"), tree / "sub", str(tree / "b.json")])
    assert found == [tree / "c.txt", tree / "sub/deeper/x.json", tree / "b.json"]


def test_missing_and_empty_inputs_are_items_in_place(tree: Path) -> None:
    found = iter_phenopacket_paths([tree / "b.json", tree / "nope.json", tree / "empty"])
    assert found[0] == tree / "b.json"
    assert found[1] == MissingInput(str(tree / "nope.json"), "no such file or directory.")
    assert isinstance(found[2], MissingInput)
    assert found[2].reason == "the directory contains no .json file."


def test_dash_reads_inputs_from_stdin(tree: Path) -> None:
    stdin = io.StringIO(f"{tree / 'b.json'}\n\n# a comment\n  {tree / 'a'}  \n/no/such\n")
    found = iter_phenopacket_paths(["-", tree / "sub"], stdin=stdin)
    assert found == [
        tree / "b.json",
        tree / "a/10.json",
        tree / "a/2.json",
        MissingInput("/no/such", "no such file or directory."),
        tree / "sub/deeper/x.json",
    ]


def test_a_file_is_kept_once(tree: Path) -> None:
    repeated: list[str] = []
    found = iter_phenopacket_paths([tree / "b.json", tree, tree / "b.json"], duplicates=repeated)
    assert found.count(tree / "b.json") == 1
    assert found[0] == tree / "b.json"
    assert len(found) == 4
    assert repeated == [str(tree / "b.json")] * 2


def test_linked_directories_are_followed_once_and_loops_end(tree: Path, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "z.json").write_text("{}", encoding="utf-8")
    (tree / "sub" / "link").symlink_to(outside, target_is_directory=True)
    (tree / "sub" / "loop").symlink_to(tree, target_is_directory=True)
    found = iter_phenopacket_paths([tree / "sub"])
    # The loop leads back to the tree once (sub itself, already searched, is not entered
    # again), never forever.
    assert found == [
        tree / "sub/deeper/x.json",
        tree / "sub/link/z.json",
        tree / "sub/loop/a/10.json",
        tree / "sub/loop/a/2.json",
        tree / "sub/loop/b.json",
    ]


def test_nothing_in_nothing_out() -> None:
    assert iter_phenopacket_paths([]) == []
