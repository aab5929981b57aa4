"""Draw simulated patients from a disease profile, Phenomizer-style, seeded and deterministic.

One case of disease *D* is drawn as follows (Köhler et al. 2009 simulate patients the same
way: findings sampled from the annotations, then noise and imprecision added):

1. **Present findings.** Each present annotation of *D* is kept with its annotation
   probability (``7/8`` → 0.875, HP:0040282 Frequent → 0.545, ...). An annotation with an
   unknown frequency is kept with :attr:`SimulationSettings.unknown_frequency` (default
   :data:`DEFAULT_UNKNOWN_FREQUENCY` = 0.5: HPOA leaves the frequency empty for most rows,
   and "about half the patients" neither favours nor ignores those findings). When nothing
   is kept, one annotation is drawn with probability proportional to those weights, so a
   case always has at least one finding of *D*.
2. **Imprecision.** Each kept finding is replaced, with probability
   :attr:`~SimulationSettings.imprecision`, by one of its parents drawn uniformly (a
   clinician recording "Diarrhea" for "Chronic diarrhea"); parents outside Phenotypic
   abnormality, and the branch root HP:0000118 itself, are never used.
3. **Noise.** :attr:`~SimulationSettings.noise` findings are drawn uniformly from all
   terms under Phenotypic abnormality that are not already in the case (findings unrelated
   to the disease).
4. **Excluded findings.** Up to :attr:`~SimulationSettings.excluded` findings are drawn
   uniformly from the disease's documented absences (excluded annotations) and its very rare
   findings (known probability ≤ 0.05) that were not drawn as present; a term that is an
   ancestor or descendant of a present finding is never excluded.
5. **Sex.** The disease's sex restriction when it has one; male when its inheritance
   includes X-linked recessive (HP:0001419); otherwise unknown.

Randomness comes from :func:`case_rng`: one stream per (seed, disease), so the cases of a
disease do not depend on which other diseases are simulated, and case *i* does not depend
on how many cases are drawn after it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from xpid.constants import PHENOTYPIC_ABNORMALITY, X_LINKED_RECESSIVE
from xpid.errors import ParameterError
from xpid.ontology import Ontology
from xpid.profiles import DiseaseProfile, Status
from xpid.sex import Sex
from xpid.version import __version__

__all__ = [
    "DEFAULT_UNKNOWN_FREQUENCY",
    "SIMULATED_MARKER",
    "SimulatedCase",
    "SimulationSettings",
    "case_rng",
    "simulate_case",
    "simulate_cases",
    "to_phenopacket",
]

DEFAULT_UNKNOWN_FREQUENCY = 0.5
"""Probability of drawing an annotation whose frequency is unknown."""

RARE_PROBABILITY = 0.05
"""Present annotations at or below this probability may be drawn as excluded findings."""

SIMULATED_MARKER = "xpid:simulated"
"""``metaData.externalReferences[].id`` marking a phenopacket as simulated by xpid."""


@dataclass(frozen=True, slots=True)
class SimulationSettings:
    """Parameters of a simulation (see the module docstring for their meaning)."""

    seed: int = 0
    noise: int = 0
    imprecision: float = 0.0
    excluded: int = 0
    unknown_frequency: float = DEFAULT_UNKNOWN_FREQUENCY

    def __post_init__(self) -> None:
        if self.noise < 0:
            raise ParameterError(f"noise must be at least 0, got {self.noise}.")
        if self.excluded < 0:
            raise ParameterError(f"excluded must be at least 0, got {self.excluded}.")
        if not 0.0 <= self.imprecision <= 1.0:
            raise ParameterError(f"imprecision must be in [0, 1], got {self.imprecision}.")
        if not 0.0 < self.unknown_frequency <= 1.0:
            raise ParameterError(
                f"unknown_frequency must be in (0, 1], got {self.unknown_frequency}."
            )

    def describe(self) -> str:
        return (
            f"seed {self.seed}, noise {self.noise}, imprecision {self.imprecision:g}, "
            f"excluded {self.excluded}, unknown frequency {self.unknown_frequency:g}"
        )


@dataclass(frozen=True, slots=True)
class SimulatedCase:
    """One simulated patient.

    Attributes
    ----------
    id : str
        ``sim-<disease id with _ for :>-s<seed>-<number from 1, 3 digits>``.
    disease_id, disease_name : str
    sex : Sex
    present : tuple of str
        Present findings in the order drawn: disease findings (some made imprecise), then
        noise.
    excluded : tuple of str
    noise : tuple of str
        The present findings that are noise.
    imprecise : tuple of (str, str)
        ``(original, parent used)`` for every finding made imprecise.
    settings : SimulationSettings
    """

    id: str
    disease_id: str
    disease_name: str
    sex: Sex
    present: tuple[str, ...]
    excluded: tuple[str, ...]
    noise: tuple[str, ...]
    imprecise: tuple[tuple[str, str], ...]
    settings: SimulationSettings


def case_rng(seed: int, disease_id: str) -> np.random.Generator:
    """The random stream of ``disease_id`` under ``seed`` (stable across runs and platforms)."""
    return np.random.default_rng([seed, zlib.crc32(disease_id.encode("utf-8"))])


def _phenotype_pool(ontology: Ontology) -> np.ndarray[Any, np.dtype[np.int64]]:
    root = ontology.get_index(PHENOTYPIC_ABNORMALITY)
    if root is None:
        return np.zeros(0, dtype=np.int64)
    pool = np.asarray(ontology.descendants(root), dtype=np.int64)
    return np.sort(pool[pool != root])


def simulate_case(
    ontology: Ontology,
    profile: DiseaseProfile,
    settings: SimulationSettings,
    rng: np.random.Generator,
    *,
    number: int = 1,
    pool: np.ndarray[Any, np.dtype[np.int64]] | None = None,
) -> SimulatedCase:
    """Draw one case of ``profile`` (see the module rules).

    Parameters
    ----------
    ontology
        The ontology the profile's terms are mapped to (alternative and obsolete ids are
        replaced by current ones; unknown ids are skipped).
    profile
        The disease; it must have at least one present annotation with a current term.
    settings
        Noise, imprecision, excluded findings and the unknown-frequency default.
    rng
        The random stream (:func:`case_rng`); advanced by this call.
    number
        The case's number within its disease, for its id.
    pool
        Noise candidates, shape (T,): term indices under Phenotypic abnormality (computed
        when ``None``; pass it when drawing many cases).

    Raises
    ------
    ValueError
        When the profile has no present annotation on a current term.
    """
    if pool is None:
        pool = _phenotype_pool(ontology)
    root = ontology.get_index(PHENOTYPIC_ABNORMALITY)
    terms: list[int] = []
    weights: list[float] = []
    rare: list[int] = []
    absent: list[int] = []
    for annotation in profile.annotations:
        index = ontology.current_index(annotation.term_id)
        if index is None or not ontology.in_phenotype_branch(index) or index == root:
            continue
        if annotation.status is Status.EXCLUDED:
            absent.append(index)
            continue
        p = annotation.frequency.probability
        if p is not None and p <= RARE_PROBABILITY:
            rare.append(index)
        terms.append(index)
        weights.append(settings.unknown_frequency if p is None else float(p))
    if not terms:
        raise ParameterError(f"{profile.id} has no present annotation on a current HPO term.")
    w = np.asarray(weights, dtype=float)
    draws = rng.random(len(terms))
    chosen = [t for t, u, p in zip(terms, draws, w, strict=True) if u < p]
    if not chosen:
        total = w.sum()
        pick = (
            int(rng.choice(len(terms), p=w / total)) if total > 0 else int(rng.integers(len(terms)))
        )
        chosen = [terms[pick]]

    present: list[int] = []
    imprecise: list[tuple[str, str]] = []
    for term in chosen:
        if settings.imprecision > 0 and rng.random() < settings.imprecision:
            parents = [
                int(p)
                for p in ontology.parents(term)
                if int(p) != root and ontology.in_phenotype_branch(int(p))
            ]
            if parents:
                parent = parents[int(rng.integers(len(parents)))]
                imprecise.append((ontology.ids[term], ontology.ids[parent]))
                term = parent
        if term not in present:
            present.append(term)

    noise: list[int] = []
    if settings.noise and len(pool):
        taken = set(present)
        candidates = pool[~np.isin(pool, list(taken))]
        k = min(settings.noise, len(candidates))
        noise = [int(t) for t in rng.choice(candidates, size=k, replace=False)]

    excluded: list[int] = []
    if settings.excluded:
        related: set[int] = set()
        for term in (*present, *noise):
            related.update(int(a) for a in ontology.ancestors(term))
            related.update(int(d) for d in ontology.descendants(term))
        drawn = set(chosen)
        candidates_x = sorted({t for t in (*absent, *rare) if t not in drawn} - related)
        k = min(settings.excluded, len(candidates_x))
        if k:
            excluded = [int(t) for t in rng.choice(candidates_x, size=k, replace=False)]

    sex: Sex
    if profile.sex is not Sex.UNKNOWN:
        sex = profile.sex
    elif X_LINKED_RECESSIVE in profile.inheritance:
        sex = Sex.MALE
    else:
        sex = Sex.UNKNOWN
    ids = ontology.ids
    return SimulatedCase(
        id=f"sim-{profile.id.replace(':', '_')}-s{settings.seed}-{number:03d}",
        disease_id=profile.id,
        disease_name=profile.name,
        sex=sex,
        present=tuple(ids[t] for t in (*present, *noise)),
        excluded=tuple(ids[t] for t in excluded),
        noise=tuple(ids[t] for t in noise),
        imprecise=tuple(imprecise),
        settings=settings,
    )


def simulate_cases(
    ontology: Ontology, profile: DiseaseProfile, n: int, settings: SimulationSettings
) -> Iterator[SimulatedCase]:
    """``n`` cases of ``profile``, numbered from 1, from :func:`case_rng` of the settings' seed.

    Examples
    --------
    >>> import xpid  # doctest: +SKIP
    >>> kb = xpid.load()  # doctest: +SKIP
    >>> cases = list(simulate_cases(kb.ontology, kb.profile("OMIM:304790"), 3,
    ...                             SimulationSettings(seed=1, noise=1)))  # doctest: +SKIP
    """
    if n < 0:
        raise ParameterError(f"n must be at least 0, got {n}.")
    rng = case_rng(settings.seed, profile.id)
    pool = _phenotype_pool(ontology)
    for number in range(1, n + 1):
        yield simulate_case(ontology, profile, settings, rng, number=number, pool=pool)


_SEX = {Sex.MALE: "MALE", Sex.FEMALE: "FEMALE", Sex.UNKNOWN: "UNKNOWN_SEX"}


def to_phenopacket(case: SimulatedCase, ontology: Ontology) -> dict[str, Any]:
    """The case as a GA4GH phenopacket (schema v2) JSON object.

    The diagnosis is in ``interpretations[0].diagnosis.disease`` and ``diseases[0].term``;
    ``metaData.externalReferences`` holds :data:`SIMULATED_MARKER` with the settings, and no
    publication (so leakage masking has nothing to mask). ``metaData.created`` is a fixed
    date so that the same seed gives byte-identical files.
    """

    def term(term_id: str) -> dict[str, str]:
        index = ontology.get_index(term_id)
        return {"id": term_id, "label": "" if index is None else ontology.labels[index]}

    features: list[dict[str, Any]] = [{"type": term(t)} for t in case.present]
    features += [{"type": term(t), "excluded": True} for t in case.excluded]
    disease = {"id": case.disease_id, "label": case.disease_name}
    return {
        "id": case.id,
        "subject": {"id": case.id, "sex": _SEX[case.sex]},
        "phenotypicFeatures": features,
        "interpretations": [
            {
                "id": f"{case.id}-interpretation",
                "progressStatus": "SOLVED",
                "diagnosis": {"disease": disease},
            }
        ],
        "diseases": [{"term": disease}],
        "metaData": {
            "created": "2000-01-01T00:00:00Z",
            "createdBy": f"xpid {__version__} simulate",
            "phenopacketSchemaVersion": "2.0",
            "resources": [
                {
                    "id": "hp",
                    "name": "human phenotype ontology",
                    "url": "http://purl.obolibrary.org/obo/hp.owl",
                    "version": ontology.release,
                    "namespacePrefix": "HP",
                    "iriPrefix": "http://purl.obolibrary.org/obo/HP_",
                }
            ],
            "externalReferences": [
                {
                    "id": SIMULATED_MARKER,
                    "description": (
                        f"Simulated patient (not a real person): xpid {__version__} simulate "
                        f"from the profile of {case.disease_id}; {case.settings.describe()}; "
                        f"{len(case.noise)} noise finding(s), "
                        f"{len(case.imprecise)} made imprecise."
                    ),
                }
            ],
        },
    }
