"""``download_file``: whole or nothing."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from xpid.data.fetch import RemoteFileMissing, download_file
from xpid.errors import DataError


def test_whole_body_and_progress(server, home: Path, tmp_path: Path) -> None:
    body = bytes(range(256)) * 1000
    server.route("/f", body)
    seen: list[tuple[str, int, int | None]] = []
    dest = tmp_path / "f"
    size = download_file(f"{server.base}/f", dest, on_progress=lambda *a: seen.append(a))
    assert size == len(body) and dest.read_bytes() == body
    assert seen[0] == ("f", 0, len(body)) and seen[-1] == ("f", len(body), len(body))
    assert [d for _, d, _ in seen] == sorted(d for _, d, _ in seen)


def test_a_cut_body_leaves_the_old_file_and_no_part(server, home: Path, tmp_path: Path) -> None:
    server.route("/f", b"new" * 10_000, cut_after=1000)
    dest = tmp_path / "f"
    dest.write_bytes(b"old")
    with pytest.raises(DataError, match="closed after 1000 of 30000 bytes"):
        download_file(f"{server.base}/f", dest)
    assert dest.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]


def test_missing_and_refused(server, home: Path, tmp_path: Path) -> None:
    with pytest.raises(RemoteFileMissing, match="HTTP 404"):
        download_file(f"{server.base}/nothing", tmp_path / "x")
    server.route("/gone", status=410)
    with pytest.raises(RemoteFileMissing, match="HTTP 410"):
        download_file(f"{server.base}/gone", tmp_path / "x")
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(DataError, match="cannot download") as info:
        download_file(f"http://127.0.0.1:{port}/x", tmp_path / "x")
    assert "\n" not in str(info.value)
    with pytest.raises(DataError, match="expected an http or https URL"):
        download_file((tmp_path / "x").as_uri(), tmp_path / "y")
    assert list(tmp_path.iterdir()) == []
