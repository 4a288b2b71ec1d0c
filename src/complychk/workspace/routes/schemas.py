"""The JSON API's response shapes, so /openapi.json describes each answer field by field."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Counts(BaseModel):
    fail: int = 0
    insufficient_evidence: int = 0
    pending: int = 0
    waived: int = 0
    not_applicable: int = 0
    # "pass" is a Python keyword: the field is named pass_ and read and written as "pass"
    pass_: int = Field(0, alias="pass")

    model_config = {"populate_by_name": True, "serialize_by_alias": True}


class SubmissionSummary(BaseModel):
    number: int = Field(description="1 for an application's first submission, then 2, 3, ...")
    file_name: str
    proposal_id: str
    title: str
    kind: str
    pack: str
    pack_version: str
    tool_version: str = Field(description="the complychk that checked it")
    as_of: str = Field(description="assessment date, YYYY-MM-DD")
    submitted_at: str = Field(description="when it was stored, UTC")
    counts: Counts
    blocks: bool = Field(description="whether a finding fails it at must, as check exits 1")


class ApplicationItem(BaseModel):
    slug: str
    title: str
    submissions: int
    latest: SubmissionSummary


class ApplicationList(BaseModel):
    total: int = Field(description="applications matching, whatever limit and offset")
    applications: list[ApplicationItem]


class ApplicationDetail(BaseModel):
    slug: str
    title: str
    status: str = Field(
        description="draft, submitted, under review, approved, approved with conditions, rejected"
    )
    created_at: str
    submissions: list[SubmissionSummary]


class ReviewBrief(BaseModel):
    state: str = Field(description="accepted, waiver requested, waived, waiver refused, ...")
    re_review: bool = Field(
        description="carried over from a submission whose finding had another outcome or evidence"
    )


class SubmissionDetail(SubmissionSummary):
    application: str
    proposal_text: str
    report: dict[str, Any] = Field(
        description="the complychk check --format json document (data/report.schema.json)"
    )
    reviews: dict[str, ReviewBrief] = Field(
        default_factory=dict,
        description="the decision on each finding that has one, by condition ID",
    )


class SavedSubmission(SubmissionSummary):
    application: str


class InputErrorDoc(BaseModel):
    line: int | None
    column: int | None
    message: str = Field(description="FILE:LINE:COL: what is wrong (what to do)")


class SaveRefused(BaseModel):
    error: InputErrorDoc


class LiveFinding(BaseModel):
    condition_id: str
    title: str
    theme: str
    severity: str
    outcome: str
    message: str
    lines: list[int] = Field(description="proposal lines its evidence points at")


class CheckResult(BaseModel):
    error: InputErrorDoc | None = Field(description="set when the text cannot be read")
    proposal_id: str | None = None
    pack: str | None = None
    as_of: str | None = None
    blocks: bool | None = None
    counts: Counts | None = None
    findings: list[LiveFinding] = Field(description="failures first, as the page shows them")


class ImportedFile(BaseModel):
    file_name: str
    stored: bool
    error: str | None = None
    application: str | None = None
    number: int | None = None
    blocks: bool | None = None


class UploadResults(BaseModel):
    results: list[ImportedFile]


class TokenItem(BaseModel):
    id: int = Field(description="the token's number, as complychk tokens list shows it")
    application: str
    label: str
    created_at: str = Field(description="when it was made, UTC")
    last_used_at: str | None = Field(description="its last use, UTC, to the minute")
    revoked_at: str | None = Field(description="when it was revoked, UTC; null while it works")


class TokenList(BaseModel):
    tokens: list[TokenItem]


class NewToken(TokenItem):
    token: str = Field(description="the token itself: shown this once, never stored")
