"""What an authoring rule is and says: its ID, whether it stops a pack loading, its problems."""

from __future__ import annotations

from dataclasses import dataclass

from complychk.errors import InputError


@dataclass(frozen=True, order=True)
class Problem:
    """One authoring problem, located; sorts by file, line and column.

    The same words serve a pack that fails to load (:meth:`error`) and a lint listing
    (:attr:`text`), so an author reads one message wherever the problem is found.
    """

    file: str
    line: int
    column: int
    message: str
    hint: str
    rule: str

    @property
    def text(self) -> str:
        """What is wrong and, in brackets, what to do: as an :class:`InputError` says it."""
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def error(self) -> InputError:
        return InputError(self.file, self.line, self.column, self.message, self.hint)


@dataclass(frozen=True)
class Rule:
    """An authoring rule: its ID (shown in lint output), what it finds, and whether a pack
    breaking it fails to load, or only lint reports it."""

    id: str
    doc: str
    stops_load: bool

    @property
    def summary(self) -> str:
        """The first paragraph of the rule's docstring, on one line: what it finds."""
        return " ".join(self.doc.strip().split("\n\n")[0].split())
