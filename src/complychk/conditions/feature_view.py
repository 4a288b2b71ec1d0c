"""A feature file as the authoring rules read it: parsed once, its scenarios and steps located.

Loading a pack and ``complychk lint`` both build this view (:func:`parse_feature`, then
:func:`complychk.conditions.scenarios.read_scenarios`) and run the same rules over it
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
    from complychk.conditions.vocabulary import StepError

ID_TAG = re.compile(r"^@(?P<id>[A-Z][A-Z0-9]{0,5}(?:-[A-Z0-9]+)*-\d{2,3})$")
SEVERITY_TAGS = {f"@{severity.value}": severity for severity in Severity}


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
    """For an outline: each step's text, as filled in, and the line of its Examples row."""

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
