"""Rank many phenopackets: per-input records, a process pool in input order, resumable output.

:func:`map_inputs` runs a task over phenopacket inputs, in this process or in a pool of
worker processes (forked after the knowledge base is loaded, where the platform allows),
and yields the results in input order; :class:`RankTask` is the task of ``xpid batch``
(one :data:`Record` per input, ranking or error);
:mod:`xpid.batch.output` writes records as JSON lines or TSV and reads them back for
``--resume``.
"""

from xpid.batch.output import (
    BATCH_TSV_HEADER,
    BatchFormat,
    format_record,
    prepare_resume,
)
from xpid.batch.pool import (
    KnowledgeSource,
    Results,
    StartMethod,
    default_start_method,
    map_inputs,
)
from xpid.batch.records import RankTask, Record, error_record, input_key, lost_record

__all__ = [
    "BATCH_TSV_HEADER",
    "BatchFormat",
    "KnowledgeSource",
    "RankTask",
    "Record",
    "Results",
    "StartMethod",
    "default_start_method",
    "error_record",
    "format_record",
    "input_key",
    "lost_record",
    "map_inputs",
    "prepare_resume",
]
