"""Decision checks and draft checks: what fails the run, and every report saying which it was."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import casekit
import pytest

from complychk.cli import main

SAMPLE = str(casekit.SAMPLES / "kent-and-medway-2019-09.yaml")
ARGS = [SAMPLE, "--as-of", "2019-09-30"]
"""Kent and Medway as submitted: no must-level failure, but must-level facts not shown (the
running cost allowance, the equality impact assessment date, turnout, ...)."""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(["check", *args])
    return status, capsys.readouterr().out


def test_must_level_insufficient_evidence_fails_a_decision_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out = run(capsys, *ARGS, "--format", "json")
    report = json.loads(out)
    assert (status, report["exit_code"], report["mode"]) == (1, 1, "decision")
    findings = report["proposals"][0]["findings"]
    failing = {f["condition_id"]: f for f in findings if f["failing"]}
    assert "FIN-RC-02" in failing  # the running cost allowance is not stated
    assert {(f["outcome"], f["severity"]) for f in failing.values()} == {
        ("insufficient_evidence", "must")
    }
    assert report["summary"]["failing"] == len(failing)


def test_a_draft_check_fails_only_on_failures(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, *ARGS, "--draft", "--format", "json")
    report = json.loads(out)
    assert (status, report["mode"], report["summary"]["failing"]) == (0, "draft", 0)
    status, _ = run(capsys, *ARGS, "--draft", "--fail-on", "should")
    assert status == 1  # a should-level failure (POP-LTP-01) still counts at --fail-on should


def test_the_text_report_says_which_check_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    _, decision = run(capsys, *ARGS)
    assert decision.rstrip().endswith(
        "Decision check: must-level insufficient evidence fails the run too "
        "(--draft for a self-assessment)."
    )
    assert "26 insufficient evidence (11 must)" in decision
    _, draft = run(capsys, *ARGS, "--draft")
    assert draft.rstrip().endswith("Draft check: only failures fail the run.")


@pytest.mark.parametrize("draft", [False, True])
def test_every_report_names_the_mode(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, draft: bool
) -> None:
    extra = ["--draft"] if draft else []
    mode = "draft" if draft else "decision"
    files = {name: tmp_path / f"report.{name}" for name in ("markdown", "html", "junit", "sarif")}
    formats = [f"--format={name}={path}" for name, path in files.items()]
    run(capsys, *ARGS, *extra, "--format", "text", *formats)
    assert f"This is a {mode} check" in files["markdown"].read_text("utf-8")
    assert f"This is a {mode} check" in files["html"].read_text("utf-8")
    suite = ET.parse(files["junit"]).getroot().find("testsuite")
    assert suite is not None
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["mode"] == mode
    sarif = json.loads(files["sarif"].read_text("utf-8"))
    assert sarif["runs"][0]["properties"]["mode"] == mode


def test_github_annotations_name_what_fails_a_decision_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out = run(capsys, *ARGS, "--format", "github")
    assert "title=FIN-RC-02 " in out and "(must%2C insufficient evidence)" in out  # "," escaped
    _, draft = run(capsys, *ARGS, "--draft", "--format", "github")
    assert "insufficient evidence)" not in draft
