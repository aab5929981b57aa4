"""Explain one disease's score finding by finding (plain Python over a few dozen terms)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from xpid.knowledge.build import scoring_probability
from xpid.profiles.model import DiseaseProfile, Status
from xpid.ranking.result import (
    ExcludedFinding,
    Explanation,
    FindingMatch,
    UnreportedFinding,
)
from xpid.scoring.methods import Aggregation, Method, TermMeasure
from xpid.scoring.reference import reference_term_similarity

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase
    from xpid.patient.model import Patient
    from xpid.ranking.rank import ScoreBreakdown
    from xpid.ranking.settings import RankSettings

__all__ = ["explain_disease", "FREQUENT_THRESHOLD"]

FREQUENT_THRESHOLD = 0.30
"""Findings at least this frequent (HPO "Frequent", 30–79%, and above) are listed when the
patient did not report them."""


_KIND_PRIORITY = {"exact": 4, "disease more specific": 3, "patient more specific": 2, "related": 0}


def _kind(kb: KnowledgeBase, q: int, d: int) -> str:
    onto = kb.ontology
    if q == d:
        return "exact"
    if onto.is_ancestor(q, d):
        return "disease more specific"
    if onto.is_ancestor(d, q):
        return "patient more specific"
    return "related"


def explain_disease(
    kb: KnowledgeBase,
    patient: Patient,
    row: int,
    breakdown: ScoreBreakdown,
    settings: RankSettings,
    *,
    profile: DiseaseProfile | None = None,
) -> Explanation:
    """Per present finding, the disease's best-matching term and its contribution; per
    excluded finding, how strongly the disease shows it; and the disease's frequent findings
    the patient did not report (or explicitly lacks).

    ``profile`` is the profile that was scored (the masked one under leakage masking);
    default the store's.
    """
    onto = kb.ontology
    if profile is None:
        profile = kb.store.get(kb.disease_ids[row])
    assert profile is not None
    ic = kb.ic[settings.corpus]
    measure = settings.method.measure or TermMeasure.RESNIK
    ancestors = {}

    def anc(i: int) -> set[int]:
        if i not in ancestors:
            ancestors[i] = set(onto.ancestors(i).tolist())
        return ancestors[i]

    present = []
    for annotation in profile.annotations:
        idx = onto.current_index(annotation.term_id)
        if idx is not None and annotation.status is Status.PRESENT:
            present.append((idx, annotation))
    n_q = max(len(breakdown.query), 1)
    side_weight, disease_side = _sides(breakdown, row, settings)
    findings = []
    ic_list = ic.tolist()
    probabilistic = breakdown.present_lr is not None
    beta = settings.lr.specificity_exponent
    unknown = settings.lr.unknown_frequency
    shown_terms: set[int] = set()
    for d, _ in present:
        shown_terms |= anc(d)
    for qi, q in enumerate(breakdown.query.tolist()):
        best_key: tuple[float, int] = (-np.inf, 0) if probabilistic else (0.0, 0)
        best_sim, best = 0.0, None
        for d, annotation in present:
            lookup = {q: anc(q), d: anc(d)}
            sim = reference_term_similarity(measure, q, d, lookup, ic_list)
            if probabilistic:
                # The annotation the lr kernel takes: the largest f(d) · exp(beta · IC(MICA)).
                p_d = scoring_probability(annotation.frequency)
                if np.isnan(p_d):
                    p_d = unknown
                mica = max((ic_list[a] for a in anc(q) & anc(d)), default=-np.inf)
                value = float(np.log(p_d)) + beta * mica if p_d > 0 else -np.inf
                key = (round(value, 12), _KIND_PRIORITY[_kind(kb, q, d)])
                related = value > -np.inf
            else:
                # Equal similarities: prefer the closer relation (exact first).
                key = (round(sim, 12), _KIND_PRIORITY[_kind(kb, q, d)])
                related = key[1] > 0 or sim > 0
            if related and key > best_key:
                best_key, best_sim, best = key, sim, (d, annotation)
        if probabilistic and best is not None and best_key[1] == 0:
            # The kernel's best is through a common ancestor; one that every disease shows
            # (IC 0) is no match to show.
            d = best[0]
            if max((ic_list[a] for a in anc(q) & anc(d)), default=0.0) <= 0.0:
                best = None
        absent = breakdown.absence[qi, row]
        absent_id = None
        # lr: the kernel's rule (an absent annotation at or above the finding, and no present
        # annotation at or below it); similarity methods: the absence penalty's.
        lacking = q not in shown_terms if probabilistic else absent > 0
        if lacking:
            for annotation in profile.annotations:
                x = onto.current_index(annotation.term_id)
                if annotation.status is Status.EXCLUDED and x is not None and x in anc(q):
                    absent_id = annotation.term_id
                    break
        if probabilistic and absent_id is not None:
            # lr then scores the finding with the absent probability alone: no match counts.
            best = None
        penalty = settings.absence_weight * absent / n_q
        lr_value: float | None = None
        if breakdown.present_lr is not None:
            lr_value = float(breakdown.present_lr[qi, row])
            penalty = 0.0
        if best is None:
            findings.append(
                FindingMatch(
                    onto.ids[q],
                    onto.labels[q],
                    "none",
                    None,
                    None,
                    None,
                    0.0,
                    lr_value if lr_value is not None else 0.0,
                    absent_id,
                    penalty,
                    lr_value,
                )
            )
            continue
        d, annotation = best
        findings.append(
            FindingMatch(
                id=onto.ids[q],
                label=onto.labels[q],
                kind=_kind(kb, q, d),
                match_id=onto.ids[d],
                match_label=onto.labels[d],
                match_frequency=annotation.frequency.source or None,
                similarity=best_sim,
                contribution=lr_value if lr_value is not None else side_weight * best_sim / n_q,
                absent_in_disease=absent_id,
                penalty=penalty,
                log_lr=lr_value,
            )
        )
    excluded = tuple(
        ExcludedFinding(
            id=onto.ids[e],
            label=onto.labels[e],
            disease_probability=float(breakdown.excluded_probability[ei, row]),
            penalty=-float(breakdown.excluded_lr[ei, row])
            if breakdown.excluded_lr is not None
            else settings.exclusion_weight
            * float(breakdown.excluded_probability[ei, row] * breakdown.units[e])
            / n_q,
        )
        for ei, e in enumerate(breakdown.excluded.tolist())
    )
    query = breakdown.query.tolist()
    excluded_terms = breakdown.excluded.tolist()
    unreported = []
    for d, annotation in present:
        prob = annotation.frequency.probability
        if prob is None or prob < FREQUENT_THRESHOLD:
            continue
        shown = any(d in anc(q) or q in anc(d) for q in query)
        if shown:
            continue
        lacks = any(e in anc(d) for e in excluded_terms)
        unreported.append(
            UnreportedFinding(
                onto.ids[d], onto.labels[d], annotation.frequency.source, float(prob), lacks
            )
        )
    unreported.sort(key=lambda u: (-u.probability, u.id))
    priors: list[str] = []
    if breakdown.log_prior is not None and breakdown.log_prior[row] != 0.0:
        for rule, mask in breakdown.priors_applied.items():
            if mask[row]:
                priors.append(rule)
    prior_weight = None if breakdown.log_prior is None else float(np.exp(breakdown.log_prior[row]))
    return Explanation(
        tuple(findings), excluded, tuple(unreported), tuple(priors), prior_weight, disease_side
    )


def _sides(
    breakdown: ScoreBreakdown, row: int, settings: RankSettings
) -> tuple[float, float | None]:
    """Weight of the patient→disease side in the score, and the disease→patient side's share.

    Derived from the kernel's own numbers: the base score and the per-finding best matches
    (``best``, whose mean is the patient→disease side).
    """
    aggregation = settings.method.aggregation
    if breakdown.best is None or aggregation is None or aggregation is Aggregation.ONESIDED:
        return (0.0 if settings.method is Method.SIMGIC else 1.0), None
    p2d = float(breakdown.best[:, row].mean()) if len(breakdown.query) else 0.0
    base = float(breakdown.base[row])
    if aggregation is Aggregation.BMA:
        return 0.5, base - 0.5 * p2d
    # funSimMax: the larger side is the score.
    if base > p2d + 1e-12:
        return 0.0, base
    return 1.0, 0.0
