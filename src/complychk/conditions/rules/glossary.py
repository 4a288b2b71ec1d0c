"""A glossary entry of the manifest is malformed (it refers to a term not defined, say).

Steps are read through the glossary, so it stops a pack loading.
"""

from __future__ import annotations

from complychk.conditions.rule import Rule

ID = "glossary"

RULE = Rule(ID, __doc__ or "", stops_load=True)
