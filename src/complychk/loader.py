"""Reading proposal files into plain data, remembering where every value was written.

A proposal must never change meaning on its way in, so this module is strict where YAML is
loose: values that YAML 1.1 and 1.2 readers disagree on are errors, not guesses, and every
error names the file, line and column and says what to do.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Any, Protocol

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from complychk.errors import InputError

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_INT_DIGITS = 18
SUPPORTED_SUFFIXES = (".yaml", ".yml", ".json", ".md", ".markdown")

FieldPath = tuple[str | int, ...]
_SUFFIX_LIST = f"{', '.join(SUPPORTED_SUFFIXES[:-1])} or {SUPPORTED_SUFFIXES[-1]}"
_DIRECTORY_HINT = "give the path of one proposal file"
_FIELDS_HINT = "write the proposal's fields as 'name: value' lines"


@dataclass(frozen=True)
class Location:
    """Where something is written: the path as the user gave it, 1-based line and column."""

    file: str
    line: int
    column: int


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
        key = tuple(path)
        while key:
            found = self.locations.get(key)
            if found is not None:
                return found
            key = key[:-1]
        return self.locations.get((), Location(self.path, 1, 1))


def load_document(path: str | Path) -> LoadedDocument:
    """Read one proposal file and load it; the format follows the file's extension."""
    name = os.fspath(path)
    file = Path(path)
    if file.is_dir():
        raise InputError(name, 1, 1, "this is a directory", _DIRECTORY_HINT)
    _loader_for(name)
    return load_text(_read_bytes(file, name), name)


def load_text(text: str | bytes, path: str) -> LoadedDocument:
    """Load a proposal already read into memory; ``path`` picks the format and names the file.

    Raises:
        InputError: for anything wrong with the content, located as precisely as possible.
    """
    load = _loader_for(path)
    return load(_decode(text, path), path)


# --- reading and decoding -------------------------------------------------------------------


def _read_bytes(file: Path, name: str) -> bytes:
    """Read at most one byte past the limit, so neither a huge file nor a device exhausts memory.

    Refused unless it is a regular file, before it is opened: opening a named pipe with no
    writer would wait for ever, and a device would be read as if it were a file.
    """
    try:
        mode = file.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(name)
        if not stat.S_ISREG(mode):
            problem = "this is not a regular file (it is a pipe, device or socket)"
            raise InputError(name, 1, 1, problem, "give the path of a proposal file")
        with file.open("rb") as stream:
            _check_size(name, os.fstat(stream.fileno()).st_size)
            content = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(name, 1, 1, "no such file", "check the path") from None
    except IsADirectoryError:
        raise InputError(name, 1, 1, "this is a directory", _DIRECTORY_HINT) from None
    except PermissionError:
        hint = "check the file's permissions"
        raise InputError(name, 1, 1, "permission denied reading the file", hint) from None
    except OSError as error:
        problem = f"cannot read the file: {error.strerror or error}"
        raise InputError(name, 1, 1, problem, "check that the path names a readable file") from None
    _check_size(name, len(content))
    return content


def _check_size(name: str, size: int) -> None:
    if size > MAX_BYTES:
        problem = f"the file is {size:,} bytes; proposal files are at most 5 MB"
        hint = "split the proposal, or move bulky material out of it and refer to it"
        raise InputError(name, 1, 1, problem, hint)


_FOREIGN_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _decode(text: str | bytes, name: str) -> str:
    """Turn the input into text, accepting only UTF-8 (with or without a byte order mark)."""
    if isinstance(text, str):
        _check_size(name, len(text) if len(text) > MAX_BYTES else _utf8_size(text))
        return text.removeprefix("\ufeff")
    _check_size(name, len(text))
    for bom, encoding in _FOREIGN_BOMS:
        if text.startswith(bom):
            raise InputError(name, 1, 1, f"the file is saved as {encoding}", "save it as UTF-8")
    raw = text.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _decode_error(raw, error.start, name) from None


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _decode_error(raw: bytes, start: int, name: str) -> InputError:
    line_start = max(raw.rfind(b"\n", 0, start), raw.rfind(b"\r", 0, start)) + 1
    line = _LineIndex(raw[:line_start].decode("utf-8")).line_count()
    column = len(raw[line_start:start].decode("utf-8")) + 1
    problem = f"the file is not valid UTF-8: byte 0x{raw[start]:02X} cannot be decoded"
    hint = "save the file as UTF-8; it may have been saved as Windows-1252 or Latin-1"
    return InputError(name, line, column, problem, hint)


class _LineIndex:
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


