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

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

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
    """Tests never read the user's cache, data settings or installed releases."""
    monkeypatch.delenv("XPID_DATA_DIR", raising=False)
    monkeypatch.setenv("XPID_DATA_HOME", str(tmp_path_factory.getbasetemp() / "no-data-home"))
    monkeypatch.setenv("XPID_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "default-cache"))


@pytest.fixture(scope="session")
def mini_hpoa_path() -> Path:
    """The mini annotation file (five diseases; drawn in this module's docstring)."""
    return MINI_DIR / "phenotype.hpoa"


# --- headless Chromium: what a page shows -----------------------------------------------------
# A page is printed to PDF on A4 by Chromium and the PDF turned into text by ``pdftotext``
# (Debian packages ``chromium`` and ``poppler-utils``; ``.ci/run`` installs them): the text is
# what a reader sees on paper, laid out. Tests skip cleanly, saying why, without them.

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# Flags for a closed, root-run sandbox (no network lookups, no first-run work).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--hide-scrollbars",
)


def _skip_or_fail(reason: str) -> NoReturn:
    """Skip a browser test, or fail it where ``XPID_REQUIRE_BROWSER=1`` (CI) says it must run."""
    if os.environ.get("XPID_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def chromium() -> str:
    """The Chromium executable, or skip the test with the reason."""
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    _skip_or_fail("no headless Chromium installed (Debian: apt-get install chromium)")


def _visible_text(page: Path, tmp_path: Path) -> str:
    """The text of ``page`` as Chromium prints it on A4 (via PDF and ``pdftotext``)."""
    browser = chromium()
    if shutil.which("pdftotext") is None:
        _skip_or_fail("no pdftotext installed (Debian: apt-get install poppler-utils)")
    pdf = tmp_path / "page.pdf"
    subprocess.run(
        [
            browser,
            *FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    )
    return done.stdout.decode("utf-8")


@pytest.fixture
def page_text(tmp_path: Path) -> Callable[[Path], str]:
    """``page_text(path)``: the text of an HTML page as headless Chromium prints it on A4."""
    return lambda page: _visible_text(page, tmp_path)
