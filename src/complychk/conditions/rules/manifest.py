"""The pack manifest (``rules/<pack>.yaml``) is invalid: every problem, located.

Without a valid manifest there is no glossary or source list to read the features with, so it
stops a pack loading (at its first problem).
"""

from __future__ import annotations

from complychk.conditions.rule import Rule

ID = "manifest"

RULE = Rule(ID, __doc__ or "", stops_load=True)
