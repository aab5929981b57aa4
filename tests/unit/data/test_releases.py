"""The installed releases: which one every command uses, switching, removing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from xpid.data import (
    active_release_name,
    install_release,
    list_releases,
    parse_source,
    remove_release,
    use_release,
)
from xpid.datafiles import active_release_dir, bundled_data_dir, locate_data
from xpid.errors import DataError


@pytest.fixture
def two(tmp_path: Path, home: Path, cache: Path, new_release: Callable[..., Path]) -> Path:
    """Releases 2099-03-01 and 2099-03-02 installed; the second is active."""
    for version in ("2099-03-01", "2099-03-02"):
        folder = new_release(tmp_path / version, version)
        install_release(parse_source(str(folder)), cache_dir=cache)
    return home


def test_no_release_installed_means_the_bundled_one(home: Path) -> None:
    assert active_release_dir() is None
    assert list_releases() == []
    assert locate_data().directory == bundled_data_dir()


def test_precedence_data_dir_then_env_then_active_then_bundled(
    two: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini_dir: Path
) -> None:
    active = two / "releases" / "2099-03-02"
    assert locate_data().directory == active
    assert locate_data().obo == active / "hp.obo"
    assert locate_data().genes == active / "genes_to_disease.txt"
    monkeypatch.setenv("XPID_DATA_DIR", str(mini_dir))
    assert locate_data().directory == mini_dir
    assert locate_data(tmp_path / "2099-03-01").directory == tmp_path / "2099-03-01"
    monkeypatch.delenv("XPID_DATA_DIR")
    use_release("bundled")
    assert locate_data().directory == bundled_data_dir()


def test_use_list_remove(two: Path) -> None:
    releases = list_releases()
    assert [(r.name, r.active) for r in releases] == [
        ("2099-03-01", False),
        ("2099-03-02", True),
    ]
    assert releases[0].manifest is not None and releases[0].manifest.diseases == 5
    assert use_release("2099-03-01") == two / "releases" / "2099-03-01"
    assert active_release_name() == "2099-03-01"
    with pytest.raises(DataError, match="is the active one"):
        remove_release("2099-03-01")
    assert remove_release("2099-03-02") == two / "releases" / "2099-03-02"
    assert [r.name for r in list_releases()] == ["2099-03-01"]
    with pytest.raises(DataError, match=r"release '2099-03-02' is not installed \(installed: "):
        use_release("2099-03-02")
    with pytest.raises(DataError, match="is not installed in"):
        remove_release("2099-03-02")
    with pytest.raises(DataError, match="cannot name an installed release"):
        use_release("../../etc")
    assert active_release_name() == "2099-03-01"


def test_a_broken_pointer_is_one_line(two: Path) -> None:
    (two / "active").write_text("../../etc\n", encoding="utf-8")
    with pytest.raises(DataError, match="not a release name; run 'xpid data use bundled'"):
        locate_data()
    (two / "active").write_text("2099-09-09\n", encoding="utf-8")
    with pytest.raises(DataError, match="the active release '2099-09-09' is not installed"):
        locate_data()
    use_release("bundled")
    assert not (two / "active").exists()
    assert locate_data().directory == bundled_data_dir()


def test_a_release_without_manifest_is_listed_but_not_used(two: Path) -> None:
    (two / "releases" / "2099-03-01" / "release.json").write_text("{", encoding="utf-8")
    broken = list_releases()[0]
    assert broken.name == "2099-03-01" and broken.manifest is None
    with pytest.raises(DataError, match="has no readable release.json"):
        use_release("2099-03-01")
    assert active_release_name() == "2099-03-02"


def test_default_data_home_follows_the_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    from xpid import datafiles

    monkeypatch.delenv("XPID_DATA_HOME")
    monkeypatch.setattr(datafiles.sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", "/xdg")
    assert datafiles.default_data_home() == Path("/xdg/xpid")
    monkeypatch.delenv("XDG_DATA_HOME")
    assert datafiles.default_data_home() == Path.home() / ".local" / "share" / "xpid"
    monkeypatch.setattr(datafiles.sys, "platform", "darwin")
    assert datafiles.default_data_home() == (
        Path.home() / "Library" / "Application Support" / "xpid"
    )
    monkeypatch.setattr(datafiles.sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", "/appdata")
    assert datafiles.default_data_home() == Path("/appdata/xpid/Data")
    monkeypatch.setenv("XPID_DATA_HOME", "/elsewhere")
    assert datafiles.default_data_home() == Path("/elsewhere")
