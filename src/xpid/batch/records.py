"""One record per batch input: the case's ranking, or the error that stopped it.

A record is a JSON-ready dict (it crosses process boundaries and is written as one JSON
line):

``{"input", "case_id", "status": "ok", "diagnoses", "diagnosis_rank", "notices", "ranking"}``
    ``diagnoses`` are the case's diagnosis ids as written; ``diagnosis_rank`` is the rank of
    the first of them in the ranked list (:func:`diagnosis_rank`), ``null`` when none is
    ranked. ``ranking`` is :meth:`Ranking.to_dict <xpid.ranking.result.Ranking.to_dict>`
    without its ``notices``, which are lifted to the record (one ``{"subject",
    "message"}`` per term dropped or remapped while reading the case).
``{"input", "case_id", "status": "error", "diagnoses", "error_type", "error"}``
    ``error_type`` is the exception class (``PhenopacketError`` for an unreadable or
    malformed file, ``QueryError`` for a case with no usable present finding,
    ``MissingInput`` for an input that names no file, ``WorkerLost`` for an input whose
    Dask worker died every time it was tried); ``error`` is its one-line message.
    ``case_id`` and ``diagnoses`` are ``null`` when the file could not be read.

``input`` is the path as discovered (see :func:`input_key`): the key ``--resume`` matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xpid.knowledge.corpus import DEFAULT_CORPUS, Corpus
from xpid.phenopackets import MissingInput, case_to_patient, load_phenopacket
from xpid.scoring.methods import DEFAULT_METHOD, Method

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase
    from xpid.ranking.result import Ranking

__all__ = ["Record", "RankTask", "diagnosis_rank", "error_record", "input_key", "lost_record"]

Record = dict[str, Any]
"""A JSON-ready batch record (see the module docstring)."""


def input_key(item: Path | MissingInput) -> str:
    """The ``input`` of an item's record: the path as discovered, or the input as given."""
    return item.input if isinstance(item, MissingInput) else str(item)


def error_record(
    item: Path | MissingInput,
    error_type: str,
    message: str,
    case_id: str | None = None,
    diagnoses: Sequence[str] | None = None,
) -> Record:
    """The record of an input that could not be ranked (``case_id`` and ``diagnoses`` when
    the file was read)."""
    return {
        "input": input_key(item),
        "case_id": case_id,
        "status": "error",
        "diagnoses": None if diagnoses is None else list(diagnoses),
        "error_type": error_type,
        "error": message,
    }


def diagnosis_rank(ranking: Ranking, diagnoses: Sequence[str]) -> int | None:
    """The rank of the first of ``diagnoses`` in the ranked list, or ``None``.

    The rank is the one the results show (tied diseases share the best rank of their
    group, as :meth:`Ranking.tie_ranks <xpid.ranking.result.Ranking.tie_ranks>` gives it),
    taken over every ranked disease, not only the first ``--top``; a diagnosis that is not
    ranked (not in the corpus or panel, or newer than the annotations) is skipped.
    """
    ranks = [tie[1] for d in diagnoses if (tie := ranking.tie_ranks(d)) is not None]
    return min(ranks, default=None)


def lost_record(item: Path | MissingInput, reason: str) -> Record:
    """The record of an input whose worker died every time it was ranked (error type
    ``WorkerLost``); ``reason`` says so in one sentence."""
    return error_record(item, "WorkerLost", f"{input_key(item)}: {reason}")


@dataclass(frozen=True, slots=True)
class RankTask:
    """Rank one phenopacket into a :data:`Record` (the task of ``xpid batch``).

    Never raises for a bad input: any exception while reading or ranking the case becomes
    the input's error record, so a batch always gives every input a record.

    ``root`` is the directory a relative input path is read from (default: the working
    directory of the process that runs the task): the client's working directory when the
    task runs on other machines (``--engine dask``). Records and messages name the input
    as given either way.
    """

    method: Method = DEFAULT_METHOD
    corpus: Corpus = DEFAULT_CORPUS
    panel: str | None = None
    top: int = 10
    root: Path | None = None

    def __call__(self, kb: KnowledgeBase, item: Path | MissingInput) -> Record:
        from xpid.ranking import RankSettings, rank_patient  # the engine loads with the task

        if isinstance(item, MissingInput):
            return error_record(item, "MissingInput", f"{item.input}: {item.reason}")
        case_id: str | None = None
        diagnoses: tuple[str, ...] | None = None
        try:
            path = item if self.root is None else self.root / item
            case = load_phenopacket(path, name=str(item))
            case_id, diagnoses = case.id, case.diagnoses
            patient = case_to_patient(kb.ontology, case)
            settings = RankSettings(method=self.method, corpus=self.corpus, panel=self.panel)
            ranking = rank_patient(kb, patient, settings, top=self.top)
        except Exception as exc:  # one bad input must not stop the batch
            return error_record(item, type(exc).__name__, str(exc), case_id, diagnoses)
        ranking_dict = ranking.to_dict()
        notices = ranking_dict.pop("notices")
        return {
            "input": input_key(item),
            "case_id": case_id,
            "status": "ok",
            "diagnoses": list(patient.diagnoses),
            "diagnosis_rank": diagnosis_rank(ranking, patient.diagnoses),
            "notices": notices,
            "ranking": ranking_dict,
        }
