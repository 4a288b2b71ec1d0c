"""A ``;``-separated part of a ``Source:`` line that neither starts with a source key from the
manifest nor names one of a source's ``aliases`` (so the finding would not cite it in full).

The pack loads (the line is shown as written), but the finding's citation would miss that
source's title and date. Checked only in a pack, against its manifest::

    Source: REGS reg 11; seed 004             # PASS: a key, and an alias of a source
    Source: REGZ reg 11                       # FAIL: did you mean 'REGS'?
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from complychk.conditions.feature_view import Scenario, ScenarioRule
from complychk.conditions.rule import Problem

ID = "unknown-source"


def check(scenario: Scenario) -> Iterator[Problem]:
    words_cited = scenario.file.source_keys
    if not scenario.source or words_cited is None:
        return
    lines = scenario.file.lines
    line = _label_line(lines, scenario.line)
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    keys = frozenset(key for word, key in words_cited.items() if word == key)
    for part in _split_outside_parentheses(scenario.source):
        words = re.findall(r"[A-Za-z0-9]+", part)
        if not words or words[0] in keys:
            continue
        if any(words_cited.get(word, word) != word for word in words):
            continue  # names a source by an alias
        key = words[0]
        close = _closest(key, keys)
        hint = f"did you mean {close!r}?" if close else f"known keys: {', '.join(sorted(keys))}"
        message = (
            f"condition {scenario.label} cites {key!r}, which is not a source key in the pack "
            "manifest"
        )
        yield scenario.file.problem(line, text.find(key) + 1, message, hint, ID)


def _label_line(lines: tuple[str, ...], after: int) -> int:
    pattern = re.compile(r"^\s*source\s*:", re.IGNORECASE)
    for number in range(after + 1, len(lines) + 1):
        if pattern.match(lines[number - 1]):
            return number
    return after


def _split_outside_parentheses(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth <= 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [part.strip() for part in [*parts, current] if part.strip()]


def _closest(word: str, choices: frozenset[str]) -> str | None:
    lowered = {choice.lower(): choice for choice in choices}
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None


RULE = ScenarioRule(ID, __doc__ or "", stops_load=False, check=check)
