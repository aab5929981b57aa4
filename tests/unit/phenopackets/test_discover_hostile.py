"""Discovery never skips a place in silence and takes a file once, whatever its paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import xpid.phenopackets.discover as discover
from xpid.phenopackets import MissingInput, iter_phenopacket_paths


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for rel in ["a/1.json", "b/locked/2.json", "b/3.json", "c.json"]:
        path = tmp_path / "in" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", encoding="utf-8")
    return tmp_path / "in"


def _refuse(monkeypatch: pytest.MonkeyPatch, *refused: Path) -> None:
    """``os.scandir`` fails with EACCES on ``refused`` (as without permission, even as root)."""
    real = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path) in refused:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(discover.os, "scandir", scandir)


def test_an_unreadable_subdirectory_is_an_item_in_its_sorted_place(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse(monkeypatch, tree / "b" / "locked")
    found = iter_phenopacket_paths([tree])
    assert found == [
        tree / "a/1.json",
        tree / "b/3.json",
        MissingInput(
            str(tree / "b/locked"),
            "cannot be listed (Permission denied); no file in it was read.",
        ),
        tree / "c.json",
    ]


def test_each_unreadable_place_is_reported_once(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse(monkeypatch, tree / "a", tree / "b")
    found = iter_phenopacket_paths([tree])
    missing = [item.input for item in found if isinstance(item, MissingInput)]
    assert missing == [str(tree / "a"), str(tree / "b")]
    assert found[-1] == tree / "c.json"


def test_an_unreadable_root_is_one_item_named_as_given(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse(monkeypatch, tree)
    given = str(tree) + "/"
    (item,) = iter_phenopacket_paths([given])
    assert isinstance(item, MissingInput) and item.input == given
    assert "cannot be listed" in item.reason


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any directory"
)
def test_a_directory_without_permission(tree: Path) -> None:
    locked = tree / "b" / "locked"
    locked.chmod(0)
    try:
        found = iter_phenopacket_paths([tree])
    finally:
        locked.chmod(0o755)
    assert (
        MissingInput(str(locked), "cannot be listed (Permission denied); no file in it was read.")
        in found
    )


def test_a_file_reached_through_a_link_is_taken_once(tree: Path) -> None:
    (tree / "a" / "same.json").symlink_to(tree / "c.json")
    os.link(tree / "b" / "3.json", tree / "a" / "hard.json")
    repeated: list[str] = []
    found = iter_phenopacket_paths([tree, tree / "c.json"], duplicates=repeated)
    paths = [item for item in found if isinstance(item, Path)]
    real = [os.path.realpath(p) for p in paths]
    assert len(real) == len(set(real)) == 4
    # a/1, a/hard (b/3 comes later and is dropped), a/same (c.json is dropped twice), 2
    assert [p.name for p in paths] == ["1.json", "hard.json", "same.json", "2.json"]
    assert sorted(Path(r).name for r in repeated) == ["3.json", "c.json", "c.json"]
