"""``xpid data install|list|use|remove`` through the command line."""

from __future__ import annotations

import io
import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from xpid.cli.app import app
from xpid.cli.data import ConsoleReporter

runner = CliRunner()
Release = Callable[..., dict[str, bytes]]


def _xpid(cache: Path, *args: str) -> object:
    return runner.invoke(app, ["--cache-dir", str(cache), *args])


def _one_error_line(result: object, needle: str) -> None:
    assert result.exit_code == 1  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert lines[-1].startswith("error: ") and needle in lines[-1], lines
    assert "Traceback" not in result.stderr  # type: ignore[attr-defined]


def test_install_from_a_folder_says_nothing_of_the_network(
    tmp_path: Path, home: Path, cache: Path, new_release: Callable[..., Path]
) -> None:
    folder = new_release(tmp_path / "r", "2099-04-01")
    result = _xpid(cache, "data", "install", str(folder))
    assert result.exit_code == 0, result.output
    expected = (
        "Installed HPO release 2099-04-01 (14 terms, 5 annotated diseases; Mondo 2026-08-04 "
        "(bundled)) in "
        f"{home / 'releases' / '2099-04-01'}; it is now the active release."
    )
    assert " ".join(result.stdout.split()) == expected
    assert "network" not in result.stderr
    version = runner.invoke(app, ["--version"])
    assert version.stdout.strip().endswith("(HPO release 2099-04-01)")


def test_install_from_a_url_announces_the_network_and_prints_a_line_per_file(
    server, home: Path, cache: Path, release_bytes: Release
) -> None:
    base = server.serve_files("r", release_bytes("2099-04-02"))
    result = _xpid(cache, "data", "install", base)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"xpid data install: connecting to 127.0.0.1 to download {base} (the only xpid command "
        "that uses the network)."
    )
    downloaded = [line for line in lines if line.startswith("downloaded ")]
    assert [line.split()[1] for line in downloaded] == [
        "hp.obo",
        "phenotype.hpoa",
        "genes_to_disease.txt",
    ]
    assert downloaded[0].endswith(f"from {base}hp.obo")


def test_the_notice_comes_before_connecting(home: Path, cache: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = _xpid(cache, "data", "install", f"http://127.0.0.1:{port}/hpo/")
    _one_error_line(result, "cannot download 'http://127.0.0.1:")
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("xpid data install: connecting to 127.0.0.1")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["install", "ftp://h.example/hpo/"], "scheme 'ftp' is not allowed"),
        (["install", "/no/such/folder"], "no such file or directory"),
        (["use", "2000-01-01"], "release '2000-01-01' is not installed"),
        (["use", "../x"], "cannot name an installed release"),
        (["remove", "2000-01-01"], "is not installed in"),
    ],
)
def test_errors_are_one_line(home: Path, cache: Path, args: list[str], needle: str) -> None:
    _one_error_line(_xpid(cache, "data", *args), needle)


