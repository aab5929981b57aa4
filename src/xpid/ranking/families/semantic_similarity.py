"""The semantic-similarity family (``resnik-*``, ``lin-*``, ``jc-*``, ``simgic``).

A disease's score is a set similarity of the patient's present findings to its annotations
(:mod:`xpid.scoring.similarity`: a term measure with an aggregation, or simGIC), minus the
penalties of :mod:`xpid.scoring.penalties` for excluded findings the disease shows and for
findings it is annotated as lacking, each averaged over the present findings and weighted
(``exclusion_weight``, ``absence_weight``). A panel filters the ranked diseases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import numpy.typing as npt

from xpid.profiles.model import DiseaseProfile
from xpid.ranking.explain import (
    absent_annotation_id,
    excluded_findings,
    matched_finding,
    unmatched_finding,
    unreported_findings,
)
from xpid.ranking.families.base import ScoreRequest, score_with_masking
from xpid.ranking.masking import arrays_of
from xpid.ranking.result import Explanation, FindingMatch
from xpid.ranking.settings import RankSettings
from xpid.scoring.arrays import DiseaseArrays
from xpid.scoring.matches import NO_MATCH, Relation, first_absent
from xpid.scoring.methods import Aggregation, Method, TermMeasure
from xpid.scoring.penalties import absence_penalty, exclusion_penalty
from xpid.scoring.similarity import closure_hits, simgic_scores, similarity_scores

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase

__all__ = ["SEMANTIC_SIMILARITY", "SemanticSimilarity", "SimilarityBreakdown"]

F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True, eq=False)
class SimilarityBreakdown:
    """The similarity scores of every disease and their parts; arrays end in the disease axis.

    Attributes
    ----------
    query, excluded : int arrays, shapes (Q,), (E,)
    scores : float array, shape (D,)
        The set similarity minus the weighted penalties.
    base : float array, shape (D,)
        The set similarity alone.
    hits : int array, shape (D,)
    best : float array, shape (Q, D), or None
        Each finding's best term similarity (the patient→disease side); ``None`` for
        simGIC, which compares closures.
    excluded_probability : float array, shape (E, D)
        How often the disease shows each excluded finding.
    absence : float array, shape (Q, D)
        Each present finding's absent-annotation unit (0: no conflict).
    units : float array, shape (T,)
        What one perfectly matched term adds to the score (its IC for Resnik, else 1).
    """

    DISEASE_AXIS: ClassVar[tuple[str, ...]] = (
        "scores",
        "base",
        "hits",
        "best",
        "excluded_probability",
        "absence",
    )

    query: I32
    excluded: I32
    scores: F64
    base: F64
    hits: I64
    best: F64 | None
    excluded_probability: F64
    absence: F64
    units: F64


class SemanticSimilarity:
    """The similarity family: a set similarity with penalties; a panel is a filter."""

    panel_is_prior = False

    def parameters(self, settings: RankSettings) -> tuple[tuple[str, object], ...]:
        return (
            ("panel", settings.panel),
            ("panel_as", "filter"),
            ("exclusion_weight", settings.exclusion_weight),
            ("absence_weight", settings.absence_weight),
        )

    def score(self, request: ScoreRequest) -> SimilarityBreakdown:
        kb, settings, query, excluded = (
            request.kb,
            request.settings,
            request.query,
            request.excluded,
        )
        method = settings.method
        ic = kb.ic[settings.corpus]
        units = ic if method.measure is TermMeasure.RESNIK else np.ones_like(ic)
        onto = kb.ontology

        def kernels(arrays: DiseaseArrays) -> SimilarityBreakdown:
            best: F64 | None
            if method is Method.SIMGIC:
                base, best = simgic_scores(query, ic, arrays), None
            else:
                similarity = similarity_scores(query, method, ic, arrays)
                base, best = similarity.scores, similarity.best
            excl_total, excl_prob = exclusion_penalty(
                excluded,
                units[excluded],
                arrays,
                onto.descendant_indptr,
                onto.descendant_indices,
            )
            abs_total, abs_per = absence_penalty(query, units, arrays)
            n_q = max(len(query), 1)
            penalty = settings.exclusion_weight * excl_total + settings.absence_weight * abs_total
            return SimilarityBreakdown(
                query=query,
                excluded=excluded,
                scores=base - penalty / n_q,
                base=base,
                hits=closure_hits(query, arrays),
                best=best,
                excluded_probability=excl_prob,
                absence=abs_per,
                units=units,
            )

        return score_with_masking(kernels, kb, request.masked)

    def probabilities(self, breakdown: SimilarityBreakdown, ordered: I64) -> None:
        return None

    def explain(
        self,
        kb: KnowledgeBase,
        row: int,
        breakdown: SimilarityBreakdown,
        settings: RankSettings,
        profile: DiseaseProfile,
    ) -> Explanation:
        """Per present finding, the annotation of its best term similarity (simGIC, which
        has none, shows the closest by Resnik) and its share of the score; the absent
        annotation and its penalty; per excluded finding, how often the disease shows it
        and the penalty; the disease→patient side of two-sided methods; the disease's
        frequent findings the patient did not report. The contributions, the
        disease→patient side and the penalties add up to the score."""
        onto = kb.ontology
        method = settings.method
        # simGIC compares closures: the findings show their closest annotation by Resnik.
        shown = Method.RESNIK_ONESIDED if method is Method.SIMGIC else method
        one = arrays_of(onto, [profile])
        matched = similarity_scores(
            breakdown.query, shown, kb.ic[settings.corpus], one, matches=True
        )
        assert matched.match is not None and matched.relation is not None
        n_q = max(len(breakdown.query), 1)
        side_weight, disease_side = _sides(breakdown, row, method)
        findings: list[FindingMatch] = []
        for qi, q in enumerate(breakdown.query.tolist()):
            absent = float(breakdown.absence[qi, row])
            absent_id = (
                absent_annotation_id(onto, profile, first_absent(q, 0, one)) if absent > 0 else None
            )
            penalty = settings.absence_weight * absent / n_q
            term = int(matched.match[qi, 0])
            relation = Relation(int(matched.relation[qi, 0]))
            similarity = float(matched.best[qi, 0])
            if term == NO_MATCH or (relation is Relation.RELATED and not similarity > 0):
                findings.append(
                    unmatched_finding(onto, q, absent_in_disease=absent_id, penalty=penalty)
                )
                continue
            findings.append(
                matched_finding(
                    onto,
                    profile,
                    q,
                    term,
                    relation,
                    similarity=similarity,
                    contribution=side_weight * similarity / n_q,
                    by_frequency=False,
                    absent_in_disease=absent_id,
                    penalty=penalty,
                )
            )
        probabilities = breakdown.excluded_probability[:, row]
        excluded = excluded_findings(
            onto,
            breakdown.excluded.tolist(),
            probabilities.tolist(),
            [
                settings.exclusion_weight * float(p * breakdown.units[e]) / n_q
                for e, p in zip(breakdown.excluded.tolist(), probabilities, strict=True)
            ],
        )
        return Explanation(
            tuple(findings),
            excluded,
            unreported_findings(
                onto, profile, breakdown.query.tolist(), breakdown.excluded.tolist()
            ),
            (),
            None,
            disease_side,
        )


def _sides(breakdown: SimilarityBreakdown, row: int, method: Method) -> tuple[float, float | None]:
    """Weight of the patient→disease side in the score, and the disease→patient side's share.

    Derived from the kernel's own numbers: the base score and the per-finding best matches
    (``best``, whose mean is the patient→disease side).
    """
    aggregation = method.aggregation
    if breakdown.best is None or aggregation is None or aggregation is Aggregation.ONESIDED:
        return (0.0 if method is Method.SIMGIC else 1.0), None
    p2d = float(breakdown.best[:, row].mean()) if len(breakdown.query) else 0.0
    base = float(breakdown.base[row])
    if aggregation is Aggregation.BMA:
        return 0.5, base - 0.5 * p2d
    # funSimMax: the larger side is the score.
    if base > p2d + 1e-12:
        return 0.0, base
    return 1.0, 0.0


SEMANTIC_SIMILARITY = SemanticSimilarity()