def _check_characters(text: str, file: str) -> None:
    found = _FORBIDDEN.search(text)
    if found is None:
        return
    char = found.group()
    where = _LineIndex(text[: found.start()]).locate(file, found.start())
    if "\ud800" <= char <= "\udfff":
        problem = f"unpaired surrogate U+{ord(char):04X} is not a character"
        hint = "re-save the file as UTF-8"
    elif char in "\x85\u2028\u2029":
        problem = f"the line break character U+{ord(char):04X} is not allowed"
        hint = "use an ordinary line break"
    else:
        problem = f"control character U+{ord(char):04X} is not allowed"
        hint = "the file may be UTF-16; save it as UTF-8" if char == "\0" else "remove it"
    raise _error(where, problem, hint)


def _error(where: Location, problem: str, hint: str) -> InputError:
    return InputError(where.file, where.line, where.column, problem, hint)


def _show(text: str, limit: int = 40) -> str:
    """Quote a piece of the user's text for a one-line message."""
    shown = json.dumps(text if len(text) <= limit else text[:limit] + "...", ensure_ascii=False)
    return shown.encode("utf-8", "backslashreplace").decode("utf-8")


# --- formats --------------------------------------------------------------------------------


def _loader_for(path: str) -> Callable[[str, str], LoadedDocument]:
    suffix = PurePath(path).suffix.lower()
    if suffix not in _LOADERS:
        problem = f"unsupported file type {_show(suffix) if suffix else '(no extension)'}"
        raise InputError(path, 1, 1, problem, f"proposal files end in {_SUFFIX_LIST}")
    return _LOADERS[suffix]


_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def _load_markdown(text: str, file: str) -> LoadedDocument:
    """Load the YAML front matter, cut out in place so line numbers stay those of the file."""
    first_end = text.find("\n")
    first_line = text if first_end < 0 else text[:first_end]
    if first_line.rstrip() != "---":
        problem = "the Markdown file does not start with YAML front matter"
        hint = "put the proposal's fields between a first line '---' and a closing line '---'"
        raise InputError(file, 1, 1, problem, hint)
    closing = None if first_end < 0 else _FRONT_MATTER_END.search(text, first_end + 1)
    if closing is None:
        problem = "the front matter opened on line 1 is never closed"
        raise InputError(file, 1, 1, problem, "add a line '---' after the last field")
    return _load_yaml(text[: closing.start()], file, empty="the front matter is empty")


def _load_json(text: str, file: str) -> LoadedDocument:
    """Validate with the standard library, then walk the text again to record positions."""
    _check_characters(text, file)
    lines = _LineIndex(text)
    if not text.strip(" \t\r\n"):
        raise InputError(file, 1, 1, "the file is empty", "write the proposal as one JSON object")
    try:
        json.loads(text, parse_int=str, parse_float=str, parse_constant=str, object_pairs_hook=list)
    except json.JSONDecodeError as error:
        raise _json_syntax_error(error, lines.locate(file, error.pos)) from None
    except RecursionError:
        too_deep = True  # the walk below stops at the first level that is too deep, and says where
    else:
        too_deep = False
    builder = _Builder(file, "write the proposal as one JSON object: { ... }")
    _walk_json(text, lines, builder)
    if too_deep:
        raise InputError(file, 1, 1, "the data is nested too deeply", "flatten the structure")
    return builder.finish("the file is empty")


# --- building values with their locations ---------------------------------------------------


@dataclass
class _Frame:
    """An open mapping or list, with the keys seen so far and the key awaiting its value."""

    container: dict[str, Any] | list[Any]
    path: FieldPath
    keys: dict[str, Location] = field(default_factory=dict)
    pending: str | None = None


class _Builder:
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
            problem = f"duplicate key {_show(name)}: it is already given {earlier}"
            raise _error(where, problem, "keep one of the two entries, or merge them")
        frame.keys[name] = where
        frame.pending = name

    def value(self, value: Any, where: Location) -> None:
        self._attach(value, where)

    def open(self, container: dict[str, Any] | list[Any], where: Location) -> None:
        if len(self._stack) >= MAX_DEPTH:
            problem = f"the data is nested more than {MAX_DEPTH} levels deep"
            raise _error(where, problem, "flatten the structure")
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
                f"the proposal must be a mapping of fields at the top level; found {_kind(value)}"
            )
            raise _error(where, problem, self._top_hint)
        self._root = value
        self._locations[()] = where
        return ()

    def finish(self, empty: str) -> LoadedDocument:
        if self._root is None:
            raise InputError(self.file, 1, 1, empty, _FIELDS_HINT)
        return LoadedDocument(self.file, self._root, MappingProxyType(self._locations))


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "null" if value is None else "text"


