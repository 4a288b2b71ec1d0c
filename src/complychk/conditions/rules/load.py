"""The pack still fails to load (a problem lint has no rule for).

Lint finishes by loading each pack it finds clean, so a pack that lints clean always loads.
"""

from __future__ import annotations

from complychk.conditions.rule import Rule

ID = "load"

RULE = Rule(ID, __doc__ or "", stops_load=True)
