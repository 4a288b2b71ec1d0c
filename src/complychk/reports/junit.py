"""JUnit XML: one testcase per condition per proposal, valid against the Jenkins xUnit, Ant and
Jenkins junit-4 schemas at once (see shared/schemas/README.md for where they disagree).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable

from complychk.evaluate.findings import Finding, InputProblem, Outcome, ProposalReport, Report
from complychk.reports.common import evidence_ref, names_its_file
from complychk.reports.escape import one_line, visible
from complychk.reports.options import RenderOptions

_ZERO_TIME = "0"

_SKIP_REASONS: dict[Outcome, Callable[[Finding], str]] = {
    Outcome.NOT_APPLICABLE: lambda f: f"Not applicable: {f.message}",
    Outcome.PENDING: lambda f: f"Pending: {f.message}",
    Outcome.INSUFFICIENT_EVIDENCE: lambda f: (
        f"Insufficient evidence: {f.message}\nTo pass: {f.remedy}"
    ),
    Outcome.WAIVED: lambda f: _waived_reason(f),
}


def render(report: Report, options: RenderOptions) -> str:
    """The report as a ``<testsuites>`` document, one ``<testsuite>`` per proposal.

    Only findings that fail the run (:meth:`Report.fails`) are ``<failure>`` testcases, so a CI
    test view agrees with the exit status; the others pass or are skipped with the reason, and
    every finding's outcome is a suite property. Files that could not be checked come last, as a
    suite of ``<error>`` testcases. ``timestamp`` and ``hostname`` say when and where the run
    happened (``options.run_at``, ``options.hostname``); without a time the assessment date at
    midnight stands in, so a report rendered twice is the same.
    """
    root = ET.Element("testsuites")  # the Ant schema allows no attributes here
    when = options.run_at or dt.datetime.combine(report.as_of, dt.time())
    host = _token(options.hostname)
    stamp = (when.replace(tzinfo=None, microsecond=0).isoformat(), host)
    seen: set[tuple[str, str]] = set()
    for index, proposal in enumerate(report.proposals):
        root.append(_proposal_suite(proposal, report, index, stamp, seen))
    if report.problems:
        root.append(_problem_suite(report, len(report.proposals), stamp))
    if report.notes:
        index = len(report.proposals) + (1 if report.problems else 0)
        root.append(_notes_suite(report, index, stamp))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _suite(
    name: str, package: str, index: int, stamp: tuple[str, str], counts: dict[str, int]
) -> ET.Element:
    attributes = {
        "name": _token(name),
        "package": _token(package),
        "id": str(index),
        "timestamp": stamp[0],
        "hostname": stamp[1],
        **{key: str(value) for key, value in counts.items()},
        "time": _ZERO_TIME,
    }
    return ET.Element("testsuite", attributes)


def _proposal_suite(
    proposal: ProposalReport,
    report: Report,
    index: int,
    stamp: tuple[str, str],
    seen: set[tuple[str, str]],
) -> ET.Element:
    failures = sum(1 for finding in proposal.findings if report.fails(finding))
    passed = sum(1 for finding in proposal.findings if finding.outcome is Outcome.PASS)
    suite = _suite(
        proposal.proposal_id or proposal.file,
        f"complychk.{proposal.pack}",
        index,
        stamp,
        {
            "tests": len(proposal.findings),
            "failures": failures,
            "errors": 0,
            "skipped": len(proposal.findings) - failures - passed,
        },
    )
    _properties(
        suite,
        {
            "proposal.file": proposal.file,
            "proposal.id": proposal.proposal_id,
            "proposal.title": proposal.title,
            "proposal.kind": proposal.kind,
            "proposal.pack": proposal.pack,
            "as_of": report.as_of.isoformat(),
            "fail_on": report.fail_on.value,
            "mode": report.mode,
            "complychk.version": report.tool_version,
        }
        | {
            f"outcome.{finding.condition_id}": finding.outcome.value
            for finding in sorted(proposal.findings, key=lambda f: f.condition_id)
        },
    )
    classname = _token(f"{proposal.pack}.{proposal.proposal_id or proposal.file}")
    log = []
    for finding in proposal.findings:
        name = _unique(classname, f"{finding.condition_id} {finding.title}", seen)
        suite.append(_testcase(classname, name, finding, report))
        log.append(f"{finding.outcome.label.upper()}: {finding.condition_id} {finding.title}")
    _tail(suite, "\n".join(log))
    return suite


def _testcase(classname: str, name: str, finding: Finding, report: Report) -> ET.Element:
    case = ET.Element("testcase", {"name": name, "classname": classname, "time": _ZERO_TIME})
    if report.fails(finding):
        failure = ET.SubElement(
            case,
            "failure",
            {"message": _text(one_line(finding.message)), "type": finding.severity.value},
        )
        failure.text = _text(_failure_detail(finding))
    elif finding.outcome is Outcome.FAIL:  # below the threshold: reported, not failing
        reason = (
            f"Fails at {finding.severity.value}, below the {report.fail_on.value} threshold: "
            f"{finding.message}\nTo pass: {finding.remedy}"
        )
        ET.SubElement(case, "skipped").text = _text(reason)
    elif finding.outcome in _SKIP_REASONS:
        # Attributes on <skipped> break the junit-4 schema; its text is allowed by all three.
        ET.SubElement(case, "skipped").text = _text(_SKIP_REASONS[finding.outcome](finding))
    return case


def _failure_detail(finding: Finding) -> str:
    lines = [f"{finding.condition_id} {finding.title} [{finding.severity.value}]", finding.message]
    lines.extend(
        f"Evidence: {evidence_ref(e)} {e.path}"
        + (" (not stated)" if not e.stated else "" if e.value is None else f" = {e.value}")
        for e in finding.evidence
    )
    if finding.source:
        lines.append(f"Source: {finding.source}")
    lines.extend(f"Cites: {citation.text()}" for citation in finding.citations)
    lines.append(f"To pass: {finding.remedy}")
    return "\n".join(lines)


def _waived_reason(finding: Finding) -> str:
    waiver = finding.waiver
    if waiver is None:
        return f"Waived: {finding.message}"
    return (
        f"Waived: {finding.message}\nJustification: {waiver.justification}\n"
        f"Reference: {waiver.reference}, requested by {waiver.requested_by}, approved by "
        f"{waiver.approved_by}, expires {waiver.expires.isoformat()}"
    )


def _problem_suite(report: Report, index: int, stamp: tuple[str, str]) -> ET.Element:
    problems = report.problems
    counts = {"tests": len(problems), "failures": 0, "errors": len(problems), "skipped": 0}
    suite = _suite("input problems", "complychk.input", index, stamp, counts)
    _properties(suite, {"complychk.version": report.tool_version})
    seen: set[tuple[str, str]] = set()
    for problem in problems:
        suite.append(_problem_case(problem, seen))
    _tail(suite, "")
    return suite


def _problem_case(problem: InputProblem, seen: set[tuple[str, str]]) -> ET.Element:
    classname = "complychk.input"
    name = _unique(classname, problem.file, seen)
    case = ET.Element("testcase", {"name": name, "classname": classname, "time": _ZERO_TIME})
    error = ET.SubElement(
        case, "error", {"message": _text(one_line(problem.message)), "type": "InputProblem"}
    )
    error.text = _text(
        problem.message if names_its_file(problem) else f"{problem.file}: {problem.message}"
    )
    return case


def _notes_suite(report: Report, index: int, stamp: tuple[str, str]) -> ET.Element:
    """Report notes (waivers that did not apply) as skipped testcases, visible in CI test views."""
    notes = report.notes
    counts = {"tests": len(notes), "failures": 0, "errors": 0, "skipped": len(notes)}
    suite = _suite("notes", "complychk.notes", index, stamp, counts)
    _properties(suite, {"complychk.version": report.tool_version})
    seen: set[tuple[str, str]] = set()
    for note in notes:
        name = _unique("complychk.notes", f"{note.file}:{note.line}", seen)
        case = ET.SubElement(
            suite, "testcase", {"name": name, "classname": "complychk.notes", "time": _ZERO_TIME}
        )
        ET.SubElement(case, "skipped").text = _text(note.text())
    _tail(suite, "")
    return suite


def _properties(suite: ET.Element, values: dict[str, str]) -> None:
    """The suite's <properties>, which the Ant schema requires and junit-4 wants non-empty."""
    properties = ET.SubElement(suite, "properties")
    for name, value in values.items():
        ET.SubElement(properties, "property", {"name": name, "value": _text(value)})


def _tail(suite: ET.Element, log: str) -> None:
    """The <system-out> and <system-err> the Ant schema requires after the testcases."""
    ET.SubElement(suite, "system-out").text = _text(log)
    ET.SubElement(suite, "system-err").text = ""


def _unique(classname: str, name: str, seen: set[tuple[str, str]]) -> str:
    """A testcase name unique within the document; GitLab drops repeated classname+name pairs."""
    base = _token(name)
    candidate, counter = base, 1
    while (classname, candidate) in seen:
        counter += 1
        candidate = f"{base} ({counter})"
    seen.add((classname, candidate))
    return candidate


def _token(text: str) -> str:
    """An xs:token with at least one character, as the Ant schema wants for names."""
    return one_line(text) or "unnamed"


def _text(text: str) -> str:
    """Text XML 1.0 can carry: control characters become visible escapes."""
    return visible(text)