# --- JSON ------------------------------------------------------------------------------------

_JSON_TOKEN = re.compile(
    r'[ \t\r\n]*(?:(?P<open>[{\[])|(?P<close>[}\]])|[,:]|(?P<string>"(?:[^"\\]|\\.)*")'
    r"|(?P<atom>[^ \t\r\n,:}\]]+))",
    re.DOTALL,
)
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_JSON_WORDS: dict[str, Any] = {"true": True, "false": False, "null": None}


def _walk_json(text: str, lines: _LineIndex, builder: _Builder) -> None:
    """Replay text that ``json.loads`` accepted as builder events, without recursion."""
    for token in _JSON_TOKEN.finditer(text):
        kind = token.lastgroup
        if kind is None:  # ',' or ':'
            continue
        if kind == "close":
            builder.close()
            continue
        value, where = token.group(kind), lines.locate(builder.file, token.start(kind))
        if kind == "open":
            builder.open({} if value == "{" else [], where)
        elif kind == "atom":
            builder.value(_json_atom(value, where), where)
        elif builder.expects_key():
            builder.key(_json_string(value, where), where)
        else:
            builder.value(_json_string(value, where), where)


def _json_string(token: str, where: Location) -> str:
    return _text(json.loads(token) if "\\" in token else token[1:-1], where)


def _json_atom(token: str, where: Location) -> Any:
    if token in _JSON_WORDS:
        return _JSON_WORDS[token]
    if not _JSON_NUMBER.fullmatch(token):  # NaN and Infinity, which json.loads lets through
        problem = f"{token} is not a meaningful value in a proposal"
        raise _error(where, problem, "write a finite number, or leave the field out")
    is_float = any(c in token for c in ".eE")
    return _float(token, where) if is_float else _int(token, 10, where)


_JSON_HINTS = {
    "Expecting property name": "JSON keys need double quotes, and no comma may come before '}'",
    "Expecting ',' delimiter": "separate items with ','; is one missing at the end of a line?",
    "Expecting ':' delimiter": "put ':' between a key and its value",
    "Expecting value": "a value is missing here, or a comma stands before ']' or '}'",
    "Extra data": "a proposal file holds exactly one JSON object; remove what follows it",
    "Unterminated string": "close the string with '\"'",
    "Invalid control character": "write line breaks and tabs inside strings as \\n and \\t",
    "Invalid \\escape": "a backslash in a string must start an escape such as \\\\ or \\n",
}


def _json_syntax_error(error: json.JSONDecodeError, where: Location) -> InputError:
    hint = next((h for p, h in _JSON_HINTS.items() if error.msg.startswith(p)), "")
    return _error(where, f"invalid JSON: {error.msg}", hint or "check the JSON syntax here")


# --- scalars ---------------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML11_BOOLS = frozenset({"yes", "no", "on", "off", "y", "n"})
_NUMERIC_STARTS = frozenset("+-.0123456789~") | {""}
"""First characters that can begin a number, a null or a YAML 1.1 number form."""
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_YAML11_NUMBER = re.compile(
    r"[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
    r"|\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?)"
)
_BINARY = re.compile(r"[-+]?0b[01]+")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
_SIGNED_HEX = re.compile(r"[-+]0x[0-9a-fA-F]+")
_DECIMAL = re.compile(r"[-+]?[0-9]+")
_OCTAL = re.compile(r"0o([0-7]+)")
_HEX = re.compile(r"0x([0-9a-fA-F]+)")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")

# (pattern, problem, hint): plain values that YAML 1.1 and YAML 1.2 readers load differently.
_AMBIGUOUS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        _SEXAGESIMAL,
        "{} is a base-60 number to some YAML readers",
        'quote it if you mean a time or a ratio, e.g. "1:30"',
    ),
    (
        _BINARY,
        "{} is a binary number to some YAML readers and text to others",
        "write the decimal value, or quote it if it is text",
    ),
    (
        _LEADING_ZERO,
        "{} has a leading zero, which some YAML readers take as octal",
        "drop the leading zeros, or quote it if it is a code",
    ),
    (
        _SIGNED_HEX,
        "{} is a number to some YAML readers and text to others",
        "write the decimal value, or quote it if it is text",
    ),
)


