"""The durable-rules evaluator: one ruleset for the plan, one session emptied after each proposal.

The ruleset is driven through durable-rules' C core (``durable_rules_engine``), the layer under
``durable.engine.Host``. The Host runs a Python action per fired rule: it copies the session state,
encodes it to JSON, decodes it again and re-asserts it, about two thirds of the engine's time
here. complychk's rules have no actions to run; all it needs is which rules fired. So each fired
rule is read off the engine's queue by name and completed, and nothing runs in between: no Python
action can fail inside the engine, and no exception can be swallowed there.

The traps the engine's C core sets (see docs/architecture.md) shape the rest: rules fire on
*violations*, so a compliant proposal fires almost nothing; every rule is scoped by a
discriminator field; a sentinel rule per fact fires for every proposal, so each session has run
an action before its state is deleted; no fact can fire more than 60 rules.

Proposals are decided one after another in one session: each fact carries an id of its own, and
the proposal's facts are retracted as soon as its fired rules are read, so the session holds only
its own state fact between proposals. A new session per proposal cost durable-rules zeroing
about 8 KB of state for every rule, some 100 µs per proposal for ltp-2019's 116 rules, thirty times
the 3 µs retracting a proposal's facts takes. Should anything fail midway, that session is deleted
and the next proposal starts a new one. A lock keeps proposals checked from several threads out
of each other's session.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Mapping
from typing import Any

from complychk.errors import ComplychkError
from complychk.evaluate.plan import Plan

try:
    import durable_rules_engine as _core
except ImportError as error:  # pragma: no cover - depends on the interpreter
    _core = None
    IMPORT_ERROR: str | None = str(error)
else:
    IMPORT_ERROR = None

MAX_KEYS_PER_FACT = 200
"""durable-rules fails beyond ~250 properties on one fact (error 302)."""

MAX_RULES_PER_FACT = 60
"""durable-rules fails (error 303, or heap corruption) when more than 64 rules fire on one fact,
so each fact carries only the keys of at most this many rules (the sentinel makes one more)."""

_NOT_HANDLED, _OBSERVED, _QUEUED = 1, 2, 3
"""``assert_fact``'s statuses other than 0 (taken). ``_OBSERVED`` is a fact it takes for one already
seen: a hash collision can cause it (durable-rules #376); the proposal is then asserted again under
a new session id.
"""

_NEGATE = {"<=": "$gt", "<": "$gte", ">=": "$lt", ">": "$lte", "==": "$neq", "!=": "$eq"}
_names = itertools.count()


def available() -> bool:
    return _core is not None


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
        if _core is None:
            raise EngineError(f"durable-rules cannot be imported here ({IMPORT_ERROR})")
        self._chunk_of = _chunks(plan)
        self._chunks = sorted(set(self._chunk_of.values())) or [0]
        self._sessions = itertools.count()
        self._sid = str(next(self._sessions))
        self._ran = False
        self._asserted = itertools.count()
        self._lock = threading.Lock()
        # Rules are named r0, r1, ... so a fired rule's name can be read off the front of the
        # engine's message without decoding the whole fact that comes with it.
        self._rule_of: dict[str, str | None] = {}
        rules: dict[str, Any] = {}
        for chunk in self._chunks:
            rules[self._name(None)] = {"all": [{"m": {"t": f"c{chunk}"}}]}
        for rule_id, key, atom in plan.comparisons():
            test = violation(atom.op, key, atom.operand)
            condition = {"$and": [{"t": f"c{self._chunk_of[key]}"}, test]}
            rules[self._name(rule_id)] = {"all": [{"m": condition}]}
        ruleset = f"complychk_{plan.pack.name.replace('-', '_')}_{next(_names)}"
        try:
            self._handle: Any = _core.create_ruleset(ruleset, json.dumps(rules))
        except Exception as error:  # the C core reports bare codes
            raise EngineError(
                f"durable-rules rejected the compiled pack {plan.pack.name}: {error}"
            ) from error

    def _name(self, rule_id: str | None) -> str:
        """A new engine rule name for an atom's rule id (None: a sentinel)."""
        name = f"r{len(self._rule_of)}"
        self._rule_of[name] = rule_id
        return name

    def violations(self, facts: Mapping[str, Any]) -> frozenset[str]:
        with self._lock:
            for _attempt in range(3):
                fired = self._evaluate(facts)
                if fired is not None:
                    return fired
        raise EngineError("durable-rules took three sessions in a row for repeats of old ones")

    def _evaluate(self, facts: Mapping[str, Any]) -> frozenset[str] | None:
        """The rules the facts fire, or None if the engine took a fact for a repeat.

        The facts are asserted in the current session and retracted once read, leaving the
        session as it was found; on any failure the session is dropped instead.
        """
        sid, number = self._sid, next(self._asserted)
        split: dict[int, dict[str, Any]] = {
            chunk: {"sid": sid, "id": f"{number}.{chunk}", "t": f"c{chunk}"}
            for chunk in self._chunks
        }
        for key, value in facts.items():
            split[self._chunk_of[key]][key] = value
        fired: set[str] = set()
        asserted: list[str] = []
        clean = False
        try:
            for fact in split.values():
                status, state = _core.assert_fact(self._handle, json.dumps(fact))
                if status == _OBSERVED:
                    return None
                asserted.append(fact["id"])
                if status == _NOT_HANDLED:  # the sentinel matches every fact, so never
                    raise EngineError("durable-rules matched no rule, not even the sentinel")
                if status == _QUEUED:  # as durable.engine reads it
                    state = 0
                started = _core.start_action_for_state(self._handle, state)
                self._ran = self._ran or bool(started)
                message = started[1] if started else None
                while message:
                    rule_id = self._rule_of[message[2 : message.index('"', 2)]]
                    if rule_id is not None:
                        fired.add(rule_id)
                    message = _core.complete_and_start_action(self._handle, state)
            for fact_id in asserted:
                _core.retract_fact(self._handle, f'{{"sid": "{sid}", "id": "{fact_id}"}}')
            clean = True
        except EngineError:
            raise
        except Exception as error:  # the C core reports bare codes
            raise EngineError(f"durable-rules failed evaluating a proposal: {error}") from error
        finally:
            if not clean:
                self._new_session()
        return frozenset(fired)

    def _new_session(self) -> None:
        """Delete the current session (if any action ran in it) and start using a new one."""
        if self._ran and self._handle is not None:
            # deleting a session in which no action ran corrupts the heap (trap 1)
            _core.delete_state(self._handle, self._sid)
        self._sid = str(next(self._sessions))
        self._ran = False

    def close(self) -> None:
        """Free the ruleset in the C core; the evaluator cannot be used afterwards."""
        if self._handle is not None:
            self._new_session()
            _core.delete_ruleset(self._handle)
            self._handle = None


def _chunks(plan: Plan) -> dict[str, int]:
    """Assign each fact key to a fact so no fact can fire more rules than durable-rules allows."""
    rules_per_key: dict[str, int] = {}
    for comparison in plan.comparisons():
        rules_per_key[comparison.key] = rules_per_key.get(comparison.key, 0) + 1
    chunk_of: dict[str, int] = {}
    chunk, keys, rules = 0, 0, 0
    for key in sorted(rules_per_key, key=lambda name: int(name[1:])):
        if keys + 1 > MAX_KEYS_PER_FACT or rules + rules_per_key[key] > MAX_RULES_PER_FACT:
            chunk, keys, rules = chunk + 1, 0, 0
        chunk_of[key] = chunk
        keys += 1
        rules += rules_per_key[key]
    return chunk_of
