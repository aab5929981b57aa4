"""The compiled ontology index: CURIEs at the edge, integer indices and CSR arrays inside.

An :class:`Ontology` holds every current (non-obsolete) term of one HPO release under an
integer index ``0..n-1`` (sorted by id), its labels, definitions and synonyms, the ``is_a``
parents, the reflexive ancestor and descendant closures as CSR arrays, each term's depth,
and maps from alternative and obsolete ids to current terms.

>>> from xpid.ontology.model import TermRecord
>>> onto = build_ontology(
...     [TermRecord("HP:0000001", "All"), TermRecord("HP:0000118", "Phenotypic abnormality",
...      parents=("HP:0000001",))], release="test")
>>> onto.ancestors(onto.index_of("HP:0000118")).tolist()
[0, 1]
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from xpid.constants import PHENOTYPIC_ABNORMALITY
from xpid.csr import csr_from_rows, row_of_entry
from xpid.errors import DataError
from xpid.ontology.model import Synonym, SynonymScope, Term, TermRecord
from xpid.ontology.wordings import abbreviation_texts, build_vocabulary, measure_texts
from xpid.text.distance import WordTable
from xpid.text.normalize import normalize_text

__all__ = ["Ontology", "build_ontology", "SearchKind"]

IntArray = npt.NDArray[np.int32]

INDEX_FORMAT_VERSION = 3
_SCOPES = tuple(SynonymScope)
"""Bump when the layout of :class:`Ontology` or the normalisation rules change."""


class SearchKind:
    """Codes of ``Ontology.search_kinds``: what kind of string a search text is."""

    LABEL = 0
    EXACT_SYNONYM = 1
    OTHER_SYNONYM = 2
    ABBREVIATION = 3
    """A clinical abbreviation from xpid's list (:mod:`xpid.ontology.wordings`)."""
    MEASURE = 4
    """The key of a laboratory wording ("decreased igg"; :mod:`xpid.text.measures`)."""


