"""Install an HPO release from a URL, a folder or an archive: fetch, verify, compile, switch.

Everything happens in a fresh folder under ``staging/`` of the user data directory. The
release files are fetched or copied there under their own names (the HPO project's download
names ``hp.obo``, ``phenotype.hpoa``, ``genes_to_disease.txt``, or the bundled layout's
``.gz`` ones), then parsed and compiled exactly as every command will load them (the
knowledge-base cache is filled on the way), checked (the ontology has the Phenotypic
abnormality root, the annotations at least one disease) and only then renamed into
``releases/NAME``. Any failure before that rename (a download cut short, a refused archive, a
file that does not parse) deletes the staging folder and leaves the installed releases and
the active one as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

from xpid.data.archive import ArchiveLimits
from xpid.data.fetch import MAX_DOWNLOAD_BYTES
from xpid.data.gather import (
    MONDO_FOLDER,
    PARTS,
    Fetching,
    InstallReporter,
    copy_mondo_folder,
    gather_mondo,
    gather_release,
)
from xpid.data.releases import (
    BUNDLED,
    ReleaseManifest,
    check_release_name,
    read_manifest,
    release_dir,
    use_release,
    write_manifest,
)
from xpid.data.sources import Source
from xpid.datafiles import bundled_data_dir, default_data_home, file_sha256
from xpid.errors import DataError, XpidError
from xpid.ontology import PHENOTYPIC_ABNORMALITY

__all__ = ["InstallResult", "install_release"]

_STALE_STAGING_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class InstallResult:
    """The outcome of :func:`install_release`.

    Attributes
    ----------
    manifest
        The installed release's manifest.
    directory
        Its folder under ``releases/``.
    activated
        Whether it is now the active release.
    unchanged
        The same files were installed already under that name (nothing was replaced).
    replaced
        Other files under that name were replaced (``force``).
    notices
        Things the user should know (a missing optional file, dates that disagree).
    """

    manifest: ReleaseManifest
    directory: Path
    activated: bool
    unchanged: bool
    replaced: bool
    notices: tuple[str, ...]


def _clear_stale_staging(staging: Path) -> None:
    """Remove staging folders a killed install left (older than a day)."""
    cutoff = time.time() - _STALE_STAGING_SECONDS
    for entry in staging.iterdir():
        try:
            if entry.stat().st_mtime < cutoff:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            continue


def _verify(
    files: Path, where: str, cache_dir: Path | None, reporter: InstallReporter
) -> tuple[str, str, int, int]:
    """Parse and compile the release in ``files``: (obo release, hpoa version, terms,
    diseases)."""
    from xpid.knowledge import load_knowledge_base  # numpy, the profile store: only here

    try:
        kb = load_knowledge_base(files, cache_dir=cache_dir, on_build=reporter.building)
    except XpidError as exc:
        message = str(exc).replace(str(files) + os.sep, "")
        raise DataError(f"the release from {where!r} does not verify: {message}") from None
    if PHENOTYPIC_ABNORMALITY not in kb.ontology:
        raise DataError(
            f"the release from {where!r} does not verify: its ontology has no "
            f"{PHENOTYPIC_ABNORMALITY} (Phenotypic abnormality); expected the HPO."
        )
    if len(kb.store) == 0:
        raise DataError(
            f"the release from {where!r} does not verify: its annotations name no disease."
        )
    return kb.ontology.release, kb.store.hpoa_version, len(kb.ontology), len(kb.store)


def _gather_all(
    source: Source, mondo: Source | None, files: Path, staging: Path, fetching: Fetching
) -> tuple[str, str | None]:
    """Fetch the release (and its Mondo files) into ``files``: (source name, Mondo source
    name or ``None`` when there are no Mondo files at all)."""
    where, has_mondo = gather_release(source, files, staging, fetching)
    target = files / MONDO_FOLDER
    if mondo is not None:
        shutil.rmtree(target, ignore_errors=True)
        return where, gather_mondo(mondo, target, staging, fetching)
    if has_mondo:
        return where, where
    bundled = bundled_data_dir()
    if bundled is not None and (bundled / MONDO_FOLDER).is_dir():
        if copy_mondo_folder(bundled / MONDO_FOLDER, target):
            return where, BUNDLED
    return where, None


def _verify_mondo(files: Path, where: str, cache_dir: Path | None) -> str:
    """Parse the Mondo files the release carries; their release (``"unknown"`` if unstamped)."""
    from xpid.mondo import load_mondo

    try:
        return load_mondo(files / MONDO_FOLDER, cache_dir=cache_dir).version
    except XpidError as exc:
        message = str(exc).replace(str(files) + os.sep, "")
        raise DataError(f"the Mondo files from {where!r} do not verify: {message}") from None


def _release_name(name: str | None, obo_release: str, hpoa_version: str, where: str) -> str:
    if name is not None:
        return check_release_name(name)
    for candidate in (obo_release, hpoa_version):
        if candidate and candidate != "unknown":
            try:
                return check_release_name(candidate)
            except DataError:
                continue
    raise DataError(
        f"cannot tell the release of {where!r}: hp.obo has no usable data-version and "
        "phenotype.hpoa no #version; give it a name with --name."
    )


def _notices(files: Path, obo_release: str, hpoa_version: str) -> list[str]:
    notices = []
    for part in PARTS:
        if not part.required and not any((files / n).is_file() for n in part.names):
            notices.append(
                f"the release has no {part.official} ({part.what}): profiles will show no genes."
            )
    if obo_release != hpoa_version:
        notices.append(
            f"hp.obo is release {obo_release} but phenotype.hpoa version {hpoa_version}."
        )
    return notices


def _place(files: Path, target: Path, staging: Path, *, force: bool, name: str) -> bool:
    """Rename ``files`` to ``target``; returns whether an older copy was replaced."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        try:
            os.rename(files, target)
        except OSError as exc:
            raise DataError(
                f"cannot install release {name!r} into {str(target)!r} ({exc.strerror or exc})."
            ) from None
        return False
    if not force:
        raise DataError(
            f"release {name!r} is installed already with other files; remove it with 'xpid "
            "data remove' or replace it with --force."
        )
    old = staging / "replaced"
    try:
        os.rename(target, old)
    except OSError as exc:
        raise DataError(
            f"cannot replace release {name!r} in {str(target)!r} ({exc.strerror or exc})."
        ) from None
    try:
        os.rename(files, target)
    except OSError as exc:
        os.rename(old, target)
        raise DataError(
            f"cannot install release {name!r} into {str(target)!r} ({exc.strerror or exc})."
        ) from None
    return True


