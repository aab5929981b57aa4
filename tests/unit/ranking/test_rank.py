"""The ranking engine on the mini ontology and annotations (drawings in tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import xpid
from xpid.errors import QueryError, UnknownNameError
from xpid.knowledge import Corpus, KnowledgeBase, load_knowledge_base
from xpid.ranking.rank import order_rows
from xpid.scoring.methods import Aggregation, Method
from xpid.sex import Sex


@pytest.fixture(scope="module")
def kb(mini_dir: Path) -> KnowledgeBase:
    return load_knowledge_base(mini_dir, use_cache=False)


def ids(ranking_results: tuple[object, ...]) -> list[str]:
    return [r.disease_id for r in ranking_results]  # type: ignore[attr-defined]


@pytest.mark.parametrize("method", list(Method))
def test_best_disease_first_for_every_method(kb: KnowledgeBase, method: Method) -> None:
    patient = xpid.make_patient(kb, ["HP:0002028", "HP:0000964"])
    ranking = xpid.rank(kb, patient, method=method, top=3)
    assert ranking.results[0].disease_id == "OMIM:999001"
    assert ranking.results[0].rank == 1
    assert ranking.results[0].matched == 2
    assert ranking.results[0].total == 2


def test_every_disease_is_ranked_once(kb: KnowledgeBase) -> None:
    ranking = xpid.rank(kb, xpid.make_patient(kb, ["HP:0002014"]))
    assert ranking.n_ranked == len(kb.disease_ids)
    assert sorted(ranking.order_ids) == sorted(kb.disease_ids)
    assert len(ranking.results) == ranking.n_ranked
    assert list(ranking.scores) == sorted(ranking.scores, reverse=True)


def test_corpus_restricts_the_ranked_diseases(kb: KnowledgeBase) -> None:
    ranking = xpid.rank(kb, xpid.make_patient(kb, ["HP:0002014"]), corpus=Corpus.OMIM)
    assert all(d.startswith("OMIM:") for d in ranking.order_ids)
    assert ranking.settings.corpus is Corpus.OMIM


def test_excluded_finding_counts_against_a_disease_that_shows_it(kb: KnowledgeBase) -> None:
    plain = xpid.rank(kb, xpid.make_patient(kb, ["HP:0002014"]), method=Method.RESNIK_ONESIDED)
    lacking = xpid.rank(
        kb, xpid.make_patient(kb, ["HP:0002014"], ["HP:0002719"]), method=Method.RESNIK_ONESIDED
    )
    score = {r.disease_id: r.score for r in plain.results}
    score_ex = {r.disease_id: r.score for r in lacking.results}
    # XLA shows recurrent infections in 8 of 10 (pooled 7/8 + 1/2): a big penalty.
    assert score_ex["OMIM:300755"] < score["OMIM:300755"]
    # DECIPHER:999 is annotated as lacking it: no penalty.
    assert score_ex["DECIPHER:999"] == pytest.approx(score["DECIPHER:999"])
    assert lacking.tie_ranks("OMIM:300755")[1] > plain.tie_ranks("OMIM:300755")[1]  # type: ignore[index]


def test_absent_annotation_counts_against(kb: KnowledgeBase) -> None:
    patient = xpid.make_patient(kb, ["HP:0002719", "HP:0100651"])
    resnik = Method.RESNIK_ONESIDED
    on = {r.disease_id: r.score for r in xpid.rank(kb, patient, method=resnik).results}
    off = {
        r.disease_id: r.score
        for r in xpid.rank(kb, patient, method=resnik, absence_weight=0.0).results
    }
    assert on["ORPHA:47"] < off["ORPHA:47"]  # NOT Type I diabetes mellitus
    assert on["OMIM:300755"] == pytest.approx(off["OMIM:300755"])


def test_explanation(kb: KnowledgeBase) -> None:
    patient = xpid.make_patient(kb, ["HP:0002719"], ["HP:0002014"])
    ranking = xpid.rank(kb, patient, method=Method.RESNIK_ONESIDED, explain=10)
    xla = next(r for r in ranking.results if r.disease_id == "OMIM:300755")
    assert xla.explanation is not None
    (finding,) = xla.explanation.findings
    assert finding.id == "HP:0002719"
    assert finding.kind == "exact"
    assert finding.match_frequency == "8/10"  # 7/8 and 1/2 pooled
    (excluded,) = xla.explanation.excluded
    assert excluded.disease_probability == pytest.approx(0.545)
    # Resnik's unit is the term's IC, 0 for Diarrhea here (every mini disease shows it);
    # Lin's unit is 1: the penalty is the frequency over the number of present findings.
    assert excluded.penalty == 0.0
    lin = xpid.rank(kb, patient, method=Method.LIN_ONESIDED, explain=10, exclusion_weight=1.0)
    xla_lin = next(r for r in lin.results if r.disease_id == "OMIM:300755")
    assert xla_lin.explanation is not None
    assert xla_lin.explanation.excluded[0].penalty == pytest.approx(0.545)
    lacks = [u for u in xla.explanation.unreported if u.id == "HP:0002014"]
    assert lacks and lacks[0].patient_lacks
    decipher = next(r for r in ranking.results if r.disease_id == "DECIPHER:999")
    assert decipher.explanation is not None
    assert decipher.explanation.findings[0].absent_in_disease == "HP:0002719"
    # The contributions add up to the base score for the one-sided method.
    assert sum(f.contribution for f in xla.explanation.findings) - excluded.penalty == (
        pytest.approx(xla.score)
    )


def test_masking_removes_the_cited_sources(kb: KnowledgeBase) -> None:
    patient = xpid.make_patient(kb, ["HP:0002719"])
    refs = {"PMID:1", "PMID:2"}
    for method in (Method.RESNIK_ONESIDED, Method.LR):
        plain = {r.disease_id: r.score for r in xpid.rank(kb, patient, method=method).results}
        masked = {
            r.disease_id: r.score
            for r in xpid.rank(kb, patient, method=method, mask_references=refs).results
        }
        # Every XLA phenotype row cites PMID:1 or PMID:2.
        assert masked["OMIM:300755"] < plain["OMIM:300755"]
        assert masked["ORPHA:47"] == pytest.approx(plain["ORPHA:47"])
        if method is Method.RESNIK_ONESIDED:
            assert masked["OMIM:300755"] == pytest.approx(0.0)


def test_ties_share_the_best_rank_and_are_ordered_by_id() -> None:
    rows = np.arange(5, dtype=np.int64)
    scores = np.array([1.0, 3.0, 3.0 + 1e-13, 2.0, 3.0])
    ordered, key, ranks = order_rows(scores, rows)
    assert ordered.tolist() == [1, 2, 4, 3, 0]
    assert ranks.tolist() == [1, 1, 1, 4, 5]


def test_tie_ranks_average_and_worst(kb: KnowledgeBase) -> None:
    ranking = xpid.rank(kb, xpid.make_patient(kb, ["HP:0025031"]), method=Method.RESNIK_ONESIDED)
    groups: dict[float, list[str]] = {}
    for d, s in zip(ranking.order_ids, ranking.scores, strict=True):
        groups.setdefault(float(s), []).append(d)
    tied = next(g for g in groups.values() if len(g) > 1)
    avg, best, worst = ranking.tie_ranks(tied[0])  # type: ignore[misc]
    assert worst - best == len(tied) - 1
    assert avg == (best + worst) / 2


def test_panel_and_unknown_panel(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownNameError, match="unknown panel 'nope'"):
        xpid.rank(kb, xpid.make_patient(kb, ["HP:0002014"]), panel="nope")


def test_query_errors(kb: KnowledgeBase) -> None:
    with pytest.raises(QueryError, match="only excluded"):
        xpid.make_patient(kb, [], ["HP:0002014"])
    with pytest.raises(QueryError, match="no findings"):
        xpid.make_patient(kb, [])


def test_json_round_trip_is_stable(kb: KnowledgeBase) -> None:
    patient = xpid.make_patient(kb, ["HP:0002028"], sex=Sex.MALE)
    one = xpid.rank(kb, patient, top=3, explain=1).to_dict()
    two = xpid.rank(kb, patient, top=3, explain=1).to_dict()
    assert one == two
    text = json.dumps(one)
    assert json.loads(text)["results"][0]["disease_id"] == "OMIM:999001"
    assert one["patient"]["sex"] == "male"
    assert one["hpo_release"] == "2099-01-01"
    assert set(one) >= {"xpid_version", "method", "corpus", "parameters", "results"}


def test_lr_sex_prior_and_panel_as_prior(kb: KnowledgeBase) -> None:
    # OMIM:300755 (XLA) is X-linked recessive only: a female patient lowers its prior.
    male = xpid.rank(kb, xpid.make_patient(kb, ["HP:0002719"], sex=Sex.MALE), method=Method.LR)
    female = xpid.rank(kb, xpid.make_patient(kb, ["HP:0002719"], sex=Sex.FEMALE), method=Method.LR)
    assert female.probability_of("OMIM:300755") < male.probability_of("OMIM:300755")  # type: ignore[operator]
    sexless = xpid.rank(kb, xpid.make_patient(kb, ["HP:0002719"]), method=Method.LR, explain=5)
    assert sexless.n_ranked == len(kb.disease_ids)
    assert all(r.probability is not None for r in sexless.results)


def test_lr_excluded_obligate_finding_lowers_the_disease(kb: KnowledgeBase) -> None:
    # OMIM:999002 has Type I diabetes mellitus as obligate (HP:0040280).
    plain = xpid.rank(kb, xpid.make_patient(kb, ["HP:0002014"]), method=Method.LR)
    lacking = xpid.rank(kb, xpid.make_patient(kb, ["HP:0002014"], ["HP:0100651"]), method=Method.LR)
    assert lacking.probability_of("OMIM:999002") < plain.probability_of("OMIM:999002")  # type: ignore[operator]


def test_suggest_prefers_the_finding_that_separates_the_leaders(kb: KnowledgeBase) -> None:
    from xpid.ranking.suggest import entropy, suggest_findings

    # Diarrhea alone: every mini disease shows it. Recurrent infections splits them
    # (XLA and ORPHA:47 have it, DECIPHER:999 lacks it, the others do not mention it).
    patient = xpid.make_patient(kb, ["HP:0002014"])
    ranking = xpid.rank(kb, patient, method=Method.LR)
    suggestions = suggest_findings(kb, ranking, n=20, k=5)
    ids = [s.id for s in suggestions]
    assert "HP:0002014" not in ids  # already reported
    assert "HP:0002719" in ids
    infections = suggestions[ids.index("HP:0002719")]
    assert "OMIM:300755" in infections.favours_if_present
    assert "DECIPHER:999" not in infections.favours_if_present
    assert [s.information_gain for s in suggestions] == sorted(
        (s.information_gain for s in suggestions), reverse=True
    )
    assert entropy(np.array([0.5, 0.5])) == pytest.approx(np.log(2))


@pytest.mark.parametrize("method", [Method.LR, Method.RESNIK_ONESIDED], ids=lambda m: m.value)
@pytest.mark.parametrize(
    ("present", "excluded"),
    [(["HP:0002014"], []), (["HP:0002014"], ["HP:0100651"]), (["HP:0002719"], ["HP:0002028"])],
)
def test_suggest_gain_is_what_ranking_again_would_show(
    kb: KnowledgeBase, present: list[str], excluded: list[str], method: Method
) -> None:
    # The reference: rank again with each suggested finding added as present and as
    # excluded (the patient rules drop what it makes redundant) and take the expected
    # entropy of the leaders' renormalised probabilities.
    from xpid.ranking.suggest import entropy, suggest_findings

    k = 4
    patient = xpid.make_patient(kb, present, excluded)
    # The leaders are the ranking's (any method); their probabilities are lr's.
    ranking = xpid.rank(kb, patient, method=method)
    leaders = list(ranking.order_ids[:k])

    def leader_probabilities(r: object) -> np.ndarray:
        p = np.array([r.probability_of(d) for d in leaders])  # type: ignore[attr-defined]
        return p / p.sum()

    pi = leader_probabilities(xpid.rank(kb, patient, method=Method.LR))
    suggestions = suggest_findings(kb, ranking, n=50, k=k)
    assert suggestions
    settled = set(present) | set(excluded)
    for s in suggestions:
        assert s.id not in settled
        with_it = xpid.make_patient(kb, [*present, s.id], excluded)
        without_it = xpid.make_patient(kb, present, [*excluded, s.id])
        yes = leader_probabilities(xpid.rank(kb, with_it, method=Method.LR))
        no = leader_probabilities(xpid.rank(kb, without_it, method=Method.LR))
        p = s.probability_present
        assert 0.0 <= p <= 1.0
        expected = entropy(pi) - (p * entropy(yes) + (1 - p) * entropy(no))
        assert s.information_gain == pytest.approx(float(expected), abs=1e-9), s.id


def test_literature_prior_counts_reported_patients(kb: KnowledgeBase) -> None:
    from xpid.ranking.priors import PriorSettings, prior_log_weights

    patients = dict(zip(kb.disease_ids, kb.compiled.priors.patients.tolist(), strict=True))
    assert patients["OMIM:300755"] == 13  # PMID:1 reports 8 (7/8), PMID:2 reports 5 (0/5)
    assert patients["OMIM:999001"] == 3  # PMID:10, 11, 12 with no counts: one each
    assert patients["ORPHA:47"] == 0
    log_w, applied = prior_log_weights(
        kb.compiled.priors,
        sex=Sex.UNKNOWN,
        onset=None,
        age_years=None,
        settings=PriorSettings(),
    )
    row = kb.row_of("OMIM:300755")
    assert log_w[row] == pytest.approx(0.5 * np.log(14))
    assert applied["literature"][row]
    # Masking the case's own publication takes its patients out of the count.
    patient = xpid.make_patient(kb, ["HP:0002719"])
    plain = xpid.rank(kb, patient, method=Method.LR, explain=5)
    masked = xpid.rank(kb, patient, method=Method.LR, mask_references={"PMID:1"}, explain=5)
    xla = next(r for r in plain.results if r.disease_id == "OMIM:300755")
    xla_masked = next(r for r in masked.results if r.disease_id == "OMIM:300755")
    assert xla.explanation is not None and xla_masked.explanation is not None
    assert xla_masked.explanation.prior_weight == pytest.approx(np.sqrt(6))
    assert xla.explanation.prior_weight == pytest.approx(np.sqrt(14))
    # A row citing the masked reference together with another goes whole: masking PMID:10
    # leaves OMIM:999001 with PMID:12 alone (PMID:11 is cited only with PMID:10).
    entero = xpid.make_patient(kb, ["HP:0002028"])
    masked = xpid.rank(kb, entero, method=Method.LR, mask_references={"PMID:10"}, explain=5)
    mini = next(r for r in masked.results if r.disease_id == "OMIM:999001")
    assert mini.explanation is not None
    assert mini.explanation.prior_weight == pytest.approx(np.sqrt(2))


def test_explanation_follows_leakage_masking(kb: KnowledgeBase) -> None:
    patient = xpid.make_patient(kb, ["HP:0002719"])
    masked = xpid.rank(kb, patient, mask_references={"PMID:1", "PMID:2"}, explain=10)
    xla = next(r for r in masked.results if r.disease_id == "OMIM:300755")
    assert xla.explanation is not None
    # Every XLA phenotype row cites PMID:1 or PMID:2: nothing is left to match or list.
    assert xla.matched == 0
    assert xla.explanation.findings[0].match_id is None
    assert xla.explanation.unreported == ()


def test_lr_json_keeps_six_significant_digits_of_small_priors(kb: KnowledgeBase) -> None:
    ranking = xpid.rank(kb, xpid.make_patient(kb, ["HP:0002719"]), method=Method.LR, explain=1)
    doc = ranking.to_dict()
    top = doc["results"][0]
    pretest = top["pretest_probability"]
    assert 0 < pretest < 1
    assert pretest == float(f"{ranking.results[0].pretest:.6g}")
    assert top["explanation"]["priors"]["weight"] == float(
        f"{ranking.results[0].explanation.prior_weight:.6g}"
    )


def test_lr_explanation_shows_the_match_the_kernel_used(kb: KnowledgeBase) -> None:
    from xpid.annotations.frequency import parse_frequency
    from xpid.knowledge.build import scoring_probability
    from xpid.scoring.likelihood import (
        ABSENT_PROBABILITY,
        FALSE_POSITIVE,
        SPECIFICITY_EXPONENT,
        UNKNOWN_FREQUENCY,
    )

    onto = kb.ontology
    ic = kb.ic[Corpus.ALL]
    patient = xpid.make_patient(kb, ["HP:0002719", "HP:0100651", "HP:0002014", "HP:0000964"])
    ranking = xpid.rank(kb, patient, method=Method.LR, explain=len(kb.disease_ids))
    eps, beta = FALSE_POSITIVE, SPECIFICITY_EXPONENT
    checked = lacking = 0
    for result in ranking.results:
        assert result.explanation is not None
        for f in result.explanation.findings:
            h = onto.index_of(f.id)
            background = np.log(eps + (1 - eps) * np.exp(-ic[h]))
            if f.absent_in_disease is not None:
                assert f.log_lr == pytest.approx(np.log(ABSENT_PROBABILITY) - background)
                assert f.match_id is None and f.kind == "none"  # no match counts then
                lacking += 1
                continue
            if f.match_id is None:
                continue
            d = onto.index_of(f.match_id)
            mica = max(ic[a] for a in set(onto.ancestors(h).tolist()) & set(onto.ancestors(d)))
            p = scoring_probability(parse_frequency(f.match_frequency or ""))
            p = UNKNOWN_FREQUENCY if np.isnan(p) else p
            expected = np.log(eps + (1 - eps) * p * np.exp(beta * (mica - ic[h]))) - background
            assert f.log_lr == pytest.approx(expected), (result.disease_id, f)
            checked += 1
    assert checked >= 4
    # DECIPHER:999 is annotated as never showing Recurrent infections (HP:0040285),
    # ORPHA:47 as lacking Type I diabetes (NOT): both are named.
    assert lacking >= 2


def test_compiled_arrays_follow_the_store_format(
    mini_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A change of the store's merge rules (its format version) must rebuild the compiled
    # arrays too, or they would score with the old frequencies.
    import xpid.profiles.packed as packed
    from xpid.datafiles import locate_data
    from xpid.knowledge.load import knowledge_base_key

    files = locate_data(mini_dir)
    before = knowledge_base_key(files)
    monkeypatch.setattr(packed, "STORE_FORMAT_VERSION", packed.STORE_FORMAT_VERSION + 1)
    assert knowledge_base_key(files) != before


def test_loaded_store_key_gives_the_same_knowledge_base_key(mini_dir: Path) -> None:
    from xpid.datafiles import locate_data
    from xpid.knowledge.load import knowledge_base_key
    from xpid.profiles import load_store

    files = locate_data(mini_dir)
    store = load_store(files, use_cache=False)
    assert knowledge_base_key(files, store.key) == knowledge_base_key(files)


@pytest.mark.parametrize(
    "method",
    [m for m in Method if m.measure is not None],
    ids=lambda m: m.value,
)
def test_explanation_adds_up_to_the_score(kb: KnowledgeBase, method: Method) -> None:
    # Every similarity method: the findings' contributions, the disease→patient side and the
    # penalties give the score, so a reader can check each row's share.
    patient = xpid.make_patient(kb, ["HP:0002719", "HP:0100651", "HP:0025031"], ["HP:0002014"])
    ranking = xpid.rank(kb, patient, method=method, explain=20, exclusion_weight=1.0)
    assert ranking.results
    two_sided = method.aggregation is not Aggregation.ONESIDED
    for r in ranking.results:
        e = r.explanation
        assert e is not None
        assert (e.disease_side is not None) == two_sided
        total = (
            sum(f.contribution - f.penalty for f in e.findings)
            + (e.disease_side or 0.0)
            - sum(x.penalty for x in e.excluded)
        )
        assert total == pytest.approx(r.score, abs=1e-9), r.disease_id
