"""The HPO disease annotation file ``phenotype.hpoa`` (format version 2).

Columns: ``database_id, disease_name, qualifier, hpo_id, reference, evidence, onset,
frequency, sex, modifier, aspect, biocuration``. Comment lines start with ``#``; the
``#version:`` line gives the release. Aspect ``P`` rows are phenotypic findings, ``I`` rows the
mode of inheritance, ``C`` rows the onset and clinical course, ``M`` rows clinical modifiers
and ``H`` rows past medical history.

:func:`parse_hpoa` is pure (lines in, value out); :func:`load_hpoa` opens a plain or gzipped
file and hands its lines over.

>>> lines = ["#version: 2025-01-16", "\\t".join(HPOA_COLUMNS),
...          "OMIM:1\\tX\\t\\tHP:0002014\\tPMID:1;PMID:2\\tPCS\\t\\t0/4\\t\\t\\tP\\tHPO:x"]
>>> hpoa = parse_hpoa(lines)
>>> hpoa.version, hpoa.rows[0].references, hpoa.rows[0].frequency.is_absent
('2025-01-16', ('PMID:1', 'PMID:2'), True)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from xpid.annotations.frequency import Frequency, FrequencyError, parse_frequency
from xpid.constants import DISEASE_ID, HPO_ID
from xpid.errors import AnnotationFormatError
from xpid.io import parse_text_file

__all__ = ["Aspect", "HpoaFile", "HpoaRow", "HPOA_COLUMNS", "load_hpoa", "parse_hpoa"]

HPOA_COLUMNS = (
    "database_id",
    "disease_name",
    "qualifier",
    "hpo_id",
    "reference",
    "evidence",
    "onset",
    "frequency",
    "sex",
    "modifier",
    "aspect",
    "biocuration",
)


class Aspect(Enum):
    """The ``aspect`` column: which kind of statement a row makes."""

    P = "P"
    """Phenotypic abnormality."""
    I = "I"  # noqa: E741 - the letter used by the file format
    """Mode of inheritance."""
    C = "C"
    """Onset and clinical course."""
    M = "M"
    """Clinical modifier."""
    H = "H"
    """Past medical history (in the 2025 releases: findings in the pregnancy or mother)."""


@dataclass(frozen=True, slots=True)
class HpoaRow:
    """One row of ``phenotype.hpoa``.

    ``negated`` is the ``NOT`` qualifier; ``sex`` is ``""``, ``"male"`` or ``"female"``;
    ``line`` is the 1-based line number in the source.
    """

    disease_id: str
    disease_name: str
    negated: bool
    hpo_id: str
    references: tuple[str, ...]
    evidence: str
    onset: str
    frequency: Frequency
    sex: str
    modifiers: tuple[str, ...]
    aspect: Aspect
    biocuration: str
    line: int

    @property
    def database(self) -> str:
        """The id prefix: ``"OMIM"``, ``"ORPHA"``, ``"DECIPHER"``."""
        return self.disease_id.split(":", 1)[0]


@dataclass(frozen=True, slots=True)
class HpoaFile:
    """A parsed ``phenotype.hpoa``: its release version, source name and rows in file order."""

    source: str
    version: str
    rows: tuple[HpoaRow, ...]


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def parse_hpoa(lines: Iterable[str], *, source: str = "<lines>") -> HpoaFile:
    """Parse the lines of a ``phenotype.hpoa`` file.

    Parameters
    ----------
    lines
        The file's lines, with or without line endings.
    source
        Name used in error messages (the file path).

    Returns
    -------
    HpoaFile
        ``version`` is the ``#version:`` header (``"unknown"`` when there is none).

    Raises
    ------
    AnnotationFormatError
        For a missing or wrong column header or a malformed row (wrong column count, bad
        disease or HPO id, bad qualifier, frequency, sex or aspect); names the file and line.
    """
    version = "unknown"
    rows: list[HpoaRow] = []
    header_seen = False
    names: dict[str, str] = {}  # share one string per distinct value
    for number, raw in enumerate(lines, start=1):
        text = raw.rstrip("\r\n")
        if not text.strip():
            continue
        if text.startswith("#"):
            if text.startswith("#version:"):
                version = text.split(":", 1)[1].strip()
            continue
        cells = text.split("\t")
        if not header_seen:
            if tuple(c.strip() for c in cells) != HPOA_COLUMNS:
                raise AnnotationFormatError(
                    f"expected the column header {' '.join(HPOA_COLUMNS)!r}, found {text[:80]!r}.",
                    path=source,
                    line=number,
                )
            header_seen = True
            continue
        rows.append(_parse_row(cells, number, source, names))
    if not header_seen:
        raise AnnotationFormatError("no column header line found.", path=source)
    return HpoaFile(source=source, version=version, rows=tuple(rows))


def _parse_row(cells: list[str], number: int, source: str, names: dict[str, str]) -> HpoaRow:
    def fail(message: str) -> AnnotationFormatError:
        return AnnotationFormatError(message, path=source, line=number)

    if len(cells) != len(HPOA_COLUMNS):
        raise fail(f"expected {len(HPOA_COLUMNS)} tab-separated columns, found {len(cells)}.")
    disease_id, name, qualifier, hpo_id, reference, evidence = cells[:6]
    onset, frequency, sex, modifier, aspect, biocuration = cells[6:]
    if not DISEASE_ID.fullmatch(disease_id):
        raise fail(f"database_id {disease_id!r} is not a CURIE such as 'OMIM:304790'.")
    if not HPO_ID.fullmatch(hpo_id):
        raise fail(f"hpo_id {hpo_id!r} is not an HPO id such as 'HP:0002014'.")
    if qualifier not in ("", "NOT"):
        raise fail(f"qualifier {qualifier!r} is not empty or 'NOT'.")
    if onset and not HPO_ID.fullmatch(onset):
        raise fail(f"onset {onset!r} is not empty or an HPO id.")
    sex_value = sex.strip().lower()
    if sex_value not in ("", "male", "female"):
        raise fail(f"sex {sex!r} is not empty, 'MALE' or 'FEMALE'.")
    try:
        aspect_value = Aspect(aspect)
    except ValueError:
        raise fail(
            f"aspect {aspect!r} is not one of {', '.join(a.value for a in Aspect)}."
        ) from None
    try:
        parsed_frequency = parse_frequency(frequency)
    except FrequencyError as exc:
        raise fail(str(exc)) from None
    return HpoaRow(
        disease_id=names.setdefault(disease_id, disease_id),
        disease_name=names.setdefault(name, name),
        negated=qualifier == "NOT",
        hpo_id=names.setdefault(hpo_id, hpo_id),
        references=_split(reference),
        evidence=evidence,
        onset=onset,
        frequency=parsed_frequency,
        sex=sex_value,
        modifiers=_split(modifier),
        aspect=aspect_value,
        biocuration=biocuration,
        line=number,
    )


def load_hpoa(path: Path) -> HpoaFile:
    """Read ``phenotype.hpoa`` or ``phenotype.hpoa.gz`` with :func:`parse_hpoa`.

    Raises
    ------
    DataError
        If the file cannot be read.
    AnnotationFormatError
        For a malformed row.
    """
    return parse_text_file(
        path, lambda lines, source: parse_hpoa(lines, source=source), what="annotation file"
    )
