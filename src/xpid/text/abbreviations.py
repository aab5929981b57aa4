"""Common clinical abbreviations of findings (T1D, IDDM, HSM, ...), as data.

``xpid/text/data/abbreviations_<lang>.tsv`` lists ``ABBREVIATION<TAB>EXPANSION`` rows; the
expansion is worded as an HPO label or exact synonym. The ontology index
(:mod:`xpid.ontology.wordings`) adds each abbreviation to the one term its expansion names,
unless HPO already uses the abbreviation, and the free-text lexicon matches it only when it
is written in capitals.

>>> dict(load_abbreviations("en"))["T1D"]
'type 1 diabetes'
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from xpid.errors import DataError

__all__ = ["load_abbreviations"]


@cache
def load_abbreviations(lang: str = "en") -> tuple[tuple[str, str], ...]:
    """``(abbreviation, expansion)`` rows of ``abbreviations_<lang>.tsv`` (none when the
    language has no file).

    Raises
    ------
    DataError
        On a row without exactly two cells (names file and line).
    """
    name = f"abbreviations_{lang}.tsv"
    try:
        text = resources.files("xpid.text").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    rows: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != 2 or not all(cells):
            raise DataError(
                f"{name}:{number}: bad row {cells!r}; expected ABBREVIATION, EXPANSION."
            )
        rows.append((cells[0], cells[1]))
    return tuple(rows)
