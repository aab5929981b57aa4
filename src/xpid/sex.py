"""Biological sex as recorded for a patient or as a disease's sex restriction."""

from __future__ import annotations

import enum

__all__ = ["Sex"]


class Sex(enum.Enum):
    """Sex of a patient, or the sex a disease is restricted to (``UNKNOWN``: not restricted)."""

    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"
