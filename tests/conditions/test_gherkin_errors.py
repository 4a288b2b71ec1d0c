"""Gherkin syntax errors say what is wrong on the line and what to write, not the parser's tokens.

Each case is a feature file as an author might get it wrong, with the one line they are told,
both by ``complychk lint`` and when a pack loads for ``complychk check``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from minipack import BASE, write_pack

from complychk.authoring.lint import LooseFeature, lint
from complychk.cli import main

SCENARIO = """\
  @T-X-01 @must
  Scenario: Running costs
    Source: LTP
    Remedy: Plan at most 80%.
"""

CASES = {
    "not Gherkin at all": (
        "These are my notes on the merger.\n",
        "1:1: Gherkin syntax error: 'These are my notes on the merger.' comes before the "
        "'Feature:' line (start the file with 'Feature: <theme>'; only tags and # comments may "
        "come before it)",
    ),
    "free text after a step": (
        f"Feature: f\n{SCENARIO}    Then the reinvestment plan must be stated\n"
        "    as agreed by the board\n",
        "7:5: Gherkin syntax error: 'as agreed by the board' is not a step, a table row or a "
        "keyword line (start a step with Given, Then, And or But; write free text under the "
        "Scenario line, before the first step (as Source: and Remedy: are); start a comment "
        "with #)",
    ),
    "a keyword without its colon": (
        "Feature: f\n  @T-X-01 @must\n  Scenario Running costs\n",
        "3:3: Gherkin syntax error: 'Scenario Running costs' reads as text, not as 'Scenario:', "
        "since the colon is missing (write 'Scenario:' followed by the title, if any)",
    ),
    "tags at the end": (
        f"Feature: f\n{SCENARIO}    Then the reinvestment plan must be stated\n  @T-X-02\n",
        "8:1: Gherkin syntax error: the file ends after tags that tag nothing (put tags on the "
        "lines just above the Scenario, Rule or Examples they belong to, or remove them)",
    ),
    "a ragged table": (
        f"Feature: f\n{SCENARIO}    Then the reinvestment plan must be stated\n"
        "      | a | b |\n      | c |\n",
        "8:7: Gherkin syntax error: this table row has a different number of cells from the rows "
        "above (give every row of the table the same number of | cells)",
    ),
    "an unclosed doc string": (
        f'Feature: f\n{SCENARIO}    Then the reinvestment plan must be stated\n      """\n',
        '8:1: Gherkin syntax error: a doc string opened with """ is never closed (close it with '
        '""" on a line of its own)',
    ),
    "a Background after a Scenario": (
        f"Feature: f\n{SCENARIO}    Then the reinvestment plan must be stated\n"
        "  Background:\n    Given the proposal is a CCG merger\n",
        "7:3: Gherkin syntax error: a Background comes after a Scenario (move the Background "
        "above the first Scenario (or Rule) it sets the scene for)",
    ),
    "a second Feature": (
        f"Feature: f\n{SCENARIO}    Then the reinvestment plan must be stated\nFeature: g\n",
        "7:1: Gherkin syntax error: 'Feature: g' starts a second Feature, and a file holds one "
        "(move its scenarios into this Feature, or the Feature into a file of its own)",
    ),
    "an unknown language": (
        "# language: xx\nFeature: f\n",
        "1:1: Gherkin syntax error: Gherkin has no language 'xx' (remove the '# language:' line "
        "(English is the default) or name a language Gherkin knows, such as en)",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_lint_says_what_to_write(tmp_path: Path, case: str) -> None:
    text, said = CASES[case]
    path = tmp_path / "draft.feature"
    path.write_text(text, encoding="utf-8")
    problems = [str(problem) for problem in lint([LooseFeature(path)])]
    assert problems[0] == f"{path}:{said} [syntax]"
    assert not any("#EOF" in problem or "#StepLine" in problem for problem in problems)


@pytest.mark.parametrize("case", list(CASES))
def test_check_stops_on_the_same_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text, said = CASES[case]
    monkeypatch.chdir(tmp_path)
    write_pack(tmp_path / "pack", features={"core.feature": textwrap.dedent(text)})
    (tmp_path / "p.yaml").write_text(yaml.safe_dump(BASE), encoding="utf-8")
    assert main(["check", "p.yaml", "--pack-dir", "pack", "--as-of", "2019-09-30"]) == 2
    assert capsys.readouterr().err == f"pack/features/mini/core.feature:{said}\n"


@pytest.mark.parametrize(
    ("message", "said"),
    [
        (
            "expected: #ExamplesLine, #Comment, #Empty, got 'zzz'",
            "'zzz' is not expected here; what may come here: 'Examples:', a # comment",
        ),
        (
            "unexpected end of file, expected: #TableRow, #Empty",
            "the file ends here; what may come here: a table row (| a | b |)",
        ),
        ("a message the parser has never given", "a message the parser has never given"),
    ],
    ids=["a line", "the end of the file", "anything else"],
)
def test_a_situation_no_rule_knows_is_told_in_words_with_the_guide(message: str, said: str) -> None:
    from gherkin.errors import ParserException

    from complychk.conditions.gherkin_errors import GUIDE, explain

    explained = explain(ParserException(message, {"line": 3, "column": 5}))
    assert explained == (3, 5, said, GUIDE)
