"""Models completed from the cached validation schema behave as models pydantic built itself.

Each case runs in a new interpreter, since a model is completed once per process.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from probe import run_probe

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import json, sys
from pathlib import Path
from pydantic import BaseModel
from complychk.errors import InputError
from complychk.loader import load_document, load_text
from complychk.model import model_for, validate_proposal

built = []
original = BaseModel.model_rebuild.__func__
def counting(cls, *args, **kwargs):
    built.append(cls.__name__)
    return original(cls, *args, **kwargs)
BaseModel.model_rebuild = classmethod(counting)

results = {}
for name in sys.argv[1:]:
    proposal = validate_proposal(load_document(Path(name)))
    results[name] = proposal.model_dump(mode="json")
bad = Path(sys.argv[1]).read_text(encoding="utf-8").replace("go_live:", "go_live: 12\nextra:", 1)
try:
    validate_proposal(load_text(bad, "bad.yaml"))
except InputError as error:
    results["error"] = str(error)
results["schema"] = model_for("ccg_merger").model_json_schema()
results["built"] = built
print(json.dumps(results, sort_keys=True))
"""

SAMPLES = [
    "sample_proposals/kent-and-medway-2019-09.yaml",
    "sample_proposals/nhs-thames-valley-2026.yaml",
]


def probe(cache: Path | None) -> dict[str, object]:
    result: dict[str, object] = run_probe(PROBE, SAMPLES, cache)
    return result


@pytest.fixture(scope="module")
def uncached() -> dict[str, object]:
    return probe(None)


def test_a_second_run_validates_from_the_cache_exactly_as_a_built_model(
    tmp_path: Path, uncached: dict[str, object]
) -> None:
    first = probe(tmp_path)
    second = probe(tmp_path)
    assert first["built"] == ["CcgMergerProposal", "IcbProposal"]
    assert second["built"] == []
    assert uncached["built"] == ["CcgMergerProposal", "IcbProposal"]
    assert {**second, "built": []} == {**uncached, "built": []}
    assert "bad.yaml:" in str(second["error"])
    assert sorted(entry.name[:7] for entry in tmp_path.glob("schema-*")) == ["schema-"] * 2


def test_a_damaged_entry_is_ignored_and_the_model_built(
    tmp_path: Path, uncached: dict[str, object]
) -> None:
    probe(tmp_path)
    for entry in tmp_path.glob("schema-*"):
        entry.write_bytes(b"not a pickle")
    again = probe(tmp_path)
    assert again == uncached


def test_an_entry_for_another_model_is_not_installed(
    tmp_path: Path, uncached: dict[str, object]
) -> None:
    """A stale or swapped entry must never make one kind validate with another's schema."""
    probe(tmp_path)
    entries = sorted(tmp_path.glob("schema-*"), key=lambda entry: entry.stat().st_size)
    small, large = (entry.read_bytes() for entry in entries)
    entries[0].write_bytes(large)
    entries[1].write_bytes(small)
    again = probe(tmp_path)
    assert again["built"] == ["CcgMergerProposal", "IcbProposal"]
    assert again == uncached


def test_a_model_whose_schema_cannot_be_pickled_is_built_and_nothing_is_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typing import Annotated

    from pydantic import AfterValidator, BaseModel, ConfigDict

    from complychk.model.prebuilt import complete

    class Inline(BaseModel):
        model_config = ConfigDict(defer_build=True)
        size: Annotated[int, AfterValidator(lambda value: value * 2)]

    monkeypatch.setenv("COMPLYCHK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("COMPLYCHK_NO_CACHE", raising=False)
    complete(Inline)
    assert Inline.model_validate({"size": 2}).size == 4
    assert list(tmp_path.glob("schema-*")) == []
