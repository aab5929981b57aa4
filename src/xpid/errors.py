"""The one exception root of xpid and its semantic leaves.

Every error xpid raises on bad input derives from :class:`XpidError`. Messages are one
sentence that quotes the bad value and says what was expected; the CLI catches the root
once and prints the message as a single line.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "XpidError",
    "DataError",
    "UnreadableFileError",
    "TermError",
    "UnknownTermError",
    "ObsoleteTermError",
    "MalformedIdError",
    "NotAPhenotypeError",
    "ProfileFormatError",
    "AnnotationFormatError",
    "MappingFormatError",
    "PhenopacketError",
    "QueryError",
    "UnknownNameError",
    "ParameterError",
]


class XpidError(Exception):
    """Root of every error that xpid raises on bad input or bad data."""


class DataError(XpidError):
    """A data file (ontology, annotations, cache) is missing or unusable."""


class UnreadableFileError(DataError):
    """A file that cannot be read: missing, not a regular file (a FIFO, a device), over the
    size limit of an input, a broken gzip stream, or not UTF-8. ``path`` names the file and
    ``problem`` says what is wrong, for callers that report it as their own error."""

    def __init__(self, what: str, path: str, problem: str) -> None:
        super().__init__(f"cannot read {what} {path!r}: {problem}.")
        self.path = path
        self.problem = problem


class TermError(XpidError):
    """A term given by the user could not be resolved.

    Parameters
    ----------
    message
        The one-line message.
    query
        The text the user gave, verbatim.
    suggestions
        Closest matches as ``(id, label)`` pairs, best first; may be empty.
    """

    def __init__(
        self, message: str, *, query: str, suggestions: Sequence[tuple[str, str]] = ()
    ) -> None:
        if suggestions:
            shown = "; ".join(f"{tid} {label}" for tid, label in suggestions)
            message = f"{message} Did you mean: {shown}?"
        super().__init__(message)
        self.query = query
        self.suggestions = tuple(suggestions)


class UnknownTermError(TermError):
    """A well-formed id, or a label, that the ontology does not contain."""


class ObsoleteTermError(TermError):
    """An obsolete id with no replacement."""


class MalformedIdError(TermError):
    """Text that looks like an id but is not a valid HPO CURIE."""


class NotAPhenotypeError(TermError):
    """A current term outside the Phenotypic abnormality branch used as a finding."""


class _FileLocatedError(XpidError):
    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


class AnnotationFormatError(_FileLocatedError):
    """A malformed row in an HPO annotation (HPOA) or gene file; names file and line."""


class MappingFormatError(_FileLocatedError):
    """A malformed row in a Mondo mapping set (SSSOM) or edge table; names file and line."""


class ProfileFormatError(_FileLocatedError):
    """A document-built profile file that breaks the schema; names file and line."""


class PhenopacketError(XpidError):
    """A phenopacket that cannot be read; names the file and the field."""

    def __init__(self, message: str, *, path: str, field: str | None = None) -> None:
        where = f"{path} [{field}]" if field else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.field = field


class QueryError(XpidError):
    """A patient query that cannot be ranked (empty, only excluded findings, ...)."""


class UnknownNameError(XpidError):
    """A name chosen from a fixed set (method, panel, corpus, format) that is not in it."""

    def __init__(self, kind: str, value: str, allowed: Sequence[str]) -> None:
        super().__init__(f"unknown {kind} {value!r}; expected one of: {', '.join(allowed)}.")
        self.kind = kind
        self.value = value
        self.allowed = tuple(allowed)


class ParameterError(XpidError, ValueError):
    """A function argument out of its allowed range (``top=0``, an empty array, …).

    Also a :class:`ValueError`, so callers that expect one keep working.
    """
