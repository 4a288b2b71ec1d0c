"""Field types and building blocks shared by every kind of proposal."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt

from complychk.proposal.model.values import empty_list, parse_iso_date

IsoDate = Annotated[dt.date, BeforeValidator(parse_iso_date)]
"""A calendar date written ``YYYY-MM-DD``."""

Text = Annotated[str, Field(min_length=1, max_length=20_000)]
"""Free text; empty strings are treated as a mistake rather than as evidence."""

Name = Annotated[str, Field(min_length=1, max_length=300)]

Money = Annotated[StrictInt, Field(ge=0, le=10**13)]
"""Whole pounds sterling (GBP), never negative, never pence."""

Population = Annotated[StrictInt, Field(ge=0, le=100_000_000)]
"""A head count of people."""

Count = Annotated[StrictInt, Field(ge=0, le=1_000_000)]

Percent = Annotated[float, Field(ge=0, le=100, strict=True)]
"""A percentage from 0 to 100 (75 means 75%)."""

Days = Annotated[StrictInt, Field(ge=0, le=36_500)]

Flag = StrictBool

PROPOSAL_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,79}$"
ODS_CODE_PATTERN = r"^[A-Z0-9]{3,6}$"
FINANCIAL_YEAR_PATTERN = r"^[0-9]{4}[/][0-9]{2}$"

FinancialYear = Annotated[str, Field(pattern=FINANCIAL_YEAR_PATTERN)]
"""A financial year, April to March, written ``2017/18``."""

PATTERN_WORDS: dict[str, str] = {
    PROPOSAL_ID_PATTERN: "expected lower-case letters, digits and hyphens, at most 80 "
    "(e.g. kent-and-medway-2019-09)",
    ODS_CODE_PATTERN: "expected an ODS code: 3 to 6 capital letters or digits (e.g. QU9)",
    FINANCIAL_YEAR_PATTERN: "expected a financial year written like 2017/18",
}
"""What each field pattern asks for, in words, for messages (a regular expression is not)."""


def in_words(
    problem: Mapping[str, Any], fields: Sequence[str], patterns: Mapping[str, str] = PATTERN_WORDS
) -> str:
    """One validation problem of a waiver file or pack manifest in the words proposal messages
    use, not pydantic's; ``fields`` are the names allowed where the problem is."""
    kind = problem["type"]
    if kind == "extra_forbidden":
        name = str(problem["loc"][-1])
        close = difflib.get_close_matches(name, list(fields), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"known fields: {', '.join(fields)}"
        return f"unknown field {name!r} ({hint})"
    if kind == "missing":
        return "this required field is missing"
    if kind == "too_short" and problem["ctx"].get("min_length") == 1:
        return "needs at least one item"
    if kind == "string_type":
        return f"expected text, got {problem['input']!r} (put it in quotes)"
    if kind == "string_pattern_mismatch" and problem["ctx"]["pattern"] in patterns:
        return f"{patterns[problem['ctx']['pattern']]}, got {problem['input']!r}"
    message = str(problem["msg"]).removeprefix("Value error, ")
    return message[0].lower() + message[1:]


ProposalId = Annotated[str, Field(pattern=PROPOSAL_ID_PATTERN)]

OdsCode = Annotated[str, Field(pattern=ODS_CODE_PATTERN)]
"""An NHS ODS organisation code, e.g. ``QU9``, ``S0E4D`` or a CCG's ``91Q``."""


class Section(BaseModel):
    """Base for every proposal section: strict types, unknown fields rejected."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


EngagementAudience = Literal[
    "council",
    "health_and_wellbeing_board",
    "scrutiny_committee",
    "public",
    "voluntary_sector",
    "local_medical_committee",
    "staff",
    "mp",
    "integrated_care_partnership",
    "healthwatch",
    "other",
]


class EngagementEvent(Section):
    """One meeting, consultation or briefing held with a stakeholder about the change."""

    audience: EngagementAudience = Field(description="Who was engaged.")
    body: Name = Field(description="The body or group engaged, e.g. 'Kent County Council'.")
    councils: list[Name] = Field(
        default_factory=empty_list,
        description="The councils this engagement covers (a joint board may cover several).",
    )
    date: IsoDate | None = Field(default=None, description="When it took place.")
    feedback_recorded: Flag | None = Field(
        default=None, description="Whether the body's feedback was recorded."
    )
    summary: Text | None = Field(default=None, description="Summary of responses received.")
