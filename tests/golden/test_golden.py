"""Golden outputs: what the commands print and write, recorded before a restructuring.

Each case runs one ``xpid`` command through Typer's ``CliRunner``, inside a temporary directory
with relative paths (``fix/`` links to ``tests/fixtures``), and compares its exit code,
standard output, standard error and the files it writes with a recorded copy under
``tests/golden/expected/<set>/<case>.txt``. Three sets:

- ``mini``: the mini ontology and annotations of ``tests/fixtures/mini`` (always run);
- ``bundled``: the bundled HPO release and document-built profiles (marked ``bundled``);
- ``shared``: a few development phenopackets from ``../shared`` (marked ``shared``; skipped
  without it).

Paths that differ between machines (the temporary directory, the repository, ``../shared``)
are replaced by ``<TMP>``, ``<REPO>`` and ``<SHARED>`` and trailing blanks are dropped before
comparing.

A change of behaviour that alters a recorded output is made on purpose: regenerate the
records with ``XPID_UPDATE_GOLDEN=1 python -m pytest tests/golden`` and say in the commit and
in ``CHANGELOG.md`` which outputs changed and why. A restructuring leaves them as they are.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xpid.cli.app import app

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
MINI = FIXTURES / "mini"
SHARED = REPO.parent / "shared"
EXPECTED = Path(__file__).parent / "expected"
UPDATE = os.environ.get("XPID_UPDATE_GOLDEN") == "1"

# Every similarity method and lr, written out so that a renamed or dropped method shows here.
METHODS = (
    "lr",
    "resnik-onesided",
    "resnik-bma",
    "resnik-funsimmax",
    "lin-bma",
    "lin-onesided",
    "jc-bma",
    "jc-onesided",
    "simgic",
)

NOTE = (
    "A 4-month-old boy with chronic diarrhoea since the first weeks of life. "
    "No eczema. Possible recurrent infections. His mother has type I diabetes mellitus.\n"
)


@dataclass(frozen=True)
class Case:
    """One command: its arguments (``{tmp}``, ``{fix}``, ``{shared}`` are filled in), the
    terminal width, and the files it writes (relative to the temporary directory)."""

    name: str
    args: tuple[str, ...]
    columns: int = 120
    files: tuple[str, ...] = ()
    setup: tuple[tuple[str, ...], ...] = field(default=())


def _mini_cases() -> list[Case]:
    query = ("HP:0002719", "HP:0002028", "-x", "HP:0000964")
    cases = [
        Case("rank_table", ("rank", "HP:0002028", "Eczema", "--top", "5")),
        Case("rank_table_80_explain", ("rank", "HP:0002028", "Eczema", "--explain", "2"), 80),
        Case(
            "rank_json_explain",
            ("rank", "HP:0002719", "-x", "HP:0002014", "--sex", "male", "--explain", "3")
            + ("-f", "json"),
        ),
        Case(
            "rank_json_onset_female",
            ("rank", "HP:0002719", "HP:0002014", "--onset", "HP:0003593", "--sex", "female")
            + ("--explain", "5", "-f", "json"),
        ),
        Case("rank_suggest_json", ("rank", "HP:0002014", "--suggest", "3", "-f", "json")),
        Case("rank_suggest_table", ("rank", "HP:0002014", "--suggest", "3")),
        Case("rank_alt_id_warning", ("rank", "HP:0099003", "HP:0099001", "-f", "tsv")),
        Case(
            "rank_phenopacket",
            ("rank", "--phenopacket", "{fix}/batch/a_agamma.json", "-f", "json", "--explain", "1"),
        ),
        Case("rank_error_unknown", ("rank", "HP:9999999")),
        Case("term_table", ("term", "HP:0002028", "Eczema", "HP:0099001")),
        Case("term_json", ("term", "HP:0002028", "HP:0099003", "-f", "json")),
        Case("search_table", ("search", "diarrhoea")),
        Case("search_json", ("search", "watery", "stool", "-f", "json")),
        Case("profiles_list_table", ("profiles", "list")),
        Case("profiles_list_tsv", ("profiles", "list", "-f", "tsv")),
        Case("profiles_show_table", ("profiles", "show", "OMIM:300755")),
        Case("profiles_show_json", ("profiles", "show", "OMIM:999001", "-f", "json")),
        Case("profiles_show_orpha_tsv", ("profiles", "show", "ORPHA:47", "-f", "tsv")),
        Case("extract_table", ("extract", "{tmp}/note.txt")),
        Case("extract_json", ("extract", "{tmp}/note.txt", "-f", "json")),
        Case("extract_tsv", ("extract", "{tmp}/note.txt", "-f", "tsv")),
        Case("batch_jsonl", ("batch", "{fix}/batch", "--top", "3")),
        Case("batch_tsv", ("batch", "{fix}/batch", "-f", "tsv", "--method", "resnik-bma")),
        Case(
            "benchmark_both",
            ("benchmark", "{fix}/batch", "--both", "--out", "{tmp}/bm"),
            files=("bm/summary.json", "bm/cases.tsv"),
        ),
        Case(
            "simulate",
            ("simulate", "OMIM:999001", "DECIPHER:999", "--n", "2", "--seed", "3")
            + ("--noise", "1", "--excluded", "1", "--out", "{tmp}/sim"),
            files=("*sim/*",),
        ),
    ]
    for method in METHODS:
        cases.append(
            Case(
                f"rank_tsv_{method}", ("rank", *query, "--explain", "5", "-f", "tsv", "-m", method)
            )
        )
        cases.append(
            Case(
                f"rank_json_{method}",
                ("rank", *query, "--explain", "5", "-f", "json", "-m", method),
            )
        )
    return cases


QUICK = ("HP:0002028", "HP:0000964", "HP:0100651")
NEMO = ("HP:0002718", "HP:0000698", "HP:0000966", "HP:0008070", "HP:0011274")


def _bundled_cases() -> list[Case]:
    sim = ("simulate", "OMIM:304790", "OMIM:308230", "OMIM:300291", "--n", "2", "--seed", "7")
    sim = (*sim, "--noise", "1", "--imprecision", "0.3", "--excluded", "2", "--out", "{tmp}/sim")
    return [
        Case("quick_table", ("rank", *QUICK)),
        Case("quick_table_80", ("rank", *QUICK), 80),
        Case("quick_json_explain", ("rank", *QUICK, "--explain", "3", "-f", "json")),
        Case("quick_tsv_explain", ("rank", *QUICK, "--explain", "10", "--top", "20", "-f", "tsv")),
        Case("quick_table_explain", ("rank", *QUICK, "--explain", "2", "--top", "5"), 160),
        Case(
            "quick_resnik_json",
            ("rank", *QUICK, "-m", "resnik-onesided", "--explain", "3", "-f", "json"),
        ),
        Case("quick_bma_tsv", ("rank", *QUICK, "-m", "resnik-bma", "--explain", "3", "-f", "tsv")),
        Case("quick_suggest_json", ("rank", *QUICK, "--suggest", "5", "-f", "json")),
        Case("quick_suggest_table", ("rank", *QUICK, "--suggest", "5", "--top", "5"), 160),
        Case("quick_panel_table", ("rank", *QUICK, "--panel", "x-linked-iei")),
        Case("quick_omim_tsv", ("rank", *QUICK, "--corpus", "omim", "-f", "tsv", "--top", "15")),
        Case(
            "nemo_json",
            ("rank", *NEMO, "-x", "HP:0001250", "--sex", "male", "--onset", "HP:0003593")
            + ("--explain", "2", "-f", "json"),
        ),
        Case("text_ipex_json", ("rank", "--text", "{fix}/notes/ipex.txt", "-f", "json")),
        Case("text_xhigm_table", ("rank", "--text", "{fix}/notes/xhigm.txt", "--top", "5")),
        Case("term_json", ("term", "HP:0002014", "Eczema", "-f", "json")),
        Case("term_table", ("term", "HP:0002014")),
        Case("search_json", ("search", "chronic", "diarrhoea", "-f", "json")),
        Case("search_table", ("search", "recurrent", "infections", "--limit", "8")),
        Case("profiles_show_ipex_table", ("profiles", "show", "OMIM:304790"), 160),
        Case("profiles_show_ipex_json", ("profiles", "show", "OMIM:304790", "-f", "json")),
        Case("profiles_show_orpha_tsv", ("profiles", "show", "ORPHA:37042", "-f", "tsv")),
        Case(
            "profiles_list_panel_tsv", ("profiles", "list", "--panel", "x-linked-iei", "-f", "tsv")
        ),
        Case("profiles_list_search", ("profiles", "list", "--search", "hyper IgM", "-f", "json")),
        Case("profiles_validate", ("profiles", "validate")),
        Case("extract_ipex_json", ("extract", "{fix}/notes/ipex.txt", "-f", "json")),
        Case("extract_nemo_tsv", ("extract", "{fix}/notes/nemo.txt", "-f", "tsv")),
        Case("simulate", sim, files=("*sim/*",)),
        Case("batch_sim_jsonl", ("batch", "{tmp}/sim", "--top", "5"), setup=(sim,)),
        Case("batch_sim_tsv", ("batch", "{tmp}/sim", "-f", "tsv", "--top", "3"), setup=(sim,)),
        Case(
            "benchmark_sim",
            ("benchmark", "{tmp}/sim", "--both", "--corpus", "all", "--out", "{tmp}/bm"),
            files=("bm/summary.json", "bm/cases.tsv"),
            setup=(sim,),
        ),
    ]


def _shared_inputs() -> list[str]:
    dev = SHARED / "phenopackets" / "dev"
    genes = sorted(p for p in dev.iterdir() if p.is_dir())[
        :: max(1, len(list(dev.iterdir())) // 12)
    ]
    return [str(sorted(g.glob("*.json"))[0]) for g in genes if any(g.glob("*.json"))]


def _shared_cases() -> list[Case]:
    return [
        Case(
            "benchmark_dev_sample",
            ("benchmark", "{inputs}", "--both", "--out", "{tmp}/bm"),
            files=("bm/summary.json", "bm/cases.tsv"),
        ),
        Case("batch_dev_sample_tsv", ("batch", "{inputs}", "-f", "tsv", "--top", "3")),
    ]


def _fill(args: Sequence[str], tmp: Path, inputs: Sequence[str]) -> list[str]:
    out: list[str] = []
    for arg in args:
        if arg == "{inputs}":
            out.extend(inputs)
        else:
            out.append(arg.replace("{tmp}", ".").replace("{fix}", "fix"))
    return out


def _scrub(text: str, tmp: Path) -> str:
    pairs = ((tmp, "<TMP>"), (SHARED, "<SHARED>"), (SHARED.resolve(), "<SHARED>"), (REPO, "<REPO>"))
    for path, name in pairs:
        text = text.replace(str(path), name)
    # Rich pads a title to the table's width, so the length of a path shows as trailing blanks.
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _record(case: Case, base: Sequence[str], tmp: Path, inputs: Sequence[str] = ()) -> str:
    runner = CliRunner(env={"COLUMNS": str(case.columns), "LINES": "50"})
    (tmp / "note.txt").write_text(NOTE, encoding="utf-8")
    (tmp / "fix").symlink_to(FIXTURES, target_is_directory=True)
    # Run inside the temporary directory with relative paths, so that what is printed does
    # not depend on where the repository or the temporary directory lie (a title that holds
    # a path would wrap at another place).
    with contextlib.chdir(tmp):
        for setup in case.setup:
            done = runner.invoke(app, [*base, *_fill(setup, tmp, inputs)])
            assert done.exit_code == 0, done.output
        result = runner.invoke(app, [*base, *_fill(case.args, tmp, inputs)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    parts = [
        f"$ xpid {' '.join(case.args)}",
        f"--- exit {result.exit_code}",
        "--- stdout",
        result.stdout,
        "--- stderr",
        result.stderr,
    ]
    for pattern in case.files:
        paths = (
            sorted(tmp.glob(pattern.lstrip("*"))) if pattern.startswith("*") else [tmp / pattern]
        )
        for path in paths:
            parts += [f"--- file {path.relative_to(tmp)}", path.read_text(encoding="utf-8")]
    return _scrub("\n".join(parts), tmp)


def _compare(set_name: str, case: Case, text: str) -> None:
    path = EXPECTED / set_name / f"{case.name}.txt"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden record {path}; run with XPID_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), text.splitlines(), "recorded", "now", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:60])
        pytest.fail(f"{case.name}: output differs from {path.relative_to(REPO)}\n{shown}")


@pytest.fixture(scope="module")
def mini_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warm cache for the mini data, so that no case prints a build status line."""
    from xpid.knowledge import load_knowledge_base

    cache = tmp_path_factory.mktemp("golden-mini-cache")
    load_knowledge_base(MINI, cache_dir=cache)
    return cache


