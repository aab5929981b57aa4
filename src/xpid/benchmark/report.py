"""Aggregate benchmark outcomes into a report: summaries per variant and tie mode, breakdowns,
the per-case table, and the cumulative top-k plot.

Tie modes (:class:`TieMode`): ``average`` uses the average rank of the diagnosis's tie group,
``worst`` the last rank of the group (pessimistic). Both are always reported.
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from xpid.benchmark.honest import HONEST_GROUPS, HonestFigures, honest_figures
from xpid.benchmark.metrics import (
    FINDINGS_BINS,
    RankSummary,
    findings_bin,
    summarize_ranks,
    top_k_curve,
)
from xpid.benchmark.run import CaseOutcome, SkipReason, Variant
from xpid.errors import XpidError
from xpid.version import __version__

__all__ = [
    "BenchmarkReport",
    "FoldSummary",
    "CASES_TSV_HEADER",
    "CITATION_GROUPS",
    "PlotUnavailableError",
    "TieMode",
    "TOPK_MAX",
    "build_report",
    "cases_tsv_rows",
    "write_topk_plot",
]

TOPK_MAX = 50
"""The cumulative top-k curve runs k = 1..TOPK_MAX."""

CITATION_GROUPS = ("cited", "not cited")
"""Ranked cases split by whether their diagnosis's annotations cite their own publication."""

CASES_TSV_HEADER = (
    "input",
    "case_id",
    "diagnosis",
    "n_present",
    "n_excluded",
    "leaked",
    "method",
    "masked",
    "rank_average",
    "rank_best",
    "rank_worst",
    "n_ranked",
)


class TieMode(enum.Enum):
    """How a diagnosis tied with other diseases is ranked."""

    AVERAGE = "average"
    WORST = "worst"

    @property
    def description(self) -> str:
        if self is TieMode.AVERAGE:
            return "average rank of the tied group (expected rank under a random tie order)"
        return "worst rank of the tied group (pessimistic: every tied disease ranked first)"


class PlotUnavailableError(XpidError):
    """The plot needs matplotlib (``pip install 'xpid[plot]'``)."""


@dataclass(frozen=True, slots=True)
class BenchmarkReport:
    """Figures of one benchmark run.

    Attributes
    ----------
    variants : tuple of Variant
        The variants, in the order given.
    corpus : str
    n_inputs, n_ranked, n_leaked : int
        Inputs seen, cases ranked, and ranked cases whose diagnosis's annotations cite the
        case's own publication.
    skipped : dict of SkipReason to int
    summaries : dict of (label, TieMode) to RankSummary
    by_findings : dict of (label, TieMode, bin) to RankSummary
    by_disease : dict of (label, TieMode, disease id) to RankSummary
    by_citation : dict of (label, TieMode, "cited" or "not cited") to RankSummary
        Cases whose diagnosis's annotations cite the case's own publication (``cited``,
        the ones masking changes) and the others.
    curves : dict of (label, TieMode) to array, shape (TOPK_MAX,)
    honest : tuple of HonestFigures
        Per method, the figures for new patients (masked, all cases; unmasked, not-cited
        cases) and recognition of published cases (unmasked, all cases); see
        :mod:`xpid.benchmark.honest`.
    folds : FoldSummary or None
        The cohort folds, when the run was split (``--folds``).
    """

    variants: tuple[Variant, ...]
    corpus: str
    n_inputs: int
    n_ranked: int
    n_leaked: int
    skipped: dict[SkipReason, int]
    skipped_cases: tuple[CaseOutcome, ...]
    summaries: dict[tuple[str, TieMode], RankSummary]
    by_findings: dict[tuple[str, TieMode, str], RankSummary]
    by_disease: dict[tuple[str, TieMode, str], RankSummary]
    by_citation: dict[tuple[str, TieMode, str], RankSummary]
    curves: dict[tuple[str, TieMode], Any]
    honest: tuple[HonestFigures, ...] = ()
    folds: FoldSummary | None = None

    def to_dict(self, *, provenance: dict[str, Any] | None = None) -> dict[str, Any]:
        """The ``summary.json`` document."""
        labels = [v.label for v in self.variants]
        modes = list(TieMode)
        diseases = sorted({d for (_, _, d) in self.by_disease})
        return {
            "xpid_version": __version__,
            **(provenance or {}),
            "corpus": self.corpus,
            "variants": [
                {"label": v.label, "method": v.method.value, "masked": v.masked}
                for v in self.variants
            ],
            "tie_modes": {m.value: m.description for m in modes},
            "n_inputs": self.n_inputs,
            "n_ranked": self.n_ranked,
            "n_leaked": self.n_leaked,
            "skipped": {r.value: self.skipped.get(r, 0) for r in SkipReason},
            "honest": {
                h.method: {
                    **{g: _clean(s) for g, s in zip(HONEST_GROUPS, h.groups(), strict=True)},
                    "per_fold": [
                        {g: _clean(s) for g, s in zip(HONEST_GROUPS, f, strict=True)}
                        for f in h.per_fold
                    ],
                }
                for h in self.honest
            },
            "folds": None if self.folds is None else self.folds.to_dict(),
            "results": {
                label: {m.value: self.summaries[(label, m)].to_dict() for m in modes}
                for label in labels
            },
            "by_findings": {
                label: {
                    b: {m.value: self.by_findings[(label, m, b)].to_dict() for m in modes}
                    for b in FINDINGS_BINS
                }
                for label in labels
            },
            "by_citation": {
                label: {
                    c: {m.value: self.by_citation[(label, m, c)].to_dict() for m in modes}
                    for c in CITATION_GROUPS
                }
                for label in labels
            },
            "by_disease": {
                label: {
                    d: {m.value: self.by_disease[(label, m, d)].to_dict() for m in modes}
                    for d in diseases
                }
                for label in labels
            },
            "topk_curve": {
                label: {
                    m.value: [round(float(x), 4) for x in self.curves[(label, m)]] for m in modes
                }
                for label in labels
            },
            "skipped_cases": [
                {
                    "input": c.input,
                    "case_id": c.case_id,
                    "diagnosis": c.diagnosis,
                    "reason": c.skip.value if c.skip else None,
                    "detail": c.detail,
                }
                for c in self.skipped_cases
            ],
        }


