"""Every report format for every sample proposal, through the CLI, valid against its schemas.

New samples in sample_proposals/ are picked up automatically, so a pack that produces text a
format cannot carry (or a layout a CI server rejects) fails here rather than in someone's pipeline.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import socket
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import ci_cases
import jsonschema
import pytest
import report_factory
import xmlschema

from complychk.cli import main
from complychk.reports import REPORTERS

SAMPLES = ci_cases.samples()
FALLBACK_AS_OF = "2025-06-30"
JUNIT_SCHEMAS = ("junit-10.xsd", "JUnit.xsd", "jenkins-junit.xsd")


def as_of(path: Path) -> str:
    """Check a sample as of the day it was submitted, so its pending outcomes show too."""
    day = ci_cases.submitted_on(path)
    return day.isoformat() if day else FALLBACK_AS_OF


@pytest.fixture(scope="module")
def junit_schemas() -> list[xmlschema.XMLSchema]:
    return [xmlschema.XMLSchema(str(report_factory.schemas_dir() / name)) for name in JUNIT_SCHEMAS]


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    schema = json.loads((report_factory.schemas_dir() / "sarif-schema-2.1.0.json").read_text())
    return jsonschema.Draft4Validator(schema)


@pytest.fixture(scope="module")
def json_validator() -> Any:
    text = resources.files("complychk").joinpath("data/report.schema.json").read_text("utf-8")
    schema = json.loads(text)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def render_all(workdir: Path, samples: list[Path], day: str) -> tuple[int, dict[str, str]]:
    """One run writing every format to a file, as a CI job would; returns status and texts."""
    names = []
    for sample in samples:
        shutil.copy(sample, workdir / sample.name)
        names.append(sample.name)
    outputs = {name: workdir / "out" / f"report.{name}" for name in REPORTERS}
    (workdir / "out").mkdir(exist_ok=True)
    formats = [f"--format={name}={path.relative_to(workdir)}" for name, path in outputs.items()]
    before = dt.datetime.now().replace(microsecond=0)
    status = main(["check", *names, "--as-of", day, "--fail-on", "advisory", *formats])
    after = dt.datetime.now()
    texts = {name: path.read_text(encoding="utf-8") for name, path in outputs.items()}
    texts["junit"] = without_run_stamp(texts["junit"], before, after)
    return status, texts


def without_run_stamp(junit: str, before: dt.datetime, after: dt.datetime) -> str:
    """JUnit names the time and host of the run (the one thing that differs from run to run):
    checked here to be this run's, then blanked so the rest can be compared."""
    stamps = set(re.findall(r'timestamp="([^"]+)"', junit))
    assert len(stamps) == 1
    assert before <= dt.datetime.fromisoformat(stamps.pop()) <= after
    assert set(re.findall(r'hostname="([^"]+)"', junit)) == {socket.gethostname()}
    junit = re.sub(r'timestamp="[^"]+"', 'timestamp="2000-01-01T00:00:00"', junit)
    return re.sub(r'hostname="[^"]+"', 'hostname="host"', junit)


def assert_valid(
    texts: dict[str, str], junit_schemas: list[xmlschema.XMLSchema], sarif: Any, report: Any
) -> None:
    """Formats with a published schema are validated; every format must say something."""
    for schema in junit_schemas:
        schema.validate(texts["junit"])
    sarif.validate(json.loads(texts["sarif"]))
    report.validate(json.loads(texts["json"]))
    assert all(line.startswith("::") for line in texts["github"].splitlines())
    parser = HTMLParser()
    parser.feed(texts["html"])
    parser.close()
    assert texts["html"].lstrip().lower().startswith("<!doctype html>")
    for name, text in texts.items():
        assert text.strip() or name == "github", f"{name} is empty"  # github: only problems


def test_the_formats_with_schemas_are_all_registered() -> None:
    assert {"text", "json", "junit", "sarif", "github", "markdown", "html"} <= set(REPORTERS)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.name)
def test_every_format_for_each_sample_is_valid_and_repeatable(
    sample: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    junit_schemas: list[xmlschema.XMLSchema],
    sarif_validator: Any,
    json_validator: Any,
) -> None:
    monkeypatch.chdir(tmp_path)
    status, texts = render_all(tmp_path, [sample], as_of(sample))
    assert status in (0, 1)
    assert_valid(texts, junit_schemas, sarif_validator, json_validator)
    assert json.loads(texts["json"])["exit_code"] == status
    assert json.loads(texts["json"])["proposals"][0]["findings"]
    assert render_all(tmp_path, [sample], as_of(sample)) == (status, texts)


def test_all_samples_in_one_run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    junit_schemas: list[xmlschema.XMLSchema],
    sarif_validator: Any,
    json_validator: Any,
) -> None:
    monkeypatch.chdir(tmp_path)
    status, texts = render_all(tmp_path, SAMPLES, FALLBACK_AS_OF)
    assert status in (0, 1)
    assert_valid(texts, junit_schemas, sarif_validator, json_validator)
    assert len(json.loads(texts["json"])["proposals"]) == len(SAMPLES)
