"""``complychk lint``: each rule on a small pack, all problems in one run, and the shipped packs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from minipack import MANIFEST, write_pack

from complychk.authoring.lint import LintTarget, lint, resolve_targets
from complychk.conditions.packs import available_packs, builtin_root, load_pack
from complychk.errors import ConfigError

HEAD = """\
Feature: Things
  Background:
    Given the proposal is a CCG merger

"""
LOCATED = re.compile(r"^[^:]+:\d+:\d+: .+ \[[a-z-]+\]$")


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Problems name files relative to the working directory, as a user sees them."""
    monkeypatch.chdir(tmp_path)


def lint_body(tmp_path: Path, body: str, manifest: str = MANIFEST) -> list[str]:
    """Problems (as printed) in one extra feature file added to the test pack."""
    write_pack(tmp_path, manifest)
    (tmp_path / "features" / "mini" / "extra.feature").write_text(HEAD + body, encoding="utf-8")
    return [str(problem) for problem in lint([LintTarget(tmp_path, "mini")])]


def rules(problems: list[str]) -> list[tuple[int, str]]:
    return [(int(p.split(":")[1]), p.rsplit("[", 1)[1].rstrip("]")) for p in problems]


THEN = "Then the reinvestment plan must be stated"
CASES = [
    ("when-step", ["Source: REGS", "Remedy: r", "When it is written", THEN], 9),
    ("unknown-step", ["Source: REGS", "Remedy: r", "Then the reinvestment plan must glow"], 9),
    ("unknown-term", ["Source: REGS", "Remedy: r", "Then the reinvest plan must be stated"], 9),
    ("missing-source", ["Remedy: r", THEN], 6),
    ("missing-remedy", ["Source: REGS", THEN], 6),
    ("unknown-source", ["Source: REGS; Hansard", "Remedy: r", THEN], 7),
    ("no-then", ["Source: REGS", "Remedy: r", "Given the go-live date is stated"], 6),
]


@pytest.mark.parametrize(("rule", "lines", "line"), CASES, ids=[case[0] for case in CASES])
def test_each_rule_reports_its_line(tmp_path: Path, rule: str, lines: list[str], line: int) -> None:
    body = "  @X-EX-01 @must\n  Scenario: s\n" + "".join(f"    {text}\n" for text in lines)
    assert rules(lint_body(tmp_path, body)) == [(line, rule)]


def test_tags_missing_malformed_and_doubled(tmp_path: Path) -> None:
    body = """\
  @x-ex-1 @must @should
  Scenario: s
    Source: REGS
    Remedy: r
    Then the reinvestment plan must be stated

  @X-EX-01 @X-EX-02 @must
  Scenario: t
    Source: REGS
    Remedy: r
    Then the reinvestment plan must be stated
"""
    assert rules(lint_body(tmp_path, body)) == [
        (5, "malformed-id"),
        (6, "severity"),
        (6, "missing-id"),
        (12, "missing-id"),
    ]


def test_every_syntax_error_is_reported_with_its_line(tmp_path: Path) -> None:
    problems = lint_body(tmp_path, "  Scenario b\n  | a |\n@@ Background:\n")
    assert [rule for _, rule in rules(problems)] == ["syntax"] * len(problems)
    assert len(problems) >= 2
    assert problems[0] == (
        "features/mini/extra.feature:5:3: Gherkin syntax error: 'Scenario b' reads as text, not "
        "as 'Scenario:', since the colon is missing (write 'Scenario:' followed by the title, if "
        "any) [syntax]"
    )


def test_a_stray_step_in_a_rule_description_but_not_in_a_doc_string(tmp_path: Path) -> None:
    body = '''\
  Rule: Reinvestment
    Then the reinvestment plan must be stated

    @X-EX-01 @must
    Scenario: s
      Source: REGS
      Remedy: r
      Then the reinvestment plan must be stated
        """
        Then this line is text inside a doc string
        """
'''
    problems = lint_body(tmp_path, body)
    assert rules(problems) == [(6, "stray-step")]
    assert problems[0].startswith("features/mini/extra.feature:6:5: 'Then the reinvestment plan")


def test_an_outline_without_rows_checks_nothing(tmp_path: Path) -> None:
    body = """\
  @X-EX-01 @must
  Scenario Outline: s
    Source: REGS
    Remedy: r
    Then the <what> must be stated

    Examples:
      | what |
"""
    assert rules(lint_body(tmp_path, body)) == [(6, "no-examples")]


def test_an_id_tag_on_the_feature_is_misplaced(tmp_path: Path) -> None:
    write_pack(tmp_path)
    feature = tmp_path / "features" / "mini" / "core.feature"
    feature.write_text("@X-EX-01\n" + feature.read_text(encoding="utf-8"), encoding="utf-8")
    problems = [str(p) for p in lint([LintTarget(tmp_path, "mini")])]
    assert "misplaced-id" in problems[0] and problems[0].startswith(
        "features/mini/core.feature:1:1:"
    )


def test_unused_terms_count_terms_used_through_other_terms(tmp_path: Path) -> None:
    body = """\
  @X-EX-01 @must
  Scenario: s
    Source: REGS
    Remedy: r
    Then every predecessor CCG must have turnout at least 50%
"""
    manifest = MANIFEST + "  an unused term: {path: nowhere, unit: text}\n"
    problems = lint_body(tmp_path, body, manifest)
    assert problems == [
        "rules/mini.yaml:29:3: glossary term 'an unused term' is defined but no condition uses "
        "it [unused-term]"
    ]


