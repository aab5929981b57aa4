"""Hostile inputs through ``rank``, ``batch``, ``benchmark``, ``extract`` and ``profiles validate``.

Each test is one case of issue 13 (its number in *Why* in the test's docstring) and failed on
the code before the issue was mended.
"""

from __future__ import annotations

import copy
import gzip
import json
import os
import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from xpid.cli.app import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOOD = json.loads((FIXTURES / "batch" / "a_agamma.json").read_text(encoding="utf-8"))
"""A phenopacket that ranks on the mini data (diagnosis OMIM:300755)."""
ESC = "\x1b[2J\x1b]0;owned\x07"
"""Clears the screen and sets the terminal title, when printed raw."""

runner = CliRunner()


# ----------------------------------------------------------------------------- helpers


def packet(**changes: Any) -> dict[str, Any]:
    """A copy of :data:`GOOD` with top-level fields replaced."""
    data = copy.deepcopy(GOOD)
    data.update(changes)
    return data


def write_json(path: Path, data: Any) -> Path:
    """Write ``data`` as JSON; a lone surrogate is kept as its ``\\ud800`` escape."""
    path.write_text(json.dumps(data), encoding="ascii")
    return path


def invoke(args: Sequence[str], stdin: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=stdin)


def assert_clean(result: Result) -> None:
    """No traceback and no exception but the CLI's own exit."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stdout + result.stderr


def assert_one_line_error(result: Result, *needles: str) -> str:
    """Exit code 1 and exactly one line on stderr, ``error: …``, holding every needle."""
    assert_clean(result)
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def assert_no_terminal_controls(text: str) -> None:
    """Nothing a terminal would obey: C0 controls but tab and newline, C1, bidi, surrogates."""
    for char in text:
        code = ord(char)
        assert not (code < 0x20 and char not in "\t\n"), repr(text)
        assert not 0x7F <= code <= 0x9F, repr(text)
        assert not (0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069), repr(text)
        assert not 0xD800 <= code <= 0xDFFF, repr(text)


def records(text: str) -> list[dict[str, Any]]:
    """The records of JSON-lines batch output; every line must be valid JSON."""
    return [json.loads(line) for line in text.splitlines()]


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    # 3 GiB of address space: the code before issue 13 read /dev/zero until MemoryError.
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))


def run_xpid(args: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """``python -m xpid args`` in a child process (real file descriptors and exits), with
    bounded memory and time (a FIFO made the code before issue 13 wait forever)."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "xpid", *args],
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
        preexec_fn=_limit_memory,
        **kwargs,
    )


def assert_one_line_error_in(done: subprocess.CompletedProcess[bytes], *needles: str) -> str:
    """As :func:`assert_one_line_error`, for a child process."""
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1, (done.returncode, stderr)
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


@pytest.fixture
def bad_packets(tmp_path: Path) -> dict[str, Path]:
    """One small file per malformed-phenopacket case (issue 13, Why 6 and 9)."""
    d = tmp_path / "bad"
    d.mkdir()
    gestation = {"gestationalAge": {"weeks": "²"}}
    features = [{"type": {"id": "HP:0002719"}, "onset": gestation}]
    files = {
        "sex_list": write_json(d / "sex_list.json", {"subject": {"sex": []}}),
        "weeks": write_json(d / "weeks.json", packet(phenotypicFeatures=features)),
        "family": write_json(d / "family.json", {"id": "f", "proband": GOOD, "metaData": {}}),
        "cohort": write_json(d / "cohort.json", {"id": "c", "members": [GOOD], "metaData": {}}),
    }
    files["big_int"] = d / "big_int.json"
    files["big_int"].write_text('{"subject": {"sex": ' + "7" * 5000 + "}}", encoding="utf-8")
    return files


