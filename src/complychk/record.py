"""What the modules compiled with mypyc when installed share: a pickling base, a tuple maker.

setup.py compiles the modules a check spends its time in (reading the glossary, measuring,
building findings) to C with mypyc. A compiled frozen dataclass has no ``__dict__`` and refuses
attribute assignment, so pickle's usual way of restoring one (make it empty, then set each
attribute) fails; compiled packs are pickled into the pack cache and sent to batch workers.
Pickling each record as its class and its fields, in order, restores it through its own
constructor and works the same compiled or not.

The records a check makes afresh for every proposal are named tuples instead, and are made with
:func:`new_tuple`: a named tuple's own ``__new__`` is a Python function costing several times
the tuple itself, compiled or not, and a check makes a few hundred of them. Where the C module
``complychk._tuples`` was built, it makes them (about 0.1 µs against 0.3 µs through
``tuple.__new__``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Final, TypeVar


class Record:
    """Pickled as ``(class, field values)``; for dataclasses whose every field is in ``__init__``."""

    def __reduce__(self) -> tuple[Any, ...]:
        values = tuple(getattr(self, item.name) for item in dataclasses.fields(self))  # type: ignore[arg-type]
        return (type(self), values)


_Tuple = TypeVar("_Tuple", bound=tuple[Any, ...])


def _tuple_maker() -> Callable[[type[Any], tuple[Any, ...]], Any] | None:
    try:
        from complychk._tuples import new_tuple
    except ImportError:  # not built: tuple.__new__ does the same
        return None
    return new_tuple


_made_in_c: Final = _tuple_maker()


def new_tuple(kind: type[_Tuple], values: tuple[Any, ...]) -> _Tuple:
    """``kind(*values)`` for a named tuple type, without calling its ``__new__``: ``values``
    must give every field, in order (no defaults are filled in)."""
    if _made_in_c is not None:
        made: _Tuple = _made_in_c(kind, values)
        return made
    return tuple.__new__(kind, values)
