"""Reads ``.feature`` files into compiled conditions: one scenario (or outline) = one condition."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from complychk.conditions.cache_store import cache_dir, entry_key, read_entry, write_entry
from complychk.conditions.condition import Condition, Severity
from complychk.conditions.glossary import Glossary
from complychk.errors import InputError

if TYPE_CHECKING:
    from complychk.conditions.vocabulary import Vocabulary

ID_TAG = re.compile(r"^@(?P<id>[A-Z][A-Z0-9]{0,5}(?:-[A-Z0-9]+)*-\d{2,3})$")
SEVERITY_TAGS = {f"@{severity.value}": severity for severity in Severity}
_LABEL = re.compile(r"^\s*(source|remedy)\s*:\s*(.*)$", re.IGNORECASE)


def parse_feature_text(text: str, uri: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The Gherkin AST of a feature file's text and its pickles (one per scenario and Examples
    row), turning parser errors into one located InputError.

    Both are plain JSON data, kept in the user cache folder under the text, its name and the
    parser's version: parsing is most of what reading a pack costs, and a pack's feature files
    seldom change between runs. Parser errors are never cached, so they are reported every time.
    """
    key = entry_key(["gherkin", uri, text], [_gherkin_parser()])
    folder = cache_dir() if key is not None else None
    if folder is not None:
        cached = read_entry(folder / f"gherkin-{key}.json")
        if isinstance(cached, list) and len(cached) == 2:
            return cached[0], cached[1]
    from gherkin.errors import CompositeParserException, ParserException
    from gherkin.parser import Parser  # imported here: parsed text from the cache needs neither
    from gherkin.pickles.compiler import Compiler

    try:
        document: dict[str, Any] = dict(Parser().parse(text))
    except CompositeParserException as error:
        first = error.errors[0]
        raise _parser_error(uri, first) from None
    except ParserException as error:
        raise _parser_error(uri, error) from None
    document["uri"] = uri
    pickles = [dict(pickle) for pickle in Compiler().compile(document)]  # type: ignore[arg-type]
    if folder is not None:
        write_entry(folder / f"gherkin-{key}.json", json.dumps([document, pickles]).encode())
    return document, pickles


def _gherkin_parser() -> Path:
    """The Gherkin parser's source, whose size and time stand for its version in a cache key."""
    spec = importlib.util.find_spec("gherkin")
    origin = spec.origin if spec is not None else None
    return Path(origin or "gherkin").parent / "parser.py"


def _parser_error(uri: str, error: Any) -> InputError:
    from complychk.conditions.gherkin_errors import explain

    said = explain(error)
    return InputError(
        uri, said.line, said.column, f"Gherkin syntax error: {said.problem}", said.hint
    )


def load_feature(
    path: Path, glossary: Glossary, vocabulary: Vocabulary, display: str | None = None
) -> list[Condition]:
    """Compile every scenario in one feature file; any authoring error stops with its line."""
    uri = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            uri, 1, 1, f"cannot read feature file: {error}", "check the path"
        ) from None
    document, pickles = parse_feature_text(text, uri)
    feature = document.get("feature")
    if not feature:
        raise InputError(
            uri, 1, 1, "no Feature in this file", "start the file with 'Feature: <theme>'"
        )
    nodes = dict(index_nodes(document))
    grouped: dict[str, list[dict[str, Any]]] = {}
    for pickle in pickles:
        grouped.setdefault(pickle["astNodeIds"][0], []).append(pickle)
    conditions = [
        _condition(uri, feature, nodes[scenario_id], rows, nodes, glossary, vocabulary)
        for scenario_id, rows in grouped.items()
    ]
    return conditions


