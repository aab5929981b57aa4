"""The patient's sex, age and age at onset, read from a clinical note.

Rules, applied to the text as written (words and patterns per language are data:
``xpid/extraction/data/demographics_<lang>.tsv``; relatives are the one-word family
triggers of ``triggers_<lang>.tsv``):

1. **Age** is the first *age* pattern ("4-month-old", "aged 2 years", "4 månader gammal",
   "4-årig") that does not describe a relative: the word after it and the two before it
   are not relative words ("his 30-year-old mother").
2. **Onset** is the earliest *onset* pattern ("since the age of 3 weeks", "began at three
   weeks", "onset at 2 months", "sedan 3 veckors ålder") or *birth* pattern ("since birth",
   age 0) in a sentence that names no relative before it; without one, an onset class
   named in the note by its HPO label ("infantile onset", :data:`xpid.constants.ONSET_CLASSES`)
   when it names exactly one. The age is mapped to HPO's onset class by
   :func:`xpid.phenopackets.reader.onset_class_of_days`; at birth is *Congenital onset*.
3. **Sex**: the sex noun right after the first age of the patient ("4-month-old boy", "en
   4-årig pojke"), else the first sex noun of the note ("boy", "female", "pojke") that no
   relative word precedes and no relative word follows ("male relatives"), else the
   subject pronouns that open sentences ("He has …") when they are all of one sex.
   Unknown when none of these applies.

>>> rules = load_demographic_rules(Language.en)
>>> d = read_demographics("A 4-month-old boy with diarrhoea since two weeks of age.", rules)
>>> d.sex.value, round(d.age_years, 3), round(d.onset_days, 1)
('male', 0.333, 14.0)
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from xpid.constants import CONGENITAL_ONSET, ONSET_CLASSES
from xpid.errors import DataError
from xpid.extraction.lexicon import TriggerKind, parse_triggers
from xpid.extraction.model import Language
from xpid.phenopackets.reader import onset_class_of_days
from xpid.sex import Sex

__all__ = [
    "Demographics",
    "DemographicRules",
    "age_words",
    "load_demographic_rules",
    "parse_demographic_rules",
    "read_demographics",
]

_DAYS_PER_YEAR = 365.25
_SENTENCE = re.compile(r"[.!?;]\s|\n\s*\n")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Demographics:
    """What a note says about the patient.

    Attributes
    ----------
    sex
        ``Sex.UNKNOWN`` when the note does not say.
    age_years
        Age at the visit in years, or ``None``.
    onset_days
        Age at onset in days (0: at birth), or ``None``.
    onset_class
        The HPO onset class: *Congenital onset* for "since birth", the class of
        ``onset_days`` (:func:`xpid.phenopackets.reader.onset_class_of_days`), else a class
        the note names ("infantile onset") when it names one; else ``None``.
    evidence
        ``(what, text)`` pairs for display: ``("sex", "boy")``, ``("age", "4-month-old")``.
    """

    sex: Sex = Sex.UNKNOWN
    age_years: float | None = None
    onset_days: float | None = None
    onset_class: str | None = None
    evidence: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``sex``, ``age_years``, ``onset`` (the class id), ``onset_days`` and
        ``evidence`` (``{"about": "age", "text": "4-month-old"}`` …)."""
        return {
            "sex": self.sex.value,
            "age_years": None if self.age_years is None else round(self.age_years, 4),
            "onset": self.onset_class,
            "onset_days": None if self.onset_days is None else round(self.onset_days, 1),
            "evidence": [{"about": what, "text": text} for what, text in self.evidence],
        }

    def describe(self) -> str:
        """One line for people: "male «boy», 4 months «4-month-old», onset …"; empty when
        the note says nothing about the patient."""
        said = dict(self.evidence)
        parts = []
        if self.sex is not Sex.UNKNOWN:
            parts.append(f"{self.sex.value} «{said.get('sex', '')}»")
        if self.age_years is not None:
            parts.append(f"{age_words(self.age_years * _DAYS_PER_YEAR)} «{said.get('age', '')}»")
        if self.onset_class is not None:
            label = (
                ONSET_CLASSES[self.onset_class].label if self.onset_class in ONSET_CLASSES else ""
            )
            when = "" if self.onset_days is None else f" at {age_words(self.onset_days)}"
            parts.append(f"{label or 'onset'} ({self.onset_class}){when} «{said.get('onset', '')}»")
        return ", ".join(parts)


