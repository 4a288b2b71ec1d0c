"""Compiled ``Given`` steps: whether a condition applies to a proposal at all."""

from __future__ import annotations

from dataclasses import dataclass

from complychk.conditions.checks import Context
from complychk.conditions.glossary import as_clause


@dataclass(frozen=True)
class KindIs:
    """``Given the proposal is a CCG merger`` (or several kinds joined by "or")."""

    text: str
    line: int
    kinds: tuple[str, ...]

    def applies(self, context: Context) -> bool | None:
        return context.data.get("kind") in self.kinds

    def why_not(self, result: bool | None) -> str:
        return f"applies only when {self.text}"


@dataclass(frozen=True)
class TermIs:
    """``Given {term} is true/false/stated/false or not stated``: the condition applies only then."""

    text: str
    line: int
    term: str
    expect: str
    clause: str = ""
    """The term as a clause for messages (the glossary's ``clause``); its name when empty."""

    def applies(self, context: Context) -> bool | None:
        value = context.read(self.term).value
        if self.expect == "stated":
            return value not in (None, "", [])
        if self.expect == "false_or_unstated":
            return value is None or not bool(value)
        if value is None:
            return None
        return bool(value) is (self.expect == "true")

    def why_not(self, result: bool | None) -> str:
        """Why the condition does not apply (False) or may not (None), in a reader's words."""
        if result is None:
            return (
                "cannot tell whether this applies: the proposal does not say whether "
                f"{self.clause or as_clause(self.term)}"
            )
        if self.expect == "true":
            return f"applies only when {self.clause or as_clause(self.term)}"
        if self.expect == "stated":
            return f"applies only when the proposal states {self.term}"
        return f"does not apply where {self.clause or as_clause(self.term)}"
