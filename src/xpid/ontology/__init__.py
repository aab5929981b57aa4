"""The Human Phenotype Ontology: loading, the compiled index, term resolution and search."""

from xpid.constants import PHENOTYPIC_ABNORMALITY
from xpid.ontology.index import INDEX_FORMAT_VERSION, Ontology, SearchKind, build_ontology
from xpid.ontology.load import load_ontology, ontology_cache_key, ontology_is_cached
from xpid.ontology.model import Synonym, SynonymScope, Term, TermRecord
from xpid.ontology.resolve import ResolvedTerm, parse_curie, resolve_term
from xpid.ontology.search import SearchHit, corrected_words, query_measure_key, search_terms
from xpid.ontology.systems import organ_systems, primary_system
from xpid.ontology.wordings import search_tokens

__all__ = [
    "INDEX_FORMAT_VERSION",
    "Ontology",
    "PHENOTYPIC_ABNORMALITY",
    "ResolvedTerm",
    "SearchHit",
    "SearchKind",
    "Synonym",
    "SynonymScope",
    "Term",
    "TermRecord",
    "build_ontology",
    "corrected_words",
    "load_ontology",
    "ontology_cache_key",
    "ontology_is_cached",
    "organ_systems",
    "parse_curie",
    "primary_system",
    "query_measure_key",
    "resolve_term",
    "search_terms",
    "search_tokens",
]
