"""``parse_source``: what a SOURCE names, and which URLs are refused."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

import pytest

from xpid.data import ArchiveSource, FolderSource, RemoteArchive, RemoteFolder, parse_source
from xpid.data.sources import ArchiveKind
from xpid.errors import DataError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://h.example/hpo", RemoteFolder("https://h.example/hpo/")),
        ("HTTP://h.example/hpo/", RemoteFolder("HTTP://h.example/hpo/")),
        ("http://127.0.0.1:8000/r.tar.gz", RemoteArchive("http://127.0.0.1:8000/r.tar.gz")),
        ("https://h.example/r.ZIP", RemoteArchive("https://h.example/r.ZIP")),
        ("https://h.example/r.tgz?x=1", RemoteArchive("https://h.example/r.tgz?x=1")),
    ],
)
def test_urls(text: str, expected: object) -> None:
    assert parse_source(text) == expected


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("ftp://h.example/hpo/", "scheme 'ftp' is not allowed"),
        ("javascript://alert(1)", "scheme 'javascript' is not allowed"),
        ("gopher://h.example/", "scheme 'gopher' is not allowed"),
        ("https:///no-host", "names no host"),
        ("https://h.example/hpo?release=1", "takes no query"),
        ("file://elsewhere.example/tmp/x", "must name a local path"),
    ],
)
def test_refused_urls(text: str, needle: str) -> None:
    with pytest.raises(DataError, match=needle) as info:
        parse_source(text)
    assert "\n" not in str(info.value)


def test_local_paths(tmp_path: Path) -> None:
    assert parse_source(str(tmp_path)) == FolderSource(tmp_path)
    assert parse_source(tmp_path.as_uri()) == FolderSource(tmp_path)
    tgz = tmp_path / "release.bin"  # told by content, not by name
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz"):
        pass
    tgz.write_bytes(buffer.getvalue())
    assert parse_source(str(tgz)) == ArchiveSource(tgz, ArchiveKind.tar)
    plain_tar = tmp_path / "r.tar"
    with tarfile.open(plain_tar, mode="w") as tar:
        info = tarfile.TarInfo("hp.obo")
        tar.addfile(info, io.BytesIO(b""))
    assert parse_source(str(plain_tar)).kind is ArchiveKind.tar  # type: ignore[union-attr]
    text = tmp_path / "hp.obo"
    text.write_text("format-version: 1.2\n", encoding="utf-8")
    with pytest.raises(DataError, match="not a directory, a .tar.gz"):
        parse_source(str(text))
    with pytest.raises(DataError, match="no such file or directory"):
        parse_source(str(tmp_path / "missing"))
    gz = tmp_path / "x.gz"
    gz.write_bytes(gzip.compress(b"x"))
    assert parse_source(str(gz)).kind is ArchiveKind.tar  # type: ignore[union-attr]