def _resolve_plain(text: str, where: Location) -> Any:
    """Read an unquoted YAML value by the YAML 1.2 core schema, refusing anything ambiguous."""
    if text[:1] not in _NUMERIC_STARTS:  # fast path: most values are words, never numbers
        if text in _BOOLS:
            return _BOOLS[text]
        if text in _NULLS:
            return None
        if text.lower() in _YAML11_BOOLS:
            problem = f"ambiguous boolean {_show(text)}"
            raise _error(where, problem, "write true/false, or quote it if you mean the text")
        return _text(text, where)
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    _reject_ambiguous(text, where)
    if _DECIMAL.fullmatch(text):
        return _int(text, 10, where)
    for pattern, base in ((_OCTAL, 8), (_HEX, 16)):
        if found := pattern.fullmatch(text):
            return _int(found.group(1), base, where, shown=text)
    if _SPECIAL_FLOAT.fullmatch(text):
        problem = f"{text} is not a meaningful value in a proposal"
        raise _error(where, problem, "write a finite number, or leave the field out")
    return _float(text, where) if _FLOAT.fullmatch(text) else _text(text, where)


def _reject_ambiguous(text: str, where: Location) -> None:
    if text.lower() in _YAML11_BOOLS:
        problem = f"ambiguous boolean {_show(text)}"
        raise _error(where, problem, "write true/false, or quote it if you mean the text")
    if "_" in text and _YAML11_NUMBER.fullmatch(text):
        problem = f"{text} uses '_' between digits, which some YAML readers ignore"
        raise _error(where, problem, f"write {text.replace('_', '')}, or quote it if it is text")
    for pattern, problem, hint in _AMBIGUOUS:
        if pattern.fullmatch(text):
            raise _error(where, problem.format(text), hint)


def _int(digits: str, base: int, where: Location, shown: str = "") -> int:
    """Parse an integer, refusing sizes no proposal needs (and Python's digit limit with them)."""
    shown = shown or digits
    unsigned = digits.lstrip("+-")
    if len(unsigned) > MAX_INT_DIGITS or int(unsigned, base) >= 10**MAX_INT_DIGITS:
        problem = f"the number {_show(shown)} has more than {MAX_INT_DIGITS} digits"
        raise _error(where, problem, "quote it if it is an identifier rather than an amount")
    return int(digits, base)


def _float(text: str, where: Location) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _error(where, f"the number {_show(text)} is too large", "check the value")
    return value


def _text(value: str, where: Location) -> str:
    """Refuse strings that cannot be written out again as UTF-8 (from escapes like \\ud800)."""
    if _SURROGATE.search(value):
        problem = "the text contains an unpaired surrogate escape such as \\ud800"
        raise _error(where, problem, "write the character itself instead of the escape")
    return value


# --- YAML ------------------------------------------------------------------------------------


class _Mark(Protocol):
    line: int
    column: int


class _EventSource(Protocol):
    def get_event(self) -> Event | None: ...

    def dispose(self) -> None: ...


_LOADER: Callable[[str], _EventSource] = (
    yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
)


def _load_yaml(text: str, file: str, empty: str = "the proposal is empty") -> LoadedDocument:
    """Build values from parse events rather than from a composed node tree.

    Events keep what composition loses: where an alias is written (a composed tree shares the
    anchored node instead), and they arrive one at a time, so the nesting limit is enforced
    before any deep structure is built and nothing here recurses.
    """
    _check_characters(text, file)
    builder = _Builder(file, _FIELDS_HINT)
    source = _LOADER(text)
    try:
        _feed_events(source, builder)
    except yaml.MarkedYAMLError as error:
        raise _yaml_syntax_error(error, text, file) from None
    except yaml.YAMLError as error:
        problem = f"cannot read the YAML: {' '.join(str(error).split())}"
        raise InputError(file, 1, 1, problem, "check the file's syntax") from None
    except RecursionError:
        raise InputError(file, 1, 1, "the data is nested too deeply", "flatten it") from None
    finally:
        source.dispose()
    return builder.finish(empty)


def _feed_events(source: _EventSource, builder: _Builder) -> None:
    documents = 0
    while (event := source.get_event()) is not None and not isinstance(event, StreamEndEvent):
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                where = _at(builder.file, event.start_mark)
                hint = "a proposal file holds one document; remove this '---' and what follows"
                raise _error(where, "a second YAML document starts here", hint)
        elif isinstance(event, CollectionEndEvent):
            builder.close()
        elif isinstance(event, ScalarEvent | SequenceStartEvent | MappingStartEvent | AliasEvent):
            _feed_node(event, builder)


def _at(file: str, mark: _Mark | None) -> Location:
    return Location(file, mark.line + 1, mark.column + 1) if mark else Location(file, 1, 1)


