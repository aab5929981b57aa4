"""The gene-to-disease map."""

from __future__ import annotations

from pathlib import Path

import pytest

from xpid.annotations.genes import Gene, load_genes, parse_genes
from xpid.errors import AnnotationFormatError


def test_genes_sorted_and_distinct(mini_dir: Path) -> None:
    genes = load_genes(mini_dir / "genes_to_disease.tsv")
    assert genes["OMIM:999001"] == (Gene("MINI1", "90001"), Gene("MINI2", "90002"))
    assert genes["ORPHA:47"] == (Gene("BTK", "695"),)


def test_extra_columns_are_ignored() -> None:
    genes = parse_genes(
        [
            "gene_symbol\tncbi_gene_id\tassociation_type\tdisease_id\tsource",
            "BTK\tNCBIGene:695\tMENDELIAN\tOMIM:300755\tx",
            "BTK\tNCBIGene:695\tMENDELIAN\tOMIM:300755\tx",
        ]
    )
    assert genes["OMIM:300755"] == (Gene("BTK", "NCBIGene:695"),)


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        (["ncbi_gene_id\tgene_symbol"], 1, "lacks the column"),
        (["ncbi_gene_id\tgene_symbol\tdisease_id", "1\tA"], 2, "expected 3"),
        (["ncbi_gene_id\tgene_symbol\tdisease_id", "1\t\tOMIM:1"], 2, "empty gene_symbol"),
        (["ncbi_gene_id\tgene_symbol\tdisease_id", "1\tA\tomim 1"], 2, "disease_id"),
    ],
)
def test_malformed(lines: list[str], line: int, message: str) -> None:
    with pytest.raises(AnnotationFormatError, match=message) as info:
        parse_genes(lines, source="g.tsv")
    assert info.value.line == line


def test_a_gene_without_symbol_is_named_by_its_id() -> None:
    genes = parse_genes(
        ["ncbi_gene_id\tgene_symbol\tdisease_id", "10108\t-\tOMIM:176270", "NCBIGene:7\t-\tOMIM:1"]
    )
    assert genes["OMIM:176270"] == (Gene("NCBIGene:10108", "10108"),)
    assert genes["OMIM:1"] == (Gene("NCBIGene:7", "NCBIGene:7"),)
