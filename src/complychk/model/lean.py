"""Validating a proposal without defining its model: pydantic-core driven by a stored schema.

Defining the proposal models means importing pydantic's model machinery (``pydantic.main``,
``pydantic.fields``, ``pydantic.types``, ``annotated_types``) and building some thirty model
classes: about 300 million instructions, a third of a one-proposal ``complychk check``, before
the first field is read. A check needs none of it: only the validation the model's core schema
describes, and the plain data ``model_dump()`` makes of the result.

So once a model is built (:mod:`complychk.model.prebuilt`), its core schema is also stored here
rewritten to validate straight into that plain data: each model becomes a typed dict of the
same fields, with the same field schemas, defaults, strictness and refusal of unknown fields,
and the schema's metadata (read only for JSON Schema) is left out. A later run builds the
validator from it with pydantic-core alone and gets a proposal's data without making model
instances and dumping them (25 µs against 75 µs for the Kent and Medway sample). A model the
rewriting does not cover (computed fields, aliases, a custom ``__init__``) is not stored.

A proposal passes exactly when it passes through the model, and comes out as the same data
(tests/test_model_lean.py checks both). A proposal it refuses is validated again through the
model, whose messages and hints :func:`complychk.model.validate_proposal` words, so refusals
read the same; so is every proposal when there is no trustworthy entry (see
:mod:`complychk.cache_store`). The schema's functions are named by module: they live in
:mod:`complychk.model.values`, which imports no pydantic, so loading an entry imports no model.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pydantic
import pydantic_core
from pydantic_core import SchemaValidator

from complychk.cache_store import cache_dir, entry_key, read_entry, write_entry

Validate = Callable[[Any], dict[str, Any]]
"""Validates a proposal's data and returns it as ``model_dump()`` would; raises pydantic-core's
``ValidationError`` where the model would."""


def entry_path(kind: str, module: str, name: str) -> Path | None:
    """Where the ``kind`` entry ("schema", "lean") for the model ``name`` in ``module`` is kept,
    keyed by the pydantic versions too; None when caching is off or no key can be made."""
    folder = cache_dir()
    if folder is None:
        return None
    key = entry_key([kind, pydantic.VERSION, pydantic_core.__version__, module, name])
    return None if key is None else folder / f"{kind}-{key}.pickle"


@cache
def validator(module: str, name: str) -> Validate | None:
    """The stored validator of the model ``name`` in ``module``; None without a usable entry."""
    path = entry_path("lean", module, name)
    if path is None:
        return None
    entry = _entry(path, f"{module}.{name}")
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


def _entry(path: Path, model: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
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
    path = entry_path("lean", model.__module__, model.__qualname__)
    name = f"{model.__module__}.{model.__qualname__}"
    if path is None or _entry(path, name) is not None:
        return
    try:
        entry = pickle.dumps((_as_data(schema), config, name), protocol=pickle.HIGHEST_PROTOCOL)
    except (_NotCovered, pickle.PicklingError, AttributeError, TypeError):
        return
    write_entry(path, entry)
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