def test_a_term_for_a_whole_list_is_used_when_it_names_a_filtered_one(tmp_path: Path) -> None:
    body = """\
  @X-EX-01 @must
  Scenario: s
    Source: REGS
    Remedy: r
    Then the number of audit committees must be at least 1
"""
    manifest = MANIFEST + (
        "  audit committee: {path: committees, where: {type: audit}}\n"
        "  the number of audit committees: {count: audit committee, unit: count}\n"
        "  the committees: {path: committees}\n"
        "  the boards: {path: boards}\n"
    )
    problems = lint_body(tmp_path, body, manifest)
    assert [problem for problem in problems if "committees'" in problem or "boards" in problem] == [
        "rules/mini.yaml:32:3: glossary term 'the boards' is defined but no condition uses it "
        "[unused-term]"
    ]


def test_unused_terms_are_not_reported_while_a_step_cannot_be_read(tmp_path: Path) -> None:
    manifest = MANIFEST + "  an unused term: {path: nowhere, unit: text}\n"
    body = "  @X-EX-01 @must\n  Scenario: s\n    Source: REGS\n    Remedy: r\n    Then it glows\n"
    assert [rule for _, rule in rules(lint_body(tmp_path, body, manifest))] == ["unknown-step"]


def test_every_manifest_problem_is_reported_where_it_is(tmp_path: Path) -> None:
    manifest = MANIFEST.replace('version: "0.1"\n', "").replace("kinds: [ccg_merger]", "kinds: []")
    manifest = manifest.replace("title: Test pack", "titel: Test pack")
    problems = lint_body(tmp_path, "", manifest)
    assert problems == [
        "rules/mini.yaml:1:1: title: this required field is missing [manifest]",
        "rules/mini.yaml:1:1: version: this required field is missing [manifest]",
        "rules/mini.yaml:2:1: titel: unknown field 'titel' (did you mean 'title'?) [manifest]",
        "rules/mini.yaml:4:1: kinds: needs at least one item [manifest]",
    ]


def test_a_broken_glossary_term_is_located(tmp_path: Path) -> None:
    manifest = MANIFEST + "  a bad term: {count: no such term}\n"
    problems = lint_body(tmp_path, "", manifest)
    assert problems == [
        "rules/mini.yaml:29:3: term 'a bad term' refers to undefined term 'no such term' [glossary]"
    ]


def test_condition_ids_are_unique_across_every_pack_in_the_directory(tmp_path: Path) -> None:
    write_pack(tmp_path)
    other = MANIFEST.replace("name: mini", "name: other")
    (tmp_path / "rules" / "other.yaml").write_text(other, encoding="utf-8")
    (tmp_path / "features" / "other").mkdir()
    core = (tmp_path / "features" / "mini" / "core.feature").read_text(encoding="utf-8")
    (tmp_path / "features" / "other" / "copy.feature").write_text(core, encoding="utf-8")
    problems = [str(p) for p in lint([LintTarget(tmp_path, "mini")])]
    assert len(problems) == 8
    assert problems[0] == (
        "features/mini/core.feature:7:3: duplicate condition ID T-AO-01 "
        "(also at features/other/copy.feature:7) (give each scenario its own catalogue ID) "
        "[duplicate-id]"
    )


def test_a_clean_pack_is_clean_and_loads(tmp_path: Path) -> None:
    write_pack(tmp_path)
    assert lint(resolve_targets([], tmp_path)) == []
    assert len(load_pack("mini", root=tmp_path).conditions) == 8


@pytest.mark.parametrize(
    "given",
    ["", "features", "rules", "features/mini", "features/mini/core.feature", "rules/mini.yaml"],
)
def test_paths_name_packs_in_several_ways(tmp_path: Path, given: str) -> None:
    write_pack(tmp_path)
    targets = resolve_targets([str(tmp_path / given)])
    assert [(t.root.resolve(), t.pack) for t in targets] == [(tmp_path.resolve(), "mini")]


@pytest.mark.parametrize("given", ["missing.feature", "notes.txt"])
def test_a_path_that_is_not_a_pack_is_a_configuration_error(tmp_path: Path, given: str) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(str(tmp_path / given))):
        resolve_targets([str(tmp_path / given)])


def test_the_shipped_packs_lint_clean() -> None:
    targets = resolve_targets([])
    assert {target.pack for target in targets} == set(available_packs(builtin_root()))
    problems = [str(problem) for problem in lint(targets)]
    assert all(LOCATED.match(problem) for problem in problems), problems
    assert problems == [], "run 'complychk lint' and fix these:\n" + "\n".join(problems)


def test_an_empty_manifest_is_called_a_pack_manifest(tmp_path: Path) -> None:
    write_pack(tmp_path, manifest="")
    problems = lint(resolve_targets([str(tmp_path / "rules" / "mini.yaml")]))
    assert [p.message for p in problems if p.rule == "manifest"] == ["the pack manifest is empty"]


def test_a_source_part_naming_a_paper_by_an_alias_needs_no_key_first(tmp_path: Path) -> None:
    manifest = MANIFEST.replace(
        "terms:\n", '  - {key: HASC20, title: Medway HASC minutes, aliases: ["004"]}\nterms:\n', 1
    )
    body = "  @X-EX-01 @must\n  Scenario: s\n    Source: REGS; seed 004; seed 005\n"
    body += f"    Remedy: r\n    {THEN}\n"
    problems = lint_body(tmp_path, body, manifest)
    assert len(problems) == 1
    assert "cites 'seed'" in problems[0]
    assert problems[0].endswith("[unknown-source]")
