"""The knowledge base: one value holding ontology, profiles, IC and disease arrays.

Only the light :mod:`xpid.knowledge.corpus` names are imported eagerly; the knowledge base
and its loader (numpy arrays, the profile store) are imported on first
use, so commands that never rank start faster.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xpid.knowledge.corpus import DEFAULT_CORPUS, Corpus, parse_corpus

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase
    from xpid.knowledge.load import load_knowledge_base

__all__ = [
    "DEFAULT_CORPUS",
    "Corpus",
    "KnowledgeBase",
    "load_knowledge_base",
    "parse_corpus",
]

_LAZY = {
    "KnowledgeBase": "xpid.knowledge.base",
    "load_knowledge_base": "xpid.knowledge.load",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'xpid.knowledge' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
