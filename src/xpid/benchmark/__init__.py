"""Honest ranking benchmarks: where the true diagnosis of each case lands, per method.

:mod:`~xpid.benchmark.metrics` holds the pure metric functions; :mod:`~xpid.benchmark.run`
the per-case task (ranks per method, with optional leakage masking, or the reason a case
was skipped); :mod:`~xpid.benchmark.report` the aggregation, the per-case TSV and the plot;
:mod:`~xpid.benchmark.honest` the new-patient and recognition figures;
:mod:`~xpid.benchmark.folds` the cohort folds of cross-validation.
"""

from xpid.benchmark.folds import CohortCase, assign_folds, cohort_components, cohort_folds
from xpid.benchmark.honest import HONEST_GROUPS, HonestFigures, honest_figures
from xpid.benchmark.metrics import (
    RankSummary,
    mean_reciprocal_rank,
    median_rank,
    summarize_ranks,
    tie_group_ranks,
    top_k_accuracy,
    top_k_curve,
)
from xpid.benchmark.report import (
    BenchmarkReport,
    FoldSummary,
    PlotUnavailableError,
    TieMode,
    build_report,
    cases_tsv_rows,
    write_topk_plot,
)
from xpid.benchmark.run import BenchmarkTask, CaseOutcome, SkipReason, Variant, VariantRank

__all__ = [
    "HONEST_GROUPS",
    "BenchmarkReport",
    "BenchmarkTask",
    "CaseOutcome",
    "CohortCase",
    "FoldSummary",
    "HonestFigures",
    "PlotUnavailableError",
    "RankSummary",
    "SkipReason",
    "TieMode",
    "Variant",
    "VariantRank",
    "assign_folds",
    "build_report",
    "cases_tsv_rows",
    "cohort_components",
    "cohort_folds",
    "honest_figures",
    "mean_reciprocal_rank",
    "median_rank",
    "summarize_ranks",
    "tie_group_ranks",
    "top_k_accuracy",
    "top_k_curve",
    "write_topk_plot",
]
