"""``complychk explain``: a condition in full, and the trace of its evaluation on a proposal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from casekit import merged
from minipack import BASE, write_pack

from complychk.cli import main
from complychk.conditions.packs import available_packs, load_pack
from complychk.errors import ConfigError
from complychk.evaluate.checker import Checker
from complychk.evaluate.findings import Outcome
from complychk.proposal.loader import load_document
from complychk.review.explain import explain, render_text

AS_OF = dt.date(2019, 10, 1)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_pack(Path("."))


def proposal(root: Path, patch: dict[str, Any]) -> str:
    path = root / "proposal.yaml"
    path.write_text(yaml.safe_dump(merged(BASE, patch), sort_keys=False), encoding="utf-8")
    return str(path)


def test_a_condition_without_a_proposal_shows_text_citations_remedy_and_steps(root: Path) -> None:
    checker = Checker(pack_root=root)
    assert render_text(explain(checker, "T-RC-01")) == (
        "T-RC-01  Running costs cut by a fifth\n"
        "  pack mini 0.1, theme Core checks, severity must\n"
        "  defined at features/mini/core.feature:14\n"
        "  tags: @T-RC-01 @core @must\n"
        "\n"
        "Source: LTP\n"
        "  LTP: The NHS Long Term Plan, 7 January 2019\n"
        "Remedy: Plan at most 80%.\n"
        "Due: with the application (not shown: insufficient evidence)\n"
        "\n"
        "Steps:\n"
        "  Given the proposal is a CCG merger    (features/mini/core.feature:5)\n"
        "  Then the planned running costs must be at most 80% of the baseline running costs"
        "    (features/mini/core.feature:17)\n"
    )


def test_the_trace_shows_each_step_the_values_it_read_and_why(root: Path) -> None:
    path = proposal(root, {"finance": {"planned_running_costs_gbp": 9_000_000}})
    text = render_text(explain(Checker(pack_root=root), "t-rc-01", load_document(path), AS_OF))
    assert text.split("\n\n", 2)[2] == (
        "Trace on proposal.yaml (mini-case), as of 2019-10-01:\n"
        "  APPLIES        Given the proposal is a CCG merger\n"
        "                 step at features/mini/core.feature:5\n"
        '                 read kind = "ccg_merger" (proposal.yaml:3)\n'
        "  FAIL           Then the planned running costs must be at most 80% of the baseline "
        "running costs\n"
        "                 step at features/mini/core.feature:17\n"
        "                 read finance.planned_running_costs_gbp = 9000000 (proposal.yaml:31)\n"
        "                 read finance.baseline_running_costs_gbp = 10000000 (proposal.yaml:30)\n"
        "                 planned running costs are 90% of the baseline running costs; at most 80% "
        "of the baseline running costs required\n"
        "\n"
        "Outcome: FAIL (must): planned running costs are 90% of the baseline running costs; at most "
        "80% of the baseline running costs required\n"
    )


def test_the_trace_gives_the_same_verdict_as_check(root: Path) -> None:
    path = proposal(root, {"predecessors": [{"name": "NHS Swale CCG", "vote": {"votes_for": 1}}]})
    checker = Checker(pack_root=root)
    report = checker.check_file(path, AS_OF)
    for finding in report.findings:
        explained = explain(checker, finding.condition_id, load_document(path), AS_OF)
        assert explained.finding == finding


def test_a_given_that_does_not_hold_skips_the_checks(root: Path) -> None:
    path = proposal(root, {})
    explained = explain(Checker(pack_root=root), "T-PC-01", load_document(path), AS_OF)
    assert [(step.keyword, step.status) for step in explained.steps] == [
        ("Given", "applies"),
        ("Given", "does not apply"),
        ("Then", "skipped"),
    ]
    assert explained.steps[1].readings[0].value == "false"
    assert explained.finding is not None
    assert explained.finding.outcome is Outcome.NOT_APPLICABLE


def test_a_given_the_proposal_is_silent_on_cannot_tell(root: Path) -> None:
    path = proposal(root, {"governance": {"primary_care_commissioning_delegated": None}})
    explained = explain(Checker(pack_root=root), "T-PC-01", load_document(path), AS_OF)
    given = explained.steps[1]
    assert (given.status, given.readings[0].value) == ("cannot tell", "(not stated)")
    assert "insufficient" in given.why


def test_an_unknown_id_suggests_the_nearest(root: Path) -> None:
    with pytest.raises(ConfigError, match=r"no condition T-RC-1 in any pack; did you mean T-RC-01"):
        explain(Checker(pack_root=root), "T-RC-1")


def test_an_id_of_another_pack_says_which_pack_has_it(capsys: pytest.CaptureFixture[str]) -> None:
    sample = str(
        Path(__file__).resolve().parents[2] / "sample_proposals" / "kent-and-medway-2019-09.yaml"
    )
    assert main(["explain", "ICB-CN-01", sample, "--as-of", "2019-09-30"]) == 2
    assert capsys.readouterr().err == (
        "complychk: no condition ICB-CN-01 in pack ltp-2019; it is a condition of pack icb-2025, "
        "which checks proposals of kind icb_merger, icb_boundary_change, icb_cluster\n"
    )
    assert main(["explain", "GOV-CFO-01", "--pack", "icb-2025"]) == 2
    assert capsys.readouterr().err.endswith(
        "; it is a condition of pack ltp-2019, which checks proposals of kind ccg_merger\n"
    )


def test_the_command_line(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = proposal(root, {})
    assert main(["explain", "T-GO-01", path, "--pack-dir", ".", "--as-of", "2019-10-01"]) == 0
    out = capsys.readouterr().out
    assert "  PASS           Then the go-live date must fall on 1 April\n" in out
    assert out.endswith(
        "Outcome: PASS (must): go-live date is 2020-04-01 | submission date is "
        "2019-09-30; deadline 2019-09-30\n"
    )
    assert main(["explain", "NOPE-01", "--pack-dir", "."]) == 2
    assert "no condition NOPE-01" in capsys.readouterr().err


@pytest.mark.parametrize("pack", available_packs())
def test_every_shipped_condition_can_be_explained(pack: str) -> None:
    checker = Checker(pack_name=pack)
    for condition in load_pack(pack).conditions:
        text = render_text(explain(checker, condition.id))
        assert text.startswith(f"{condition.id}  {condition.title}\n")
        assert f"({condition.file}:" in text


def test_an_outline_step_points_at_its_examples_row() -> None:
    samples = Path(__file__).parents[2] / "sample_proposals"
    document = load_document(samples / "kent-and-medway-2020-04.yaml")
    explained = explain(Checker(), "POP-LTP-01", document, dt.date(2020, 4, 1))
    feature = Path(explained.condition.file).read_text(encoding="utf-8").splitlines()
    stroke = next(s for s in explained.steps if s.text.endswith('"stroke"'))
    assert stroke.status == "fail"
    assert feature[stroke.line - 1].strip().startswith("Then the Long Term Plan priorities")
    row = feature[stroke.example_row - 1].strip()
    assert [cell.strip() for cell in row.strip("|").split("|")] == ["stroke"]
    assert f"Examples row at line {stroke.example_row}" in render_text(explained)
