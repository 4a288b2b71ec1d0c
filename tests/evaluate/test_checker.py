"""The library API: many proposals, one bad one, engine fallback, pack choice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from casekit import merged
from minipack import BASE, write_pack

from complychk.api import Checker, engine_notice, expand_paths, run_check
from complychk.conditions.condition import Severity
from complychk.conditions.packs import PackError
from complychk.errors import ConfigError
from complychk.evaluate import engine

AS_OF = dt.date(2019, 9, 30)


@pytest.fixture
def pack_root(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack")


@pytest.fixture
def proposal(tmp_path: Path) -> str:
    """A proposal failing one must condition (running costs) of the test pack."""
    path = tmp_path / "proposal.yaml"
    data = merged(BASE, {"finance": {"planned_running_costs_gbp": 9_000_000}})
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


def test_one_unreadable_proposal_is_reported_and_the_rest_still_checked(
    tmp_path: Path, pack_root: Path, proposal: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: [unclosed\n", encoding="utf-8")
    report = run_check([str(bad), proposal], Checker("mini", pack_root=pack_root), AS_OF)
    assert [checked.proposal_id for checked in report.proposals] == ["mini-case"]
    (problem,) = report.problems
    assert problem.file == str(bad)
    assert problem.message.startswith(f"{bad}:1:7: a [ ] list or {{ }} mapping that opens here")
    assert report.exit_code == 2


def test_exit_code_follows_the_fail_threshold(pack_root: Path, proposal: str) -> None:
    report = run_check([proposal], Checker("mini", pack_root=pack_root), AS_OF, Severity.MUST)
    assert [finding.condition_id for finding in report.failing()] == ["T-RC-01"]
    assert report.exit_code == 1


def test_a_folder_stands_for_the_proposals_in_it(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.json", "notes.txt", "c.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert expand_paths([str(tmp_path)]) == [
        str(tmp_path / n) for n in ("a.json", "b.yaml", "c.md")
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ConfigError, match="no proposal files"):
        expand_paths([str(empty)])


def test_unknown_pack_is_a_configuration_error(pack_root: Path, proposal: str) -> None:
    with pytest.raises(ConfigError, match="unknown pack 'mini2' \\(known packs: mini\\)"):
        Checker(pack_name="mini2", pack_root=pack_root).check_file(proposal, AS_OF)


def test_the_kind_picks_the_pack(pack_root: Path, proposal: str) -> None:
    report = run_check([proposal], Checker(pack_root=pack_root), AS_OF)
    assert report.proposals[0].pack == "mini"


def test_a_broken_pack_stops_the_run_instead_of_blaming_the_proposal(
    pack_root: Path, proposal: str
) -> None:
    (pack_root / "rules" / "mini.yaml").write_text(
        "name: mini\nkinds: [ccg_merger]\n", encoding="utf-8"
    )
    with pytest.raises(PackError, match="version"):
        run_check([proposal], Checker("mini", pack_root=pack_root), AS_OF)


def test_without_durable_rules_the_reference_evaluator_is_used_and_said(
    monkeypatch: pytest.MonkeyPatch, pack_root: Path, proposal: str
) -> None:
    monkeypatch.setattr(engine, "_core", None)
    monkeypatch.setattr(engine, "IMPORT_ERROR", "undefined symbol: PyEval_CallObject")
    checker = Checker("mini", pack_root=pack_root)
    notice = engine_notice(checker)
    assert notice is not None and "\n" not in notice
    assert "PyEval_CallObject" in notice and "reference evaluator" in notice
    report = run_check([proposal], checker, AS_OF)
    assert [finding.condition_id for finding in report.failing()] == ["T-RC-01"]
    assert checker.compiled("mini")[1].name == "reference"
