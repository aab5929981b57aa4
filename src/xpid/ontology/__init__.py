"""The Human Phenotype Ontology: loading, the compiled index, term resolution and search."""

from xpid.constants import PHENOTYPIC_ABNORMALITY
from xpid.ontology.index import Ontology, build_ontology
from xpid.ontology.load import load_ontology
from xpid.ontology.model import Synonym, SynonymScope, Term, TermRecord
from xpid.ontology.resolve import ResolvedTerm, parse_curie, resolve_term
from xpid.ontology.search import SearchHit, search_terms

__all__ = [
    "Ontology",
    "PHENOTYPIC_ABNORMALITY",
    "ResolvedTerm",
    "SearchHit",
    "Synonym",
    "SynonymScope",
    "Term",
    "TermRecord",
    "build_ontology",
    "load_ontology",
    "parse_curie",
    "resolve_term",
    "search_terms",
]
