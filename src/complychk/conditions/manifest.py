"""The pack manifest's schema (``rules/<pack>.yaml``): what a pack is, when it applies, what it cites.

Only reading a manifest needs it; a check answered from the compiled-pack cache never does.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from complychk.proposal.model.common import IsoDate, in_words


class SourceEntry(BaseModel):
    """One policy source a pack cites."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    key: str = Field(min_length=1)
    title: str = Field(min_length=1)
    date: str = ""
    section: str = ""
    url: str = ""
    aliases: list[str] = Field(
        default_factory=list,
        description="Other single words a Source line may cite it by (a committee paper's "
        "number, '004' in 'seed 004'); the finding then cites this source in full.",
    )


class Manifest(BaseModel):
    """The pack manifest: what the pack is, when it applies, what it cites, what its nouns mean."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: str
    title: str
    period_from: IsoDate
    period_to: IsoDate | None = None
    kinds: list[str] = Field(min_length=1)
    description: str = ""
    sources: list[SourceEntry] = Field(min_length=1)
    terms: dict[str, dict[str, Any]] = Field(default_factory=dict)


def manifest_problem(problem: Any) -> str:
    """A manifest validation problem in plain words, with the fields allowed where it is."""
    loc = problem["loc"]
    model = SourceEntry if len(loc) > 2 and loc[0] == "sources" else Manifest
    return in_words(problem, list(model.model_fields))
