"""``xpid rank --exclude``: several excluded terms in one option, and no silent guess.

``xpid rank A --exclude B C`` used to count C as present: Typer gives an option one value,
so C fell to the present terms without a word, the most dangerous wrong answer xpid could
give. Now ``--exclude`` takes a comma-separated list (or is repeated), and a command line
where a term follows the value of ``--exclude`` is refused, with both spellings shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xpid.ontology import Ontology

__all__ = ["exclude_layout_error", "split_excluded"]

_EXCLUDE_OPTIONS = ("--exclude", "-x")


def exclude_layout_error(args: list[str]) -> str | None:
    """The message refusing a ``rank`` command line where a term follows the value of
    ``--exclude`` (``rank A --exclude B C``): C may be meant excluded or present, and
    reading it as present without a word is the worst wrong answer xpid could give.
    ``None`` when there is no such term (``--`` ends the options, as everywhere)."""
    if "rank" not in args:
        return None
    rest = args[args.index("rank") + 1 :]
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg == "--":
            return None
        value: str | None = None
        if arg in _EXCLUDE_OPTIONS and i + 1 < len(rest):
            value, i = rest[i + 1], i + 2
        elif arg.startswith("--exclude="):
            value, i = arg.removeprefix("--exclude="), i + 1
        elif arg.startswith("-x") and not arg.startswith("--"):
            value, i = arg[2:], i + 1
        else:
            i += 1
            continue
        if i < len(rest) and not rest[i].startswith("-"):
            term = rest[i]
            return (
                f"{term!r} after --exclude {value} could be meant excluded or present: write "
                f"--exclude {value},{term} (or --exclude {value} --exclude {term}) to exclude "
                f"both, or put it before the options (xpid rank … {term} --exclude {value}) "
                "to have it present."
            )
    return None


def split_excluded(ontology: Ontology, values: list[str]) -> list[str]:
    """The terms of ``--exclude`` values: each value is one term or a comma-separated list
    of terms. A value that is itself one term (a label with a comma, such as ``High,
    narrow palate``) is kept whole; otherwise it is split at every comma."""
    from xpid.errors import TermError
    from xpid.ontology import resolve_term

    terms: list[str] = []
    for value in values:
        if "," in value:
            try:
                resolve_term(ontology, value)
            except TermError:
                terms.extend(part.strip() for part in value.split(",") if part.strip())
                continue
        terms.append(value)
    return terms
