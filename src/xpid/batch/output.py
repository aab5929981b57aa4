"""Batch output: records as JSON lines or TSV, written whole, and read back for ``--resume``.

**JSON lines** (``jsonl``): one record per line (see :mod:`xpid.batch.records`).

**TSV**: a header line (:data:`BATCH_TSV_HEADER`), then one row per (input, rank) for a
ranked input (its first ``--top`` diseases, in rank order) and one row for an input that
failed, with ``status`` ``error`` and the rank columns empty. Notices are only in JSON lines.

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

from xpid.batch.records import Record
from xpid.errors import XpidError
from xpid.ranking.tsv import RESULT_TSV_COLUMNS, result_tsv_cells

__all__ = ["BATCH_TSV_HEADER", "BatchFormat", "format_record", "prepare_resume", "tsv_header"]

BATCH_TSV_HEADER = ("input", "case_id", "status", *RESULT_TSV_COLUMNS, "error_type", "error")


class BatchFormat(enum.Enum):
    """Output format of ``xpid batch``."""

    JSONL = "jsonl"
    TSV = "tsv"


def _cell(value: object) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def tsv_header() -> str:
    """The TSV header line, newline included."""
    return "\t".join(BATCH_TSV_HEADER) + "\n"


def format_record(record: Record, fmt: BatchFormat) -> str:
    """The lines of one record, each ending with a newline.

    Examples
    --------
    >>> format_record({"input": "a.json", "case_id": None, "status": "error",
    ...                "error_type": "PhenopacketError", "error": "bad"}, BatchFormat.TSV)
    'a.json\\t\\terror\\t\\t\\t\\t\\t\\t\\t\\t\\t\\tPhenopacketError\\tbad\\n'
    """
    if fmt is BatchFormat.JSONL:
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
    head = [record["input"], record["case_id"], record["status"]]
    if record["status"] != "ok":
        blank = [None] * len(RESULT_TSV_COLUMNS)
        rows = [[*head, *blank, record["error_type"], record["error"]]]
    elif not record["ranking"]["results"]:  # nothing ranked (an empty panel): keep the input
        rows = [[*head, *([None] * (len(RESULT_TSV_COLUMNS) + 2))]]
    else:
        rows = [[*head, *result_tsv_cells(r), None, None] for r in record["ranking"]["results"]]
    return "".join("\t".join(_cell(c) for c in row) + "\n" for row in rows)


def _complete_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    end = data.rfind(b"\n") + 1
    return data[:end].decode("utf-8").splitlines(keepends=True)


def _rewrite(path: Path, lines: Iterable[str]) -> None:
    # Truncate in place to the kept prefix (the kept lines are a prefix of the file).
    kept = "".join(lines).encode("utf-8")
    with path.open("r+b") as handle:
        handle.truncate(len(kept))


def prepare_resume(path: Path, fmt: BatchFormat) -> dict[str, str]:
    """Cut ``path`` back to whole inputs and return the inputs it already holds.

    Parameters
    ----------
    path
        An output file of an earlier, possibly interrupted, run with the same format.
    fmt
        Its format.

    Returns
    -------
    dict of str to str
        The ``input`` of every record kept and its ``status`` (``ok`` or ``error``). Empty
        (and the file emptied) when the file holds no complete record.

    Raises
    ------
    XpidError
        When the file is not batch output of format ``fmt`` (a resume must not append to
        an unrelated file).
    """
    lines = _complete_lines(path)
    done: dict[str, str] = {}
    if fmt is BatchFormat.JSONL:
        kept: list[str] = []
        for number, line in enumerate(lines, start=1):
            try:
                record = json.loads(line)
                key, status = record["input"], record["status"]
            except (ValueError, TypeError, KeyError):
                if number == len(lines):  # a last line cut short and then newline-ended
                    break
                raise XpidError(
                    f"{path}:{number}: not a batch record; --resume needs the JSON-lines "
                    "output of an earlier `xpid batch --format jsonl` run."
                ) from None
            done[str(key)] = str(status)
            kept.append(line)
        _rewrite(path, kept)
        return done
    if not lines:
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
    for line in kept_body:
        cells = line.split("\t", 3)
        done[cells[0]] = cells[2]
    _rewrite(path, [lines[0], *kept_body])
    return done
