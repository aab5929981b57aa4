"""Hostile archives are refused whole, in one line, and write nothing anywhere."""

from __future__ import annotations

import io
import os
import stat
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from xpid.data import ArchiveLimits, install_release, list_releases, parse_source
from xpid.data.archive import list_archive
from xpid.data.sources import ArchiveKind
from xpid.errors import DataError

Release = Callable[..., dict[str, bytes]]


def _tar(path: Path, members: list[tarfile.TarInfo | tuple[str, bytes]]) -> Path:
    with tarfile.open(path, mode="w:gz") as tar:
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                tar.addfile(member)
            else:
                name, data = member
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return path


def _special(name: str, kind: bytes, linkname: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    return info


def _zip(path: Path, members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


def _link_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def good(release_bytes: Release) -> list[tuple[str, bytes]]:
    return list(release_bytes("2099-02-20").items())


OUTSIDE = "would be written outside its folder"
SPECIAL = "is a device, FIFO or other special file"
TAR_CASES = {
    "parent": (lambda: [("../evil.txt", b"x")], OUTSIDE),
    "nested parent": (lambda: [("release/../../evil.txt", b"x")], OUTSIDE),
    "absolute": (lambda: [("/tmp/xpid-evil.txt", b"x")], OUTSIDE),
    "backslash": (lambda: [("..\\evil.txt", b"x")], OUTSIDE),
    "symlink": (lambda: [_special("hp.obo", tarfile.SYMTYPE, "/etc/passwd")], "is a link"),
    "hardlink": (lambda: [_special("hp.obo", tarfile.LNKTYPE, "/etc/passwd")], "is a link"),
    "device": (lambda: [_special("dev", tarfile.CHRTYPE)], SPECIAL),
    "fifo": (lambda: [_special("fifo", tarfile.FIFOTYPE)], SPECIAL),
}


@pytest.mark.parametrize("case", sorted(TAR_CASES))
def test_hostile_tar_is_refused(
    case: str, tmp_path: Path, home: Path, cache: Path, good: list[tuple[str, bytes]]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    members, needle = TAR_CASES[case]
    archive = _tar(tmp_path / "r.tar.gz", [*good, *members()])
    before = _files_under(tmp_path)
    cwd = Path.cwd()
    os.chdir(work)  # a '..' member written naively would land in tmp_path
    try:
        with pytest.raises(DataError, match="refusing archive") as info:
            install_release(parse_source(str(archive)), cache_dir=cache)
        assert needle in str(info.value)
    finally:
        os.chdir(cwd)
    assert "\n" not in str(info.value)
    assert _files_under(tmp_path) == before
    assert list_releases(home) == []
    assert not Path("/tmp/xpid-evil.txt").exists()


ZIP_CASES = {
    "parent": (lambda: [("../evil.txt", b"x")], OUTSIDE),
    "absolute": (lambda: [("/tmp/xpid-evil.txt", b"x")], OUTSIDE),
    "drive": (lambda: [("C:/evil.txt", b"x")], OUTSIDE),
    "symlink": (lambda: [(_link_info("link"), b"/etc/passwd")], "is a link"),
}


@pytest.mark.parametrize("case", sorted(ZIP_CASES))
def test_hostile_zip_is_refused(
    case: str, tmp_path: Path, home: Path, cache: Path, good: list[tuple[str, bytes]]
) -> None:
    members, needle = ZIP_CASES[case]
    archive = _zip(tmp_path / "r.zip", [*good, *members()])
    before = _files_under(tmp_path)
    with pytest.raises(DataError, match="refusing archive") as info:
        install_release(parse_source(str(archive)), cache_dir=cache)
    assert needle in str(info.value)
    assert "\n" not in str(info.value)
    assert _files_under(tmp_path) == before
    assert list_releases(home) == []


def test_huge_member_too_many_members_and_total_are_refused(
    tmp_path: Path, home: Path, cache: Path, good: list[tuple[str, bytes]]
) -> None:
    archive = _tar(tmp_path / "r.tar.gz", [*good, ("big.bin", b"\0" * 5000)])
    source = parse_source(str(archive))
    with pytest.raises(DataError, match="'big.bin' holds 5000 bytes, more than the limit of 4096"):
        install_release(source, cache_dir=cache, limits=ArchiveLimits(member_bytes=4096))
    with pytest.raises(DataError, match="more than 3 members"):
        install_release(source, cache_dir=cache, limits=ArchiveLimits(members=3))
    with pytest.raises(DataError, match="its members hold .* more than the limit of 6000"):
        install_release(source, cache_dir=cache, limits=ArchiveLimits(total_bytes=6000))
    assert list_releases(home) == []


def test_two_releases_in_one_archive_are_ambiguous(
    tmp_path: Path, home: Path, cache: Path, good: list[tuple[str, bytes]]
) -> None:
    members = [(f"a/{n}", d) for n, d in good] + [(f"b/{n}", d) for n, d in good]
    archive = _zip(tmp_path / "r.zip", members)
    with pytest.raises(DataError, match=r"more than one folder \(a, b\)"):
        install_release(parse_source(str(archive)), cache_dir=cache)


def test_a_repeated_member_is_ambiguous(
    tmp_path: Path, home: Path, cache: Path, good: list[tuple[str, bytes]]
) -> None:
    archive = _tar(tmp_path / "r.tar.gz", [*good, ("./hp.obo", b"format-version: 1.2\n")])
    with pytest.raises(DataError, match="holds 'hp.obo' more than once"):
        install_release(parse_source(str(archive)), cache_dir=cache)


def test_a_gzip_file_that_is_not_a_tar(tmp_path: Path, home: Path, cache: Path) -> None:
    import gzip

    path = tmp_path / "hp.obo.gz"
    path.write_bytes(gzip.compress(b"format-version: 1.2\n"))
    with pytest.raises(DataError, match="cannot read archive"):
        install_release(parse_source(str(path)), cache_dir=cache)


def test_listing_keeps_regular_files_only(tmp_path: Path) -> None:
    archive = tmp_path / "r.tar.gz"
    folder = tarfile.TarInfo("release")
    folder.type = tarfile.DIRTYPE
    _tar(archive, [folder, ("release/hp.obo", b"abc")])
    members = list_archive(archive, ArchiveKind.tar)
    assert [(str(m.path), m.size) for m in members] == [("release/hp.obo", 3)]