@dataclass(frozen=True, slots=True, eq=False)
class Ontology:
    """A compiled HPO release.

    Attributes
    ----------
    release : str
        The release (``data-version``), e.g. ``"2025-01-16"``.
    source_sha256 : str
        sha256 of the source file the index was built from.
    ids, labels, definitions : tuple of str, length n
        Per current term, sorted by id.
    synonym_texts, synonym_scopes, synonym_types
        All synonyms, flat: text, scope (position in ``SynonymScope``) and type id.
    synonym_indptr : int32 array, shape (n + 1,)
        Synonyms of term ``i`` are positions ``synonym_indptr[i]:synonym_indptr[i + 1]``.
    parent_indptr, parent_indices : int32 arrays, shapes (n + 1,), (n_edges,)
        CSR of direct ``is_a`` parents.
    child_indptr, child_indices : int32 arrays
        CSR of direct children (the transpose of the parents).
    ancestor_indptr, ancestor_indices : int32 arrays
        CSR of the reflexive ancestor closure (a term is its own ancestor), sorted.
    descendant_indptr, descendant_indices : int32 arrays
        CSR of the reflexive descendant closure, sorted.
    depth : int32 array, shape (n,)
        Length of the shortest ``is_a`` path from the root (root: 0).
    alt_ids : dict
        Alternative id → index of the current term that carries it.
    obsolete_replaced_by : dict
        Obsolete id → index of its ``replaced_by`` term.
    obsolete_consider : dict
        Obsolete id with no replacement → indices of its ``consider`` terms (may be empty).
    search_texts, search_terms, search_kinds
        Normalised label and synonym strings (and the derived abbreviations and laboratory
        keys of :mod:`xpid.ontology.wordings`), the term index each belongs to and its
        :class:`SearchKind`, for look-up and search.
    vocabulary, vocabulary_counts, vocabulary_table
        The distinct words of the search strings, sorted; the number of strings holding
        each; their code-point table for edit distances ("did you mean").
    """

    release: str
    source_sha256: str
    ids: tuple[str, ...]
    labels: tuple[str, ...]
    definitions: tuple[str, ...]
    synonym_texts: tuple[str, ...]
    synonym_scopes: npt.NDArray[np.int8]
    synonym_types: tuple[str, ...]
    synonym_indptr: IntArray
    parent_indptr: IntArray
    parent_indices: IntArray
    child_indptr: IntArray
    child_indices: IntArray
    ancestor_indptr: IntArray
    ancestor_indices: IntArray
    descendant_indptr: IntArray
    descendant_indices: IntArray
    depth: IntArray
    alt_ids: dict[str, int]
    obsolete_replaced_by: dict[str, int]
    obsolete_consider: dict[str, tuple[int, ...]]
    obsolete_labels: dict[str, str]
    search_texts: tuple[str, ...]
    search_terms: IntArray
    search_kinds: npt.NDArray[np.int8]
    vocabulary: tuple[str, ...]
    vocabulary_counts: IntArray
    vocabulary_table: WordTable = field(repr=False)
    _index: dict[str, int] = field(repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self._index

    def index_of(self, term_id: str) -> int:
        """Integer index of a current term id; ``KeyError`` if it is not current."""
        return self._index[term_id]

    def get_index(self, term_id: str) -> int | None:
        """Integer index of a current term id, or ``None``."""
        return self._index.get(term_id)

    def current_index(self, term_id: str) -> int | None:
        """Index of the current term for ``term_id``: itself, the term an alternative id
        belongs to, or an obsolete term's replacement; ``None`` for an unknown id (a file
        newer than the ontology) or an obsolete one without replacement. Silent: for data
        files; user input goes through :mod:`xpid.ontology.resolve`, which warns."""
        index = self._index.get(term_id)
        if index is None:
            index = self.alt_ids.get(term_id)
        if index is None:
            index = self.obsolete_replaced_by.get(term_id)
        return index

    def term(self, index: int) -> Term:
        """The term at ``index`` as a frozen value."""
        start, stop = self.synonym_indptr[index], self.synonym_indptr[index + 1]
        return Term(
            index=index,
            id=self.ids[index],
            label=self.labels[index],
            definition=self.definitions[index],
            synonyms=tuple(
                Synonym(
                    self.synonym_texts[k],
                    _SCOPES[int(self.synonym_scopes[k])],
                    self.synonym_types[k],
                )
                for k in range(int(start), int(stop))
            ),
            depth=int(self.depth[index]),
        )

    def parents(self, index: int) -> IntArray:
        """Direct ``is_a`` parents of ``index``, sorted."""
        return self.parent_indices[self.parent_indptr[index] : self.parent_indptr[index + 1]]

    def children(self, index: int) -> IntArray:
        """Direct children of ``index``, sorted."""
        return self.child_indices[self.child_indptr[index] : self.child_indptr[index + 1]]

    def ancestors(self, index: int) -> IntArray:
        """Reflexive ancestors of ``index`` (the term itself included), sorted."""
        return self.ancestor_indices[self.ancestor_indptr[index] : self.ancestor_indptr[index + 1]]

    def descendants(self, index: int) -> IntArray:
        """Reflexive descendants of ``index`` (the term itself included), sorted."""
        return self.descendant_indices[
            self.descendant_indptr[index] : self.descendant_indptr[index + 1]
        ]

    def n_descendants(self, index: int) -> int:
        """Number of proper descendants of ``index``."""
        return int(self.descendant_indptr[index + 1] - self.descendant_indptr[index] - 1)

    def is_ancestor(self, ancestor: int, index: int) -> bool:
        """Whether ``ancestor`` is ``index`` or one of its ancestors."""
        anc = self.ancestors(index)
        pos = int(np.searchsorted(anc, ancestor))
        return pos < len(anc) and int(anc[pos]) == ancestor

    def in_phenotype_branch(self, index: int) -> bool:
        """Whether ``index`` lies under Phenotypic abnormality (HP:0000118)."""
        root = self._index.get(PHENOTYPIC_ABNORMALITY)
        return root is not None and self.is_ancestor(root, index) and index != root

    def ancestor_mask(self, indices: Iterable[int]) -> npt.NDArray[np.bool_]:
        """Boolean mask, shape (n,), of the union of the reflexive ancestors of ``indices``."""
        mask = np.zeros(len(self.ids), dtype=bool)
        for index in indices:
            mask[self.ancestors(index)] = True
        return mask


def _csr(rows: Sequence[Sequence[int]]) -> tuple[IntArray, IntArray]:
    indptr, indices = csr_from_rows(rows)
    return indptr.astype(np.int32), indices


def _transpose(indptr: IntArray, indices: IntArray, n: int) -> tuple[IntArray, IntArray]:
    rows = row_of_entry(indptr).astype(np.int32)
    order = np.lexsort((rows, indices))
    counts = np.bincount(indices, minlength=n)
    t_indptr = np.zeros(n + 1, dtype=np.int32)
    t_indptr[1:] = np.cumsum(counts)
    return t_indptr, rows[order].astype(np.int32)


def build_ontology(
    records: Iterable[TermRecord], *, release: str, source_sha256: str = ""
) -> Ontology:
    """Compile term records into an :class:`Ontology`.

    Obsolete records do not get an index; their ids map to their replacement (or to the
    terms to consider). Parents that are unknown or obsolete are dropped.

    Raises
    ------
    DataError
        If the ``is_a`` graph has a cycle or two records share an id.
    """
    all_records = list(records)
    current = sorted((r for r in all_records if not r.obsolete), key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(current)}
    if len(index) != len(current):
        raise DataError("the ontology has two current terms with the same id.")
    n = len(current)

    parents = [sorted({index[p] for p in r.parents if p in index}) for r in current]
    parent_indptr, parent_indices = _csr(parents)
    child_indptr, child_indices = _transpose(parent_indptr, parent_indices, n)

    # Reflexive ancestor closure, in an order where every parent comes before its children.
    children: list[list[int]] = [[] for _ in range(n)]
    for child, plist in enumerate(parents):
        for p in plist:
            children[p].append(child)
    pending = [len(p) for p in parents]
    queue = deque(i for i in range(n) if pending[i] == 0)
    order: list[int] = []
    while queue:
        node = queue.popleft()
        order.append(node)
        for child in children[node]:
            pending[child] -= 1
            if pending[child] == 0:
                queue.append(child)
    if len(order) != n:
        raise DataError("the ontology's is_a graph has a cycle.")
    closure: list[frozenset[int]] = [frozenset()] * n
    for node in order:
        acc = {node}
        for p in parents[node]:
            acc |= closure[p]
        closure[node] = frozenset(acc)
    ancestor_indptr, ancestor_indices = _csr([sorted(c) for c in closure])
    descendant_indptr, descendant_indices = _transpose(ancestor_indptr, ancestor_indices, n)

    depth = np.full(n, -1, dtype=np.int32)
    for node in order:
        plist = parents[node]
        depth[node] = 0 if not plist else 1 + min(int(depth[p]) for p in plist)

    synonyms: list[Synonym] = []
    syn_rows: list[int] = []
    for r in current:
        syn_rows.append(len(r.synonyms))
        synonyms.extend(r.synonyms)
    synonym_indptr = np.zeros(n + 1, dtype=np.int32)
    synonym_indptr[1:] = np.cumsum(syn_rows)

    alt_ids: dict[str, int] = {}
    for i, r in enumerate(current):
        for alt in r.alt_ids:
            alt_ids[alt] = i
    replaced: dict[str, int] = {}
    consider: dict[str, tuple[int, ...]] = {}
    obsolete_labels: dict[str, str] = {}
    for r in all_records:
        if not r.obsolete:
            continue
        obsolete_labels[r.id] = r.label
        target = next((index[t] for t in r.replaced_by if t in index), None)
        if target is None:
            # An obsolete term whose only successor is an alt_id of a current term.
            target = next((alt_ids[t] for t in r.replaced_by if t in alt_ids), None)
        if target is not None:
            replaced[r.id] = target
        else:
            consider[r.id] = tuple(index[t] for t in r.consider if t in index)
        for alt in r.alt_ids:
            if target is not None:
                alt_ids.setdefault(alt, target)

    texts: list[str] = []
    terms: list[int] = []
    kinds: list[int] = []
    for i, r in enumerate(current):
        seen: set[str] = set()
        for text, kind in [(r.label, SearchKind.LABEL)] + [
            (
                s.text,
                SearchKind.EXACT_SYNONYM
                if s.scope is SynonymScope.EXACT
                else SearchKind.OTHER_SYNONYM,
            )
            for s in r.synonyms
        ]:
            norm = normalize_text(text)
            if norm and norm not in seen:
                seen.add(norm)
                texts.append(norm)
                terms.append(i)
                kinds.append(kind)
    _add_derived_texts(current, texts, terms, kinds)
    vocabulary, vocabulary_counts, vocabulary_table = build_vocabulary(texts)

    return Ontology(
        release=release,
        source_sha256=source_sha256,
        ids=tuple(r.id for r in current),
        labels=tuple(r.label for r in current),
        definitions=tuple(r.definition for r in current),
        synonym_texts=tuple(s.text for s in synonyms),
        synonym_scopes=np.asarray([_SCOPES.index(s.scope) for s in synonyms], dtype=np.int8),
        synonym_types=tuple(sys.intern(s.type) for s in synonyms),
        synonym_indptr=synonym_indptr,
        parent_indptr=parent_indptr,
        parent_indices=parent_indices,
        child_indptr=child_indptr,
        child_indices=child_indices,
        ancestor_indptr=ancestor_indptr,
        ancestor_indices=ancestor_indices,
        descendant_indptr=descendant_indptr,
        descendant_indices=descendant_indices,
        depth=depth,
        alt_ids=alt_ids,
        obsolete_replaced_by=replaced,
        obsolete_consider=consider,
        obsolete_labels=obsolete_labels,
        search_texts=tuple(texts),
        search_terms=np.asarray(terms, dtype=np.int32),
        search_kinds=np.asarray(kinds, dtype=np.int8),
        vocabulary=vocabulary,
        vocabulary_counts=vocabulary_counts,
        vocabulary_table=vocabulary_table,
        _index=index,
    )


def _add_derived_texts(
    current: Sequence[TermRecord], texts: list[str], terms: list[int], kinds: list[int]
) -> None:
    """Append the abbreviation and laboratory-key strings (see :mod:`.wordings`)."""
    named: dict[str, set[int]] = {}
    for text, term, kind in zip(texts, terms, kinds, strict=True):
        if kind != SearchKind.OTHER_SYNONYM:
            named.setdefault(text, set()).add(term)
    own = {(text, term) for text, term in zip(texts, terms, strict=True)}
    exact = [
        (r.label, [s.text for s in r.synonyms if s.scope is SynonymScope.EXACT]) for r in current
    ]
    for derived, kind in (
        (abbreviation_texts(named, set(named)), SearchKind.ABBREVIATION),
        (measure_texts(exact), SearchKind.MEASURE),
    ):
        for text, term in derived:
            if (text, term) not in own:
                own.add((text, term))
                texts.append(text)
                terms.append(term)
                kinds.append(kind)
