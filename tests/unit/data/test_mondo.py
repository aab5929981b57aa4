"""Mondo mappings installed with a release: beside the HPO files, from a source of their own,
or the bundled ones."""

from __future__ import annotations

import io
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from xpid.data import active_release_name, install_release, list_releases, parse_source
from xpid.datafiles import bundled_data_dir, locate_data
from xpid.errors import DataError

MONDO = Path(__file__).resolve().parents[2] / "fixtures" / "mondo"


def _mondo_files(version: str = "2099-09-09") -> dict[str, bytes]:
    """The fixture's Mondo files, stamped ``version``."""
    return {
        p.name: p.read_text(encoding="utf-8").replace("/2026-08-04/", f"/{version}/").encode()
        for p in sorted(MONDO.iterdir())
    }


def _write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_without_mondo_the_bundled_mappings_come_along(
    tmp_path: Path, home: Path, cache: Path, new_release: Callable[..., Path]
) -> None:
    result = install_release(parse_source(str(new_release(tmp_path / "r", "2099-01-02"))))
    assert result.manifest.mondo_source == "bundled"
    assert result.manifest.mondo_version == "2026-08-04"
    bundled = bundled_data_dir()
    assert bundled is not None
    names = sorted(p.name for p in (bundled / "mondo").iterdir() if p.name.endswith(".gz"))
    assert sorted(p.name for p in (result.directory / "mondo").iterdir()) == names
    assert {f"mondo/{n}" for n in names} <= set(result.manifest.files)
    assert locate_data().mondo == result.directory / "mondo"


def test_mondo_beside_the_hpo_files(
    tmp_path: Path, home: Path, cache: Path, new_release: Callable[..., Path]
) -> None:
    folder = new_release(tmp_path / "r", "2099-01-03")
    _write(folder / "mondo", {**_mondo_files(), "README.md": b"not data"})
    result = install_release(parse_source(str(folder)), cache_dir=cache)
    assert result.manifest.mondo_source == str(folder)
    assert result.manifest.mondo_version == "2099-09-09"
    assert "README.md" not in {p.name for p in (result.directory / "mondo").iterdir()}
    # The same from an archive of that folder.
    archive = tmp_path / "r.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname="hpo")
    again = install_release(parse_source(str(archive)), cache_dir=cache, name="from-tar")
    assert again.manifest.mondo_version == "2099-09-09"
    assert dict(again.manifest.files) == dict(result.manifest.files)


def test_mondo_from_a_source_of_its_own(
    server, tmp_path: Path, home: Path, cache: Path, new_release: Callable[..., Path]
) -> None:
    release = parse_source(str(new_release(tmp_path / "r", "2099-01-04")))
    folder = _write(tmp_path / "m", _mondo_files("2099-10-01"))
    result = install_release(release, mondo=parse_source(str(folder)), cache_dir=cache)
    assert (result.manifest.mondo_source, result.manifest.mondo_version) == (
        str(folder),
        "2099-10-01",
    )
    # A base URL: the bundled release's Mondo file names are asked for (.gz, then plain).
    base = server.serve_files("mondo", _mondo_files("2099-10-02"))
    result = install_release(
        release, mondo=parse_source(base), cache_dir=cache, name="m-url", force=True
    )
    assert result.manifest.mondo_version == "2099-10-02"
    assert "/mondo/mondo_exactmatch_omim.sssom.tsv.gz" in server.requests
    assert "/mondo/mondo_exactmatch_omim.sssom.tsv" in server.requests
    # An archive URL with the files in a folder.
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in _mondo_files("2099-10-03").items():
            info = tarfile.TarInfo(f"mondo-2099-10-03/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    server.route("/mondo.tar.gz", buffer.getvalue())
    result = install_release(
        release, mondo=parse_source(f"{server.base}/mondo.tar.gz"), cache_dir=cache, name="m-tar"
    )
    assert result.manifest.mondo_version == "2099-10-03"
    assert result.manifest.mondo_source == f"{server.base}/mondo.tar.gz"


def test_bad_mondo_sources_leave_the_active_release(
    tmp_path: Path, home: Path, cache: Path, new_release: Callable[..., Path]
) -> None:
    release = parse_source(str(new_release(tmp_path / "r", "2099-01-05")))
    install_release(release, cache_dir=cache)
    empty = tmp_path / "empty"
    empty.mkdir()
    other = parse_source(str(new_release(tmp_path / "r2", "2099-01-06")))
    with pytest.raises(DataError, match="holds no Mondo mapping set"):
        install_release(other, mondo=parse_source(str(empty)), cache_dir=cache)
    files = _mondo_files()
    files["mondo_exactmatch_omim.sssom.tsv"] += b"MONDO:1\tonly two cells\n"
    broken = _write(tmp_path / "broken", files)
    with pytest.raises(DataError, match="the Mondo files from .* do not verify: mondo/") as info:
        install_release(other, mondo=parse_source(str(broken)), cache_dir=cache)
    assert "\n" not in str(info.value)
    assert active_release_name(home) == "2099-01-05"
    assert [r.name for r in list_releases(home)] == ["2099-01-05"]
