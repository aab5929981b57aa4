"""Frozen values of a ranking and their JSON form (the same in the CLI and the API).

A :class:`Ranking` describes itself: the patient's findings with their labels, the typed
settings it was ranked with and the versions behind it travel with the results, so that
whatever shows it needs no knowledge base.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from xpid.patient.model import Notice, Patient
from xpid.ranking.settings import RankSettings

__all__ = [
    "Finding",
    "Provenance",
    "FindingMatch",
    "ExcludedFinding",
    "UnreportedFinding",
    "Explanation",
    "DiseaseResult",
    "Ranking",
    "tie_group",
]


def tie_group(scores: npt.ArrayLike, position: int) -> tuple[int, int]:
    """1-based first and last positions of the run of equal scores that holds ``position``.

    ``scores`` are sorted best first (non-increasing). The first position is the shared
    competition rank of the group, the last its pessimistic rank.

    >>> tie_group([3.0, 2.0, 2.0, 2.0, 1.0], 2)
    (2, 4)
    """
    array = np.asarray(scores, dtype=float)
    score = array[position]
    first = int(np.searchsorted(-array, -score, side="left"))
    last = int(np.searchsorted(-array, -score, side="right")) - 1
    return first + 1, last + 1


def _sig6(value: float) -> float:
    """``value`` to six significant digits (small prior probabilities keep their digits)."""
    return float(f"{value:.6g}")


@dataclass(frozen=True, slots=True)
class Provenance:
    """The software and data versions a ranking was computed with, and the parameters its
    method's family records (every setting that changes the scores)."""

    xpid_version: str
    hpo_release: str
    hpoa_version: str
    profile_set_version: str
    parameters: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """A finding of the ranked patient: its current HPO id and label."""

    id: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label}


@dataclass(frozen=True, slots=True)
class FindingMatch:
    """How one present patient finding is explained by a disease.

    ``kind`` is ``exact`` (the disease has the term), ``disease more specific`` (the disease
    has a descendant), ``patient more specific`` (the disease has an ancestor),
    ``related`` (they share an informative ancestor) or ``none``. ``similarity`` is the term
    score of the best match and ``contribution`` its share of the score: the similarity over
    the number of present findings, halved under best-match average (BMA), zero under
    funSimMax when the disease→patient side is the larger; under ``lr`` the ln LR.
    ``absent_in_disease`` names an annotation saying the disease lacks this finding.
    """

    id: str
    label: str
    kind: str
    match_id: str | None
    match_label: str | None
    match_frequency: str | None
    similarity: float
    contribution: float
    absent_in_disease: str | None = None
    penalty: float = 0.0
    log_lr: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "match": None
            if self.match_id is None
            else {
                "id": self.match_id,
                "label": self.match_label,
                "frequency": self.match_frequency,
            },
            "similarity": round(self.similarity, 6),
            "contribution": round(self.contribution, 6),
            "absent_in_disease": self.absent_in_disease,
            "penalty": round(self.penalty, 6),
        }
        if self.log_lr is not None:
            out["log_lr"] = round(self.log_lr, 6)
            out["lr"] = float(f"{math.exp(self.log_lr):.6g}")
        return out


@dataclass(frozen=True, slots=True)
class ExcludedFinding:
    """An excluded patient finding and how strongly the disease shows it (0: not at all)."""

    id: str
    label: str
    disease_probability: float
    penalty: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "disease_probability": round(self.disease_probability, 6),
            "penalty": round(self.penalty, 6),
        }


@dataclass(frozen=True, slots=True)
class UnreportedFinding:
    """A frequent finding of the disease that the patient did not report or explicitly lacks."""

    id: str
    label: str
    frequency: str
    probability: float
    patient_lacks: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "frequency": self.frequency,
            "probability": round(self.probability, 6),
            "patient_lacks": self.patient_lacks,
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a disease got its score, finding by finding."""

    findings: tuple[FindingMatch, ...]
    excluded: tuple[ExcludedFinding, ...]
    unreported: tuple[UnreportedFinding, ...]
    priors: tuple[str, ...] = ()
    prior_weight: float | None = None
    disease_side: float | None = None
    """Symmetric similarity methods: the disease→patient side's share of the score (BMA: half
    the mean, over the disease's present findings, of each one's best match in the patient;
    funSimMax: that mean when it is the larger side, else 0). ``None`` for one-sided methods,
    simGIC and ``lr``. The findings' contributions, this and the penalties add up to the
    score."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "findings": [f.to_dict() for f in self.findings],
            "excluded": [e.to_dict() for e in self.excluded],
            "unreported": [u.to_dict() for u in self.unreported],
        }
        if self.disease_side is not None:
            out["disease_side"] = round(self.disease_side, 6)
        if self.prior_weight is not None:
            out["priors"] = {"applied": list(self.priors), "weight": _sig6(self.prior_weight)}
        return out


