"""YAML parse events as plain tuples, from PyYAML's parser: its C parser (libyaml) where PyYAML
has one, else its Python parser, with the same events and the same errors either way."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final, Protocol


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


_PYYAML_PARSER: Callable[[str], _EventSource] | None = None
"""PyYAML's fastest safe parser, chosen the first time it is needed (tests choose it)."""


def _pyyaml_parser() -> Callable[[str], _EventSource]:
    global _PYYAML_PARSER
    if _PYYAML_PARSER is None:
        import yaml

        _PYYAML_PARSER = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    return _PYYAML_PARSER


def first_events(text: str) -> Iterator[EventTuple]:
    """PyYAML's events from its fastest safe parser."""
    return events_of(_pyyaml_parser()(text))


def first_is_pythons() -> bool:
    """Whether :func:`first_events` reads with PyYAML's Python parser already (no C parser)."""
    import yaml

    return _pyyaml_parser() is yaml.SafeLoader


def python_events(text: str) -> Iterator[EventTuple]:
    import yaml

    return events_of(yaml.SafeLoader(text))


def marked_error() -> Any:
    """PyYAML's ``MarkedYAMLError``, for an ``except`` clause: it is evaluated only as an error
    passes, and a parse error has been made a PyYAML one (importing it) by then."""
    import yaml

    return yaml.MarkedYAMLError  # typed Any: its instances are read through a Protocol


def yaml_error() -> type[Exception]:
    """PyYAML's ``YAMLError``, for an ``except`` clause (as :func:`marked_error`)."""
    import yaml

    return yaml.YAMLError


_KINDS: Final[dict[type, int]] = {}
"""PyYAML's event classes and the kind each stands for, filled when PyYAML's events are read."""


def _event_kinds() -> dict[type, int]:
    if not _KINDS:
        from yaml import events

        _KINDS.update(
            {
                events.ScalarEvent: SCALAR,
                events.MappingStartEvent: MAPPING_START,
                events.MappingEndEvent: MAPPING_END,
                events.SequenceStartEvent: SEQUENCE_START,
                events.SequenceEndEvent: SEQUENCE_END,
                events.AliasEvent: ALIAS,
                events.DocumentStartEvent: DOCUMENT_START,
                events.DocumentEndEvent: DOCUMENT_END,
                events.StreamStartEvent: STREAM_START,
                events.StreamEndEvent: STREAM_END,
            }
        )
    return _KINDS


def events_of(source: _EventSource) -> Iterator[EventTuple]:
    """PyYAML's events as plain tuples (PyYAML's Python parser gives a plain scalar's style as
    None, its C parser as ""; both are "" here)."""
    kinds = _event_kinds()
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
