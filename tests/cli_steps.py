"""Step definitions shared by the pytest-bdd specs of the authoring and review commands.

Import them into a spec module with ``from cli_steps import *``; each scenario runs in its own
temporary directory, so the paths a user sees in the output are short and exact.
"""

from __future__ import annotations

import shlex
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from minipack import write_pack
from pytest_bdd import given, parsers, then, when

from complychk.cli import main


@dataclass
class Run:
    status: int
    out: str
    err: str


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@given("a pack directory holding the test pack")
def a_pack(workdir: Path) -> None:
    write_pack(workdir)


@given(parsers.parse('the file "{name}":'))
def a_file(workdir: Path, name: str, docstring: str) -> None:
    path = workdir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(docstring) + "\n", encoding="utf-8")


@when(parsers.parse('I run "{command}"'), target_fixture="run")
def run_command(workdir: Path, command: str, capsys: pytest.CaptureFixture[str]) -> Run:
    words = shlex.split(command)
    assert words[0] == "complychk"
    status = main(words[1:])
    captured = capsys.readouterr()
    return Run(status, captured.out, captured.err)


@then(parsers.parse("the exit status is {status:d}"))
def exit_status(run: Run, status: int) -> None:
    assert run.status == status, run.out + run.err


@then("the output is:")
def output_is(run: Run, docstring: str) -> None:
    assert run.out == docstring + "\n", run.out


@then("the output contains:")
def output_contains(run: Run, docstring: str) -> None:
    """Consecutive output lines starting with these lines (indentation aside, as doc strings
    are dedented)."""
    wanted = [line.strip() for line in docstring.splitlines()]
    have = [line.strip() for line in run.out.splitlines()]
    assert any(
        all(line.startswith(text) for line, text in zip(have[start:], wanted, strict=False))
        and len(have) - start >= len(wanted)
        for start in range(len(have))
    ), run.out


@then(parsers.parse('standard error says "{text}"'))
def stderr_contains(run: Run, text: str) -> None:
    assert text in run.err, run.err
