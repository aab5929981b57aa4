"""Rank a patient against every disease of a knowledge base, and explain the top ones."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from xpid.errors import ParameterError
from xpid.knowledge.build import profile_rows, reported_patients
from xpid.patient.model import Patient
from xpid.profiles.model import DiseaseProfile
from xpid.profiles.model import mask_references as mask_profile
from xpid.ranking.explain import explain_disease
from xpid.ranking.priors import prior_log_weights
from xpid.ranking.result import DiseaseResult, Provenance, Ranking
from xpid.ranking.settings import RankSettings
from xpid.scoring.arrays import DiseaseArrays, build_disease_arrays
from xpid.scoring.likelihood import excluded_log_lr, present_log_lr
from xpid.scoring.methods import Method, TermMeasure
from xpid.scoring.penalties import absence_penalty, exclusion_penalty
from xpid.scoring.similarity import closure_hits, simgic_scores, similarity_scores
from xpid.version import __version__

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase

__all__ = [
    "ScoreBreakdown",
    "score_patient",
    "rank_patient",
    "order_rows",
    "TIE_DECIMALS",
    "UNLIKELY_THRESHOLD",
]

F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]

TIE_DECIMALS = 9
"""Scores equal to this many decimals are ties (so float noise never splits a tie)."""

UNLIKELY_THRESHOLD = 0.05
"""With ``lr``, a top post-test probability below this is reported as "no diagnosis is
likely"."""


@dataclass(frozen=True, slots=True, eq=False)
class ScoreBreakdown:
    """Scores of every disease and their parts; arrays end in the disease axis (D,).

    For similarity methods ``best`` holds each query term's best match (None for simGIC),
    ``excluded_probability`` the disease's frequency of each excluded finding and
    ``absence`` each present finding's absent-annotation unit. For ``lr``, ``present_lr``
    and ``excluded_lr`` hold the log likelihood ratios, ``excluded_probability`` the
    ``P(e | D)``, and ``log_prior`` the prior log weights.
    """

    query: I32
    excluded: I32
    scores: F64
    base: F64
    hits: npt.NDArray[np.int64]
    best: F64 | None
    excluded_probability: F64
    absence: F64
    units: F64
    present_lr: F64 | None = None
    excluded_lr: F64 | None = None
    log_prior: F64 | None = None
    priors_applied: dict[str, npt.NDArray[np.bool_]] = field(default_factory=dict)


def _units(measure: TermMeasure | None, ic: F64) -> F64:
    if measure is TermMeasure.RESNIK:
        return ic
    return np.ones_like(ic)


def _score_arrays(
    kb: KnowledgeBase,
    query: I32,
    excluded: I32,
    settings: RankSettings,
    arrays: DiseaseArrays,
) -> ScoreBreakdown:
    """Scores and their parts over ``arrays`` (no priors)."""
    ic = kb.ic[settings.corpus]
    method = settings.method
    hits = closure_hits(query, arrays)
    units = _units(method.measure, ic)
    if method is Method.LR:
        plr, _ = present_log_lr(query, ic, arrays, settings.lr)
        xlr, p_ex = excluded_log_lr(excluded, ic, arrays, settings.lr)
        total = plr.sum(axis=0) + xlr.sum(axis=0)
        return ScoreBreakdown(
            query=query,
            excluded=excluded,
            scores=total,
            base=total,
            hits=hits,
            best=None,
            excluded_probability=p_ex,
            absence=np.zeros_like(plr),
            units=units,
            present_lr=plr,
            excluded_lr=xlr,
        )
    best: F64 | None
    if method is Method.SIMGIC:
        base = simgic_scores(query, ic, arrays)
        best = None
    else:
        base, best = similarity_scores(query, method, ic, arrays)
    excl_total, excl_prob = exclusion_penalty(
        excluded,
        units[excluded],
        arrays,
        kb.ontology.descendant_indptr,
        kb.ontology.descendant_indices,
    )
    abs_total, abs_per = absence_penalty(query, units, arrays)
    n_q = max(len(query), 1)
    scores = (
        base - (settings.exclusion_weight * excl_total + settings.absence_weight * abs_total) / n_q
    )
    return ScoreBreakdown(
        query=query,
        excluded=excluded,
        scores=scores,
        base=base,
        hits=hits,
        best=best,
        excluded_probability=excl_prob,
        absence=abs_per,
        units=units,
    )


