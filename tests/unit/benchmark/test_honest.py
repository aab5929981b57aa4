"""New-patient and recognition figures from per-case outcomes."""

from __future__ import annotations

import pytest

from xpid.benchmark.honest import honest_figures
from xpid.benchmark.run import CaseOutcome, Variant, VariantRank
from xpid.errors import ParameterError
from xpid.scoring.methods import Method

LR = Variant(Method.LR)
LR_MASKED = Variant(Method.LR, masked=True)


def outcome(name: str, leaked: bool, unmasked: float, masked: float) -> CaseOutcome:
    ranks = (
        VariantRank(LR, unmasked, int(unmasked), int(unmasked), 100),
        VariantRank(LR_MASKED, masked, int(masked), int(masked), 100),
    )
    return CaseOutcome(name, name, "OMIM:1", 3, 0, leaked, None, "", ranks)


CASES = [
    outcome("a", True, 1, 20),  # cited: recognised, lost when masked
    outcome("b", True, 1, 2),
    outcome("c", False, 1, 1),  # not cited: masking changes nothing
    outcome("d", False, 12, 12),
]


def test_honest_figures_by_hand() -> None:
    [figures] = honest_figures(CASES, (LR, LR_MASKED))
    assert figures.method == "lr"
    assert figures.masked is not None and figures.masked.n == 4
    assert figures.masked.top1 == 0.25 and figures.masked.top3 == 0.5
    assert figures.not_cited is not None and figures.not_cited.n == 2
    assert figures.not_cited.top1 == 0.5 and figures.not_cited.top10 == 0.5
    assert figures.recognition is not None and figures.recognition.top1 == 0.75
    assert figures.per_fold == ()


def test_per_fold_and_missing_variants() -> None:
    [figures] = honest_figures(CASES, (LR, LR_MASKED), folds=[0, 1, 1, 0])
    first, second = figures.per_fold
    assert first[0] is not None and first[0].top1 == 0.0  # a (20) and d (12) masked
    assert second[1] is not None and second[1].n == 1  # c is fold 1's only uncited case
    only_unmasked = [
        CaseOutcome(o.input, o.case_id, o.diagnosis, 3, 0, o.leaked, None, "", o.ranks[:1])
        for o in CASES
    ]
    [figures] = honest_figures(only_unmasked, (LR,))
    assert figures.masked is None and figures.recognition is not None
    with pytest.raises(ParameterError):
        honest_figures(CASES, (LR, LR_MASKED), folds=[0])
