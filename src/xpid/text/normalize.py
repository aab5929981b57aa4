"""Normalise clinical text so that spelling variants compare equal.

The same function is applied to the query and to every label and synonym, so a rule only
has to map both spellings to one form, not to the "right" one. Rules, in order:

1. Unicode NFKD, accents dropped, case folded.
2. Hyphens, slashes, apostrophes and other punctuation become spaces; runs of
   whitespace collapse to one space.
3. British to American spelling: ``ae``/``oe`` inside a word become ``e``
   (haemolytic, anaemia, diarrhoea, oesophageal, oedema, paediatric, faecal; not a
   word-final ``oe`` as in toe), ``-our`` in a closed list (tumour, colour, behaviour...),
   ``-tre`` (centre, fibre), ``-ise/-isation/-yse`` to ``-ize/-ization/-yze``, ``sulph`` to
   ``sulf``, ``grey`` to ``gray``, ``-ogue`` to ``-og``.

>>> normalize_text("Haemolytic anaemia")
'hemolytic anemia'
>>> normalize_text("Oesophageal atresia / fistula")
'esophageal atresia fistula'
>>> normalize_text("Chronic Diarrhoea")
'chronic diarrhea'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize_text", "tokenize", "stem_token"]

_PUNCT = re.compile(r"[^\w\s]|_")
_SPACE = re.compile(r"\s+")
_AE_OE = re.compile(r"(?<=[a-z])(?:ae|oe)(?=[a-z])(?!s\b)|\boe(?=[a-z]{2})|\bae(?=tiol)")
_OUR = re.compile(r"\b(tum|col|behavi|hum|od|fav|vap|lab|rig|vig|harb|neighb|flav|rum|arm)our")
_TRE = re.compile(r"\b(cent|fib|lit|met|theat|sab|lust|sombre|meag)re\b")
_ISE = re.compile(r"(?<=[a-z]{3})is(ation|ations|e|ed|es|ing)\b")
_YSE = re.compile(r"(?<=[a-z])ys(e|ed|es|ing)\b")
_WORDS = {
    "grey": "gray",
    "greyish": "grayish",
    "mould": "mold",
    "aluminium": "aluminum",
    "programme": "program",
    "tyre": "tire",
}
_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b")
_OGUE = re.compile(r"(?<=[a-z]{3})ogue(s?)\b")
_SULPH = re.compile(r"sulph")
# Words whose British "-ise" is not a verb ending and must stay as they are.
_ISE_KEEP = re.compile(
    r"\b(?:exercise|exercises|exercised|otherwise|premise|premises|"
    r"promise|promises|concise|precise|imprecise|noise|noises|"
    r"poise|raise|raised|raises|rise|rises|arise|arises|arising|"
    r"wise|likewise|clockwise|franchise|excise|incise|incised|"
    r"cruise|bruise|bruised|bruises|bruising|disguise|praise|"
    r"advise|advised|revise|revised|surprise|compromise|"
    r"compromised|expertise|paradise|merchandise|despise|"
    r"televise|supervise|supervised|devise|chemise|anise|"
    r"remise|demise|treatise|mortise|valise|reprise|enterprise)\b"
)


def _ise_to_ize(text: str) -> str:
    keep = {m.start() for m in _ISE_KEEP.finditer(text)}
    if not keep:
        return _ISE.sub(lambda m: "iz" + m.group(1), text)
    out: list[str] = []
    last = 0
    for match in _ISE.finditer(text):
        word_start = text.rfind(" ", 0, match.start()) + 1
        if word_start in keep:
            continue
        out.append(text[last : match.start()])
        out.append("iz" + match.group(1))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def normalize_text(text: str) -> str:
    """Return ``text`` in xpid's comparison form (see the module docstring)."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    spaced = _SPACE.sub(" ", _PUNCT.sub(" ", folded)).strip()
    spaced = _AE_OE.sub("e", spaced)
    spaced = _OUR.sub(lambda m: m.group(1) + "or", spaced)
    spaced = _TRE.sub(lambda m: m.group(1) + "er", spaced)
    spaced = _ise_to_ize(spaced)
    spaced = _YSE.sub(lambda m: "yz" + m.group(1), spaced)
    spaced = _OGUE.sub(lambda m: "og" + m.group(1), spaced)
    spaced = _SULPH.sub("sulf", spaced)
    return _WORD.sub(lambda m: _WORDS[m.group(1)], spaced)


def stem_token(token: str) -> str:
    """Strip a plural ending: ``infections`` → ``infection``, ``ovaries`` → ``ovary``.

    >>> [stem_token(t) for t in ["infections", "ovaries", "abscess", "virus", "teeth"]]
    ['infection', 'ovary', 'abscess', 'virus', 'tooth']
    """
    if token == "teeth":
        return "tooth"
    if token == "feet":
        return "foot"
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def tokenize(text: str) -> list[str]:
    """Normalised, stemmed word tokens of ``text``.

    >>> tokenize("Recurrent bacterial infections")
    ['recurrent', 'bacterial', 'infection']
    """
    return [stem_token(tok) for tok in normalize_text(text).split()]
