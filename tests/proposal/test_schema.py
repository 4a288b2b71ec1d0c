"""The published proposal schema: draft-07, current, and in agreement with complychk itself."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from complychk.errors import InputError
from complychk.proposal.loader import load_text
from complychk.proposal.model import validate_proposal
from complychk.proposal.schema import DRAFT_07, dumps, proposal_schema, to_draft07

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "docs" / "proposal.schema.json"
SAMPLES = sorted(
    path
    for path in (REPO / "sample_proposals").iterdir()
    if path.suffix in {".yaml", ".yml", ".json", ".md"}
)
REGENERATE = "complychk schema > docs/proposal.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def as_editor_sees(value: Any) -> Any:
    """yaml.safe_load reads ``2019-09-30`` as a date; editors (YAML 1.2) and JSON see a string."""
    if isinstance(value, dict):
        return {key: as_editor_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def sample_data(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    if path.suffix == ".md":
        front = re.match(
            r"---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", text, re.DOTALL | re.MULTILINE
        )
        assert front, f"{path.name}: no YAML front matter"
        text = front.group(1)
    return as_editor_sees(yaml.safe_load(text))


def complychk_accepts(data: Any) -> bool:
    document = load_text(json.dumps(data), "case.json")
    try:
        validate_proposal(document)
    except InputError:
        return False
    return True


def leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, (*path, index))
    else:
        yield path, data


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    result = copy.deepcopy(data)
    target = result
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return result


# --- the committed file ------------------------------------------------------------------------


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == dumps(proposal_schema()), (
        f"docs/proposal.schema.json is out of date with the proposal model; regenerate it with "
        f"`{REGENERATE}` (from the repository root) and commit the result"
    )


def test_output_is_deterministic_with_sorted_keys() -> None:
    text = dumps(proposal_schema())
    assert text == dumps(proposal_schema())
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_schema_is_draft_07_with_no_newer_keywords() -> None:
    schema = proposal_schema()
    assert schema["$schema"] == DRAFT_07
    jsonschema.Draft7Validator.check_schema(schema)
    text = json.dumps(schema)
    for newer in ("$defs", "prefixItems", "discriminator", "dependentRequired", "unevaluated"):
        assert newer not in text


def test_every_reference_resolves_to_a_definition() -> None:
    schema = proposal_schema()
    refs = re.findall(r'"\$ref": "([^"]+)"', json.dumps(schema))
    assert refs
    for ref in refs:
        assert ref.startswith("#/definitions/")
        assert ref.removeprefix("#/definitions/") in schema["definitions"]


def test_descriptions_and_closed_objects_are_kept() -> None:
    definitions = proposal_schema()["definitions"]
    assert all(
        d.get("additionalProperties") is False for d in definitions.values() if "properties" in d
    )
    assert sum("description" in d for d in definitions.values()) >= len(definitions) // 2
    assert "description" in json.dumps(definitions["CcgMergerProposal"]["properties"])


# --- proposals against the schema --------------------------------------------------------------


def test_there_are_samples_to_validate() -> None:
    assert SAMPLES


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_every_sample_proposal_validates(path: Path, validator: jsonschema.Draft7Validator) -> None:
    errors = [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(sample_data(path))
    ]
    assert not errors, f"{path.name} does not match docs/proposal.schema.json:\n" + "\n".join(
        errors
    )


@pytest.mark.parametrize("suffix", [".json", ".md"])
def test_json_and_markdown_forms_of_a_sample_validate(
    suffix: str, validator: jsonschema.Draft7Validator, tmp_path: Path
) -> None:
    data = sample_data(SAMPLES[0])
    path = tmp_path / f"proposal{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    else:
        path.write_text(
            f"---\n{yaml.safe_dump(data, sort_keys=False)}---\n\n# Notes\n", encoding="utf-8"
        )
    assert sample_data(path) == data
    assert validator.is_valid(sample_data(path))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_unknown_fields_are_rejected_at_every_level(
    path: Path, validator: jsonschema.Draft7Validator
) -> None:
    data = sample_data(path)
    mappings = [p for p, _ in _mappings(data)]
    assert len(mappings) > 1
    for where in mappings:
        broken = copy.deepcopy(data)
        target = broken
        for part in where:
            target = target[part]
        target["colour_scheme"] = "teal"
        error = jsonschema.exceptions.best_match(validator.iter_errors(broken))
        assert error is not None, f"an unknown field at {where} validates"
        assert "colour_scheme" in error.message
        assert not complychk_accepts(broken)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_text_where_a_number_belongs_is_rejected(
    path: Path, validator: jsonschema.Draft7Validator
) -> None:
    data = sample_data(path)
    numbers = [
        (p, v) for p, v in leaves(data) if isinstance(v, int | float) and not isinstance(v, bool)
    ]
    assert numbers
    for where, value in numbers:
        broken = replaced(data, where, str(value))
        assert not validator.is_valid(broken), f"text {str(value)!r} at {where} validates"
        assert not complychk_accepts(broken)


def test_an_unknown_kind_is_rejected(validator: jsonschema.Draft7Validator) -> None:
    data = sample_data(SAMPLES[0])
    error = jsonschema.exceptions.best_match(
        validator.iter_errors({**data, "kind": "trust_merger"})
    )
    assert error is not None and "trust_merger" in error.message


def test_a_wrong_field_is_reported_once_not_per_kind(validator: jsonschema.Draft7Validator) -> None:
    data = sample_data(SAMPLES[0])
    errors = list(validator.iter_errors({**data, "colour_scheme": "teal"}))
    assert [error.message for error in errors] == [
        "Additional properties are not allowed ('colour_scheme' was unexpected)"
    ]


def _mappings(
    data: Any, path: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    if isinstance(data, dict):
        yield path, data
        for key, value in data.items():
            yield from _mappings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _mappings(value, (*path, index))


# --- the conversion ----------------------------------------------------------------------------


def test_defs_become_definitions_and_references_follow() -> None:
    converted = to_draft07(
        {
            "$defs": {"A": {"type": "string"}},
            "properties": {"a": {"$ref": "#/$defs/A"}},
        }
    )
    assert converted == {
        "$schema": DRAFT_07,
        "definitions": {"A": {"type": "string"}},
        "properties": {"a": {"$ref": "#/definitions/A"}},
    }


def test_a_reference_with_siblings_is_wrapped_so_draft_07_keeps_them() -> None:
    converted = to_draft07({"properties": {"a": {"$ref": "#/$defs/A", "description": "Why."}}})
    assert converted["properties"]["a"] == {
        "allOf": [{"$ref": "#/definitions/A"}],
        "description": "Why.",
    }


def test_tuples_and_dependencies_use_the_draft_07_spelling() -> None:
    converted = to_draft07(
        {
            "properties": {
                "pair": {"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": False}
            },
            "dependentRequired": {"a": ["b"]},
            "dependentSchemas": {"c": {"required": ["d"]}},
        }
    )
    assert converted["properties"]["pair"] == {
        "items": [{"type": "string"}, {"type": "integer"}],
        "additionalItems": False,
    }
    assert converted["dependencies"] == {"a": ["b"], "c": {"required": ["d"]}}


def test_data_that_looks_like_keywords_is_left_alone() -> None:
    schema = {
        "properties": {
            "$defs": {"type": "string", "default": {"$ref": "#/$defs/A"}, "enum": [{"$defs": 1}]},
            "items": {"const": "#/$defs/A"},
        }
    }
    assert to_draft07(schema) == {**schema, "$schema": DRAFT_07}


def test_keywords_draft_07_cannot_express_are_refused() -> None:
    with pytest.raises(ValueError, match="unevaluatedProperties"):
        to_draft07({"properties": {"a": {"unevaluatedProperties": False}}})


def test_a_tagged_union_chooses_its_branch_by_the_tag() -> None:
    converted = to_draft07(
        {
            "$defs": {"A": {"type": "object"}, "B": {"type": "object"}},
            "oneOf": [{"$ref": "#/$defs/A"}, {"$ref": "#/$defs/B"}],
            "discriminator": {
                "propertyName": "kind",
                "mapping": {"a": "#/$defs/A", "b1": "#/$defs/B", "b2": "#/$defs/B"},
            },
        }
    )
    assert "oneOf" not in converted
    assert converted["properties"] == {"kind": {"enum": ["a", "b1", "b2"]}}
    assert converted["required"] == ["kind"]
    assert converted["allOf"] == [
        {
            "if": {"properties": {"kind": {"enum": ["a"]}}, "required": ["kind"]},
            "then": {"$ref": "#/definitions/A"},
        },
        {
            "if": {"properties": {"kind": {"enum": ["b1", "b2"]}}, "required": ["kind"]},
            "then": {"$ref": "#/definitions/B"},
        },
    ]
