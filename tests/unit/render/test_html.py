"""The HTML report: content, escaping, self-containment, on the mini data."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import xpid
from xpid.knowledge import KnowledgeBase, load_knowledge_base
from xpid.render.html import render_ranking_html
from xpid.scoring.methods import Method
from xpid.sex import Sex


@pytest.fixture(scope="module")
def kb(mini_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load_knowledge_base(mini_dir, cache_dir=tmp_path_factory.mktemp("cache"))


def _document(kb: KnowledgeBase, method: Method = Method.LR) -> dict[str, Any]:
    patient = xpid.make_patient(kb, ["HP:0002719", "HP:0002028"], ["HP:0000964"], sex=Sex.MALE)
    ranking = xpid.rank(kb, patient, method=method, explain=2)
    return ranking.to_dict()


def test_report_holds_findings_differential_evidence_and_provenance(kb: KnowledgeBase) -> None:
    page = render_ranking_html(_document(kb))
    text = re.sub(r"<[^>]+>", " ", page)
    for expected in (
        "Recurrent infections",
        "Chronic diarrhea",
        "Findings explicitly excluded (1)",
        "sex: male",
        "post-test probability relative to the 5 diseases ranked",
        "Agammaglobulinemia, X-linked",
        "Why these diseases",
        "ln LR",
        "HPO release",
        "2099-01-01",
        "Limits",
    ):
        assert expected in text, expected
    # one evidence chart row per explained finding: two present, one excluded, one prior,
    # for each of the two explained diseases
    assert page.count("<svg") == 2 * 4


def test_similarity_report_says_scores_are_not_probabilities(kb: KnowledgeBase) -> None:
    page = render_ranking_html(_document(kb, Method.RESNIK_ONESIDED))
    assert "They are not probabilities" in page
    assert "post-test probability relative" not in page


def test_evidence_bars_point_by_sign(kb: KnowledgeBase) -> None:
    page = render_ranking_html(_document(kb))
    # an excluded finding the disease shows is evidence against: red, left of the zero line
    assert 'fill="var(--against)"' in page
    assert 'fill="var(--for)"' in page


def test_data_is_escaped_and_nothing_is_fetched(kb: KnowledgeBase) -> None:
    document = _document(kb)
    hostile = '<script>alert("x")</script><img src="http://example.org/x.png">'
    document["results"][0]["name"] = hostile
    document["patient"]["present"][0]["label"] = hostile
    page = render_ranking_html(document)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    # self-contained: no element that loads anything, no style that fetches
    tags = _tags(page)
    assert not {t for t, _ in tags} & {"script", "img", "link", "iframe", "object", "embed"}
    assert not [a for _, attrs in tags for a in attrs if a in {"src", "href", "srcset"}]
    style = page[page.index("<style>") : page.index("</style>")]
    assert "@import" not in style and "url(" not in style


def _tags(page: str) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, [name for name, _ in attrs]))

    Collect().feed(page)
    return found


def test_report_is_deterministic(kb: KnowledgeBase) -> None:
    assert render_ranking_html(_document(kb)) == render_ranking_html(_document(kb))


def test_suggestions_name_diseases(kb: KnowledgeBase) -> None:
    document = _document(kb)
    suggestion = {
        "id": "HP:0100651",
        "label": "Type I diabetes mellitus",
        "information_gain": 0.2,
        "probability_present": 0.3,
        "favours_if_present": ["OMIM:999002"],
        "favours_if_absent": ["OMIM:300755"],
    }
    page = render_ranking_html(
        document, suggestions=[suggestion], disease_names={"OMIM:999002": "Mini diabetes"}
    )
    assert "Findings to check next" in page
    assert "Mini diabetes" in page and "Agammaglobulinemia, X-linked" in page


def test_unlikely_banner(kb: KnowledgeBase) -> None:
    document = _document(kb)
    document["top_probability"] = 0.03
    assert "No diagnosis is likely" in render_ranking_html(document)
