"""Types of the C module ``complychk._tuples`` (see ``_tuples.c``)."""

from typing import Any, TypeVar

_Tuple = TypeVar("_Tuple", bound=tuple[Any, ...])

def new_tuple(kind: type[_Tuple], values: tuple[Any, ...], /) -> _Tuple: ...
