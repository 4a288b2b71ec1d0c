"""The durable-rules evaluator: same decisions as the reference, sessions cleaned up, big packs."""

from __future__ import annotations

import dataclasses
import os
import random
import sys
import threading
from dataclasses import dataclass

import pytest
from minipack import write_pack

from complychk.conditions.checks import Atom, satisfies
from complychk.conditions.packs import load_pack
from complychk.evaluate import engine
from complychk.evaluate.plan import Plan, ReferenceEvaluator, build_plan

pytestmark = pytest.mark.skipif(not engine.available(), reason="durable-rules needs Python < 3.13")

OPERANDS = {
    "<=": 5,
    "<": 5,
    ">=": 5,
    ">": 5,
    "==": 5,
    "!=": 5,
    "in": ("carried", "passed"),
    "not in": ("carried",),
    "between": (2, 8),
}


@dataclass(frozen=True)
class OneAtom:
    """A check with one comparison and nothing to measure: evaluators read only its atoms."""

    atom: Atom
    text: str = "a synthetic check"
    line: int = 1

    @property
    def atoms(self) -> tuple[Atom, ...]:
        return (self.atom,)

    def requirement(self) -> str:
        return self.text


def synthetic_plan(plan: Plan, count: int) -> Plan:
    """A plan of one condition with ``count`` checks cycling through every comparison."""
    ops = list(OPERANDS)
    checks = tuple(
        OneAtom(Atom(ops[index % len(ops)], OPERANDS[ops[index % len(ops)]]))
        for index in range(count)
    )
    condition = dataclasses.replace(plan.pack.conditions[0], id="C", checks=checks)  # type: ignore[arg-type]
    return build_plan(dataclasses.replace(plan.pack, conditions=(condition,)))


@pytest.fixture(scope="module")
def mini_plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    root = write_pack(tmp_path_factory.mktemp("pack"))
    return build_plan(load_pack("mini", root=root))


def random_facts(plan: Plan, rng: random.Random) -> dict[str, object]:
    facts: dict[str, object] = {}
    for ref in plan.comparisons():
        if rng.random() < 0.1:
            continue
        if ref.atom.op in ("in", "not in"):
            facts[ref.key] = rng.choice(["carried", "passed", "not_quorate"])
        else:
            facts[ref.key] = rng.choice([0, 2, 4.5, 5, 5.0, 6, 8, 9, -1])
    return facts


def test_every_comparison_agrees_with_the_reference_over_chunked_facts(mini_plan: Plan) -> None:
    plan = synthetic_plan(mini_plan, 450)  # more keys than one durable-rules fact may hold
    durable = engine.DurableEvaluator(plan)
    reference = ReferenceEvaluator(plan)
    rng = random.Random(7)
    for _ in range(200):
        facts = random_facts(plan, rng)
        expected = {
            ref.rule_id
            for ref in plan.comparisons()
            if ref.key in facts and not satisfies(ref.atom.op, facts[ref.key], ref.atom.operand)
        }
        assert durable.violations(facts) == reference.violations(facts) == expected


def _resident_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_thousands_of_proposals_in_turn_are_each_decided_afresh(mini_plan: Plan) -> None:
    plan = synthetic_plan(mini_plan, 450)
    durable, reference = engine.DurableEvaluator(plan), ReferenceEvaluator(plan)
    rng = random.Random(3)
    proposals = [random_facts(plan, rng) for _ in range(20)] + [{}]
    for facts in proposals * 3:  # warm up, and every proposal checked again after others
        assert durable.violations(facts) == reference.violations(facts)
    before = _resident_mb()
    for number in range(2000):  # more than durable-rules' 1,024 live sessions
        facts = proposals[number % len(proposals)]
        assert durable.violations(facts) == reference.violations(facts)
    # A proposal's facts are retracted once it is decided; kept, these would take ~150 MB.
    assert _resident_mb() - before < 20