def index_nodes(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every AST node with an id, so pickle steps can be traced back to their lines."""
    if isinstance(node, Mapping):
        if "id" in node and "location" in node:
            yield str(node["id"]), dict(node)
        for value in node.values():
            yield from index_nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from index_nodes(value)


def _condition(
    uri: str,
    feature: Mapping[str, Any],
    scenario: Mapping[str, Any],
    pickles: list[dict[str, Any]],
    nodes: Mapping[str, Mapping[str, Any]],
    glossary: Glossary,
    vocabulary: Vocabulary,
) -> Condition:
    line = int(scenario["location"]["line"])
    tags = [tag["name"] for tag in pickles[0]["tags"]]
    ids = [match["id"] for tag in tags if (match := ID_TAG.match(tag))]
    own_ids = [
        match["id"] for tag in scenario.get("tags", []) if (match := ID_TAG.match(tag["name"]))
    ]
    title = str(scenario["name"]).strip()
    if len(own_ids) != 1 or len(ids) != 1:
        raise InputError(
            uri,
            line,
            1,
            f"scenario {title!r} needs exactly one condition ID tag",
            "tag it like @GOV-AO-01 (an ID from the pack's catalogue)",
        )
    severities = [SEVERITY_TAGS[tag] for tag in tags if tag in SEVERITY_TAGS]
    if len(severities) != 1:
        raise InputError(
            uri,
            line,
            1,
            f"condition {ids[0]} needs exactly one severity tag",
            "tag it @must, @should or @advisory",
        )
    source, remedy, notes = _describe(str(scenario.get("description") or ""))
    if not source or not remedy:
        missing = "'Source:' line" if not source else "'Remedy:' line"
        raise InputError(
            uri,
            line,
            1,
            f"condition {ids[0]} has no {missing} in its description",
            "write 'Source: <citation>' and 'Remedy: <what would make it pass>' under the title",
        )
    givens: list[Any] = []
    checks: list[Any] = []
    seen: set[tuple[str, str]] = set()
    rows: dict[str, int] = {}
    for pickle in pickles:
        for step in pickle["steps"]:
            key = (step["type"], step["text"])
            if key in seen:
                continue
            seen.add(key)
            location = nodes[step["astNodeIds"][0]]["location"]
            compiled = _compile_step(uri, step, int(location["line"]), glossary, vocabulary)
            (givens if step["type"] == "Context" else checks).append(compiled)
            if len(step["astNodeIds"]) > 1:  # a step of an outline: [step, Examples row]
                rows[step["text"]] = int(nodes[step["astNodeIds"][1]]["location"]["line"])
    if not checks:
        raise InputError(
            uri,
            line,
            1,
            f"condition {ids[0]} has no Then step",
            "add a Then step saying what must be true",
        )
    return Condition(
        id=ids[0],
        title=title,
        theme=str(feature["name"]).strip(),
        severity=severities[0],
        source=source,
        remedy=remedy,
        notes=notes,
        tags=tuple(sorted(tags)),
        file=uri,
        line=line,
        givens=tuple(givens),
        checks=tuple(checks),
        example_rows=rows,
    )


def _describe(description: str) -> tuple[str, str, str]:
    """Split a scenario description into its Source, Remedy and any other notes."""
    parts: dict[str, list[str]] = {"source": [], "remedy": [], "notes": []}
    current = "notes"
    for raw in description.splitlines():
        match = _LABEL.match(raw)
        if match:
            current = match[1].lower()
            parts[current].append(match[2].strip())
        elif raw.strip():
            parts[current if current != "notes" else "notes"].append(raw.strip())
    return (" ".join(parts["source"]), " ".join(parts["remedy"]), " ".join(parts["notes"]))


split_description = _describe
"""Public name for :func:`_describe`, so ``complychk lint`` reads descriptions the same way."""


def _compile_step(
    uri: str, step: Mapping[str, Any], line: int, glossary: Glossary, vocabulary: Vocabulary
) -> Any:
    if step["type"] == "Action":
        raise InputError(
            uri,
            line,
            1,
            f"'When' steps are not used in conditions: {step['text']!r}",
            "use Given for when a condition applies and Then for what must be true",
        )
    from complychk.conditions.vocabulary import (  # a cached pack needs no vocabulary
        StepError,
        StepInput,
    )

    keyword = "Given" if step["type"] == "Context" else "Then"
    table = tuple(
        tuple(cell["value"] for cell in row["cells"])
        for row in step.get("argument", {}).get("dataTable", {}).get("rows", [])
    )
    try:
        return vocabulary.compile(StepInput(keyword, step["text"], line, glossary, table))
    except StepError as error:
        raise InputError(uri, line, 1, error.message, error.hint) from None
