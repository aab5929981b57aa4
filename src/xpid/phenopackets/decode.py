"""Decode phenopacket JSON text into Python values, for :mod:`xpid.phenopackets.reader`.

Rules
-----
Errors
    Text that is not UTF-8, not JSON, truncated, or nested deeper than Python's recursion
    limit raises :class:`~xpid.errors.PhenopacketError` naming the file (and the line).
Large integers
    An integer of more than 4,000 digits is read as a float (infinite), not refused:
    Python will not turn longer digit strings into ``int`` (``sys.int_info``), and a field
    xpid does not use may hold anything; a field xpid reads then reports the value as the
    wrong kind of number, naming the field.
Duplicate keys
    JSON leaves them undefined; like :func:`json.loads`, the last value is used, and every
    repeated key is returned by its field path (``phenotypicFeatures[0].type.id``) so the
    caller can warn about it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from xpid.errors import PhenopacketError

__all__ = ["decode_json"]

_MAX_INT_DIGITS = 4000


class _Repeated(dict[str, Any]):
    """A JSON object in which some keys were given more than once (``repeated``)."""

    __slots__ = ("repeated",)
    repeated: tuple[str, ...]


def _parse_int(text: str) -> int | float:
    return int(text) if len(text) <= _MAX_INT_DIGITS else float(text)


def _repeated_fields(data: Any) -> tuple[str, ...]:
    """Field paths of the repeated keys in ``data``, in document order."""
    found: list[str] = []
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        children: list[tuple[str, Any]] = []
        if isinstance(value, Mapping):
            prefix = f"{path}." if path else ""
            if isinstance(value, _Repeated):
                found.extend(prefix + key for key in value.repeated)
            children = [(prefix + str(k), v) for k, v in value.items()]
        elif isinstance(value, list):
            children = [(f"{path}[{i}]", v) for i, v in enumerate(value)]
        stack.extend(reversed(children))
    return tuple(found)


def decode_json(data: str | bytes, path: str) -> tuple[Any, tuple[str, ...]]:
    """Decode JSON text; returns the value and the field paths of repeated keys.

    Raises
    ------
    PhenopacketError
        Not UTF-8, not JSON, truncated, or too deeply nested (see the module rules).

    Examples
    --------
    >>> decode_json('{"id": "a", "subject": {"id": "x", "id": "y"}}', "p.json")
    ({'id': 'a', 'subject': {'id': 'y'}}, ('subject.id',))
    """
    any_repeated = False

    def make_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal any_repeated
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        any_repeated = True
        seen: set[str] = set()
        again: list[str] = []
        for key, _ in pairs:
            if key in seen:
                again.append(key)
            seen.add(key)
        repeated = _Repeated(obj)
        repeated.repeated = tuple(dict.fromkeys(again))
        return repeated

    try:
        value = json.loads(data, object_pairs_hook=make_object, parse_int=_parse_int)
    except UnicodeDecodeError as exc:
        raise PhenopacketError(f"not UTF-8 text ({exc.reason}).", path=path) from None
    except RecursionError:
        raise PhenopacketError("JSON nested too deeply to be a phenopacket.", path=path) from None
    except json.JSONDecodeError as exc:
        at_end = not exc.doc[exc.pos :].strip()
        if exc.doc.strip() and (at_end or exc.msg.startswith("Unterminated string")):
            message = f"truncated JSON: the text ends inside a value (line {exc.lineno})."
        else:
            message = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})."
        raise PhenopacketError(message, path=path) from None
    return value, _repeated_fields(value) if any_repeated else ()
