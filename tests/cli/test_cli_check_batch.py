"""``complychk check DIR``: a batch review as a user runs it, with matrix and CSV summaries."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
import yaml
from casekit import merged
from minipack import BASE, write_pack

from complychk.cli import main
from complychk.cli import progress as progress_module
from complychk.cli.progress import ProgressLine, wanted


@pytest.fixture
def pack_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_pack(tmp_path / "pack")
    monkeypatch.setenv("COMPLYCHK_PACKS", str(root))
    return root


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """24 proposals; the fifth plans running costs above 80% of the baseline (fails T-RC-01)."""
    folder = tmp_path / "proposals"
    folder.mkdir()
    for number in range(24):
        cost = 9_000_000 if number == 4 else 8_000_000
        data = merged(
            BASE, {"id": f"case-{number}", "finance": {"planned_running_costs_gbp": cost}}
        )
        (folder / f"case-{number:02d}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return folder


def _check(*args: str) -> int:
    return main(["check", "--pack", "mini", "--as-of", "2019-09-30", *args])


def test_a_folder_gives_one_matrix_row_per_proposal(
    folder: Path, pack_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = _check(str(folder), "--format", "matrix", "--jobs", "2")
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    heading = next(line for line in out if line.startswith("proposal file"))
    assert heading.split()[2:4] == ["failing", "T-AO-01"]
    rows = [line for line in out if line.startswith(str(folder))]
    assert [row.split()[0] for row in rows] == [
        str(folder / f"case-{n:02d}.yaml") for n in range(24)
    ]
    assert rows[4].split()[1] == "1" and "F*" in rows[4].split()
    assert out[-1] == "24 proposals checked: 1 with failures at or above must."


def test_csv_and_json_reports_of_one_batch_agree(
    folder: Path, pack_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table, document = tmp_path / "out.csv", tmp_path / "out.json"
    status = _check(str(folder), "--format", f"csv={table}", "--format", f"json={document}")
    assert status == 1
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    report = json.loads(document.read_text(encoding="utf-8"))
    assert [row["file"] for row in rows] == [p["file"] for p in report["proposals"]]
    for row, proposal in zip(rows, report["proposals"], strict=True):
        for finding in proposal["findings"]:
            assert (
                row[finding["condition_id"]]
                == {
                    "pass": "P",
                    "fail": "F",
                    "not_applicable": "NA",
                    "insufficient_evidence": "IE",
                    "pending": "PE",
                    "waived": "W",
                }[finding["outcome"]]
            )
    assert [row["status"] for row in rows].count("fail") == 1
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, nothing left behind


def test_an_unreadable_proposal_is_reported_and_the_rest_still_checked(
    folder: Path, pack_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "case-10.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    status = _check(str(folder), "--format", "csv")
    captured = capsys.readouterr()
    assert status == 2
    (line,) = captured.err.splitlines()
    assert line.startswith(f"{folder / 'case-10.yaml'}:1:5: ")
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert len(rows) == 24
    assert rows[-1]["status"] == "error" and rows[-1]["file"].endswith("case-10.yaml")


def test_the_json_report_locates_an_unreadable_proposal(
    folder: Path, pack_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "case-10.yaml").write_text("id: ok\nid: twice\n", encoding="utf-8")
    assert _check(str(folder), "--format", "json") == 2
    (problem,) = json.loads(capsys.readouterr().out)["problems"]
    assert (problem["file"], problem["line"], problem["column"]) == (
        str(folder / "case-10.yaml"),
        2,
        1,
    )
    assert problem["message"].startswith(f"{folder / 'case-10.yaml'}:2:1: duplicate key")


def test_no_progress_line_when_stderr_is_not_a_terminal(
    folder: Path, pack_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _check(str(folder), "--format", "matrix")
    assert "\r" not in capsys.readouterr().err


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_jobs_must_be_a_positive_whole_number(
    value: str, pack_root: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        _check(str(folder), "--jobs", value)
    assert stopped.value.code == 2
    assert f"'{value}' is not a number of processes; write 1 or more" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_redraws_in_place_and_clears_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(progress_module, "DELAY", 0.0)
    monkeypatch.setattr(progress_module, "INTERVAL", 0.0)
    stream = _Terminal()
    line = ProgressLine(stream)
    line(50, 200)
    line(200, 200)
    line.close()
    assert stream.getvalue() == (
        "\rchecked 50/200 proposals (25%)\rchecked 200/200 proposals (100%)\r" + " " * 32 + "\r"
    )


def test_the_progress_line_is_only_for_a_person_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wanted(_Terminal(), 500, 21)
    assert not wanted(_Terminal(), 5, 21)
    assert not wanted(io.StringIO(), 500, 21)
    monkeypatch.setenv("CI", "true")
    assert not wanted(_Terminal(), 500, 21)


def _odd_entries(folder: Path) -> dict[str, str]:
    """Entries named like proposals that are not proposal files, and what the user is told."""
    (folder / "broken.yaml").symlink_to("gone.yaml")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "folder.yaml").mkdir()
    return {
        "broken.yaml": "this is a broken symbolic link (to 'gone.yaml', which does not exist)",
        "pipe.yaml": "this is not a regular file (it is a pipe, device or socket)",
        "folder.yaml": "this is a directory",
    }


def test_entries_of_a_folder_that_are_not_files_are_reported_never_skipped(
    folder: Path, pack_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _odd_entries(folder)
    document = tmp_path / "out.json"
    status = _check(str(folder), "--format", "matrix", "--format", f"json={document}")
    out, err = capsys.readouterr()
    assert status == 2  # a pipe among them is reported at once, never waited on
    lines = err.splitlines()
    assert [line.split(":", 1)[0] for line in lines] == [
        str(folder / name) for name in ("broken.yaml", "folder.yaml", "pipe.yaml")
    ]
    for line in lines:
        name = Path(line.split(":", 1)[0]).name
        assert line.startswith(f"{folder / name}:1:1: {expected[name]}")
    assert (
        "24 proposals checked: 1 with failures at or above must; 3 files could not be checked"
        in out
    )
    report = json.loads(document.read_text(encoding="utf-8"))
    assert len(report["proposals"]) == 24
    assert [problem["message"] for problem in report["problems"]] == lines


def test_a_folder_that_cannot_be_listed_is_reported_and_the_rest_still_checked(
    folder: Path,
    pack_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    listdir = os.listdir

    def refuse(path: str) -> list[str]:  # chmod 000 stops no one when the tests run as root
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return listdir(path)

    monkeypatch.setattr(os, "listdir", refuse)
    document = tmp_path / "out.json"
    status = _check(str(locked), str(folder), "--format", "matrix", "--format", f"json={document}")
    out, err = capsys.readouterr()
    assert status == 2
    assert err == (
        f"{locked}:1:1: cannot read this folder: Permission denied "
        "(check its permissions, or give the files in it)\n"
    )
    assert (
        "24 proposals checked: 1 with failures at or above must; 1 file could not be checked" in out
    )
    report = json.loads(document.read_text(encoding="utf-8"))
    assert [problem["file"] for problem in report["problems"]] == [str(locked)]
    assert len(report["proposals"]) == 24