def _feed_node(
    event: ScalarEvent | SequenceStartEvent | MappingStartEvent | AliasEvent, builder: _Builder
) -> None:
    where = _at(builder.file, event.start_mark)
    if isinstance(event, AliasEvent):
        problem = f"alias *{event.anchor} is not allowed"
        hint = "write the value out in full, so every finding can point at its own line"
        raise _error(where, problem, hint)
    if event.tag is not None:
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        hint = "remove it; values are text, numbers, true/false, lists and mappings"
        raise _error(where, f"the YAML tag {_show(tag)} is not allowed", hint)
    if builder.expects_key():
        builder.key(_yaml_key(event, where), where)
    elif isinstance(event, ScalarEvent):
        builder.value(_yaml_scalar(event, where), where)
    else:
        builder.open({} if isinstance(event, MappingStartEvent) else [], where)


def _yaml_scalar(event: ScalarEvent, where: Location) -> Any:
    if event.style in (None, ""):  # plain; the C parser says "" where Python says None
        return _resolve_plain(event.value, where)
    return _text(event.value, where)


def _yaml_key(event: ScalarEvent | SequenceStartEvent | MappingStartEvent, where: Location) -> str:
    if not isinstance(event, ScalarEvent):
        raise _error(where, "a key must be text, not a list or mapping", "write a simple name")
    if event.style in (None, "") and event.value == "<<":
        hint = "write the merged fields out in full"
        raise _error(where, "merge keys (<<) are not allowed", hint)
    if event.style in (None, "") and event.value == "":
        raise _error(where, "a key is missing", "write a name before ':'")
    key = _yaml_scalar(event, where)
    if not isinstance(key, str):
        problem = f"keys must be text, but {_show(event.value)} reads as {_kind(key)}"
        hint = f"quote it: '{event.value}':"
        raise _error(where, problem, hint)
    return key


# (text in YAML's problem, plain words, hint, report at the context mark instead)
_YAML_PROBLEMS: tuple[tuple[str, str, str, bool], ...] = (
    (
        "mapping values are not allowed",
        "a ':' appears where no new key can start",
        "quote the value if it contains ': ', or fix this line's indentation",
        False,
    ),
    (
        "could not find expected ':'",
        "a line is not a 'key: value' pair",
        "add ':' after the key, or check the indentation and quotes above this line",
        True,
    ),
    (
        "end of stream",
        "the file ends before this value is complete",
        "close the quote or bracket that opens here",
        True,
    ),
    (
        "expected ',' or",
        "a [ ] list or { } mapping that opens here is not closed properly",
        "separate items with ',' and close it with ']' or '}'",
        True,
    ),
    (
        "escape",
        "invalid escape in a double-quoted value",
        "write a backslash as \\\\, or use single quotes",
        False,
    ),
)


def _yaml_syntax_error(error: yaml.MarkedYAMLError, text: str, file: str) -> InputError:
    raw = ", ".join(" ".join(part.split()) for part in (error.problem, error.context) if part)
    mark = error.problem_mark or error.context_mark
    where = _at(file, mark)
    if _is_tab_problem(raw, text, mark):
        return _error(where, "tab characters cannot indent YAML", "use spaces")
    if "cannot start any token" in raw:
        problem = f"{_show(_char_at(text, mark))} cannot start a value [YAML: {raw}]"
        return _error(where, problem, "quote the value")
    if "expected <block end>" in raw or ("did not find expected" in raw and "flow" not in raw):
        plain = "this line's indentation does not fit the lines above"
        hint = "indent the entries of one mapping or list by the same number of spaces"
        return _error(where, f"{plain} [YAML: {raw}]", hint)
    for needle, plain, hint, at_context in _YAML_PROBLEMS:
        if needle in raw:
            if at_context and error.context_mark is not None:
                where = _at(file, error.context_mark)
            return _error(where, f"{plain} [YAML: {raw}]", hint)
    hint = "check the syntax here; quoting a value often helps"
    return _error(where, f"invalid YAML [{raw}]", hint)


def _is_tab_problem(raw: str, text: str, mark: _Mark | None) -> bool:
    if "tab character" in raw:  # libyaml names the tab; PyYAML stops at it
        return True
    return "cannot start any token" in raw and _char_at(text, mark) == "\t"


def _char_at(text: str, mark: _Mark | None) -> str:
    """The character YAML stopped at (its own marks count lines as ``str.splitlines`` does here)."""
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines):
        return ""
    return lines[mark.line][mark.column : mark.column + 1]


# The formats, by extension; kept last because it names loaders defined above.
_LOADERS: dict[str, Callable[[str, str], LoadedDocument]] = {
    ".yaml": _load_yaml,
    ".yml": _load_yaml,
    ".json": _load_json,
    ".md": _load_markdown,
    ".markdown": _load_markdown,
}
