"""Profile drafts: the findings of one document, in the ``profiles/`` TOML schema.

:func:`draft_profile` turns an :class:`~xpid.extraction.Extraction` into a
:class:`ProfileDraft`: one finding per HPO term that the document asserts (present) or
denies (excluded), with the character spans of every mention as evidence and, for present
findings, a frequency read from cue words in the same sentence (the mapping table in
``profiles/README.md``: "almost all" → Very frequent, "most" → Frequent, "rare" → Very
rare, "13 of 56" → ``13/56``, "23%" → ``23%``). Uncertain mentions and findings of other
people are left out and listed for the curator. :func:`render_profile_toml` writes the
draft; the result parses with :func:`xpid.profiles.curated.parse_profile_toml`.

The cue words live in ``xpid/extraction/data/frequency_<lang>.tsv``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from xpid.errors import DataError
from xpid.extraction.model import Assertion, Extraction, Language, Mention

__all__ = [
    "FrequencyCue",
    "DraftFinding",
    "DraftSource",
    "ProfileDraft",
    "parse_frequency_cues",
    "load_frequency_cues",
    "find_frequency_cue",
    "draft_profile",
    "render_profile_toml",
]

_HPO_FREQUENCY = re.compile(r"HP:00402(8[0-4])")
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s?%(?!\s?[-–]\s?\d)")
_CLAUSE = re.compile(r"[,;:()]")
_RANGE_BEFORE = re.compile(r"\d\s?%?\s?[-–]\s?$")
_COUNT = {
    Language.en: re.compile(r"\b(\d{1,5})\s+(?:of|out of)\s+(?:the\s+)?(\d{1,5})\b"),
    Language.sv: re.compile(r"\b(\d{1,5})\s+av\s+(\d{1,5})\b"),
}


@dataclass(frozen=True, slots=True)
class FrequencyCue:
    """A frequency read from a sentence.

    Attributes
    ----------
    frequency
        In the profile schema: an HPO frequency id, ``"n/m"`` or ``"x%"``.
    cue
        The words of the document that gave it, verbatim.
    start, end
        Character offsets of the cue in the document.
    """

    frequency: str
    cue: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DraftFinding:
    """One finding of a draft: the term, what the document says, and where."""

    term_id: str
    label: str
    status: Assertion
    spans: tuple[tuple[int, int], ...]
    texts: tuple[str, ...]
    frequency: FrequencyCue | None = None


@dataclass(frozen=True, slots=True)
class DraftSource:
    """The document the draft was made from; publisher and year are left to the curator."""

    key: str
    title: str


@dataclass(frozen=True, slots=True)
class ProfileDraft:
    """A profile draft of one disease from one document.

    Attributes
    ----------
    disease_id, name, genes, inheritance
        Taken from xpid's own profile of the disease (the HPO annotation), for the curator
        to check against the document.
    source
        The document.
    findings
        Present and excluded findings in the order of their first mention.
    skipped
        Mentions left out: uncertain, or about another person.
    lang, hpo_release
        Language the document was read as; HPO release of the lexicon.
    """

    disease_id: str
    name: str
    genes: tuple[str, ...]
    inheritance: tuple[str, ...]
    source: DraftSource
    findings: tuple[DraftFinding, ...]
    skipped: tuple[Mention, ...]
    lang: Language
    hpo_release: str


def parse_frequency_cues(
    lines: Iterable[str], *, source: str = "<frequency cues>"
) -> tuple[tuple[str, str], ...]:
    """Parse a ``frequency_<lang>.tsv`` file: ``PHRASE<TAB>HP:00402xx`` per row.

    Raises
    ------
    DataError
        On a row without two cells or with a frequency that is not HP:0040280–HP:0040284.
    """
    out: list[tuple[str, str]] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 2 or not _HPO_FREQUENCY.fullmatch(cells[1]) or not cells[0]:
            raise DataError(
                f"{source}:{number}: bad cue row {cells!r}; expected PHRASE and an HPO "
                "frequency id from HP:0040280 to HP:0040284."
            )
        out.append((cells[0].lower(), cells[1]))
    return tuple(out)


@lru_cache(maxsize=4)
def load_frequency_cues(lang: Language) -> tuple[tuple[str, str], ...]:
    """The cue words of ``lang`` from the package data.

    Raises
    ------
    DataError
        If the data file is missing or malformed.
    """
    name = f"frequency_{lang.value}.tsv"
    try:
        text = resources.files("xpid.extraction").joinpath("data", name).read_text("utf-8")
    except FileNotFoundError:
        raise DataError(f"the extraction data file {name!r} is missing.") from None
    return parse_frequency_cues(text.splitlines(), source=name)


@lru_cache(maxsize=4)
def _cue_pattern(cues: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    phrases = sorted({p for p, _ in cues}, key=lambda p: (-len(p), p))
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def find_frequency_cue(
    text: str,
    start: int,
    end: int,
    anchor: int,
    *,
    lang: Language,
    cues: tuple[tuple[str, str], ...] | None = None,
) -> FrequencyCue | None:
    """The frequency cue in ``text[start:end]`` nearest to offset ``anchor``.

    A count ("13 of 56", Swedish "13 av 56") or a single percentage ("23%") beats a cue
    word; among equals, a cue in the same clause as ``anchor`` (no comma, semicolon,
    colon or bracket between them) beats one outside it, then the nearest wins. A
    percentage range ("20%-25%") is not a frequency.

    Examples
    --------
    >>> s = "Diarrhoea was seen in 13 of 56 boys; eczema was common."
    >>> find_frequency_cue(s, 0, len(s), 0, lang=Language.en).frequency
    '13/56'
    >>> find_frequency_cue(s, 0, len(s), 40, lang=Language.en).cue
    '13 of 56'
    >>> find_frequency_cue("Eczema is common.", 0, 17, 0, lang=Language.en).frequency
    'HP:0040282'
    >>> find_frequency_cue("Nästan alla får diarré.", 0, 23, 16, lang=Language.sv).cue
    'Nästan alla'
    """
    table = load_frequency_cues(lang) if cues is None else cues
    words = dict(table)
    numeric: list[FrequencyCue] = []
    for match in _COUNT[lang].finditer(text, start, end):
        n, m = int(match.group(1)), int(match.group(2))
        if 0 < n <= m:
            numeric.append(FrequencyCue(f"{n}/{m}", match.group(), *match.span()))
    for match in _PERCENT.finditer(text, start, end):
        if _RANGE_BEFORE.search(text, max(start, match.start() - 6), match.start()):
            continue
        value = match.group(1).replace(",", ".")
        if 0 < float(value) <= 100:
            numeric.append(FrequencyCue(f"{value}%", match.group(), *match.span()))
    found = numeric or [
        FrequencyCue(words[" ".join(match.group().lower().split())], match.group(), *match.span())
        for match in _cue_pattern(table).finditer(text, start, end)
    ]
    if not found:
        return None

    def rank(c: FrequencyCue) -> tuple[bool, int, int]:
        lo, hi = (c.end, anchor) if c.end <= anchor else (anchor, c.start)
        return (_CLAUSE.search(text, lo, hi) is not None, max(0, hi - lo), c.start)

    return min(found, key=rank)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].strip("-") or "document"


def draft_profile(
    text: str,
    extraction: Extraction,
    *,
    disease_id: str,
    name: str,
    genes: Sequence[str] = (),
    inheritance: Sequence[str] = (),
    document_name: str = "document",
) -> ProfileDraft:
    """A profile draft from the findings extracted from one document.

    Parameters
    ----------
    text
        The document (the one ``extraction`` was made from; offsets refer to it).
    extraction
        From :func:`~xpid.extraction.extract_findings`.
    disease_id, name, genes, inheritance
        The disease, as xpid knows it.
    document_name
        The file name; the title when the document has no non-empty first line, and the
        source key.

    Returns
    -------
    ProfileDraft
        One finding per term: present if any mention asserts it, else excluded if any
        mention denies it. A present finding takes its frequency from the first of its
        mentions whose sentence holds a cue (a count or percentage before a cue word).
    """
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = first_line[:200] if first_line else document_name
    by_term: dict[str, list[Mention]] = {}
    skipped: list[Mention] = []
    for mention in extraction.mentions:
        if mention.assertion in (Assertion.PRESENT, Assertion.EXCLUDED):
            by_term.setdefault(mention.term_id, []).append(mention)
        else:
            skipped.append(mention)
    findings: list[DraftFinding] = []
    for term_id, mentions in by_term.items():
        present = [m for m in mentions if m.assertion is Assertion.PRESENT]
        status = Assertion.PRESENT if present else Assertion.EXCLUDED
        cue = None
        for m in present:
            cue = find_frequency_cue(
                text, m.sentence_start, m.sentence_end, m.start, lang=extraction.lang
            )
            if cue is not None:
                break
        chosen = present or mentions
        findings.append(
            DraftFinding(
                term_id=term_id,
                label=mentions[0].label,
                status=status,
                spans=tuple((m.start, m.end) for m in chosen),
                texts=tuple(" ".join(m.text.split()) for m in chosen),
                frequency=cue,
            )
        )
    return ProfileDraft(
        disease_id=disease_id,
        name=name,
        genes=tuple(genes),
        inheritance=tuple(inheritance),
        source=DraftSource(_slug(document_name.rsplit(".", 1)[0]), title),
        findings=tuple(findings),
        skipped=tuple(skipped),
        lang=extraction.lang,
        hpo_release=extraction.hpo_release,
    )


def _q(value: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML)."""
    return json.dumps(value, ensure_ascii=False)


