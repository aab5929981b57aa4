"""The one escaping rule for printed data: messages, table cells, TSV and JSON."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from xpid.text.escape import json_dumps, printable, tsv_cell

UNSAFE = [
    "\x00",
    "\x07",
    "\x08",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9b",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\ud800",
    "\udcff",
]
# Any character, lone surrogates included, weighted towards the unsafe ones.
ANY_TEXT = st.text(
    alphabet=st.one_of(st.characters(exclude_categories=()), st.sampled_from(UNSAFE)),
    max_size=40,
)


def _has_unsafe(text: str) -> bool:
    return any(
        ord(c) < 0x20
        or 0x7F <= ord(c) <= 0x9F
        or c in "\u2028\u2029"
        or 0x202A <= ord(c) <= 0x202E
        or 0x2066 <= ord(c) <= 0x2069
        or 0xD800 <= ord(c) <= 0xDFFF
        for c in text
    )


def test_printable_escapes_each_unsafe_character_visibly() -> None:
    assert printable("id\x1b[2Jx") == "id\\x1b[2Jx"
    assert printable("a\tb\nc\rd") == "a\\tb\\nc\\rd"
    assert printable("\x9b31m") == "\\x9b31m"
    assert printable("abc\u202edef") == "abc\\u202edef"
    assert printable("\ud800") == "\\ud800"
    for char in UNSAFE:
        assert not _has_unsafe(printable(f"x{char}y"))


def test_printable_keeps_ordinary_text_as_it_is() -> None:
    text = "Diarrhée chronique — 5 °C, path\\to\\file, 日本語, emoji 😀, zero\u200bwidth"
    assert printable(text) is text


def test_keep_layout_keeps_line_feeds_and_tabs_only() -> None:
    assert printable("a\nb\tc\x1bd\re", keep_layout=True) == "a\nb\tc\\x1bd\\re"


def test_tsv_cell_never_splits_a_row() -> None:
    assert tsv_cell(None) == ""
    assert tsv_cell(1.5) == "1.5"
    assert tsv_cell("a\tb\r\nc\x1b") == "a b  c\\x1b"


def test_json_dumps_is_valid_utf8_and_round_trips_lone_surrogates() -> None:
    value = {"id": "\ud800", "path": "bad\udcffname.json", "note": "a\u2028b\x85c\x1b", "é": 1}
    text = json_dumps(value)
    text.encode("utf-8")  # no UnicodeEncodeError
    assert json.loads(text) == value
    assert "\\ud800" in text and "\\u2028" in text and "\\u0085" in text and "\\u001b" in text
    assert "é" in text  # not ASCII-escaped: readable as it was
    assert json_dumps({"a": [1]}, indent=2) == '{\n  "a": [\n    1\n  ]\n}'
    assert json_dumps({"a": 1}, separators=(",", ":")) == '{"a":1}'


def _pairs_joined(text: str) -> str:
    """A high surrogate followed by a low one, read back from JSON, is one character."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_any_string_prints_safely(text: str) -> None:
    shown = printable(text)
    assert not _has_unsafe(shown)
    shown.encode("utf-8")
    cell = tsv_cell(text)
    assert "\t" not in cell and "\n" not in cell and "\r" not in cell
    assert not _has_unsafe(cell)
    dumped = json_dumps({"k": text, text: [text]})
    dumped.encode("utf-8")
    assert not _has_unsafe(dumped.replace("\n", ""))
    joined = _pairs_joined(text)
    assert json.loads(dumped) == {"k": joined, joined: [joined]}
