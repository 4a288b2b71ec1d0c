"""Turns an evaluator's decisions into findings: the outcome, message and evidence per condition."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from operator import attrgetter
from typing import Any, Final, NamedTuple

from complychk.conditions.checks import UNSAID, UNSTATED, Measure
from complychk.conditions.condition import Condition, Severity
from complychk.conditions.glossary import iso_date
from complychk.conditions.glossary_kinds import FieldPath
from complychk.evaluate.findings import Evidence, Finding, Outcome, ProposalReport
from complychk.evaluate.plan import Evaluator, Plan, Readings, measure
from complychk.proposal.document import LoadedDocument

_RANK: Final = {"fail": 5, "overdue": 5, "warn": 4, "missing": 3, "pending": 2, "pass": 1}
"""Which check decides a condition: a stated value that breaks the requirement or a fact not
shown by a deadline that has passed, over a warning, over a fact not shown when due with the
application, over one not due yet, over a pass. docs/outcomes.md is this rule in words."""
_OUTCOME: Final = {
    "fail": Outcome.FAIL,
    "overdue": Outcome.FAIL,
    "warn": Outcome.FAIL,
    "missing": Outcome.INSUFFICIENT_EVIDENCE,
    "pending": Outcome.PENDING,
    "pass": Outcome.PASS,
}


class CheckResult(NamedTuple):
    """One check's verdict on one proposal, before the condition's verdict is formed."""

    status: str
    reading: Measure
    requirement: str
    text: str
    line: int


def check_proposal(
    plan: Plan,
    evaluator: Evaluator,
    document: LoadedDocument,
    data: Mapping[str, Any],
    as_of: dt.date,
    *,
    detail: bool = True,
) -> ProposalReport:
    """Evaluate every condition of the plan's pack against one validated proposal.

    Without ``detail`` each finding has its outcome and severity but no message or evidence.
    """
    readings = measure(plan, data, as_of)
    return ProposalReport(
        file=document.path,
        proposal_id=str(data.get("id", "")),
        title=str(data.get("title", "")),
        kind=str(data.get("kind", "")),
        pack=plan.pack.name,
        findings=decide(plan, evaluator, readings, document, as_of, detail=detail),
    )


def decide(
    plan: Plan,
    evaluator: Evaluator,
    readings: Readings,
    document: LoadedDocument,
    as_of: dt.date,
    *,
    detail: bool = True,
) -> tuple[Finding, ...]:
    """Every condition's finding from what was measured: the evaluator decides the atoms, and
    the one outcome rule (docs/outcomes.md) turns each check's status into the verdict."""
    known: dict[FieldPath, Evidence] | None = {} if detail else None
    violated = evaluator.violations(readings.facts)
    return tuple(
        _finding(plan, condition, readings, violated, document, as_of, known)
        for condition in plan.conditions
    )


def check_results(
    plan: Plan,
    condition: Condition,
    readings: Readings,
    violated: frozenset[str],
    as_of: dt.date,
) -> list[CheckResult]:
    """Each check's status (see :func:`_status`) with its reading and what it requires."""
    results = []
    for key, check in zip(plan.keys[condition.id], condition.checks, strict=True):
        reading = readings.measures[key]
        status = _status(plan.rules[key], reading, violated, as_of)
        results.append(CheckResult(status, reading, plan.requirements[key], check.text, check.line))
    return results


def _status(
    rules: tuple[tuple[str, str], ...], reading: Measure, violated: frozenset[str], as_of: dt.date
) -> str:
    """One check's status: pass, fail, warn (warning band), missing, pending or overdue.

    The one rule for a fact the proposal does not show (docs/outcomes.md): due with the
    application, it is missing (insufficient evidence); due by a later deadline, it is pending
    before that date and overdue (a failure) from that date on: what is due by go-live must be
    shown on go-live day.
    """
    if reading.value is None:
        if reading.due is None:
            return "missing"
        return "pending" if as_of < reading.due else "overdue"
    status = "pass"
    for rule_id, effect in rules:
        if rule_id in violated:
            if effect == "fail":
                return "fail"
            status = "warn"
    return status


