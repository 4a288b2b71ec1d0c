"""SARIF 2.1.0 for GitHub code scanning: a rule per condition, a result per failure to act on."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from complychk.conditions.condition import Citation, Severity
from complychk.evaluate.findings import Evidence, Finding, Outcome, ProposalReport, Report
from complychk.reports.common import names_its_file, repo_relative, sentence
from complychk.reports.escape import json_text, markdown
from complychk.reports.options import RenderOptions

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "complychkFindingHash/v1"

Json = dict[str, Any]

LEVELS: dict[Severity, str] = {
    Severity.MUST: "error",
    Severity.SHOULD: "warning",
    Severity.ADVISORY: "note",
}

# Outcomes that become results, and how each reads; passes and N/A are not alerts.
_PREFIXES: dict[Outcome, str] = {
    Outcome.FAIL: "",
    Outcome.WAIVED: "Waived: ",
    Outcome.INSUFFICIENT_EVIDENCE: "Insufficient evidence: ",
    Outcome.PENDING: "Pending: ",
}
# Undecided outcomes are notes whatever the severity, so they never read as errors, unless
# they fail the run.
_UNDECIDED = {Outcome.INSUFFICIENT_EVIDENCE, Outcome.PENDING}
_LEVEL_RANK = {"error": 3, "warning": 2, "note": 1}


def render(report: Report, options: RenderOptions) -> str:
    """One SARIF run; URIs relative to ``options.base_dir`` under ``%SRCROOT%``.

    A finding becomes a result when it fails the run, or when its level is at or above
    ``options.sarif_level``: by default (``warning``) must- and should-level failures (waived
    ones as suppressed results); ``note`` adds advisory failures and, as notes, pending and
    insufficient evidence; ``error`` keeps must-level failures only.
    """
    rules = _rules(report)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    lowest = _LEVEL_RANK[options.sarif_level]
    results = [
        _result(proposal, finding, index[finding.condition_id], options.base_dir, level)
        for proposal in report.proposals
        for finding in proposal.findings
        if finding.outcome in _PREFIXES
        for level in (_level(report, finding),)
        if report.fails(finding) or _LEVEL_RANK[level] >= lowest
    ]
    run: Json = {
        "tool": {"driver": _driver(report, rules)},
        "automationDetails": {"id": _automation_id(report)},
        "invocations": [_invocation(report, options.base_dir)],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "asOf": report.as_of.isoformat(),
            "failOn": report.fail_on.value,
            "mode": report.mode,
        },
    }
    document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json_text(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def _level(report: Report, finding: Finding) -> str:
    if finding.outcome in _UNDECIDED and not report.fails(finding):
        return "note"
    return LEVELS[finding.severity]


def _driver(report: Report, rules: list[Json]) -> Json:
    packs = sorted({proposal.pack for proposal in report.proposals})
    full_name = f"complychk {report.tool_version}"
    if packs:
        full_name += f" (pack{'s' if len(packs) > 1 else ''} {', '.join(packs)})"
    driver: Json = {
        "name": "complychk",
        "fullName": full_name,
        "version": report.tool_version,
        "semanticVersion": report.tool_version,
    }
    home = homepage()
    if home:
        driver["informationUri"] = home
    driver["rules"] = rules
    return driver


def homepage() -> str | None:
    """The project's address, as the installed package's metadata gives it (``Homepage``)."""
    from importlib import metadata

    try:
        urls: list[str] = metadata.metadata("complychk").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() == "homepage" and url.strip():
            return url.strip()
    return None


def _automation_id(report: Report) -> str:
    """``complychk/<assessment date>``: code scanning takes ``complychk`` as the category that
    matches this run's alerts with the last run's, and the rest as this run's own name (the
    date keeps the report the same from run to run, as every format but JUnit is)."""
    return f"complychk/{report.as_of.isoformat()}"


def _rules(report: Report) -> list[Json]:
    """A rule per condition ID, sorted; the first finding seen describes the rule."""
    first: dict[str, Finding] = {}
    for proposal in report.proposals:
        for finding in proposal.findings:
            first.setdefault(finding.condition_id, finding)
    return [_rule(first[condition_id]) for condition_id in sorted(first)]


def _rule(finding: Finding) -> Json:
    tags = sorted(
        {tag.lstrip("@") for tag in finding.tags} | {"compliance", finding.severity.value}
    )
    rule: Json = {
        "id": finding.condition_id,
        "name": rule_name(finding),
        "shortDescription": {"text": finding.title},
        "fullDescription": {"text": _full_description(finding)},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
        "help": {"text": _help_text(finding), "markdown": _help_markdown(finding)},
        "properties": {"tags": tags, "severity": finding.severity.value, "theme": finding.theme},
    }
    urls = [citation.url for citation in finding.citations if citation.url]
    if urls:
        rule["helpUri"] = urls[0]
    return rule


def rule_name(finding: Finding) -> str:
    """The title as UpperCamelCase ASCII: ``Clinical senate review`` -> ``ClinicalSenateReview``."""
    for text in (finding.title, finding.condition_id):
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        words = re.findall(r"[A-Za-z0-9]+", ascii_text)
        if words:
            name = "".join(word[0].upper() + word[1:] for word in words)
            return name if name[0].isalpha() else f"Condition{name}"
    return "Condition"


def _full_description(finding: Finding) -> str:
    text = f"{sentence(finding.title)} Severity: {finding.severity.value}."
    return f"{text} Source: {sentence(finding.source)}" if finding.source else text


def _help_text(finding: Finding) -> str:
    lines = [sentence(finding.title), "", f"To pass: {finding.remedy}"]
    if finding.source or finding.citations:
        lines += ["", "Sources:"]
        lines += [f"- {finding.source}"] if finding.source else []
        lines += [f"- {citation.text()}" for citation in finding.citations]
    return "\n".join(lines)


def _help_markdown(finding: Finding) -> str:
    lines = [f"**{markdown(finding.title)}**", "", f"**To pass:** {markdown(finding.remedy)}"]
    if finding.source or finding.citations:
        lines += ["", "**Sources:**", ""]
        lines += [f"- {markdown(finding.source)}"] if finding.source else []
        lines += [f"- {_citation_markdown(citation)}" for citation in finding.citations]
    return "\n".join(lines)


def _citation_markdown(citation: Citation) -> str:
    """The citation with its title linked to the URL, when the URL is a web address."""
    if not citation.url.startswith(("https://", "http://")):
        return markdown(citation.text())
    label = ", ".join(part for part in (citation.title, citation.date, citation.section) if part)
    target = quote(citation.url, safe=":/?#[]@!$&'()*+,;=%~")
    return f"[{markdown(label)}](<{target}>)"


def _result(
    proposal: ProposalReport, finding: Finding, rule_index: int, base_dir: str, level: str
) -> Json:
    evidence = finding.evidence or (Evidence(path="", file=proposal.file, line=1),)
    uri = _artifact(evidence[0].file, base_dir)
    result: Json = {
        "ruleId": finding.condition_id,
        "ruleIndex": rule_index,
        "level": level,
        "message": {"text": _message(finding)},
        "locations": [_location(evidence[0], base_dir)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding, uri, evidence[0].path)},
        "properties": {
            "outcome": finding.outcome.value,
            "severity": finding.severity.value,
            "proposalId": proposal.proposal_id,
            "proposalFile": proposal.file,
        },
    }
    if len(evidence) > 1:
        result["relatedLocations"] = [
            {**_location(item, base_dir), "id": number}
            for number, item in enumerate(evidence[1:], start=1)
        ]
    if finding.outcome is Outcome.WAIVED:
        result["suppressions"] = [_suppression(finding)]
    return result


def _message(finding: Finding) -> str:
    """First sentence is the alert title GitHub shows; the remedy follows."""
    text = _PREFIXES[finding.outcome] + sentence(finding.message or finding.title)
    return f"{text} To pass: {sentence(finding.remedy)}" if finding.remedy else text


def _location(evidence: Evidence, base_dir: str) -> Json:
    location: Json = {
        "physicalLocation": {
            "artifactLocation": _artifact(evidence.file, base_dir),
            "region": {"startLine": max(evidence.line, 1), "startColumn": max(evidence.column, 1)},
        }
    }
    if evidence.path:
        location["message"] = {"text": evidence.path}
    return location


def _artifact(file: str, base_dir: str) -> Json:
    """Relative to the repository root under %SRCROOT%, or an absolute file URI if outside it."""
    relative = repo_relative(file, base_dir)
    if relative is None:
        return {"uri": Path(file).absolute().as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}


def fingerprint(finding: Finding, artifact: Json, field_path: str) -> str:
    """Stable across runs and line moves: rule, file and field path, never the line number."""
    key = "\x00".join([finding.condition_id, str(artifact["uri"]), field_path])
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _suppression(finding: Finding) -> Json:
    waiver = finding.waiver
    suppression: Json = {"kind": "external", "status": "accepted"}
    if waiver is None:
        suppression["justification"] = finding.message
        return suppression
    suppression["justification"] = f"{sentence(waiver.justification)} ({waiver.reference})"
    suppression["properties"] = {
        "reference": waiver.reference,
        "requestedBy": waiver.requested_by,
        "approvedBy": waiver.approved_by,
        "expires": waiver.expires.isoformat(),
    }
    return suppression


def _invocation(report: Report, base_dir: str) -> Json:
    """Unreadable proposals become error notifications, so a partial run is visible as one."""
    notifications = [
        {
            "level": "error",
            "message": {
                "text": f"Could not check {problem.message}"
                if names_its_file(problem)
                else f"Could not check {problem.file}: {problem.message}"
            },
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(problem.file, base_dir),
                        "region": {"startLine": problem.line, "startColumn": problem.column},
                    }
                }
            ],
        }
        for problem in report.problems
    ]
    notifications.extend(
        {
            "level": "warning",
            "message": {"text": note.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(note.file, base_dir),
                        "region": {
                            "startLine": max(note.line, 1),
                            "startColumn": max(note.column, 1),
                        },
                    }
                }
            ],
        }
        for note in report.notes
    )
    invocation: Json = {"executionSuccessful": not report.problems}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation
