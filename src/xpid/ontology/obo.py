"""Read an OBO file with pronto into plain :class:`TermRecord` values.

This is the only module of xpid that imports pronto. Input sniffing (gzip by magic bytes,
UTF-8) happens once, in :mod:`xpid.io`, before pronto sees the bytes.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from pronto.ontology import Ontology as ProntoOntology

from xpid.errors import DataError
from xpid.io import decode_utf8, read_input
from xpid.ontology.model import Synonym, SynonymScope, TermRecord

__all__ = ["load_obo_records"]


def load_obo_records(path: Path) -> tuple[str, list[TermRecord]]:
    """Parse an OBO file (plain or gzip) into its data version and term records.

    Returns
    -------
    release
        The ``data-version`` header with any ``hp/releases/`` prefix removed
        (e.g. ``"2025-01-16"``), or ``"unknown"``.
    records
        One record per ``[Term]`` stanza, obsolete ones included, in file order.

    Raises
    ------
    DataError
        If the file cannot be read, is not UTF-8 or is not OBO.
    """
    raw = read_input(path, what="ontology file")
    decode_utf8(raw, what="ontology file", source=str(path))  # pronto would guess
    try:
        with warnings.catch_warnings():
            # pronto guesses the encoding and warns when unsure; the HPO is UTF-8.
            warnings.simplefilter("ignore")
            ontology = ProntoOntology(io.BytesIO(raw))
    except Exception as exc:  # pronto/fastobo raise a variety of parser errors
        raise DataError(f"ontology file {str(path)!r} is not a readable OBO file: {exc}") from exc
    version = ontology.metadata.data_version or "unknown"
    release = version.rsplit("/", 1)[-1] if "/" in version else version
    records: list[TermRecord] = []
    for term in ontology.terms():
        synonyms = tuple(
            Synonym(
                text=syn.description,
                scope=SynonymScope(syn.scope or "RELATED"),
                type=syn.type.id if syn.type is not None else "",
            )
            for syn in sorted(term.synonyms, key=lambda s: (s.scope or "", s.description))
        )
        parents = tuple(sorted(p.id for p in term.superclasses(distance=1, with_self=False)))
        records.append(
            TermRecord(
                id=term.id,
                label=term.name or "",
                definition=str(term.definition) if term.definition else "",
                synonyms=synonyms,
                parents=parents,
                alt_ids=tuple(sorted(term.alternate_ids)),
                obsolete=bool(term.obsolete),
                replaced_by=tuple(sorted(t.id for t in term.replaced_by)),
                consider=tuple(sorted(t.id for t in term.consider)),
            )
        )
    records.sort(key=lambda r: r.id)
    return release, records
