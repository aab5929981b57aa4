"""xpid: phenotype-driven differential diagnosis over the Human Phenotype Ontology.

The public Python API is :func:`load`, :func:`make_patient` and :func:`rank` (from
:mod:`xpid.api`):

>>> import xpid  # doctest: +SKIP
>>> kb = xpid.load()  # doctest: +SKIP
>>> ranking = xpid.rank(kb, xpid.make_patient(kb, ["HP:0002028", "HP:0000964"]))  # doctest: +SKIP
"""

from __future__ import annotations

from xpid.api import load, make_patient, rank
from xpid.version import __version__

__all__ = ["__version__", "load", "make_patient", "rank"]
