"""An Examples column no ``<placeholder>`` of the outline uses.

The pack loads, but the values in that column check nothing: a misspelt placeholder, or a
column left over from an earlier draft::

    Then the <thing> must be stated
    Examples:
      | thing             | spare |           # FAIL: 'spare'
      | reinvestment plan | x     |
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import Scenario, ScenarioRule, placeholders
from complychk.conditions.rule import Problem

ID = "unused-column"


def check(scenario: Scenario) -> Iterator[Problem]:
    blocks = scenario.node.get("examples", [])
    used = placeholders(scenario) if blocks else {}
    for block in blocks:
        header = block.get("tableHeader")
        for cell in header["cells"] if header else []:
            if cell["value"] not in used:
                message = (
                    f"Examples column {cell['value']!r} is not used by any <{cell['value']}> "
                    "in the outline"
                )
                where = cell["location"]
                yield scenario.file.problem(where["line"], where["column"], message, "", ID)


RULE = ScenarioRule(ID, __doc__ or "", stops_load=False, check=check)