FIELD_OF = {
    "sex_list": "[subject.sex]",
    "big_int": "[subject.sex]",
    "weeks": "[phenotypicFeatures[0].onset.gestationalAge.weeks]",
    "family": "this is a Family, not a Phenopacket",
    "cohort": "this is a Cohort, not a Phenopacket",
}


# ------------------------------------------------------------ lone surrogates (Why 2)


def test_batch_with_a_lone_surrogate_in_an_id_ranks_every_input(
    base: list[str], tmp_path: Path
) -> None:
    """Why 2: ``"id": "\\ud800"`` crashed batch; the inputs after it were never ranked."""
    first = write_json(tmp_path / "a.json", packet(id="\ud800"))
    second = write_json(tmp_path / "b.json", packet(id="after"))
    out = tmp_path / "out.jsonl"
    result = invoke([*base, "batch", str(first), str(second), "--out", str(out)])
    assert_clean(result)
    assert result.exit_code == 0, result.stderr
    got = records(out.read_text(encoding="utf-8"))
    assert [r["case_id"] for r in got] == ["\ud800", "after"]
    assert [r["status"] for r in got] == ["ok", "ok"]
    assert "\\ud800" in out.read_text(encoding="utf-8")  # escaped, documented


def test_resume_after_a_lone_surrogate(base: list[str], tmp_path: Path) -> None:
    """Why 2: ``--resume`` crashed at the same file; now it keeps it and ranks the rest."""
    first = write_json(tmp_path / "a.json", packet(id="\ud800"))
    second = write_json(tmp_path / "b.json", packet(id="after"))
    out = tmp_path / "out.jsonl"
    assert invoke([*base, "batch", str(first), "--out", str(out)]).exit_code == 0
    result = invoke([*base, "batch", str(first), str(second), "--out", str(out), "--resume"])
    assert_clean(result)
    assert result.exit_code == 0, result.stderr
    assert "1 of 2 inputs already done" in " ".join(result.stderr.split())
    assert [r["case_id"] for r in records(out.read_text(encoding="utf-8"))] == [
        "\ud800",
        "after",
    ]


def test_batch_over_a_file_name_that_is_not_utf8(base: list[str], tmp_path: Path) -> None:
    """Why 2: a name that is not UTF-8 is a lone surrogate in Python; its record is valid."""
    directory = tmp_path / "in"
    directory.mkdir()
    name = os.fsencode(directory) + b"/caf\xe9.json"
    with open(name, "w", encoding="utf-8") as handle:
        json.dump(packet(id="latin1-name"), handle)
    for fmt in ("jsonl", "tsv"):
        result = invoke([*base, "batch", str(directory), "-f", fmt])
        assert_clean(result)
        assert result.exit_code == 0, result.stderr
        result.stdout.encode("utf-8")
        if fmt == "jsonl":
            (record,) = records(result.stdout)
            assert record["input"] == os.fsdecode(name) and record["status"] == "ok"
        else:
            assert "caf\\udce9.json" in result.stdout


def test_rank_json_with_a_lone_surrogate(base: list[str], tmp_path: Path) -> None:
    """Why 2: ``rank -f json`` crashed with UnicodeEncodeError."""
    path = write_json(tmp_path / "s.json", packet(id="\ud800"))
    result = invoke([*base, "rank", "--phenopacket", str(path), "-f", "json"])
    assert_clean(result)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["patient"]["id"] == "\ud800"


def test_html_report_with_a_lone_surrogate_and_escapes_in_the_id(
    base: list[str], tmp_path: Path
) -> None:
    """Why 2 and 7, for ``rank --report``: the page must be valid UTF-8 and show, not hold,
    the control characters."""
    path = write_json(tmp_path / "s.json", packet(id=f"\ud800{ESC}"))
    report = tmp_path / "report.html"
    result = invoke([*base, "rank", "--phenopacket", str(path), "--report", str(report)])
    assert_clean(result)
    assert result.exit_code == 0, result.stderr
    page = report.read_text(encoding="utf-8")
    assert "\\ud800\\x1b[2J" in page
    assert_no_terminal_controls(page)


