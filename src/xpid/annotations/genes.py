"""The gene-to-disease map ``genes_to_disease.tsv`` of an HPO release.

Columns: ``ncbi_gene_id, gene_symbol, disease_id`` (tab-separated, one header line). The full
HPO release file has more columns (``association_type``, ``source``); extra columns are
ignored, and the three are found by name. A gene without a symbol (``-`` in the release)
is named by its NCBI Gene id.

>>> genes = parse_genes(["ncbi_gene_id\\tgene_symbol\\tdisease_id", "50615\\tIL21R\\tOMIM:615207"])
>>> genes["OMIM:615207"]
(Gene(symbol='IL21R', ncbi_id='50615'),)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from xpid.constants import DISEASE_ID
from xpid.errors import AnnotationFormatError
from xpid.io import parse_text_file

__all__ = ["Gene", "load_genes", "parse_genes"]

_REQUIRED = ("ncbi_gene_id", "gene_symbol", "disease_id")


@dataclass(frozen=True, slots=True, order=True)
class Gene:
    """A gene: HGNC symbol and NCBI Gene id as written (``"50615"`` or ``"NCBIGene:50615"``)."""

    symbol: str
    ncbi_id: str


def parse_genes(lines: Iterable[str], *, source: str = "<lines>") -> Mapping[str, tuple[Gene, ...]]:
    """Parse the lines of ``genes_to_disease.tsv``.

    Returns
    -------
    Mapping[str, tuple[Gene, ...]]
        Disease id → its genes, distinct and sorted by symbol.

    Raises
    ------
    AnnotationFormatError
        For a header without the three columns, a short row, an empty symbol or a bad
        disease id; names the file and line.
    """
    columns: tuple[int, int, int] | None = None
    found: dict[str, set[Gene]] = {}
    for number, raw in enumerate(lines, start=1):
        text = raw.rstrip("\r\n")
        if not text.strip() or text.startswith("#"):
            continue
        cells = text.split("\t")
        if columns is None:
            names = [c.strip() for c in cells]
            missing = [c for c in _REQUIRED if c not in names]
            if missing:
                raise AnnotationFormatError(
                    f"the header lacks the column(s) {', '.join(missing)}.",
                    path=source,
                    line=number,
                )
            columns = (
                names.index("ncbi_gene_id"),
                names.index("gene_symbol"),
                names.index("disease_id"),
            )
            width = len(names)
            continue
        if len(cells) != width:
            raise AnnotationFormatError(
                f"expected {width} tab-separated columns, found {len(cells)}.",
                path=source,
                line=number,
            )
        ncbi, symbol, disease = (cells[i].strip() for i in columns)
        if not symbol:
            raise AnnotationFormatError("empty gene_symbol.", path=source, line=number)
        if symbol == "-":  # no symbol in the release (10 rows): name the gene by its id
            symbol = ncbi if ":" in ncbi else f"NCBIGene:{ncbi}"
        if not DISEASE_ID.fullmatch(disease):
            raise AnnotationFormatError(
                f"disease_id {disease!r} is not a CURIE such as 'OMIM:304790'.",
                path=source,
                line=number,
            )
        found.setdefault(disease, set()).add(Gene(symbol, ncbi))
    if columns is None:
        raise AnnotationFormatError("no header line found.", path=source)
    return MappingProxyType({d: tuple(sorted(g)) for d, g in sorted(found.items())})


def load_genes(path: Path) -> Mapping[str, tuple[Gene, ...]]:
    """Read ``genes_to_disease.tsv`` (plain or ``.gz``) with :func:`parse_genes`.

    Raises
    ------
    DataError
        If the file cannot be read.
    AnnotationFormatError
        For a malformed row.
    """
    return parse_text_file(
        path, lambda lines, source: parse_genes(lines, source=source), what="gene file"
    )
