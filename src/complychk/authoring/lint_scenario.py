"""Lint rules for one scenario (one condition): its tags, description, steps and Examples.

Also the types every lint rule shares: the problem, the per-file sink problems go into, and the
glossaries steps are read with: one that records which terms the steps name (for the
unused-term rule), and one that takes any words as a term (for a file outside a pack).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from complychk.conditions.features import ID_TAG, SEVERITY_TAGS, split_description
from complychk.conditions.glossary import Glossary, Term
from complychk.conditions.vocabulary import StepError, StepInput, Vocabulary

_LOOKS_LIKE_ID = re.compile(r"^@[A-Za-z]+(?:-[A-Za-z0-9]+)*-\d+$")
_PLACEHOLDER = re.compile(r"<([^<>]+)>")


@dataclass(frozen=True, order=True)
class LintProblem:
    """One authoring problem; sorts by file, line and column."""

    file: str
    line: int
    column: int
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message} [{self.rule}]"


@dataclass(frozen=True)
class RecordingGlossary(Glossary):
    """A glossary that notes every term a step names, for the unused-term rule."""

    used: set[str] = field(default_factory=set)

    def get(self, name: str) -> Term | None:
        found = super().get(name)
        if found is not None:
            self.used.add(found.name)
        return found


@dataclass(frozen=True)
class AnyTerm(Glossary):
    """A glossary that takes any words as a term, for a feature file linted outside a pack.

    With no manifest there is no glossary to check terms against, but a step must still read
    as one of the vocabulary's phrases. Every term is taken to be a date, the one unit a phrase
    insists on (``by {date or term}, ...``); the others accept a term of any unit.
    """

    def get(self, name: str) -> Term | None:
        return Term(name=name.strip(), kind="path", spec=(), unit="date")

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str)


@dataclass
class FeatureLint:
    """What linting one file found: problems, the condition IDs it defines, and whether every
    step could be read (if not, unused-term problems would be noise)."""

    problems: list[LintProblem] = field(default_factory=list)
    ids: list[tuple[str, str, int, int]] = field(default_factory=list)
    complete: bool = True


@dataclass
class Sink:
    """The file being linted (its name and lines) and where its problems go."""

    name: str
    lines: list[str]
    out: FeatureLint

    def add(self, line: int, column: int, message: str, rule: str) -> None:
        self.out.problems.append(LintProblem(self.name, line, max(column, 1), message, rule))


def lint_scenario(
    scenario: Mapping[str, Any],
    pickles: list[dict[str, Any]],
    nodes: Mapping[str, Mapping[str, Any]],
    file: Sink,
    glossary: Glossary | None,
    source_keys: Mapping[str, str] | None,
    vocabulary: Vocabulary,
) -> None:
    line = int(scenario["location"]["line"])
    column = int(scenario["location"]["column"])
    title = str(scenario["name"]).strip()
    condition = _ids(scenario, file, title)
    if not pickles:
        file.add(
            line,
            column,
            f"scenario {title!r} has no Examples rows, so it checks nothing",
            "no-examples",
        )
        return
    tags = [tag["name"] for tag in pickles[0]["tags"]]
    severities = [tag for tag in tags if tag in SEVERITY_TAGS]
    if len(severities) != 1:
        found = "no severity tag" if not severities else f"{len(severities)} severity tags"
        file.add(
            line,
            column,
            f"condition {condition} has {found}; tag it with exactly one of "
            "@must, @should or @advisory",
            "severity",
        )
    _description(scenario, condition, file, source_keys)
    _steps(pickles, nodes, condition, line, column, file, glossary, vocabulary)
    _examples(scenario, file)


def _ids(scenario: Mapping[str, Any], file: Sink, title: str) -> str:
    """The scenario's condition ID (or its title when it has none), recording where it is."""
    ids: list[tuple[str, int, int]] = []
    for tag in scenario.get("tags", []):
        where = (int(tag["location"]["line"]), int(tag["location"]["column"]))
        if ID_TAG.match(tag["name"]):
            ids.append((str(tag["name"])[1:], *where))
        elif _LOOKS_LIKE_ID.match(tag["name"]):
            file.add(
                *where,
                f"tag {tag['name']} looks like a condition ID but is not one: IDs are "
                "upper case, like @GOV-AO-01, ending in two or three digits",
                "malformed-id",
            )
    line, column = int(scenario["location"]["line"]), int(scenario["location"]["column"])
    if not ids:
        file.add(
            line,
            column,
            f"scenario {title!r} has no condition ID tag; tag it like "
            "@GOV-AO-01 (an ID from the pack's catalogue)",
            "missing-id",
        )
        return repr(title)
    if len(ids) > 1:
        names = ", ".join(f"@{condition_id}" for condition_id, _, _ in ids)
        file.add(
            line,
            column,
            f"scenario {title!r} has {len(ids)} condition ID tags ({names}); keep exactly one",
            "missing-id",
        )
    for condition_id, tag_line, tag_column in ids:
        file.out.ids.append((condition_id, file.name, tag_line, tag_column))
    return ids[0][0]


