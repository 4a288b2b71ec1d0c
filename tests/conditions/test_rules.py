"""The authoring rules: each fires in lint under its ID, and a rule that stops a pack loading
stops it with the very words lint uses; the registry holds every rule module once."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from minipack import FEATURE, MANIFEST, write_pack

import complychk.conditions.rules as rules_package
from complychk.authoring.lint import LintTarget, lint, resolve_targets
from complychk.conditions.packs import PackError, load_pack
from complychk.conditions.rules import RULES, get
from complychk.errors import InputError

HEAD = """\
Feature: Things
  Background:
    Given the proposal is a CCG merger

"""
THEN = "Then the reinvestment plan must be stated"


def scenario(tags: str, *lines: str, title: str = "s", outline: str = "") -> str:
    keyword = "Scenario Outline" if outline else "Scenario"
    body = "".join(f"    {line}\n" for line in lines)
    return f"{HEAD}  {tags}\n  {keyword}: {title}\n{body}{outline}"


CLEAN = ("Source: REGS", "Remedy: r", THEN)

CASES: dict[str, tuple[str, int]] = {
    # rule: (the extra feature file, the line the problem is on)
    "syntax": (scenario("@X-EX-01 @must", *CLEAN, "  | a |", "  | b | c |"), 11),
    "no-feature": ("# a draft, not begun\n", 1),
    "stray-step": (  # the Background line left out
        scenario("@X-EX-01 @must", *CLEAN).replace("  Background:\n", ""),
        2,
    ),
    "misplaced-id": ("@X-EX-02\n" + scenario("@X-EX-01 @must", *CLEAN), 1),
    "missing-id": (scenario("@must", *CLEAN), 6),
    "malformed-id": (scenario("@x-ex-1 @X-EX-01 @must", *CLEAN), 5),
    "severity": (scenario("@X-EX-01 @must @should", *CLEAN), 6),
    "missing-source": (scenario("@X-EX-01 @must", "Remedy: r", THEN), 6),
    "missing-remedy": (scenario("@X-EX-01 @must", "Source: REGS", THEN), 6),
    "unknown-source": (scenario("@X-EX-01 @must", "Source: REGS; Hansard", "Remedy: r", THEN), 7),
    "when-step": (scenario("@X-EX-01 @must", *CLEAN[:2], "When it is written", THEN), 9),
    "unknown-step": (
        scenario("@X-EX-01 @must", *CLEAN[:2], "Then the reinvestment plan must glow"),
        9,
    ),
    "unknown-term": (
        scenario("@X-EX-01 @must", *CLEAN[:2], "Then the reinvest plan must be stated"),
        9,
    ),
    "step": (
        scenario("@X-EX-01 @must", *CLEAN[:2], "Then the go-live date must fall on 1 Apryl"),
        9,
    ),
    "no-then": (scenario("@X-EX-01 @must", *CLEAN[:2], "Given the go-live date is stated"), 6),
    "no-examples": (
        scenario(
            "@X-EX-01 @must",
            *CLEAN[:2],
            "Then the <what> must be stated",
            outline="    Examples:\n      | what |\n",
        ),
        6,
    ),
    "unused-column": (
        scenario(
            "@X-EX-01 @must",
            *CLEAN[:2],
            "Then the <what> must be stated",
            outline="    Examples:\n      | what | spare |\n      | reinvestment plan | x |\n",
        ),
        11,
    ),
    "unknown-placeholder": (
        scenario(
            "@X-EX-01 @must",
            *CLEAN[:2],
            "Then the <what> must be stated",
            title="Each <thing> is stated",
            outline="    Examples:\n      | what |\n      | reinvestment plan |\n",
        ),
        6,
    ),
}
"""A feature file breaking each file or scenario rule, and nothing else."""


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Problems name files relative to the working directory, as a user sees them."""
    monkeypatch.chdir(tmp_path)


def write(tmp_path: Path, text: str, name: str = "extra.feature") -> None:
    write_pack(tmp_path, features={"core.feature": FEATURE, name: text})


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_fires_in_lint_under_its_id(tmp_path: Path, rule: str) -> None:
    text, line = CASES[rule]
    write(tmp_path, text)
    problems = lint([LintTarget(tmp_path, "mini")])
    assert [(p.file, p.line, p.rule) for p in problems] == [
        ("features/mini/extra.feature", line, rule)
    ], [str(p) for p in problems]


@pytest.mark.parametrize("rule", sorted(CASES))
def test_a_rule_that_stops_loading_says_what_lint_says(tmp_path: Path, rule: str) -> None:
    text, _ = CASES[rule]
    write(tmp_path, text)
    (problem,) = lint([LintTarget(tmp_path, "mini")])
    if not get(rule).stops_load:
        assert load_pack("mini", root=tmp_path).conditions  # the pack loads, as before
        return
    with pytest.raises(PackError) as caught:
        load_pack("mini", root=tmp_path)
    assert str(caught.value) == str(problem).removesuffix(f" [{rule}]")


def test_loading_names_the_first_problem_in_the_file_and_lint_every_one(tmp_path: Path) -> None:
    text = scenario("@X-EX-01 @must", "Source: REGS", "Then the reinvestment plan must glow")
    text += "\n  @must\n  Scenario: t\n    Source: REGS\n    Remedy: r\n    " + THEN + "\n"
    write(tmp_path, text)
    problems = lint([LintTarget(tmp_path, "mini")])
    assert [(p.line, p.rule) for p in problems] == [
        (6, "missing-remedy"),
        (8, "unknown-step"),
        (11, "missing-id"),
    ]
    with pytest.raises(PackError) as caught:
        load_pack("mini", root=tmp_path)
    assert str(caught.value) == str(problems[0]).removesuffix(" [missing-remedy]")