def masked_rows(kb: KnowledgeBase, references: Collection[str]) -> tuple[int, ...]:
    """Rows whose HPOA annotations cite any of ``references``."""
    rows: set[int] = set()
    for ref in references:
        rows.update(kb.compiled.reference_rows.get(ref, ()))
    return tuple(sorted(rows))


def masked_profiles(
    kb: KnowledgeBase, rows: Sequence[int], references: Collection[str]
) -> list[DiseaseProfile]:
    """The profiles of ``rows`` with the annotation sources citing ``references`` removed."""
    out = []
    for row in rows:
        profile = kb.store.get(kb.disease_ids[row])
        assert profile is not None
        out.append(mask_profile(profile, references))
    return out


def masked_arrays(kb: KnowledgeBase, profiles: Sequence[DiseaseProfile]) -> DiseaseArrays:
    """Disease arrays of (masked) ``profiles``."""
    present = []
    excluded = []
    for profile in profiles:
        p, x = profile_rows(kb.ontology, profile)
        present.append(p)
        excluded.append(x)
    return build_disease_arrays(
        kb.ontology.ancestor_indptr, kb.ontology.ancestor_indices, present, excluded
    )


_DISEASE_AXIS_FIELDS = (
    "scores",
    "base",
    "hits",
    "best",
    "excluded_probability",
    "absence",
    "present_lr",
    "excluded_lr",
)


def _splice(full: ScoreBreakdown, part: ScoreBreakdown, rows: Sequence[int]) -> ScoreBreakdown:
    """``full`` with the disease-axis columns ``rows`` replaced by ``part``'s."""
    idx = np.asarray(rows, dtype=np.int64)
    changes: dict[str, object] = {}
    for f in fields(full):
        if f.name not in _DISEASE_AXIS_FIELDS:
            continue
        mine, theirs = getattr(full, f.name), getattr(part, f.name)
        if mine is None or theirs is None:
            continue
        merged = np.array(mine, copy=True)
        merged[..., idx] = theirs
        changes[f.name] = merged
    return replace(full, **changes)  # type: ignore[arg-type]


def score_patient(
    kb: KnowledgeBase,
    patient: Patient,
    settings: RankSettings,
    *,
    mask_references: Collection[str] = (),
    panel_rows: npt.NDArray[np.int64] | None = None,
) -> ScoreBreakdown:
    """Score ``patient`` against every disease row of ``kb`` (no filtering, no ordering).

    With ``mask_references``, the diseases whose annotations cite one of them are scored
    from their profiles without those sources (leakage masking); information content is not
    recomputed (one publication moves corpus-wide IC negligibly). With the ``lr`` method the
    scores include the log prior weights (sex, onset, literature, panel).
    """
    ontology = kb.ontology
    query = np.asarray([ontology.index_of(t) for t in patient.present], dtype=np.int32)
    excluded = np.asarray([ontology.index_of(t) for t in patient.excluded], dtype=np.int32)
    breakdown = _score_arrays(kb, query, excluded, settings, kb.arrays)
    rows = masked_rows(kb, mask_references) if mask_references else ()
    masked = masked_profiles(kb, rows, mask_references) if rows else []
    if rows:
        part = _score_arrays(kb, query, excluded, settings, masked_arrays(kb, masked))
        breakdown = _splice(breakdown, part, rows)
    if settings.method.probabilistic:
        patients = None
        if rows:
            # The masked profiles' own count: rows citing a masked reference go whole, with
            # any reference cited together with it.
            patients = kb.compiled.priors.patients.copy()
            for row, profile in zip(rows, masked, strict=True):
                patients[row] = sum(reported_patients(profile).values())
        log_prior, applied = prior_log_weights(
            kb.compiled.priors,
            sex=patient.sex,
            onset=patient.onset,
            age_years=patient.age_years,
            settings=settings.priors,
            panel_rows=panel_rows,
            patients=patients,
        )
        breakdown = replace(
            breakdown,
            scores=breakdown.scores + log_prior,
            log_prior=log_prior,
            priors_applied=applied,
        )
    return breakdown


