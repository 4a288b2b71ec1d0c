"""A ``<placeholder>`` in an outline with no column in its Examples table.

The pack may still load (the placeholder is read as words), but the step does not vary by row as
the author meant::

    Then the <what> must be stated
    Examples:
      | thing             |                   # FAIL: <what> has no column
      | reinvestment plan |
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import Scenario, ScenarioRule, placeholders
from complychk.conditions.rule import Problem

ID = "unknown-placeholder"


def check(scenario: Scenario) -> Iterator[Problem]:
    blocks = scenario.node.get("examples", [])
    used = placeholders(scenario) if blocks else {}
    for block in blocks:
        header = block.get("tableHeader")
        columns = {cell["value"] for cell in header["cells"]} if header else set()
        for name, (line, column) in sorted(used.items()):
            if name not in columns:
                message = (
                    f"<{name}> has no column in the Examples table at line "
                    f"{block['location']['line']}"
                )
                yield scenario.file.problem(line, column, message, "", ID)


RULE = ScenarioRule(ID, __doc__ or "", stops_load=False, check=check)
