"""``complychk lint FILE`` on a feature file outside a pack: linted on its own, never called clean
unread.

A draft feature file kept anywhere (not in a ``features/<pack>/`` folder) has no manifest, so
its terms and Source keys cannot be checked; everything else is, and a file that is not Gherkin
at all gives problems (exit 1), or exit 2 when it cannot be read.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from complychk.cli import main
from complychk.conditions.packs import builtin_root

LOOSE = (
    "complychk lint: no problems in 1 feature file outside a pack (checked against the step "
    "phrases alone: with no manifest, terms and Source keys are not checked)\n"
)

DRAFT = """\
Feature: Draft governance conditions

  @GOV-X-01 @must
  Scenario: Chair named
    Source: LTP p.32
    Remedy: Name the chair.
    Given the proposal is a CCG merger
    Then the chair shall be named
    And by the go-live date, the chair must be stated

  @gov-x-02 @should
  Scenario: Quorum
    Then the quorum must be at least 50%

  @GOV-X-01 @advisory
  Scenario: Chair again
    Source: LTP
    Remedy: r
    When the board meets
    Then every board member must have a start date on or before the go-live date
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, str, str]:
    status = main(["lint", *paths])
    out, err = capsys.readouterr()
    return status, out, err


SHIPPED = sorted(builtin_root().glob("features/*/*.feature"))


@pytest.mark.parametrize("shipped", SHIPPED, ids=[f"{p.parent.name}/{p.name}" for p in SHIPPED])
def test_a_sound_feature_file_outside_a_pack_is_clean_and_says_what_was_not_checked(
    workdir: Path, capsys: pytest.CaptureFixture[str], shipped: Path
) -> None:
    shutil.copy(shipped, "draft.feature")
    assert lint(capsys, "draft.feature") == (0, "", LOOSE)


def test_a_file_that_is_not_gherkin_is_never_clean(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("notes.feature").write_text("Meeting notes\nthe chair agreed\n", encoding="utf-8")
    Path("empty.feature").write_text("", encoding="utf-8")
    status, out, err = lint(capsys, "notes.feature", "empty.feature")
    assert status == 1
    assert out.splitlines() == [
        "empty.feature:1:1: no Feature in this file (start the file with 'Feature: <theme>') "
        "[no-feature]",
        "notes.feature:1:1: Gherkin syntax error: 'Meeting notes' comes before the 'Feature:' "
        "line (start the file with 'Feature: <theme>'; only tags and # comments may come before "
        "it) [syntax]",
        "notes.feature:2:1: Gherkin syntax error: 'the chair agreed' comes before the 'Feature:' "
        "line (start the file with 'Feature: <theme>'; only tags and # comments may come before "
        "it) [syntax]",
    ]
    assert err == "complychk lint: 3 problems\n"


def test_steps_ids_source_and_remedy_of_a_loose_file_are_checked(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("drafts").mkdir()
    Path("drafts/governance.feature").write_text(DRAFT, encoding="utf-8")
    status, out, _ = lint(capsys, "drafts")  # a folder of drafts: each file on its own
    assert status == 1
    assert out.splitlines() == [
        "drafts/governance.feature:3:3: duplicate condition ID GOV-X-01 (also at "
        "drafts/governance.feature:15) (give each scenario its own catalogue ID) [duplicate-id]",
        "drafts/governance.feature:8:10: unknown step Then 'the chair shall be named' (nearest "
        "known phrases: 'the proposal is a {kind}'; '{term} must be stated') [unknown-step]",
        "drafts/governance.feature:11:3: tag @gov-x-02 looks like a condition ID but is not one: "
        "IDs are upper case, like @GOV-AO-01, ending in two or three digits [malformed-id]",
        "drafts/governance.feature:12:3: condition 'Quorum' has no 'Remedy:' line in its "
        "description (write 'Remedy: <what would make it pass>' under the title) [missing-remedy]",
        "drafts/governance.feature:12:3: condition 'Quorum' has no 'Source:' line in its "
        "description (write 'Source: <citation>' under the title) [missing-source]",
        "drafts/governance.feature:12:3: scenario 'Quorum' has no condition ID tag (tag it like "
        "@GOV-AO-01, an ID from the pack's catalogue) [missing-id]",
        "drafts/governance.feature:15:3: duplicate condition ID GOV-X-01 (also at "
        "drafts/governance.feature:3) (give each scenario its own catalogue ID) [duplicate-id]",
        "drafts/governance.feature:19:5: 'When' steps are not used in conditions: 'the board "
        "meets' (use Given for when a condition applies and Then for what must be true) "
        "[when-step]",
    ]


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (
            lambda path: os.mkfifo(path),
            "this is not a regular file (it is a pipe, device or socket) (give the path of a "
            "feature file)",
        ),
        (
            lambda path: path.write_bytes("Feature: f\n".encode("utf-16")),
            "the file is saved as UTF-16 (save it as UTF-8)",
        ),
        (lambda path: path.symlink_to(path), "cannot read the file: Too many levels of symbolic"),
    ],
    ids=["a named pipe", "UTF-16", "a symlink loop"],
)
def test_a_loose_file_that_cannot_be_read_is_exit_2_in_one_line(
    workdir: Path, capsys: pytest.CaptureFixture[str], make: object, said: str
) -> None:
    path = workdir / "draft.feature"
    make(path)  # type: ignore[operator]
    status, out, err = lint(capsys, "draft.feature")
    assert (status, out) == (2, "")
    assert err.startswith(f"draft.feature:1:1: {said}")
    assert err.count("\n") == 1
