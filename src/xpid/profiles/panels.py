"""Panels: named sets of diseases (``profiles/panels/*.toml``), usable as ``--panel NAME``.

A panel file::

    schema = 1
    name = "x-linked-iei"
    title = "X-linked inborn errors of immunity"
    description = "…"

    [[diseases]]
    id = "OMIM:304790"
    gene = "FOXP3"
    name = "Immunodysregulation, polyendocrinopathy, and enteropathy, X-linked"
    note = "optional"

The file name is the panel name plus ``.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from xpid.constants import DISEASE_ID
from xpid.errors import ProfileFormatError
from xpid.io import MAX_INPUT_BYTES, read_text
from xpid.profiles.curated import _Lines, load_toml_text

__all__ = ["Panel", "PanelEntry", "load_panels", "parse_panel_toml"]

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True, slots=True)
class PanelEntry:
    """One disease of a panel: id, gene symbol, name and an optional curator's note."""

    id: str
    gene: str
    name: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Panel:
    """A named set of diseases.

    ``disease_ids`` are in file order; ``entries`` carry the gene and name of each.
    """

    name: str
    title: str
    description: str
    disease_ids: tuple[str, ...]
    entries: tuple[PanelEntry, ...] = ()


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


def parse_panel_toml(text: str, *, path: str | Path) -> Panel:
    """Parse one panel file.

    Raises
    ------
    ProfileFormatError
        For invalid TOML, a missing or mistyped field, a bad or repeated disease id, or a
        ``name`` that differs from the file name; names the file and line.
    """
    where = str(path)
    data = load_toml_text(text, path=where)

    def fail(message: str, needle: str | None = None) -> ProfileFormatError:
        return ProfileFormatError(
            message, path=where, line=_line_of(text, needle) if needle else None
        )

    if data.get("schema") != 1:
        raise fail(f"'schema' must be 1, got {data.get('schema')!r}.", "schema")
    fields: dict[str, str] = {}
    for key in ("name", "title", "description"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{key!r} must be a non-empty string.", key)
        fields[key] = value
    if not _NAME.fullmatch(fields["name"]):
        raise fail(f"panel name {fields['name']!r} must be lower-case words joined by '-'.", "name")
    if Path(where).suffix == ".toml" and Path(where).stem != fields["name"]:
        raise fail(
            f"panel {fields['name']!r} must be in a file named {fields['name']}.toml.", "name"
        )
    diseases = data.get("diseases")
    if not isinstance(diseases, list) or not diseases:
        raise fail("a panel needs at least one [[diseases]] table.")
    entries: list[PanelEntry] = []
    seen: set[str] = set()
    lines = _Lines(text)
    for i, item in enumerate(diseases):
        if not isinstance(item, dict):
            raise fail("'diseases' must be an array of tables ([[diseases]]).", "diseases")
        disease_id = item.get("id")
        id_line = lines.item("diseases", i, "id")
        if not isinstance(disease_id, str) or not DISEASE_ID.fullmatch(disease_id):
            raise ProfileFormatError(
                f"disease id {disease_id!r} is not a CURIE such as 'OMIM:304790'.",
                path=where,
                line=id_line,
            )
        if disease_id in seen:
            raise ProfileFormatError(
                f"disease {disease_id} is listed twice.", path=where, line=id_line
            )
        seen.add(disease_id)
        values = []
        for key in ("gene", "name", "note"):
            value = item.get(key, "")
            if not isinstance(value, str) or (key != "note" and not value.strip()):
                raise ProfileFormatError(
                    f"disease {disease_id}: {key!r} must be a non-empty string.",
                    path=where,
                    line=lines.item("diseases", i, key),
                )
            values.append(value)
        entries.append(PanelEntry(disease_id, values[0], values[1], values[2]))
    return Panel(
        name=fields["name"],
        title=fields["title"],
        description=fields["description"].strip(),
        disease_ids=tuple(e.id for e in entries),
        entries=tuple(entries),
    )


def load_panels(paths: Iterable[Path]) -> Mapping[str, Panel]:
    """Read panel files; returns name → panel, sorted by name.

    Raises
    ------
    DataError
        If a file cannot be read.
    ProfileFormatError
        If a file is malformed or two files define the same name.
    """
    panels: dict[str, Panel] = {}
    for path in sorted(paths):
        text = read_text(path, what="panel file", limit=MAX_INPUT_BYTES)
        panel = parse_panel_toml(text, path=path)
        if panel.name in panels:
            raise ProfileFormatError(f"panel {panel.name!r} is defined twice.", path=str(path))
        panels[panel.name] = panel
    return MappingProxyType(dict(sorted(panels.items())))
