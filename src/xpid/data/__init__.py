"""Installed HPO releases: ``xpid data install``, ``list``, ``use`` and ``remove``.

The one part of xpid that may use the network, and only when it is given an http(s) URL.
Releases go to the user data directory (:func:`xpid.datafiles.default_data_home`, or
``XPID_DATA_HOME``); :func:`xpid.datafiles.locate_data` reads the active one from there.
"""

from __future__ import annotations

from xpid.data.archive import ArchiveLimits
from xpid.data.gather import PARTS, InstallReporter, ReleasePart
from xpid.data.install import InstallResult, install_release
from xpid.data.releases import (
    BUNDLED,
    InstalledRelease,
    ReleaseManifest,
    active_release_name,
    list_releases,
    remove_release,
    use_release,
)
from xpid.data.sources import (
    ArchiveSource,
    FolderSource,
    RemoteArchive,
    RemoteFolder,
    Source,
    parse_source,
)

__all__ = [
    "BUNDLED",
    "PARTS",
    "ArchiveLimits",
    "ArchiveSource",
    "FolderSource",
    "InstallReporter",
    "InstallResult",
    "InstalledRelease",
    "ReleaseManifest",
    "ReleasePart",
    "RemoteArchive",
    "RemoteFolder",
    "Source",
    "active_release_name",
    "install_release",
    "list_releases",
    "parse_source",
    "remove_release",
    "use_release",
]
