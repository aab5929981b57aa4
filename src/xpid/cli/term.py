"""``xpid term``: show terms by id or label."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from xpid import __version__
from xpid.cli.context import (
    OutputFormat,
    load_cli_ontology,
    print_json,
    print_tsv,
    stdout,
    warn,
)
from xpid.ontology import Ontology, resolve_term

__all__ = ["term_command", "term_payload"]


def term_payload(
    ontology: Ontology, index: int, *, query: str, warning: str | None
) -> dict[str, Any]:
    """The stable JSON shape of one term (see README, "JSON output")."""
    term = ontology.term(index)
    return {
        "query": query,
        "id": term.id,
        "label": term.label,
        "definition": term.definition,
        "synonyms": [
            {"text": s.text, "scope": s.scope.value, "type": s.type or None} for s in term.synonyms
        ],
        "parents": [
            {"id": ontology.ids[p], "label": ontology.labels[p]}
            for p in ontology.parents(index).tolist()
        ],
        "n_descendants": ontology.n_descendants(index),
        "depth": term.depth,
        "warning": warning,
    }


def term_command(
    ctx: typer.Context,
    terms: Annotated[
        list[str], typer.Argument(help="HPO ids (HP:0002014, HP_0002014, PURL) or labels.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
) -> None:
    """Show id, label, definition, synonyms, parents and descendants of each term."""
    files, ontology = load_cli_ontology(ctx)
    resolved = [resolve_term(ontology, text) for text in terms]
    for r in resolved:
        if r.warning:
            warn(r.warning)
    payloads = [term_payload(ontology, r.index, query=r.query, warning=r.warning) for r in resolved]
    if output_format is OutputFormat.json:
        print_json(
            {"xpid_version": __version__, "hpo_release": ontology.release, "terms": payloads}
        )
        return
    if output_format is OutputFormat.tsv:
        print_tsv(
            ["query", "id", "label", "definition", "synonyms", "parents", "n_descendants"],
            [
                [
                    p["query"],
                    p["id"],
                    p["label"],
                    p["definition"],
                    "|".join(s["text"] for s in p["synonyms"]),
                    "|".join(q["id"] for q in p["parents"]),
                    p["n_descendants"],
                ]
                for p in payloads
            ],
        )
        return
    console = stdout()
    for p in payloads:
        table = Table(
            title=f"[bold]{p['id']}[/bold] {p['label']}",
            show_header=False,
            title_justify="left",
            caption=f"HPO {ontology.release} · xpid {__version__}",
            caption_justify="left",
        )
        table.add_column("field", style="bold cyan", no_wrap=True)
        table.add_column("value", overflow="fold")
        table.add_row("Definition", p["definition"] or "—")
        table.add_row(
            "Synonyms",
            "\n".join(
                f"{s['text']} [dim]({s['scope'].lower()}{', ' + s['type'] if s['type'] else ''})"
                "[/dim]"
                for s in p["synonyms"]
            )
            or "—",
        )
        table.add_row(
            "Parents", "\n".join(f"{q['id']} {q['label']}" for q in p["parents"]) or "— (root)"
        )
        table.add_row("Descendants", str(p["n_descendants"]))
        console.print(table)
