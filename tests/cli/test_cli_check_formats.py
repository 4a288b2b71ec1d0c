"""``check --format``: the exit status never depends on the formats, and reports are all or nothing."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from ci_cases import failing_case
from minipack import write_pack

from complychk.cli import main
from complychk.reports import REPORTERS

SEVERITY_RANK = {"advisory": 0, "should": 1, "must": 2}
EXTENSIONS = {"text": "txt", "junit": "xml", "github": "log", "markdown": "md"}
"""File name endings for the reports; any other format is written to NAME.FORMAT."""


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A sample with a must-level failure, copied to an empty working folder: its arguments."""
    case = failing_case()
    shutil.copy(case.path, tmp_path / case.path.name)
    monkeypatch.chdir(tmp_path)
    return [case.path.name, "--as-of", case.as_of]


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["check", *args])
    out, err = capsys.readouterr()
    return status, out, err


def json_report(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    status, out, _ = check(capsys, *args, "--format", "json")
    report = json.loads(out)
    assert report["exit_code"] == status
    return report


def expected_status(report: Any, fail_on: str) -> int:
    """The exit policy worked out from the findings, independently of the CLI."""
    if report["problems"]:
        return 2
    threshold = SEVERITY_RANK[fail_on]
    findings = [f for p in report["proposals"] for f in p["findings"]]
    failing = [
        f for f in findings if f["outcome"] == "fail" and SEVERITY_RANK[f["severity"]] >= threshold
    ]
    if report["mode"] == "decision":  # docs/outcomes.md: must-level information is required
        failing += [
            f
            for f in findings
            if f["outcome"] == "insufficient_evidence" and f["severity"] == "must"
        ]
    return 1 if failing else 0


def scenarios(capsys: pytest.CaptureFixture[str], sample: list[str]) -> dict[str, list[str]]:
    """Runs that should end 1, 0 and 2, built from what the sample's findings are today."""
    report = json_report(capsys, *sample, "--fail-on", "advisory")
    findings = [f for p in report["proposals"] for f in p["findings"]]
    failing_ids = sorted(
        f["condition_id"]
        for f in findings
        if f["outcome"] == "fail"
        or (f["outcome"] == "insufficient_evidence" and f["severity"] == "must")
    )
    without_failures = " and ".join(f"not @{condition_id}" for condition_id in failing_ids)
    Path("broken.yaml").write_text("kind: [unclosed\n", encoding="utf-8")
    runs = {f"fail-on-{level}": [*sample, "--fail-on", level] for level in SEVERITY_RANK}
    runs["nothing-failing"] = [*sample, "--fail-on", "advisory", "--tags", without_failures]
    runs["unreadable-file"] = [sample[0], "broken.yaml", *sample[1:]]
    return runs


def variants(name: str) -> list[list[str]]:
    """Each format alone to stdout, each alone to a file, and all at once."""

    def to_file(fmt: str, prefix: str = "") -> str:
        return f"--format={fmt}={prefix}{name}.{EXTENSIONS.get(fmt, fmt)}"

    alone = [[f"--format={fmt}"] for fmt in REPORTERS] + [[to_file(fmt)] for fmt in REPORTERS]
    together = ["--format=text", *(to_file(fmt, "all-") for fmt in REPORTERS if fmt != "text")]
    return [*alone, together]


def test_exit_status_is_the_same_for_every_format_and_destination(
    sample: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, int] = {}
    for name, args in scenarios(capsys, sample).items():
        fail_on = args[args.index("--fail-on") + 1] if "--fail-on" in args else "must"
        expected = expected_status(json_report(capsys, *args), fail_on)
        for variant in variants(name):
            status, _, _ = check(capsys, *args, *variant)
            assert status == expected, (
                f"{name}: {' '.join(variant)} exited {status}, not {expected}"
            )
        seen[name] = expected
        written = len(list(Path.cwd().glob(f"all-{name}.*")))
        assert written == len(REPORTERS) - 1  # an unreadable file is in the reports, too
    assert seen == {
        "fail-on-advisory": 1,
        "fail-on-should": 1,
        "fail-on-must": 1,
        "nothing-failing": 0,
        "unreadable-file": 2,
    }


def test_an_unwritable_report_writes_no_report_at_all(
    sample: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    formats = ["text", "json=ok.json", "sarif=/nonexistent/dir/x.sarif", "junit=ok.xml"]
    status, out, err = check(capsys, *sample, *(f"--format={spec}" for spec in formats))
    assert status == 2
    assert err == (
        "complychk: cannot write report /nonexistent/dir/x.sarif: No such file or directory\n"
    )
    assert out == ""
    assert os.listdir() == [sample[0]]


def test_a_failed_run_leaves_the_previous_reports_untouched(
    sample: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    Path("ok.json").write_text("previous run", encoding="utf-8")
    Path("in-the-way").mkdir()
    status, _, err = check(capsys, *sample, "--format=json=ok.json", "--format=html=in-the-way")
    assert status == 2
    assert err.startswith("complychk: cannot write report in-the-way: ")
    assert err.count("\n") == 1
    assert Path("ok.json").read_text(encoding="utf-8") == "previous run"
    assert sorted(os.listdir()) == sorted([sample[0], "ok.json", "in-the-way"])


def test_a_format_that_fails_to_render_writes_nothing(
    sample: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(report: object, options: object) -> str:
        raise RuntimeError("renderer bug")

    monkeypatch.setitem(REPORTERS, "html", broken)
    formats = ["--format=text", "--format=json=ok.json", "--format=html=report.html"]
    with pytest.raises(RuntimeError, match="renderer bug"):
        main(["check", *sample, *formats])
    assert capsys.readouterr().out == ""
    assert os.listdir() == [sample[0]]


def test_two_formats_cannot_share_a_file(
    sample: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = check(capsys, *sample, "--format=json=out/r", "--format=sarif=out/../out/r")
    assert status == 2
    assert err == (
        "complychk: --format sarif=out/../out/r and --format json=out/r are the same file; "
        "give each its own FORMAT=FILE\n"
    )


def test_two_formats_cannot_share_a_file_through_a_link(
    sample: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    Path("report.json").write_text("last run\n", encoding="utf-8")
    os.symlink("report.json", "latest.json")
    status, out, err = check(
        capsys, *sample, "--format=json=report.json", "--format=sarif=latest.json"
    )
    assert (status, out) == (2, "")
    assert err == (
        "complychk: --format sarif=latest.json and --format json=report.json are the same file; "
        "give each its own FORMAT=FILE\n"
    )
    assert Path("report.json").read_text(encoding="utf-8") == "last run\n"


def _spellings(name: str) -> dict[str, str]:
    """Ways a user may name the proposal ``name`` as a report file, made in the working folder."""
    os.symlink(name, "link.yaml")
    os.link(name, "hard.yaml")
    os.mkdir("sub")
    return {
        "as given": name,
        "with ./": f"./{name}",
        "through a folder and ..": f"sub/../{name}",
        "absolute": str(Path(name).absolute()),
        "a symbolic link": "link.yaml",
        "a hard link": "hard.yaml",
    }


@pytest.mark.parametrize(
    "spelling",
    [
        "as given",
        "with ./",
        "through a folder and ..",
        "absolute",
        "a symbolic link",
        "a hard link",
    ],
)
@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_a_report_is_never_written_over_the_proposal_being_checked(
    sample: list[str], capsys: pytest.CaptureFixture[str], name: str, spelling: str
) -> None:
    proposal = Path(sample[0])
    before = proposal.read_bytes()
    target = _spellings(sample[0])[spelling]
    listing = sorted(os.listdir())
    status, out, err = check(capsys, *sample, "--format", f"{name}={target}", "--format", "text")
    assert (status, out) == (2, "")
    spelt_alike = ("as given", "with ./", "through a folder and ..")
    shown = "" if spelling in spelt_alike else f" ({sample[0]})"
    assert err == (
        f"complychk: --format {name}={Path(target)} would write the report over the "
        f"proposal{shown} "
        "being checked; nothing was written (send the report to another file)\n"
    )
    assert proposal.read_bytes() == before
    assert sorted(os.listdir()) == listing


def test_a_report_is_never_written_over_a_proposal_in_a_folder_being_checked(
    sample: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkdir("batch")
    shutil.copy(sample[0], "batch/a.yaml")
    shutil.copy(sample[0], "batch/b.yaml")
    status, out, err = check(
        capsys, "batch", *sample[1:], "--format=matrix", "--format=csv=batch/b.yaml"
    )
    assert (status, out) == (2, "")
    assert "would write the report over the proposal" in err
    assert Path("batch/b.yaml").read_bytes() == Path(sample[0]).read_bytes()


def test_a_report_is_never_written_over_the_waiver_file_or_a_pack_file(
    sample: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    Path("waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    status, _, err = check(
        capsys, *sample, "--waivers", "waivers.yaml", "--format=json=waivers.yaml"
    )
    assert status == 2
    assert "would write the report over the waiver file being checked" in err
    assert Path("waivers.yaml").read_text(encoding="utf-8") == "waivers: []\n"
    write_pack(Path("pack"))
    feature = Path("pack/features/mini/core.feature")
    before = feature.read_bytes()
    status, _, err = check(capsys, *sample, "--pack-dir", "pack", f"--format=sarif={feature}")
    assert status == 2
    assert "would write the report over the pack file being checked" in err
    assert feature.read_bytes() == before
