"""An example step plugin: ``Then {term} must be at most {n} characters long``.

A plugin gives complychk a sequence of :class:`complychk.conditions.vocabulary.StepPhrase` through the
``complychk.steps`` entry point group. Each phrase's builder turns the matched step into a check:
an object with ``text``, ``line``, ``atoms`` (the comparisons the rules engine decides),
``measure(context)`` (the value compared, read from the proposal) and ``requirement()``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from complychk.conditions.checks import Atom, Context, Measure, unstated
from complychk.conditions.vocabulary import StepInput, StepPhrase


@dataclass(frozen=True)
class TextLength:
    """The length of a text term must not exceed a limit."""

    text: str
    line: int
    term: str
    limit: int

    @property
    def atoms(self) -> tuple[Atom, ...]:
        return (Atom("<=", self.limit),)

    def measure(self, context: Context) -> Measure:
        resolved = context.read(self.term)
        if resolved.value is None:
            return Measure(None, resolved.paths, unstated(context, self.term))
        length = len(str(resolved.value))
        return Measure(length, resolved.paths, f"{self.term} is {length} characters long")

    def requirement(self) -> str:
        return f"at most {self.limit} characters required"


def _build(match: re.Match[str], step: StepInput) -> TextLength:
    return TextLength(step.text, step.line, step.term(match["a"]), int(match["n"]))


PHRASES = (
    StepPhrase(
        keyword="Then",
        template="{term} must be at most {n} characters long",
        meaning="Text must not be longer than n characters (a plugin phrase).",
        example="Then the new CCG name must be at most 60 characters long",
        pattern=re.compile(
            r"^(?P<a>.+) must be at most (?P<n>\d+) characters long$", re.IGNORECASE
        ),
        build=_build,
    ),
)
