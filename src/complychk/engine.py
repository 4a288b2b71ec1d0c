"""The durable-rules evaluator: the plan's atoms compiled to one ruleset, one session per proposal.

See durable-rules notes for why it is used this way: the ``durable.engine`` API directly (no
``durable.lang`` globals), a Host without its timer threads, rules that fire on *violations* so
a compliant proposal fires almost nothing, a discriminator on every rule, a sentinel rule so an
action always runs before the session's state is deleted, and deletion after every proposal.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Mapping
from typing import Any

from complychk.errors import ComplychkError
from complychk.plan import Plan

try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import durable.engine as _durable
except ImportError as error:  # pragma: no cover - depends on the interpreter
    _durable = None
    IMPORT_ERROR: str | None = str(error)
else:
    IMPORT_ERROR = None

MAX_KEYS_PER_FACT = 200
"""durable-rules fails beyond ~250 properties on one fact (error 302)."""

MAX_RULES_PER_FACT = 60
"""durable-rules fails (error 303, or heap corruption) when more than 64 rules fire on one fact,
so each fact carries only the keys of at most this many rules (the sentinel makes one more)."""

_NEGATE = {"<=": "$gt", "<": "$gte", ">=": "$lt", ">": "$lte", "==": "$neq", "!=": "$eq"}
_names = itertools.count()


def available() -> bool:
    return _durable is not None


class EngineError(ComplychkError):
    """The rules engine failed; never a user's mistake, so the message says so."""


def violation(op: str, key: str, operand: Any) -> dict[str, Any]:
    """The durable-rules expression that holds when ``fact[key] op operand`` does not."""
    if op in _NEGATE:
        return {_NEGATE[op]: {key: operand}}
    if op == "in":
        return {"$and": [{"$neq": {key: choice}} for choice in operand]}
    if op == "not in":
        return {"$or": [{"$eq": {key: choice}} for choice in operand]}
    if op == "between":
        low, high = operand
        return {"$or": [{"$lt": {key: low}}, {"$gt": {key: high}}]}
    raise ValueError(f"no engine form for comparison {op!r}")


class DurableEvaluator:
    """Evaluates facts with durable-rules; create once per plan, reuse for many proposals."""

    name = "durable-rules"

    def __init__(self, plan: Plan) -> None:
        if _durable is None:
            raise EngineError(f"durable-rules cannot be imported here ({IMPORT_ERROR})")
        self._ruleset = f"complychk_{plan.pack.name.replace('-', '_')}_{next(_names)}"
        self._chunk_of = _chunks(plan)
        self._fired: list[str] = []
        self._sessions = itertools.count()
        rules: dict[str, Any] = {}
        chunks = sorted(set(self._chunk_of.values())) or [0]
        for chunk in chunks:
            rules[f"sentinel/{chunk}"] = {"all": [{"m": {"t": f"c{chunk}"}}], "run": self._sentinel}
        for ref in plan.atoms:
            chunk = self._chunk_of[ref.key]
            condition = {
                "$and": [{"t": f"c{chunk}"}, violation(ref.atom.op, ref.key, ref.atom.operand)]
            }
            rules[ref.rule_id] = {"all": [{"m": condition}], "run": self._recorder(ref.rule_id)}
        self._chunks = chunks
        self._host = _QuietHost()
        try:
            self._host.set_rulesets({self._ruleset: rules})
        except Exception as error:  # the C core reports bare codes
            raise EngineError(
                f"durable-rules rejected the compiled pack {plan.pack.name}: {error}"
            ) from error

    def _recorder(self, rule_id: str) -> Any:
        def record(_context: Any) -> None:
            self._fired.append(rule_id)

        return record

    @staticmethod
    def _sentinel(_context: Any) -> None:
        """Always fires, so every session ran an action before its state is deleted."""

    def violations(self, facts: Mapping[str, Any]) -> frozenset[str]:
        sid = str(next(self._sessions))
        self._fired = []
        split: dict[int, dict[str, Any]] = {
            chunk: {"sid": sid, "t": f"c{chunk}"} for chunk in self._chunks
        }
        for key, value in facts.items():
            split[self._chunk_of[key]][key] = value
        try:
            for fact in split.values():
                self._host.assert_fact(self._ruleset, fact)
            state = self._host.get_state(self._ruleset, sid)
            if state and "exception" in state:
                raise EngineError(
                    f"a rule action failed inside durable-rules: {state['exception']}"
                )
        finally:
            self._host.delete_state(self._ruleset, sid)
        return frozenset(self._fired)

    def close(self) -> None:
        """Rulesets cannot be unregistered (durable-rules #262); dropping the host frees them."""
        self._host = None  # type: ignore[assignment]


def _chunks(plan: Plan) -> dict[str, int]:
    """Assign each fact key to a fact so no fact can fire more rules than durable-rules allows."""
    rules_per_key: dict[str, int] = {}
    for ref in plan.atoms:
        rules_per_key[ref.key] = rules_per_key.get(ref.key, 0) + 1
    chunk_of: dict[str, int] = {}
    chunk, keys, rules = 0, 0, 0
    for key in sorted(rules_per_key, key=lambda name: int(name[1:])):
        if keys + 1 > MAX_KEYS_PER_FACT or rules + rules_per_key[key] > MAX_RULES_PER_FACT:
            chunk, keys, rules = chunk + 1, 0, 0
        chunk_of[key] = chunk
        keys += 1
        rules += rules_per_key[key]
    return chunk_of


if _durable is not None:

    class _QuietHost(_durable.Host):  # type: ignore[misc]
        """A Host without the background timer threads that race with synchronous calls."""

        def _run(self) -> None:
            return None

else:  # pragma: no cover
    _QuietHost = None  # type: ignore[assignment,misc]