def _qs(values: Iterable[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def render_profile_toml(draft: ProfileDraft, *, reviewed: str, tool: str) -> str:
    """The draft as a profile file in the ``profiles/`` schema (version 1).

    Parameters
    ----------
    draft
        From :func:`draft_profile`.
    reviewed
        ISO date written as ``reviewed`` (the draft date, for the curator to update).
    tool
        Written as ``curated_by`` until a curator signs the file.

    Each finding's ``comment`` gives the evidence: the character spans ``[start, end)`` of
    its mentions in the document and the matched words; a frequency records its cue in
    ``frequency_cue``. Lines starting ``# TODO`` are for the curator.
    """
    key = draft.source.key
    lines = [
        f"# Profile DRAFT for {draft.disease_id}, written by {tool} from one document",
        f"# (lexicon {draft.lang.value}, HPO {draft.hpo_release}). Every finding needs review:",
        "# check the term, the status and the frequency against the sentence at the spans",
        "# given in its comment. See profiles/README.md for the rules.",
        "",
        "schema = 1",
        f"id = {_q(draft.disease_id)}",
        f"name = {_q(draft.name)}",
        "# TODO: genes and inheritance come from xpid's HPO profile; keep only what the",
        "# document states, and cite it in inheritance_sources.",
        f"genes = {_qs(draft.genes)}",
        f"inheritance = {_qs(draft.inheritance)}",
        "# TODO: onset (HPO Onset ids) and sex, if the document states them.",
        "onset = []",
        "inheritance_sources = []",
        f"curated_by = {_q(tool + ' (draft, not curated)')}",
        f"reviewed = {_q(reviewed)}",
        "",
        "[[sources]]",
        f"key = {_q(key)}",
        f"title = {_q(draft.source.title)}",
        "# TODO: publisher and year as the document states them; leave the year out when",
        "# the document gives none. Never guess it.",
        f"publisher = {_q('TODO: not filled in by the draft')}",
    ]
    for finding in draft.findings:
        spans = ", ".join(f"[{s}, {e}]" for s, e in finding.spans)
        words = "; ".join(dict.fromkeys(finding.texts))
        comment = f"Draft evidence: spans {spans}: «{words}»."
        lines += [
            "",
            "[[findings]]",
            f"term = {_q(finding.term_id)}",
            f"label = {_q(finding.label)}",
            f"status = {_q(finding.status.value)}",
        ]
        if finding.frequency is not None:
            cue = finding.frequency
            lines += [
                f"frequency = {_q(cue.frequency)}",
                f"frequency_cue = {_q(' '.join(cue.cue.split()))}",
            ]
            comment += f" Frequency cue at [{cue.start}, {cue.end}]."
        lines += [f"sources = {_qs([key])}", f"comment = {_q(comment)}"]
    if draft.skipped:
        lines += ["", "# Mentions left out (uncertain, or about someone else):"]
        for m in draft.skipped:
            text = " ".join(m.text.split())
            lines.append(
                f"# - {m.term_id} {m.label}: {m.assertion.value} at [{m.start}, {m.end}] «{text}»"
            )
    return "\n".join(lines) + "\n"
