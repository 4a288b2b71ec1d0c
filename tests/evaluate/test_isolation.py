"""Ten thousand proposals through one long-lived checker, as a batch worker runs them.

Each outcome must be what a fresh run gives (no state leaks between durable-rules sessions), and
memory must stay flat (every session's state is deleted).
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Mapping
from typing import Any

from proposal_factory import ProposalFactory, document

from complychk.evaluate.checker import Checker
from complychk.evaluate.decide import check_proposal
from complychk.evaluate.engine import DurableEvaluator
from complychk.evaluate.findings import Outcome
from complychk.evaluate.plan import Evaluator, Plan, ReferenceEvaluator
from complychk.proposal.model import validate_proposal

AS_OF = dt.date(2020, 3, 31)
SEED = 6
COUNT = 10_000
FRESH = 200
GROWTH_LIMIT_MB = 4.0


class _CrossChecked:
    """The long-lived durable-rules evaluator, with the stateless reference run beside it."""

    name = "durable-rules"

    def __init__(self, plan: Plan) -> None:
        self.durable = DurableEvaluator(plan)
        self.reference = ReferenceEvaluator(plan)
        self.compared = 0
        self.disagreements: list[tuple[dict[str, Any], frozenset[str], frozenset[str]]] = []

    def violations(self, facts: Mapping[str, Any]) -> frozenset[str]:
        got = self.durable.violations(facts)
        expected = self.reference.violations(facts)
        self.compared += 1
        if got != expected and len(self.disagreements) < 5:
            self.disagreements.append((dict(facts), got, expected))
        return got


class _CrossChecker(Checker):
    def _evaluator(self, plan: Plan) -> Evaluator:
        return _CrossChecked(plan)


def _resident_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_ten_thousand_proposals_match_fresh_runs_with_flat_memory() -> None:
    factory = ProposalFactory()
    checker = _CrossChecker()
    fresh_numbers = set(random.Random(SEED).sample(range(COUNT), FRESH))
    long_lived: dict[int, int] = {}
    outcomes: set[Outcome] = set()
    resident: dict[int, float] = {}

    for number in range(COUNT):
        data = factory.nth(SEED, number)
        report = checker.check_document(document(data, f"p{number}.yaml"), AS_OF)
        outcomes.update(finding.outcome for finding in report.findings)
        if number in fresh_numbers:
            long_lived[number] = hash(report.findings)
        if number + 1 in (1_000, COUNT):
            resident[number + 1] = _resident_mb()

    evaluators = [evaluator for _, evaluator in checker._compiled.values()]
    assert all(isinstance(evaluator, _CrossChecked) for evaluator in evaluators)
    assert sum(evaluator.compared for evaluator in evaluators) == COUNT  # type: ignore[attr-defined]
    for evaluator in evaluators:
        assert evaluator.disagreements == []  # type: ignore[attr-defined]
    assert outcomes >= {Outcome.PASS, Outcome.FAIL, Outcome.NOT_APPLICABLE}

    for number in sorted(fresh_numbers):
        doc = document(factory.nth(SEED, number), f"p{number}.yaml")
        data = validate_proposal(doc).model_dump()
        plan, _ = checker.compiled(checker.pack_for_kind(data["kind"]))
        alone = check_proposal(plan, DurableEvaluator(plan), doc, data, AS_OF)
        assert hash(alone.findings) == long_lived[number], f"proposal {number} differs alone"

    growth = resident[COUNT] - resident[1_000]
    assert growth < GROWTH_LIMIT_MB, f"RSS grew {growth:.1f} MB from 1k to 10k proposals"
