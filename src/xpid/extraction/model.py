"""Values of free-text extraction: languages, assertions, mentions and the extraction result."""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Language", "Assertion", "Mention", "Extraction"]


class Language(enum.StrEnum):
    """Languages with a lexicon and a trigger list in ``xpid/extraction/data``."""

    en = "en"
    sv = "sv"


class Assertion(enum.Enum):
    """What the text says about a mentioned finding.

    ``PRESENT``: the patient has it. ``EXCLUDED``: denied or described as normal.
    ``UNCERTAIN``: suspected, possible, to be ruled out. ``OTHER_PERSON``: the finding
    belongs to someone else (a relative, family history).
    """

    PRESENT = "present"
    EXCLUDED = "excluded"
    UNCERTAIN = "uncertain"
    OTHER_PERSON = "other_person"


@dataclass(frozen=True, slots=True)
class Mention:
    """One recognised finding in a text.

    Attributes
    ----------
    term_id, label
        The HPO term and its label.
    start, end
        Character offsets into the original text (end exclusive): ``text[start:end]``.
    text
        The matched text, verbatim.
    assertion
        What the sentence says about it.
    trigger
        The trigger phrase (normalised) that set a non-present assertion, else ``None``.
    sentence_start, sentence_end
        Offsets of the sentence the mention lies in.
    """

    term_id: str
    label: str
    start: int
    end: int
    text: str
    assertion: Assertion
    trigger: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass(frozen=True, slots=True)
class Extraction:
    """The findings recognised in one text, in text order.

    Attributes
    ----------
    mentions
        Every mention, ordered by start offset.
    lang
        The language the text was read as.
    hpo_release
        The HPO release the lexicon was built from.
    """

    mentions: tuple[Mention, ...]
    lang: Language
    hpo_release: str

    def term_ids(self, *assertions: Assertion) -> tuple[str, ...]:
        """Distinct term ids, first-mention order, optionally only with the given assertions."""
        seen: dict[str, None] = {}
        for m in self.mentions:
            if not assertions or m.assertion in assertions:
                seen.setdefault(m.term_id, None)
        return tuple(seen)
