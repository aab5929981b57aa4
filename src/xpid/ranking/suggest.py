"""The next finding to check: expected information gain over the leading candidates.

For the ``k`` leading diseases of a ranking with probabilities ``pi`` (the post-test
probabilities of the ``lr`` model renormalised over the ``k``), every finding annotated to
one of them and not yet settled by the patient's findings (not implied by a present finding,
not implied absent by an excluded one) is scored by the expected reduction in entropy of
``pi`` once the finding is known (Shannon 1948; the usual "most informative test"):

    EIG(t) = H(pi) - [P(t) H(pi | t present) + (1 - P(t)) H(pi | t absent)]

with ``P(t | D)`` from the ``lr`` model (:mod:`xpid.scoring.likelihood`) and
``P(t) = sum_D pi_D P(t | D)``. ``pi | t present`` and ``pi | t absent`` are what the
ranking itself would show with the finding added as present or as excluded (the excluded
finding's likelihood ratio is the ranking's, at its weight), so the gain describes the update
the tool will make. Each suggestion names the diseases it favours if present (their
probability rises) and if absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from xpid.knowledge.build import profile_rows
from xpid.scoring.arrays import build_disease_arrays
from xpid.scoring.likelihood import LrParameters, excluded_log_lr, present_log_lr

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase
    from xpid.knowledge.corpus import Corpus
    from xpid.ranking.result import Ranking

__all__ = ["Suggestion", "suggest_findings", "entropy"]

F64 = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A finding worth checking: its expected information gain (nats) and whom it favours.

    ``names`` gives the name of every disease the two answers favour (for display; not in
    the JSON form, which lists ids).
    """

    id: str
    label: str
    information_gain: float
    probability_present: float
    favours_if_present: tuple[str, ...]
    favours_if_absent: tuple[str, ...]
    names: tuple[tuple[str, str], ...] = ()

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
    ranking: Ranking,
    *,
    n: int,
    k: int = 10,
    corpus: Corpus | None = None,
    params: LrParameters | None = None,
) -> tuple[Suggestion, ...]:
    """The ``n`` findings whose answer would most change the ranking among the top ``k``.

    Each answer updates ``pi`` the way the ranking would if the finding were added: present,
    by the finding's ``lr`` likelihood ratio (replacing the ratio of any present finding it
    makes redundant, an ancestor); absent, by the excluded-finding ratio (replacing those of
    the excluded findings it implies, its descendants). ``P(t | D)``, the chance of the answer
    "present", is the ``lr`` model's probability of the finding.

    Parameters
    ----------
    kb, ranking
        The ranking to refine (any method; the leading diseases are its first ``k``) and the
        knowledge base it was ranked in. With ``lr`` its own post-test probabilities are
        ``pi``; otherwise ``pi`` comes from the ``lr`` model with the default priors and the
        ranking's panel.
    n
        Number of suggestions.
    k
        Number of leading diseases compared.
    corpus
        Corpus of the IC (default: the ranking's).
    params
        ``lr`` parameters.
    """
    params = params or LrParameters()
    chosen = corpus or ranking.settings.corpus
    patient = ranking.patient
    leaders = list(ranking.order_ids[:k])
    if len(leaders) < 2 or n < 1:
        return ()
    pi = _leader_probabilities(kb, ranking, leaders, chosen, params)

    onto = kb.ontology
    present_idx = [onto.index_of(t) for t in patient.present]
    excluded_idx = [onto.index_of(t) for t in patient.excluded]
    settled: set[int] = set()
    for i in present_idx:
        settled.update(onto.ancestors(i).tolist())
    for i in excluded_idx:
        settled.update(onto.descendants(i).tolist())
    candidates: set[int] = set()
    present_rows = []
    names: dict[str, str] = {}
    for disease_id in leaders:
        profile = kb.store.get(disease_id)
        assert profile is not None
        names[disease_id] = profile.name
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
    yes_lr = present_log_lr(terms, ic, arrays, params).log_lr  # (C, K)
    no_lr, _ = excluded_log_lr(terms, ic, arrays, params)  # (C, K)
    # P(t | D): the lr model's probability of the finding, before any replacement.
    background = params.false_positive + (1 - params.false_positive) * np.exp(-ic[terms])
    p_t = np.clip(np.exp(yes_lr) * background[:, None], 0.0, 1.0)
    # What the answer replaces: present findings that t makes redundant (its ancestors),
    # excluded findings that "t absent" implies (its descendants).
    current_yes = present_log_lr(np.asarray(present_idx, dtype=np.int32), ic, arrays, params).log_lr
    current_no, _ = excluded_log_lr(np.asarray(excluded_idx, dtype=np.int32), ic, arrays, params)
    for c, t in enumerate(terms.tolist()):
        for j, h in enumerate(present_idx):
            if h != t and onto.is_ancestor(h, t):
                yes_lr[c] -= current_yes[j]
        for j, e in enumerate(excluded_idx):
            if e != t and onto.is_ancestor(t, e):
                no_lr[c] -= current_no[j]
    p_yes = p_t @ pi
    post_yes = _normalise(pi[None, :] * np.exp(yes_lr - yes_lr.max(axis=1, keepdims=True)))
    post_no = _normalise(pi[None, :] * np.exp(no_lr - no_lr.max(axis=1, keepdims=True)))
    gain = entropy(pi) - (p_yes * entropy(post_yes) + (1 - p_yes) * entropy(post_no))
    order = sorted(
        range(len(terms)), key=lambda i: (-round(float(gain[i]), 12), onto.ids[int(terms[i])])
    )[:n]
    out = []
    for i in order:
        up = post_yes[i] - pi
        down = post_no[i] - pi
        if_present = tuple(leaders[j] for j in np.argsort(-up)[:3] if up[j] > 1e-6)
        if_absent = tuple(leaders[j] for j in np.argsort(-down)[:3] if down[j] > 1e-6)
        out.append(
            Suggestion(
                id=onto.ids[int(terms[i])],
                label=onto.labels[int(terms[i])],
                information_gain=float(gain[i]),
                probability_present=float(p_yes[i]),
                favours_if_present=if_present,
                favours_if_absent=if_absent,
                names=tuple((d, names[d]) for d in sorted({*if_present, *if_absent})),
            )
        )
    return tuple(out)


def _normalise(weights: F64) -> F64:
    """Rows of non-negative weights scaled to sum to 1."""
    return np.asarray(weights / weights.sum(axis=1, keepdims=True), dtype=np.float64)


def _leader_probabilities(
    kb: KnowledgeBase,
    ranking: Ranking,
    leaders: list[str],
    corpus: Corpus,
    params: LrParameters,
) -> F64:
    """``pi``: the leaders' probabilities, renormalised over them."""
    if ranking.probabilities is not None:
        weights = np.asarray(ranking.probabilities[: len(leaders)], dtype=np.float64)
    else:
        from xpid.ranking.rank import score_patient
        from xpid.ranking.settings import RankSettings
        from xpid.scoring.methods import Method

        settings = RankSettings(
            method=Method.LR, corpus=corpus, lr=params, panel=ranking.settings.panel
        )
        breakdown = score_patient(kb, ranking.patient, settings)
        scores = breakdown.scores[np.asarray([kb.row_of(d) for d in leaders])]
        weights = np.exp(scores - scores.max())
    if not weights.sum() > 0:
        return np.full(len(leaders), 1.0 / len(leaders))
    return np.asarray(weights / weights.sum(), dtype=np.float64)
