"""Authoring errors in feature files stop the pack with the file, the line and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from minipack import write_pack

from complychk.conditions.packs import PackError, load_pack

HEAD = """\
Feature: Things
  Background:
    Given the proposal is a CCG merger
"""


def load_with(tmp_path: Path, body: str) -> PackError:
    write_pack(tmp_path, features={"bad.feature": HEAD + body})
    with pytest.raises(PackError) as caught:
        load_pack("mini", root=tmp_path)
    return caught.value


def test_unknown_step_names_the_line_and_the_nearest_phrases(tmp_path: Path) -> None:
    error = load_with(
        tmp_path,
        """
  @X-01 @must
  Scenario: s
    Source: REGS
    Remedy: r
    Then the reinvestment plan should be written down
""",
    )
    assert error.line == 9
    assert "unknown step" in error.problem
    assert "nearest known phrases" in error.hint
    assert str(error).startswith(f"{error.file}:9:10: unknown step Then ")  # at the step's text


def test_unknown_term_suggests_a_glossary_term(tmp_path: Path) -> None:
    error = load_with(
        tmp_path,
        """
  @X-01 @must
  Scenario: s
    Source: REGS
    Remedy: r
    Then the reinvestment plans must be stated
""",
    )
    assert error.problem == "unknown term 'the reinvestment plans'"
    assert "the reinvestment plan" in error.hint


@pytest.mark.parametrize(
    ("tags", "description", "expected"),
    [
        ("@must", "Source: REGS\n    Remedy: r", "scenario 's' has no condition ID tag"),
        (
            "@X-01 @X-02 @must",
            "Source: REGS\n    Remedy: r",
            "scenario 's' has 2 condition ID tags: @X-01, @X-02",
        ),
        ("@X-01", "Source: REGS\n    Remedy: r", "condition X-01 has no severity tag"),
        ("@X-01 @must", "Remedy: r", "has no 'Source:' line"),
        ("@X-01 @must", "Source: REGS", "has no 'Remedy:' line"),
    ],
)
def test_condition_metadata_is_required(
    tmp_path: Path, tags: str, description: str, expected: str
) -> None:
    error = load_with(
        tmp_path,
        f"""
  {tags}
  Scenario: s
    {description}
    Then the reinvestment plan must be stated
""",
    )
    assert expected in error.problem
    assert error.line == 6


def test_when_steps_are_rejected(tmp_path: Path) -> None:
    error = load_with(
        tmp_path,
        """
  @X-01 @must
  Scenario: s
    Source: REGS
    Remedy: r
    When the reinvestment plan is stated
    Then the reinvestment plan must be stated
""",
    )
    assert "'When' steps are not used" in error.problem
    assert error.line == 9


def test_gherkin_syntax_error_is_located(tmp_path: Path) -> None:
    error = load_with(
        tmp_path,
        """
  @X-01 @must
  Scenario: s
    Then the reinvestment plan must be stated
      | a |
      | b | c |
""",
    )
    assert "Gherkin syntax error" in error.problem
    assert error.line == 9


def test_duplicate_ids_across_files_name_the_first(tmp_path: Path) -> None:
    scenario = """
  @X-01 @must
  Scenario: s
    Source: REGS
    Remedy: r
    Then the reinvestment plan must be stated
"""
    write_pack(tmp_path, features={"a.feature": HEAD + scenario, "b.feature": HEAD + scenario})
    with pytest.raises(PackError) as caught:
        load_pack("mini", root=tmp_path)
    folder = tmp_path / "features" / "mini"
    assert caught.value.problem == f"duplicate condition ID X-01 (also at {folder / 'a.feature'}:5)"
    assert caught.value.hint == "give each scenario its own catalogue ID"
    assert (caught.value.file, caught.value.line) == (str(folder / "b.feature"), 5)  # its tag


def test_outline_is_one_condition_with_a_check_per_row(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        features={
            "o.feature": HEAD
            + """
  @X-01 @should
  Scenario Outline: Plans cover the priorities
    Source: LTP
    Remedy: Cover them.
    Then the upper-tier councils must include "<council>"

    Examples:
      | council |
      | Kent County Council |
      | Medway Council |
"""
        },
    )
    pack = load_pack("mini", root=tmp_path)
    (condition,) = pack.conditions
    assert condition.id == "X-01"
    assert [check.text for check in condition.checks] == [
        'the upper-tier councils must include "Kent County Council"',
        'the upper-tier councils must include "Medway Council"',
    ]
    assert [check.line for check in condition.checks] == [9, 9]
    assert len(condition.givens) == 1


def test_rule_and_feature_tags_are_inherited(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        features={
            "r.feature": "@theme\n"
            + HEAD
            + """
  @grouped
  Rule: A group
    @X-01 @advisory
    Scenario: s
      Source: REGS
      Remedy: r
      Then the reinvestment plan must be stated
"""
        },
    )
    (condition,) = load_pack("mini", root=tmp_path).conditions
    assert condition.tags == ("@X-01", "@advisory", "@grouped", "@theme")
    assert condition.theme == "Things"
