"""Make text that comes from data safe to print: one rule for messages, tables, TSV and JSON.

Case ids, file names, labels, notes and free text reach xpid from files it does not control.
Some characters in them are obeyed by a terminal rather than shown (``ESC [2J`` clears the
screen), split a TSV row, reorder the rest of a line on screen, or cannot be encoded as
UTF-8 at all. Every output edge passes data through one of the functions below.

Unsafe characters
    C0 controls U+0000-U+001F, DEL U+007F, C1 controls U+0080-U+009F (U+009B is the
    one-byte CSI of some terminals), the line and paragraph separators U+2028 and U+2029,
    the bidirectional embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069
    (they reorder what follows on the screen), and lone surrogates U+D800-U+DFFF (no UTF-8
    form; Python makes them from a file name that is not UTF-8, or from a ``"\\ud800"``
    escape in JSON).

:func:`printable` (messages and table cells)
    Each unsafe character becomes a visible escape: ``\\t``, ``\\n``, ``\\r``, ``\\xNN``
    below U+0100, ``\\uNNNN`` above. Everything else, backslashes included, is unchanged:
    the result is for human eyes and is not meant to be decoded back.
:func:`tsv_cell` (TSV)
    ``None`` is empty; tab, carriage return and line feed become one space (a cell never
    splits a row or a line); the rest as :func:`printable`.
:func:`json_dumps` (JSON)
    :func:`json.dumps` with ``ensure_ascii=False``, then each unsafe character left in the
    text written as a ``\\uNNNN`` escape. JSON's own syntax is ASCII, so those characters
    can only be inside strings and the result is valid JSON in valid UTF-8 for any Python
    value :mod:`json` accepts. A lone surrogate is kept as its escape, not replaced:
    :func:`json.loads` gives the same string back (RFC 8259 section 8.2 allows such an
    escape; a strict reader may turn it into U+FFFD), except that a high surrogate
    followed by a low one is read back as the one character the pair encodes.

>>> printable("case\\x1b[2J\\u202e1")
'case\\\\x1b[2J\\\\u202e1'
>>> tsv_cell("a\\tb\\nc\\ud800")
'a b c\\\\ud800'
>>> json_dumps({"id": "\\ud800\\u2028é"})
'{"id": "\\\\ud800\\\\u2028é"}'
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["printable", "tsv_cell", "json_dumps"]

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_KEEP_LAYOUT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_BREAKS = str.maketrans({"\t": " ", "\r": " ", "\n": " "})


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    short = _SHORT.get(char)
    if short is not None:
        return short
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_layout: bool = False) -> str:
    """``text`` with every unsafe character (see the module rules) as a visible escape.

    ``keep_layout`` keeps line feeds and tabs, for text that a renderer lays out itself
    (Rich breaks lines and expands tabs; neither reaches the terminal as a control).

    >>> printable("plain text, kept as it is: 5 °C \\\\ é")
    'plain text, kept as it is: 5 °C \\\\ é'
    >>> printable("two\\nlines\\x07", keep_layout=True)
    'two\\nlines\\\\x07'
    """
    unsafe = _UNSAFE_KEEP_LAYOUT if keep_layout else _UNSAFE
    if unsafe.search(text) is None:
        return text
    return unsafe.sub(_escape, text)


def tsv_cell(value: object) -> str:
    """One TSV cell: ``None`` is empty, tabs and line breaks are spaces, the rest
    :func:`printable`.

    >>> tsv_cell(None), tsv_cell(0.5), tsv_cell("two\\r\\nlines")
    ('', '0.5', 'two  lines')
    """
    if value is None:
        return ""
    return printable(str(value).translate(_TSV_BREAKS))


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_dumps(
    value: Any, *, indent: int | None = None, separators: tuple[str, str] | None = None
) -> str:
    """``value`` as JSON text that is valid UTF-8 and safe to print (see the module rules).

    Parameters
    ----------
    value
        Anything :func:`json.dumps` accepts.
    indent, separators
        As for :func:`json.dumps`.

    >>> json.loads(json_dumps(["\\udcff"])) == ["\\udcff"]
    True
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    if _UNSAFE_IN_JSON.search(text) is None:
        return text
    return _UNSAFE_IN_JSON.sub(_json_escape, text)
