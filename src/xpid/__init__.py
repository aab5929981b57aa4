"""xpid: phenotype-driven differential diagnosis over the Human Phenotype Ontology."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("xpid")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
