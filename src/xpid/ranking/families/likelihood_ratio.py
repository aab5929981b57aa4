"""The likelihood-ratio family (method ``lr``): scores, their breakdown, the explanation.

A disease's score is ``ln(prior weight × LR)``: the sum of the log likelihood ratios of the
present and excluded findings (:mod:`xpid.scoring.likelihood`, after Robinson et al. 2020)
and the log prior weight (:mod:`xpid.ranking.priors`: sex, onset, literature, panel).
Post-test probabilities follow by Bayes' rule over the ranked diseases.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import numpy.typing as npt

from xpid.knowledge.build import reported_patients
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
from xpid.ranking.priors import prior_log_weights
from xpid.ranking.result import Explanation, FindingMatch
from xpid.ranking.settings import RankSettings
from xpid.scoring.arrays import DiseaseArrays
from xpid.scoring.likelihood import excluded_log_lr, present_log_lr
from xpid.scoring.matches import NO_MATCH, Relation, first_absent
from xpid.scoring.similarity import closure_hits

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase

__all__ = ["LIKELIHOOD_RATIO", "LikelihoodRatio", "LrBreakdown", "posterior"]

F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True, eq=False)
class LrBreakdown:
    """The ``lr`` scores of every disease and their parts; arrays end in the disease axis.

    Attributes
    ----------
    query, excluded : int arrays, shapes (Q,), (E,)
    scores : float array, shape (D,)
        ``ln(prior weight × LR)``.
    hits : int array, shape (D,)
    present_lr : float array, shape (Q, D)
        ``ln LR`` of each present finding.
    lacking : bool array, shape (Q, D)
        The disease is annotated as lacking the finding (the absent probability applied).
    excluded_lr : float array, shape (E, D)
        ``ln LR`` of each excluded finding, at its weight.
    excluded_probability : float array, shape (E, D)
        ``P(e | D)`` of each excluded finding.
    log_prior : float array, shape (D,)
        The log prior weight.
    priors_applied : dict of bool arrays, shape (D,)
        Prior rule → the diseases whose weight it changed.
    """

    DISEASE_AXIS: ClassVar[tuple[str, ...]] = (
        "scores",
        "hits",
        "present_lr",
        "lacking",
        "excluded_lr",
        "excluded_probability",
    )

    query: I32
    excluded: I32
    scores: F64
    hits: I64
    present_lr: F64
    lacking: Bools
    excluded_lr: F64
    excluded_probability: F64
    log_prior: F64
    priors_applied: dict[str, Bools] = field(default_factory=dict)


def posterior(log_scores: F64, log_prior: F64) -> tuple[F64, F64]:
    """Post-test and pretest probabilities over the ranked diseases.

    ``log_scores`` are ``ln(prior weight × LR)``; the pretest probability is the normalised
    prior weight, the post-test probability the normalised ``prior × LR`` (Bayes' rule over
    the ranked set, assuming the diagnosis is one of them).
    """
    shifted = np.exp(log_scores - log_scores.max())
    pre = np.exp(log_prior - log_prior.max())
    return shifted / shifted.sum(), pre / pre.sum()


class LikelihoodRatio:
    """The ``lr`` family: likelihood ratios with pretest priors; a panel is a prior."""

    panel_is_prior = True

    def parameters(self, settings: RankSettings) -> tuple[tuple[str, object], ...]:
        return (
            ("panel", settings.panel),
            ("panel_as", "prior"),
            # Every LrParameters field, so that no setting goes unrecorded.
            *((f.name, getattr(settings.lr, f.name)) for f in fields(settings.lr)),
            ("sex_prior", settings.priors.use_sex),
            ("onset_prior", settings.priors.use_onset),
            ("literature_prior", settings.priors.use_literature),
        )

    def score(self, request: ScoreRequest) -> LrBreakdown:
        """Likelihood ratios over every disease row, then the prior weights.

        Information content is the corpus's; under leakage masking it is not recomputed
        (one publication moves corpus-wide IC negligibly), but the literature prior counts
        the masked profiles' patients.
        """
        kb, settings, query, excluded = (
            request.kb,
            request.settings,
            request.query,
            request.excluded,
        )
        ic = kb.ic[settings.corpus]

        def kernels(arrays: DiseaseArrays) -> LrBreakdown:
            present = present_log_lr(query, ic, arrays, settings.lr)
            xlr, p_ex = excluded_log_lr(excluded, ic, arrays, settings.lr)
            return LrBreakdown(
                query=query,
                excluded=excluded,
                scores=present.log_lr.sum(axis=0) + xlr.sum(axis=0),
                hits=closure_hits(query, arrays),
                present_lr=present.log_lr,
                lacking=present.lacking,
                excluded_lr=xlr,
                excluded_probability=p_ex,
                log_prior=np.zeros(arrays.n_diseases),
            )

        breakdown = score_with_masking(kernels, kb, request.masked)
        patients = None
        if request.masked is not None:
            # The masked profiles' own count: rows citing a masked reference go whole, with
            # any reference cited together with it.
            patients = kb.compiled.priors.patients.copy()
            for row, profile in zip(request.masked.rows, request.masked.profiles, strict=True):
                patients[row] = sum(reported_patients(profile).values())
        patient = request.patient
        log_prior, applied = prior_log_weights(
            kb.compiled.priors,
            sex=patient.sex,
            onset=patient.onset,
            age_years=patient.age_years,
            settings=settings.priors,
            panel_rows=request.panel_rows,
            patients=patients,
        )
        return replace(
            breakdown,
            scores=breakdown.scores + log_prior,
            log_prior=log_prior,
            priors_applied=applied,
        )

    def probabilities(self, breakdown: LrBreakdown, ordered: I64) -> tuple[F64, F64] | None:
        return posterior(breakdown.scores[ordered], breakdown.log_prior[ordered])

    def explain(
        self,
        kb: KnowledgeBase,
        row: int,
        breakdown: LrBreakdown,
        settings: RankSettings,
        profile: DiseaseProfile,
    ) -> Explanation:
        """Per present finding, the annotation the kernel matched it with and its ln LR (no
        match when the disease lacks the finding, or only through a common ancestor every
        disease shows); per excluded finding, ``P(e | D)`` and its ln LR; the disease's
        frequent findings the patient did not report; the priors applied."""
        onto = kb.ontology
        one = arrays_of(onto, [profile])
        matched = present_log_lr(
            breakdown.query, kb.ic[settings.corpus], one, settings.lr, matches=True
        )
        assert matched.match is not None and matched.relation is not None
        assert matched.match_ic is not None
        findings: list[FindingMatch] = []
        for qi, q in enumerate(breakdown.query.tolist()):
            log_lr = float(breakdown.present_lr[qi, row])
            if breakdown.lacking[qi, row]:
                absent = absent_annotation_id(onto, profile, first_absent(q, 0, one))
                findings.append(
                    unmatched_finding(
                        onto, q, contribution=log_lr, absent_in_disease=absent, log_lr=log_lr
                    )
                )
                continue
            term = int(matched.match[qi, 0])
            relation = Relation(int(matched.relation[qi, 0]))
            mica = float(matched.match_ic[qi, 0])
            if term == NO_MATCH or (relation is Relation.RELATED and mica <= 0.0):
                findings.append(unmatched_finding(onto, q, contribution=log_lr, log_lr=log_lr))
                continue
            findings.append(
                matched_finding(
                    onto,
                    profile,
                    q,
                    term,
                    relation,
                    similarity=mica,
                    contribution=log_lr,
                    by_frequency=True,
                    log_lr=log_lr,
                )
            )
        column = (slice(None), row)
        excluded = excluded_findings(
            onto,
            breakdown.excluded.tolist(),
            breakdown.excluded_probability[column].tolist(),
            (-breakdown.excluded_lr[column]).tolist(),
        )
        priors: list[str] = []
        if breakdown.log_prior[row] != 0.0:
            priors = [rule for rule, mask in breakdown.priors_applied.items() if mask[row]]
        return Explanation(
            tuple(findings),
            excluded,
            unreported_findings(
                onto, profile, breakdown.query.tolist(), breakdown.excluded.tolist()
            ),
            tuple(priors),
            float(np.exp(breakdown.log_prior[row])),
            None,
        )


LIKELIHOOD_RATIO = LikelihoodRatio()
