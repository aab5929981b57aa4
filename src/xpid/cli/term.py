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
from xpid.cli.profiles import load_cli_store
from xpid.ontology import Ontology, resolve_term

__all__ = ["term_command", "term_payload"]


def term_payload(
    ontology: Ontology,
    index: int,
    *,
    query: str,
    warning: str | None,
    n_diseases: int | None = None,
) -> dict[str, Any]:
    """The stable JSON shape of one term (see README, "JSON output").

    ``n_diseases`` is the number of diseases with a present annotation of the term or a
    descendant (``None`` when the data has no annotation file).
    """
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
        "n_diseases": n_diseases,
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
    store = load_cli_store(ctx, files) if files.hpoa is not None else None

    def n_diseases(index: int) -> int | None:
        if store is None:
            return None
        return len(store.diseases_with_any([ontology.ids[d] for d in ontology.descendants(index)]))

    payloads = [
        term_payload(
            ontology, r.index, query=r.query, warning=r.warning, n_diseases=n_diseases(r.index)
        )
        for r in resolved
    ]
    if output_format is OutputFormat.json:
        print_json(
            {"xpid_version": __version__, "hpo_release": ontology.release, "terms": payloads}
        )
        return
    if output_format is OutputFormat.tsv:
        print_tsv(
            [
                "query",
                "id",
                "label",
                "definition",
                "synonyms",
                "parents",
                "n_descendants",
                "n_diseases",
            ],
            [
                [
                    p["query"],
                    p["id"],
                    p["label"],
                    p["definition"],
                    "|".join(s["text"] for s in p["synonyms"]),
                    "|".join(q["id"] for q in p["parents"]),
                    p["n_descendants"],
                    p["n_diseases"],
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
        if p["n_diseases"] is not None:
            table.add_row("Diseases", f"{p['n_diseases']} (annotated to the term or a descendant)")
        console.print(table)
