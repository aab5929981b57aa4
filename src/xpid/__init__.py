"""xpid: phenotype-driven differential diagnosis over the Human Phenotype Ontology."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

try:
    __version__ = version("xpid")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0+unknown"

__all__ = ["__version__", "load"]

if TYPE_CHECKING:
    from xpid.knowledge.base import KnowledgeBase


def load(
    data_dir: Path | str | None = None,
    *,
    cache_dir: Path | str | None = None,
    use_cache: bool = True,
) -> KnowledgeBase:
    """Load the knowledge base (ontology, disease profiles, IC, disease arrays).

    The parts are compiled on first use and cached (``XPID_CACHE_DIR`` or the user cache);
    later loads take a fraction of a second. See
    :func:`xpid.knowledge.load_knowledge_base` for the parameters.

    Examples
    --------
    >>> import xpid  # doctest: +SKIP
    >>> kb = xpid.load()  # doctest: +SKIP
    >>> ranking = kb.rank(kb.patient(["HP:0002028", "HP:0000964", "HP:0100651"]))  # doctest: +SKIP
    """
    from xpid.knowledge.load import load_knowledge_base

    return load_knowledge_base(data_dir, cache_dir=cache_dir, use_cache=use_cache)
