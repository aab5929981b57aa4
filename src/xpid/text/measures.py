"""Laboratory wordings: "Decreased circulating X concentration" is also "low X", for any X.

HPO names laboratory findings in one family of wordings: a direction (*Decreased*,
*Reduced*, *Increased*, *Elevated*, ...), often the specimen (*circulating*, *serum*,
*plasma*), the measured thing, often the quantity (*concentration*, *level*):
*Decreased circulating IgG concentration*, *Increased circulating IgM level*,
*Elevated serum IgE*. Clinicians write "low IgG", "IgM high", "elevated IgE". Both
reduce to one key, ``(direction, *thing)``: the direction word replaced by its class
(``decreased`` or ``increased``), the blood specimen and the quantity words left out
(blood is what "low IgG" means), connecting "of"/"in" at either end dropped. Another
specimen stays part of the thing: "high urinary cortisol" is not "high cortisol".

Which terms: a term is a laboratory measure when its label or an exact synonym starts or
ends with a direction word and names a blood specimen or a quantity; each of its strings
that starts or ends with a direction word then gives a key. The measured things are never
listed: they come from the ontology. The direction, specimen and quantity words of each
language are data (``xpid/text/data/measure_words.tsv``).

>>> words = load_measure_words("en", lambda w: (w.lower(),))
>>> measure_key(["low", "igg"], words), measure_key(["igg", "low"], words)
(('decreased', 'igg'), ('decreased', 'igg'))
>>> measure_keys(["Decreased circulating IgG concentration", "Decreased IgG"], words,
...              lambda t: t.lower().split())
{('decreased', 'igg')}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from xpid.errors import DataError

__all__ = [
    "DECREASED",
    "INCREASED",
    "MeasureWords",
    "load_measure_words",
    "measure_key",
    "measure_keys",
]

DECREASED = "decreased"
INCREASED = "increased"
_ROLES = (DECREASED, INCREASED, "specimen", "measure")
_CONNECTIVES = frozenset({"of", "in", "the"})


@dataclass(frozen=True, slots=True)
class MeasureWords:
    """The words of one language, in the caller's normal form.

    Attributes
    ----------
    directions
        Word → ``"decreased"`` or ``"increased"``.
    by_direction
        Direction → its words, in file order (for generating "low X", "reduced X", ...).
    specimens, measures
        Blood-specimen words and quantity words, left out of a key.
    """

    directions: dict[str, str]
    by_direction: dict[str, tuple[str, ...]]
    specimens: frozenset[str]
    measures: frozenset[str]


@cache
def _rows() -> tuple[tuple[str, str, str], ...]:
    name = "measure_words.tsv"
    try:
        text = resources.files("xpid.text").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"the text data file {name!r} is missing.") from None
    rows: list[tuple[str, str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or cells[1] not in _ROLES:
            raise DataError(
                f"{name}:{number}: bad row {cells!r}; expected LANG, a role "
                f"({', '.join(_ROLES)}) and a word."
            )
        rows.append((cells[0], cells[1], cells[2]))
    return tuple(rows)


def load_measure_words(lang: str, normalize: Callable[[str], Sequence[str]]) -> MeasureWords:
    """The measure words of ``lang``, each passed through ``normalize`` (one word in, its
    tokens out; a word that normalises to several tokens or none is left out).

    Raises
    ------
    DataError
        If the data file is missing or malformed.
    """
    directions: dict[str, str] = {}
    by_direction: dict[str, list[str]] = {DECREASED: [], INCREASED: []}
    specimens: set[str] = set()
    measures: set[str] = set()
    for row_lang, role, raw in _rows():
        if row_lang != lang:
            continue
        tokens = tuple(normalize(raw))
        if len(tokens) != 1:
            continue
        word = tokens[0]
        if role in by_direction:
            directions.setdefault(word, role)
            if word not in by_direction[role]:
                by_direction[role].append(word)
        elif role == "specimen":
            specimens.add(word)
        else:
            measures.add(word)
    return MeasureWords(
        directions,
        {d: tuple(ws) for d, ws in by_direction.items()},
        frozenset(specimens),
        frozenset(measures),
    )


def measure_key(tokens: Sequence[str], words: MeasureWords) -> tuple[str, ...] | None:
    """The key of a wording given as normalised tokens, or ``None`` when it is not one.

    A wording is ``direction thing`` or ``thing direction``; the blood specimen and quantity
    words are left out of the thing wherever they are (a specimen word before "cell" names
    a cell: "plasma cell"), and "of", "in", "the" at its ends.
    ``None`` when no direction word starts or ends it, or nothing else remains, or the
    thing holds a second direction word.
    """
    if not tokens:
        return None
    direction = words.directions.get(tokens[0])
    rest = tokens[1:]
    if direction is None:
        direction = words.directions.get(tokens[-1])
        rest = tokens[:-1]
    if direction is None:
        return None
    thing = [
        t
        for k, t in enumerate(rest)
        if t not in words.measures
        and (t not in words.specimens or (k + 1 < len(rest) and rest[k + 1].startswith("cell")))
    ]
    while thing and thing[0] in _CONNECTIVES:
        thing.pop(0)
    while thing and thing[-1] in _CONNECTIVES:
        thing.pop()
    if not thing or any(t in words.directions for t in thing):
        return None
    return (direction, *thing)


def _is_laboratory(tokens: Sequence[str], words: MeasureWords) -> bool:
    return measure_key(tokens, words) is not None and any(
        t in words.specimens or t in words.measures for t in tokens
    )


def measure_keys(
    texts: Iterable[str],
    words: MeasureWords,
    tokenize: Callable[[str], Sequence[str]],
) -> set[tuple[str, ...]]:
    """The keys of one term from its label and exact synonyms (empty when the term is not
    a laboratory measure; see the module docstring)."""
    tokenized = [tuple(tokenize(text)) for text in texts]
    if not any(_is_laboratory(tokens, words) for tokens in tokenized):
        return set()
    keys = {measure_key(tokens, words) for tokens in tokenized}
    return {key for key in keys if key is not None}
