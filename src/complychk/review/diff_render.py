"""The formats of ``complychk diff``: pure functions of a :class:`~complychk.review.diff.ProposalDiff`."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

from complychk.evaluate.findings import Finding, Outcome
from complychk.reports.common import BADGES
from complychk.reports.escape import json_text, visible
from complychk.reports.escape import markdown as md
from complychk.review.diff import ConditionChange, FieldChange, ProposalDiff

SCHEMA = "complychk-diff/1"
FIELDS_SHOWN = 8
"""Changed fields listed per condition in text and Markdown (JSON lists them all)."""


def _badge(outcome: Outcome | None) -> str:
    return BADGES[outcome] if outcome is not None else "ABSENT"


def _verdict(change: ConditionChange) -> str:
    if change.regressed:
        return "regressed"
    return "improved" if change.improved else "changed"


def _summary(diff: ProposalDiff) -> str:
    regressed = sum(1 for c in diff.changes if c.regressed)
    improved = sum(1 for c in diff.changes if c.improved)
    other = len(diff.changes) - regressed - improved
    return (
        f"{improved} improved, {regressed} regressed, {other} otherwise changed, "
        f"{diff.unchanged} unchanged"
    )


def render_text(diff: ProposalDiff) -> str:
    old, new = diff.old, diff.new
    lines = [
        f"complychk diff as of {diff.as_of.isoformat()}, pack {new.pack}",
        f"  old: {visible(old.file)} ({visible(old.proposal_id)})",
        f"  new: {visible(new.file)} ({visible(new.proposal_id)})",
        "",
        f"Changed outcomes ({len(diff.changes)}):",
    ]
    for change in diff.changes:
        lines.append(
            f"  {change.condition_id}  {change.severity.value}  {_badge(change.old)} -> "
            f"{_badge(change.new)}  ({_verdict(change)})  {visible(change.title)}"
        )
        lines.extend(
            f"      {visible(_field_text(field))}" for field in change.fields[:FIELDS_SHOWN]
        )
        if len(change.fields) > FIELDS_SHOWN:
            lines.append(f"      ... and {len(change.fields) - FIELDS_SHOWN} more changed fields")
    for heading, findings in (("New", diff.new_findings), ("Resolved", diff.resolved_findings)):
        lines += ["", f"{heading} findings ({len(findings)}):"]
        lines.extend(f"  {visible(_finding_text(finding))}" for finding in findings)
    lines += ["", f"{_summary(diff)}; {'regressed' if diff.regressed else 'no regressions'}."]
    return "\n".join(lines) + "\n"


def _field_text(field: FieldChange) -> str:
    return f"{field.path}: {field.old} -> {field.new} ({field.file}:{field.line})"


def _finding_text(finding: Finding) -> str:
    return (
        f"{BADGES[finding.outcome]}  {finding.severity.value}  {finding.condition_id}  "
        f"{finding.message}"
    )


def render_markdown(diff: ProposalDiff) -> str:
    old, new = diff.old, diff.new
    parts = [
        "## complychk diff",
        f"As of {diff.as_of.isoformat()}, pack {md(new.pack)}: {md(old.file)} "
        f"({md(old.proposal_id)}) → {md(new.file)} ({md(new.proposal_id)}). "
        f"{_summary(diff)}; **{'regressed' if diff.regressed else 'no regressions'}**.",
        "### Changed outcomes",
    ]
    if diff.changes:
        rows = [
            "| Condition | Severity | Was | Now | Change | Fields changed |",
            "|---|---|---|---|---|---|",
        ]
        for change in diff.changes:
            shown = [md(_field_text(field)) for field in change.fields[:FIELDS_SHOWN]]
            if len(change.fields) > FIELDS_SHOWN:
                shown.append(f"and {len(change.fields) - FIELDS_SHOWN} more")
            fields = "<br>".join(shown) or "none"
            rows.append(
                f"| {md(change.condition_id)} {md(change.title)} | {change.severity.value} | "
                f"{_badge(change.old)} | {_badge(change.new)} | {_verdict(change)} | {fields} |"
            )
        parts.append("\n".join(rows))
    else:
        parts.append("No outcome changed.")
    for heading, findings in (("New", diff.new_findings), ("Resolved", diff.resolved_findings)):
        parts.append(f"### {heading} findings")
        items = [f"- {md(_finding_text(finding))}" for finding in findings]
        parts.append("\n".join(items) or "None.")
    return "\n\n".join(parts) + "\n"


def diff_document(diff: ProposalDiff) -> dict[str, Any]:
    """The diff as plain JSON-ready data (``complychk-diff/1``)."""
    return {
        "schema": SCHEMA,
        "as_of": diff.as_of.isoformat(),
        "pack": diff.new.pack,
        "old": {"file": diff.old.file, "proposal_id": diff.old.proposal_id},
        "new": {"file": diff.new.file, "proposal_id": diff.new.proposal_id},
        "regressed": diff.regressed,
        "exit_code": diff.exit_code,
        "unchanged": diff.unchanged,
        "changes": [
            {
                "condition_id": change.condition_id,
                "title": change.title,
                "severity": change.severity.value,
                "old": change.old.value if change.old else None,
                "new": change.new.value if change.new else None,
                "change": _verdict(change),
                "fields": [dataclasses.asdict(field) for field in change.fields],
            }
            for change in diff.changes
        ],
        "new_findings": [_finding_doc(f) for f in diff.new_findings],
        "resolved_findings": [_finding_doc(f) for f in diff.resolved_findings],
    }


def _finding_doc(finding: Finding) -> dict[str, str]:
    return {
        "condition_id": finding.condition_id,
        "severity": finding.severity.value,
        "outcome": finding.outcome.value,
        "message": finding.message,
    }


def render_json(diff: ProposalDiff) -> str:
    text = json.dumps(diff_document(diff), sort_keys=True, indent=2, ensure_ascii=False)
    return json_text(text) + "\n"


DIFF_FORMATS: dict[str, Callable[[ProposalDiff], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}
