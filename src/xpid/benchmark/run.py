"""Rank one benchmark case under every method (and masking) and record where its diagnosis lands.

The task (:class:`BenchmarkTask`) runs in worker processes through
:func:`xpid.batch.map_inputs`; it never raises for a bad case. A case is **skipped**, with
its :class:`SkipReason`, when it cannot be scored:

1. ``unreadable``: the file is missing, not JSON, a v1 phenopacket or otherwise malformed;
2. ``no diagnosis``: the file names no disease;
3. ``diagnosis not in store``: none of its diagnoses has a profile (an OMIM entry newer than
   the annotation release, say);
4. ``diagnosis not in corpus``: the diagnosis has a profile but is outside the ranked corpus
   (an OMIM diagnosis under ``--corpus orpha``);
5. ``no usable findings``: no present finding survives validation (see
   :func:`xpid.phenopackets.case_to_patient`).

The truth is the case's first diagnosis that is in the corpus (phenopacket-store cases have
one). Masking (``--mask-own-publication``) passes the case's publications as
``mask_references``: the annotation rows citing them are left out for that case only.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from xpid.batch.records import input_key
from xpid.errors import QueryError
from xpid.knowledge.corpus import Corpus
from xpid.phenopackets import MissingInput, case_to_patient, load_phenopacket
from xpid.scoring.methods import Method

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase
    from xpid.ranking.result import Ranking

__all__ = ["BenchmarkTask", "CaseOutcome", "SkipReason", "Variant", "VariantRank"]


class SkipReason(enum.Enum):
    """Why a case was not scored (see the module docstring)."""

    UNREADABLE = "unreadable"
    NO_DIAGNOSIS = "no diagnosis"
    NOT_IN_STORE = "diagnosis not in store"
    NOT_IN_CORPUS = "diagnosis not in corpus"
    NO_FINDINGS = "no usable findings"


@dataclass(frozen=True, slots=True)
class Variant:
    """A ranking setting benchmarked side by side: a method, with or without masking."""

    method: Method
    masked: bool = False

    @property
    def label(self) -> str:
        """``resnik-bma`` or ``resnik-bma masked``."""
        return f"{self.method.value} masked" if self.masked else self.method.value


@dataclass(frozen=True, slots=True)
class VariantRank:
    """Where the diagnosis landed under one variant.

    ``average`` and ``worst`` are the average and last 1-based positions of its tie group;
    ``best`` the shared competition rank; ``n_ranked`` the number of diseases ranked.
    """

    variant: Variant
    average: float
    best: int
    worst: int
    n_ranked: int


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    """One case of a benchmark: its ranks per variant, or why it was skipped.

    Attributes
    ----------
    input : str
        The file, as discovered.
    case_id : str
        The phenopacket id (empty when unreadable).
    diagnosis : str or None
        The diagnosis scored against (the first one in the file when skipped).
    n_present, n_excluded : int
        Usable present and excluded findings after validation (0 when skipped).
    leaked : bool
        Whether the diagnosis's annotations cite one of the case's publications.
    skip : SkipReason or None
        ``None`` when ranked.
    detail : str
        The error message behind a skip; empty otherwise.
    ranks : tuple of VariantRank
        One per variant, in the task's order (empty when skipped).
    """

    input: str
    case_id: str
    diagnosis: str | None
    n_present: int
    n_excluded: int
    leaked: bool
    skip: SkipReason | None
    detail: str
    ranks: tuple[VariantRank, ...]


@dataclass(frozen=True, slots=True)
class BenchmarkTask:
    """Rank a case under every variant; picklable for worker processes."""

    variants: tuple[Variant, ...]
    corpus: Corpus = Corpus.OMIM

    def _skip(
        self,
        item: Path | MissingInput,
        reason: SkipReason,
        detail: str = "",
        case_id: str = "",
        diagnosis: str | None = None,
    ) -> CaseOutcome:
        return CaseOutcome(input_key(item), case_id, diagnosis, 0, 0, False, reason, detail, ())

    def __call__(self, kb: KnowledgeBase, item: Path | MissingInput) -> CaseOutcome:
        if isinstance(item, MissingInput):
            return self._skip(item, SkipReason.UNREADABLE, f"{item.input}: {item.reason}")
        try:
            case = load_phenopacket(item)
        except Exception as exc:  # one bad file must not stop the benchmark
            return self._skip(item, SkipReason.UNREADABLE, f"{type(exc).__name__}: {exc}")
        if not case.diagnoses:
            return self._skip(item, SkipReason.NO_DIAGNOSIS, case_id=case.id)
        in_store = [d for d in case.diagnoses if kb.row_of(d) is not None]
        if not in_store:
            return self._skip(
                item, SkipReason.NOT_IN_STORE, case_id=case.id, diagnosis=case.diagnoses[0]
            )
        in_corpus = [d for d in in_store if self.corpus.includes(d)]
        if not in_corpus:
            return self._skip(
                item, SkipReason.NOT_IN_CORPUS, case_id=case.id, diagnosis=in_store[0]
            )
        diagnosis = in_corpus[0]
        try:
            patient = case_to_patient(kb.ontology, case)
        except QueryError as exc:
            return self._skip(
                item, SkipReason.NO_FINDINGS, str(exc), case_id=case.id, diagnosis=diagnosis
            )
        except Exception as exc:
            return self._skip(
                item,
                SkipReason.UNREADABLE,
                f"{type(exc).__name__}: {exc}",
                case_id=case.id,
                diagnosis=diagnosis,
            )
        profile = kb.profile(diagnosis)
        leaked = profile is not None and not profile.references.isdisjoint(patient.publications)
        ranks: list[VariantRank] = []
        # Masking changes nothing when no annotation cites the case's publications: the
        # unmasked ranking of the same method is reused then.
        # The ranking engine loads with the task.
        from xpid.ranking import RankSettings, rank_patient
        from xpid.ranking.masking import masked_rows

        cited = bool(masked_rows(kb, patient.publications)) if patient.publications else False
        rankings: dict[tuple[Method, bool], Ranking] = {}
        for variant in self.variants:
            key = (variant.method, variant.masked and cited)
            ranking = rankings.get(key)
            if ranking is None:
                masks = patient.publications if key[1] else ()
                settings = RankSettings(method=variant.method, corpus=self.corpus)
                ranking = rank_patient(kb, patient, settings, top=1, mask_references=masks)
                rankings[key] = ranking
            tie = ranking.tie_ranks(diagnosis)
            assert tie is not None, "a diagnosis in the corpus is always ranked"
            average, best, worst = tie
            ranks.append(VariantRank(variant, average, best, worst, ranking.n_ranked))
        return CaseOutcome(
            input=input_key(item),
            case_id=case.id,
            diagnosis=diagnosis,
            n_present=len(patient.present),
            n_excluded=len(patient.excluded),
            leaked=leaked,
            skip=None,
            detail="",
            ranks=tuple(ranks),
        )
