"""Top-level organ systems of a term, on the mini ontology (drawn in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

from xpid.ontology import Ontology, load_ontology, organ_systems, primary_system


def test_a_term_under_two_systems_lists_both_by_id(mini_ontology: Ontology) -> None:
    assert organ_systems(mini_ontology, "HP:0100651") == [
        ("HP:0000818", "Abnormality of the endocrine system"),
        ("HP:0001939", "Abnormality of metabolism/homeostasis"),
    ]
    assert primary_system(mini_ontology, "HP:0100651") == (
        "HP:0000818",
        "Abnormality of the endocrine system",
    )


def test_alternative_ids_and_systems_themselves(mini_ontology: Ontology) -> None:
    digestive = [("HP:0025031", "Abnormality of the digestive system")]
    assert organ_systems(mini_ontology, "HP:0099003") == digestive  # alt id of HP:0002028
    assert organ_systems(mini_ontology, "HP:0025031") == digestive  # a system is its own


def test_non_phenotypes_and_unknown_terms_have_none(mini_ontology: Ontology) -> None:
    assert organ_systems(mini_ontology, "HP:0001419") == []  # an inheritance mode
    assert organ_systems(mini_ontology, "HP:0000118") == []  # the root itself
    assert primary_system(mini_ontology, "HP:9999999") is None


def test_cellular_phenotype_only_when_no_other_system(tmp_path: Path) -> None:
    terms = [
        ("HP:0000001", "All", None),
        ("HP:0000118", "Phenotypic abnormality", "HP:0000001"),
        ("HP:0025354", "Abnormal cellular phenotype", "HP:0000118"),
        ("HP:0040064", "Abnormality of limbs", "HP:0000118"),
        ("HP:0001000", "Cellular only", "HP:0025354"),
    ]
    text = ["format-version: 1.2", "data-version: hp/releases/2099-01-01", "ontology: hp", ""]
    for term_id, name, parent in terms:
        text += ["[Term]", f"id: {term_id}", f"name: {name}"]
        text += [f"is_a: {parent}"] if parent else []
        text.append("")
    text += ["[Term]", "id: HP:0001001", "name: Both", "is_a: HP:0025354", "is_a: HP:0040064", ""]
    path = tmp_path / "hp.obo"
    path.write_text("\n".join(text), encoding="utf-8")
    ontology = load_ontology(path, use_cache=False)
    assert [s for s, _ in organ_systems(ontology, "HP:0001001")] == ["HP:0025354", "HP:0040064"]
    assert primary_system(ontology, "HP:0001001") == ("HP:0040064", "Abnormality of limbs")
    assert primary_system(ontology, "HP:0001000") == ("HP:0025354", "Abnormal cellular phenotype")