def order_rows(
    scores: F64, rows: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], F64, npt.NDArray[np.int64]]:
    """Order ``rows`` best first (ties by row, i.e. by disease id) with competition ranks.

    Returns the ordered rows, their rounded scores and their ranks.
    """
    key = np.round(scores[rows], TIE_DECIMALS)
    order = np.lexsort((rows, -key))
    ordered_rows = rows[order]
    ordered_key = key[order]
    ranks = np.searchsorted(-ordered_key, -ordered_key, side="left").astype(np.int64) + 1
    return ordered_rows, ordered_key, ranks


def posterior(log_scores: F64, log_prior: F64) -> tuple[F64, F64]:
    """Post-test and pretest probabilities over the ranked diseases.

    ``log_scores`` are ``ln(prior weight × LR)``; the pretest probability is the normalised
    prior weight, the post-test probability the normalised ``prior × LR`` (Bayes' rule over
    the ranked set, assuming the diagnosis is one of them).
    """
    shifted = np.exp(log_scores - log_scores.max())
    pre = np.exp(log_prior - log_prior.max())
    return shifted / shifted.sum(), pre / pre.sum()


def rank_patient(
    kb: KnowledgeBase,
    patient: Patient,
    settings: RankSettings,
    *,
    top: int | None = None,
    explain: int = 0,
    mask_references: Collection[str] = (),
) -> Ranking:
    """Rank ``patient`` against the diseases of ``settings.corpus`` (see :func:`xpid.rank`).

    Raises
    ------
    ParameterError
        When ``top`` is below 1.
    UnknownNameError
        When ``settings.panel`` names no panel of the profile store.
    """
    if top is not None and top < 1:
        raise ParameterError(f"top must be at least 1, got {top}.")
    panel_rows = kb.panel_rows(settings.panel) if settings.panel is not None else None
    probabilistic = settings.method.probabilistic
    breakdown = score_patient(
        kb,
        patient,
        settings,
        mask_references=mask_references,
        panel_rows=panel_rows if probabilistic else None,
    )
    rows = kb.corpus_rows[settings.corpus]
    if panel_rows is not None and not probabilistic:
        rows = np.intersect1d(rows, panel_rows)
    ordered, key, ranks = order_rows(breakdown.scores, rows)
    post: F64 | None = None
    pre: F64 | None = None
    if probabilistic and breakdown.log_prior is not None:
        post, pre = posterior(breakdown.scores[ordered], breakdown.log_prior[ordered])
    n_show = len(ordered) if top is None else min(top, len(ordered))
    results = []
    total = len(patient.present)
    for pos in range(n_show):
        row = int(ordered[pos])
        profile = kb.store.get(kb.disease_ids[row])
        assert profile is not None
        explanation = None
        if pos < explain:
            scored = mask_profile(profile, mask_references) if mask_references else profile
            explanation = explain_disease(kb, patient, row, breakdown, settings, profile=scored)
        results.append(
            DiseaseResult(
                rank=int(ranks[pos]),
                disease_id=profile.id,
                name=profile.name,
                genes=tuple(g.symbol for g in profile.genes),
                score=float(breakdown.scores[row]),
                matched=int(breakdown.hits[row]),
                total=total,
                explanation=explanation,
                probability=None if post is None else float(post[pos]),
                pretest=None if pre is None else float(pre[pos]),
            )
        )
    provenance = Provenance(
        xpid_version=__version__,
        hpo_release=kb.ontology.release,
        hpoa_version=kb.store.hpoa_version,
        profile_set_version=kb.store.profile_set_version,
        method=settings.method.value,
        corpus=settings.corpus.value,
        parameters=settings.parameters(),
    )
    return Ranking(
        patient=patient,
        provenance=provenance,
        results=tuple(results),
        n_ranked=len(ordered),
        order=ordered,
        disease_ids=kb.disease_ids,
        scores=key,
        ranks=ranks,
        notices=patient.notices,
        probabilities=post,
    )
