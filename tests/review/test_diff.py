"""``complychk diff``: outcome changes, the fields behind them, new and resolved findings."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from casekit import SAMPLES, merged
from minipack import BASE, write_pack

from complychk.cli import main
from complychk.errors import ConfigError
from complychk.evaluate.checker import Checker
from complychk.evaluate.findings import Outcome
from complychk.proposal.loader import load_document
from complychk.review.diff import ProposalDiff, diff_documents
from complychk.review.diff_render import render_text

AS_OF = dt.date(2019, 10, 1)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_pack(Path("."))


def version(root: Path, name: str, patch: dict[str, Any]) -> str:
    path = root / name
    path.write_text(yaml.safe_dump(merged(BASE, patch), sort_keys=False), encoding="utf-8")
    return str(path)


def diff(root: Path, old: dict[str, Any], new: dict[str, Any]) -> ProposalDiff:
    checker = Checker(pack_root=root)
    before = load_document(version(root, "old.yaml", old))
    after = load_document(version(root, "new.yaml", new))
    return diff_documents(checker, before, after, AS_OF)


COSTLY = {"finance": {"planned_running_costs_gbp": 9_000_000}}


def test_the_same_proposal_twice_has_no_changes(root: Path) -> None:
    result = diff(root, {}, {})
    assert (result.changes, result.new_findings, result.resolved_findings) == ((), (), ())
    assert (result.unchanged, result.exit_code) == (8, 0)


def test_a_fixed_failure_is_an_improvement_with_the_field_that_changed(root: Path) -> None:
    result = diff(root, COSTLY, {})
    (change,) = result.changes
    assert (change.condition_id, change.old, change.new) == ("T-RC-01", Outcome.FAIL, Outcome.PASS)
    assert change.improved and not change.regressed
    (field,) = change.fields
    assert (field.path, field.old, field.new) == (
        "finance.planned_running_costs_gbp",
        "9000000",
        "8000000",
    )
    assert (field.file, field.line) == ("new.yaml", 31)
    assert [f.condition_id for f in result.resolved_findings] == ["T-RC-01"]
    assert (result.new_findings, result.exit_code) == ((), 0)


def test_a_new_failure_regresses_and_exits_1(root: Path) -> None:
    result = diff(root, {}, COSTLY)
    assert [c.regressed for c in result.changes] == [True]
    assert [f.condition_id for f in result.new_findings] == ["T-RC-01"]
    assert result.exit_code == 1


def test_a_failure_that_changes_its_words_is_new_and_resolved_but_not_a_change(root: Path) -> None:
    result = diff(root, COSTLY, {"finance": {"planned_running_costs_gbp": 8_500_000}})
    assert result.changes == ()
    assert [f.message[:30] for f in result.new_findings] == ["planned running costs are 85% "]
    assert [f.message[:30] for f in result.resolved_findings] == ["planned running costs are 90% "]
    assert result.exit_code == 0


def test_a_condition_that_stops_applying_and_a_list_that_appears(root: Path) -> None:
    delegated = {"governance": {"primary_care_commissioning_delegated": True}}
    result = diff(root, {}, delegated)
    (change,) = result.changes
    assert (change.old, change.new) == (Outcome.NOT_APPLICABLE, Outcome.PASS)
    assert not change.improved and not change.regressed
    assert [(f.path, f.old, f.new) for f in change.fields] == [
        ("governance.primary_care_commissioning_delegated", "false", "true")
    ]
    no_votes = {"predecessors": [{"name": "NHS Ashford CCG"}]}
    result = diff(root, no_votes, {})
    vote = next(c for c in result.changes if c.condition_id == "T-VOTE-01")
    assert (vote.old, vote.new) == (Outcome.INSUFFICIENT_EVIDENCE, Outcome.PASS)
    assert [(f.path, f.old, f.new) for f in vote.fields][:3] == [
        ("predecessors", "(1 item)", "(2 items)"),
        ("predecessors[0].vote.votes_for", "(not stated)", "30"),
        ("predecessors[0].vote.votes_against", "(not stated)", "10"),
    ]


def test_a_list_a_condition_only_counts_lists_no_change_inside_its_items(root: Path) -> None:
    delegated = {"governance": {"primary_care_commissioning_delegated": True}}
    one = {**delegated, "predecessors": [{"name": "NHS Ashford CCG"}]}
    result = diff(root, one, delegated)
    counted = next(c for c in result.changes if c.condition_id == "T-PC-01")
    assert (counted.old, counted.new) == (Outcome.FAIL, Outcome.PASS)
    # T-PC-01 counts the predecessors: their votes, which changed too, are not its business
    assert [(f.path, f.old, f.new) for f in counted.fields] == [
        ("predecessors", "(1 item)", "(2 items)")
    ]
    vote = next(c for c in result.changes if c.condition_id == "T-VOTE-01")
    assert "predecessors[0].vote.votes_for" in [f.path for f in vote.fields]


def test_the_text_format(root: Path) -> None:
    assert render_text(diff(root, {}, COSTLY)) == (
        "complychk diff as of 2019-10-01, pack mini\n"
        "  old: old.yaml (mini-case)\n"
        "  new: new.yaml (mini-case)\n"
        "\n"
        "Changed outcomes (1):\n"
        "  T-RC-01  must  PASS -> FAIL  (regressed)  Running costs cut by a fifth\n"
        "      finance.planned_running_costs_gbp: 8000000 -> 9000000 (new.yaml:31)\n"
        "\n"
        "New findings (1):\n"
        "  FAIL  must  T-RC-01  planned running costs are 90% of the baseline running costs; at "
        "most 80% of the baseline running costs required\n"
        "\n"
        "Resolved findings (0):\n"
        "\n"
        "0 improved, 1 regressed, 0 otherwise changed, 7 unchanged; regressed.\n"
    )


def test_the_command_line_in_every_format(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = version(root, "old.yaml", COSTLY), version(root, "new.yaml", {})
    args = ["diff", old, new, "--pack-dir", ".", "--as-of", "2019-10-01"]
    assert main([*args, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "complychk-diff/1"
    assert document["changes"][0]["change"] == "improved"
    assert document["changes"][0]["fields"][0]["line"] == 31
    assert main([*args, "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "| T\\-RC\\-01 Running costs cut by a fifth | must | FAIL | PASS | improved |" in out
    assert main(["diff", new, old, "--pack-dir", ".", "--as-of", "2019-10-01"]) == 1
    capsys.readouterr()
    assert main(["diff", new, "missing.yaml", "--pack-dir", "."]) == 2
    assert capsys.readouterr().err.startswith("missing.yaml:1:1: no such file")


def test_versions_checked_against_different_packs_are_refused() -> None:
    ccg = load_document(SAMPLES / "template-ccg-merger.yaml")
    icb = load_document(SAMPLES / "template-icb-merger.yaml")
    with pytest.raises(ConfigError) as raised:
        diff_documents(Checker(), ccg, icb, AS_OF)
    assert str(raised.value) == (
        f"{ccg.path} (kind ccg_merger) is checked against pack ltp-2019 and {icb.path} "
        "(kind icb_merger) against icb-2025; give two versions of the same proposal (or choose "
        "a pack that covers both kinds with --pack)"
    )


def test_the_kent_and_medway_application_against_its_approved_version() -> None:
    old = load_document(SAMPLES / "kent-and-medway-2019-09.yaml")
    new = load_document(SAMPLES / "kent-and-medway-2020-04.yaml")
    result = diff_documents(Checker(), old, new, dt.date(2020, 4, 1))
    assert result.changes
    assert result.exit_code == (1 if any(c.regressed for c in result.changes) else 0)
    for change in result.changes:
        assert change.old is not change.new
        for field in change.fields:
            assert field.file in (old.path, new.path) and field.line >= 1
    improved = {c.condition_id for c in result.changes if c.improved}
    assert "GOV-AO-01" in improved
