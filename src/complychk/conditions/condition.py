"""What every condition carries whatever it checks: how much it matters and the policy it cites."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a failure matters: must blocks, should needs an explanation, advisory informs."""

    MUST = "must"
    SHOULD = "should"
    ADVISORY = "advisory"

    @property
    def rank(self) -> int:
        """Higher is more severe; used for sorting and for ``--fail-on``."""
        return _RANK[self]


_RANK: dict[Severity, int] = {Severity.MUST: 3, Severity.SHOULD: 2, Severity.ADVISORY: 1}


@dataclass(frozen=True)
class Citation:
    """A policy source in full, from the pack manifest (``rules/<pack>.yaml``)."""

    key: str
    title: str
    date: str = ""
    section: str = ""
    url: str = ""

    def text(self) -> str:
        """One-line human citation: title, date, section, URL where known."""
        parts = [self.title, self.date, self.section, self.url]
        return ", ".join(part for part in parts if part)
