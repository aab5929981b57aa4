"""Mondo as xpid uses it: which source ids name one disease, and how diseases nest.

The Mondo Disease Ontology (Vasilevsky et al., medRxiv 2022) gives every disease one id
(``MONDO:0010580``) and maps it to the ids other resources use for the same disease. xpid
reads three kinds of facts from its release files (:mod:`xpid.mondo.load`):

- **Exact matches** (``skos:exactMatch``): ``OMIM:304790`` and ``ORPHA:37042`` are both
  ``MONDO:0010580`` (IPEX), so they name one disease. Phenotypic series
  (``OMIMPS:300755``-style ids) are exact matches of the Mondo class that groups the
  series' entries.
- **DECIPHER cross-references** (``oboInOwl:hasDbXref``): weaker than an exact match in
  Mondo's terms, but the only link Mondo gives from a DECIPHER syndrome to its disease; xpid
  treats them as identity (``DECIPHER:4`` and ``DECIPHER:54``, the two Angelman types, are
  both ``MONDO:0007113`` Angelman syndrome).
- **Subclass edges** of Mondo's rare-disease subset: ``MONDO:0020740`` (NEMO deficiency) is a
  subclass of ``MONDO:0010293`` (ectodermal dysplasia and immune deficiency, an Orphanet
  group).

Other predicates (close, broad or narrow matches) are not identity and are ignored.
**Obsolete classes** are those whose label starts with ``obsolete`` (Mondo's convention);
their mappings are kept only to explain an obsolete id, never to join records.

Ids are kept in the form the HPO annotations use: Orphanet's ``Orphanet:NNN`` becomes
``ORPHA:NNN`` (:func:`normalise_source_id`).

>>> mondo = build_mondo([], [("MONDO:0000002", "MONDO:0000001")], version="test")
>>> mondo.parents("MONDO:0000002"), mondo.children("MONDO:0000001")
(('MONDO:0000001',), ('MONDO:0000002',))
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from xpid.errors import DataError
from xpid.mondo.sssom import MONDO_ID, MappingSet

__all__ = [
    "Mondo",
    "build_mondo",
    "normalise_source_id",
    "EXACT_MATCH",
    "DATABASE_XREF",
    "SOURCE_PREFIXES",
]

EXACT_MATCH = "skos:exactMatch"
DATABASE_XREF = "oboInOwl:hasDbXref"

_PREFIXES = {
    "OMIM": "OMIM",
    "MIM": "OMIM",
    "ORPHA": "ORPHA",
    "ORPHANET": "ORPHA",
    "DECIPHER": "DECIPHER",
    "OMIMPS": "OMIMPS",
    "MONDO": "MONDO",
}
SOURCE_PREFIXES = ("OMIM", "ORPHA", "DECIPHER", "OMIMPS")
"""Prefixes of the source ids xpid maps to MONDO ids, in xpid's spelling."""

_XREF_PREFIXES = frozenset({"DECIPHER"})
"""Sources whose ``hasDbXref`` mappings count as identity (see the module docstring)."""


def normalise_source_id(curie: str) -> str:
    """A disease CURIE in xpid's spelling: known prefixes upper-cased, ``Orphanet`` → ``ORPHA``.

    >>> normalise_source_id("Orphanet:37042"), normalise_source_id("mondo:0010580")
    ('ORPHA:37042', 'MONDO:0010580')
    >>> normalise_source_id("GARD:1")
    'GARD:1'
    """
    prefix, sep, local = curie.strip().partition(":")
    if not sep:
        return curie.strip()
    return f"{_PREFIXES.get(prefix.upper(), prefix)}:{local}"


def _is_obsolete_label(label: str) -> bool:
    return label.lower().startswith("obsolete ")


