"""A loaded proposal file: its plain data and where (file, line, column) each value was written."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

FieldPath = tuple[str | int, ...]


class Location(NamedTuple):
    """Where something is written: the path as the user gave it, 1-based line and column.

    A named tuple rather than a dataclass: the loader makes one for every value it reads.
    """

    file: str
    line: int
    column: int


@dataclass(frozen=True)
class FileKind:
    """What a loaded file is, so the loader's messages name it: a proposal, a waiver file, ..."""

    name: str
    """As the subject of a message: "the proposal is empty"."""
    file: str
    """The kind of file: "give the path of one proposal file"."""
    fields_hint: str
    """What to write at the top level, for an empty file or one of the wrong shape."""


PROPOSAL = FileKind(
    "proposal", "proposal file", "write the proposal's fields as 'name: value' lines"
)


@dataclass(frozen=True)
class LoadedDocument:
    """A proposal as plain data plus the place each value came from.

    ``locations`` is keyed by path: ``()`` is the document root, ``("team", 0)`` the first item
    of ``team``. A mapping entry is located at its key, because that is the line a reader looks
    for (a nested mapping's own content starts a line later); a list item at the item itself.
    """

    path: str
    data: dict[str, Any]
    locations: Mapping[FieldPath, Location]

    def locate(self, path: Sequence[str | int]) -> Location:
        """Where ``path`` is written, else its nearest recorded ancestor, at worst the root.

        Checks often report a field the proposal lacks; pointing at the enclosing mapping still
        shows the reader where to add it.
        """
        locations = self.locations  # read-only: ``in`` and ``[]`` reach the dict without a
        key = tuple(path)  # method call, which ``get`` on a read-only view costs twice over
        while key:
            if key in locations:
                return locations[key]
            key = key[:-1]
        return locations[()] if () in locations else Location(self.path, 1, 1)
