"""YAML parse events as plain tuples, from PyYAML's parser: its C parser (libyaml) where PyYAML
has one, else its Python parser, with the same events and the same errors either way."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final, Protocol

import yaml


class _EventSource(Protocol):
    def get_event(self) -> Any: ...

    def dispose(self) -> None: ...


EventTuple = tuple[int, Any, Any, Any, int, int]
"""A parse event as (kind, value, style, tag, line, column), line and column from 1, as
PyYAML's events are turned into. A scalar's style is "" when plain (unquoted)."""

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


_PYYAML_PARSER: Callable[[str], _EventSource] = (
    yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
)
"""PyYAML's fastest safe parser (tests choose each in turn)."""

_KINDS: Final[dict[type, int]] = {
    yaml.ScalarEvent: SCALAR,
    yaml.MappingStartEvent: MAPPING_START,
    yaml.MappingEndEvent: MAPPING_END,
    yaml.SequenceStartEvent: SEQUENCE_START,
    yaml.SequenceEndEvent: SEQUENCE_END,
    yaml.AliasEvent: ALIAS,
    yaml.DocumentStartEvent: DOCUMENT_START,
    yaml.DocumentEndEvent: DOCUMENT_END,
    yaml.StreamStartEvent: STREAM_START,
    yaml.StreamEndEvent: STREAM_END,
}
"""PyYAML's event classes and the kind each stands for."""


def first_events(text: str) -> Iterator[EventTuple]:
    """PyYAML's events from its fastest safe parser."""
    return events_of(_PYYAML_PARSER(text))


def first_is_pythons() -> bool:
    """Whether :func:`first_events` reads with PyYAML's Python parser already (no C parser)."""
    return _PYYAML_PARSER is yaml.SafeLoader


def python_events(text: str) -> Iterator[EventTuple]:
    """PyYAML's events from its Python parser, which reports nesting deeper than libyaml's."""
    return events_of(yaml.SafeLoader(text))


def events_of(source: _EventSource) -> Iterator[EventTuple]:
    """PyYAML's events as plain tuples (PyYAML's Python parser gives a plain scalar's style as
    None, its C parser as ""; both are "" here)."""
    kinds = _KINDS
    try:
        while (event := source.get_event()) is not None:
            kind = kinds[type(event)]
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
