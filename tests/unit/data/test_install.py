"""``install_release``: from a loopback HTTP server, a folder, archives; failures leave the
active release working."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xpid import load
from xpid.cli.app import app
from xpid.data import (
    InstallReporter,
    active_release_name,
    install_release,
    list_releases,
    parse_source,
    use_release,
)
from xpid.datafiles import locate_data
from xpid.errors import DataError

Release = Callable[..., dict[str, bytes]]


class Recorder(InstallReporter):
    def __init__(self) -> None:
        self.events: list[tuple[str, ...]] = []

    def download_progress(self, name: str, done: int, total: int | None) -> None:
        self.events.append(("progress", name, str(done), str(total)))

    def download_finished(self, name: str, url: str, size: int) -> None:
        self.events.append(("finished", name, url, str(size)))

    def building(self) -> None:
        self.events.append(("building",))


def _tar_gz(files: dict[str, bytes], folder: str = "") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"{folder}{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _zip(files: dict[str, bytes], folder: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(f"{folder}{name}", data)
    return buffer.getvalue()


def _ranks_with(release: str, cache: Path) -> None:
    """``xpid rank`` (no --data-dir) uses the active release, and it ranks."""
    result = CliRunner().invoke(
        app, ["--cache-dir", str(cache), "rank", "HP:0002028", "--top", "1", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["hpo_release"] == release
    assert payload["results"][0]["disease_id"] == "OMIM:999001"


def test_install_from_http_base_url(
    server, home: Path, cache: Path, release_bytes: Release
) -> None:
    base = server.serve_files("v2099-02-02", release_bytes("2099-02-02"))
    recorder = Recorder()
    result = install_release(parse_source(base.rstrip("/")), cache_dir=cache, reporter=recorder)
    assert result.manifest.name == "2099-02-02"
    assert (result.manifest.terms, result.manifest.diseases) == (14, 5)
    assert result.manifest.hpoa_version == "2099-02-02"
    assert result.activated and not result.unchanged and not result.replaced
    assert result.notices == ()
    # The HPO project's download names are asked for first, and found.
    assert server.requests == [
        "/v2099-02-02/hp.obo",
        "/v2099-02-02/phenotype.hpoa",
        "/v2099-02-02/genes_to_disease.txt",
    ]
    folder = home / "releases" / "2099-02-02"
    assert sorted(p.name for p in folder.iterdir()) == [
        "genes_to_disease.txt",
        "hp.obo",
        "mondo",
        "phenotype.hpoa",
        "release.json",
    ]
    manifest = json.loads((folder / "release.json").read_text(encoding="utf-8"))
    assert manifest["source"] == base
    assert {f for f in manifest["files"] if not f.startswith("mondo/")} == {
        "hp.obo",
        "phenotype.hpoa",
        "genes_to_disease.txt",
    }
    assert active_release_name(home) == "2099-02-02"
    assert locate_data().directory == folder
    assert [e[0] for e in recorder.events].count("finished") == 3
    assert ("progress", "hp.obo", "0", str(len(release_bytes("2099-02-02")["hp.obo"]))) in (
        recorder.events
    )
    assert ("building",) in recorder.events
    _ranks_with("2099-02-02", cache)
    # The gene file in the release's own five-column layout was read.
    assert kb_genes(cache) == ("BTK",)
    assert list((home / "staging").iterdir()) == []


def kb_genes(cache: Path) -> tuple[str, ...]:
    profile = load(cache_dir=cache).profile("OMIM:300755")
    assert profile is not None
    return tuple(g.symbol for g in profile.genes)


def test_install_from_http_with_the_bundled_layout(
    server, home: Path, cache: Path, release_bytes: Release
) -> None:
    base = server.serve_files("gz", release_bytes("2099-03-03", layout="bundled"))
    result = install_release(parse_source(base), cache_dir=cache)
    assert result.manifest.name == "2099-03-03"
    # Official names first (404), then the bundled names.
    assert server.requests[:2] == ["/gz/hp.obo", "/gz/hp.obo.gz"]
    assert {p.name for p in (home / "releases" / "2099-03-03").iterdir()} >= {
        "hp.obo.gz",
        "phenotype.hpoa.gz",
        "genes_to_disease.tsv.gz",
    }
    _ranks_with("2099-03-03", cache)


def test_install_from_http_archive(server, home: Path, cache: Path, release_bytes: Release) -> None:
    server.route("/hpo-2099-04-04.tar.gz", _tar_gz(release_bytes("2099-04-04"), "hpo/"))
    result = install_release(parse_source(f"{server.base}/hpo-2099-04-04.tar.gz"), cache_dir=cache)
    assert result.manifest.name == "2099-04-04"
    assert result.manifest.source == f"{server.base}/hpo-2099-04-04.tar.gz"
    _ranks_with("2099-04-04", cache)


def test_install_from_folder_and_file_url(
    tmp_path: Path, home: Path, cache: Path, new_release: Callable[..., Path]
) -> None:
    folder = new_release(tmp_path / "src", "2099-05-05")
    result = install_release(parse_source(str(folder)), cache_dir=cache)
    assert result.manifest.name == "2099-05-05"
    assert result.manifest.source == str(folder)
    _ranks_with("2099-05-05", cache)
    other = new_release(tmp_path / "src2", "2099-05-06", layout="bundled")
    result = install_release(parse_source(other.as_uri()), cache_dir=cache)
    assert result.manifest.name == "2099-05-06"
    _ranks_with("2099-05-06", cache)


@pytest.mark.parametrize("kind", ["tar.gz", "zip"])
def test_install_from_local_archive(
    tmp_path: Path, home: Path, cache: Path, release_bytes: Release, kind: str
) -> None:
    files = release_bytes("2099-06-06")
    data = _tar_gz(files) if kind == "tar.gz" else _zip(files, "release/")
    archive = tmp_path / f"hpo.{kind}"
    archive.write_bytes(data)
    result = install_release(parse_source(str(archive)), cache_dir=cache)
    assert result.manifest.name == "2099-06-06"
    _ranks_with("2099-06-06", cache)


@pytest.fixture
def working(server, home: Path, cache: Path, release_bytes: Release) -> str:
    """Release 2099-01-10 installed from the server and active."""
    base = server.serve_files("good", release_bytes("2099-01-10"))
    install_release(parse_source(base), cache_dir=cache)
    return "2099-01-10"


def _untouched(home: Path, cache: Path, working: str) -> None:
    assert active_release_name(home) == working
    assert [r.name for r in list_releases(home)] == [working]
    assert list((home / "staging").iterdir()) == []
    _ranks_with(working, cache)


def test_a_download_cut_mid_body_leaves_the_active_release(
    server, home: Path, cache: Path, working: str, release_bytes: Release
) -> None:
    files = release_bytes("2099-01-20")
    base = server.serve_files("cut", files)
    server.route("/cut/phenotype.hpoa", files["phenotype.hpoa"], cut_after=300)
    with pytest.raises(DataError, match="connection closed after 300 of") as info:
        install_release(parse_source(base), cache_dir=cache)
    assert "\n" not in str(info.value)
    _untouched(home, cache, working)


def test_a_cut_archive_leaves_the_active_release(
    server, home: Path, cache: Path, working: str, release_bytes: Release
) -> None:
    data = _tar_gz(release_bytes("2099-01-21"))
    server.route("/r.tar.gz", data, cut_after=len(data) // 2)
    with pytest.raises(DataError, match="connection closed"):
        install_release(parse_source(f"{server.base}/r.tar.gz"), cache_dir=cache)
    _untouched(home, cache, working)


def test_a_body_without_length_cut_short_fails_verification(
    server, home: Path, cache: Path, working: str, release_bytes: Release
) -> None:
    # No Content-Length: the transfer cannot tell a cut, the parse does.
    files = release_bytes("2099-01-22")
    base = server.serve_files("nolen", files)
    hpoa = files["phenotype.hpoa"]
    server.route("/nolen/phenotype.hpoa", hpoa[: hpoa.index(b"OMIM:999002") + 20], length=False)
    with pytest.raises(DataError, match="does not verify: phenotype.hpoa:"):
        install_release(parse_source(base), cache_dir=cache)
    _untouched(home, cache, working)


def test_a_file_that_does_not_parse_leaves_the_active_release(
    server, home: Path, cache: Path, working: str, release_bytes: Release
) -> None:
    files = release_bytes("2099-01-23")
    base = server.serve_files("bad", files)
    server.route("/bad/hp.obo", b"format-version: 1.2\n[Term]\nid: broken\n\x00\x01")
    with pytest.raises(DataError, match="does not verify"):
        install_release(parse_source(base), cache_dir=cache)
    _untouched(home, cache, working)


def test_an_ontology_that_is_not_the_hpo_is_refused(
    server, home: Path, cache: Path, working: str, release_bytes: Release
) -> None:
    files = release_bytes("2099-01-24")
    obo = files["hp.obo"].decode()
    files["hp.obo"] = obo.replace("HP:0000118", "HP:0000119").encode()
    base = server.serve_files("nothpo", files)
    with pytest.raises(DataError, match="no HP:0000118"):
        install_release(parse_source(base), cache_dir=cache)
    _untouched(home, cache, working)


def test_server_errors_are_one_line(
    server, home: Path, cache: Path, working: str, release_bytes: Release
) -> None:
    base = server.serve_files("err", release_bytes("2099-01-25"))
    server.route("/err/phenotype.hpoa", status=500)
    with pytest.raises(DataError, match=r"HTTP 500"):
        install_release(parse_source(base), cache_dir=cache)
    server.routes.pop("/err/phenotype.hpoa")
    with pytest.raises(DataError, match=r"holds no phenotype.hpoa or phenotype.hpoa.gz"):
        install_release(parse_source(base), cache_dir=cache)
    _untouched(home, cache, working)


def test_redirects_only_to_http(
    server, home: Path, cache: Path, release_bytes: Release, tmp_path: Path
) -> None:
    files = release_bytes("2099-07-07")
    base = server.serve_files("real", files)
    server.route("/moved/hp.obo", location=f"{base}hp.obo")
    server.route("/moved/phenotype.hpoa", location=f"{base}phenotype.hpoa")
    server.route("/moved/genes_to_disease.txt", location=f"{base}genes_to_disease.txt")
    assert install_release(
        parse_source(f"{server.base}/moved/"), cache_dir=cache
    ).manifest.name == ("2099-07-07")
    secret = tmp_path / "secret.obo"
    secret.write_bytes(files["hp.obo"])
    server.route("/evil/hp.obo", location=secret.as_uri())
    with pytest.raises(DataError, match="redirects to 'file:"):
        install_release(parse_source(f"{server.base}/evil/"), cache_dir=cache)


def test_download_size_limit(server, home: Path, cache: Path, release_bytes: Release) -> None:
    base = server.serve_files("big", release_bytes("2099-08-08"))
    with pytest.raises(DataError, match="more than the limit of 100"):
        install_release(parse_source(base), cache_dir=cache, max_download_bytes=100)
    server.route("/big/hp.obo", release_bytes("2099-08-08")["hp.obo"], length=False)
    with pytest.raises(DataError, match="body exceeds the limit of 100 bytes"):
        install_release(parse_source(base), cache_dir=cache, max_download_bytes=100)
    assert list_releases(home) == []


def test_reinstall_same_files_is_a_no_op_and_other_files_need_force(
    tmp_path: Path, home: Path, cache: Path, new_release: Callable[..., Path]
) -> None:
    folder = new_release(tmp_path / "a", "2099-09-09")
    first = install_release(parse_source(str(folder)), cache_dir=cache)
    again = install_release(parse_source(str(folder)), cache_dir=cache)
    assert again.unchanged and again.manifest.installed == first.manifest.installed
    # Same release date, other annotations (one row fewer).
    hpoa = folder / "phenotype.hpoa"
    lines = hpoa.read_text(encoding="utf-8").splitlines(keepends=True)
    hpoa.write_text("".join(lines[:-1]), encoding="utf-8")
    with pytest.raises(DataError, match="installed already with other files"):
        install_release(parse_source(str(folder)), cache_dir=cache)
    replaced = install_release(parse_source(str(folder)), cache_dir=cache, force=True)
    assert replaced.replaced
    installed = (home / "releases" / "2099-09-09" / "phenotype.hpoa").read_text(encoding="utf-8")
    assert installed == "".join(lines[:-1])


def test_name_and_no_activate(
    tmp_path: Path, home: Path, cache: Path, new_release: Callable[..., Path]
) -> None:
    folder = new_release(tmp_path / "a", "2099-10-10")
    result = install_release(
        parse_source(str(folder)), cache_dir=cache, name="mine", activate=False
    )
    assert result.manifest.name == "mine" and not result.activated
    assert active_release_name(home) is None
    use_release("mine", home)
    _ranks_with("2099-10-10", cache)
    with pytest.raises(DataError, match="cannot name an installed release"):
        install_release(parse_source(str(folder)), cache_dir=cache, name="../up")
    with pytest.raises(DataError, match="cannot name an installed release"):
        install_release(parse_source(str(folder)), cache_dir=cache, name="bundled")


def test_a_release_without_dates_needs_a_name(
    tmp_path: Path, home: Path, cache: Path, new_release: Callable[..., Path]
) -> None:
    folder = new_release(tmp_path / "a", "2099-11-11")
    obo = folder / "hp.obo"
    obo.write_text(
        "".join(
            line
            for line in obo.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("data-version")
        ),
        encoding="utf-8",
    )
    hpoa = folder / "phenotype.hpoa"
    hpoa.write_text(
        hpoa.read_text(encoding="utf-8").replace("#version: 2099-11-11\n", ""), encoding="utf-8"
    )
    with pytest.raises(DataError, match="give it a name with --name"):
        install_release(parse_source(str(folder)), cache_dir=cache)
    assert install_release(parse_source(str(folder)), cache_dir=cache, name="x1").manifest.name == (
        "x1"
    )


def test_missing_gene_file_and_differing_dates_are_notices(
    tmp_path: Path, home: Path, cache: Path, new_release: Callable[..., Path]
) -> None:
    folder = new_release(tmp_path / "a", "2099-12-12")
    (folder / "genes_to_disease.txt").unlink()
    hpoa = folder / "phenotype.hpoa"
    hpoa.write_text(
        hpoa.read_text(encoding="utf-8").replace("#version: 2099-12-12", "#version: 2099-12-01"),
        encoding="utf-8",
    )
    result = install_release(parse_source(str(folder)), cache_dir=cache)
    assert result.manifest.name == "2099-12-12"
    assert len(result.notices) == 2
    assert "no genes_to_disease.txt" in result.notices[0]
    assert "phenotype.hpoa version 2099-12-01" in result.notices[1]


def test_a_folder_without_the_ontology_is_refused(tmp_path: Path, home: Path, cache: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DataError, match=r"holds no hp.obo or hp.obo.gz \(the ontology\)"):
        install_release(parse_source(str(empty)), cache_dir=cache)


def test_gzip_release_file_inside_archive(
    tmp_path: Path, home: Path, cache: Path, release_bytes: Release
) -> None:
    files = release_bytes("2099-01-30")
    files["phenotype.hpoa.gz"] = gzip.compress(files.pop("phenotype.hpoa"))
    archive = tmp_path / "r.zip"
    archive.write_bytes(_zip(files))
    assert install_release(parse_source(str(archive)), cache_dir=cache).manifest.name == (
        "2099-01-30"
    )
