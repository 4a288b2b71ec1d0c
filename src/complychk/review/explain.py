"""``complychk explain``: one condition in full, and how it reached its verdict on a proposal.

Nothing here decides an outcome. The verdict comes from :class:`~complychk.evaluate.checker.Checker`
(the same call ``complychk check`` makes), and the per-step trace from the evaluation's own
pieces: :func:`complychk.evaluate.plan.measure` for what each step read and
:func:`complychk.evaluate.decide.check_results` for each check's status.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from complychk.conditions.checks import Context
from complychk.conditions.checks_dates import due_date_of
from complychk.conditions.condition import Citation, Condition
from complychk.conditions.glossary_kinds import FieldPath
from complychk.conditions.packs import Pack, available_packs
from complychk.errors import ConfigError
from complychk.evaluate.checker import Checker
from complychk.evaluate.decide import check_results, dotted, with_requirement
from complychk.evaluate.findings import Finding
from complychk.evaluate.plan import measure
from complychk.proposal.document import LoadedDocument
from complychk.proposal.model import proposal_data


@dataclass(frozen=True)
class Reading:
    """A proposal value a step read: its field path, where it is written, and the value."""

    path: str
    file: str
    line: int
    value: str


@dataclass(frozen=True)
class StepTrace:
    """One step of a condition; ``status`` and ``why`` are empty without a proposal."""

    keyword: str
    text: str
    file: str
    line: int
    status: str = ""
    why: str = ""
    readings: tuple[Reading, ...] = ()
    example_row: int = 0
    """The line of the Examples row a Scenario Outline step was filled in from; 0 if none."""


@dataclass(frozen=True)
class Explanation:
    """A condition as written, with its citations, and with a proposal its trace and verdict."""

    condition: Condition
    pack: Pack
    citations: tuple[Citation, ...]
    steps: tuple[StepTrace, ...]
    proposal: str = ""
    proposal_id: str = ""
    as_of: dt.date | None = None
    finding: Finding | None = None


def find_condition(
    checker: Checker, condition_id: str, pack_name: str | None = None
) -> tuple[Pack, Condition]:
    """The condition with this ID in the named pack (default ``checker.pack_name``), or else in
    any available pack.

    Raises:
        ConfigError: no pack has the ID; the message suggests the nearest IDs.
    """
    only = pack_name or checker.pack_name
    names = [only] if only else available_packs(checker.pack_root)
    known: list[str] = []
    for name in names:
        pack = checker.pack(name)
        for condition in pack.conditions:
            if condition.id.upper() == condition_id.upper():
                return pack, condition
            known.append(condition.id)
    close = difflib.get_close_matches(condition_id.upper(), known, n=3, cutoff=0.6)
    where = f"pack {only}" if only else "any pack"
    hint = f"; did you mean {', '.join(close)}?" if close else "; 'complychk conditions' lists them"
    if only:
        for name in available_packs(checker.pack_root):
            other = checker.pack(name)
            if name != only and any(c.id.upper() == condition_id.upper() for c in other.conditions):
                hint = (
                    f"; it is a condition of pack {name}, which checks proposals of kind "
                    f"{', '.join(other.kinds)}"
                )
                break
    raise ConfigError(f"no condition {condition_id} in {where}{hint}")


def explain(
    checker: Checker,
    condition_id: str,
    document: LoadedDocument | None = None,
    as_of: dt.date | None = None,
) -> Explanation:
    """Describe a condition; with a proposal, also trace its evaluation step by step."""
    if document is None:
        pack, condition = find_condition(checker, condition_id)
        steps = tuple(_untraced(condition))
        return Explanation(condition, pack, condition.citations, steps)
    as_of = as_of or dt.date.today()
    report = checker.check_document(document, as_of)
    pack, condition = find_condition(checker, condition_id, report.pack)
    finding = next(f for f in report.findings if f.condition_id == condition.id)
    steps = tuple(_traced(checker, pack.name, condition, document, as_of))
    return Explanation(
        condition,
        pack,
        finding.citations,
        steps,
        proposal=document.path,
        proposal_id=report.proposal_id,
        as_of=as_of,
        finding=finding,
    )


def _untraced(condition: Condition) -> list[StepTrace]:
    return [
        StepTrace(
            keyword,
            step.text,
            condition.file,
            step.line,
            example_row=condition.example_rows.get(step.text, 0),
        )
        for keyword, steps in (("Given", condition.givens), ("Then", condition.checks))
        for step in steps
    ]


_APPLIES = {True: "applies", False: "does not apply", None: "cannot tell"}


def _traced(
    checker: Checker,
    pack_name: str,
    condition: Condition,
    document: LoadedDocument,
    as_of: dt.date,
) -> list[StepTrace]:
    plan, evaluator = checker.compiled(pack_name)
    data = proposal_data(document)
    readings = measure(plan, data, as_of)
    context = Context(plan.pack.glossary.for_one_proposal(), data, as_of)
    steps = []
    for given in condition.givens:
        verdict = given.applies(context)
        paths = given_paths(given, context)
        why = "" if verdict is True else _given_why(verdict)
        steps.append(_step("Given", given, condition, _APPLIES[verdict], why, paths, document))
    applies, _ = readings.applies[condition.id]
    if applies is not True:
        reason = "not evaluated: " + (
            "the condition does not apply"
            if applies is False
            else "it cannot be told whether the condition applies"
        )
        return steps + [
            _step("Then", check, condition, "skipped", reason, (), document)
            for check in condition.checks
        ]
    violated = evaluator.violations(readings.facts)
    for check, result in zip(
        condition.checks, check_results(plan, condition, readings, violated, as_of), strict=True
    ):
        why = with_requirement(result.reading.shown, result.requirement)
        steps.append(
            _step("Then", check, condition, result.status, why, result.reading.paths, document)
        )
    return steps


def given_paths(given: Any, context: Context) -> tuple[FieldPath, ...]:
    """The fields a Given step reads: its term's fields, or ``kind`` for the kind of proposal."""
    term = getattr(given, "term", None)
    return context.read(term).paths if isinstance(term, str) else (("kind",),)