def test_list_use_and_remove(
    tmp_path: Path, home: Path, cache: Path, new_release: Callable[..., Path]
) -> None:
    for version in ("2099-05-01", "2099-05-02"):
        assert (
            _xpid(cache, "data", "install", str(new_release(tmp_path / version, version))).exit_code
            == 0
        )
    table = _xpid(cache, "data", "list")
    assert table.exit_code == 0
    rows = {line.split("│")[2].strip(): line for line in table.stdout.splitlines() if "│" in line}
    assert set(rows) == {"bundled", "2099-05-01", "2099-05-02"}
    assert "*" in rows["2099-05-02"].split("│")[1]
    assert "*" not in rows["bundled"].split("│")[1]
    payload = json.loads(_xpid(cache, "data", "list", "-f", "json").stdout)
    assert payload["data_home"] == str(home)
    assert [(r["name"], r["active"]) for r in payload["releases"]] == [
        ("bundled", False),
        ("2099-05-01", False),
        ("2099-05-02", True),
    ]
    assert payload["releases"][1]["source"] == str(tmp_path / "2099-05-01")
    tsv = _xpid(cache, "data", "list", "-f", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[:3] == ["name", "active", "hpo_release"]
    assert [line.split("\t")[1] for line in tsv[1:]] == ["no", "no", "yes"]

    used = _xpid(cache, "data", "use", "2099-05-01")
    assert used.exit_code == 0 and "Now using HPO release 2099-05-01" in used.stdout
    _one_error_line(_xpid(cache, "data", "remove", "2099-05-01"), "is the active one")
    assert _xpid(cache, "data", "remove", "2099-05-02").exit_code == 0
    bundled = _xpid(cache, "data", "use", "bundled")
    assert bundled.stdout.strip() == "Now using the bundled HPO release."
    assert "2025-01-16" in runner.invoke(app, ["--version"]).stdout


def test_install_with_mondo_from_a_url_announces_both(
    server, tmp_path: Path, home: Path, cache: Path, release_bytes: Release
) -> None:
    base = server.serve_files("r", release_bytes("2099-04-03"))
    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "mondo"
    mondo = server.serve_files("m", {p.name: p.read_bytes() for p in fixture.iterdir()})
    result = _xpid(cache, "data", "install", base, "--mondo", mondo)
    assert result.exit_code == 0, result.output
    notices = [line for line in result.stderr.splitlines() if "uses the network" in line]
    assert [n.split(" to download ")[1].split()[0] for n in notices] == [base, mondo]
    assert "Mondo 2026-08-04)" in " ".join(result.stdout.split())
    listed = json.loads(_xpid(cache, "data", "list", "-f", "json").stdout)["releases"]
    assert [r["mondo_version"] for r in listed] == ["2026-08-04", "2026-08-04"]
    _one_error_line(
        _xpid(cache, "data", "install", base, "--mondo", "ftp://h.example/m/"),
        "scheme 'ftp' is not allowed",
    )


@pytest.mark.parametrize("command", ["batch", "benchmark"])
def test_workers_load_the_release_the_run_started_with(
    tmp_path: Path,
    home: Path,
    cache: Path,
    new_release: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    from xpid.cli import batch, benchmark

    folder = new_release(tmp_path / "r", "2099-04-04")
    assert _xpid(cache, "data", "install", str(folder)).exit_code == 0
    seen = []

    def capture(task, items, *, kb, source, jobs=1, **_):  # type: ignore[no-untyped-def]
        seen.append(source.data_dir)
        return iter(())

    monkeypatch.setattr(batch if command == "batch" else benchmark, "map_inputs", capture)
    cases = Path(__file__).resolve().parents[2] / "fixtures" / "batch"
    args = [command, str(cases), "--out", str(tmp_path / "out")]
    _xpid(cache, *args)
    # An explicit folder, not "whatever the active release is when a worker starts".
    assert seen == [home / "releases" / "2099-04-04"]


def test_an_overriding_data_dir_is_said(
    home: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, mini_dir: Path
) -> None:
    monkeypatch.setenv("XPID_DATA_DIR", str(mini_dir))
    result = _xpid(cache, "data", "list")
    assert "XPID_DATA_DIR is set" in result.stderr


def test_a_terminal_gets_a_progress_bar() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    reporter = ConsoleReporter(console)
    reporter.download_progress("hp.obo", 0, 2_000_000)
    reporter.download_progress("hp.obo", 2_000_000, 2_000_000)
    reporter.download_finished("hp.obo", "http://h.example/hp.obo", 2_000_000)
    reporter.close()
    shown = out.getvalue()
    assert "hp.obo" in shown and "2.0/2.0 MB" in shown
    assert "downloaded hp.obo" not in shown  # the bar, not the line


def test_no_terminal_gets_one_line_per_file() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=200)
    reporter = ConsoleReporter(console)
    reporter.download_progress("hp.obo", 0, 2_000_000)
    reporter.download_progress("hp.obo", 2_000_000, 2_000_000)
    reporter.download_finished("hp.obo", "http://h.example/hp.obo", 2_000_000)
    reporter.close()
    assert out.getvalue() == "downloaded hp.obo (2.0 MB) from http://h.example/hp.obo\n"
