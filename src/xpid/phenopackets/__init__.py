"""GA4GH phenopackets (schema v2): discovery, reading, and conversion to a patient query.

``iter_phenopacket_paths`` expands inputs into files, ``load_phenopacket`` /
``parse_phenopacket`` read one file into a :class:`PhenopacketCase` (no ontology needed),
and ``case_to_patient`` checks its terms against an ontology and builds the
:class:`~xpid.patient.Patient` to rank, with per-term problems returned as notices.
"""

from xpid.phenopackets.discover import MissingInput, iter_phenopacket_paths
from xpid.phenopackets.model import FeatureRecord, PhenopacketCase
from xpid.phenopackets.reader import load_phenopacket, parse_phenopacket
from xpid.phenopackets.to_patient import TermScreen, case_to_patient, screen_case_terms

__all__ = [
    "FeatureRecord",
    "MissingInput",
    "PhenopacketCase",
    "TermScreen",
    "case_to_patient",
    "iter_phenopacket_paths",
    "load_phenopacket",
    "parse_phenopacket",
    "screen_case_terms",
]
