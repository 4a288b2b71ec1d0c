"""The one error family: every user-facing problem carries a file, a line and what to do."""

from __future__ import annotations


class ComplychkError(Exception):
    """Base class for every error complychk reports to a user (exit status 2)."""

    exit_code = 2


class InputError(ComplychkError):
    """A problem in a file the user gave us, located as precisely as we can.

    Rendered as one line, ``FILE:LINE:COL: what is wrong (what to do)``, so editors and CI logs
    can jump to it.
    """

    def __init__(
        self,
        file: str,
        line: int,
        column: int,
        problem: str,
        hint: str = "",
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
        self.hint = hint
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[InputError], tuple[str, int, int, str, str]]:
        """Rebuild from the fields, so the error survives the trip back from a worker process."""
        return (type(self), (self.file, self.line, self.column, self.problem, self.hint))

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.problem}"
        return f"{text} ({self.hint})" if self.hint else text


class ConfigError(ComplychkError):
    """A problem with how complychk was invoked or configured (not tied to a file line)."""