def test_an_unreadable_feature_file_is_read_problem_in_lint_and_in_loading(tmp_path: Path) -> None:
    write_pack(tmp_path)
    (tmp_path / "features" / "mini" / "extra.feature").write_bytes(b"Feature: \xff\n")
    (problem,) = lint([LintTarget(tmp_path, "mini")])
    assert problem.rule == "read"
    assert problem.message.startswith("cannot read feature file: ")
    with pytest.raises(PackError) as caught:
        load_pack("mini", root=tmp_path)
    assert str(caught.value) == str(problem).removesuffix(" [read]")


def test_a_duplicate_id_is_named_at_each_use_and_stops_loading(tmp_path: Path) -> None:
    write(tmp_path, scenario("@T-AO-01 @must", *CLEAN))
    problems = lint([LintTarget(tmp_path, "mini")])
    assert [(p.file, p.line, p.rule) for p in problems] == [
        ("features/mini/core.feature", 7, "duplicate-id"),
        ("features/mini/extra.feature", 5, "duplicate-id"),
    ]
    with pytest.raises(PackError) as caught:
        load_pack("mini", root=tmp_path)
    assert str(caught.value) == str(problems[1]).removesuffix(" [duplicate-id]")


def test_an_unused_term_is_named_in_the_manifest_and_the_pack_loads(tmp_path: Path) -> None:
    write_pack(tmp_path, MANIFEST + "  an unused term: {path: nowhere, unit: text}\n")
    assert [(p.file, p.line, p.rule) for p in lint([LintTarget(tmp_path, "mini")])] == [
        ("rules/mini.yaml", 29, "unused-term")
    ]
    assert load_pack("mini", root=tmp_path).conditions


@pytest.mark.parametrize(
    ("rule", "manifest"),
    [
        ("manifest", MANIFEST.replace("title: Test pack\n", "")),
        ("glossary", MANIFEST + "  a bad term: {count: no such term}\n"),
    ],
)
def test_a_broken_manifest_is_named_where_loading_stops(
    tmp_path: Path, rule: str, manifest: str
) -> None:
    write_pack(tmp_path, manifest)
    (problem,) = lint([LintTarget(tmp_path, "mini")])
    assert problem.rule == rule
    with pytest.raises(PackError) as caught:
        load_pack("mini", root=tmp_path)
    error = caught.value
    assert Path(error.file).resolve() == Path(problem.file).resolve()
    assert (error.line, error.column, error.problem) == (
        problem.line,
        problem.column,
        problem.message,
    )


def test_features_without_a_manifest(tmp_path: Path) -> None:
    write_pack(tmp_path)
    (tmp_path / "features" / "other").mkdir()
    (tmp_path / "features" / "other" / "a.feature").write_text(FEATURE, encoding="utf-8")
    problems = lint(resolve_targets([str(tmp_path / "features" / "other")]))
    assert next((p.file, p.line, p.rule) for p in problems) == (
        "features/other/a.feature",
        1,
        "no-manifest",
    )


def test_lint_ends_by_loading_a_pack_it_finds_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backstop for a problem no rule knows: here, one a step plugin might raise."""
    write_pack(tmp_path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise InputError("features/mini/core.feature", 3, 5, "a problem no rule knows")

    monkeypatch.setattr("complychk.authoring.lint.load_pack", refuse)
    assert [str(p) for p in lint([LintTarget(tmp_path, "mini")])] == [
        "features/mini/core.feature:3:5: a problem no rule knows [load]"
    ]


def test_the_registry_holds_every_rule_module_once_under_its_id() -> None:
    names = sorted(info.name for info in pkgutil.iter_modules(rules_package.__path__))
    modules = [importlib.import_module(f"complychk.conditions.rules.{name}") for name in names]
    assert sorted(module.RULE.id for module in modules) == sorted(RULES)
    assert len(RULES) == len(modules)
    for name, module in zip(names, modules, strict=True):
        assert name.replace("_", "-") == module.ID
        assert RULES[module.ID] is module.RULE
        assert module.RULE.summary.endswith((".", ")")), name


def test_every_rule_is_tested_here() -> None:
    pack_rules = {"read", "duplicate-id", "unused-term", "manifest", "glossary", "no-manifest"}
    assert set(RULES) == set(CASES) | pack_rules | {"load"}


def _doc_table() -> list[str]:
    text = (Path(__file__).resolve().parents[2] / "docs" / "authoring.md").read_text("utf-8")
    start = text.index("| rule | stops a pack loading | what it finds |")
    return text[start:].split("\n\n", 1)[0].splitlines()


def test_the_authoring_guide_lists_every_rule_from_the_registry() -> None:
    expected = [
        "| rule | stops a pack loading | what it finds |",
        "| --- | --- | --- |",
        *(
            f"| `{rule.id}` | {'yes' if rule.stops_load else 'no'} | "
            + re.sub(r"``(.+?)``", r"`\1`", rule.summary)
            + " |"
            for rule in RULES.values()
        ),
    ]
    assert _doc_table() == expected, "paste into docs/authoring.md:\n" + "\n".join(expected)
