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
    stderr,
    stdout,
)
from xpid.errors import DataError, UnreadableFileError, XpidError
from xpid.extraction.model import Extraction, Language
from xpid.io import MAX_INPUT_BYTES, read_input, read_stream
from xpid.text.escape import json_dumps, tsv_cell

if TYPE_CHECKING:  # the lexicon and matcher load when a command reads text
    from xpid.extraction.demographics import Demographics
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


_TSV_HEADER = ["id", "label", "start", "end", "text", "assertion", "trigger"]


def extract_command(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(metavar="FILE|-…", help="Text files, or - for stdin; one result per file."),
    ],
    lang: Annotated[Language, typer.Option("--lang", "-l", help="Language of the text.")] = (
        Language.en
    ),
    output_format: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExtractFormat.table,
) -> None:
    """Find HPO findings in free text: present, excluded, uncertain or someone else's; the
    patient's sex, age and age at onset. Several files give one result or error each."""
    if len(sources) == 1:
        text = read_text_arg(sources[0])
        _, ontology = load_cli_ontology(ctx)
        reader = _Reader(ctx, ontology, lang)
        _print_result(sources[0], *reader.read(text), ontology, lang, output_format, several=False)
        return
    _, ontology = load_cli_ontology(ctx)
    reader = _Reader(ctx, ontology, lang)
    failed = 0
    if output_format is ExtractFormat.tsv:
        sys.stdout.write("\t".join(["input", "status", *_TSV_HEADER, "error"]) + "\n")
    for source in sources:
        try:
            extraction, about = reader.read(read_text_arg(source))
        except XpidError as exc:
            failed += 1
            _print_error(source, exc, output_format)
            continue
        _print_result(source, extraction, about, ontology, lang, output_format, several=True)
    if failed:
        raise typer.Exit(code=1)


class _Reader:
    """The lexicon and note rules of one language, loaded once for every input."""

    def __init__(self, ctx: typer.Context, ontology: Ontology, lang: Language) -> None:
        from xpid.extraction.demographics import load_demographic_rules

        self.lexicon = load_cli_lexicon(ctx, ontology, lang)
        self.rules = load_demographic_rules(lang)

    def read(self, text: str) -> tuple[Extraction, Demographics]:
        from xpid.extraction.demographics import read_demographics
        from xpid.extraction.extract import extract_findings

        return extract_findings(text, self.lexicon), read_demographics(text, self.rules)


def _payload(
    extraction: Extraction, about: Demographics, ontology: Ontology, lang: Language
) -> dict[str, object]:
    return {
        "xpid_version": __version__,
        "hpo_release": ontology.release,
        "lang": lang.value,
        "patient": about.to_dict(),
        "mentions": _rows(extraction),
    }


def _print_result(
    source: str,
    extraction: Extraction,
    about: Demographics,
    ontology: Ontology,
    lang: Language,
    output_format: ExtractFormat,
    *,
    several: bool,
) -> None:
    """The result of one input: as ``xpid extract FILE`` has always written it, or, among
    several inputs, as a JSON line or TSV rows that name the input (a table either way)."""
    from xpid.extraction.phenopacket import extraction_to_phenopacket

    if output_format is ExtractFormat.table:
        _print_table(source, extraction, about, ontology, lang)
        return
    if output_format is ExtractFormat.tsv:
        rows = [[r[h] for h in _TSV_HEADER] for r in _rows(extraction)]
        if not several:
            print_tsv(_TSV_HEADER, rows)
            return
        for row in rows or [[""] * len(_TSV_HEADER)]:
            sys.stdout.write("\t".join(tsv_cell(c) for c in [source, "ok", *row, ""]) + "\n")
        return
    if output_format is ExtractFormat.phenopacket:
        packet = extraction_to_phenopacket(extraction, demographics=about)
        payload: dict[str, object] = {"phenopacket": packet} if several else packet
    else:
        payload = _payload(extraction, about, ontology, lang)
    if several:
        _print_line({"input": source, "status": "ok", **payload})
    else:
        print_json(payload)


def _print_error(source: str, exc: XpidError, output_format: ExtractFormat) -> None:
    """The record of an input that could not be read (a table run says it on stderr)."""
    if output_format in (ExtractFormat.json, ExtractFormat.phenopacket):
        _print_line(
            {
                "input": source,
                "status": "error",
                "error_type": type(exc).__name__,
                "error": str(exc),
            }
        )
    elif output_format is ExtractFormat.tsv:
        cells = [source, "error", *[""] * 7, str(exc)]
        sys.stdout.write("\t".join(tsv_cell(c) for c in cells) + "\n")
    else:
        stderr().print(f"[bold red]error:[/bold red] {escape(str(exc))}", highlight=False)


def _print_line(record: dict[str, object]) -> None:
    sys.stdout.write(json_dumps(record) + "\n")
    sys.stdout.flush()


def _print_table(
    source: str, extraction: Extraction, about: Demographics, ontology: Ontology, lang: Language
) -> None:
    console = stdout()
    rows = _rows(extraction)
    shown = escape(source) if source != "-" else "stdin"
    patient = about.describe()
    if not rows:
        console.print(f"No HPO findings recognised in {shown}.")
        if patient:
            console.print(escape(f"Patient: {patient}."), highlight=False)
        return
    table = Table(
        title=f"HPO findings in {shown}",
        title_justify="left",
        caption=escape(
            (f"Patient: {patient}. " if patient else "")
            + f"HPO {ontology.release} · lexicon {lang.value} · xpid {__version__}"
        ),
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
