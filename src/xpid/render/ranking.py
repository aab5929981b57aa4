"""The terminal table and the TSV of a ranking, and the table of ``--suggest``.

Text from data (names, labels, ids, genes) goes into ``Text`` cells through
:func:`~xpid.text.escape.printable`, and into markup (titles, captions) through
:func:`rich.markup.escape`, so that no data is obeyed by the terminal or read as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from xpid.ranking.tsv import RESULT_TSV_COLUMNS, result_tsv_cells
from xpid.render.labels import frequency_text
from xpid.text.escape import printable

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
    """Two lines: what the numbers mean, then the provenance."""
    p = ranking.provenance
    method = ranking.settings.method.value
    if ranking.probabilities is not None:
        meaning = (
            f"probability: post-test, relative to the {ranking.n_ranked:,} diseases ranked · "
            "evidence: ln(prior × likelihood ratio)"
        )
    else:
        meaning = (
            f"score: {method} similarity, higher is better, over {ranking.n_ranked:,} "
            "diseases; not a probability"
        )
    parts = [f"xpid {p.xpid_version}", f"HPO {p.hpo_release}", f"method {method}"]
    parts.append(f"corpus {ranking.settings.corpus.value}")
    if ranking.settings.panel:
        parts.append(f"panel {ranking.settings.panel}")
    parts.append("ties share a rank")
    return meaning + "\n" + " · ".join(parts)


def _percent(p: float | None) -> str:
    if p is None:
        return "—"
    return "<0.1%" if p < 0.001 else f"{100 * p:.1f}%"


def _two_lines(first: str, second: str) -> Text:
    """A cell of two lines that never wrap: a name, then dim ids; cut with an ellipsis."""
    cell = Text(no_wrap=True, overflow="ellipsis")
    cell.append(printable(first))
    cell.append("\n")
    cell.append(printable(second), style="dim")
    return cell


def _disease_cell(result: DiseaseResult) -> Text:
    genes = ", ".join(result.genes)
    return _two_lines(result.name, result.disease_id + (f" · {genes}" if genes else ""))


def render_ranking_table(ranking: Ranking) -> Group:
    """The Rich renderable of a ranking: the ranked table, then one table per explanation.

    Every disease takes two lines at any width (its name, then its id and genes, each cut
    with an ellipsis rather than wrapped).
    """
    from xpid.ranking.rank import UNLIKELY_THRESHOLD

    query = ", ".join(f"{f.id} {f.label}" for f in ranking.present)
    if ranking.excluded:
        query += "; excluded: " + ", ".join(f"{f.id} {f.label}" for f in ranking.excluded)
    table = Table(
        title=f"Differential for: {escape(query)}",
        title_justify="left",
        caption=escape(_caption(ranking)),
        caption_justify="left",
    )
    probabilistic = ranking.probabilities is not None
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("disease", overflow="ellipsis")
    if probabilistic:
        table.add_column("probability", justify="right", no_wrap=True)
        table.add_column("evidence", justify="right", no_wrap=True)
    else:
        table.add_column("score", justify="right", no_wrap=True)
    table.add_column("findings\nmatched", justify="right", no_wrap=True)
    for r in ranking.results:
        cells: list[str | Text] = [str(r.rank), _disease_cell(r)]
        if probabilistic:
            cells += [_percent(r.probability), f"{r.score:.1f}"]
        else:
            cells.append(f"{r.score:.2f}")
        cells.append(f"{r.matched} of {r.total}")
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
        if r.explanation is not None:
            parts += _explanation(r, probabilistic=probabilistic)
    return Group(*parts)


def _explanation(r: DiseaseResult, *, probabilistic: bool) -> list[Any]:
    """The table of one explained disease, its prior and its frequent unreported findings."""
    assert r.explanation is not None
    title = f"Why {escape(r.name)} ({escape(r.disease_id)}, rank {r.rank})"
    ex = Table(title=title, title_justify="left")
    ex.add_column("patient finding", overflow="ellipsis")
    ex.add_column("in the disease", overflow="ellipsis")
    ex.add_column("ln LR" if probabilistic else "points", justify="right", no_wrap=True)
    for f in r.explanation.findings:
        if f.match_id:
            match = _two_lines(
                f"{f.match_label}",
                f"{f.kind} · {f.match_id} · {frequency_text(f.match_frequency)}",
            )
        else:
            match = _two_lines("—", f.kind if f.kind != "none" else "not annotated")
        if f.absent_in_disease:
            # lr has the cost in the ln LR; the similarity methods show their penalty.
            cost = "" if f.log_lr is not None else f": −{f.penalty:.2f}"
            match.append(printable(f" (disease lacks {f.absent_in_disease}{cost})"), style="red")
        ex.add_row(_two_lines(f.label, f.id), match, f"{f.contribution:+.2f}")
    if r.explanation.disease_side is not None:
        ex.add_row(
            _two_lines("the disease's findings", "matched in the patient"),
            _two_lines("—", "disease→patient side"),
            f"{r.explanation.disease_side:+.2f}",
        )
    for e in r.explanation.excluded:
        ex.add_row(
            _two_lines(f"not {e.label}", e.id),
            _two_lines("excluded by the patient", f"p = {e.disease_probability:.2f}"),
            f"{-e.penalty:+.2f}",
        )
    parts: list[Any] = [ex]
    if r.explanation.prior_weight is not None:
        applied = ", ".join(r.explanation.priors) or "none"
        parts.append(
            Text(f"Prior weight {r.explanation.prior_weight:.3g} (rules applied: {applied}).")
        )
    if r.explanation.unreported:
        lines = Text("Frequent findings of this disease the patient did not report: ", style="bold")
        lines.append(
            printable(
                "; ".join(
                    f"{u.label} {u.id} ({frequency_text(u.frequency)}"
                    + (", patient lacks it)" if u.patient_lacks else ")")
                    for u in r.explanation.unreported[:8]
                )
            ),
            style="",
        )
        parts.append(lines)
    return parts


def render_suggestions(
    suggestions: tuple[Suggestion, ...], names: Mapping[str, str] | None = None
) -> Table:
    """The table of ``--suggest``: findings to check next, best first; ``names`` names the
    diseases each answer favours (ids are shown where a name is missing)."""
    names = names or {}

    def favoured(ids: tuple[str, ...]) -> Text:
        # one disease a line, cut with an ellipsis; at most three, then how many more
        shown = [names.get(d, d) for d in ids[:3]] or ["—"]
        if len(ids) > 3:
            shown.append(f"and {len(ids) - 3} more")
        return Text("\n".join(map(printable, shown)), no_wrap=True, overflow="ellipsis")

    table = Table(
        title="Findings to check next (expected information gain over the top 10)",
        title_justify="left",
    )
    table.add_column("finding", overflow="ellipsis")
    table.add_column("gain", justify="right", no_wrap=True)
    table.add_column("chance\npresent", justify="right", no_wrap=True)
    table.add_column("if present, favours", overflow="ellipsis")
    table.add_column("if absent, favours", overflow="ellipsis")
    for s in suggestions:
        table.add_row(
            _two_lines(s.label, s.id),
            f"{s.information_gain:.2f}",
            f"{100 * s.probability_present:.0f}%",
            favoured(s.favours_if_present),
            favoured(s.favours_if_absent),
        )
    if not suggestions:
        table.add_row("(nothing left to ask among the leading diseases)", "", "", "", "")
    table.caption = "gain: expected information gain in nats"
    table.caption_justify = "left"
    return table