def _clean(summary: RankSummary | None) -> dict[str, float | int | None] | None:
    return None if summary is None else summary.to_dict()


@dataclass(frozen=True, slots=True)
class FoldSummary:
    """How the ranked cases were split into cohort folds (:mod:`xpid.benchmark.folds`)."""

    k: int
    n_cohorts: int
    cases: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "k": self.k,
            "cohorts": self.n_cohorts,
            "cases_per_fold": list(self.cases),
            "rule": "cases joined through shared diagnoses and genes form a cohort; whole "
            "cohorts per fold, largest first into the smallest fold",
        }


def _rank_of(outcome: CaseOutcome, index: int, mode: TieMode) -> float:
    vr = outcome.ranks[index]
    return vr.average if mode is TieMode.AVERAGE else float(vr.worst)


def build_report(
    outcomes: Sequence[CaseOutcome],
    variants: Sequence[Variant],
    corpus: str,
    *,
    folds: Mapping[str, int] | None = None,
    n_cohorts: int = 0,
) -> BenchmarkReport:
    """Aggregate per-case outcomes (in any order) into a :class:`BenchmarkReport`.

    ``folds`` maps each ranked case's input to its test fold (see
    :func:`xpid.benchmark.folds.assign_folds`); ``n_cohorts`` is the number of cohorts.
    """
    ranked = [o for o in outcomes if o.skip is None]
    skipped = [o for o in outcomes if o.skip is not None]
    counts = Counter(o.skip for o in skipped if o.skip is not None)
    summaries: dict[tuple[str, TieMode], RankSummary] = {}
    by_findings: dict[tuple[str, TieMode, str], RankSummary] = {}
    by_disease: dict[tuple[str, TieMode, str], RankSummary] = {}
    by_citation: dict[tuple[str, TieMode, str], RankSummary] = {}
    curves: dict[tuple[str, TieMode], Any] = {}
    bins: dict[str, list[int]] = defaultdict(list)
    diseases: dict[str, list[int]] = defaultdict(list)
    citation: dict[str, list[int]] = {c: [] for c in CITATION_GROUPS}
    for i, o in enumerate(ranked):
        bins[findings_bin(o.n_present)].append(i)
        citation[CITATION_GROUPS[0] if o.leaked else CITATION_GROUPS[1]].append(i)
        assert o.diagnosis is not None
        diseases[o.diagnosis].append(i)
    for index, variant in enumerate(variants):
        for mode in TieMode:
            ranks = np.asarray([_rank_of(o, index, mode) for o in ranked], dtype=float)
            summaries[(variant.label, mode)] = summarize_ranks(ranks)
            curves[(variant.label, mode)] = top_k_curve(ranks, TOPK_MAX)
            for b in FINDINGS_BINS:
                by_findings[(variant.label, mode, b)] = summarize_ranks(ranks[bins[b]])
            for d, rows in diseases.items():
                by_disease[(variant.label, mode, d)] = summarize_ranks(ranks[rows])
            for c, rows in citation.items():
                by_citation[(variant.label, mode, c)] = summarize_ranks(ranks[rows])
    fold_list = None if folds is None else [folds[o.input] for o in ranked]
    fold_summary = None
    if fold_list is not None:
        k = max(fold_list, default=-1) + 1
        fold_summary = FoldSummary(
            k=k, n_cohorts=n_cohorts, cases=tuple(fold_list.count(f) for f in range(k))
        )
    return BenchmarkReport(
        honest=tuple(honest_figures(ranked, variants, fold_list)),
        folds=fold_summary,
        variants=tuple(variants),
        corpus=corpus,
        n_inputs=len(outcomes),
        n_ranked=len(ranked),
        n_leaked=sum(o.leaked for o in ranked),
        skipped={r: counts.get(r, 0) for r in SkipReason},
        skipped_cases=tuple(skipped),
        summaries=summaries,
        by_findings=by_findings,
        by_disease=by_disease,
        by_citation=by_citation,
        curves=curves,
    )


