"""Proposal models completed from a cached validation schema instead of building it each run.

The models are defined with ``defer_build``: pydantic builds a model's validator the first time
it validates, walking every field's annotation (about 35 ms for the CCG merger model, most of a
one-proposal check after start-up). What that walk produces, the model's core schema, is plain
data naming functions and classes by module, so it is pickled in the user's cache folder
(:mod:`complychk.cache_store`) under a key of everything it depends on: the pydantic and
pydantic-core versions, the Python version and complychk's source files. A later run builds
the validator and serializer straight from it (about 1 ms), exactly as pydantic would from the
schema it generated; any problem with the entry means the model is built the usual way. (A
model built from the cache skips pydantic's validation plugins, which complychk does not use.)
Each model completed here also has its schema stored for :mod:`complychk.model.lean`.
"""

from __future__ import annotations

import pickle

from pydantic import BaseModel
from pydantic_core import SchemaSerializer, SchemaValidator

from complychk.cache_store import read_entry, write_entry
from complychk.model import lean


def complete(model: type[BaseModel]) -> None:
    """Make ``model`` ready to validate, from the cache when it holds this model's schema."""
    if model.__pydantic_complete__:
        return
    path = lean.entry_path("schema", model.__module__, model.__qualname__)
    if path is None:  # caching is off, or a source file vanished under us: no trustworthy key
        model.model_rebuild()
        return
    cached = read_entry(path)
    if isinstance(cached, tuple) and len(cached) == 2 and _install(model, *cached):
        lean.store(model, *cached)
        return
    model.model_rebuild()
    schema, config = model.__pydantic_core_schema__, _config(model)
    lean.store(model, schema, config)
    try:
        entry = pickle.dumps((schema, config), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError):  # e.g. a validator defined inline
        return
    write_entry(path, entry)


def _config(model: type[BaseModel]) -> object:
    from pydantic._internal._config import ConfigWrapper

    return ConfigWrapper(model.model_config, check=False).core_config(title=model.__name__)


def _install(model: type[BaseModel], schema: object, config: object) -> bool:
    """Complete ``model`` as pydantic's own build does; False if the entry does not fit."""
    if not (isinstance(schema, dict) and isinstance(config, dict)):
        return False
    inner = schema.get("schema") if schema.get("type") == "definitions" else schema
    if not (isinstance(inner, dict) and inner.get("cls") is model):
        return False
    try:
        validator = SchemaValidator(schema, config)  # type: ignore[arg-type]
        serializer = SchemaSerializer(schema, config)  # type: ignore[arg-type]
    except Exception:  # an entry pydantic-core rejects is as good as none; build instead
        return False
    decorators = model.__pydantic_decorators__
    model.__pydantic_computed_fields__ = {
        name: decorator.info for name, decorator in decorators.computed_fields.items()
    }
    model.__pydantic_core_schema__ = schema
    model.__pydantic_validator__ = validator
    model.__pydantic_serializer__ = serializer
    model.__pydantic_complete__ = True
    return True