def age_words(days: float) -> str:
    """An age in the unit a clinician would use: days up to 2 weeks, weeks up to 3 months,
    months up to 2 years, then years.

    >>> age_words(10), age_words(21), age_words(122), age_words(730.5)
    ('10 days', '3 weeks', '4 months', '2 years')
    """
    for limit, unit, length in (
        (14, "day", 1.0),
        (91, "week", 7.0),
        (730.5, "month", 30.4375),
        (math.inf, "year", _DAYS_PER_YEAR),
    ):
        if days < limit:
            value = round(days / length, 1)
            shown = f"{value:g}"
            return f"{shown} {unit}{'' if shown == '1' else 's'}"
    return ""


@dataclass(frozen=True, slots=True)
class DemographicRules:
    """The compiled rows of one language (see the module docstring)."""

    sex_words: dict[str, Sex]
    pronouns: dict[str, Sex]
    numbers: dict[str, float]
    units: dict[str, float]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    relatives: frozenset[str]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def parse_demographic_rules(
    lines: Sequence[str], *, relatives: Iterable[str] = (), source: str = "<demographics>"
) -> DemographicRules:
    """Compile the rows of a ``demographics_<lang>.tsv`` file.

    Raises
    ------
    DataError
        On an unknown row kind, a bad value or a pattern that does not compile.
    """
    sexes = {"male": Sex.MALE, "female": Sex.FEMALE}
    sex_words: dict[str, Sex] = {}
    pronouns: dict[str, Sex] = {}
    numbers: dict[str, float] = {}
    units: dict[str, float] = {}
    templates: list[tuple[int, str, str]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.rstrip("\n").split("\t")
        kind = cells[0]
        try:
            if len(cells) != 3:
                raise ValueError("three cells")
            if kind in ("sex", "pronoun"):
                (sex_words if kind == "sex" else pronouns)[cells[2].lower()] = sexes[cells[1]]
            elif kind in ("number", "unit"):
                (numbers if kind == "number" else units)[cells[1].lower()] = float(cells[2])
            elif kind == "pattern" and cells[1] in ("age", "onset", "birth"):
                templates.append((number, cells[1], cells[2]))
            else:
                raise ValueError("a known kind")
        except (KeyError, ValueError):
            raise DataError(
                f"{source}:{number}: bad row {cells!r}; expected sex|pronoun male|female WORD, "
                "number|unit WORD VALUE or pattern age|onset|birth REGEX."
            ) from None
    value = r"(?P<n>\d+(?:[.,]\d+)?|" + _alternation(numbers) + ")"
    unit = "(?P<u>" + _alternation(units) + ")"
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for number, role, template in templates:
        try:
            text = template.replace("{NUMBER}", value).replace("{UNIT}", unit)
            patterns.append((role, re.compile(text, re.IGNORECASE)))
        except re.error as exc:
            raise DataError(f"{source}:{number}: pattern does not compile ({exc}).") from None
    return DemographicRules(
        sex_words, pronouns, numbers, units, tuple(patterns), frozenset(relatives)
    )


def _data_lines(name: str) -> list[str]:
    try:
        resource = resources.files("xpid.extraction").joinpath("data", name)
        return resource.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DataError(f"the extraction data file {name!r} is missing.") from None


@cache
def load_demographic_rules(lang: Language) -> DemographicRules:
    """The rules of ``lang`` from its data files (cached per process).

    Raises
    ------
    DataError
        If a data file is missing or malformed.
    """
    triggers = parse_triggers(_data_lines(f"triggers_{lang.value}.tsv"))
    family = (TriggerKind.FAMILY_BEFORE, TriggerKind.FAMILY_AFTER)
    relatives = {t.phrase for t in triggers if t.kind in family and " " not in t.phrase}
    name = f"demographics_{lang.value}.tsv"
    return parse_demographic_rules(_data_lines(name), relatives=relatives, source=name)


def _is_relative(word: str, rules: DemographicRules) -> bool:
    """A relative word, singular or plural ("relatives", "uncles")."""
    return word in rules.relatives or (word.endswith("s") and word[:-1] in rules.relatives)


def _near_relative(text: str, start: int, end: int, rules: DemographicRules) -> bool:
    """Whether a relative word is one of the two words before ``start`` or the one after
    ``end``."""
    words = [*_words_before(text, start, 2), _word_after(text, end)]
    return any(_is_relative(w, rules) for w in words)


def _words_before(text: str, position: int, n: int) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[max(0, position - 60) : position])][-n:]