def cases_tsv_rows(outcomes: Sequence[CaseOutcome]) -> list[list[object]]:
    """Rows of ``cases.tsv`` (:data:`CASES_TSV_HEADER`): one per ranked case and variant."""
    rows: list[list[object]] = []
    for o in outcomes:
        for vr in o.ranks:
            rows.append(
                [
                    o.input,
                    o.case_id,
                    o.diagnosis,
                    o.n_present,
                    o.n_excluded,
                    str(o.leaked).lower(),
                    vr.variant.method.value,
                    str(vr.variant.masked).lower(),
                    f"{vr.average:g}",
                    vr.best,
                    vr.worst,
                    vr.n_ranked,
                ]
            )
    return rows


def write_topk_plot(report: BenchmarkReport, path: Path, *, title: str = "") -> None:
    """Write the cumulative top-k curve (k = 1..50) of every variant as a PNG.

    Solid lines use the average rank of tied groups, dashed lines the worst rank; the
    legend sits to the right of the axes so it never hides a curve.

    Raises
    ------
    PlotUnavailableError
        When matplotlib is not installed.
    """
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise PlotUnavailableError(
            "matplotlib is not installed, so topk.png was not written "
            "(install it with: pip install 'xpid[plot]')."
        ) from None
    figure = Figure(figsize=(8.0, 5.0), dpi=120)
    axes = figure.subplots()
    ks = np.arange(1, TOPK_MAX + 1)
    top = 0.0
    for i, variant in enumerate(report.variants):
        color = f"C{i % 10}"
        average = 100 * report.curves[(variant.label, TieMode.AVERAGE)]
        worst = 100 * report.curves[(variant.label, TieMode.WORST)]
        axes.plot(ks, average, "-", color=color, label=variant.label)
        axes.plot(ks, worst, "--", color=color, linewidth=0.8)
        top = max(top, float(np.nanmax(average)) if np.isfinite(average).any() else 0.0)
    axes.set_xlabel("k")
    axes.set_ylabel("diagnosis in top k (% of cases)")
    axes.set_xlim(1, TOPK_MAX)
    axes.set_ylim(0, min(100.0, 10 * np.ceil(top / 10 + 0.5)))
    axes.grid(alpha=0.3)
    axes.set_title(
        title or f"Cumulative top-k, corpus {report.corpus}, n = {report.n_ranked} cases"
    )
    axes.legend(
        fontsize="small",
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        title="solid: average ties\ndashed: worst ties",
        title_fontsize="small",
    )
    figure.tight_layout()
    figure.savefig(path)