def _finding(
    plan: Plan,
    condition: Condition,
    readings: Readings,
    violated: frozenset[str],
    document: LoadedDocument,
    as_of: dt.date,
    known: dict[FieldPath, Evidence] | None,
) -> Finding:
    applies, why_not = readings.applies[condition.id]
    worst = ""
    evidence: tuple[Evidence, ...] = ()
    if applies is False:
        outcome, message = Outcome.NOT_APPLICABLE, why_not
    elif applies is None:
        outcome, message = Outcome.INSUFFICIENT_EVIDENCE, why_not
    elif known is None:  # the outcome alone: no need to gather each check's reading
        measures = readings.measures
        worst = _worst(
            [
                _status(plan.rules[key], measures[key], violated, as_of)
                for key in plan.keys[condition.id]
            ]
        )
        outcome, message = _OUTCOME[worst], ""
    else:
        results = check_results(plan, condition, readings, violated, as_of)
        worst = _worst([result.status for result in results])
        rank = _RANK[worst]
        chosen = [result for result in results if _RANK[result.status] == rank]
        outcome, message = _verdict(worst, chosen, as_of)
        evidence = _evidence(document, chosen, known)
    severity = condition.severity
    if worst == "warn" and severity is Severity.MUST:  # a warning is at most a should
        severity = Severity.SHOULD
    if known is None:
        # Without detail, one finding object serves every proposal with this outcome.
        key = (condition.id, severity, outcome)
        shared: Finding | None = plan.outcome_only.get(key)
        if shared is None:
            shared = plan.outcome_only[key] = _make(condition, severity, outcome, "", ())
        return shared
    return _make(condition, severity, outcome, message, evidence)


def _worst(statuses: list[str]) -> str:
    """The status that decides the condition: a failure over a warning over missing evidence
    over pending over a pass."""
    return max(statuses, key=_RANK.__getitem__, default="pass")


def _make(
    condition: Condition,
    severity: Severity,
    outcome: Outcome,
    message: str,
    evidence: tuple[Evidence, ...],
) -> Finding:
    fields = (  # in the order of Finding's fields
        condition.id,
        condition.title,
        condition.theme,
        severity,
        outcome,
        message,
        evidence,
        condition.source,
        condition.remedy,
        condition.citations,
        condition.file,
        condition.line,
        condition.tags,
        None,  # waiver
    )
    return Finding(*fields)


def _verdict(worst: str, chosen: list[CheckResult], as_of: dt.date) -> tuple[Outcome, str]:
    if worst in ("fail", "overdue"):
        broken = [result for result in chosen if result.status == "fail"]
        overdue = [result for result in chosen if result.status == "overdue"]
        parts = [_said(broken, with_requirements=True)] if broken else []
        parts.extend(_overdue(overdue, as_of))
        return Outcome.FAIL, " | ".join(parts)
    if worst == "warn":
        return Outcome.FAIL, "warning: " + _said(chosen, with_requirements=True)
    if worst == "missing":
        return Outcome.INSUFFICIENT_EVIDENCE, _said(chosen)
    if worst == "pending":
        due, name = min(
            (result.reading.due, result.reading.due_name)
            for result in chosen
            if result.reading.due is not None
        )
        return Outcome.PENDING, (
            f"not due yet: {_said(chosen)}; due by {_named_date(due, name)}, after the "
            f"assessment date {iso_date(as_of)}"
        )
    return Outcome.PASS, _said(chosen)


def _overdue(results: list[CheckResult], as_of: dt.date) -> list[str]:
    """ "the proposal does not state the accountable officer: not shown by 2020-04-01, the
    go-live date; assessed 2020-04-02", one part per deadline."""
    by_deadline: dict[tuple[dt.date, str], list[CheckResult]] = {}
    for result in results:
        assert result.reading.due is not None  # overdue means a deadline that has passed
        by_deadline.setdefault((result.reading.due, result.reading.due_name), []).append(result)
    return [
        f"{_said(group)}: not shown by {_named_date(due, name)}; assessed {iso_date(as_of)}"
        for (due, name), group in sorted(by_deadline.items())
    ]


def _named_date(due: dt.date, name: str) -> str:
    """ "2020-04-01, the go-live date"; the date alone when that is its only name."""
    written = iso_date(due)
    return f"{written}, {name}" if name and name != written else written


def with_requirement(shown: str, requirement: str) -> str:
    """A failing check's reading and what it needed ("...; at most 80% required")."""
    return f"{shown}; {requirement}" if requirement else shown


