"""What the YAML and JSON readers share: positions, the checks on keys, nesting and the top
level, value checks, and the builder the JSON reader drives.

Both formats refuse duplicate keys, too deep a nesting, a top level that is not a mapping,
numbers and text through the same functions here, with the same words, whatever the format.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from types import MappingProxyType
from typing import Any, Final

from complychk.errors import InputError
from complychk.proposal.document import FieldPath, FileKind, LoadedDocument, Location

MAX_DEPTH: Final = 64
MAX_INT_DIGITS: Final = 18
# --- positions and messages ------------------------------------------------------------------


class LineIndex:
    """Turns character offsets into line and column, counting line breaks as YAML does."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def line_count(self) -> int:
        return len(self._starts)

    def locate(self, file: str, offset: int) -> Location:
        line = bisect_right(self._starts, offset)
        return Location(file, line, offset - self._starts[line - 1] + 1)


# Characters YAML refuses (plus the exotic line breaks, which would make YAML count lines
# differently from most editors). Checked up front so every format reports them alike. Written
# as the refused characters: C0 controls but tab, line feed and carriage return; DEL and the C1
# controls (NEL among them); U+2028 and U+2029; surrogates; U+FFFE and U+FFFF. (The same set
# written as the complement of the allowed ranges takes `re` about 7 ms to compile at start-up.)
_FORBIDDEN = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)


_ASCII_FORBIDDEN: Final = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
"""The refused characters an ASCII text can hold (the C0 controls but tab, LF and CR; DEL)."""


def check_characters(text: str, file: str) -> None:
    if text.isascii():  # most proposals: one pass over the bytes instead of a regex search
        data = text.encode("ascii")
        if len(data.translate(None, _ASCII_FORBIDDEN)) == len(data):
            return
    found = _FORBIDDEN.search(text)
    if found is None:
        return
    char = found.group()
    where = LineIndex(text[: found.start()]).locate(file, found.start())
    if 0xD800 <= ord(char) <= 0xDFFF:
        problem = f"unpaired surrogate U+{ord(char):04X} is not a character"
        hint = "re-save the file as UTF-8"
    elif char in "\x85\u2028\u2029":
        problem = f"the line break character U+{ord(char):04X} is not allowed"
        hint = "use an ordinary line break"
    else:
        problem = f"control character U+{ord(char):04X} is not allowed"
        hint = "the file may be UTF-16; save it as UTF-8" if char == "\0" else "remove it"
    raise error_at(where, problem, hint)


def error_at(where: Location, problem: str, hint: str) -> InputError:
    return InputError(where.file, where.line, where.column, problem, hint)


def nested_too_deeply(where: Location) -> InputError:
    return error_at(
        where, f"the data is nested more than {MAX_DEPTH} levels deep", "flatten the structure"
    )


def duplicate_key(name: str, first: Location, where: Location) -> InputError:
    """A key given twice in one mapping, ``first`` where it was given before."""
    earlier = "earlier on this line" if first.line == where.line else f"on line {first.line}"
    problem = f"duplicate key {show(name)}: it is already given {earlier}"
    return error_at(where, problem, "keep one of the two entries, or merge them")


def not_a_mapping(kind: FileKind, value: Any, where: Location, hint: str) -> InputError:
    """A top level that is not a mapping of fields (a list, a number, a line of text)."""
    problem = (
        f"the {kind.name} must be a mapping of fields at the top level; found {kind_of(value)}"
    )
    return error_at(where, problem, hint)


def loaded(
    file: str,
    kind: FileKind,
    root: dict[str, Any] | None,
    locations: dict[FieldPath, Location],
    empty: str = "",
) -> LoadedDocument:
    """The document read; ``empty`` words the error when there is nothing in it."""
    if root is None:
        empty = empty or f"the {kind.name} is empty"
        raise InputError(file, 1, 1, empty, kind.fields_hint)
    return LoadedDocument(file, root, MappingProxyType(locations))


def show(text: str, limit: int = 40) -> str:
    """Quote a piece of the user's text for a one-line message."""
    shown = json.dumps(text if len(text) <= limit else text[:limit] + "...", ensure_ascii=False)
    return shown.encode("utf-8", "backslashreplace").decode("utf-8")


# --- building values with their locations ---------------------------------------------------

_Container = dict[str, Any] | list[Any]


