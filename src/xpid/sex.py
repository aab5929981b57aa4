"""Sex of a patient or the sex restriction of a disease, shared by profiles and patients."""

from __future__ import annotations

from enum import Enum

__all__ = ["Sex", "parse_sex"]


class Sex(Enum):
    """Sex as xpid uses it: ``UNKNOWN`` when not known or, for a disease, not restricted."""

    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


def parse_sex(text: str) -> Sex:
    """The :class:`Sex` named by ``text`` in any case; empty text is ``UNKNOWN``.

    >>> parse_sex("MALE")
    <Sex.MALE: 'male'>

    Raises
    ------
    ValueError
        If ``text`` is not empty, ``male``, ``female`` or ``unknown``.
    """
    value = text.strip().lower()
    if not value:
        return Sex.UNKNOWN
    try:
        return Sex(value)
    except ValueError:
        raise ValueError(f"unknown sex {text!r}; expected one of: male, female, unknown.") from None