@pytest.mark.parametrize("case", _mini_cases(), ids=lambda c: c.name)
def test_mini(case: Case, mini_cache: Path, tmp_path: Path) -> None:
    base = ["--data-dir", str(MINI), "--cache-dir", str(mini_cache)]
    _compare("mini", case, _record(case, base, tmp_path))


@pytest.fixture(scope="module")
def warm_bundled(bundled_cache: Path) -> Path:
    from xpid.knowledge import load_knowledge_base

    load_knowledge_base(cache_dir=bundled_cache)
    return bundled_cache


@pytest.mark.bundled
@pytest.mark.parametrize("case", _bundled_cases(), ids=lambda c: c.name)
def test_bundled(case: Case, warm_bundled: Path, tmp_path: Path) -> None:
    base = ["--cache-dir", str(warm_bundled)]
    _compare("bundled", case, _record(case, base, tmp_path))


@pytest.mark.shared
@pytest.mark.parametrize("case", _shared_cases(), ids=lambda c: c.name)
def test_shared(case: Case, warm_bundled: Path, tmp_path: Path) -> None:
    if not (SHARED / "phenopackets" / "dev").is_dir():
        pytest.skip("../shared/phenopackets/dev is absent")
    base = ["--cache-dir", str(warm_bundled)]
    _compare("shared", case, _record(case, base, tmp_path, _shared_inputs()))
