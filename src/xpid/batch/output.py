"""Batch output: records as JSON lines or TSV, written whole, and read back for ``--resume``.

**JSON lines** (``jsonl``): one record per line (see :mod:`xpid.batch.records`), written by
:func:`~xpid.text.escape.json_dumps`: valid UTF-8 JSON for any input, a lone surrogate in
an id or a file name kept as its ``\\uXXXX`` escape (read back as the same string).

**TSV**: a header line (:data:`BATCH_TSV_HEADER`), then one row per (input, rank) for a
ranked input (its first ``--top`` diseases, in rank order) and one row for an input that
failed, with ``status`` ``error`` and the rank columns empty. Every row repeats the case's
``diagnoses`` (comma-separated, as written) and ``diagnosis_rank`` (the rank of the first
of them in the whole ranked list; empty when none is ranked), and a ranked input's rows the
``method``, ``corpus`` and ``hpo_release`` of its ranking: the same values as the JSON
record's, so the TSV can be joined and audited alone. Notices are only in JSON lines.
Cells follow :func:`~xpid.text.escape.tsv_cell` (tabs and line breaks as spaces, other
control characters as visible escapes).

Each input's lines are written with one call and flushed, so an interrupted run leaves whole
inputs behind, except possibly a cut-off last line. :func:`prepare_resume` cuts the file
back to a state an uninterrupted run passes through (JSON lines: the last complete line;
TSV: before the last input, whose rows may be incomplete) and returns the inputs already
done, so a resumed run appends exactly what the uninterrupted run would have written next.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from pathlib import Path

from xpid.batch.records import RankTask, Record
from xpid.errors import XpidError
from xpid.ranking.tsv import RESULT_TSV_COLUMNS, result_tsv_cells
from xpid.text.escape import json_dumps, tsv_cell

__all__ = [
    "BATCH_TSV_HEADER",
    "BatchFormat",
    "format_record",
    "prepare_resume",
    "tsv_header",
    "tsv_key",
]

_CASE_COLUMNS = ("input", "case_id", "status", "diagnoses", "diagnosis_rank")
_PROVENANCE_COLUMNS = ("method", "corpus", "hpo_release")
BATCH_TSV_HEADER = (
    *_CASE_COLUMNS,
    *RESULT_TSV_COLUMNS,
    *_PROVENANCE_COLUMNS,
    "error_type",
    "error",
)
_RANK = BATCH_TSV_HEADER.index("rank")
_METHOD, _CORPUS, _RELEASE = (BATCH_TSV_HEADER.index(c) for c in _PROVENANCE_COLUMNS)
_RECORD_START = b'{"input":'


class BatchFormat(enum.Enum):
    """Output format of ``xpid batch``."""

    JSONL = "jsonl"
    TSV = "tsv"


def tsv_header() -> str:
    """The TSV header line, newline included."""
    return "\t".join(BATCH_TSV_HEADER) + "\n"


def format_record(record: Record, fmt: BatchFormat) -> str:
    """The lines of one record, each ending with a newline.

    Examples
    --------
    >>> row = format_record({"input": "a.json", "case_id": "p1", "status": "error",
    ...     "diagnoses": ["OMIM:1", "OMIM:2"], "error_type": "QueryError", "error": "bad"},
    ...     BatchFormat.TSV)
    >>> dict(zip(BATCH_TSV_HEADER, row.rstrip("\\n").split("\\t"), strict=True))["diagnoses"]
    'OMIM:1,OMIM:2'
    """
    if fmt is BatchFormat.JSONL:
        return json_dumps(record, separators=(",", ":")) + "\n"
    head = [
        record["input"],
        record["case_id"],
        record["status"],
        ",".join(record.get("diagnoses") or ()),
        record.get("diagnosis_rank"),
    ]
    blank = [None] * len(RESULT_TSV_COLUMNS)
    if record["status"] != "ok":
        no_ranking = [None] * len(_PROVENANCE_COLUMNS)
        rows = [[*head, *blank, *no_ranking, record["error_type"], record["error"]]]
    else:
        ranking = record["ranking"]
        made = [ranking["method"], ranking["corpus"], ranking["hpo_release"]]
        results = ranking["results"]
        # nothing ranked (an empty panel): one row keeps the input
        cells = [result_tsv_cells(r) for r in results] if results else [blank]
        rows = [[*head, *c, *made, None, None] for c in cells]
    return "".join("\t".join(tsv_cell(c) for c in row) + "\n" for row in rows)


def _complete_lines(data: bytes) -> list[str]:
    end = data.rfind(b"\n") + 1
    return data[:end].decode("utf-8").splitlines(keepends=True)


def _rewrite(path: Path, lines: Iterable[str]) -> None:
    # Truncate in place to the kept prefix (the kept lines are a prefix of the file).
    kept = "".join(lines).encode("utf-8")
    with path.open("r+b") as handle:
        handle.truncate(len(kept))


def tsv_key(key: str) -> str:
    """An input as the TSV ``input`` cell holds it (:func:`~xpid.text.escape.tsv_cell`)."""
    return tsv_cell(key)


def _settings_text(task: RankTask, release: str | None) -> str:
    text = (
        f"--method {task.method.value} --corpus {task.corpus.value} "
        f"--panel {task.panel or '(none)'} --top {task.top}"
    )
    return text if release is None else f"{text} on HPO release {release}"


def _provenance_mismatch(
    made: dict[str, str | None], task: RankTask, release: str | None
) -> str | None:
    """What of ``task`` (and ``release``) a ranking made with ``made`` differs in, or ``None``."""
    wanted: dict[str, str | None] = {"method": task.method.value, "corpus": task.corpus.value}
    if "panel" in made:
        wanted["panel"] = task.panel
    for name, value in wanted.items():
        if made[name] != value:
            return f"--{name} {made[name] or '(none)'}"
    if release is not None and made["hpo_release"] != release:
        return f"HPO release {made['hpo_release'] or '(none)'}"
    return None


def _jsonl_mismatch(record: Record, task: RankTask, release: str | None) -> str | None:
    """What of ``task`` an ok record was not made with, or ``None``."""
    ranking = record.get("ranking") or {}
    made = {
        "method": ranking.get("method"),
        "corpus": ranking.get("corpus"),
        "panel": (ranking.get("parameters") or {}).get("panel"),
        "hpo_release": ranking.get("hpo_release"),
    }
    mismatch = _provenance_mismatch(made, task, release)
    if mismatch is not None:
        return mismatch
    n_results = len(ranking.get("results") or [])
    n_ranked = ranking.get("n_ranked")
    if isinstance(n_ranked, int) and n_results != min(task.top, n_ranked):
        return f"--top {n_results}" if n_results < n_ranked else f"a --top of at least {n_results}"
    return None


def _refuse_settings(
    path: Path, number: int, made: str, task: RankTask, release: str | None
) -> XpidError:
    return XpidError(
        f"{path}:{number}: made with {made}, not {_settings_text(task, release)}; resume with "
        "the settings and data of the earlier run, or write to a new file."
    )


def prepare_resume(
    path: Path, fmt: BatchFormat, task: RankTask | None = None, release: str | None = None
) -> dict[str, str]:
    """Cut ``path`` back to whole inputs and return the inputs it already holds.

    Parameters
    ----------
    path
        An output file of an earlier, possibly interrupted, run with the same format.
    fmt
        Its format.
    task
        The settings of this run: a file made with other settings is refused (JSON lines:
        method, corpus, panel and top; TSV, which does not record the panel: method and
        corpus from their columns, top from the rows per input).
    release
        The HPO release of this run's knowledge base: a file ranked on another release is
        refused too.

    Returns
    -------
    dict of str to str
        The ``input`` of every record kept and its ``status`` (``ok`` or ``error``). Empty
        (and the file emptied) when the file holds no complete record.

    Raises
    ------
    XpidError
        When the file is not batch output of format ``fmt`` (a resume must not append to,
        or cut, an unrelated file), or was made with other settings.
    """
    data = path.read_bytes()
    try:
        lines = _complete_lines(data)
    except UnicodeDecodeError:
        raise XpidError(
            f"{path}: not UTF-8 text, so not the output of `xpid batch`; --resume needs the "
            "output of an earlier run (nothing was changed)."
        ) from None
    done: dict[str, str] = {}
    if fmt is BatchFormat.JSONL:
        not_batch = XpidError(
            f"{path}: not the JSON-lines output of `xpid batch`; --resume needs the output "
            "of an earlier `xpid batch --format jsonl` run (nothing was changed)."
        )
        # What an interrupted run can leave after its last whole record: part of a record.
        tail = data[data.rfind(b"\n") + 1 :]
        if tail and not _RECORD_START.startswith(tail[: len(_RECORD_START)]):
            raise not_batch
        kept: list[str] = []
        for number, line in enumerate(lines, start=1):
            try:
                record = json.loads(line)
                key, status = record["input"], record["status"]
            except (ValueError, TypeError, KeyError):
                raise not_batch from None
            if task is not None and status == "ok":
                made = _jsonl_mismatch(record, task, release)
                if made is not None:
                    raise _refuse_settings(path, number, made, task, release)
            done[str(key)] = str(status)
            kept.append(line)
        _rewrite(path, kept)
        return done
    header = tsv_header().encode("utf-8")
    if not lines:
        if not header.startswith(data):  # an empty file, or part of the header
            raise XpidError(
                f"{path}: not the TSV output of `xpid batch`; --resume needs the output of "
                "an earlier `xpid batch --format tsv` run (nothing was changed)."
            )
        _rewrite(path, [])
        return done
    if lines[0] != tsv_header():
        raise XpidError(
            f"{path}:1: not a batch TSV header of this xpid version (the columns are "
            f"{', '.join(BATCH_TSV_HEADER)}); --resume needs the output of an earlier "
            "`xpid batch --format tsv` run of this version: run again without --resume."
        )
    body = lines[1:]
    last = body[-1].split("\t", 1)[0] if body else None
    kept_body = [line for line in body if line.split("\t", 1)[0] != last]
    # Rows of one input are contiguous, so dropping the last input keeps a prefix.
    rows_of: dict[str, int] = {}
    for number, line in enumerate(kept_body, start=2):
        cells = line.rstrip("\n").split("\t")
        if len(cells) != len(BATCH_TSV_HEADER):
            raise XpidError(
                f"{path}:{number}: {len(cells)} columns, expected {len(BATCH_TSV_HEADER)}; "
                "not the output of `xpid batch --format tsv` (nothing was changed)."
            )
        done[cells[0]] = cells[2]
        if task is not None and cells[2] == "ok":
            row: dict[str, str | None] = {
                "method": cells[_METHOD],
                "corpus": cells[_CORPUS],
                "hpo_release": cells[_RELEASE],
            }
            mismatch = _provenance_mismatch(row, task, release)
            if mismatch is not None:
                raise _refuse_settings(path, number, mismatch, task, release)
            rows_of[cells[0]] = rows_of.get(cells[0], 0) + bool(cells[_RANK])
            if rows_of[cells[0]] > task.top:
                made_top = f"a --top above {task.top}"
                raise _refuse_settings(path, number, made_top, task, release)
    _rewrite(path, [lines[0], *kept_body])
    return done
