"""YAML parse events as plain tuples: from libyaml through complychk's C reader where it was built,
else from PyYAML's parsers, with the same events and the same errors either way."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final, Protocol

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)


class _EventSource(Protocol):
    def get_event(self) -> Event | None: ...

    def dispose(self) -> None: ...


EventTuple = tuple[int, Any, Any, Any, int, int]
"""A parse event as (kind, value, style, tag, line, column), line and column from 1: what
``complychk._yaml_events`` yields straight from libyaml, and what PyYAML's events are turned
into where that module was not built. A scalar's style is "" when plain (unquoted)."""

# Final, so compiled code compares with the numbers themselves rather than looking them up.
SCALAR: Final = 1
MAPPING_START: Final = 2
MAPPING_END: Final = 3
SEQUENCE_START: Final = 4
SEQUENCE_END: Final = 5
ALIAS: Final = 6
DOCUMENT_START: Final = 7
DOCUMENT_END: Final = 8
STREAM_START: Final = 9
STREAM_END: Final = 10


class _NotBuilt(Exception):
    """Stands for ``complychk._yaml_events.ParseError`` where that module was not built."""


_libyaml_events: Callable[[str], Iterator[EventTuple]] | None
ParseError: type[Exception]
try:
    from complychk import _yaml_events
except ImportError:  # not built (no C compiler or no libyaml headers): PyYAML's parser reads
    _libyaml_events, ParseError = None, _NotBuilt
else:
    _libyaml_events, ParseError = _yaml_events.events, _yaml_events.ParseError

_PYYAML_PARSER: Callable[[str], _EventSource] = (
    yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
)


def first_events(text: str) -> Iterator[EventTuple]:
    """libyaml's events, read by ``complychk._yaml_events`` where it was built (its errors are
    raised as :data:`ParseError`; :func:`pyyaml_error` words them as PyYAML would), else by
    PyYAML's parser."""
    if _libyaml_events is None:
        return events_of(_PYYAML_PARSER(text))
    return _libyaml_events(text)


def first_is_pythons() -> bool:
    """Whether :func:`first_events` reads with PyYAML's Python parser already (no C parser)."""
    return _libyaml_events is None and _PYYAML_PARSER is yaml.SafeLoader


def pyyaml_error(
    kind: str,
    problem: str | None,
    problem_line: int,
    problem_column: int,
    context: str | None,
    context_line: int,
    context_column: int,
    offset: int,
    value: int,
) -> yaml.YAMLError:
    """The exception PyYAML's C parser raises for the same libyaml error."""
    name = "<unicode string>"
    if kind == "reader":
        return yaml.reader.ReaderError(name, offset, value, "?", problem)
    context_mark = (
        None if context is None else yaml.Mark(name, 0, context_line, context_column, None, 0)
    )
    problem_mark = (
        None if problem is None else yaml.Mark(name, 0, problem_line, problem_column, None, 0)
    )
    error = yaml.scanner.ScannerError if kind == "scanner" else yaml.parser.ParserError
    return error(context, context_mark, problem, problem_mark)


def python_events(text: str) -> Iterator[EventTuple]:
    return events_of(yaml.SafeLoader(text))


_KINDS: Final[dict[type[Event], int]] = {
    ScalarEvent: SCALAR,
    MappingStartEvent: MAPPING_START,
    MappingEndEvent: MAPPING_END,
    SequenceStartEvent: SEQUENCE_START,
    SequenceEndEvent: SEQUENCE_END,
    AliasEvent: ALIAS,
    DocumentStartEvent: DOCUMENT_START,
    DocumentEndEvent: DOCUMENT_END,
    StreamStartEvent: STREAM_START,
    StreamEndEvent: STREAM_END,
}


def events_of(source: _EventSource) -> Iterator[EventTuple]:
    """PyYAML's events as the tuples ``complychk._yaml_events`` yields (PyYAML's Python parser
    gives a plain scalar's style as None, its C parser and complychk's as "")."""
    try:
        while (event := source.get_event()) is not None:
            kind = _KINDS[type(event)]
            mark: Any = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            value = getattr(event, "value", None) if kind == SCALAR else None
            if kind == ALIAS:
                value = getattr(event, "anchor", None)
            style = getattr(event, "style", None) if kind == SCALAR else None
            tag = getattr(event, "tag", None)
            yield (
                kind,
                value,
                "" if kind == SCALAR and style is None else style,
                tag,
                line,
                column,
            )
    finally:
        source.dispose()
