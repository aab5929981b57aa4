"""Mondo: disease identity (which OMIM, Orphanet and DECIPHER ids name one disease) and the
subclass edges between diseases.

Public names: :class:`Mondo` (exact matches, parents, children, ancestors, siblings,
phenotypic series), :func:`load_mondo` (cached), :func:`build_mondo` and the parsers
(:func:`parse_sssom`, :func:`parse_edges`), and disease identity
(:class:`DiseaseIdentity`, :func:`group_records`, :class:`Prefer`).
"""

from xpid.mondo.identity import (
    DEFAULT_PREFERENCE,
    DiseaseIdentity,
    Prefer,
    group_records,
    parse_prefer,
    sort_ids,
)
from xpid.mondo.load import MondoFiles, load_mondo, locate_mondo, mondo_cache_key, mondo_is_cached
from xpid.mondo.model import Mondo, build_mondo, normalise_source_id
from xpid.mondo.sssom import MONDO_ID, MappingSet, SourceMapping, parse_edges, parse_sssom

__all__ = [
    "DEFAULT_PREFERENCE",
    "DiseaseIdentity",
    "MONDO_ID",
    "MappingSet",
    "Mondo",
    "MondoFiles",
    "Prefer",
    "SourceMapping",
    "build_mondo",
    "group_records",
    "load_mondo",
    "locate_mondo",
    "mondo_cache_key",
    "mondo_is_cached",
    "normalise_source_id",
    "parse_edges",
    "parse_prefer",
    "parse_sssom",
    "sort_ids",
]
