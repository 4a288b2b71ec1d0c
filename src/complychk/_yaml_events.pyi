"""Types of the C module ``complychk._yaml_events`` (see ``_yaml_events.c``)."""

from collections.abc import Iterator
from typing import Any

LIBYAML_VERSION: str
SCALAR: int
MAPPING_START: int
MAPPING_END: int
SEQUENCE_START: int
SEQUENCE_END: int
ALIAS: int
DOCUMENT_START: int
DOCUMENT_END: int
STREAM_START: int
STREAM_END: int

class ParseError(Exception): ...

class events(Iterator[tuple[int, Any, Any, Any, int, int]]):
    def __init__(self, text: str) -> None: ...
    def __next__(self) -> tuple[int, Any, Any, Any, int, int]: ...
