"""Gherkin parser errors in plain words: what is wrong on the line, and what to write instead.

The parser reports the tokens it expected (``expected: #EOF, #TableRow, #StepLine, ...``),
which tells a policy author nothing. Each rule below recognises one situation from the expected
tokens and the line found, and says it as an author would; anything else falls back to the
expected tokens named in words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

GUIDE = "docs/authoring.md shows the layout of a feature file"


class Explained(NamedTuple):
    """A parser error as one line: the problem and what to do."""

    line: int
    column: int
    problem: str
    hint: str


class _Seen(NamedTuple):
    expected: frozenset[str]
    got: str | None
    """The line's text, or None at the end of the file."""


_TOKEN_WORDS = {
    "#EOF": "the end of the file",
    "#Language": "a '# language:' line",
    "#TagLine": "tags",
    "#FeatureLine": "'Feature:'",
    "#RuleLine": "'Rule:'",
    "#BackgroundLine": "'Background:'",
    "#ScenarioLine": "'Scenario:'",
    "#ExamplesLine": "'Examples:'",
    "#StepLine": "a step (Given, Then, And, But)",
    "#TableRow": "a table row (| a | b |)",
    "#DocStringSeparator": '""" (a doc string)',
    "#Comment": "a # comment",
    "#Empty": "a blank line",
    "#Other": "text",
}


def _before_feature(seen: _Seen) -> tuple[str, str] | None:
    if "#FeatureLine" not in seen.expected or seen.got is None:
        return None
    return (
        f"{seen.got!r} comes before the 'Feature:' line",
        "start the file with 'Feature: <theme>'; only tags and # comments may come before it",
    )


def _open_doc_string(seen: _Seen) -> tuple[str, str] | None:
    if seen.got is not None or "#DocStringSeparator" not in seen.expected:
        return None
    return (
        'a doc string opened with """ is never closed',
        'close it with """ on a line of its own',
    )


def _background_late(seen: _Seen) -> tuple[str, str] | None:
    if seen.got is None or not seen.got.startswith("Background:"):
        return None
    return (
        "a Background comes after a Scenario",
        "move the Background above the first Scenario (or Rule) it sets the scene for",
    )


def _dangling_tags(seen: _Seen) -> tuple[str, str] | None:
    if "#TagLine" not in seen.expected or seen.expected & {"#StepLine", "#EOF", "#Other"}:
        return None
    found = "the file ends" if seen.got is None else f"{seen.got!r} comes"
    return (
        f"{found} after tags that tag nothing",
        "put tags on the lines just above the Scenario, Rule or Examples they belong to, or "
        "remove them",
    )


def _step_after_examples(seen: _Seen) -> tuple[str, str] | None:
    if seen.got is None or "#StepLine" in seen.expected or "#ExamplesLine" not in seen.expected:
        return None
    if not re.match(r"(Given|When|Then|And|But)\b", seen.got):
        return None
    return (
        f"the step {seen.got!r} comes after an Examples table",
        "put every step of a Scenario Outline above its 'Examples:'",
    )


def _second_feature(seen: _Seen) -> tuple[str, str] | None:
    if seen.got is None or "#FeatureLine" in seen.expected or not seen.got.startswith("Feature:"):
        return None
    return (
        f"{seen.got!r} starts a second Feature, and a file holds one",
        "move its scenarios into this Feature, or the Feature into a file of its own",
    )


_KEYWORDS = ("Feature", "Rule", "Background", "Scenario Outline", "Scenario", "Examples")


def _keyword_without_colon(seen: _Seen) -> tuple[str, str] | None:
    if seen.got is None:
        return None
    for keyword in _KEYWORDS:
        if re.fullmatch(rf"{keyword}\b[^:]*", seen.got, re.IGNORECASE):
            return (
                f"{seen.got!r} reads as text, not as '{keyword}:', since the colon is missing",
                f"write '{keyword}:' followed by the title, if any",
            )
    return None


def _stray_text(seen: _Seen) -> tuple[str, str] | None:
    if seen.got is None or "#StepLine" not in seen.expected:
        return None
    return (
        f"{seen.got!r} is not a step, a table row or a keyword line",
        "start a step with Given, Then, And or But; write free text under the Scenario line, "
        "before the first step (as Source: and Remedy: are); start a comment with #",
    )


_RULES: tuple[Callable[[_Seen], tuple[str, str] | None], ...] = (
    _before_feature,
    _open_doc_string,
    _background_late,
    _second_feature,
    _keyword_without_colon,
    _dangling_tags,
    _step_after_examples,
    _stray_text,
)

_LOCATED = re.compile(r"^\((\d+):(\d+)\): (.*)$", re.DOTALL)
_UNEXPECTED = re.compile(r"^expected: (.*), got '(.*)'$", re.DOTALL)
_EOF = re.compile(r"^unexpected end of file, expected: (.*)$", re.DOTALL)
_LANGUAGE = re.compile(r"^Language not supported: (.*)$")


def explain(error: Any) -> Explained:
    """One parser error (from ``gherkin.parser.Parser().parse``) in plain words, located."""
    text = str(error)
    location = getattr(error, "location", None) or {}
    line = int(location.get("line") or 1)
    column = int(location.get("column") or 1)
    located = _LOCATED.match(text)
    message = located[3] if located else text
    problem, hint = _words(message)
    return Explained(line, column, problem, hint)


def _words(message: str) -> tuple[str, str]:
    unexpected = _UNEXPECTED.match(message)
    eof = _EOF.match(message)
    matched = unexpected or eof
    if matched is not None:
        seen = _Seen(frozenset(matched[1].split(", ")), unexpected[2] if unexpected else None)
        for rule in _RULES:
            found = rule(seen)
            if found is not None:
                return found
        wanted = ", ".join(
            sorted({_TOKEN_WORDS.get(token, token) for token in seen.expected} - {"a blank line"})
        )
        where = "the file ends here" if seen.got is None else f"{seen.got!r} is not expected here"
        return f"{where}; what may come here: {wanted}", GUIDE
    if message == "inconsistent cell count within the table":
        return (
            "this table row has a different number of cells from the rows above",
            "give every row of the table the same number of | cells",
        )
    language = _LANGUAGE.match(message)
    if language:
        return (
            f"Gherkin has no language {language[1]!r}",
            "remove the '# language:' line (English is the default) or name a language "
            "Gherkin knows, such as en",
        )
    return message, GUIDE
