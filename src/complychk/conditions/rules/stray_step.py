"""A line starting ``Given``/``When``/``Then``/``And``/``But`` that Gherkin silently read as
Feature or Rule description text (a step before any Scenario or Background).

Before the first scenario (or Background) Gherkin has nowhere to put a step, so it quietly makes
it part of the description, and the check it meant is lost. The pack still loads (the file is
valid Gherkin), so only lint can say so::

    Feature: Finance
      Given the proposal is a CCG merger      # FAIL: description text, not a step

    Feature: Finance
      Background:
        Given the proposal is a CCG merger    # PASS
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from complychk.conditions.feature_view import FeatureFile, FileRule, index_nodes
from complychk.conditions.rule import Problem

ID = "stray-step"

_STEP_WORD = re.compile(r"^\s*(Given|When|Then|And|But)\s")
_DOC_STRING = re.compile(r'^\s*("""|```)')


def check(file: FeatureFile) -> Iterator[Problem]:
    if not file.feature:
        return
    step_lines = {
        node["location"]["line"] for _, node in index_nodes(file.document) if "keywordType" in node
    }
    in_doc_string = False
    for number, raw in enumerate(file.lines, start=1):
        if _DOC_STRING.match(raw):
            in_doc_string = not in_doc_string
            continue
        match = _STEP_WORD.match(raw)
        if in_doc_string or match is None or number in step_lines:
            continue
        message = (
            f"{raw.strip()!r} is not a step: Gherkin reads it as description text because "
            "no Scenario or Background comes before it"
        )
        yield file.problem(number, match.start(1) + 1, message, "", ID)


RULE = FileRule(ID, __doc__ or "", stops_load=False, check=check)