def _word_after(text: str, position: int) -> str:
    match = _WORD.search(text, position, min(len(text), position + 40))
    return match.group().lower() if match else ""


def _days(match: re.Match[str], rules: DemographicRules) -> float | None:
    raw = match.group("n").lower()
    amount = rules.numbers.get(raw)
    if amount is None:
        amount = float(raw.replace(",", "."))
    unit = match.group("u").lower()
    length = rules.units.get(unit, _DAYS_PER_YEAR if unit.startswith("y") else None)
    return None if length is None else amount * length


class _Sentences:
    """Sentence starts and relative-word positions of a text, for O(log n) questions."""

    def __init__(self, text: str, rules: DemographicRules) -> None:
        self.starts = [0] + [m.end() for m in _SENTENCE.finditer(text)]
        self.relatives = [
            m.start() for m in _WORD.finditer(text) if _is_relative(m.group().lower(), rules)
        ]

    def start_of(self, position: int) -> int:
        """Start of the sentence that holds ``position``."""
        return self.starts[bisect_right(self.starts, position) - 1]

    def relative_before(self, position: int) -> bool:
        """Whether a relative word lies between the sentence start and ``position``."""
        k = bisect_left(self.relatives, position) - 1
        return k >= 0 and self.relatives[k] >= self.start_of(position)


def read_demographics(text: str, rules: DemographicRules) -> Demographics:
    """Sex, age and age at onset of the patient of ``text`` (see the module rules).

    Parameters
    ----------
    text
        A clinical note.
    rules
        From :func:`load_demographic_rules`.

    Time is linear in the length of the note.
    """
    evidence: list[tuple[str, str]] = []
    sentences = _Sentences(text, rules)
    age: tuple[int, int, float, str] | None = None  # start, end, years, text
    onset_days: float | None = None
    onset_text = ""
    at_birth = False
    for role, pattern in rules.patterns:
        for match in pattern.finditer(text):
            start, end = match.span()
            if role == "age":
                if age is not None and start >= age[0]:
                    break
                days = _days(match, rules)
                if days is None or _near_relative(text, start, end, rules):
                    continue
                age = (start, end, days / _DAYS_PER_YEAR, match.group())
                break
            if sentences.relative_before(start):
                continue
            days = 0.0 if role == "birth" else _days(match, rules)
            if days is not None and (onset_days is None or days < onset_days):
                onset_days, onset_text, at_birth = days, match.group(), role == "birth"
    age_years = None if age is None else age[2]
    age_end = None if age is None else age[1]
    age_text = "" if age is None else age[3]
    if age_years is not None:
        evidence.append(("age", " ".join(age_text.split())))
    if onset_days is not None:
        evidence.append(("onset", " ".join(onset_text.split())))
    sex = _sex(text, rules, age_end, evidence)
    onset_class = None
    if onset_days is not None:
        onset_class = CONGENITAL_ONSET if at_birth else onset_class_of_days(onset_days)
    else:
        lowered = f" {' '.join(_WORD.findall(text.lower()))} "
        named = {c.id for c in ONSET_CLASSES.values() if f" {c.label.lower()} " in lowered}
        if len(named) == 1:
            onset_class = named.pop()
            evidence.append(("onset", ONSET_CLASSES[onset_class].label.lower()))
    return Demographics(sex, age_years, onset_days, onset_class, tuple(evidence))


def _sex(
    text: str, rules: DemographicRules, age_end: int | None, evidence: list[tuple[str, str]]
) -> Sex:
    if age_end is not None:
        word = _word_after(text, age_end)
        if word in rules.sex_words:
            evidence.append(("sex", word))
            return rules.sex_words[word]
    for match in _WORD.finditer(text):
        word = match.group().lower()
        sex = rules.sex_words.get(word)
        if sex is None:
            continue
        if _near_relative(text, match.start(), match.end(), rules):
            continue
        evidence.append(("sex", match.group()))
        return sex
    said = set()
    for start in _Sentences(text, rules).starts:
        first = _WORD.match(text, start) or _WORD.match(text, start + 1)
        if first is not None and first.group().lower() in rules.pronouns:
            said.add(rules.pronouns[first.group().lower()])
    if len(said) == 1:
        sex = said.pop()
        evidence.append(("sex", f"{sex.value} pronouns"))
        return sex
    return Sex.UNKNOWN
