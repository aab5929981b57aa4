"""The next finding to check: expected information gain over the leading candidates.

For the ``k`` leading diseases of a ranking with probabilities ``pi`` (the post-test
probabilities of the ``lr`` model renormalised over the ``k``), every finding annotated to
one of them and not yet settled by the patient's findings (not implied by a present finding,
not implied absent by an excluded one) is scored by the expected reduction in entropy of
``pi`` once the finding is known (Shannon 1948; the usual "most informative test"):

    EIG(t) = H(pi) - [P(t) H(pi | t present) + (1 - P(t)) H(pi | t absent)]

with ``P(t | D)`` from the ``lr`` model (:mod:`xpid.scoring.likelihood`) and
``P(t) = sum_D pi_D P(t | D)``. Each suggestion names the diseases it favours if present
(their probability rises) and if absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from xpid.knowledge.build import profile_rows
from xpid.scoring.arrays import build_disease_arrays
from xpid.scoring.likelihood import LrParameters, present_log_lr

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase
    from xpid.knowledge.corpus import Corpus
    from xpid.patient.model import Patient
    from xpid.ranking.result import Ranking

__all__ = ["Suggestion", "suggest_findings", "entropy"]

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A finding worth checking: its expected information gain (nats) and whom it favours."""

    id: str
    label: str
    information_gain: float
    probability_present: float
    favours_if_present: tuple[str, ...]
    favours_if_absent: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "information_gain": round(self.information_gain, 6),
            "probability_present": round(self.probability_present, 6),
            "favours_if_present": list(self.favours_if_present),
            "favours_if_absent": list(self.favours_if_absent),
        }


def entropy(p: F64, axis: int = -1) -> F64:
    """Shannon entropy in nats of probability vectors along ``axis``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(p), 0.0)
    return np.asarray(-terms.sum(axis=axis), dtype=np.float64)


def suggest_findings(
    kb: KnowledgeBase,
    patient: Patient,
    ranking: Ranking,
    *,
    n: int,
    k: int = 10,
    corpus: Corpus | None = None,
    params: LrParameters | None = None,
) -> tuple[Suggestion, ...]:
    """The ``n`` findings whose answer would most change the ranking among the top ``k``.

    Parameters
    ----------
    kb, patient, ranking
        The ranking to refine (any method; the leading diseases are its first ``k``).
    n
        Number of suggestions.
    k
        Number of leading diseases compared.
    corpus
        Corpus of the IC (default: the ranking's).
    params
        ``lr`` parameters.
    """
    from xpid.knowledge.corpus import Corpus as CorpusEnum
    from xpid.ranking.rank import RankSettings, score_patient
    from xpid.scoring.methods import Method

    params = params or LrParameters()
    chosen = corpus or CorpusEnum(ranking.provenance.corpus)
    leaders = list(ranking.order_ids[:k])
    if len(leaders) < 2 or n < 1:
        return ()
    rows = [kb.row_of(d) for d in leaders]
    breakdown = score_patient(kb, patient, RankSettings(method=Method.LR, corpus=chosen, lr=params))
    scores = breakdown.scores[np.asarray(rows)]
    pi = np.exp(scores - scores.max())
    pi /= pi.sum()

    onto = kb.ontology
    settled: set[int] = set()
    for t in patient.present:
        settled.update(onto.ancestors(onto.index_of(t)).tolist())
    for t in patient.excluded:
        settled.update(onto.descendants(onto.index_of(t)).tolist())
    candidates: set[int] = set()
    present_rows = []
    for disease_id in leaders:
        profile = kb.store.get(disease_id)
        assert profile is not None
        present, excluded = profile_rows(onto, profile)
        present_rows.append((present, excluded))
        candidates.update(term for term, _ in present if term not in settled)
    if not candidates:
        return ()
    arrays = build_disease_arrays(
        onto.ancestor_indptr,
        onto.ancestor_indices,
        [p for p, _ in present_rows],
        [x for _, x in present_rows],
    )
    ic = kb.ic[chosen]
    terms = np.asarray(sorted(candidates), dtype=np.int32)
    log_lr, _ = present_log_lr(terms, ic, arrays, params)  # (C, K)
    background = params.false_positive + (1 - params.false_positive) * np.exp(-ic[terms])
    p_t = np.clip(np.exp(log_lr) * background[:, None], 0.0, 1.0)  # P(t | D)
    p_yes = p_t @ pi
    post_yes = pi[None, :] * p_t
    post_no = pi[None, :] * (1.0 - p_t)
    with np.errstate(invalid="ignore", divide="ignore"):
        post_yes = post_yes / post_yes.sum(axis=1, keepdims=True)
        post_no = post_no / post_no.sum(axis=1, keepdims=True)
    gain = entropy(pi) - (
        p_yes * entropy(np.nan_to_num(post_yes)) + (1 - p_yes) * entropy(np.nan_to_num(post_no))
    )
    order = sorted(
        range(len(terms)), key=lambda i: (-round(float(gain[i]), 12), onto.ids[int(terms[i])])
    )[:n]
    out = []
    for i in order:
        up = np.nan_to_num(post_yes[i]) - pi
        down = np.nan_to_num(post_no[i]) - pi
        out.append(
            Suggestion(
                id=onto.ids[int(terms[i])],
                label=onto.labels[int(terms[i])],
                information_gain=float(gain[i]),
                probability_present=float(p_yes[i]),
                favours_if_present=tuple(leaders[j] for j in np.argsort(-up)[:3] if up[j] > 1e-6),
                favours_if_absent=tuple(
                    leaders[j] for j in np.argsort(-down)[:3] if down[j] > 1e-6
                ),
            )
        )
    return tuple(out)
