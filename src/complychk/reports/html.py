"""A self-contained HTML report: summary, a checklist per theme, evidence, citations, remedies.

No scripts and no external resources: the Content-Security-Policy allows inline styles only,
and every piece of proposal or pack text is escaped with ``html.escape(..., quote=True)``.
"""

from __future__ import annotations

import html
from urllib.parse import quote

from complychk.conditions.condition import Severity
from complychk.evaluate.findings import Evidence, Finding, Outcome, ProposalReport, Report
from complychk.reports.common import (
    BADGES,
    NEEDS_REMEDY,
    SUMMARY_ORDER,
    by_theme,
    evidence_ref,
    failures_at,
    names_its_file,
    summary_counts,
)
from complychk.reports.escape import visible
from complychk.reports.grid import CODES, LEGEND, grid_of
from complychk.reports.html_style import STYLE
from complychk.reports.options import RenderOptions

CSP = "default-src 'none'; style-src 'unsafe-inline'"
_CODE_OUTCOMES = {code: outcome for outcome, code in CODES.items()}

_COUNT_HEADINGS: dict[Outcome, str] = {
    Outcome.PASS: "Pass",
    Outcome.FAIL: "Fail",
    Outcome.PENDING: "Pending",
    Outcome.INSUFFICIENT_EVIDENCE: "Insufficient evidence",
    Outcome.NOT_APPLICABLE: "Not applicable",
    Outcome.WAIVED: "Waived",
}


def esc(text: str) -> str:
    """Untrusted text as HTML: control characters shown, markup and both quote kinds escaped."""
    return html.escape(visible(text), quote=True)


def render(report: Report, options: RenderOptions) -> str:
    """The complete document, ending in a newline."""
    body = [_header(report), _summary(report)]
    if len(report.proposals) > 1:
        body.append(_matrix(report))
    if report.problems:
        body.append(_problems(report))
    if report.notes:
        body.append(_notes(report))
    body.extend(_proposal(index, proposal) for index, proposal in enumerate(report.proposals))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>complychk report, as of {report.as_of.isoformat()}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _header(report: Report) -> str:
    failing = len(report.failing())
    verdict = (
        f"{failing} failing at {report.fail_on.value} or above" if failing else "Nothing failing"
    )
    if report.problems:
        count = len(report.problems)
        verdict += f"; {count} file{'s' if count != 1 else ''} could not be checked"
    return (
        "<header>\n<h1>complychk report</h1>\n"
        f'<p class="meta">As of {report.as_of.isoformat()} · complychk {esc(report.tool_version)}'
        f" · failing at <strong>{report.fail_on.value}</strong> or above</p>\n"
        f'<p class="verdict">{verdict} (exit {report.exit_code}).</p>\n'
        f'<p class="mode">This is a {esc(report.mode_text())}.</p>\n</header>'
    )


def _summary(report: Report) -> str:
    if not report.proposals:
        return '<section class="summary">\n<p>No proposals were checked.</p>\n</section>'
    headings = [_COUNT_HEADINGS[outcome] for outcome in SUMMARY_ORDER]
    headings.insert(2, "of which must")
    head = "".join(f'<th scope="col">{heading}</th>' for heading in ["Proposal", *headings])
    rows = []
    for index, proposal in enumerate(report.proposals):
        counts = proposal.counts()
        numbers = [counts[outcome] for outcome in SUMMARY_ORDER]
        numbers.insert(2, failures_at(proposal, Severity.MUST))
        cells = "".join(f'<td class="n">{number}</td>' for number in numbers)
        link = f'<a href="#proposal-{index}">{esc(proposal.title or proposal.proposal_id)}</a>'
        rows.append(f'<tr><th scope="row">{link}</th>{cells}</tr>')
    return (
        '<section class="summary">\n<h2>Summary</h2>\n'
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n"
        "</table>\n</section>"
    )


def _matrix(report: Report) -> str:
    """Proposals by conditions, one outcome code per cell, for reviewing a batch at a glance."""
    grid = grid_of(report)
    head = "".join(
        f'<th scope="col" title="{esc(column.title)}"><span class="cid">'
        f"{esc(column.condition_id)}</span></th>"
        for column in grid.columns
    )
    rows = []
    for index, row in enumerate(grid.rows):
        link = f'<a href="#proposal-{index}">{esc(row.proposal.proposal_id)}</a>'
        cells = "".join(_matrix_cell(code) for code in row.cells)
        rows.append(f'<tr><th scope="row">{link}</th><td class="n">{row.failing}</td>{cells}</tr>')
    return (
        '<section class="matrix">\n<h2>Matrix</h2>\n'
        f'<p class="meta">{esc(LEGEND)}.</p>\n<div class="scroll"><table>\n'
        f'<thead><tr><th scope="col">Proposal</th><th scope="col">Failing</th>{head}</tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table></div>\n</section>"
    )


