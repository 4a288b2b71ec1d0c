"""A feature file as the authoring rules read it: parsed once, its scenarios and steps located.

Loading a pack and ``complychk lint`` both build this view and run the same rules over it
(:mod:`complychk.conditions.rules`); loading stops at the first problem, lint lists them all.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from complychk.conditions.cache_store import cache_dir, entry_key, read_entry, write_entry
from complychk.conditions.condition import Severity
from complychk.conditions.rule import Problem, Rule

if TYPE_CHECKING:
    from complychk.conditions.glossary import Glossary
    from complychk.conditions.vocabulary import StepError, Vocabulary

ID_TAG = re.compile(r"^@(?P<id>[A-Z][A-Z0-9]{0,5}(?:-[A-Z0-9]+)*-\d{2,3})$")
SEVERITY_TAGS = {f"@{severity.value}": severity for severity in Severity}
_LABEL = re.compile(r"^\s*(source|remedy)\s*:\s*(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class FileRule(Rule):
    """A rule over a whole feature file."""

    check: Callable[[FeatureFile], Iterator[Problem]]


@dataclass(frozen=True)
class ScenarioRule(Rule):
    """A rule over one scenario (one condition)."""

    check: Callable[[Scenario], Iterator[Problem]]


@dataclass(frozen=True)
class Tag:
    name: str
    line: int
    column: int


@dataclass(frozen=True)
class FeatureFile:
    """One feature file, parsed: ``document`` is None when Gherkin could not read it
    (``syntax_errors`` says why), ``feature`` None when it holds no Feature."""

    name: str
    lines: tuple[str, ...]
    document: Mapping[str, Any] | None
    syntax_errors: tuple[Any, ...]
    source_keys: Mapping[str, str] | None = None
    """Each source key of the pack's manifest mapped to itself and each alias to its key;
    None when there is no manifest to check ``Source:`` lines against."""
    pickles: tuple[Mapping[str, Any], ...] = ()
    """What Gherkin compiles the document to: one pickle per scenario and Examples row."""

    @property
    def feature(self) -> Mapping[str, Any] | None:
        return self.document.get("feature") if self.document else None

    def problem(self, line: int, column: int, message: str, hint: str, rule: str) -> Problem:
        return Problem(self.name, line, max(column, 1), message, hint, rule)


@dataclass(frozen=True)
class Step:
    """One step of a scenario (once, however many Examples rows repeat it), with what the
    vocabulary made of it: ``compiled`` or ``error`` (both None when steps were not compiled)."""

    type: str
    """``Context`` (Given), ``Action`` (When) or ``Outcome`` (Then), as Gherkin names them."""
    keyword: str
    text: str
    line: int
    column: int
    compiled: Any = None
    error: StepError | None = None


@dataclass(frozen=True)
class Scenario:
    """One scenario (or outline): one condition, its tags, description and steps."""

    file: FeatureFile
    node: Mapping[str, Any]
    title: str
    line: int
    column: int
    own_tags: tuple[Tag, ...]
    tags: tuple[str, ...]
    """Every tag the condition carries: its own and those of its Feature, Rule and Examples."""
    source: str
    remedy: str
    notes: str
    steps: tuple[Step, ...]
    rows: int
    """How many Examples rows (1 for a plain Scenario): 0 means it checks nothing."""
    example_rows: Mapping[str, int]

    @property
    def ids(self) -> list[str]:
        """The condition IDs tagged on the scenario itself."""
        return [match["id"] for tag in self.own_tags if (match := ID_TAG.match(tag.name))]

    @property
    def label(self) -> str:
        """How messages name the condition: its ID, or its title while it has none."""
        ids = self.ids
        return ids[0] if ids else repr(self.title)

    def problem(self, message: str, hint: str, rule: str) -> Problem:
        """A problem with the scenario as a whole, located at its ``Scenario:`` line."""
        return self.file.problem(self.line, self.column, message, hint, rule)


def parse_feature(
    text: str, name: str, source_keys: Mapping[str, str] | None = None, *, cached: bool = False
) -> FeatureFile:
    """Parse Gherkin, keeping every parser error for the syntax rule instead of raising.

    With ``cached``, the AST and pickles (one per scenario and Examples row), plain JSON data,
    are kept in the user cache folder under the text, its name and the parser's version:
    parsing is most of what reading a pack costs, and a pack's feature files seldom change
    between runs. Parser errors are never cached, so they are reported every time.
    """
    lines = tuple(text.splitlines())
    key = entry_key(["gherkin", name, text], [_gherkin_parser()]) if cached else None
    folder = cache_dir() if key is not None else None
    if folder is not None:
        entry = read_entry(folder / f"gherkin-{key}.json")
        if isinstance(entry, list) and len(entry) == 2:
            return FeatureFile(name, lines, entry[0], (), source_keys, tuple(entry[1]))
    from gherkin.errors import CompositeParserException, ParserException
    from gherkin.parser import Parser  # imported here: parsed text from the cache needs neither
    from gherkin.pickles.compiler import Compiler

    try:
        document: dict[str, Any] = dict(Parser().parse(text))
    except CompositeParserException as error:
        return FeatureFile(name, lines, None, tuple(error.errors), source_keys)
    except ParserException as error:
        return FeatureFile(name, lines, None, (error,), source_keys)
    document["uri"] = name
    pickles = [dict(pickle) for pickle in Compiler().compile(document)]  # type: ignore[arg-type]
    if folder is not None:
        write_entry(folder / f"gherkin-{key}.json", json.dumps([document, pickles]).encode())
    return FeatureFile(name, lines, document, (), source_keys, tuple(pickles))


def _gherkin_parser() -> Path:
    """The Gherkin parser's source, whose size and time stand for its version in a cache key."""
    spec = importlib.util.find_spec("gherkin")
    origin = spec.origin if spec is not None else None
    return Path(origin or "gherkin").parent / "parser.py"


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


def step_problems(
    scenario: Scenario, rule: str, counts: Callable[[str], bool]
) -> Iterator[Problem]:
    """The steps the vocabulary could not compile, for a rule that ``counts`` their message;
    located at the step's text, after its keyword."""
    for step in scenario.steps:
        if step.error is not None and counts(step.error.message):
            column = step.column + len(step.keyword)
            yield scenario.file.problem(
                step.line, column, step.error.message, step.error.hint, rule
            )


_PLACEHOLDER = re.compile(r"<([^<>]+)>")


def placeholders(scenario: Scenario) -> dict[str, tuple[int, int]]:
    """Each ``<placeholder>`` an outline uses (in its title, steps, tables and doc strings),
    with where it is first used."""
    node = scenario.node
    texts = [(str(node["name"]), node["location"], "")]
    for step in node.get("steps", []):
        texts.append((str(step["text"]), step["location"], str(step["keyword"])))
        argument = step.get("argument", {})
        for row in argument.get("dataTable", {}).get("rows", []):
            texts.extend((cell["value"], cell["location"], "") for cell in row["cells"])
        if "docString" in argument:
            texts.append((argument["docString"]["content"], argument["docString"]["location"], ""))
    used: dict[str, tuple[int, int]] = {}
    for text, location, keyword in texts:
        for match in _PLACEHOLDER.finditer(text):
            offset = len(keyword) + match.start() if keyword else 0
            used.setdefault(match[1], (int(location["line"]), int(location["column"]) + offset))
    return used
