"""``xpid extract``: HPO findings in free text, with what the text says about each."""

from __future__ import annotations

import enum
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from xpid import __version__
from xpid.cli.context import (
    build_status,
    load_cli_ontology,
    print_json,
    print_tsv,
    settings,
    stdout,
)
from xpid.errors import DataError, UnreadableFileError
from xpid.extraction.model import Extraction, Language
from xpid.io import MAX_INPUT_BYTES, read_input, read_stream

if TYPE_CHECKING:  # the lexicon and matcher load when a command reads text
    from xpid.extraction.lexicon import Lexicon
    from xpid.ontology import Ontology

__all__ = ["extract_command", "read_text_arg", "load_cli_lexicon"]


class ExtractFormat(enum.StrEnum):
    """Output formats of ``xpid extract``."""

    table = "table"
    json = "json"
    tsv = "tsv"
    phenopacket = "phenopacket"


def read_text_arg(source: str) -> str:
    """The text of a file argument, or of stdin for ``-``: a regular file (a FIFO or a
    device is refused before it is opened) of at most :data:`~xpid.io.MAX_INPUT_BYTES`,
    plain or gzip (see :mod:`xpid.io`)."""
    shown = "standard input" if source == "-" else repr(source)
    try:
        if source == "-":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:  # a text stream without bytes (tests, embedding)
                text = sys.stdin.read(MAX_INPUT_BYTES + 1)
                stream = io.BytesIO(text.encode("utf-8", "surrogateescape"))
            data = read_stream(stream, what="text", source="-")
        else:
            data = read_input(Path(source), what="text", limit=MAX_INPUT_BYTES)
    except UnreadableFileError as exc:
        raise DataError(f"cannot read {shown} ({exc.problem}).") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"cannot read {shown} as UTF-8 text (byte {exc.start}: {exc.reason}); "
            "expected a plain-text document."
        ) from None


def load_cli_lexicon(ctx: typer.Context, ontology: Ontology, lang: Language) -> Lexicon:
    """Load the lexicon of ``lang``, with a status line on stderr while it compiles."""
    from xpid.extraction.lexicon import load_lexicon

    cache_dir = settings(ctx).cache_dir
    with build_status(f"Compiling the {lang.value} lexicon (first run only)…", cache_dir) as notify:
        return load_lexicon(ontology, lang=lang, cache_dir=cache_dir, on_build=notify)


def _rows(extraction: Extraction) -> list[dict[str, object]]:
    return [
        {
            "id": m.term_id,
            "label": m.label,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "assertion": m.assertion.value,
            "trigger": m.trigger,
        }
        for m in extraction.mentions
    ]


def extract_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FILE|-", help="Text file, or - for stdin.")],
    lang: Annotated[Language, typer.Option("--lang", "-l", help="Language of the text.")] = (
        Language.en
    ),
    output_format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExtractFormat.table,
) -> None:
    """Find HPO findings in free text: present, excluded, uncertain or someone else's."""
    text = read_text_arg(source)
    _, ontology = load_cli_ontology(ctx)
    lexicon = load_cli_lexicon(ctx, ontology, lang)
    from xpid.extraction.extract import extract_findings
    from xpid.extraction.phenopacket import extraction_to_phenopacket

    extraction = extract_findings(text, lexicon)
    rows = _rows(extraction)
    if output_format is ExtractFormat.phenopacket:
        print_json(extraction_to_phenopacket(extraction))
        return
    if output_format is ExtractFormat.json:
        print_json(
            {
                "xpid_version": __version__,
                "hpo_release": ontology.release,
                "lang": lang.value,
                "mentions": rows,
            }
        )
        return
    if output_format is ExtractFormat.tsv:
        header = ["id", "label", "start", "end", "text", "assertion", "trigger"]
        print_tsv(header, [[r[h] for h in header] for r in rows])
        return
    console = stdout()
    if not rows:
        console.print("No HPO findings recognised.")
        return
    table = Table(
        title=f"HPO findings in {escape(source) if source != '-' else 'stdin'}",
        title_justify="left",
        caption=escape(f"HPO {ontology.release} · lexicon {lang.value} · xpid {__version__}"),
        caption_justify="left",
    )
    for column in ("id", "label", "span", "text", "assertion"):
        table.add_column(column, no_wrap=column in ("id", "span"))
    styles = {"present": "green", "excluded": "red", "uncertain": "yellow"}
    for r in rows:
        assertion = str(r["assertion"])
        table.add_row(
            escape(str(r["id"])),
            escape(str(r["label"])),
            f"{r['start']}–{r['end']}",
            escape(" ".join(str(r["text"]).split())),
            f"[{styles.get(assertion, 'magenta')}]{assertion}[/]"
            + (f" ({escape(str(r['trigger']))})" if r["trigger"] else ""),
        )
    console.print(table)
