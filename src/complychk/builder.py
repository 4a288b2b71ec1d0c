"""What the YAML and JSON readers share: the builder they drive, positions, and value checks.

Both formats go through the same builder, so duplicate keys, nesting depth, the shape of the top
level, numbers and text are refused the same way, with the same words, whatever the format.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from complychk.document import FieldPath, LoadedDocument, Location
from complychk.errors import InputError

MAX_DEPTH = 64
MAX_INT_DIGITS = 18
FIELDS_HINT = "write the proposal's fields as 'name: value' lines"


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
# differently from most editors). Checked up front so every format reports them alike.
_FORBIDDEN = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def check_characters(text: str, file: str) -> None:
    found = _FORBIDDEN.search(text)
    if found is None:
        return
    char = found.group()
    where = LineIndex(text[: found.start()]).locate(file, found.start())
    if "\ud800" <= char <= "\udfff":
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


def show(text: str, limit: int = 40) -> str:
    """Quote a piece of the user's text for a one-line message."""
    shown = json.dumps(text if len(text) <= limit else text[:limit] + "...", ensure_ascii=False)
    return shown.encode("utf-8", "backslashreplace").decode("utf-8")


# --- building values with their locations ---------------------------------------------------


@dataclass
class _Frame:
    """An open mapping or list, with the keys seen so far and the key awaiting its value."""

    container: dict[str, Any] | list[Any]
    path: FieldPath
    keys: dict[str, Location] = field(default_factory=dict)
    pending: str | None = None


class Builder:
    """Assembles plain data from parse events, recording a location for every value.

    Both the YAML and the JSON readers drive it, so duplicate keys, nesting depth and the shape
    of the top level are checked once, the same way for every format.
    """

    def __init__(self, file: str, top_hint: str) -> None:
        self.file = file
        self._top_hint = top_hint
        self._locations: dict[FieldPath, Location] = {}
        self._stack: list[_Frame] = []
        self._root: dict[str, Any] | None = None

    def expects_key(self) -> bool:
        return bool(self._stack) and self._stack[-1].pending is None and self._in_mapping()

    def _in_mapping(self) -> bool:
        return isinstance(self._stack[-1].container, dict)

    def key(self, name: str, where: Location) -> None:
        frame = self._stack[-1]
        first = frame.keys.get(name)
        if first is not None:
            earlier = (
                "earlier on this line" if first.line == where.line else f"on line {first.line}"
            )
            problem = f"duplicate key {show(name)}: it is already given {earlier}"
            raise error_at(where, problem, "keep one of the two entries, or merge them")
        frame.keys[name] = where
        frame.pending = name

    def value(self, value: Any, where: Location) -> None:
        self._attach(value, where)

    def open(self, container: dict[str, Any] | list[Any], where: Location) -> None:
        if len(self._stack) >= MAX_DEPTH:
            problem = f"the data is nested more than {MAX_DEPTH} levels deep"
            raise error_at(where, problem, "flatten the structure")
        self._stack.append(_Frame(container, self._attach(container, where)))

    def close(self) -> None:
        self._stack.pop()

    def _attach(self, value: Any, where: Location) -> FieldPath:
        if not self._stack:
            return self._attach_root(value, where)
        frame = self._stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            self._locations[path] = where
            frame.container.append(value)
            return path
        key = frame.pending
        if key is None:
            raise AssertionError("a mapping value arrived before its key")
        frame.pending = None
        path = (*frame.path, key)
        self._locations[path] = frame.keys[key]
        frame.container[key] = value
        return path

    def _attach_root(self, value: Any, where: Location) -> FieldPath:
        if value is not None and not isinstance(value, dict):
            problem = (
                f"the proposal must be a mapping of fields at the top level; found {kind_of(value)}"
            )
            raise error_at(where, problem, self._top_hint)
        self._root = value
        self._locations[()] = where
        return ()

    def finish(self, empty: str) -> LoadedDocument:
        if self._root is None:
            raise InputError(self.file, 1, 1, empty, FIELDS_HINT)
        return LoadedDocument(self.file, self._root, MappingProxyType(self._locations))


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

_SURROGATE = re.compile("[\ud800-\udfff]")


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
