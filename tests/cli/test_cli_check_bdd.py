"""What a user sees running ``complychk check`` and ``complychk conditions``."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from casekit import SAMPLES
from pytest_bdd import given, parsers, scenarios, then, when

from complychk.cli import main
from complychk.conditions.packs import load_pack

scenarios("check.feature")


@dataclass
class Run:
    status: int
    out: str
    err: str


@pytest.fixture
def context() -> dict[str, object]:
    return {}


@given(parsers.parse('the sample proposal "{name}"'))
def sample_proposal(context: dict[str, object], name: str) -> None:
    context["proposal"] = str(SAMPLES / name)


@given("a proposal file containing:")
def proposal_file(context: dict[str, object], tmp_path: Path, docstring: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(docstring + "\n", encoding="utf-8")
    context["proposal"] = str(path)


@when(parsers.parse('I run "{command}"'), target_fixture="run")
def run_command(
    context: dict[str, object], command: str, capsys: pytest.CaptureFixture[str]
) -> Run:
    words = shlex.split(command.format(**context))
    assert words[0] == "complychk"
    status = main(words[1:])
    captured = capsys.readouterr()
    return Run(status, captured.out, captured.err)


@then(parsers.parse("the exit status is {status:d}"))
def exit_status(run: Run, status: int) -> None:
    assert run.status == status, run.err


@then(parsers.parse('the output has a "{badge}" line for a must condition'))
def badge_line(run: Run, badge: str) -> None:
    assert re.search(rf"^\s+{badge}\s+must\s+[A-Z]+-[A-Z0-9-]+\s", run.out, re.MULTILINE), run.out


@then("every failing finding cites evidence as file:line in the proposal")
def failing_evidence(run: Run, context: dict[str, object]) -> None:
    blocks = re.split(r"\n(?=  [A-Z])", run.out)
    failing = [block for block in blocks if block.lstrip().startswith("FAIL")]
    assert failing
    name = re.escape(Path(str(context["proposal"])).name)
    for block in failing:
        assert re.search(rf"evidence: .*{name}:\d+", block), block


@then(parsers.parse('the last line summarises "{text}"'))
def summary_line(run: Run, text: str) -> None:
    assert run.out.strip().splitlines()[-1].startswith(text)


@then(
    parsers.parse('standard error is exactly one line starting with the file name and "{fragment}"')
)
def one_error_line(run: Run, context: dict[str, object], fragment: str) -> None:
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith(f"{context['proposal']}{fragment}")
    assert "Traceback" not in run.err
    assert "(" in lines[0] and lines[0].endswith(")")


@then("nothing is printed on standard output")
def no_output(run: Run) -> None:
    assert run.out == ""


@then(
    parsers.parse(
        'the JSON report names the pack "{pack}" and gives an outcome for every condition'
    )
)
def json_report(run: Run, pack: str) -> None:
    report = json.loads(run.out)
    (proposal,) = report["proposals"]
    assert proposal["pack"] == pack
    ids = {finding["condition_id"] for finding in proposal["findings"]}
    assert ids == {condition.id for condition in load_pack(pack).conditions}
    assert all(finding["outcome"] for finding in proposal["findings"])


@then("every listed condition has an ID, a severity, a title and a source")
def listed_conditions(run: Run) -> None:
    rows = [line.split("\t") for line in run.out.splitlines() if not line.startswith("#")]
    assert rows
    for row in rows:
        assert len(row) == 4 and all(row), row
        assert row[1] in {"must", "should", "advisory"}


@given("a repository whose .complychk.yaml says:")
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, docstring: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".complychk.yaml").write_text(docstring + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)


@then("the output lists only the findings that fail the run, each at the proposal's file:line")
def only_failing(run: Run, context: dict[str, object]) -> None:
    lines = run.out.splitlines()
    heading = re.fullmatch(r"(\d+) findings? failing the run \(at or above must\):", lines[0])
    assert heading, run.out
    located = [line for line in lines[1:] if line and not line.startswith(" ")][:-1]
    assert len(located) == int(heading[1])
    for line in located:
        assert re.match(rf"{re.escape(str(context['proposal']))}:\d+: [A-Z]+ must ", line), line


@then(parsers.parse('the last line counts the findings failing "{threshold}"'))
def summary_threshold(run: Run, threshold: str) -> None:
    assert re.search(rf": \d+ failing {threshold}\.", run.out.strip().splitlines()[-1]), run.out


@then(parsers.parse('the output says "{name}" is "{value}" from "{source}"'))
def setting_line(run: Run, name: str, value: str, source: str) -> None:
    assert f"{name.ljust(11)}  {value}  ({source})" in run.out.splitlines(), run.out