class Builder:
    """Assembles plain data from parse events, recording a location for every value.

    The JSON reader drives it with the tokens it reads; the YAML reader walks a node tree
    instead, and both refuse duplicate keys, depth and the top level's shape through the
    functions above.

    Readers call it once per value, so its state is kept flat and cheap to read: the innermost
    open container, its path and the key awaiting its value, with the enclosing containers on a
    stack of plain tuples. ``expects_key`` and ``in_mapping`` are attributes,
    not methods, because a reader consults them for every value it reads.
    """

    def __init__(self, file: str, kind: FileKind, top_hint: str = "") -> None:
        self.file = file
        self.expects_key = False
        """Whether the next value read is a key of the innermost mapping."""
        self.in_mapping = False
        """Whether the innermost open container is a mapping."""
        self._kind = kind
        self._top_hint = top_hint or kind.fields_hint
        self._locations: dict[FieldPath, Location] = {}
        self._root: dict[str, Any] | None = None
        self._container: _Container | None = None  # None until the top level opens
        self._path: FieldPath = ()
        self._pending: str | None = None  # the key awaiting its value
        self._enclosing: list[tuple[_Container | None, FieldPath, bool]] = []

    def key(self, name: str, where: Location) -> None:
        """Record a key and its location, which is also the location of the value to come.

        A key's location is recorded under its path, so the locations double as the record of
        the keys this mapping has seen.
        """
        path = (*self._path, name)
        first = self._locations.get(path)
        if first is not None:
            raise duplicate_key(name, first, where)
        self._locations[path] = where
        self._pending = name
        self.expects_key = False

    def value(self, value: Any) -> str:
        """Give the key just read its value, which is located at the key; returns the key."""
        key = self._pending
        if key is None or not isinstance(self._container, dict):
            raise AssertionError("a mapping value arrived before its key")
        self._container[key] = value
        self._pending = None
        self.expects_key = True
        return key

    def item(self, value: Any, where: Location) -> FieldPath:
        """Add a value to the innermost list, or make it the top level; returns its path."""
        container = self._container
        if container is None:
            return self._attach_root(value, where)
        if not isinstance(container, list):
            raise AssertionError("an item arrived inside a mapping")
        path = (*self._path, len(container))
        self._locations[path] = where
        container.append(value)
        return path

    def open(self, container: _Container, where: Location) -> None:
        """Start a mapping or list, as the pending key's value or as an item (see ``in_mapping``)."""
        if len(self._enclosing) >= MAX_DEPTH:
            raise nested_too_deeply(where)
        if self.in_mapping:
            path = (*self._path, self.value(container))
        else:
            path = self.item(container, where)
        self._enclosing.append((self._container, self._path, self.in_mapping))
        self._container, self._path = container, path
        self.in_mapping = self.expects_key = isinstance(container, dict)

    def close(self) -> None:
        """End the innermost container; the one around it then has no value pending."""
        self._container, self._path, self.in_mapping = self._enclosing.pop()
        self.expects_key = self.in_mapping

    def _attach_root(self, value: Any, where: Location) -> FieldPath:
        if value is not None and not isinstance(value, dict):
            raise not_a_mapping(self._kind, value, where, self._top_hint)
        self._root = value
        self._locations[()] = where
        return ()

    def finish(self, empty: str = "") -> LoadedDocument:
        """The document; ``empty`` words the error when there is nothing in it."""
        return loaded(self.file, self._kind, self._root, self._locations, empty)


def kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "null" if value is None else "text"


# --- values both formats share -------------------------------------------------------------

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def checked_int(digits: str, base: int, where: Location, shown: str = "") -> int:
    """Parse an integer, refusing sizes no proposal needs (and Python's digit limit with them)."""
    shown = shown or digits
    unsigned = digits.lstrip("+-")
    if len(unsigned) > MAX_INT_DIGITS or int(unsigned, base) >= 10**MAX_INT_DIGITS:
        problem = f"the number {show(shown)} has more than {MAX_INT_DIGITS} digits"
        raise error_at(where, problem, "quote it if it is an identifier rather than an amount")
    return int(digits, base)


def checked_float(text: str, where: Location) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise error_at(where, f"the number {show(text)} is too large", "check the value")
    return value


def checked_text(value: str, where: Location) -> str:
    """Refuse strings that cannot be written out again as UTF-8 (from escapes like \\ud800)."""
    if _SURROGATE.search(value):
        problem = "the text contains an unpaired surrogate escape such as \\ud800"
        raise error_at(where, problem, "write the character itself instead of the escape")
    return value
