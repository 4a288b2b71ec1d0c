"""What the evaluation's records share: a record base, a tuple maker.

Compiled packs are pickled into the pack cache and sent to batch workers; each record pickles
as its class and its fields, in order, and is restored through its own constructor.

Records are declared ``@dataclass(eq=False, repr=False)``: :class:`Record` compares, hashes and
shows them by their fields, as a dataclass's own methods would, so the dataclass generates only
``__init__``. Every method a dataclass generates is written as source and compiled when its module
is imported, compiled modules included: ``frozen=True`` adds ``__setattr__`` and
``__delattr__`` and makes ``__init__`` set each field through ``object.__setattr__``, doubling
what a record costs to define (about 1.5 million instructions a record; 45 million, a twentieth,
of a one-proposal ``complychk check``). Records are therefore not frozen at run time: they are
made whole by their constructor and nothing assigns to them afterwards.

The records a check makes afresh for every proposal are named tuples instead, and are made with
:func:`new_tuple`: a named tuple's own ``__new__`` is a Python function costing several times
the tuple itself, and a check makes a few hundred of them.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Final, TypeVar


class Record:
    """Pickled as ``(class, field values)``; for dataclasses whose every field is in ``__init__``.

    Equal when of the same class with equal compared fields; hashed and shown by the fields a
    dataclass would hash and show (``field(compare=False)`` and ``field(repr=False)`` honoured).
    """

    def __reduce__(self) -> tuple[Any, ...]:
        values = tuple(getattr(self, item.name) for item in dataclasses.fields(self))  # type: ignore[arg-type]
        return (type(self), values)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = _fields_of(type(self))[0]
        return tuple([getattr(self, name) for name in names]) == tuple(
            [getattr(other, name) for name in names]
        )

    def __hash__(self) -> int:
        names = _fields_of(type(self))[1]
        return hash(tuple([getattr(self, name) for name in names]))

    def __repr__(self) -> str:
        names = _fields_of(type(self))[2]
        shown = ", ".join([f"{name}={getattr(self, name)!r}" for name in names])
        return f"{type(self).__qualname__}({shown})"


_FIELDS: Final[dict[type, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = {}
"""Each record class's compared, hashed and shown field names, worked out once."""


def _fields_of(kind: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    found = _FIELDS.get(kind)
    if found is None:
        fields = dataclasses.fields(kind)
        found = _FIELDS[kind] = (
            tuple(item.name for item in fields if item.compare),
            tuple(
                item.name for item in fields if (item.compare if item.hash is None else item.hash)
            ),
            tuple(item.name for item in fields if item.repr),
        )
    return found


_Tuple = TypeVar("_Tuple", bound=tuple[Any, ...])


def new_tuple(kind: type[_Tuple], values: tuple[Any, ...]) -> _Tuple:
    """``kind(*values)`` for a named tuple type, without calling its ``__new__``: ``values``
    must give every field, in order (no defaults are filled in)."""
    return tuple.__new__(kind, values)
