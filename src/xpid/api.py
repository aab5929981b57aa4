"""The public Python API: load the knowledge base, build a patient, rank it.

Three functions, re-exported by :mod:`xpid`::

    import xpid

    kb = xpid.load()                                       # cached after the first call
    patient = xpid.make_patient(kb, ["HP:0002028", "Eczema"])   # validated at the boundary
    ranking = xpid.rank(kb, patient, top=10, explain=3)     # method lr, the default

The knowledge base is a plain value passed explicitly (no global state); the ranking is
self-describing (:class:`xpid.ranking.Ranking`). The modules behind these functions are
imported on first call, so ``import xpid`` stays light.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from xpid.knowledge.corpus import DEFAULT_CORPUS, Corpus
from xpid.scoring.methods import DEFAULT_METHOD, Method
from xpid.sex import Sex

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase
    from xpid.ontology import Ontology
    from xpid.patient import Patient
    from xpid.ranking.result import Ranking

__all__ = ["load", "make_patient", "rank"]


def load(
    data_dir: Path | str | None = None,
    *,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
) -> KnowledgeBase:
    """Load the knowledge base (ontology, disease profiles, IC, disease arrays).

    The parts are compiled on first use and cached (``XPID_CACHE_DIR`` or the user cache);
    later loads take a fraction of a second. ``data_dir`` is an HPO release directory
    (default ``XPID_DATA_DIR``, the active release or the bundled one); ``use_cache=False``
    builds everything from source without touching the cache. See
    :func:`xpid.knowledge.load_knowledge_base`.

    Examples
    --------
    >>> import xpid  # doctest: +SKIP
    >>> kb = xpid.load()  # doctest: +SKIP
    """
    from xpid.knowledge.load import load_knowledge_base

    return load_knowledge_base(data_dir, cache_dir=cache_dir, use_cache=use_cache)


def make_patient(
    source: KnowledgeBase | Ontology,
    present: Iterable[str],
    excluded: Iterable[str] = (),
    *,
    sex: Sex = Sex.UNKNOWN,
    onset: str | None = None,
    age_years: float | None = None,
) -> Patient:
    """Resolve and validate findings into a :class:`~xpid.patient.Patient`.

    Parameters
    ----------
    source
        A knowledge base (:func:`load`) or an ontology: the findings are resolved against
        its terms.
    present, excluded
        Findings as HPO ids, PURLs, labels or exact synonyms.
    sex, onset, age_years
        What else is known; ``onset`` is an onset term (e.g. ``HP:0003593``).

    Raises
    ------
    UnknownTermError, NotAPhenotypeError, QueryError
        See :func:`xpid.patient.build_patient`, which applies the validation rules and
        returns the non-fatal ones as :attr:`Patient.notices`.

    Examples
    --------
    >>> import xpid  # doctest: +SKIP
    >>> kb = xpid.load()  # doctest: +SKIP
    >>> xpid.make_patient(kb, ["HP:0002028"], ["Eczema"]).excluded  # doctest: +SKIP
    ('HP:0000964',)
    """
    from xpid.knowledge.base import KnowledgeBase
    from xpid.patient import build_patient

    ontology = source.ontology if isinstance(source, KnowledgeBase) else source
    return build_patient(ontology, present, excluded, sex=sex, onset=onset, age_years=age_years)


def rank(
    kb: KnowledgeBase,
    patient: Patient,
    *,
    method: Method = DEFAULT_METHOD,
    corpus: Corpus = DEFAULT_CORPUS,
    panel: str | None = None,
    top: int | None = None,
    explain: int = 0,
    exclusion_weight: float | None = None,
    absence_weight: float | None = None,
    mask_references: Collection[str] = (),
) -> Ranking:
    """Rank every disease of ``corpus`` for ``patient``.

    Parameters
    ----------
    kb
        The knowledge base (:func:`load`).
    patient
        A validated query (:func:`make_patient`).
    method
        The scoring method.
    corpus
        Diseases ranked, and the reference set for information content.
    panel
        A named panel (e.g. ``"x-linked-iei"``): with ``lr`` a prior (diseases outside it
        weigh :data:`xpid.ranking.priors.OUTSIDE_PANEL_WEIGHT`), with a similarity
        method a filter (only the panel's diseases are ranked).
    top
        Materialise only the first ``top`` results (all by default); the full order is
        always in :attr:`Ranking.order_ids <xpid.ranking.Ranking.order_ids>`.
    explain
        Explain the first ``explain`` results finding by finding.
    exclusion_weight, absence_weight
        Weights of the excluded-finding and absent-annotation penalties of the similarity
        methods (``None``: :data:`xpid.scoring.penalties.DEFAULT_EXCLUSION_WEIGHT` and
        :data:`~xpid.scoring.penalties.DEFAULT_ABSENCE_WEIGHT`); ``lr`` does not use them
        (its weights are in :class:`xpid.scoring.likelihood.LrParameters`).
    mask_references
        References (``PMID:…``) whose annotation sources are ignored for this query:
        leakage masking when benchmarking on published cases.

    Returns
    -------
    Ranking
        Best first; ties share a rank and are listed by id.

    Raises
    ------
    ParameterError
        When ``top`` is below 1.
    UnknownNameError
        When ``panel`` names no panel.

    Examples
    --------
    >>> import xpid  # doctest: +SKIP
    >>> kb = xpid.load()  # doctest: +SKIP
    >>> patient = xpid.make_patient(kb, ["HP:0002028", "HP:0000964"])  # doctest: +SKIP
    >>> xpid.rank(kb, patient).results[0].disease_id  # doctest: +SKIP
    'OMIM:304790'
    """
    from xpid.ranking.rank import rank_patient
    from xpid.ranking.settings import RankSettings

    settings = RankSettings(method=method, corpus=corpus, panel=panel)
    if exclusion_weight is not None:
        settings = replace(settings, exclusion_weight=exclusion_weight)
    if absence_weight is not None:
        settings = replace(settings, absence_weight=absence_weight)
    return rank_patient(
        kb, patient, settings, top=top, explain=explain, mask_references=mask_references
    )
