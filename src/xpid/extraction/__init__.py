"""Free text → HPO findings: lexicon, dictionary matcher, assertion (negation, family...).

The value types of :mod:`xpid.extraction.model` are imported eagerly; the lexicon and the
matcher on first use, so commands that never read text start faster.

>>> from xpid.extraction import Assertion, Language
>>> Assertion.EXCLUDED.value, Language.sv.value
('excluded', 'sv')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xpid.extraction.model import Assertion, Extraction, Language, Mention

if TYPE_CHECKING:
    from xpid.extraction.assertion import assign_assertion
    from xpid.extraction.extract import (
        extract_findings,
        findings_for_ranking,
        sentence_bounds,
    )
    from xpid.extraction.lexicon import (
        LEXICON_FORMAT_VERSION,
        Lexicon,
        LexiconRules,
        Trigger,
        TriggerKind,
        build_lexicon,
        load_lexicon,
        parse_rules,
        parse_triggers,
    )

__all__ = [
    "LEXICON_FORMAT_VERSION",
    "Assertion",
    "Extraction",
    "Language",
    "Lexicon",
    "LexiconRules",
    "Mention",
    "Trigger",
    "TriggerKind",
    "assign_assertion",
    "build_lexicon",
    "extract_findings",
    "findings_for_ranking",
    "load_lexicon",
    "parse_rules",
    "parse_triggers",
    "sentence_bounds",
]

_LAZY = {
    "assign_assertion": "xpid.extraction.assertion",
    "extract_findings": "xpid.extraction.extract",
    "findings_for_ranking": "xpid.extraction.extract",
    "sentence_bounds": "xpid.extraction.extract",
    "LEXICON_FORMAT_VERSION": "xpid.extraction.lexicon",
    "Lexicon": "xpid.extraction.lexicon",
    "LexiconRules": "xpid.extraction.lexicon",
    "Trigger": "xpid.extraction.lexicon",
    "TriggerKind": "xpid.extraction.lexicon",
    "build_lexicon": "xpid.extraction.lexicon",
    "load_lexicon": "xpid.extraction.lexicon",
    "parse_rules": "xpid.extraction.lexicon",
    "parse_triggers": "xpid.extraction.lexicon",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'xpid.extraction' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
