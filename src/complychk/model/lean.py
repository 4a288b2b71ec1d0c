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

import pickle
from collections.abc import Callable
from functools import cache
from typing import Any

import pydantic
import pydantic_core
from pydantic_core import SchemaValidator

from complychk.cache_store import cache_dir, entry_key, read_entry, write_entry

Validate = Callable[[Any], dict[str, Any]]
"""Validates a proposal's data and returns it as ``model_dump()`` would; raises pydantic-core's
``ValidationError`` where the model would."""


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
    entry = _entry(folder / file, f"{module}.{name}")
    if entry is None:
        return None
    schema, config = entry
    try:
        check = SchemaValidator(schema, config)  # type: ignore[arg-type]
    except Exception:  # an entry pydantic-core rejects is as good as none
        return None

    def validate(data: Any) -> dict[str, Any]:
        validated: dict[str, Any] = check.validate_python(data)
        return validated

    return validate


def _entry(path: Any, model: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The schema and config stored for ``model`` at ``path``; None if damaged or another's."""
    entry = read_entry(path)
    if not (isinstance(entry, tuple) and len(entry) == 3 and entry[2] == model):
        return None
    schema, config, _ = entry
    if not (isinstance(schema, dict) and isinstance(config, dict)):
        return None
    return schema, config


def store(model: type[Any], schema: Any, config: Any) -> None:
    """Store a built model's core schema for :func:`validator`, unless it is stored already
    (a damaged entry is written again)."""
    where = _path(model.__module__, model.__qualname__)
    if where is None:
        return
    folder, file = where
    if _entry(folder / file, f"{model.__module__}.{model.__qualname__}") is not None:
        return
    try:
        rewritten = _as_data(schema)
        entry = pickle.dumps(
            (rewritten, config, f"{model.__module__}.{model.__qualname__}"),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
    except (_NotCovered, pickle.PicklingError, AttributeError, TypeError):
        return
    write_entry(folder, folder / file, entry)
    validator.cache_clear()  # this process, too, validates from the entry from now on


class _NotCovered(Exception):
    """The schema uses something a typed dict cannot stand in for."""


_MODEL_KEYS = {"type", "cls", "schema", "config", "custom_init", "root_model", "ref", "metadata"}
_FIELDS_KEYS = {"type", "fields", "model_name", "computed_fields", "metadata"}
_FIELD_KEYS = {"type", "schema", "metadata"}


def _as_data(schema: Any) -> Any:
    """The schema with every model validated as a typed dict of its fields, and no metadata."""
    if isinstance(schema, list):
        return [_as_data(value) for value in schema]
    if isinstance(schema, tuple):
        return tuple(_as_data(value) for value in schema)
    if not isinstance(schema, dict):
        if isinstance(schema, type) and hasattr(schema, "__pydantic_core_schema__"):
            raise _NotCovered("a model class left in the schema")
        return schema
    if schema.get("type") != "model":
        return {key: _as_data(value) for key, value in schema.items() if key != "metadata"}
    fields = schema.get("schema", {})
    if (
        set(schema) - _MODEL_KEYS
        or schema.get("custom_init")
        or schema.get("root_model")
        or not isinstance(fields, dict)
        or fields.get("type") != "model-fields"
        or set(fields) - _FIELDS_KEYS
        or fields.get("computed_fields")
    ):
        raise _NotCovered(f"model {schema.get('cls')!r}")
    typed: dict[str, Any] = {}
    for name, field in fields["fields"].items():
        if set(field) - _FIELD_KEYS or field.get("type") != "model-field":
            raise _NotCovered(f"field {name!r}")
        inner = _as_data(field["schema"])
        typed[name] = {
            "type": "typed-dict-field",
            "schema": inner,
            "required": inner.get("type") != "default",
        }
    config = dict(schema.get("config") or {})
    rewritten: dict[str, Any] = {"type": "typed-dict", "fields": typed, "config": config}
    extra = config.get("extra_fields_behavior")
    if extra is not None:
        rewritten["extra_behavior"] = extra
    if config.get("strict") is not None:
        rewritten["strict"] = config["strict"]
    if "ref" in schema:
        rewritten["ref"] = schema["ref"]
    return rewritten
