"""What a settings file may hold: the pydantic model that checks ``.complychk.yaml`` and
``[tool.complychk]``, kept apart so a run without a settings file never imports pydantic's
model machinery."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from complychk.conditions.condition import Severity
from complychk.errors import ConfigError


class FileSettings(BaseModel):
    """What a settings file may say; every key optional, none other allowed.

    Names are the command line's, without the dashes in front: a key in the file reads as the
    option a user would otherwise type.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True)

    pack: str | None = Field(default=None, min_length=1)
    pack_dir: str | None = Field(default=None, alias="pack-dir", min_length=1)
    fail_on: Severity | None = Field(default=None, alias="fail-on")
    as_of: dt.date | None = Field(default=None, alias="as-of")
    tags: str | None = Field(default=None, min_length=1)
    waivers: str | None = Field(default=None, min_length=1)
    format: list[str] | None = None
    jobs: int | None = Field(default=None, ge=1)
    engine: Literal["durable", "reference"] | None = None
    sarif_level: Literal["error", "warning", "note"] | None = Field(
        default=None, alias="sarif-level"
    )
    color: Literal["auto", "always", "never"] | None = None
    quiet: bool | None = None
    compact: bool | None = None
    draft: bool | None = None

    @field_validator("format")
    @classmethod
    def _known_formats(cls, specs: list[str] | None) -> list[str] | None:
        """Each entry FORMAT or FORMAT=FILE, checked here so a mistake is reported at its line."""
        from complychk.reports import REPORTERS

        for spec in specs or []:
            name, equals, target = spec.partition("=")
            if name not in REPORTERS:
                raise ValueError(f"unknown format {name!r}; choose from {', '.join(REPORTERS)}")
            if equals and not target:
                raise ValueError(f"{spec!r} has no file name after '='")
        return specs

    @field_validator("tags")
    @classmethod
    def _tag_expression(cls, expression: str | None) -> str | None:
        from complychk.conditions.tags import parse_tag_expression

        if expression is not None:
            try:
                parse_tag_expression(expression)
            except ConfigError as error:
                raise ValueError(str(error).removeprefix("--tags: ")) from None
        return expression
