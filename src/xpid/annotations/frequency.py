"""How often a disease shows a finding, as written in an annotation file.

A :class:`Frequency` keeps the form it was written in (an HPO frequency term, a count
``n/m``, a percentage ``x%``, or nothing) and gives a probability. HPO frequency terms
(:data:`xpid.constants.FREQUENCY_CLASSES`) map to the middle of their range:

============  ==================  ==========  ===========
id            label               range       probability
============  ==================  ==========  ===========
HP:0040280    Obligate            100%        1.0
HP:0040281    Very frequent       80–99%      0.895
HP:0040282    Frequent            30–79%      0.545
HP:0040283    Occasional          5–29%       0.17
HP:0040284    Very rare           1–4%        0.025
HP:0040285    Excluded            0%          0.0
============  ==================  ==========  ===========

``n/m`` gives ``n/m``, ``x%`` gives ``x/100`` and an unknown frequency gives ``None``: the
scoring layer decides what unknown means.

>>> parse_frequency("3/7").probability
0.42857142857142855
>>> parse_frequency("HP:0040282").probability
0.545
>>> parse_frequency("0/5").is_absent
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from types import MappingProxyType

from xpid.constants import FREQUENCY_CLASSES
from xpid.errors import XpidError

__all__ = [
    "FREQUENCY_TERMS",
    "Frequency",
    "FrequencyError",
    "FrequencyKind",
    "UNKNOWN_FREQUENCY",
    "parse_frequency",
]

FREQUENCY_TERMS: Mapping[str, tuple[str, float]] = MappingProxyType(
    {c.id: (c.label, c.probability) for c in FREQUENCY_CLASSES.values()}
)
"""HPO frequency term id → (label, probability at the middle of its range), from
:data:`xpid.constants.FREQUENCY_CLASSES`."""

_RATIO = re.compile(r"(\d+)/(\d+)")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")


class FrequencyError(XpidError, ValueError):
    """Text that is not a frequency (file parsers add the file and line)."""


class FrequencyKind(Enum):
    """The form a frequency was written in."""

    TERM = "term"
    RATIO = "ratio"
    PERCENT = "percent"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Frequency:
    """A frequency in its source form.

    Attributes
    ----------
    kind
        How it was written.
    source
        The text as written: ``"HP:0040281"``, ``"3/7"``, ``"23%"`` or ``""``.
    numerator, denominator
        The counts of a ``RATIO``; ``None`` otherwise.
    """

    kind: FrequencyKind
    source: str = ""
    numerator: int | None = None
    denominator: int | None = None

    @property
    def probability(self) -> float | None:
        """Probability in [0, 1] that a patient shows the finding; ``None`` when unknown."""
        if self.kind is FrequencyKind.RATIO:
            assert self.numerator is not None and self.denominator
            return self.numerator / self.denominator
        if self.kind is FrequencyKind.PERCENT:
            return float(self.source[:-1]) / 100.0
        if self.kind is FrequencyKind.TERM:
            return FREQUENCY_TERMS[self.source][1]
        return None

    @property
    def is_known(self) -> bool:
        """Whether the frequency gives a probability."""
        return self.kind is not FrequencyKind.UNKNOWN

    @property
    def is_absent(self) -> bool:
        """Whether it says the finding does not occur (``0/N``, ``0%``, HP:0040285)."""
        return self.probability == 0.0

    @property
    def label(self) -> str:
        """Short human form: the term label with its id, the count, the percentage or ``""``."""
        if self.kind is FrequencyKind.TERM:
            return f"{FREQUENCY_TERMS[self.source][0]} ({self.source})"
        return self.source

    def __str__(self) -> str:
        return self.source


UNKNOWN_FREQUENCY = Frequency(FrequencyKind.UNKNOWN)
"""The frequency of an annotation that gives none."""


@lru_cache(maxsize=8192)
def parse_frequency(text: str) -> Frequency:
    """Parse a frequency as written in ``phenotype.hpoa`` or a document-built profile.

    Parameters
    ----------
    text
        ``""`` (unknown), an HPO frequency term id (HP:0040280–HP:0040285), ``"n/m"`` with
        ``0 <= n <= m`` and ``m > 0``, or ``"x%"`` with ``0 <= x <= 100``. Surrounding
        white space is ignored.

    Returns
    -------
    Frequency
        Values are shared: parsing the same text twice returns the same object.

    Raises
    ------
    FrequencyError
        For anything else; the message quotes the text.
    """
    value = text.strip()
    if not value:
        return UNKNOWN_FREQUENCY
    if value.startswith("HP:"):
        if value not in FREQUENCY_TERMS:
            raise FrequencyError(
                f"frequency {text!r} is not an HPO frequency term; expected one of "
                f"{', '.join(FREQUENCY_TERMS)}."
            )
        return Frequency(FrequencyKind.TERM, value)
    ratio = _RATIO.fullmatch(value)
    if ratio:
        n, m = int(ratio.group(1)), int(ratio.group(2))
        if m == 0 or n > m:
            raise FrequencyError(f"frequency {text!r} needs 0 <= n <= m and m > 0 in n/m.")
        return Frequency(FrequencyKind.RATIO, f"{n}/{m}", n, m)
    percent = _PERCENT.fullmatch(value)
    if percent:
        if float(percent.group(1)) > 100.0:
            raise FrequencyError(f"frequency {text!r} is above 100%.")
        return Frequency(FrequencyKind.PERCENT, value)
    raise FrequencyError(f"frequency {text!r} is not an HPO frequency term, 'n/m', 'x%' or empty.")
