"""British/American spelling, punctuation and plural normalisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xpid.text import normalize_text, stem_token, tokenize


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("Diarrhoea", "Diarrhea"),
        ("Oesophageal atresia", "Esophageal atresia"),
        ("Haemolytic anaemia", "Hemolytic anemia"),
        ("Oedema", "Edema"),
        ("Paediatric", "Pediatric"),
        ("Leukaemia", "Leukemia"),
        ("Tumour", "Tumor"),
        ("Coeliac disease", "Celiac disease"),
        ("Faecal incontinence", "Fecal incontinence"),
        ("Grey matter", "Gray matter"),
        ("Haematopoiesis", "Hematopoiesis"),
        ("Centre", "Center"),
        ("Paralysed", "Paralyzed"),
        ("Hospitalisation", "Hospitalization"),
    ],
)
def test_british_equals_american(british: str, american: str) -> None:
    assert normalize_text(british) == normalize_text(american)


def test_punctuation_and_case() -> None:
    assert normalize_text("  Type-I   diabetes/mellitus! ") == "type i diabetes mellitus"
    assert normalize_text("Café-au-lait") == "cafe au lait"


def test_word_final_oe_is_kept() -> None:
    assert normalize_text("toe") == "toe"
    assert normalize_text("Exercise intolerance") == "exercise intolerance"


def test_stemming() -> None:
    assert stem_token("infections") == "infection"
    assert stem_token("abscess") == "abscess"
    assert tokenize("Recurrent infections") == ["recurrent", "infection"]


@given(st.text(max_size=40))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
