"""``xpid profiles draft``: a disease-profile draft from one document, for a curator."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Annotated

import typer

from xpid import __version__
from xpid.cli.context import load_cli_ontology, stderr, stdout
from xpid.cli.extract import load_cli_lexicon, read_text_arg
from xpid.errors import DataError
from xpid.extraction.model import Language

__all__ = ["draft_command"]


def draft_command(
    ctx: typer.Context,
    document: Annotated[
        str, typer.Argument(metavar="DOC|-", help="The document (UTF-8 text), or - for stdin.")
    ],
    disease: Annotated[str, typer.Option("--disease", "-d", help="Disease id, e.g. OMIM:304790.")],
    lang: Annotated[
        Language, typer.Option("--lang", "-l", help="Language of the document.")
    ] = Language.en,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the draft here instead of to stdout."),
    ] = None,
) -> None:
    """Draft a profile (profiles/ TOML schema) from the findings of one document.

    Each present or excluded finding comes with the character spans of its mentions and,
    when its sentence has one, a frequency cue ("most", "rare", "13 of 56", "23%"). The
    draft is checked against the schema before it is written; a curator reviews it.
    """
    from xpid.cli.context import load_cli_store
    from xpid.constants import normalise_disease_id
    from xpid.extraction.draft import draft_profile, render_profile_toml
    from xpid.extraction.extract import extract_findings
    from xpid.profiles import parse_profile_toml, profile_file_name

    text = read_text_arg(document)
    _, ontology = load_cli_ontology(ctx)
    disease_id = normalise_disease_id(disease)
    profile = load_cli_store(ctx).require(disease_id)
    extraction = extract_findings(text, load_cli_lexicon(ctx, ontology, lang))
    name = "stdin" if document == "-" else Path(document).name
    draft = draft_profile(
        text,
        extraction,
        disease_id=profile.id,
        name=profile.name,
        genes=[g.symbol for g in profile.genes],
        inheritance=profile.inheritance,
        document_name=name,
    )
    if not draft.findings:
        raise DataError(f"no present or excluded findings recognised in {name!r}; no draft.")
    toml_text = render_profile_toml(
        draft, reviewed=_dt.date.today().isoformat(), tool=f"xpid {__version__} profiles draft"
    )
    parse_profile_toml(toml_text, path=profile_file_name(profile.id))
    if out is None:
        stdout().out(toml_text, end="", highlight=False)
    else:
        try:
            out.write_text(toml_text, encoding="utf-8")
        except OSError as exc:
            raise DataError(f"cannot write {str(out)!r} ({exc.__class__.__name__}).") from None
        n_present = sum(1 for f in draft.findings if f.status.value == "present")
        stderr().print(
            f"Wrote {out}: {n_present} present, {len(draft.findings) - n_present} excluded, "
            f"{sum(1 for f in draft.findings if f.frequency)} with a frequency cue, "
            f"{len(draft.skipped)} mentions left out.",
            highlight=False,
        )
