"""Lint rules for one feature file: syntax, tags, descriptions, steps and Examples tables.

Each rule adds problems and carries on, so an author sees every problem in one run. The rules
mirror what :mod:`complychk.features` enforces when a pack loads (and a few it cannot see, such
as a stray step the Gherkin parser silently reads as description text).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gherkin.errors import CompositeParserException, ParserException
from gherkin.parser import Parser
from gherkin.pickles.compiler import Compiler

from complychk.features import ID_TAG, SEVERITY_TAGS, split_description
from complychk.glossary import Glossary, Term
from complychk.vocabulary import StepError, StepInput, Vocabulary


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


@dataclass
class FeatureLint:
    """What linting one file found: problems, the condition IDs it defines, and whether every
    step could be read (if not, unused-term problems would be noise)."""

    problems: list[LintProblem] = field(default_factory=list)
    ids: list[tuple[str, str, int, int]] = field(default_factory=list)
    complete: bool = True


_STEP_WORD = re.compile(r"^\s*(Given|When|Then|And|But)\s")
_DOC_STRING = re.compile(r'^\s*("""|```)')
_LOOKS_LIKE_ID = re.compile(r"^@[A-Za-z]+(?:-[A-Za-z0-9]+)*-\d+$")
_PLACEHOLDER = re.compile(r"<([^<>]+)>")


@dataclass
class _File:
    """The file being linted and where its problems go."""

    name: str
    lines: list[str]
    out: FeatureLint

    def add(self, line: int, column: int, message: str, rule: str) -> None:
        self.out.problems.append(LintProblem(self.name, line, max(column, 1), message, rule))


def lint_feature(
    path: Path,
    name: str,
    glossary: Glossary | None,
    source_keys: frozenset[str] | None,
    vocabulary: Vocabulary,
) -> FeatureLint:
    """Every problem in one feature file. ``glossary`` None skips the step rules (the manifest
    is broken and already reported); ``source_keys`` None skips the Source rule."""
    out = FeatureLint()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        out.problems.append(LintProblem(name, 1, 1, f"cannot read feature file: {error}", "read"))
        out.complete = False
        return out
    file = _File(name, text.splitlines(), out)
    document = _parse(text, file)
    if document is None:
        out.complete = False
        return out
    feature = document.get("feature")
    if not feature:
        file.add(1, 1, "no Feature in this file", "no-feature")
        return out
    _stray_steps(document, file)
    _container_ids(feature, file)
    document["uri"] = name
    grouped: dict[str, list[dict[str, Any]]] = {}
    pickles: list[Any] = Compiler().compile(document)  # type: ignore[arg-type]
    for pickle in pickles:
        grouped.setdefault(pickle["astNodeIds"][0], []).append(pickle)
    nodes = dict(_index(document))
    for scenario in _scenarios(feature):
        pickles = grouped.get(str(scenario["id"]), [])
        _scenario(scenario, pickles, nodes, file, glossary, source_keys, vocabulary)
    return out


def _parse(text: str, file: _File) -> dict[str, Any] | None:
    try:
        document: dict[str, Any] = dict(Parser().parse(text))
    except CompositeParserException as error:
        for each in error.errors:
            _syntax(each, file)
        return None
    except ParserException as error:
        _syntax(error, file)
        return None
    return document


def _syntax(error: Any, file: _File) -> None:
    location = getattr(error, "location", None) or {}
    message = re.sub(r"^\(\d+:\d+\): ", "", str(error))
    file.add(
        int(location.get("line") or 1),
        int(location.get("column") or 1),
        f"Gherkin syntax error: {message}",
        "syntax",
    )


def _stray_steps(document: Mapping[str, Any], file: _File) -> None:
    """Lines that read as steps but that the parser took as description text.

    Before the first scenario (or Background) Gherkin has nowhere to put a step, so it quietly
    makes it part of the Feature's (or Rule's) description, and the check it meant is lost.
    """
    step_lines = {node["location"]["line"] for _, node in _index(document) if "keywordType" in node}
    in_doc_string = False
    for number, raw in enumerate(file.lines, start=1):
        if _DOC_STRING.match(raw):
            in_doc_string = not in_doc_string
            continue
        match = _STEP_WORD.match(raw)
        if in_doc_string or match is None or number in step_lines:
            continue
        file.add(
            number,
            match.start(1) + 1,
            f"{raw.strip()!r} is not a step: Gherkin reads it as description text because "
            "no Scenario or Background comes before it",
            "stray-step",
        )


def _container_ids(feature: Mapping[str, Any], file: _File) -> None:
    containers = [feature] + [
        child["rule"] for child in feature.get("children", []) if "rule" in child
    ]
    for node in containers:
        for tag in node.get("tags", []):
            if ID_TAG.match(tag["name"]):
                file.add(
                    tag["location"]["line"],
                    tag["location"]["column"],
                    f"condition ID tag {tag['name']} on a {node['keyword']}: put each ID on "
                    "its own Scenario",
                    "misplaced-id",
                )


def _scenarios(feature: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for child in feature.get("children", []):
        if "scenario" in child:
            yield child["scenario"]
        elif "rule" in child:
            yield from (
                inner["scenario"]
                for inner in child["rule"].get("children", [])
                if "scenario" in inner
            )


def _index(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every AST node with an id, so pickle steps can be traced back to their lines."""
    if isinstance(node, Mapping):
        if "id" in node and "location" in node:
            yield str(node["id"]), dict(node)
        for value in node.values():
            yield from _index(value)
    elif isinstance(node, list):
        for value in node:
            yield from _index(value)


def _scenario(
    scenario: Mapping[str, Any],
    pickles: list[dict[str, Any]],
    nodes: Mapping[str, Mapping[str, Any]],
    file: _File,
    glossary: Glossary | None,
    source_keys: frozenset[str] | None,
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


def _ids(scenario: Mapping[str, Any], file: _File, title: str) -> str:
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
    scenario: Mapping[str, Any], condition: str, file: _File, source_keys: frozenset[str] | None
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


def _label_line(file: _File, after: int, label: str) -> int:
    pattern = re.compile(rf"^\s*{label}\s*:", re.IGNORECASE)
    for number in range(after + 1, len(file.lines) + 1):
        if pattern.match(file.lines[number - 1]):
            return number
    return after


def _source_keys(source: str, line: int, condition: str, file: _File, keys: frozenset[str]) -> None:
    """Each ``;``-separated part of a Source line starts with a manifest source key."""
    text = file.lines[line - 1] if 0 < line <= len(file.lines) else ""
    for part in _split_outside_parentheses(source):
        words = re.findall(r"[A-Za-z0-9]+", part)
        if not words or words[0] in keys:
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
    file: _File,
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
    file: _File,
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


def _examples(scenario: Mapping[str, Any], file: _File) -> None:
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