def install_release(
    source: Source,
    *,
    mondo: Source | None = None,
    home: Path | None = None,
    cache_dir: Path | None = None,
    name: str | None = None,
    activate: bool = True,
    force: bool = False,
    reporter: InstallReporter | None = None,
    limits: ArchiveLimits | None = None,
    max_download_bytes: int = MAX_DOWNLOAD_BYTES,
) -> InstallResult:
    """Fetch, verify, compile and install the release of ``source``; make it active.

    Parameters
    ----------
    source
        From :func:`xpid.data.parse_source`. Only ``RemoteFolder`` and ``RemoteArchive``
        use the network. A ``mondo/`` folder beside the HPO files comes along.
    mondo
        Where Mondo's mapping sets are, when not beside the HPO files. Without either, the
        bundled Mondo files are installed with the release, so that it groups diseases as
        the bundled release does.
    home
        The user data directory; default :func:`xpid.datafiles.default_data_home`.
    cache_dir
        Where the compiled knowledge base goes; default the user cache.
    name
        Install under this name instead of the ontology's release date.
    activate
        Make the release the one every command uses.
    force
        Replace an installed release of the same name that has other files.
    reporter
        Told of downloads and of the slow compile (:class:`InstallReporter`).
    limits, max_download_bytes
        Bounds on archives and downloads (the defaults suit HPO releases).

    Raises
    ------
    DataError
        On any failure; the installed releases and the active one are then unchanged.
    """
    reporter = reporter or InstallReporter()
    root = default_data_home() if home is None else home
    staging_root = root / "staging"
    try:
        staging_root.mkdir(parents=True, exist_ok=True)
        _clear_stale_staging(staging_root)
        staging = Path(tempfile.mkdtemp(prefix="install-", dir=staging_root))
    except OSError as exc:
        raise DataError(
            f"cannot write to the data directory {str(root)!r} ({exc.strerror or exc}); "
            "set XPID_DATA_HOME."
        ) from None
    try:
        files = staging / "release"
        files.mkdir()
        fetching = Fetching(reporter, limits or ArchiveLimits(), max_download_bytes)
        where, mondo_from = _gather_all(source, mondo, files, staging, fetching)
        obo_release, hpoa_version, terms, diseases = _verify(files, where, cache_dir, reporter)
        mondo_version = _verify_mondo(files, mondo_from, cache_dir) if mondo_from else None
        release = _release_name(name, obo_release, hpoa_version, where)
        shas = {
            p.relative_to(files).as_posix(): file_sha256(p)
            for p in sorted(files.rglob("*"))
            if p.is_file()
        }
        manifest = ReleaseManifest(
            name=release,
            hpo_release=obo_release,
            hpoa_version=hpoa_version,
            terms=terms,
            diseases=diseases,
            source=where,
            installed=datetime.now(UTC).isoformat(timespec="seconds"),
            files=MappingProxyType(shas),
            mondo_version=mondo_version,
            mondo_source=mondo_from,
        )
        write_manifest(files, manifest)
        target = release_dir(release, root)
        existing = read_manifest(target) if target.is_dir() else None
        unchanged = existing is not None and dict(existing.files) == shas
        replaced = False
        if unchanged and existing is not None:
            manifest = existing
        else:
            replaced = _place(files, target, staging, force=force, name=release)
        if activate:
            use_release(release, root)
        return InstallResult(
            manifest=manifest,
            directory=target,
            activated=activate,
            unchanged=unchanged,
            replaced=replaced,
            notices=tuple(_notices(target, obo_release, hpoa_version)),
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
