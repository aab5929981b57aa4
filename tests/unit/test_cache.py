"""The on-disk cache: hits, stale keys, corrupt files and concurrent writers."""

from __future__ import annotations

import threading
from pathlib import Path

from xpid.cache import cache_path, is_cached, load_or_build
from xpid.ontology import Ontology, load_ontology


def test_hit_after_build(tmp_path: Path) -> None:
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"a": 1}

    assert load_or_build(tmp_path, "k", "key1", build, dict) == {"a": 1}
    assert load_or_build(tmp_path, "k", "key1", build, dict) == {"a": 1}
    assert len(builds) == 1
    assert is_cached(tmp_path, "k", "key1")


def test_stale_key_rebuilds(tmp_path: Path) -> None:
    load_or_build(tmp_path, "k", "key1", lambda: {"v": 1}, dict)
    path = cache_path(tmp_path, "k", "key1")
    # An entry whose header names another key is not trusted even under the right name.
    data = path.read_bytes().replace(b'"key1"', b'"key2"')
    path.write_bytes(data)
    assert load_or_build(tmp_path, "k", "key1", lambda: {"v": 2}, dict) == {"v": 2}


def test_corrupt_and_truncated_files_rebuild(tmp_path: Path) -> None:
    load_or_build(tmp_path, "k", "key1", lambda: {"v": 1}, dict)
    path = cache_path(tmp_path, "k", "key1")
    good = path.read_bytes()
    path.write_bytes(good[:-5])
    assert load_or_build(tmp_path, "k", "key1", lambda: {"v": 2}, dict) == {"v": 2}
    flipped = bytearray(path.read_bytes())
    flipped[-3] ^= 0xFF
    path.write_bytes(bytes(flipped))
    assert load_or_build(tmp_path, "k", "key1", lambda: {"v": 3}, dict) == {"v": 3}
    path.write_bytes(b"garbage")
    assert not is_cached(tmp_path, "k", "key1")
    assert load_or_build(tmp_path, "k", "key1", lambda: {"v": 4}, dict) == {"v": 4}


def test_wrong_type_rebuilds(tmp_path: Path) -> None:
    load_or_build(tmp_path, "k", "key1", lambda: [1, 2], list)
    assert load_or_build(tmp_path, "k", "key1", lambda: {"v": 1}, dict) == {"v": 1}


def test_unwritable_cache_still_returns_value(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert load_or_build(blocker / "sub", "k", "key", lambda: {"v": 1}, dict) == {"v": 1}


def test_concurrent_builders_leave_one_valid_entry(tmp_path: Path, mini_dir: Path) -> None:
    results: list[Ontology] = []

    def worker() -> None:
        results.append(load_ontology(mini_dir / "hp.obo", cache_dir=tmp_path))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4
    assert all(r.ids == results[0].ids for r in results)
    assert not list(tmp_path.glob("*.tmp"))
    again = load_ontology(mini_dir / "hp.obo", cache_dir=tmp_path)
    assert again.ids == results[0].ids


def test_on_build_called_only_when_building(tmp_path: Path, mini_dir: Path) -> None:
    calls: list[int] = []
    load_ontology(mini_dir / "hp.obo", cache_dir=tmp_path, on_build=lambda: calls.append(1))
    load_ontology(mini_dir / "hp.obo", cache_dir=tmp_path, on_build=lambda: calls.append(1))
    assert calls == [1]