def _description(
    scenario: Mapping[str, Any], condition: str, file: Sink, source_keys: Mapping[str, str] | None
) -> None:
    line, column = int(scenario["location"]["line"]), int(scenario["location"]["column"])
    source, remedy, _ = split_description(str(scenario.get("description") or ""))
    if not source:
        file.add(
            line,
            column,
            f"condition {condition} has no 'Source:' line in its description",
            "missing-source",
        )
    elif source_keys is not None:
        _source_keys(source, _label_line(file, line, "source"), condition, file, source_keys)
    if not remedy:
        file.add(
            line,
            column,
            f"condition {condition} has no 'Remedy:' line in its description",
            "missing-remedy",
        )


def _label_line(file: Sink, after: int, label: str) -> int:
    pattern = re.compile(rf"^\s*{label}\s*:", re.IGNORECASE)
    for number in range(after + 1, len(file.lines) + 1):
        if pattern.match(file.lines[number - 1]):
            return number
    return after


def _source_keys(
    source: str, line: int, condition: str, file: Sink, words_cited: Mapping[str, str]
) -> None:
    """Each ``;``-separated part of a Source line starts with a manifest source key, or names
    a source by one of its aliases (``seed 004``); ``words_cited`` maps each key to itself and
    each alias to its key."""
    text = file.lines[line - 1] if 0 < line <= len(file.lines) else ""
    keys = frozenset(key for word, key in words_cited.items() if word == key)
    for part in _split_outside_parentheses(source):
        words = re.findall(r"[A-Za-z0-9]+", part)
        if not words or words[0] in keys:
            continue
        if any(words_cited.get(word, word) != word for word in words):
            continue
        key = words[0]
        close = _closest(key, keys)
        hint = f"did you mean {close!r}?" if close else f"known keys: {', '.join(sorted(keys))}"
        file.add(
            line,
            text.find(key) + 1,
            f"condition {condition} cites {key!r}, which is not a source key in the pack "
            f"manifest ({hint})",
            "unknown-source",
        )


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


def _steps(
    pickles: list[dict[str, Any]],
    nodes: Mapping[str, Mapping[str, Any]],
    condition: str,
    line: int,
    column: int,
    file: Sink,
    glossary: Glossary | None,
    vocabulary: Vocabulary,
) -> None:
    seen: set[tuple[str, str]] = set()
    has_then = False
    for pickle in pickles:
        for step in pickle["steps"]:
            has_then = has_then or step["type"] == "Outcome"
            key = (step["type"], step["text"])
            if key in seen:
                continue
            seen.add(key)
            node = nodes[step["astNodeIds"][0]]
            _step(step, node, file, glossary, vocabulary)
    if not has_then:
        file.add(
            line,
            column,
            f"condition {condition} has no Then step saying what must be true",
            "no-then",
        )


def _step(
    step: Mapping[str, Any],
    node: Mapping[str, Any],
    file: Sink,
    glossary: Glossary | None,
    vocabulary: Vocabulary,
) -> None:
    line, column = int(node["location"]["line"]), int(node["location"]["column"])
    if step["type"] == "Action":
        file.add(
            line,
            column,
            f"'When' steps are not used in conditions: {step['text']!r}; use "
            "Given for when a condition applies and Then for what must be true",
            "when-step",
        )
        return
    if glossary is None:
        return
    keyword = "Given" if step["type"] == "Context" else "Then"
    table = tuple(
        tuple(cell["value"] for cell in row["cells"])
        for row in step.get("argument", {}).get("dataTable", {}).get("rows", [])
    )
    try:
        vocabulary.compile(StepInput(keyword, step["text"], line, glossary, table))
    except StepError as error:
        file.out.complete = False
        rule = (
            "unknown-term"
            if error.message.startswith("unknown term")
            else ("unknown-step" if error.message.startswith("unknown step") else "step")
        )
        hint = f" ({error.hint})" if error.hint else ""
        file.add(line, column + len(str(node["keyword"])), error.message + hint, rule)


def _examples(scenario: Mapping[str, Any], file: Sink) -> None:
    """Every Examples column is used by the outline, and every ``<placeholder>`` has a column."""
    blocks = scenario.get("examples", [])
    if not blocks:
        return
    used: dict[str, tuple[int, int]] = {}
    texts = [(str(scenario["name"]), scenario["location"], "")]
    for step in scenario.get("steps", []):
        texts.append((str(step["text"]), step["location"], str(step["keyword"])))
        argument = step.get("argument", {})
        for row in argument.get("dataTable", {}).get("rows", []):
            texts.extend((cell["value"], cell["location"], "") for cell in row["cells"])
        if "docString" in argument:
            texts.append((argument["docString"]["content"], argument["docString"]["location"], ""))
    for text, location, keyword in texts:
        for match in _PLACEHOLDER.finditer(text):
            offset = len(keyword) + match.start() if keyword else 0
            used.setdefault(match[1], (int(location["line"]), int(location["column"]) + offset))
    for block in blocks:
        header = block.get("tableHeader")
        columns = {cell["value"]: cell["location"] for cell in header["cells"]} if header else {}
        for name, where in columns.items():
            if name not in used:
                file.add(
                    where["line"],
                    where["column"],
                    f"Examples column {name!r} is not used by any <{name}> in the outline",
                    "unused-column",
                )
        for name, (line, column) in sorted(used.items()):
            if name not in columns:
                file.add(
                    line,
                    column,
                    f"<{name}> has no column in the Examples table at line "
                    f"{block['location']['line']}",
                    "unknown-placeholder",
                )
