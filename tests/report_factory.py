"""Hand-built Report objects for reporter tests, including hostile proposal text."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from complychk.conditions.condition import Citation, Severity
from complychk.evaluate.findings import (
    Evidence,
    Finding,
    InputProblem,
    Outcome,
    ProposalReport,
    Report,
    WaiverNote,
)

EVIL_SCRIPT = "<script>alert(1)</script>"
EVIL_IMG = '<img src=x onerror="alert(2)">'
EVIL_TITLE = f'Stroke "hyper-acute" | 100% {EVIL_SCRIPT}, Kent: Medway & Swale'
EVIL_MESSAGE = f"Consultation closed early,\nsee: section 3 | 50% {EVIL_IMG} — Ysbyty Gwynedd café"

GUIDANCE = Citation(
    key="service-change-2018",
    title="Planning, assuring and delivering service change for patients",
    date="March 2018",
    section="Chapter 4",
    url="https://www.england.nhs.uk/publication/planning-assuring-and-delivering-service-change-for-patients/",
)
DUTY = Citation(key="nhs-act-14z45", title="NHS Act 2006 s.14Z45", section="duty to involve")


def finding(
    condition_id: str,
    outcome: Outcome,
    severity: Severity = Severity.MUST,
    theme: str = "Public involvement",
    **changes: object,
) -> Finding:
    """One finding with plausible defaults; override any field by keyword."""
    base = Finding(
        condition_id=condition_id,
        title=f"Condition {condition_id} holds",
        theme=theme,
        severity=severity,
        outcome=outcome,
        message=f"{condition_id} is {outcome.label}.",
        evidence=(
            Evidence(
                path="engagement.consultation.weeks", file="proposals/a.yaml", line=12, column=5
            ),
        ),
        source="Service change guidance 2018, ch. 4",
        remedy="Record the consultation length in engagement.consultation.weeks.",
        citations=(GUIDANCE,),
        feature_file="rules/nhs-england/involvement.feature",
        feature_line=3,
        tags=("@involvement",),
    )
    return base._replace(**changes)


def waiver() -> WaiverNote:
    return WaiverNote(
        justification="Agreed with the regional team, pending a second consultation: phase 2",
        requested_by="Accountable Officer",
        approved_by="Regional Director of Strategy",
        reference="WVR-2025-007",
        expires=dt.date(2025, 12, 31),
    )


def evil_proposal() -> ProposalReport:
    """A proposal whose own text tries to break every output format."""
    return ProposalReport(
        file="proposals/kent, medway: 100%.yaml",
        proposal_id="kent-and-medway",
        title=EVIL_TITLE,
        kind="service-change",
        pack="nhs-england",
        findings=(
            finding("SC-001", Outcome.PASS, theme="Clinical evidence"),
            finding(
                "SC-002",
                Outcome.FAIL,
                theme="Clinical evidence",
                title=f"Clinical senate | review {EVIL_SCRIPT}",
                message=EVIL_MESSAGE,
                evidence=(
                    Evidence(
                        path="clinical.senate.review_date",
                        file="proposals/kent, medway: 100%.yaml",
                        line=0,
                        column=0,
                        value=f"{EVIL_IMG}\r\nline two",
                    ),
                    Evidence(
                        path="clinical.summary", file="proposals/kent, medway: 100%.yaml", line=40
                    ),
                ),
                remedy="Attach the senate letter, then re-run: complychk check.",
            ),
            finding("SC-003", Outcome.FAIL, Severity.SHOULD, evidence=()),
            finding("SC-004", Outcome.FAIL, Severity.ADVISORY),
            finding("SC-005", Outcome.NOT_APPLICABLE, message="No beds change."),
            finding(
                "SC-006", Outcome.INSUFFICIENT_EVIDENCE, Severity.SHOULD, citations=(GUIDANCE, DUTY)
            ),
            finding("SC-007", Outcome.PENDING, message="Consultation closes 2026-01-31."),
            finding(
                "SC-008", Outcome.WAIVED, waiver=waiver(), message="Only 8 weeks of consultation."
            ),
        ),
    )


def plain_proposal() -> ProposalReport:
    """A proposal where everything passes but one must condition."""
    return ProposalReport(
        file="proposals/north-cumbria.yaml",
        proposal_id="north-cumbria",
        title="Community hospital beds",
        kind="service-change",
        pack="nhs-england",
        findings=(
            finding(
                "SC-001",
                Outcome.PASS,
                theme="Clinical evidence",
                evidence=(
                    Evidence(path="clinical.evidence", file="proposals/north-cumbria.yaml", line=7),
                ),
            ),
            finding(
                "SC-009",
                Outcome.FAIL,
                Severity.MUST,
                evidence=(
                    Evidence(
                        path="finance.capital",
                        file="proposals/north-cumbria.yaml",
                        line=30,
                        column=3,
                    ),
                ),
            ),
        ),
    )


def sample_report() -> Report:
    """Two proposals and one unreadable file, every outcome and severity represented."""
    return Report(
        tool_version="0.1.0",
        as_of=dt.date(2025, 6, 30),
        fail_on=Severity.SHOULD,
        proposals=(evil_proposal(), plain_proposal()),
        problems=(
            InputProblem(
                file="proposals/broken.yaml",
                message="line 3: mapping values are not allowed here\n<b>x</b>",
            ),
        ),
    )


def empty_report() -> Report:
    return Report(
        tool_version="0.1.0", as_of=dt.date(2025, 6, 30), fail_on=Severity.MUST, proposals=()
    )


def schemas_dir() -> Path:
    """The official SARIF and JUnit schemas, kept in tests/data/schemas (see its README)."""
    return Path(__file__).resolve().parent / "data" / "schemas"


def control_character_report() -> Report:
    """Terminal escapes, NUL, a bidi override and a lone surrogate in proposal text."""
    nasty = "clear\x1b[2J screen\x00 nul \u202eevil\u202c \ud800 end"
    proposal = replace(
        plain_proposal(),
        title=nasty,
        findings=(finding("SC-010", Outcome.FAIL, title=nasty, message=nasty, remedy=nasty),),
    )
    return replace(sample_report(), proposals=(proposal,), problems=())
