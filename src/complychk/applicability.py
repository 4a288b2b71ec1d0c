"""Compiled ``Given`` steps: whether a condition applies to a proposal at all."""

from __future__ import annotations

from dataclasses import dataclass

from complychk.checks import Context


@dataclass(frozen=True)
class KindIs:
    """``Given the proposal is a CCG merger`` (or several kinds joined by "or")."""

    text: str
    line: int
    kinds: tuple[str, ...]

    def applies(self, context: Context) -> bool | None:
        return context.data.get("kind") in self.kinds


@dataclass(frozen=True)
class Condition:
    """``Given {term} is true/false/stated/false or not stated``: the condition applies only then."""

    text: str
    line: int
    term: str
    expect: str

    def applies(self, context: Context) -> bool | None:
        value = context.read(self.term).value
        if self.expect == "stated":
            return value not in (None, "", [])
        if self.expect == "false_or_unstated":
            return value is None or not bool(value)
        if value is None:
            return None
        return bool(value) is (self.expect == "true")
