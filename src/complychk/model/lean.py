"""Validating a proposal without defining its model: pydantic-core driven by a stored schema.

Defining the proposal models means importing pydantic's model machinery (``pydantic.main``,
``pydantic.fields``, ``pydantic.types``, ``annotated_types``) and building some thirty model
classes: about 300 million instructions, a third of a one-proposal ``complychk check``, before
the first field is read. A check needs none of it: only the validation the model's core schema
describes, and the plain data ``model_dump()`` makes of the result.

So once a model is built (:mod:`complychk.model.prebuilt`), its core schema is also stored
here with each model class written as a name, and with the schema's metadata (which only JSON
Schema generation reads) left out. A later run rebuilds the validator and serializer from it
with pydantic-core alone, each model class replaced by a bare stand-in of the same name that
holds what pydantic-core sets on a model instance. The schema is the model's own, so a proposal
passes or fails exactly as it would through the model, and comes out as the same data. A
proposal it refuses is validated again through the model, whose messages and hints
:func:`complychk.model.validate_proposal` words; so is every proposal when there is no
trustworthy entry (see :mod:`complychk.cache_store`).

The schema's functions are named by module too: they live in :mod:`complychk.model.values`,
which imports no pydantic, so loading an entry imports no model.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable
from functools import cache
from typing import Any

import pydantic
import pydantic_core
from pydantic_core import SchemaSerializer, SchemaValidator

from complychk.cache_store import cache_dir, entry_key, read_entry, write_entry

Validate = Callable[[Any], dict[str, Any]]
"""Validates a proposal's data and returns it as ``model_dump()`` would; raises pydantic-core's
``ValidationError`` where the model would."""

_MODEL = "model"
_SLOTS = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
"""What pydantic-core sets on the model instances it makes (``BaseModel`` declares the same)."""


def _path(module: str, name: str) -> tuple[Any, str] | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = entry_key(["lean", pydantic.VERSION, pydantic_core.__version__, module, name])
    return None if key is None else (folder, f"lean-{key}.pickle")


@cache
def validator(module: str, name: str) -> Validate | None:
    """The stored validator of the model ``name`` in ``module``; None without a usable entry."""
    where = _path(module, name)
    if where is None:
        return None
    folder, file = where
    entry = read_entry(folder / file, loads=_loads)
    if not (isinstance(entry, tuple) and len(entry) == 3):
        return None
    schema, config, root = entry
    if not (isinstance(schema, dict) and isinstance(config, dict)):
        return None
    if not (isinstance(root, type) and root.__qualname__ == name and root.__module__ == module):
        return None  # an entry for another model
    try:
        check = SchemaValidator(schema, config)  # type: ignore[arg-type]
        dump = SchemaSerializer(schema, config)  # type: ignore[arg-type]
    except Exception:  # an entry pydantic-core rejects is as good as none
        return None

    def validate(data: Any) -> dict[str, Any]:
        dumped: dict[str, Any] = dump.to_python(check.validate_python(data))
        return dumped

    return validate


def store(model: type[Any], schema: Any, config: Any) -> None:
    """Store a built model's core schema for :func:`validator`, unless it is stored already."""
    where = _path(model.__module__, model.__qualname__)
    if where is None:
        return
    folder, file = where
    if (folder / file).exists():
        return
    buffer = io.BytesIO()
    try:
        _Pickler(buffer).dump((_without_metadata(schema), config, model))
    except (pickle.PicklingError, AttributeError, TypeError):  # e.g. a validator defined inline
        return
    write_entry(folder, folder / file, buffer.getvalue())


def _without_metadata(schema: Any) -> Any:
    """The schema without its ``metadata`` entries, which name the models' own methods (for
    JSON Schema) and which neither validation nor serialization reads."""
    if isinstance(schema, dict):
        return {key: _without_metadata(value) for key, value in schema.items() if key != "metadata"}
    if isinstance(schema, list):
        return [_without_metadata(value) for value in schema]
    if isinstance(schema, tuple):
        return tuple(_without_metadata(value) for value in schema)
    return schema


class _Pickler(pickle.Pickler):
    """Writes each pydantic model class as its module and name instead of a reference to it."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        from pydantic import BaseModel  # only a run that built the model stores it

        self._base = BaseModel

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, type) and issubclass(obj, self._base):
            return (_MODEL, obj.__module__, obj.__qualname__)
        return None


class _Unpickler(pickle.Unpickler):
    """Reads each model class written by :class:`_Pickler` as one stand-in class per name."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file)
        self._classes: dict[tuple[str, str], type] = {}

    def persistent_load(self, pid: Any) -> Any:
        if not (isinstance(pid, tuple) and len(pid) == 3 and pid[0] == _MODEL):
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")
        module, qualname = str(pid[1]), str(pid[2])
        made = self._classes.get((module, qualname))
        if made is None:
            namespace = {"__slots__": _SLOTS, "__module__": module, "__qualname__": qualname}
            made = self._classes[module, qualname] = type(
                qualname.rpartition(".")[2], (), namespace
            )
        return made


def _loads(data: bytes) -> object:
    return _Unpickler(io.BytesIO(data)).load()