def test_benchmark_with_a_lone_surrogate_and_escapes_in_ids(
    base: list[str], tmp_path: Path
) -> None:
    """Why 2 and 7: benchmark crashed (cases.tsv cut to 0 bytes) and wrote ids raw."""
    a = write_json(tmp_path / "a.json", packet(id="\ud800"))
    b = write_json(tmp_path / "b.json", packet(id=f"x{ESC}y"))
    out = tmp_path / "bench"
    result = invoke(
        [*base, "benchmark", str(a), str(b), "--out", str(out), "-m", "lr", "--masking", "unmasked"]
    )
    assert_clean(result)
    assert result.exit_code == 0, result.stderr
    json.loads((out / "summary.json").read_text(encoding="utf-8"))
    cases = (out / "cases.tsv").read_text(encoding="utf-8")
    assert len(cases.splitlines()) == 3  # header and one row per case
    assert "\\ud800" in cases and "x\\x1b[2J" in cases
    assert_no_terminal_controls(cases)


# ------------------------------------------------------- unreadable places (Why 5, 9)


def test_an_unreadable_subdirectory_gets_a_record(
    base: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why 5: its files got no record and no warning."""
    import xpid.phenopackets.discover as discover

    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    write_json(root / "locked" / "hidden.json", GOOD)
    write_json(root / "seen.json", GOOD)
    real = os.scandir

    def scandir(path: Any) -> Any:  # as without permission (root reads anything)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(discover.os, "scandir", scandir)
    result = invoke([*base, "batch", str(root)])
    assert_clean(result)
    assert result.exit_code == 1
    got = records(result.stdout)
    assert [(Path(r["input"]).name, r["status"]) for r in got] == [
        ("locked", "error"),
        ("seen.json", "ok"),
    ]
    assert "cannot be listed (Permission denied)" in got[0]["error"]


def test_a_file_reached_through_two_paths_is_ranked_once(base: list[str], tmp_path: Path) -> None:
    """Why 9: a file reached through a link was ranked twice."""
    root = tmp_path / "in"
    root.mkdir()
    write_json(root / "case.json", GOOD)
    (root / "link.json").symlink_to(root / "case.json")
    result = invoke([*base, "batch", str(root)])
    assert_clean(result)
    assert result.exit_code == 0
    assert [Path(r["input"]).name for r in records(result.stdout)] == ["case.json"]
    assert "reached more than once are taken once" in result.stderr


# -------------------------------------------------------- reader tracebacks (Why 6, 9)


def test_batch_gives_each_malformed_packet_a_record_naming_file_and_field(
    base: list[str], bad_packets: dict[str, Path], tmp_path: Path
) -> None:
    """Why 6 and 9: TypeError / ValueError records that named neither file nor field, and a
    Family or Cohort told "no present phenotypic feature"."""
    good = write_json(tmp_path / "z_good.json", GOOD)
    inputs = [str(p) for p in bad_packets.values()] + [str(good)]
    result = invoke([*base, "batch", *inputs])
    assert_clean(result)
    assert result.exit_code == 1
    got = records(result.stdout)
    assert len(got) == len(inputs)
    assert got[-1]["status"] == "ok"
    for (name, path), record in zip(bad_packets.items(), got, strict=False):
        assert record["input"] == str(path)
        assert record["error_type"] == "PhenopacketError", record
        assert record["error"].startswith(str(path)), record
        assert FIELD_OF[name] in record["error"], record


def test_rank_gives_one_line_naming_file_and_field(
    base: list[str], bad_packets: dict[str, Path]
) -> None:
    """Why 6: tracebacks from the reader."""
    for name, path in bad_packets.items():
        result = invoke([*base, "rank", "--phenopacket", str(path)])
        assert_one_line_error(result, str(path), FIELD_OF[name])


def test_repeated_keys_are_a_warning_naming_the_key(base: list[str], tmp_path: Path) -> None:
    """Why 9: duplicate keys were accepted in silence (last wins)."""
    text = json.dumps(GOOD).replace('"sex": "MALE"', '"sex": "FEMALE", "sex": "MALE"', 1)
    path = tmp_path / "dup.json"
    path.write_text(text, encoding="utf-8")
    result = invoke([*base, "rank", "--phenopacket", str(path), "-f", "tsv"])
    assert_clean(result)
    assert result.exit_code == 0
    assert "key 'subject.sex' is given more than once; the last value is used" in result.stderr
    (record,) = records(invoke([*base, "batch", str(path)]).stdout)
    assert record["notices"][0]["subject"] == "subject.sex"


def test_deeply_nested_and_huge_integer_profiles(base: list[str], tmp_path: Path) -> None:
    """Why 6 and 9: RecursionError at 50,000 levels; validate stopped at the first unreadable
    file. Now each file is reported and the run goes on."""
    deep = tmp_path / "OMIM_1.toml"
    deep.write_text("a = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    huge = tmp_path / "OMIM_2.toml"
    huge.write_text("schema = " + "9" * 5000 + "\n", encoding="utf-8")
    latin1 = tmp_path / "OMIM_3.toml"
    latin1.write_bytes(b"name = 'caf\xe9'\n")
    directory = tmp_path / "OMIM_4.toml"
    directory.mkdir()
    missing = tmp_path / "OMIM_5.toml"
    paths = [deep, huge, latin1, directory, missing]
    result = invoke([*base, "profiles", "validate", *map(str, paths)])
    assert_clean(result)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(":", 1)[0] for line in lines] == [str(p) for p in paths]
    assert "nested too deeply" in lines[0] and "4300 digits" in lines[1]
    assert "5 files checked" in result.stderr


# ------------------------------------------------------------- output (Why 6, 7)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command",
    [
        ["rank", "HP:0002014"],
        ["rank", "HP:0002014", "-f", "json"],
        ["extract", "{note}"],
        ["extract", "{note}", "-f", "json"],
        ["batch", "{packet}"],
    ],
)
def test_a_full_disk_on_stdout_is_one_line(
    base: list[str], tmp_path: Path, command: list[str]
) -> None:
    """Why 6: ``xpid rank … >/dev/full`` and ``xpid extract … >/dev/full`` gave tracebacks."""
    note = tmp_path / "note.txt"
    note.write_text("Chronic diarrhea.\n", encoding="utf-8")
    good = write_json(tmp_path / "good.json", GOOD)
    args = [a.format(note=note, packet=good) for a in command]
    with open("/dev/full", "wb") as full:
        done = run_xpid([*base, *args], stdout=full)
    stderr = done.stderr.decode()
    assert done.returncode == 1, stderr
    assert stderr.splitlines() == ["error: cannot write the output (No space left on device)."]


def test_escape_sequences_in_ids_and_names_are_shown_not_obeyed(
    base: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why 7: a phenopacket id with ``ESC [2J`` went raw into batch TSV and messages."""
    path = write_json(tmp_path / "e.json", packet(id=f"case{ESC}"))
    missing = tmp_path / f"gone{ESC}.json"
    tsv = invoke([*base, "batch", str(path), "-f", "tsv"])
    assert tsv.exit_code == 0
    assert "case\\x1b[2J\\x1b]0;owned\\x07" in tsv.stdout
    assert_no_terminal_controls(tsv.stdout)
    jsonl = invoke([*base, "batch", str(path), str(missing)])
    assert_no_terminal_controls(jsonl.stdout + jsonl.stderr)
    assert records(jsonl.stdout)[0]["case_id"] == f"case{ESC}"  # the data itself is kept
    error = invoke([*base, "rank", "--phenopacket", str(missing)])
    line = assert_one_line_error(error, "gone\\x1b[2J")
    assert_no_terminal_controls(line)
    monkeypatch.chdir(tmp_path)  # a short name, so that the title is not wrapped
    note = Path(f"note{ESC}[bold].txt")
    note.write_text("Chronic diarrhea.\n", encoding="utf-8")
    table = invoke(
        ["--data-dir", str(FIXTURES / "extraction"), "--cache-dir", str(tmp_path / "c2")]
        + ["extract", str(note)]
    )
    assert_clean(table)
    assert table.exit_code == 0
    assert "note\\x1b[2J" in table.stdout and "[bold]" in table.stdout
    assert_no_terminal_controls(table.stdout)


def test_markup_in_a_query_is_text(base: list[str]) -> None:
    """Rich markup in data (``[/red]``) crashed ``xpid search`` and ``xpid rank``."""
    assert_clean(invoke([*base, "search", "[/red]"]))
    assert_one_line_error(invoke([*base, "rank", "[/red]", "[bold]x"]), "[/red]")


# ------------------------------------------------- special files and sizes (Why 4)

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")


def _sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on disk."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


@needs_fifo
def test_a_fifo_in_an_input_directory_is_refused_not_waited_for(
    base: list[str], tmp_path: Path
) -> None:
    """Why 4: a FIFO in an input directory hung ``xpid batch`` forever."""
    root = tmp_path / "in"
    root.mkdir()
    write_json(root / "a.json", GOOD)
    os.mkfifo(root / "b.json")
    write_json(root / "c.json", GOOD)
    done = run_xpid([*base, "batch", str(root)])
    assert done.returncode == 1, done.stderr
    got = records(done.stdout.decode())
    assert [(Path(r["input"]).name, r["status"]) for r in got] == [
        ("a.json", "ok"),
        ("b.json", "error"),
        ("c.json", "ok"),
    ]
    assert got[1]["error"].endswith(
        "cannot read the file (a FIFO (named pipe), not a regular file)."
    )


@needs_fifo
def test_rank_and_extract_refuse_a_fifo(base: list[str], tmp_path: Path) -> None:
    """Why 4: ``rank --phenopacket FIFO`` blocked."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert_one_line_error_in(
        run_xpid([*base, "rank", "--phenopacket", str(fifo)]), str(fifo), "a FIFO"
    )
    assert_one_line_error_in(run_xpid([*base, "extract", str(fifo)]), "pipe.json", "a FIFO")
    assert_one_line_error_in(run_xpid([*base, "rank", "--text", str(fifo)]), "pipe.json", "a FIFO")


@needs_fifo
def test_resume_refuses_an_output_that_is_a_fifo(base: list[str], tmp_path: Path) -> None:
    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    good = write_json(tmp_path / "a.json", GOOD)
    done = run_xpid([*base, "batch", str(good), "--out", str(fifo), "--resume"])
    assert_one_line_error_in(done, "the output to resume", "a FIFO")


@needs_fifo
def test_profiles_validate_reports_a_fifo_and_goes_on(base: list[str], tmp_path: Path) -> None:
    """Why 4 and 9: a FIFO among the files to validate."""
    fifo = tmp_path / "OMIM_1.toml"
    os.mkfifo(fifo)
    other = tmp_path / "OMIM_2.toml"
    other.write_text("schema = 1\n", encoding="utf-8")
    done = run_xpid([*base, "profiles", "validate", str(fifo), str(other)])
    assert done.returncode == 1
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 2 and "a FIFO (named pipe), not a regular file" in lines[0]
    assert lines[1].startswith(str(other))


@needs_dev_zero
def test_dev_zero_is_refused_by_type(base: list[str]) -> None:
    """Why 4: ``/dev/zero`` gave a MemoryError traceback."""
    assert_one_line_error_in(
        run_xpid([*base, "rank", "--phenopacket", "/dev/zero"]), "/dev/zero", "a character device"
    )
    assert_one_line_error_in(run_xpid([*base, "extract", "/dev/zero"]), "a character device")
    done = run_xpid([*base, "batch", "/dev/zero"])
    assert done.returncode == 1
    (record,) = records(done.stdout.decode())
    assert "a character device, not a regular file" in record["error"]


@needs_dev_zero
def test_standard_input_over_the_limit_is_refused(base: list[str]) -> None:
    """Why 4: an endless standard input (text for extract, a list of inputs for batch)."""
    with open("/dev/zero", "rb") as zero:
        done = run_xpid([*base, "extract", "-"], stdin=zero)
    assert_one_line_error_in(done, "standard input", "over the 16 MiB limit")
    with open("/dev/zero", "rb") as zero:
        done = run_xpid([*base, "batch", "-"], stdin=zero)
    assert done.returncode == 1
    (record,) = records(done.stdout.decode())
    assert record["input"] == "-" and "over the 16 MiB limit" in record["error"]


def test_files_over_the_size_limit_are_refused(base: list[str], tmp_path: Path) -> None:
    """Why 4: the documented input size limit (16 MiB), also after gzip."""
    huge = _sparse(tmp_path / "huge.json", 16 * 2**20 + 1)
    bomb = tmp_path / "bomb.json"
    bomb.write_bytes(gzip.compress(b" " * (17 * 2**20)))  # 17 KB that unpack to 17 MiB
    for path, needle in ((huge, "16.0 MiB, over the 16 MiB limit"), (bomb, "decompressed")):
        result = invoke([*base, "rank", "--phenopacket", str(path)])
        assert_one_line_error(result, str(path), needle)
    text = _sparse(tmp_path / "huge.txt", 17 * 2**20)
    assert_one_line_error(invoke([*base, "extract", str(text)]), "over the 16 MiB limit")
    profile = _sparse(tmp_path / "OMIM_1.toml", 17 * 2**20)
    result = invoke([*base, "profiles", "validate", str(profile)])
    assert result.exit_code == 1 and "over the 16 MiB limit" in result.stdout


# ----------------------------------------------------------------- --exclude (Why 8)


def test_a_term_after_an_exclude_value_is_refused_showing_both_spellings(
    base: list[str],
) -> None:
    """Why 8: ``rank A --exclude B C`` counted C as present without a word."""
    for layout in (
        ["HP:0002014", "--exclude", "HP:0000964", "HP:0002719"],
        ["HP:0002014", "-x", "HP:0000964", "HP:0002719"],
        ["HP:0002014", "--exclude=HP:0000964", "HP:0002719"],
        ["--exclude", "HP:0000964", "HP:0002719"],
    ):
        result = invoke([*base, "rank", *layout])
        assert_one_line_error(
            result,
            "--exclude HP:0000964,HP:0002719",
            "xpid rank … HP:0002719 --exclude HP:0000964",
        )


def test_exclude_takes_a_comma_list_or_repetition(base: list[str]) -> None:
    """Why 8: several excluded terms in one option."""

    def patient(*args: str) -> dict[str, Any]:
        result = invoke([*base, "rank", "-f", "json", *args])
        assert result.exit_code == 0, result.stderr
        return dict(json.loads(result.stdout)["patient"])

    wanted = ["HP:0000964", "HP:0002719"]
    for args in (
        ["HP:0002014", "--exclude", "HP:0000964,HP:0002719"],
        ["HP:0002014", "-x", "Eczema, Recurrent infections"],
        ["HP:0002014", "-x", "HP:0000964", "-x", "HP:0002719"],
        ["HP:0002014", "-x", "HP:0000964", "--", "HP:0002719"],  # -- : present, on purpose
    ):
        got = patient(*args)
        excluded = [t["id"] for t in got["excluded"]]
        if "--" in args:
            assert excluded == ["HP:0000964"]
            assert [t["id"] for t in got["present"]] == ["HP:0002014", "HP:0002719"]
        else:
            assert excluded == wanted, args
