"""Standard streams and colour: ``--format FORMAT=-``, ``check -`` and when text is coloured."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ci_cases import failing_case

from complychk.cli import main
from complychk.cli.color import use_color

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    case = failing_case()
    shutil.copy(case.path, tmp_path / case.path.name)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # a repository root: no settings file from above applies
    for name in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "TERM"):
        monkeypatch.delenv(name, raising=False)
    return [case.path.name, "--as-of", case.as_of]


def test_format_dash_writes_to_standard_output_not_a_file(
    sample: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status = main(["check", *sample, "--format", "json=-", "--format", "sarif=out.sarif"])
    report = json.loads(capsys.readouterr().out)
    assert report["exit_code"] == status == 1
    assert not (tmp_path / "-").exists()
    assert (tmp_path / "out.sarif").is_file()


def test_only_one_format_may_go_to_standard_output(
    sample: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["check", *sample, "--format", "json=-", "--format", "text"])
    err = capsys.readouterr().err
    assert status == 2
    assert "only one format can go to standard output (got json, text)" in err


def test_a_proposal_from_standard_input_is_named_by_stdin_filename(
    sample: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = Path(sample[0]).read_bytes()
    expected = main(["check", *sample, "--format", "json"])
    from_file = json.loads(capsys.readouterr().out)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    status = main(
        ["check", "-", "--stdin-filename", "proposals/mine.yaml", *sample[1:], "--format", "json"]
    )
    from_stdin = json.loads(capsys.readouterr().out)
    assert status == expected == 1
    proposal = from_stdin["proposals"][0]
    assert proposal["file"] == "proposals/mine.yaml"
    files = {e["file"] for f in proposal["findings"] for e in f["evidence"]}
    assert files == {"proposals/mine.yaml"}
    outcomes = [(f["condition_id"], f["outcome"]) for f in proposal["findings"]]
    assert outcomes == [
        (f["condition_id"], f["outcome"]) for f in from_file["proposals"][0]["findings"]
    ]


def test_a_bad_proposal_on_standard_input_is_located_by_its_name(
    sample: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"id: x\nkind: [\n")))
    status = main(["check", "-", "--stdin-filename", "draft.yaml"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("draft.yaml:3:1: ")
    assert "Traceback" not in err


def test_standard_input_without_a_name_reads_yaml(sample: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "complychk", "check", "-", "--as-of", sample[2], "--quiet"],
        input=Path(sample[0]).read_bytes(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert b"stdin.yaml:" in result.stdout


def test_dash_must_be_the_only_proposal(
    sample: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "-", sample[0]]) == 2
    assert "'-' (standard input) must be the only proposal" in capsys.readouterr().err


def test_stdin_filename_without_dash_is_refused(
    sample: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", sample[0], "--stdin-filename", "x.yaml"]) == 2
    assert "give '-'" in capsys.readouterr().err


class Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("choice", "environ", "tty", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),  # empty means unset (no-color.org)
        ("auto", {"TERM": "dumb"}, True, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": "0"}, False, False),
        ("auto", {"CLICOLOR_FORCE": "1"}, False, True),
        ("auto", {"FORCE_COLOR": "1", "TERM": "dumb"}, False, True),
        ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_follows_the_option_then_the_environment_then_the_terminal(
    choice: str, environ: dict[str, str], tty: bool, expected: bool
) -> None:
    assert use_color(choice, Stream(tty), environ) is expected


def test_force_color_colours_a_ci_log(
    sample: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    main(["check", *sample])
    assert not ANSI.search(capsys.readouterr().out)
    monkeypatch.setenv("FORCE_COLOR", "1")
    main(["check", *sample])
    coloured = capsys.readouterr().out
    assert "\x1b[1;31mFAIL\x1b[0m" in coloured
    main(["check", *sample, "--color", "never"])
    assert not ANSI.search(capsys.readouterr().out)


def test_colour_never_reaches_a_report_file(
    sample: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    main(["check", *sample, "--color", "always", "--format", "text=report.txt"])
    assert not ANSI.search((tmp_path / "report.txt").read_text(encoding="utf-8"))
