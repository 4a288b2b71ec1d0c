"""Gherkin syntax errors, every one the parser reports, each said in words with what to write
instead (``'Examples' reads as text, not as 'Examples:', since the colon is missing``).

A file Gherkin cannot read holds no conditions anyone can trust, so this stops a pack loading.
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import FeatureFile, FileRule
from complychk.conditions.gherkin_errors import explain
from complychk.conditions.rule import Problem

ID = "syntax"


def check(file: FeatureFile) -> Iterator[Problem]:
    for error in file.syntax_errors:
        said = explain(error)
        message = f"Gherkin syntax error: {said.problem}"
        yield file.problem(said.line, said.column, message, said.hint, ID)


RULE = FileRule(ID, __doc__ or "", stops_load=True, check=check)
