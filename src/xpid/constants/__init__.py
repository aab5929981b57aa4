"""One home for the facts that several layers name: well-known HPO terms and id forms.

:mod:`xpid.constants.hpo` holds the branch roots, modes of inheritance, onset classes with
their age ranges and frequency classes; :mod:`xpid.constants.curie` the patterns of HPO
ids and disease CURIEs. Every public name of both is re-exported here. This package
imports nothing from the rest of xpid.
"""

from xpid.constants import curie, hpo
from xpid.constants.curie import *  # noqa: F403 - the package face of both modules
from xpid.constants.hpo import *  # noqa: F403

__all__ = [*curie.__all__, *hpo.__all__]
