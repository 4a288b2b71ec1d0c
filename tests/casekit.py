"""Test helpers for running proposals through both evaluators and comparing their outcomes."""

from __future__ import annotations

import copy
import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from complychk.evaluate.checker import Checker
from complychk.evaluate.findings import Finding, Outcome, ProposalReport
from complychk.proposal.loader import load_document, load_text

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_proposals"

_DELETE = None


@cache
def checker(engine: str, pack: str | None = None) -> Checker:
    """One compiled checker per evaluator and pack, shared across tests like the CLI shares it."""
    return Checker(pack_name=pack, engine_name=engine)


def merged(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``patch`` into a copy of ``base``; a None in the patch deletes the key.

    Lists are replaced whole, except a patch value ``{"<index>": {...}}`` style is not supported:
    give the complete list.
    """
    result = copy.deepcopy(base)
    for key, value in patch.items():
        if value is _DELETE:
            result.pop(key, None)
        elif isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merged(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def check_data(
    data: dict[str, Any], as_of: dt.date, name: str = "case.yaml"
) -> dict[str, ProposalReport]:
    """Check one proposal given as data with both evaluators; returns reports by evaluator."""
    text = yaml.safe_dump(data, sort_keys=False, default_flow_style=False, allow_unicode=True)
    document = load_text(text, name)
    return {
        engine: checker(engine).check_document(document, as_of)
        for engine in ("durable", "reference")
    }


def check_file(path: Path, as_of: dt.date) -> dict[str, ProposalReport]:
    document = load_document(path)
    return {
        engine: checker(engine).check_document(document, as_of)
        for engine in ("durable", "reference")
    }


def outcomes(report: ProposalReport) -> dict[str, Outcome]:
    return {finding.condition_id: finding.outcome for finding in report.findings}


def agreed_outcomes(reports: dict[str, ProposalReport]) -> dict[str, Outcome]:
    """Outcomes per condition, asserting both evaluators produced identical findings."""
    durable, reference = reports["durable"], reports["reference"]
    assert durable.findings == reference.findings, (
        "durable-rules and the reference evaluator disagree"
    )
    return outcomes(durable)


class _NoDuplicateKeys(yaml.SafeLoader):
    """Safe loading that refuses a key given twice, which plain YAML loading lets the second
    copy win: a test case written twice under one name would never run."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [
            self.construct_object(key, deep=deep)
            for key, _ in node.value
            if key.tag != "tag:yaml.org,2002:merge"  # "<<: *base", overridden on purpose
        ]
        repeated = sorted({str(key) for key in keys if keys.count(key) > 1})
        if repeated:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {repeated[0]!r} given twice", node.start_mark
            )
        return super().construct_mapping(node, deep)


def load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDuplicateKeys)


def condition_fixtures(pack: str) -> tuple[dict[str, Any], dict[str, dict[str, dict[str, Any]]]]:
    """A pack's compliant base proposal and its cases: condition ID -> case name -> patch."""
    folder = REPO / "tests" / "conditions" / pack
    base: dict[str, Any] = load_yaml(folder / "base.yaml")
    cases = {
        key: value
        for key, value in load_yaml(folder / "cases.yaml").items()
        if not key.startswith("_")
    }
    return base, cases


def expected_outcome(case: str) -> Outcome:
    """``fail_no_deputy`` expects ``fail``; the part after the outcome only says what the case is."""
    for outcome in sorted(Outcome, key=lambda item: -len(item.value)):
        if case == outcome.value or case.startswith(f"{outcome.value}_"):
            return outcome
    raise AssertionError(f"case {case!r} does not start with an outcome name")


def finding_for(data: dict[str, Any], condition: str, as_of: dt.date) -> Finding:
    """One condition's finding, after checking both evaluators agree on the whole proposal."""
    reports = check_data(data, as_of)
    agreed_outcomes(reports)
    (found,) = [item for item in reports["durable"].findings if item.condition_id == condition]
    return found
