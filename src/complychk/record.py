"""The base of the frozen dataclasses in modules that are compiled with mypyc when installed.

setup.py compiles the modules a check spends its time in (reading the glossary, measuring,
building findings) to C with mypyc. A compiled frozen dataclass has no ``__dict__`` and refuses
attribute assignment, so pickle's usual way of restoring one (make it empty, then set each
attribute) fails; compiled packs are pickled into the pack cache and sent to batch workers.
Pickling each record as its class and its fields, in order, restores it through its own
constructor and works the same compiled or not.
"""

from __future__ import annotations

import dataclasses
from typing import Any


class Record:
    """Pickled as ``(class, field values)``; for dataclasses whose every field is in ``__init__``."""

    def __reduce__(self) -> tuple[Any, ...]:
        values = tuple(getattr(self, item.name) for item in dataclasses.fields(self))  # type: ignore[arg-type]
        return (type(self), values)