def test_a_failure_midway_leaves_nothing_behind_for_the_next_proposal(
    mini_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = synthetic_plan(mini_plan, 450)
    durable, reference = engine.DurableEvaluator(plan), ReferenceEvaluator(plan)
    rng = random.Random(5)
    violating = random_facts(plan, rng)
    real_complete = engine._core.complete_and_start_action

    def fail(handle: object, state: int) -> object:
        raise RuntimeError("error code: 202")

    for _ in range(1100):  # each failure ends its session; > 1,024 sessions must not pile up
        monkeypatch.setattr(engine._core, "complete_and_start_action", fail)
        with pytest.raises(engine.EngineError, match="durable-rules failed"):
            durable.violations(violating)
        monkeypatch.setattr(engine._core, "complete_and_start_action", real_complete)
        assert durable.violations({}) == frozenset()  # no rule left queued by the failed one
    assert durable.violations(violating) == reference.violations(violating)


def test_proposals_checked_from_several_threads_keep_their_own_results(mini_plan: Plan) -> None:
    plan = synthetic_plan(mini_plan, 450)
    durable, reference = engine.DurableEvaluator(plan), ReferenceEvaluator(plan)
    rng = random.Random(9)
    proposals = [random_facts(plan, rng) for _ in range(8)]
    expected = [reference.violations(facts) for facts in proposals]
    wrong: list[int] = []

    def work(index: int) -> None:
        for _ in range(150):
            if durable.violations(proposals[index]) != expected[index]:
                wrong.append(index)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        threads = [threading.Thread(target=work, args=(index,)) for index in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert wrong == []


def test_empty_facts_fire_nothing_and_do_not_crash(mini_plan: Plan) -> None:
    assert engine.DurableEvaluator(mini_plan).violations({}) == frozenset()


def test_violation_expressions() -> None:
    assert engine.violation("<=", "k1", 80) == {"$gt": {"k1": 80}}
    assert engine.violation("in", "k2", ("a", "b")) == {
        "$and": [{"$neq": {"k2": "a"}}, {"$neq": {"k2": "b"}}]
    }
    assert engine.violation("between", "k3", (1, 2)) == {
        "$or": [{"$lt": {"k3": 1}}, {"$gt": {"k3": 2}}]
    }
    with pytest.raises(ValueError, match="no engine form"):
        engine.violation("~", "k", 1)


def test_two_evaluators_of_one_pack_keep_separate_rulesets(mini_plan: Plan) -> None:
    first, second = engine.DurableEvaluator(mini_plan), engine.DurableEvaluator(mini_plan)
    date_key = mini_plan.keys["T-AO-01"][0]
    late = {date_key: 30}  # start date 30 days after go-live
    assert first.violations(late) == second.violations(late) == {f"{date_key}/0"}
    assert first.violations({date_key: -1}) == frozenset()


def test_a_proposal_failing_every_check_at_once_is_evaluated(mini_plan: Plan) -> None:
    plan = synthetic_plan(mini_plan, 300)  # durable-rules alone breaks past 64 firings per fact
    facts = {
        ref.key: (
            -(10**6)
            if ref.atom.op in (">=", ">", "between")
            else "nothing"
            if ref.atom.op == "in"
            else "carried"
            if ref.atom.op == "not in"
            else 5
            if ref.atom.op == "!="
            else 10**6
        )
        for ref in plan.comparisons()
    }
    expected = ReferenceEvaluator(plan).violations(facts)
    assert len(expected) == 300
    assert engine.DurableEvaluator(plan).violations(facts) == expected


def test_a_fact_the_engine_takes_for_a_repeat_is_asserted_again_in_a_new_session(
    mini_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    evaluator = engine.DurableEvaluator(mini_plan)
    date_key = mini_plan.keys["T-AO-01"][0]
    real_assert = engine._core.assert_fact
    calls: list[str] = []

    def collide_once(handle: object, fact: str) -> tuple[int, int]:
        calls.append(fact)
        if len(calls) == 1:
            return 2, 0  # what durable-rules says on a hash collision (#376)
        return real_assert(handle, fact)  # type: ignore[no-any-return]

    monkeypatch.setattr(engine._core, "assert_fact", collide_once)
    assert evaluator.violations({date_key: 30}) == {f"{date_key}/0"}
    assert '"sid": "0"' in calls[0] and '"sid": "1"' in calls[-1]


def test_an_engine_failure_is_an_engine_error_not_a_traceback(mini_plan: Plan) -> None:
    evaluator = engine.DurableEvaluator(mini_plan)
    evaluator.close()
    with pytest.raises(engine.EngineError, match="durable-rules failed"):
        evaluator.violations({mini_plan.keys["T-AO-01"][0]: 30})


def test_evaluators_can_be_closed_and_replaced_many_times(mini_plan: Plan) -> None:
    date_key = mini_plan.keys["T-AO-01"][0]
    for _ in range(300):
        evaluator = engine.DurableEvaluator(mini_plan)
        assert evaluator.violations({date_key: 30}) == {f"{date_key}/0"}
        evaluator.close()
