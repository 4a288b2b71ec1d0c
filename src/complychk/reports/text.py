"""The default terminal report: per proposal, findings grouped by theme, then a count summary."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from complychk.conditions.condition import Severity
from complychk.evaluate.findings import Finding, InputProblem, Outcome, ProposalReport, Report
from complychk.reports.common import (
    BADGES,
    NEEDS_REMEDY,
    by_theme,
    evidence_ref,
    names_its_file,
    summary_counts,
)
from complychk.reports.escape import visible
from complychk.reports.options import RenderOptions

Paint = Callable[[str, str], str]

_BADGE_WIDTH = max(len(badge) for badge in BADGES.values())
_SEVERITY_WIDTH = max(len(severity.value) for severity in Severity)
_DETAIL_INDENT = " " * 6

_OUTCOME_STYLE: dict[Outcome, str] = {
    Outcome.PASS: "32",
    Outcome.FAIL: "1;31",
    Outcome.NOT_APPLICABLE: "2",
    Outcome.INSUFFICIENT_EVIDENCE: "33",
    Outcome.PENDING: "36",
    Outcome.WAIVED: "35",
}
_SEVERITY_STYLE: dict[Severity, str] = {
    Severity.MUST: "1",
    Severity.SHOULD: "0",
    Severity.ADVISORY: "2",
}
_HEADING_STYLE = "1"
_PROBLEM_STYLE = "1;31"


def _ansi(text: str, style: str) -> str:
    return f"\x1b[{style}m{text}\x1b[0m"


def _plain(text: str, style: str) -> str:
    return text


def render(report: Report, options: RenderOptions) -> str:
    """The whole report as terminal text, coloured only when ``options.color`` is set.

    It ends with the findings that fail the run, each at its ``FILE:LINE``, so they are the last
    thing a CI log or a pre-commit run shows; ``quiet`` shows only those, ``compact`` gives every
    finding one line.
    """
    paint: Paint = _ansi if options.color else _plain
    blocks: list[str] = []
    if not options.quiet:
        block = _compact_block if options.compact else _proposal_block
        blocks.extend(block(proposal, options, paint) for proposal in report.proposals)
    if report.problems:
        blocks.append(_problems_block(report.problems, paint))
    if report.notes and not options.quiet:
        blocks.append(_notes_block(report, paint))
    failing = [
        (proposal, finding)
        for proposal in report.proposals
        for _, findings in by_theme(proposal.findings)
        for finding in findings
        if report.fails(finding)
    ]
    if failing:
        blocks.append(_failing_block(report, failing, options.compact, paint))
    blocks.append(_footer(report))
    return "\n\n".join(blocks) + "\n"


def located_line(proposal: ProposalReport, finding: Finding, paint: Paint) -> str:
    """``FILE:LINE: OUTCOME SEVERITY ID title``: one finding where an editor can jump to it."""
    where = evidence_ref(finding.evidence[0]) if finding.evidence else f"{proposal.file}:1"
    badge = paint(BADGES[finding.outcome], _OUTCOME_STYLE[finding.outcome])
    return (
        f"{visible(where)}: {badge} {finding.severity.value} {visible(finding.condition_id)} "
        f"{visible(finding.title)}"
    )


def _compact_block(proposal: ProposalReport, options: RenderOptions, paint: Paint) -> str:
    lines = [
        located_line(proposal, finding, paint)
        for _, findings in by_theme(proposal.findings)
        for finding in findings
    ]
    lines.append(f"{visible(proposal.proposal_id)}: {summary_counts(proposal)}")
    return "\n".join(lines)


def _failing_block(
    report: Report, failing: list[tuple[ProposalReport, Finding]], compact: bool, paint: Paint
) -> str:
    """The findings that make the run exit 1, with what is wrong and what to do unless compact."""
    count = len(failing)
    heading = (
        f"{count} finding{'s' if count != 1 else ''} failing the run "
        f"(at or above {report.fail_on.value}):"
    )
    lines = [paint(heading, _PROBLEM_STYLE)]
    for proposal, finding in failing:
        lines.append(located_line(proposal, finding, paint))
        if not compact:
            details = [finding.message] if finding.message else []
            if finding.remedy:
                details.append(f"To pass: {finding.remedy}")
            lines.extend(_indented(details))
    return "\n".join(lines)


def _proposal_block(proposal: ProposalReport, options: RenderOptions, paint: Paint) -> str:
    lines = [
        paint(visible(proposal.file), _HEADING_STYLE),
        f"  {visible(proposal.proposal_id)}: {visible(proposal.title)}",
        f"  kind: {visible(proposal.kind)}, pack: {visible(proposal.pack)}",
    ]
    for theme, findings in by_theme(proposal.findings):
        lines.append("")
        lines.append(paint(visible(theme) or "(no theme)", _HEADING_STYLE))
        for finding in findings:
            lines.append(_finding_line(finding, paint))
            if options.verbose or finding.outcome is not Outcome.PASS:
                lines.extend(_indented(_details(finding, options.verbose)))
    lines.append("")
    lines.append(f"{visible(proposal.proposal_id)}: {summary_counts(proposal)}")
    return "\n".join(lines)


def _finding_line(finding: Finding, paint: Paint) -> str:
    badge = paint(BADGES[finding.outcome].ljust(_BADGE_WIDTH), _OUTCOME_STYLE[finding.outcome])
    severity = paint(
        finding.severity.value.ljust(_SEVERITY_WIDTH), _SEVERITY_STYLE[finding.severity]
    )
    return f"  {badge}  {severity}  {visible(finding.condition_id)}  {visible(finding.title)}"


_BARE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?|true|false|[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _as_written(value: str) -> str:
    """A number, date or true/false as it is; any other text in quotes, escaped."""
    return value if _BARE.fullmatch(value) else json.dumps(value, ensure_ascii=False)


def _details(finding: Finding, verbose: bool) -> list[str]:
    lines = [finding.message] if finding.message else []
    for evidence in finding.evidence:
        value = "" if evidence.value is None else f" = {_as_written(evidence.value)}"
        value = value if evidence.stated else " (not stated)"
        lines.append(f"evidence: {evidence_ref(evidence)}  {evidence.path}{value}")
    if finding.source:
        lines.append(f"source: {finding.source}")
    if verbose:
        lines.extend(f"cites: {citation.text()}" for citation in finding.citations)
    if finding.waiver is not None:
        waiver = finding.waiver
        lines.append(
            f"waived: {waiver.justification} ({waiver.reference}, requested by "
            f"{waiver.requested_by}, approved by {waiver.approved_by}, "
            f"expires {waiver.expires.isoformat()})"
        )
    if finding.remedy and finding.outcome in NEEDS_REMEDY:
        lines.append(f"To pass: {finding.remedy}")
    return lines


def _indented(lines: list[str]) -> list[str]:
    """Every physical line indented, so multi-line proposal text stays under its finding."""
    return [_DETAIL_INDENT + part for line in lines for part in visible(line).split("\n")]


def _problems_block(problems: tuple[InputProblem, ...], paint: Paint) -> str:
    lines = [paint("Could not check", _PROBLEM_STYLE)]
    for problem in problems:
        message = visible(problem.message).replace("\n", "\n" + _DETAIL_INDENT)
        located = names_its_file(problem)
        lines.append(f"  {message}" if located else f"  {visible(problem.file)}: {message}")
    return "\n".join(lines)


def _notes_block(report: Report, paint: Paint) -> str:
    """Report notes (waivers that did not apply), one ``FILE:LINE:COL: message`` line each."""
    lines = [paint("Notes", _HEADING_STYLE)]
    lines.extend(f"  {visible(note.text())}" for note in report.notes)
    return "\n".join(lines)


def _footer(report: Report) -> str:
    checked = len(report.proposals)
    failing = len(report.failing())
    text = (
        f"{checked} proposal{'s' if checked != 1 else ''} checked as of "
        f"{report.as_of.isoformat()}: {failing} failing at or above {report.fail_on.value}"
    )
    if report.problems:
        count = len(report.problems)
        text += f", {count} file{'s' if count != 1 else ''} could not be checked"
    mode = report.mode_text()
    return f"{text}. {mode[0].upper()}{mode[1:]}."
