"""Proposals validated from the stored schema, without the models, come out as the models make them.

The stored validator must accept exactly what the model accepts and give the same data as
``model_dump()`` (what it refuses is validated again through the model, which words the
problem); and a check that uses it must not define the models.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from random import Random
from typing import Any

import pytest
from probe import run_probe
from proposal_factory import ProposalFactory
from pydantic import ValidationError
from pydantic_core import ValidationError as CoreValidationError

from complychk.loader import load_document
from complychk.model import MODELS, lean, model_for, proposal_data
from complychk.model.prebuilt import _config, complete

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "sample_proposals").glob("*.yaml"))


def _stored(kind: str, cache: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[Any], Any]:
    """The stored validator of ``kind``'s model, read back from a new cache folder."""
    monkeypatch.setenv("COMPLYCHK_CACHE_DIR", str(cache))
    monkeypatch.delenv("COMPLYCHK_NO_CACHE", raising=False)
    model = model_for(kind)
    complete(model)
    lean.store(model, model.__pydantic_core_schema__, _config(model))
    validate = lean.validator.__wrapped__(*MODELS[kind])  # not the per-process one
    assert validate is not None, "the stored schema could not be read back"
    return validate


def _mutations(data: dict[str, Any], rng: Random) -> Iterator[dict[str, Any]]:
    """Broken copies of a proposal: wrong types, unknown or missing fields, impossible dates."""
    paths: list[tuple[Any, ...]] = []

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        paths.append(path)
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*path, index))

    walk(data, ())
    replacements = ["x", "", -1, 10**15, 1.5, True, None, [], {}, "2019-02-30", ["a"], {"b": 1}]
    for _ in range(6):
        path = rng.choice(paths[1:])
        broken = copy.deepcopy(data)
        parent = broken
        for part in path[:-1]:
            parent = parent[part]
        choice = rng.random()
        if choice < 0.6:
            parent[path[-1]] = rng.choice(replacements)
        elif choice < 0.8 and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[path[-1] + "_typo" if isinstance(path[-1], str) else "typo"] = 1
        yield broken


def _outcome(validate: Callable[[Any], Any], data: Any) -> tuple[str, str]:
    try:
        return "valid", repr(validate(data))
    except (ValidationError, CoreValidationError):
        return "invalid", ""


def _through_model(kind: str) -> Callable[[Any], Any]:
    model = model_for(kind)
    return lambda data: model.model_validate(data).model_dump()


@pytest.mark.parametrize("kind", ["ccg_merger", "icb_merger"])
def test_the_stored_validator_agrees_with_the_model_on_good_and_broken_proposals(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = _stored(kind, tmp_path, monkeypatch)
    model = _through_model(kind)
    factory = ProposalFactory()
    rng = Random(f"lean:{kind}")
    proposals = [load_document(path).data for path in SAMPLES]
    proposals += [factory.nth(41, number) for number in range(60)]
    proposals = [data for data in proposals if data["kind"] in kind_group(kind)]
    assert len(proposals) >= 10
    compared = {"valid": 0, "invalid": 0}
    for data in proposals:
        for case in [data, *_mutations(data, rng)]:
            expected = _outcome(model, case)
            assert _outcome(stored, case) == expected, case
            compared[expected[0]] += 1
    assert compared["valid"] >= 10 and compared["invalid"] >= 50, compared


def kind_group(kind: str) -> set[str]:
    """The kinds validated by the same model as ``kind``."""
    return {other for other, where in MODELS.items() if where == MODELS[kind]}


def test_a_stored_entry_for_another_model_or_a_damaged_one_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stored("ccg_merger", tmp_path, monkeypatch)
    (entry,) = tmp_path.glob("lean-*.pickle")
    _stored("icb_merger", tmp_path / "other", monkeypatch)
    (other,) = (tmp_path / "other").glob("lean-*.pickle")
    monkeypatch.setenv("COMPLYCHK_CACHE_DIR", str(tmp_path))
    entry.write_bytes(other.read_bytes())  # the ICB model's schema under the CCG model's key
    assert lean.validator.__wrapped__(*MODELS["ccg_merger"]) is None
    entry.write_bytes(other.read_bytes()[:200])
    assert lean.validator.__wrapped__(*MODELS["ccg_merger"]) is None
    model = model_for("ccg_merger")  # the next run that builds the model writes it again
    lean.store(model, model.__pydantic_core_schema__, _config(model))
    assert lean.validator.__wrapped__(*MODELS["ccg_merger"]) is not None


PROBE = r"""
import json, sys
from pathlib import Path
from complychk.checker import Checker
from complychk.model import lean
import datetime as dt

checker = Checker()
report = checker.check_file(Path(sys.argv[1]), dt.date(2019, 9, 30))
print(json.dumps({
    "findings": [[f.condition_id, f.outcome.value, f.message] for f in report.findings],
    "models_defined": "pydantic.main" in sys.modules,
    "stored_validator_ready": lean.validator("complychk.model.ccg", "CcgMergerProposal") is not None,
}))
"""


def _probe(cache: Path) -> dict[str, Any]:
    result: dict[str, Any] = run_probe(
        PROBE, ["sample_proposals/kent-and-medway-2019-09.yaml"], cache
    )
    return result


def test_a_second_check_reads_the_stored_schema_and_never_defines_the_models(
    tmp_path: Path,
) -> None:
    first, second = _probe(tmp_path), _probe(tmp_path)
    assert first["models_defined"] is True  # nothing stored yet: validated through the model
    assert first["stored_validator_ready"] is True  # ... which stored it for what comes next
    assert second["models_defined"] is False
    assert second["findings"] == first["findings"]
    assert len(second["findings"]) > 40


@pytest.fixture
def fresh_validators() -> Iterator[None]:
    """The per-process stored validators forgotten before and after the test."""
    lean.validator.cache_clear()
    yield
    lean.validator.cache_clear()


@pytest.mark.usefixtures("fresh_validators")
def test_proposal_data_is_the_models_dump(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _stored("ccg_merger", tmp_path, monkeypatch)
    assert lean.validator(*MODELS["ccg_merger"]) is not None
    checked = 0
    for path in SAMPLES:
        document = load_document(path)
        if document.data["kind"] == "ccg_merger":
            expected = model_for("ccg_merger").model_validate(document.data).model_dump()
            assert proposal_data(document) == expected
            checked += 1
    assert checked >= 3
