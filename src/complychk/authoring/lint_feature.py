"""Lint rules for one feature file: syntax, stray steps, misplaced IDs; then each scenario.

Each rule adds problems and carries on, so an author sees every problem in one run. The rules
mirror what :mod:`complychk.conditions.features` enforces when a pack loads (and a few it cannot see, such
as a stray step the Gherkin parser silently reads as description text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from gherkin.errors import CompositeParserException, ParserException
from gherkin.parser import Parser
from gherkin.pickles.compiler import Compiler

from complychk.authoring.lint_scenario import (
    AnyTerm,
    FeatureLint,
    LintProblem,
    RecordingGlossary,
    Sink,
    lint_scenario,
)
from complychk.conditions.features import ID_TAG, index_nodes
from complychk.conditions.gherkin_errors import explain
from complychk.conditions.glossary import Glossary
from complychk.conditions.vocabulary import Vocabulary

__all__ = [
    "AnyTerm",
    "FeatureLint",
    "LintProblem",
    "RecordingGlossary",
    "lint_feature",
    "lint_feature_text",
]


_STEP_WORD = re.compile(r"^\s*(Given|When|Then|And|But)\s")
_DOC_STRING = re.compile(r'^\s*("""|```)')


def lint_feature(
    path: Path,
    name: str,
    glossary: Glossary | None,
    source_keys: Mapping[str, str] | None,
    vocabulary: Vocabulary,
) -> FeatureLint:
    """Every problem in one feature file. ``glossary`` None skips the step rules (the manifest
    is broken and already reported); ``source_keys`` None skips the Source rule."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        out = FeatureLint()
        out.problems.append(LintProblem(name, 1, 1, f"cannot read feature file: {error}", "read"))
        out.complete = False
        return out
    return lint_feature_text(text, name, glossary, source_keys, vocabulary)


def lint_feature_text(
    text: str,
    name: str,
    glossary: Glossary | None,
    source_keys: Mapping[str, str] | None,
    vocabulary: Vocabulary,
) -> FeatureLint:
    """:func:`lint_feature` for a file already read."""
    out = FeatureLint()
    file = Sink(name, text.splitlines(), out)
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
    nodes = dict(index_nodes(document))
    for scenario in _scenarios(feature):
        pickles = grouped.get(str(scenario["id"]), [])
        lint_scenario(scenario, pickles, nodes, file, glossary, source_keys, vocabulary)
    return out


def _parse(text: str, file: Sink) -> dict[str, Any] | None:
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


def _syntax(error: Any, file: Sink) -> None:
    said = explain(error)
    problem = f"Gherkin syntax error: {said.problem} ({said.hint})"
    file.add(said.line, said.column, problem, "syntax")


def _stray_steps(document: Mapping[str, Any], file: Sink) -> None:
    """Lines that read as steps but that the parser took as description text.

    Before the first scenario (or Background) Gherkin has nowhere to put a step, so it quietly
    makes it part of the Feature's (or Rule's) description, and the check it meant is lost.
    """
    step_lines = {
        node["location"]["line"] for _, node in index_nodes(document) if "keywordType" in node
    }
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


def _container_ids(feature: Mapping[str, Any], file: Sink) -> None:
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