def _given_why(verdict: bool | None) -> str:
    if verdict is False:
        return "so the condition is not applicable"
    return "the proposal does not say, so the evidence is insufficient"


def _step(
    keyword: str,
    step: Any,
    condition: Condition,
    status: str,
    why: str,
    paths: Sequence[FieldPath],
    document: LoadedDocument,
) -> StepTrace:
    readings = []
    for path in dict.fromkeys(paths):
        where = document.locate(path)
        readings.append(Reading(dotted(path), where.file, where.line, _shown(document.data, path)))
    row = condition.example_rows.get(step.text, 0)
    return StepTrace(
        keyword, step.text, condition.file, step.line, status, why, tuple(readings), row
    )


def value_at(data: Any, path: FieldPath) -> Any:
    """The raw value at ``path`` in a proposal's data, or None where the proposal has none."""
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and 0 <= part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, Mapping) else None
        if data is None:
            return None
    return data


def _shown(data: Any, path: FieldPath) -> str:
    """The value at ``path`` as the proposal gives it, briefly; lists of items are counted."""
    data = value_at(data, path)
    if data is None:
        return "(not stated)"
    if isinstance(data, list) and all(not isinstance(item, (Mapping, list)) for item in data):
        return "[" + ", ".join(_scalar(item) for item in data) + "]"
    if isinstance(data, list):
        return f"({len(data)} item{'s' if len(data) != 1 else ''})"
    if isinstance(data, Mapping):
        return f"({len(data)} field{'s' if len(data) != 1 else ''})"
    return _scalar(data)


def _scalar(value: Any) -> str:
    """A scalar as YAML would show it, strings quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def render_text(explanation: Explanation) -> str:
    """The explanation as a user reads it in a terminal."""
    condition, pack = explanation.condition, explanation.pack
    lines = [
        f"{condition.id}  {condition.title}",
        f"  pack {pack.name} {pack.version}, theme {condition.theme}, severity "
        f"{condition.severity.value}",
        f"  defined at {condition.file}:{condition.line}",
        f"  tags: {' '.join(condition.tags)}",
        "",
        f"Source: {condition.source}",
    ]
    lines += [f"  {citation.key}: {citation.text()}" for citation in explanation.citations]
    lines.append(f"Remedy: {condition.remedy}")
    lines.append(f"Due: {due_date_of(condition.checks)}")
    if condition.notes:
        lines.append(f"Notes: {condition.notes}")
    lines.append("")
    if explanation.finding is None:
        lines.append("Steps:")
        lines += [
            f"  {step.keyword} {step.text}    ({step.file}:{step.line}{_row(step)})"
            for step in explanation.steps
        ]
        return "\n".join(lines) + "\n"
    as_of = explanation.as_of.isoformat() if explanation.as_of else ""
    lines.append(f"Trace on {explanation.proposal} ({explanation.proposal_id}), as of {as_of}:")
    for step in explanation.steps:
        lines.append(f"  {step.status.upper():<14} {step.keyword} {step.text}")
        lines.append(f"{'':17}step at {step.file}:{step.line}{_row(step)}")
        lines += [f"{'':17}read {r.path} = {r.value} ({r.file}:{r.line})" for r in step.readings]
        if step.why:
            lines.append(f"{'':17}{step.why}")
    finding = explanation.finding
    lines += [
        "",
        f"Outcome: {finding.outcome.label.upper()} ({finding.severity.value}): {finding.message}",
    ]
    return "\n".join(lines) + "\n"


def _row(step: StepTrace) -> str:
    return f", Examples row at line {step.example_row}" if step.example_row else ""
