"""The forms of the identifiers xpid reads: HPO term ids and disease CURIEs.

Every parser checks ids against these patterns with ``fullmatch`` (one home for each
form; resolving the looser forms a person types, such as ``HP_0002014`` or a PURL, is the
business of :mod:`xpid.ontology.resolve`).

>>> bool(DISEASE_ID.fullmatch("OMIM:304790")), bool(DISEASE_ID.fullmatch("304790"))
(True, False)
>>> bool(HPO_ID.fullmatch("HP:0002014")), bool(HPO_ID.fullmatch("HP:2014"))
(True, False)
"""

from __future__ import annotations

import re

__all__ = ["DISEASE_ID", "HPO_ID", "DISEASE_PREFIXES", "normalise_disease_id"]

DISEASE_ID = re.compile(r"[A-Za-z][A-Za-z0-9]*:\w+")
"""A disease CURIE: a prefix of letters and digits starting with a letter, a colon and a
local id (``OMIM:304790``, ``ORPHA:37042``, ``DECIPHER:1``, ``MONDO:0010518``)."""

HPO_ID = re.compile(r"HP:\d{7}")
"""An HPO term id as the annotation and profile files write it (``HP:0002014``)."""


DISEASE_PREFIXES: dict[str, str] = {
    "OMIM": "OMIM",
    "MIM": "OMIM",
    "ORPHA": "ORPHA",
    "ORPHANET": "ORPHA",
    "DECIPHER": "DECIPHER",
    "OMIMPS": "OMIMPS",
    "MONDO": "MONDO",
}
"""Prefixes of disease ids as people and files write them (upper-cased) → xpid's spelling
(the HPO annotations' ``OMIM``, ``ORPHA``, ``DECIPHER``; Mondo's ``MONDO``)."""


def normalise_disease_id(text: str) -> str:
    """A disease id in xpid's spelling, from the forms people and other files write.

    Known prefixes in any case and their aliases (``Orphanet``, ``MIM``) are rewritten,
    an underscore stands for the colon (``OMIM_304790``), blanks around are dropped; an
    unknown prefix is kept as written and anything else is returned stripped.

    >>> normalise_disease_id("orphanet:37042"), normalise_disease_id(" OMIM_304790 ")
    ('ORPHA:37042', 'OMIM:304790')
    >>> normalise_disease_id("mondo:0010580"), normalise_disease_id("GARD:1")
    ('MONDO:0010580', 'GARD:1')
    """
    value = text.strip()
    if ":" not in value and "_" in value:
        value = value.replace("_", ":", 1)
    prefix, sep, local = value.partition(":")
    if not sep or not local:
        return value
    return f"{DISEASE_PREFIXES.get(prefix.upper(), prefix)}:{local}"
