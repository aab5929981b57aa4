"""Text shared by term look-up, search and free-text extraction: normalisation, edit
distance, clinical abbreviations and laboratory wordings."""

from xpid.text.abbreviations import load_abbreviations
from xpid.text.distance import (
    WordTable,
    build_word_table,
    osa_distance,
    osa_distances,
    typo_budget,
)
from xpid.text.measures import (
    DECREASED,
    INCREASED,
    MeasureWords,
    load_measure_words,
    measure_key,
    measure_keys,
)
from xpid.text.normalize import normalize_text, stem_token, tokenize

__all__ = [
    "DECREASED",
    "INCREASED",
    "MeasureWords",
    "WordTable",
    "build_word_table",
    "load_abbreviations",
    "load_measure_words",
    "measure_key",
    "measure_keys",
    "normalize_text",
    "osa_distance",
    "osa_distances",
    "stem_token",
    "tokenize",
    "typo_budget",
]
