"""``xpid search``: ranked label and synonym matches for free words."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from xpid import __version__
from xpid.cli.context import OutputFormat, load_cli_ontology, print_json, print_tsv, stdout
from xpid.ontology import search_terms

__all__ = ["search_command"]


def search_command(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(help="Words to look for, in any order.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Maximum hits.")] = 10,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
) -> None:
    """Search HPO labels and synonyms (any case, word order, British or American spelling)."""
    _, ontology = load_cli_ontology(ctx)
    query = " ".join(words)
    hits = search_terms(ontology, query, limit=limit)
    rows = [
        {"id": h.id, "label": h.label, "matched": h.matched, "kind": h.kind, "score": h.score}
        for h in hits
    ]
    if output_format is OutputFormat.json:
        print_json(
            {
                "xpid_version": __version__,
                "hpo_release": ontology.release,
                "query": query,
                "hits": rows,
            }
        )
        return
    if output_format is OutputFormat.tsv:
        print_tsv(
            ["rank", "id", "label", "matched", "kind", "score"],
            [
                [i + 1, r["id"], r["label"], r["matched"], r["kind"], r["score"]]
                for i, r in enumerate(rows)
            ],
        )
        return
    console = stdout()
    if not rows:
        console.print(f"No HPO term matches {escape(repr(query))}.")
        return
    table = Table(
        title=f"HPO terms matching {escape(repr(query))}",
        title_justify="left",
        caption=escape(f"HPO {ontology.release} · xpid {__version__}"),
        caption_justify="left",
    )
    table.add_column("#", justify="right")
    table.add_column("id", no_wrap=True)
    table.add_column("label")
    table.add_column("matched (normalised)", style="dim")
    table.add_column("score", justify="right")
    for i, r in enumerate(rows, start=1):
        table.add_row(
            str(i),
            escape(str(r["id"])),
            escape(str(r["label"])),
            escape(f"{r['matched']} ({r['kind']})"),
            f"{r['score']:.0f}",
        )
    console.print(table)
