"""The knowledge base: one value holding ontology, profiles, IC and disease arrays."""

from xpid.knowledge.base import DEFAULT_METHOD, KnowledgeBase
from xpid.knowledge.corpus import DEFAULT_CORPUS, Corpus, parse_corpus
from xpid.knowledge.load import load_knowledge_base

__all__ = [
    "DEFAULT_CORPUS",
    "DEFAULT_METHOD",
    "Corpus",
    "KnowledgeBase",
    "load_knowledge_base",
    "parse_corpus",
]
