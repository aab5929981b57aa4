"""The version of the installed xpid (imports nothing from the rest of xpid)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("xpid")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0+unknown"
