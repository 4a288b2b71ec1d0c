"""Batch checking: worker processes give the same report, in input order, one bad file at a time."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
from pathlib import Path

import pytest
import yaml
from casekit import merged
from minipack import BASE, FEATURE, write_pack

from complychk.api import Checker, run_check
from complychk.conditions.packs import PackError
from complychk.evaluate.batch import PARALLEL_FROM, WorkerError, check_paths, default_jobs
from complychk.evaluate.findings import InputProblem, Outcome, ProposalReport

AS_OF = dt.date(2019, 9, 30)


@pytest.fixture
def pack_root(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack")


def _variants(folder: Path, count: int, seed: int = 3) -> list[str]:
    """``count`` proposals that differ in the numbers and dates the mini pack checks."""
    folder.mkdir(exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        data = merged(
            BASE,
            {
                "id": f"case-{number}",
                "go_live": rng.choice(["2020-04-01", "2020-05-01", "2021-04-01"]),
                "finance": {"planned_running_costs_gbp": rng.randrange(6_000_000, 11_000_000)},
                "governance": {
                    "accountable_officer": {"start_date": rng.choice(["2020-03-01", "2020-06-01"])}
                },
            },
        )
        path = folder / f"case-{number:03d}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        paths.append(str(path))
    return paths


def _broken(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_workers_give_the_same_report_as_one_process(tmp_path: Path, pack_root: Path) -> None:
    paths = _variants(tmp_path / "in", 45)
    paths.insert(7, _broken(tmp_path / "in", "broken.yaml", "kind: [unclosed\n"))
    paths.insert(30, str(tmp_path / "in" / "missing.yaml"))
    alone = run_check(paths, Checker("mini", pack_root=pack_root), AS_OF, jobs=1)
    workers = run_check(paths, Checker("mini", pack_root=pack_root), AS_OF, jobs=2)
    assert workers == alone
    assert len(alone.proposals) == 45
    assert [problem.file for problem in alone.problems] == [paths[7], paths[30]]
    assert {finding.outcome for p in alone.proposals for finding in p.findings} >= {
        Outcome.PASS,
        Outcome.FAIL,
    }


def test_results_follow_the_order_the_paths_were_given(tmp_path: Path, pack_root: Path) -> None:
    paths = _variants(tmp_path / "in", 40)
    random.Random(5).shuffle(paths)
    report = run_check(paths, Checker("mini", pack_root=pack_root), AS_OF, jobs=2)
    assert [proposal.file for proposal in report.proposals] == paths


def test_one_bad_proposal_is_reported_and_the_rest_still_checked(
    tmp_path: Path, pack_root: Path
) -> None:
    paths = _variants(tmp_path / "in", 30)
    bad = _broken(tmp_path / "in", "tabs.yaml", "id: x\n\tkind: ccg_merger\n")
    report = run_check([*paths, bad], Checker("mini", pack_root=pack_root), AS_OF, jobs=2)
    assert len(report.proposals) == 30
    (problem,) = report.problems
    assert problem.message.startswith(f"{bad}:2:1: ")
    assert report.exit_code == 2


def test_the_exit_status_reflects_every_proposal(tmp_path: Path, pack_root: Path) -> None:
    clean = merged(BASE, {"id": "clean"})
    failing = merged(BASE, {"id": "failing", "finance": {"planned_running_costs_gbp": 9_500_000}})
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for number in range(25):
        path = folder / f"p{number:02d}.yaml"
        path.write_text(yaml.safe_dump(failing if number == 17 else clean), encoding="utf-8")
        paths.append(str(path))
    checker = Checker("mini", pack_root=pack_root)
    assert run_check(paths, checker, AS_OF, jobs=2).exit_code == 1
    assert run_check(paths[:17], checker, AS_OF, jobs=2).exit_code == 0


def test_outcomes_only_keeps_every_outcome_and_drops_the_detail(
    tmp_path: Path, pack_root: Path
) -> None:
    paths = _variants(tmp_path / "in", 24)
    checker = Checker("mini", pack_root=pack_root)
    full = run_check(paths, checker, AS_OF, jobs=2)
    slim = run_check(paths, checker, AS_OF, jobs=2, detail=False)

    def table(report: object) -> list[list[tuple[str, str, str]]]:
        assert isinstance(report, type(full))
        return [
            [(f.condition_id, f.severity.value, f.outcome.value) for f in p.findings]
            for p in report.proposals
        ]

    assert table(slim) == table(full)
    assert slim.exit_code == full.exit_code
    assert all(f.message == "" and f.evidence == () for p in slim.proposals for f in p.findings)


def test_a_broken_pack_stops_the_batch_with_its_location(tmp_path: Path) -> None:
    broken = FEATURE.replace("Then the reinvestment plan must be stated", "Then it must be nice")
    root = write_pack(tmp_path / "pack", features={"core.feature": broken})
    paths = _variants(tmp_path / "in", 30)
    with pytest.raises(PackError) as raised:
        run_check(paths, Checker("mini", pack_root=root), AS_OF, jobs=2)
    assert raised.value.file.endswith("core.feature")
    assert raised.value.line > 1


def test_progress_counts_up_to_the_total(tmp_path: Path, pack_root: Path) -> None:
    paths = _variants(tmp_path / "in", 30)
    seen: list[tuple[int, int]] = []
    run_check(
        paths,
        Checker("mini", pack_root=pack_root),
        AS_OF,
        jobs=2,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[-1] == (30, 30)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


@dataclasses.dataclass
class _DyingChecker(Checker):
    """Kills its worker process on one path, as the out-of-memory killer would."""

    fatal: str = ""

    def check_file(
        self, path: str | Path, as_of: dt.date, *, detail: bool = True
    ) -> ProposalReport:
        if str(path) == self.fatal:
            os._exit(9)
        return super().check_file(path, as_of, detail=detail)


def test_a_worker_that_dies_ends_the_run_with_one_clear_error(
    tmp_path: Path, pack_root: Path
) -> None:
    paths = _variants(tmp_path / "in", 30)
    checker = _DyingChecker("mini", pack_root=pack_root, fatal=paths[12])
    with pytest.raises(WorkerError, match="worker process stopped unexpectedly"):
        list(check_paths(paths, checker, AS_OF, jobs=2))


def test_small_batches_stay_in_process_and_large_ones_use_up_to_four_workers() -> None:
    assert default_jobs(1) == 1
    assert default_jobs(PARALLEL_FROM - 1) == 1
    assert default_jobs(10_000) == max(1, min(os.cpu_count() or 1, 4))


def test_an_empty_batch_gives_an_empty_report(pack_root: Path) -> None:
    report = run_check([], Checker("mini", pack_root=pack_root), AS_OF)
    assert (report.proposals, report.problems, report.exit_code) == ((), (), 0)


def test_problems_carry_the_file_and_the_one_line_message(tmp_path: Path, pack_root: Path) -> None:
    missing = str(tmp_path / "nope.yaml")
    (result,) = check_paths([missing], Checker("mini", pack_root=pack_root), AS_OF)
    assert result == InputProblem(missing, f"{missing}:1:1: no such file (check the path)")


@pytest.mark.parametrize(
    "sample", sorted((Path(__file__).parents[2] / "sample_proposals").glob("*.yaml")), ids=str
)
def test_outcomes_only_reports_give_every_sample_the_same_outcomes(sample: Path) -> None:
    checker = Checker()
    full = checker.check_file(sample, dt.date(2020, 4, 1))
    slim = checker.check_file(sample, dt.date(2020, 4, 1), detail=False)
    assert [(f.condition_id, f.severity, f.outcome) for f in slim.findings] == [
        (f.condition_id, f.severity, f.outcome) for f in full.findings
    ]
    assert all(f.message == "" and f.evidence == () for f in slim.findings)
    assert any(f.message for f in full.findings)
