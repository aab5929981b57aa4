"""The shipped extraction data files against the bundled HPO release."""

from __future__ import annotations

from importlib import resources

import pytest

from xpid.extraction import Language, extract_findings, load_lexicon, parse_rules
from xpid.ontology import PHENOTYPIC_ABNORMALITY, Ontology


@pytest.mark.bundled
@pytest.mark.parametrize("lang", list(Language))
def test_added_ids_are_current_phenotypes(bundled_ontology: Ontology, lang: Language) -> None:
    name = f"lexicon_{lang.value}.tsv"
    text = resources.files("xpid.extraction").joinpath("data", name).read_text(encoding="utf-8")
    rules = parse_rules(text.splitlines(), source=name)
    root = bundled_ontology.index_of(PHENOTYPIC_ABNORMALITY)
    for term_id, phrase in rules.added:
        index = bundled_ontology.get_index(term_id)
        assert index is not None, f"{term_id} ({phrase}) is not a current id"
        assert bundled_ontology.is_ancestor(root, index), f"{term_id} ({phrase})"


@pytest.mark.bundled
def test_swedish_lexicon_covers_the_immunity_findings(bundled_ontology: Ontology) -> None:
    lexicon = load_lexicon(bundled_ontology, lang=Language.sv, use_cache=False)
    words = (
        "diarré, eksem, diabetes, enteropati, viktnedgång, alopeci, håravfall, "
        "psoriasisliknande hudinflammation, blåsor, tyreoidit, anemi, blodbrist, "
        "lymfkörtelförstoring, förstorad mjälte, splenomegali, födoämnesallergi, sepsis, "
        "blodförgiftning, infektioner"
    )
    found = [m.text for m in extract_findings(words, lexicon).mentions]
    assert found == [w.strip() for w in words.split(",")]
