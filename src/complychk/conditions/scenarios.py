"""The scenarios of a parsed feature file, as the rules read them: tags inherited, steps
compiled once, everything located."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from complychk.conditions.feature_view import FeatureFile, Scenario, Step, Tag, index_nodes

if TYPE_CHECKING:
    from complychk.conditions.glossary import Glossary
    from complychk.conditions.vocabulary import Vocabulary

_LABEL = re.compile(r"^\s*(source|remedy)\s*:\s*(.*)$", re.IGNORECASE)


def read_scenarios(
    file: FeatureFile, glossary: Glossary | None, vocabulary: Vocabulary | None
) -> list[Scenario]:
    """Every scenario of the file in order, its steps compiled with ``glossary`` (not at all
    when ``glossary`` or ``vocabulary`` is None)."""
    feature = file.feature
    if file.document is None or not feature:
        return []
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for pickle in file.pickles:
        grouped.setdefault(pickle["astNodeIds"][0], []).append(pickle)
    nodes = dict(index_nodes(file.document))
    compile_step = _compiler(glossary, vocabulary)
    return [
        _scenario(
            file, scenario, inherited, grouped.get(str(scenario["id"]), []), nodes, compile_step
        )
        for scenario, inherited in _walk(feature)
    ]


def _walk(feature: Mapping[str, Any]) -> Iterator[tuple[Mapping[str, Any], list[str]]]:
    """Each scenario with the tags it inherits from its Feature and Rule."""
    above = [tag["name"] for tag in feature.get("tags", [])]
    for child in feature.get("children", []):
        if "scenario" in child:
            yield child["scenario"], above
        elif "rule" in child:
            rule = child["rule"]
            tags = above + [tag["name"] for tag in rule.get("tags", [])]
            for inner in rule.get("children", []):
                if "scenario" in inner:
                    yield inner["scenario"], tags


def _scenario(
    file: FeatureFile,
    node: Mapping[str, Any],
    inherited: list[str],
    pickles: list[Mapping[str, Any]],
    nodes: Mapping[str, Mapping[str, Any]],
    compile_step: Callable[[str, str, int, tuple[tuple[str, ...], ...]], tuple[Any, Any]],
) -> Scenario:
    own = tuple(
        Tag(tag["name"], int(tag["location"]["line"]), int(tag["location"]["column"]))
        for tag in node.get("tags", [])
    )
    if pickles:
        tags = tuple(tag["name"] for tag in pickles[0]["tags"])
    else:
        tags = (*inherited, *(tag.name for tag in own))
    steps: list[Step] = []
    seen: set[tuple[str, str]] = set()
    rows: dict[str, int] = {}
    for pickle in pickles:
        for step in pickle["steps"]:
            key = (step["type"], step["text"])
            if key in seen:
                continue
            seen.add(key)
            ast = nodes[step["astNodeIds"][0]]
            line, column = int(ast["location"]["line"]), int(ast["location"]["column"])
            table = tuple(
                tuple(cell["value"] for cell in row["cells"])
                for row in step.get("argument", {}).get("dataTable", {}).get("rows", [])
            )
            compiled, error = (
                compile_step(step["type"], step["text"], line, table)
                if step["type"] != "Action"
                else (None, None)
            )
            steps.append(
                Step(step["type"], str(ast["keyword"]), step["text"], line, column, compiled, error)
            )
            if len(step["astNodeIds"]) > 1:  # a step of an outline: [step, Examples row]
                rows[step["text"]] = int(nodes[step["astNodeIds"][1]]["location"]["line"])
    source, remedy, notes = split_description(str(node.get("description") or ""))
    return Scenario(
        file=file,
        node=node,
        title=str(node["name"]).strip(),
        line=int(node["location"]["line"]),
        column=int(node["location"]["column"]),
        own_tags=own,
        tags=tags,
        source=source,
        remedy=remedy,
        notes=notes,
        steps=tuple(steps),
        rows=len(pickles),
        example_rows=rows,
    )


def _compiler(
    glossary: Glossary | None, vocabulary: Vocabulary | None
) -> Callable[[str, str, int, tuple[tuple[str, ...], ...]], tuple[Any, Any]]:
    """Compiles a step to ``(compiled, None)`` or ``(None, StepError)``."""
    if glossary is None or vocabulary is None:
        return lambda kind, text, line, table: (None, None)
    from complychk.conditions.vocabulary import (  # a cached pack needs no vocabulary
        StepError,
        StepInput,
    )

    def compile_step(
        kind: str, text: str, line: int, table: tuple[tuple[str, ...], ...]
    ) -> tuple[Any, Any]:
        keyword = "Given" if kind == "Context" else "Then"
        try:
            return vocabulary.compile(StepInput(keyword, text, line, glossary, table)), None
        except StepError as error:
            return None, error

    return compile_step


def split_description(description: str) -> tuple[str, str, str]:
    """Split a scenario description into its Source, Remedy and any other notes."""
    parts: dict[str, list[str]] = {"source": [], "remedy": [], "notes": []}
    current = "notes"
    for raw in description.splitlines():
        match = _LABEL.match(raw)
        if match:
            current = match[1].lower()
            parts[current].append(match[2].strip())
        elif raw.strip():
            parts[current].append(raw.strip())
    return (" ".join(parts["source"]), " ".join(parts["remedy"]), " ".join(parts["notes"]))