def _said(chosen: list[CheckResult], *, with_requirements: bool = False) -> str:
    """The checks' readings, each said once (two checks can read the same missing field).

    Checks on every item of a list that need the same thing are said together, and items that
    several of them read alike are named once: "the proposal does not state votes for or votes
    against (NHS Ashford CCG; NHS Swale CCG); for every predecessor CCG: it must be stated",
    not the list of items once per check.
    """
    plain: dict[str, list[str] | None] = {}
    by_need: dict[str, dict[tuple[str, ...], list[str]]] = {}
    order: list[tuple[bool, str]] = []
    for result in chosen:
        need = result.requirement if with_requirements else ""
        if not result.reading.items:
            listing = result.reading.listing
            if listing is not None and not need:  # e.g. one list missing several items: one part
                text = listing[0]
                values = plain.get(text)
                if values is None:
                    values = plain[text] = []
                    order.append((False, text))
                values.extend(value for value in listing[1] if value not in values)
                continue
            text = with_requirement(result.reading.shown, need)
            if text not in plain:
                plain[text] = None
                order.append((False, text))
            continue
        if need not in by_need:
            by_need[need] = {}
            order.append((True, need))
        alike: dict[str, list[str]] = {}
        for label, shown in result.reading.items:
            alike.setdefault(shown, []).append(label)
        for shown, labels in alike.items():
            said = by_need[need].setdefault(tuple(labels), [])
            if shown not in said:
                said.append(shown)
    parts = []
    for grouped, text in order:
        if not grouped:
            values = plain[text]
            parts.append(text if values is None else text + ", ".join(values))
            continue
        items = (_by_items(labels, _joined(said)) for labels, said in by_need[text].items())
        parts.append(with_requirement("; ".join(items), text))
    return " | ".join(parts)


def _by_items(labels: tuple[str, ...], said: str) -> str:
    return f"{labels[0]}: {said}" if len(labels) == 1 else f"{said} ({'; '.join(labels)})"


def _joined(said: list[str]) -> str:
    """One item's readings, those of one kind said as one clause: "the proposal does not state
    A, B or C", "the proposal does not say whether A or whether B"; others each in turn."""
    kinds: dict[str, list[str]] = {}
    others: list[str] = []
    for text in said:
        opening = next((o for o in (UNSTATED, UNSAID) if text.startswith(o)), None)
        if opening is None:
            others.append(text)
        else:
            kinds.setdefault(opening, []).append(text[len(opening) :])
    clauses = []
    for opening, rest in kinds.items():
        comma, last = (", ", " or ") if opening == UNSTATED else (", whether ", " or whether ")
        listed = comma.join(rest[:-1]) + last + rest[-1] if len(rest) > 1 else rest[0]
        clauses.append(opening + listed)
    return "; ".join(clauses + others)


def _evidence(
    document: LoadedDocument,
    results: Iterable[CheckResult],
    known: dict[FieldPath, Evidence],
) -> tuple[Evidence, ...]:
    """Evidence for the fields the results read; ``known`` shares them across one proposal."""
    seen: dict[FieldPath, Evidence] = {}
    for result in results:
        paths = result.reading.failing_paths or result.reading.paths
        for path in paths:
            if path in seen:
                continue
            evidence = known.get(path)
            if evidence is None:
                location = document.locate(path)
                value = _value_at(document.data, path)
                evidence = known[path] = Evidence(
                    dotted(path),
                    location.file,
                    location.line,
                    location.column,
                    _quote(value),
                    value is not None,
                )
            seen[path] = evidence
    if len(seen) < 2:  # as for most findings: nothing to sort
        return tuple(seen.values())
    return tuple(sorted(seen.values(), key=_BY_PLACE))


_BY_PLACE: Final = attrgetter("line", "column", "path")
"""Evidence in the order a reader meets it in the file."""


_DOTTED: Final[dict[FieldPath, str]] = {}
"""Paths already written out: a plain dict, as an lru_cache keyed by a tuple wraps and hashes
the key again on every call."""


def dotted(path: FieldPath) -> str:
    """A field path as written in messages: ``predecessors[2].vote.votes_for``."""
    text = _DOTTED.get(path)
    if text is not None:
        return text
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    if len(_DOTTED) >= 16384:  # a long batch of varied proposals: start again
        _DOTTED.clear()
    _DOTTED[path] = text
    return text


def _value_at(data: Any, path: FieldPath) -> Any:
    """The raw value at ``path``; None when the proposal does not give it (or gives null)."""
    for part in path:
        if isinstance(data, dict):  # its keys are text: an index finds nothing
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
        if data is None:
            return None
    return data


def _quote(value: Any) -> str | None:
    """A scalar as the proposal spells it; None for a section or list (quoted in part)."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
