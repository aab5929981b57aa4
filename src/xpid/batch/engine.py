"""Which engine runs a batch: worker processes on this machine, or a Dask cluster.

The Dask engine (:mod:`xpid.batch.dask_engine`) needs the optional extra ``xpid[dask]``;
:func:`import_dask_engine` loads it only when asked for, so that xpid imports and runs
without Dask installed.
"""

from __future__ import annotations

import enum
import importlib
from types import ModuleType

from xpid.errors import XpidError

__all__ = ["DASK_INSTALL_HINT", "Engine", "import_dask_engine"]

DASK_INSTALL_HINT = "pip install 'xpid[dask]'"
"""The command that installs what the Dask engine needs (dask and distributed)."""


class Engine(enum.Enum):
    """Where ``xpid batch`` ranks: ``processes`` (``--jobs`` worker processes on this
    machine, :func:`xpid.batch.map_inputs`) or ``dask`` (a Dask distributed cluster,
    :func:`xpid.batch.dask_engine.map_inputs_on_dask`)."""

    PROCESSES = "processes"
    DASK = "dask"


def import_dask_engine() -> ModuleType:
    """The module :mod:`xpid.batch.dask_engine`.

    Raises
    ------
    XpidError
        When dask or distributed is not installed; the message says how to install them.
    """
    try:
        return importlib.import_module("xpid.batch.dask_engine")
    except ImportError as exc:
        missing = exc.name or "dask"
        if missing.split(".")[0] not in {"dask", "distributed"}:
            raise
        raise XpidError(
            f"the Dask engine needs dask and distributed, which are not installed (no module "
            f"{missing!r}): {DASK_INSTALL_HINT}."
        ) from None
