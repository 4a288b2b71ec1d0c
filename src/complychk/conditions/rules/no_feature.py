"""A file with no ``Feature:`` at all (an empty file, or only comments).

Such a file would add no conditions without a word, so it stops a pack loading::

    # a draft, not begun                      # FAIL: no Feature line
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import FeatureFile, FileRule
from complychk.conditions.rule import Problem

ID = "no-feature"


def check(file: FeatureFile) -> Iterator[Problem]:
    if file.document is not None and not file.feature:
        hint = "start the file with 'Feature: <theme>'"
        yield file.problem(1, 1, "no Feature in this file", hint, ID)


RULE = FileRule(ID, __doc__ or "", stops_load=True, check=check)
