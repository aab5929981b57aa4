"""The terminal table and the TSV of a ranking, and the table of ``--suggest``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from xpid.ranking.tsv import RESULT_TSV_COLUMNS, result_tsv_cells
from xpid.render.labels import frequency_text

if TYPE_CHECKING:
    from xpid.ranking.result import DiseaseResult, Ranking
    from xpid.ranking.suggest import Suggestion

__all__ = [
    "RANK_TSV_HEADER",
    "ranking_tsv_rows",
    "render_ranking_table",
    "render_suggestions",
]

RANK_TSV_HEADER = [*RESULT_TSV_COLUMNS, "explanation"]


def _explanation_text(result: DiseaseResult) -> str:
    if result.explanation is None:
        return ""
    parts = []
    for f in result.explanation.findings:
        target = f.match_id or "-"
        if f.log_lr is not None:
            value = f"f={f.match_frequency or '-'}:lnLR={f.log_lr:.3f}"
            if f.absent_in_disease:
                value += f":lacks={f.absent_in_disease}"
        else:
            value = f"{f.contribution:.3f}"
        parts.append(f"{f.id}>{target}:{f.kind}:{value}")
    if result.explanation.disease_side is not None:
        parts.append(f"disease_side:{result.explanation.disease_side:.3f}")
    for e in result.explanation.excluded:
        parts.append(f"not {e.id}:p={e.disease_probability:.2f}:{-e.penalty + 0.0:+.3f}")
    if result.explanation.prior_weight is not None:
        rules = ",".join(result.explanation.priors) or "none"
        parts.append(f"prior={rules}:w={result.explanation.prior_weight:.4g}")
    return "|".join(parts)


def ranking_tsv_rows(ranking: Ranking) -> list[list[object]]:
    """Rows of the TSV form of a ranking (header :data:`RANK_TSV_HEADER`)."""
    return [[*result_tsv_cells(r.to_dict()), _explanation_text(r)] for r in ranking.results]


def _caption(ranking: Ranking) -> str:
    p = ranking.provenance
    parts = [
        f"xpid {p.xpid_version}",
        f"HPO {p.hpo_release}",
        f"method {p.method}",
        f"corpus {p.corpus}",
    ]
    panel = dict(p.parameters).get("panel")
    if panel:
        parts.append(f"panel {panel}")
    parts.append(f"{ranking.n_ranked} diseases ranked")
    parts.append("ties share a rank")
    return " · ".join(parts)


def render_ranking_table(ranking: Ranking, labels: Mapping[str, str]) -> Group:
    """The Rich renderable of a ranking: the ranked table, then one table per explanation.

    ``labels`` names the patient's findings (present and excluded).
    """
    from xpid.ranking.rank import UNLIKELY_THRESHOLD

    query = ", ".join(f"{t} {labels[t]}" for t in ranking.patient.present)
    if ranking.patient.excluded:
        query += "; excluded: " + ", ".join(f"{t} {labels[t]}" for t in ranking.patient.excluded)
    table = Table(
        title=f"Differential for: {query}",
        title_justify="left",
        caption=_caption(ranking),
        caption_justify="left",
    )
    table.add_column("#", justify="right")
    table.add_column("disease", no_wrap=True)
    table.add_column("name")
    table.add_column("genes")
    probabilistic = ranking.probabilities is not None
    table.add_column("ln(prior×LR)" if probabilistic else "score", justify="right")
    if probabilistic:
        table.add_column("post-test", justify="right")
    table.add_column("matched", justify="right")
    for r in ranking.results:
        cells = [str(r.rank), r.disease_id, r.name, ", ".join(r.genes) or "—", f"{r.score:.3f}"]
        if probabilistic:
            cells.append(f"{100 * (r.probability or 0.0):.1f}%")
        cells.append(f"{r.matched}/{r.total}")
        table.add_row(*cells)
    parts: list[Any] = [table]
    top = ranking.top_probability
    if top is not None and top < UNLIKELY_THRESHOLD:
        parts.append(
            Text(
                f"No diagnosis is likely: the best post-test probability is "
                f"{100 * top:.1f}% (below {100 * UNLIKELY_THRESHOLD:.0f}%).",
                style="bold yellow",
            )
        )
    for r in ranking.results:
        if r.explanation is None:
            continue
        ex = Table(
            title=f"Why {r.disease_id} {r.name} (rank {r.rank})",
            title_justify="left",
            show_lines=False,
        )
        ex.add_column("patient finding")
        ex.add_column("best match in the disease")
        ex.add_column("match")
        ex.add_column("frequency")
        ex.add_column("ln LR" if probabilistic else "contribution", justify="right")
        for f in r.explanation.findings:
            note = ""
            if f.absent_in_disease:
                # lr has the cost in the ln LR; the similarity methods show their penalty.
                cost = "" if f.log_lr is not None else f": −{f.penalty:.2f}"
                note = f" [red](disease lacks {f.absent_in_disease}{cost})[/red]"
            ex.add_row(
                f"{f.id} {f.label}",
                f"{f.match_id} {f.match_label}" if f.match_id else "—",
                f.kind + note,
                frequency_text(f.match_frequency, with_id=True),
                f"{f.contribution:+.3f}",
            )
        if r.explanation.disease_side is not None:
            ex.add_row(
                "[dim]the disease's findings, matched in the patient[/dim]",
                "—",
                "disease→patient side",
                "—",
                f"{r.explanation.disease_side:+.3f}",
            )
        for e in r.explanation.excluded:
            ex.add_row(
                f"[dim]not[/dim] {e.id} {e.label}",
                "—",
                "excluded by the patient",
                f"p={e.disease_probability:.2f}",
                f"{-e.penalty:+.3f}",
            )
        parts.append(ex)
        if r.explanation.prior_weight is not None:
            applied = ", ".join(r.explanation.priors) or "none"
            parts.append(
                Text(f"Prior weight {r.explanation.prior_weight:.3g} (rules applied: {applied}).")
            )
        if r.explanation.unreported:
            lines = Text(
                "Frequent findings of this disease the patient did not report: ", style="bold"
            )
            lines.append(
                "; ".join(
                    f"{u.id} {u.label} ({frequency_text(u.frequency)}"
                    + (", patient lacks it)" if u.patient_lacks else ")")
                    for u in r.explanation.unreported[:8]
                ),
                style="",
            )
            parts.append(lines)
    return Group(*parts)


def render_suggestions(suggestions: tuple[Suggestion, ...]) -> Table:
    """The table of ``--suggest``: findings to check next, best first."""
    table = Table(
        title="Findings to check next (expected information gain over the top 10)",
        title_justify="left",
    )
    table.add_column("finding")
    table.add_column("gain (nats)", justify="right")
    table.add_column("P(present)", justify="right")
    table.add_column("if present, favours")
    table.add_column("if absent, favours")
    for s in suggestions:
        table.add_row(
            f"{s.id} {s.label}",
            f"{s.information_gain:.3f}",
            f"{100 * s.probability_present:.0f}%",
            ", ".join(s.favours_if_present) or "—",
            ", ".join(s.favours_if_absent) or "—",
        )
    if not suggestions:
        table.add_row("(nothing left to ask among the leading diseases)", "", "", "", "")
    return table