@dataclass(frozen=True, slots=True)
class DiseaseResult:
    """One ranked disease.

    ``rank`` follows the competition rule: diseases with equal scores share the best rank of
    their group ("1, 2, 2, 4"); within a group they are listed by id. ``matched`` counts the
    present patient findings the disease shows exactly or more specifically, of ``total``.
    """

    rank: int
    disease_id: str
    name: str
    genes: tuple[str, ...]
    score: float
    matched: int
    total: int
    explanation: Explanation | None = None
    probability: float | None = None
    pretest: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rank": self.rank,
            "disease_id": self.disease_id,
            "name": self.name,
            "genes": list(self.genes),
            "score": round(self.score, 6),
            "matched": self.matched,
            "total": self.total,
        }
        if self.probability is not None:
            out["probability"] = round(self.probability, 6)
            out["pretest_probability"] = None if self.pretest is None else _sig6(self.pretest)
        if self.explanation is not None:
            out["explanation"] = self.explanation.to_dict()
        return out


@dataclass(frozen=True, slots=True, eq=False)
class Ranking:
    """A patient ranked against a set of diseases.

    Attributes
    ----------
    patient : Patient
        The query as validated.
    settings : RankSettings
        Method, corpus, panel and parameters, typed.
    provenance : Provenance
        Versions, and the parameters the method recorded.
    present, excluded : tuple of Finding
        The patient's findings with their labels (in the order of ``patient``).
    results : tuple of DiseaseResult
        The first ``top`` diseases (all when ``top`` was ``None``), best first.
    n_ranked : int
        Number of diseases ranked (the corpus, or the panel within it).
    order : int array, shape (n_ranked,)
        Rows of every ranked disease, best first (ties by id); :attr:`order_ids` gives
        their ids.
    disease_ids : tuple of str
        The knowledge base's disease id of every row (shared, not copied).
    scores, ranks : arrays, shape (n_ranked,)
        Scores and competition ranks in the same order.
    notices : tuple of Notice
        What validation changed in the query.
    """

    patient: Patient
    settings: RankSettings
    provenance: Provenance
    present: tuple[Finding, ...]
    excluded: tuple[Finding, ...]
    results: tuple[DiseaseResult, ...]
    n_ranked: int
    order: npt.NDArray[np.int64]
    disease_ids: tuple[str, ...] = field(repr=False)
    scores: npt.NDArray[np.float64]
    ranks: npt.NDArray[np.int64]
    notices: tuple[Notice, ...] = field(default=())
    probabilities: npt.NDArray[np.float64] | None = None

    @property
    def top_probability(self) -> float | None:
        """Post-test probability of the first disease (``lr`` only)."""
        if self.probabilities is None or len(self.probabilities) == 0:
            return None
        return float(self.probabilities[0])

    def probability_of(self, disease_id: str) -> float | None:
        """Post-test probability of ``disease_id`` (``lr`` only; ``None`` if not ranked)."""
        pos = self.position(disease_id)
        if pos is None or self.probabilities is None:
            return None
        return float(self.probabilities[pos])

    @property
    def order_ids(self) -> tuple[str, ...]:
        """Every ranked disease id, best first (ties by id)."""
        ids = self.disease_ids
        return tuple(ids[int(r)] for r in self.order)

    def position(self, disease_id: str) -> int | None:
        """0-based position of ``disease_id`` in the order, or ``None`` if not ranked."""
        try:
            row = self.disease_ids.index(disease_id)
        except ValueError:
            return None
        hits = np.flatnonzero(self.order == row)
        return int(hits[0]) if len(hits) else None

    def tie_ranks(self, disease_id: str) -> tuple[float, int, int] | None:
        """``(average, best, worst)`` rank of the tie group holding ``disease_id``.

        ``best`` is the shared competition rank; ``worst`` the pessimistic rank (the last
        position of the group); ``average`` their mean position. ``None`` if not ranked.
        """
        pos = self.position(disease_id)
        if pos is None:
            return None
        best, worst = tie_group(self.scores, pos)
        return (best + worst) / 2.0, best, worst

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``xpid rank --format json``."""
        p = self.provenance
        return {
            "xpid_version": p.xpid_version,
            "hpo_release": p.hpo_release,
            "hpoa_version": p.hpoa_version,
            "profile_set_version": p.profile_set_version,
            "method": self.settings.method.value,
            "corpus": self.settings.corpus.value,
            "parameters": dict(p.parameters),
            "patient": {
                "id": self.patient.id or None,
                "present": [f.to_dict() for f in self.present],
                "excluded": [f.to_dict() for f in self.excluded],
                "sex": self.patient.sex.value,
                "onset": self.patient.onset,
            },
            "notices": [{"subject": n.subject, "message": n.message} for n in self.notices],
            "n_ranked": self.n_ranked,
            "top_probability": None
            if self.top_probability is None
            else round(self.top_probability, 6),
            "results": [r.to_dict() for r in self.results],
        }
