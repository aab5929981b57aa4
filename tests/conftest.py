"""Shared fixtures.

The mini ontology in ``tests/fixtures/mini/hp.obo`` (real HPO ids, a handful of terms)::

    HP:0000001 All
    ├── HP:0000005 Mode of inheritance
    │   └── HP:0001419 X-linked recessive inheritance
    └── HP:0000118 Phenotypic abnormality
        ├── HP:0025031 Abnormality of the digestive system
        │   └── HP:0002014 Diarrhea            (exact synonyms: Diarrhoea, Watery stool)
        │       └── HP:0002028 Chronic diarrhea (alt_id HP:0099003)
        ├── HP:0000951 Abnormality of the skin
        │   └── HP:0000964 Eczema              (related synonym: Eczematoid dermatitis)
        ├── HP:0000818 Abnormality of the endocrine system ─┐
        ├── HP:0001939 Abnormality of metabolism/homeostasis ┴─ HP:0100651 Type I diabetes
        │                                                       mellitus (two parents)
        └── HP:0002715 Abnormality of the immune system
            └── HP:0002719 Recurrent infections

    obsolete: HP:0099001 (replaced_by HP:0002028), HP:0099002 (no replacement;
    consider HP:0002014)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xpid.ontology import Ontology, load_ontology

FIXTURES = Path(__file__).parent / "fixtures"
MINI_DIR = FIXTURES / "mini"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def mini_dir() -> Path:
    """Directory laid out like an HPO release, holding the mini ontology."""
    return MINI_DIR


@pytest.fixture(scope="session")
def mini_ontology() -> Ontology:
    """The mini ontology, compiled without touching any cache."""
    return load_ontology(MINI_DIR / "hp.obo", use_cache=False)


@pytest.fixture(scope="session")
def bundled_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache directory shared by the tests that use the bundled HPO."""
    return tmp_path_factory.mktemp("xpid-cache")


@pytest.fixture(scope="session")
def bundled_ontology(bundled_cache: Path) -> Ontology:
    """The full bundled HPO release (built once per session)."""
    from xpid.datafiles import locate_data

    return load_ontology(locate_data().obo, cache_dir=bundled_cache)


@pytest.fixture(autouse=True)
def _isolated_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Tests never read the user's cache or data settings."""
    monkeypatch.delenv("XPID_DATA_DIR", raising=False)
    monkeypatch.setenv("XPID_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "default-cache"))
