"""Free text → HPO findings: lexicon, dictionary matcher, assertion (negation, family...).

>>> from xpid.extraction import Assertion, Language
>>> Assertion.EXCLUDED.value, Language.sv.value
('excluded', 'sv')
"""

from xpid.extraction.extract import (
    assign_assertion,
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
from xpid.extraction.model import Assertion, Extraction, Language, Mention

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
