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

The mini annotations ``tests/fixtures/mini/phenotype.hpoa`` (five diseases over those terms;
``+`` present, ``-`` excluded; genes from ``genes_to_disease.tsv``)::

    OMIM:300755 Agammaglobulinemia, X-linked (BTK)     I: HP:0001419  C: HP:0003593 (onset)
    ├── + HP:0002719 Recurrent infections   7/8 PMID:1 (onset Infantile) + 1/2 PMID:2 → 8/10
    ├── + HP:0002014 Diarrhea               HP:0040282 Frequent
    └── - HP:0000964 Eczema                 0/5 (absent, so excluded)
    ORPHA:47 X-linked agammaglobulinemia (BTK)          I: HP:0001419
    ├── + HP:0002719 Recurrent infections   HP:0040281 Very frequent
    ├── + HP:0002028 Chronic diarrhea       HP:0040283 Occasional
    └── - HP:0100651 Type I diabetes        qualifier NOT
    OMIM:999001 Mini enteropathy with eczema (MINI1, MINI2)   C: HP:0003676
    ├── + HP:0002028 Chronic diarrhea       25% PMID:10;PMID:11 + HP:0040281 PMID:12 → 0.895
    └── + HP:0000964 Eczema                 unknown, sex FEMALE
    OMIM:999002 Mini diabetes                            M: HP:0003828 (ignored)
    ├── + HP:0100651 Type I diabetes        HP:0040280 Obligate
    └── + HP:0002014 Diarrhea               HP:0040284 Very rare
    DECIPHER:999 Mini deletion syndrome
    ├── + HP:0002014 Diarrhea               1/3
    └── - HP:0002719 Recurrent infections   HP:0040285 Excluded

The mini ontology has no Onset branch, so both ``C`` rows land in ``onset``.
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


@pytest.fixture(scope="session")
def mini_hpoa_path() -> Path:
    """The mini annotation file (five diseases; drawn in this module's docstring)."""
    return MINI_DIR / "phenotype.hpoa"
