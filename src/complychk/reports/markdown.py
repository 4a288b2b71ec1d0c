"""A Markdown summary for a pull-request comment or a GitHub job summary.

Counts first, then the findings that fail the run, then everything else folded away in
``<details>``. GitHub refuses a comment over 65,536 characters, so the summary stays under 60,000
(:mod:`complychk.reports.markdown_fit` decides what to leave out, and says so).
All proposal text goes through :func:`complychk.reports.escape.markdown`, so it cannot break a
table, mention a team or inject HTML.
"""

from __future__ import annotations

from collections.abc import Iterable

from complychk.conditions.condition import Severity
from complychk.evaluate.findings import Finding, Outcome, ProposalReport, Report
from complychk.reports.common import (
    BADGES,
    SUMMARY_ORDER,
    evidence_ref,
    failures_at,
    names_its_file,
)
from complychk.reports.escape import markdown as md
from complychk.reports.markdown_fit import Section, fit
from complychk.reports.options import RenderOptions

_COUNT_HEADINGS: dict[Outcome, str] = {
    Outcome.PASS: "Pass",
    Outcome.FAIL: "Fail",
    Outcome.PENDING: "Pending",
    Outcome.INSUFFICIENT_EVIDENCE: "Insufficient evidence",
    Outcome.NOT_APPLICABLE: "N/A",
    Outcome.WAIVED: "Waived",
}


def render(report: Report, options: RenderOptions) -> str:
    """The whole summary, cut to fit a pull-request comment when it must (see
    :mod:`complychk.reports.markdown_fit`); sections are separated by blank lines."""
    head = [_heading(report), _overview(report)]
    if report.problems:
        head.append(_problems(report))
    if report.notes:
        head.append(_notes(report))
    sections = [_proposal_section(report, proposal) for proposal in report.proposals]
    return fit(head, sections, options.full_report)


def _table(header: list[str], rows: Iterable[list[str]], align: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def _heading(report: Report) -> str:
    failing = len(report.failing())
    verdict = f"**{failing} failing**" if failing else "nothing failing"
    if report.problems:
        verdict += f", **{len(report.problems)} not checked**"
    return (
        "## complychk report\n\n"
        f"As of {report.as_of.isoformat()}, counting failures at *{report.fail_on.value}* "
        f"or above: {verdict} (exit {report.exit_code}).\n\n"
        f"This is a {md(report.mode_text())}."
    )


def _overview(report: Report) -> str:
    if not report.proposals:
        return "No proposals were checked."
    header = ["Proposal", "File"] + [_COUNT_HEADINGS[o] for o in SUMMARY_ORDER]
    header.insert(4, "Must fail")
    align = ["---", "---"] + ["--:"] * (len(SUMMARY_ORDER) + 1)
    rows = []
    for proposal in report.proposals:
        counts = proposal.counts()
        row = [_proposal_name(proposal), md(proposal.file)]
        row += [str(counts[outcome]) for outcome in SUMMARY_ORDER]
        row.insert(4, str(failures_at(proposal, Severity.MUST)))
        rows.append(row)
    return _table(header, rows, align)


def _proposal_name(proposal: ProposalReport) -> str:
    return f"{md(proposal.title)} ({md(proposal.proposal_id)})"


def _problems(report: Report) -> str:
    lines = ["### Could not check", ""]
    lines.extend(
        f"- {md(problem.message)}"
        if names_its_file(problem)
        else f"- {md(problem.file)}: {md(problem.message)}"
        for problem in report.problems
    )
    return "\n".join(lines)


def _notes(report: Report) -> str:
    lines = ["### Notes", ""]
    lines.extend(f"- {md(note.text())}" for note in report.notes)
    return "\n".join(lines)


def _proposal_section(report: Report, proposal: ProposalReport) -> Section:
    """The proposal's heading and the findings that fail the run; then the rest, folded."""
    failing = [f for f in proposal.findings if report.fails(f)]
    failing.sort(key=lambda f: (-f.severity.rank, f.condition_id))
    rest = [f for f in proposal.findings if not report.fails(f)]
    rest.sort(key=lambda f: (SUMMARY_ORDER.index(f.outcome), f.theme, f.condition_id))
    heading = (
        f"### {_proposal_name(proposal)}\n\n"
        f"{md(proposal.file)} · kind {md(proposal.kind)} · pack {md(proposal.pack)}"
    )
    table = _failing_table(failing).split("\n") if failing else []
    return Section(
        heading=heading,
        table_head="\n".join(table[:2]),
        rows=tuple(table[2:]),
        details=_details(rest) if rest else "",
    )


def _failing_table(findings: list[Finding]) -> str:
    header = ["Severity", "Condition", "Title", "Why", "Evidence", "To pass"]
    rows = [
        [
            f"**{finding.severity.value.upper()}**",
            md(finding.condition_id),
            md(finding.title),
            md(finding.message),
            _evidence(finding),
            md(finding.remedy),
        ]
        for finding in findings
    ]
    return _table(header, rows, ["---"] * len(header))


def _evidence(finding: Finding) -> str:
    return (
        "<br>".join(
            f"{md(evidence_ref(e))} {md(e.path)}{'' if e.stated else ' (not stated)'}"
            for e in finding.evidence
        )
        or "none"
    )


def _details(findings: list[Finding]) -> str:
    counts = {outcome: 0 for outcome in SUMMARY_ORDER}
    for finding in findings:
        counts[finding.outcome] += 1
    summary = ", ".join(
        f"{count} {_COUNT_HEADINGS[outcome].lower()}" for outcome, count in counts.items() if count
    )
    header = ["Outcome", "Severity", "Condition", "Title", "Note"]
    rows = [
        [
            BADGES[finding.outcome],
            finding.severity.value,
            md(finding.condition_id),
            md(finding.title),
            "" if finding.outcome is Outcome.PASS else _note(finding),
        ]
        for finding in findings
    ]
    table = _table(header, rows, ["---"] * len(header))
    # The blank lines around the table let Markdown render inside the HTML block.
    return f"<details>\n<summary>Other conditions: {summary}</summary>\n\n{table}\n\n</details>"


def _note(finding: Finding) -> str:
    if finding.waiver is not None:
        waiver = finding.waiver
        return (
            f"{md(waiver.justification)} ({md(waiver.reference)}, approved by "
            f"{md(waiver.approved_by)}, expires {waiver.expires.isoformat()})"
        )
    return md(finding.message)
