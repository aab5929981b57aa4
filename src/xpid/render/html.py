"""The HTML report of one ranking: a self-contained page a clinician can keep, print and attach.

The report is built from the JSON document of a ranking (``xpid rank --format json``, the
same as :meth:`xpid.ranking.result.Ranking.to_dict`), so that it shows exactly what the other
outputs show. It has no script, no external style sheet, font or image: CSS and the evidence
charts (SVG) are inline, and it prints on A4. Every string from the data is escaped.

Sections: the patient's findings as given; the differential with probabilities and what they
mean; for each explained disease an evidence chart (how much each finding speaks for or
against it, in ln likelihood ratio for ``lr`` and in score points for the similarity
methods) and the disease's frequent findings the patient was not reported to have; the
findings to check next; provenance; and the limits of the method.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from xpid.render.labels import frequency_text
from xpid.text.escape import printable

__all__ = ["render_ranking_html", "UNLIKELY_THRESHOLD_TEXT"]

UNLIKELY_THRESHOLD_TEXT = "5 %"

_CSS = """
:root { --for: #1b7f3b; --against: #b3261e; --ink: #1d1d1f; --muted: #5f6368; --rule: #d0d4d9; }
* { box-sizing: border-box; }
body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; color: var(--ink); margin: 2em auto; max-width: 58em; padding: 0 1em; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
h2 { font-size: 1.2em; margin: 1.6em 0 .4em; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.05em; margin: 1.2em 0 .3em; }
p, li { margin: .25em 0; }
.muted { color: var(--muted); }
.note { background: #f4f6f8; border-left: 4px solid var(--rule); padding: .5em .8em; }
.warning { background: #fff4e5; border-left: 4px solid #e8a33d; padding: .5em .8em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0; }
th, td { text-align: left; vertical-align: top; padding: .25em .5em;
         border-bottom: 1px solid var(--rule); }
th { font-weight: 600; background: #f4f6f8; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
      font-size: .9em; color: var(--muted); white-space: nowrap; }
.for { color: var(--for); } .against { color: var(--against); }
svg { display: block; }
dl.prov { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; }
dl.prov dt { color: var(--muted); } dl.prov dd { margin: 0; }
.disease { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } h2 { break-after: avoid; } }
"""

_BAR_WIDTH = 220  # pixels of the evidence chart; the zero line is in the middle


def _e(value: object) -> str:
    """HTML-escaped, with control characters and lone surrogates as visible escapes (so the
    page is valid UTF-8 and shows what the data holds)."""
    return escape(printable(str(value)), quote=True)


def _term(item: Mapping[str, Any]) -> str:
    return f'{_e(item.get("label") or "")} <span class="id">{_e(item["id"])}</span>'


def _percent(p: float | None) -> str:
    if p is None:
        return "—"
    if p < 0.001:
        return "&lt;0.1 %"
    return f"{100 * p:.1f} %"


def _frequency(value: str | None) -> str:
    return frequency_text(value, missing="unknown")


def _bar(value: float, scale: float) -> str:
    """An inline SVG bar: green to the right for evidence for, red to the left against."""
    half = _BAR_WIDTH / 2
    length = 0.0 if scale <= 0 else min(half, half * abs(value) / scale)
    x = half if value >= 0 else half - length
    colour = "var(--for)" if value >= 0 else "var(--against)"
    return (
        f'<svg width="{_BAR_WIDTH}" height="14" role="img" aria-label="{value:+.2f}">'
        f'<line x1="{half}" y1="0" x2="{half}" y2="14" stroke="#888" stroke-width="1"/>'
        f'<rect x="{x:.1f}" y="2" width="{length:.1f}" height="10" fill="{colour}"/></svg>'
    )


def _patient(document: Mapping[str, Any]) -> list[str]:
    patient = document.get("patient", {})
    out = ["<h2>Patient</h2>"]
    facts = []
    if patient.get("id"):
        facts.append(f"case {_e(patient['id'])}")
    facts.append(f"sex: {_e(patient.get('sex') or 'unknown')}")
    onset = patient.get("onset")
    facts.append(f"onset: {_e(onset) if onset else 'not given'}")
    out.append(f"<p>{' · '.join(facts)}</p>")
    present = patient.get("present", [])
    out.append(f"<h3>Findings present ({len(present)})</h3><ul>")
    out += [f"<li>{_term(t)}</li>" for t in present]
    out.append("</ul>")
    excluded = patient.get("excluded", [])
    if excluded:
        out.append(f"<h3>Findings explicitly excluded ({len(excluded)})</h3><ul>")
        out += [f"<li>{_term(t)}</li>" for t in excluded]
        out.append("</ul>")
    notices = document.get("notices") or []
    if notices:
        out.append('<div class="warning"><p><strong>How the findings were read:</strong></p><ul>')
        for n in notices:
            out.append(f"<li>{_e(n.get('message', n) if isinstance(n, Mapping) else n)}</li>")
        out.append("</ul></div>")
    return out


def _differential(document: Mapping[str, Any]) -> list[str]:
    results = document.get("results", [])
    probabilistic = document.get("top_probability") is not None
    n_ranked = document.get("n_ranked", len(results))
    out = ["<h2>Differential diagnosis</h2>"]
    if probabilistic:
        out.append(
            '<p class="note">Each probability is a <strong>post-test probability relative to the '
            f"{_e(n_ranked)} diseases ranked</strong>: the chance that this disease, rather than "
            "another of them, explains the findings, by Bayes' rule from a prior probability "
            "and the likelihood ratio of every finding. It assumes the patient has one of these "
            "diseases; it is not the chance of a diagnosis among all possible causes.</p>"
        )
        top = document.get("top_probability")
        if top is not None and top < 0.05:
            out.append(
                '<p class="warning"><strong>No diagnosis is likely:</strong> the best post-test '
                f"probability is {_percent(top)} (below {UNLIKELY_THRESHOLD_TEXT}).</p>"
            )
    else:
        out.append(
            f'<p class="note">Scores of the similarity method {_e(document.get("method"))}: '
            f"higher is a better match among the {_e(n_ranked)} diseases ranked. They are not "
            "probabilities.</p>"
        )
    head = "probability" if probabilistic else "score"
    out.append(
        f'<table><thead><tr><th class="num">rank</th><th>disease</th><th>genes</th>'
        f'<th class="num">{head}</th><th class="num">findings matched</th></tr></thead><tbody>'
    )
    for r in results:
        value = _percent(r.get("probability")) if probabilistic else f"{r['score']:.3f}"
        ids = r.get("ids") or [r["disease_id"]]
        out.append(
            f'<tr><td class="num">{_e(r["rank"])}</td>'
            f'<td>{_e(r["name"])} <span class="id">{_e(", ".join(ids))}</span></td>'
            f"<td>{_e(', '.join(r.get('genes') or []) or '—')}</td>"
            f'<td class="num">{value}</td>'
            f'<td class="num">{_e(r["matched"])} of {_e(r["total"])}</td></tr>'
        )
    out.append("</tbody></table>")
    return out


def _evidence(result: Mapping[str, Any], probabilistic: bool) -> list[str]:
    ex = result["explanation"]
    unit = "ln LR" if probabilistic else "score points"
    rows: list[tuple[str, str, str, float]] = []
    for f in ex.get("findings", []):
        value = f["log_lr"] if probabilistic and f.get("log_lr") is not None else f["contribution"]
        if not probabilistic:
            value -= f.get("penalty", 0.0)
        match = f.get("match")
        if match:
            how = f"{_e(f['kind'])}: {_term(match)}, {_e(_frequency(match.get('frequency')))}"
        else:
            how = _e(f["kind"] if f["kind"] != "none" else "not annotated to the disease")
        if f.get("absent_in_disease"):
            how += f' <span class="against">(the disease lacks {_e(f["absent_in_disease"])})</span>'
        rows.append((_term(f), how, "present", float(value)))
    for e in ex.get("excluded", []):
        p = e["disease_probability"]
        how = f"excluded by the patient; the disease shows it with p = {p:.2f}"
        rows.append((_term(e), _e(how), "excluded", -float(e["penalty"])))
    if ex.get("disease_side") is not None:
        side = float(ex["disease_side"])
        rows.append(("the disease's findings, matched in the patient", "—", "—", side))
    priors = ex.get("priors")
    if priors and priors.get("weight"):
        applied = ", ".join(priors.get("applied") or []) or "none"
        rows.append((f"prior ({_e(applied)})", "—", "—", math.log(priors["weight"])))
    scale = max((abs(v) for *_, v in rows), default=1.0) or 1.0
    name = _e(result["name"])
    out = [
        '<div class="disease">',
        f'<h3>{_e(result["rank"])}. {name} <span class="id">{_e(result["disease_id"])}</span></h3>',
        f"<table><thead><tr><th>finding</th><th>in the disease</th><th>evidence ({unit})</th>"
        f'<th class="num">value</th></tr></thead><tbody>',
    ]
    for finding, how, _kind, value in rows:
        cls = "for" if value >= 0 else "against"
        out.append(
            f"<tr><td>{finding}</td><td>{how}</td><td>{_bar(value, scale)}</td>"
            f'<td class="num {cls}">{value:+.2f}</td></tr>'
        )
    out.append("</tbody></table>")
    unreported = ex.get("unreported") or []
    if unreported:
        out.append(
            "<p><strong>Frequent findings of this disease the patient was not reported "
            "to have:</strong></p><ul>"
        )
        for u in unreported:
            lacks = ' <span class="against">(the patient does not have it)</span>'
            out.append(
                f"<li>{_term(u)} — {_e(_frequency(u.get('frequency')))}"
                f"{lacks if u.get('patient_lacks') else ''}</li>"
            )
        out.append("</ul>")
    out.append("</div>")
    return out


def _suggestions(suggestions: Sequence[Mapping[str, Any]], names: Mapping[str, str]) -> list[str]:
    def diseases(ids: Sequence[str]) -> str:
        return "; ".join(_e(names.get(i, i)) for i in ids) or "—"

    out = [
        "<h2>Findings to check next</h2>",
        '<p class="note">The findings whose answer would most change the leading diseases\' '
        "probabilities (expected information gain), best first.</p>",
        '<table><thead><tr><th>finding</th><th class="num">chance present</th>'
        "<th>if present, favours</th><th>if absent, favours</th></tr></thead><tbody>",
    ]
    for s in suggestions:
        out.append(
            f'<tr><td>{_term(s)}</td><td class="num">{_percent(s["probability_present"])}</td>'
            f"<td>{diseases(s['favours_if_present'])}</td>"
            f"<td>{diseases(s['favours_if_absent'])}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _provenance(document: Mapping[str, Any]) -> list[str]:
    rows = [
        ("xpid", document.get("xpid_version")),
        ("HPO release", document.get("hpo_release")),
        ("HPO annotations", document.get("hpoa_version")),
        ("Mondo release", document.get("mondo_version")),
        ("document-built profiles", document.get("profile_set_version")),
        ("method", document.get("method")),
        ("corpus", document.get("corpus")),
    ]
    params = document.get("parameters") or {}
    settings = ", ".join(f"{k} = {v}" for k, v in params.items() if v is not None)
    out = ["<h2>Provenance</h2>", '<dl class="prov">']
    out += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows if v is not None]
    out.append(f"<dt>settings</dt><dd>{_e(settings) or '—'}</dd></dl>")
    return out


_LIMITS = (
    "<h2>Limits</h2><ul>"
    "<li>xpid supports a differential diagnosis; it does not make one. It only knows the "
    "diseases annotated by the Human Phenotype Ontology project and the profiles built from "
    "the documents it lists, and only the findings entered here.</li>"
    "<li>A finding not entered is treated as unknown, not as absent.</li>"
    "<li>Probabilities are relative to the diseases ranked and are estimated from published "
    "cases; rare presentations and diseases described from few patients rank less well.</li>"
    "<li>This report was computed on this computer; no patient data was sent anywhere.</li>"
    "</ul>"
)


def render_ranking_html(
    document: Mapping[str, Any],
    *,
    suggestions: Sequence[Mapping[str, Any]] = (),
    disease_names: Mapping[str, str] | None = None,
    title: str = "xpid differential diagnosis report",
) -> str:
    """The report of one ranking as a self-contained HTML page.

    Parameters
    ----------
    document
        The JSON document of the ranking (``Ranking.to_dict()``); the results that
        carry an ``explanation`` get an evidence chart.
    suggestions
        The ``suggestions`` of ``xpid rank --suggest`` (may be empty).
    disease_names
        Names of disease ids for the suggestions table (ids are shown where a name is missing);
        the names of the ranked results are always known.
    title
        The page title.

    Returns
    -------
    str
        The HTML document, deterministic for a given input.
    """
    names = {r["disease_id"]: r["name"] for r in document.get("results", [])}
    names.update(disease_names or {})
    probabilistic = document.get("top_probability") is not None
    body: list[str] = [f"<h1>{_e(title)}</h1>"]
    body.append(
        f'<p class="muted">xpid {_e(document.get("xpid_version"))} · HPO '
        f"{_e(document.get('hpo_release'))} · method {_e(document.get('method'))}</p>"
    )
    body += _patient(document)
    body += _differential(document)
    explained = [r for r in document.get("results", []) if r.get("explanation")]
    if explained:
        body.append("<h2>Why these diseases</h2>")
        body.append(
            '<p class="note">For each disease, how much each finding speaks for it (green, to '
            "the right) or against it (red, to the left)"
            + (
                ", in natural-log likelihood ratio: +0.7 doubles the odds, −0.7 halves them."
                if probabilistic
                else ", in points of the similarity score."
            )
            + "</p>"
        )
        for r in explained:
            body += _evidence(r, probabilistic)
    if suggestions:
        body += _suggestions(suggestions, names)
    body += _provenance(document)
    body.append(_LIMITS)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