@dataclass(frozen=True, slots=True, eq=False)
class Mondo:
    """Mondo's identity and subclass facts for the diseases xpid ranks (read-only).

    Build one with :func:`build_mondo` or :func:`xpid.mondo.load_mondo`; the mappings are
    plain dicts so that the value pickles into the cache, and are not to be modified.

    Attributes
    ----------
    version
        The Mondo release of the mapping sets (``"2026-08-04"``), ``"unknown"`` when
        their headers do not say.
    key
        Hash of the files it was built from (``""`` when built from values).
    labels
        MONDO id → label, for every class of the mapping sets (obsolete ones too).
    obsolete
        MONDO ids of obsolete classes.
    matches
        MONDO id → its source ids (``OMIM:…``, ``ORPHA:…``, ``DECIPHER:…``, ``OMIMPS:…``),
        sorted; obsolete classes included.
    concept
        Source id → the current MONDO id it names.
    parents_of, children_of
        MONDO id → direct superclasses / subclasses (rare-disease subset), sorted.
    conflicts
        Source ids that exact-match more than one current class (each is kept on the
        first class by id); empty in the 2026-08-04 release.
    """

    version: str
    key: str
    labels: Mapping[str, str]
    obsolete: frozenset[str]
    matches: Mapping[str, tuple[str, ...]]
    concept: Mapping[str, str]
    parents_of: Mapping[str, tuple[str, ...]]
    children_of: Mapping[str, tuple[str, ...]]
    conflicts: tuple[str, ...] = ()

    def __contains__(self, mondo_id: object) -> bool:
        """Whether ``mondo_id`` is a class of this release (current or obsolete)."""
        return any(mondo_id in m for m in (self.labels, self.parents_of, self.children_of))

    def __repr__(self) -> str:
        return (
            f"Mondo({self.version}, {len(self.concept)} source ids, "
            f"{sum(len(v) for v in self.parents_of.values())} subclass edges)"
        )

    @property
    def n_current(self) -> int:
        """Current classes that some source id maps to."""
        return len(set(self.concept.values()))

    def is_obsolete(self, mondo_id: str) -> bool:
        """Whether ``mondo_id`` is an obsolete class."""
        return mondo_id in self.obsolete

    def label(self, mondo_id: str) -> str | None:
        """The class's label, or ``None`` when no mapping set names it."""
        return self.labels.get(mondo_id)

    def concept_of(self, disease_id: str) -> str | None:
        """The current MONDO id of a disease id, or ``None``.

        A source id (any spelling :func:`normalise_source_id` accepts) gives the class it
        maps to; a current MONDO id gives itself; an obsolete or unknown one ``None``.

        >>> m = build_mondo([], [("MONDO:0000002", "MONDO:0000001")], version="t")
        >>> m.concept_of("MONDO:0000002"), m.concept_of("OMIM:1")
        ('MONDO:0000002', None)
        """
        curie = normalise_source_id(disease_id)
        if curie.startswith("MONDO:"):
            known = curie in self and curie not in self.obsolete
            return curie if known else None
        return self.concept.get(curie)

    def exact_matches(self, mondo_id: str, prefix: str | None = None) -> tuple[str, ...]:
        """Source ids of ``mondo_id`` (sorted), optionally only those with ``prefix``."""
        found = self.matches.get(mondo_id, ())
        if prefix is None:
            return found
        return tuple(s for s in found if s.split(":", 1)[0] == prefix)

    def parents(self, mondo_id: str) -> tuple[str, ...]:
        """Direct superclasses, sorted."""
        return self.parents_of.get(mondo_id, ())

    def children(self, mondo_id: str) -> tuple[str, ...]:
        """Direct subclasses, sorted."""
        return self.children_of.get(mondo_id, ())

    def siblings(self, mondo_id: str) -> tuple[str, ...]:
        """The other subclasses of ``mondo_id``'s parents, sorted."""
        found = {c for p in self.parents(mondo_id) for c in self.children(p)}
        found.discard(mondo_id)
        return tuple(sorted(found))

    def _walk(self, start: str, step: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        queue = deque(step.get(start, ()))
        while queue:
            node = queue.popleft()
            if node in seen or node == start:
                continue
            seen[node] = None
            queue.extend(step.get(node, ()))
        return tuple(seen)

    def ancestors(self, mondo_id: str) -> tuple[str, ...]:
        """Every superclass (not the class itself), nearest first (breadth-first)."""
        return self._walk(mondo_id, self.parents_of)

    def descendants(self, mondo_id: str) -> tuple[str, ...]:
        """Every subclass (not the class itself), nearest first (breadth-first)."""
        return self._walk(mondo_id, self.children_of)

    def series_id(self, mondo_id: str) -> str | None:
        """The OMIM phenotypic series (``OMIMPS:…``) a class stands for, or ``None``."""
        found = self.exact_matches(mondo_id, "OMIMPS")
        return found[0] if found else None

    def series_of(self, mondo_id: str) -> tuple[str, ...]:
        """The classes among ``mondo_id``'s superclasses that stand for an OMIM phenotypic
        series, nearest first."""
        return tuple(a for a in self.ancestors(mondo_id) if self.series_id(a) is not None)

    def edges(self) -> Iterator[tuple[str, str]]:
        """Every ``(child, parent)`` subclass edge, by child then parent."""
        for child in sorted(self.parents_of):
            for parent in self.parents_of[child]:
                yield child, parent


def build_mondo(
    mapping_sets: Sequence[MappingSet],
    edges: Iterable[tuple[str, str]],
    *,
    version: str | None = None,
    key: str = "",
) -> Mondo:
    """Build a :class:`Mondo` from parsed mapping sets and subclass edges (pure).

    Parameters
    ----------
    mapping_sets
        Parsed SSSOM sets (:func:`xpid.mondo.sssom.parse_sssom`). Rows with
        ``skos:exactMatch``, and ``oboInOwl:hasDbXref`` rows to DECIPHER, are used.
    edges
        ``(child, parent)`` pairs of MONDO ids.
    version
        The release to record; by default the mapping sets' common ``version``.
    key
        Recorded as :attr:`Mondo.key`.

    Raises
    ------
    DataError
        If the mapping sets come from different Mondo releases (and ``version`` is not
        given).
    """
    if version is None:
        versions = {s.version for s in mapping_sets if s.version != "unknown"}
        if len(versions) > 1:
            shown = ", ".join(f"{s.source} ({s.version})" for s in mapping_sets)
            raise DataError(
                f"the Mondo mapping sets come from different releases: {shown}; "
                "expected the files of one release."
            )
        version = versions.pop() if versions else "unknown"
    labels: dict[str, str] = {}
    obsolete: set[str] = set()
    matches: dict[str, set[str]] = {}
    claims: dict[str, set[str]] = {}
    for mapping_set in mapping_sets:
        for row in mapping_set.mappings:
            target = normalise_source_id(row.object_id)
            prefix = target.split(":", 1)[0]
            if row.predicate_id != EXACT_MATCH and not (
                row.predicate_id == DATABASE_XREF and prefix in _XREF_PREFIXES
            ):
                continue
            subject = row.subject_id
            if row.subject_label:
                labels.setdefault(subject, row.subject_label)
            matches.setdefault(subject, set()).add(target)
            if _is_obsolete_label(row.subject_label):
                obsolete.add(subject)
            else:
                claims.setdefault(target, set()).add(subject)
    concept: dict[str, str] = {}
    conflicts: list[str] = []
    for target, subjects in sorted(claims.items()):
        current = sorted(s for s in subjects if s not in obsolete)
        if not current:
            continue
        concept[target] = current[0]
        if len(current) > 1:
            conflicts.append(target)
    for target in conflicts:
        for extra in sorted(claims[target])[1:]:
            matches[extra].discard(target)
    parents: dict[str, set[str]] = {}
    children: dict[str, set[str]] = {}
    for child, parent in edges:
        if not (MONDO_ID.fullmatch(child) and MONDO_ID.fullmatch(parent)):
            raise DataError(f"a Mondo subclass edge needs two MONDO ids, got {child!r} {parent!r}.")
        parents.setdefault(child, set()).add(parent)
        children.setdefault(parent, set()).add(child)
    return Mondo(
        version=version,
        key=key,
        labels=dict(sorted(labels.items())),
        obsolete=frozenset(obsolete),
        matches={m: tuple(sorted(v)) for m, v in sorted(matches.items())},
        concept=concept,
        parents_of={c: tuple(sorted(v)) for c, v in sorted(parents.items())},
        children_of={p: tuple(sorted(v)) for p, v in sorted(children.items())},
        conflicts=tuple(conflicts),
    )