def _matrix_cell(code: str) -> str:
    if not code:
        return "<td></td>"
    outcome = _CODE_OUTCOMES[code.rstrip("*")].value
    return f'<td class="code {outcome}">{esc(code)}</td>'


def _problems(report: Report) -> str:
    items = "\n".join(
        "<li>"
        + ("" if names_its_file(problem) else f"<code>{esc(problem.file)}</code>: ")
        + f'<span class="problem">{esc(problem.message)}</span></li>'
        for problem in report.problems
    )
    return f'<section class="problems">\n<h2>Could not check</h2>\n<ul>\n{items}\n</ul>\n</section>'


def _notes(report: Report) -> str:
    items = "\n".join(
        f'<li><span class="problem">{esc(note.text())}</span></li>' for note in report.notes
    )
    return f'<section class="problems notes">\n<h2>Notes</h2>\n<ul>\n{items}\n</ul>\n</section>'


def _proposal(index: int, proposal: ProposalReport) -> str:
    facts = [
        ("File", f"<code>{esc(proposal.file)}</code>"),
        ("Proposal", esc(proposal.proposal_id)),
        ("Kind", esc(proposal.kind)),
        ("Pack", esc(proposal.pack)),
    ]
    parts = [
        f'<section class="proposal" id="proposal-{index}">',
        f"<h2>{esc(proposal.title or proposal.proposal_id)}</h2>",
        '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>",
        f'<p class="counts">{esc(summary_counts(proposal))}</p>',
    ]
    for theme, findings in by_theme(proposal.findings):
        parts.append(f'<section class="theme">\n<h3>{esc(theme) or "(no theme)"}</h3>')
        parts.append('<ul class="checklist">')
        parts.extend(_finding(finding) for finding in findings)
        parts.append("</ul>\n</section>")
    parts.append("</section>")
    return "\n".join(parts)


def _finding(finding: Finding) -> str:
    outcome = finding.outcome.value
    head = (
        f'<div class="head"><span class="badge {outcome}">{BADGES[finding.outcome]}</span>'
        f'<span class="severity {finding.severity.value}">{finding.severity.value}</span>'
        f'<span class="cid">{esc(finding.condition_id)}</span>'
        f'<span class="title">{esc(finding.title)}</span></div>'
    )
    return f'<li class="finding outcome-{outcome}">\n{head}\n{_detail(finding)}\n</li>'


def _detail(finding: Finding) -> str:
    parts = []
    if finding.outcome is not Outcome.PASS:
        parts.append(f'<p class="message">{esc(finding.message)}</p>')
    if finding.evidence:
        items = "".join(f"<li>{_evidence(evidence)}</li>" for evidence in finding.evidence)
        parts.append(f'<ul class="evidence">{items}</ul>')
    if finding.waiver is not None:
        waiver = finding.waiver
        parts.append(
            f'<p class="waiver"><span class="label">Waived:</span> {esc(waiver.justification)} '
            f"({esc(waiver.reference)}; requested by {esc(waiver.requested_by)}, approved by "
            f"{esc(waiver.approved_by)}, expires {waiver.expires.isoformat()})</p>"
        )
    if finding.remedy and finding.outcome in NEEDS_REMEDY:
        parts.append(f'<p class="remedy"><strong>To pass:</strong> {esc(finding.remedy)}</p>')
    parts.append(_sources(finding))
    return '<div class="detail">' + "\n".join(part for part in parts if part) + "</div>"


def _evidence(evidence: Evidence) -> str:
    text = f"<code>{esc(evidence_ref(evidence))}</code> <code>{esc(evidence.path)}</code>"
    if evidence.value is not None:
        text += f' <q class="value">{esc(evidence.value)}</q>'
    if not evidence.stated:
        text += ' <span class="unstated">(not stated)</span>'
    return text


def _sources(finding: Finding) -> str:
    items = [f"<li>{esc(finding.source)}</li>"] if finding.source else []
    items.extend(f"<li>{_citation_link(c.text(), c.url)}</li>" for c in finding.citations)
    if not items:
        return ""
    return '<ul class="sources">' + "".join(items) + "</ul>"


def _citation_link(text: str, url: str) -> str:
    """A citation, linked when its URL is a web address (never ``javascript:`` or ``data:``)."""
    if not url.startswith(("https://", "http://")):
        return esc(text)
    href = quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    return f'<a href="{esc(href)}" rel="noopener noreferrer">{esc(text)}</a>'
