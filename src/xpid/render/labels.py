"""Words for values, shared by every renderer (no rich, no knowledge base)."""

from __future__ import annotations

from xpid.annotations.frequency import FREQUENCY_TERMS

__all__ = ["frequency_text"]


def frequency_text(source: str | None, *, with_id: bool = False, missing: str = "—") -> str:
    """A frequency as a reader wants it: an HPO frequency term by name (``Frequent``, or
    ``Frequent (HP:0040282)`` ``with_id``), a count or percentage as given, ``missing`` when
    the frequency is unknown."""
    if not source:
        return missing
    if source in FREQUENCY_TERMS:
        name = FREQUENCY_TERMS[source][0]
        return f"{name} ({source})" if with_id else name
    return source
