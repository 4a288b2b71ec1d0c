"""GitHub Actions workflow-command annotations for failing findings, most severe first.

GitHub keeps at most 10 annotations of each level per step and 50 per job, so order matters:
unreadable files first, then must, should and advisory failures.
"""

from __future__ import annotations

from complychk.conditions.condition import Severity
from complychk.evaluate.findings import Finding, Outcome, ProposalReport, Report
from complychk.reports.common import most_severe_first, repo_relative, sentence
from complychk.reports.escape import visible
from complychk.reports.options import RenderOptions

COMMANDS: dict[Severity, str] = {
    Severity.MUST: "error",
    Severity.SHOULD: "warning",
    Severity.ADVISORY: "notice",
}


def escape_data(text: str) -> str:
    """A command's message: ``%`` first so later escapes are not escaped again, then CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): as data, plus the ``:`` and ``,`` that delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, options: RenderOptions) -> str:
    """One workflow command per line; empty when nothing failed."""
    lines = [
        _command(
            "error",
            {
                "file": _path(p.file, options),
                "line": str(p.line),
                "col": str(p.column),
                "title": "complychk could not check this file",
            },
            p.message,
        )
        for p in report.problems
    ]
    lines.extend(
        _finding_command(proposal, finding, options)
        for proposal, finding in most_severe_first(report)
    )
    lines.extend(
        _command(
            "warning",
            {
                "file": _path(note.file, options),
                "line": str(max(note.line, 1)),
                "col": str(max(note.column, 1)),
                "title": "complychk note",
            },
            note.message,
        )
        for note in report.notes
    )
    return "".join(line + "\n" for line in lines)


def _finding_command(proposal: ProposalReport, finding: Finding, options: RenderOptions) -> str:
    evidence = finding.evidence[0] if finding.evidence else None
    properties = {
        "file": _path(evidence.file if evidence else proposal.file, options),
        "line": str(max(evidence.line, 1)) if evidence else "1",
        "col": str(max(evidence.column, 1)) if evidence else "1",
        "title": f"{finding.condition_id} {finding.title} ({_qualifier(finding)})",
    }
    message = sentence(finding.message)
    if finding.remedy:
        message += f"\nTo pass: {finding.remedy}"
    return _command(COMMANDS[finding.severity], properties, message)


def _qualifier(finding: Finding) -> str:
    """``must``; ``must, insufficient evidence`` for what fails a decision check undecided."""
    if finding.outcome is Outcome.FAIL:
        return finding.severity.value
    return f"{finding.severity.value}, {finding.outcome.label}"


def _command(name: str, properties: dict[str, str], message: str) -> str:
    rendered = ",".join(
        f"{key}={escape_property(visible(value))}" for key, value in properties.items()
    )
    return f"::{name} {rendered}::{escape_data(visible(message))}"


def _path(file: str, options: RenderOptions) -> str:
    """Annotations attach to files by repository-relative path."""
    return repo_relative(file, options.base_dir) or file
