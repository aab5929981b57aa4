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

__all__ = ["DISEASE_ID", "HPO_ID"]

DISEASE_ID = re.compile(r"[A-Za-z][A-Za-z0-9]*:\w+")
"""A disease CURIE: a prefix of letters and digits starting with a letter, a colon and a
local id (``OMIM:304790``, ``ORPHA:37042``, ``DECIPHER:1``, ``MONDO:0010518``)."""

HPO_ID = re.compile(r"HP:\d{7}")
"""An HPO term id as the annotation and profile files write it (``HP:0002014``)."""
