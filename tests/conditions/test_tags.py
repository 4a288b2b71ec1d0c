"""Tag expressions: choosing conditions with ``--tags`` in ``check`` and ``conditions``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from minipack import BASE, write_pack

from complychk.cli import main
from complychk.conditions.tags import parse_tag_expression
from complychk.errors import ConfigError

TAGS = {
    "must finance": {"@FIN-01", "@must", "@finance"},
    "should finance": {"@FIN-02", "@should", "@finance"},
    "must governance": {"@GOV-01", "@must", "@governance"},
    "advisory": {"@ENG-01", "@advisory"},
}


def chosen(expression: str) -> set[str]:
    test = parse_tag_expression(expression)
    return {name for name, tags in TAGS.items() if test(tags)}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("@must", {"must finance", "must governance"}),
        ("must", {"must finance", "must governance"}),
        ("@MUST", {"must finance", "must governance"}),
        ("@must and not @finance", {"must governance"}),
        ("@advisory or @finance", {"advisory", "must finance", "should finance"}),
        ("not @must", {"should finance", "advisory"}),
        ("@must or @should and @finance", {"must finance", "must governance", "should finance"}),
        ("(@must or @should) and @finance", {"must finance", "should finance"}),
        ("not (@must or @advisory)", {"should finance"}),
        ("not not @advisory", {"advisory"}),
        ("@FIN-01 or @gov-01", {"must finance", "must governance"}),
        ("@nothing", set()),
    ],
)
def test_expressions_choose_conditions(expression: str, expected: set[str]) -> None:
    assert chosen(expression) == expected


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("", "--tags: empty tag expression"),
        ("   ", "--tags: empty tag expression"),
        ("@must and", "--tags: expression '@must and' ends too early"),
        ("(@must or @should", "--tags: missing ')' in '(@must or @should'"),
        ("@must @should", "--tags: unexpected '@should' in '@must @should'"),
        ("and @must", "--tags: unexpected 'and' in 'and @must'"),
        ("@must )", "--tags: unexpected ')' in '@must )'"),
    ],
)
def test_a_malformed_expression_is_a_configuration_error(expression: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_tag_expression(expression)
    assert str(caught.value).startswith(message)


@pytest.fixture
def pack_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_pack(tmp_path)
    (tmp_path / "proposal.yaml").write_text(yaml.safe_dump(BASE), encoding="utf-8")
    return tmp_path


def test_check_evaluates_only_the_chosen_conditions(
    pack_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["check", "proposal.yaml", "--pack-dir", ".", "--format", "json"]
    assert main([*args, "--tags", "@should or @advisory", "--as-of", "2019-10-01"]) == 0
    report = json.loads(capsys.readouterr().out)
    ids = [finding["condition_id"] for finding in report["proposals"][0]["findings"]]
    assert sorted(ids) == ["T-LA-01", "T-PC-01", "T-RE-01"]
    assert dt.date.fromisoformat(report["as_of"]) == dt.date(2019, 10, 1)


def test_conditions_lists_only_the_chosen_conditions(
    pack_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["conditions", "--pack-dir", ".", "--tags", "@must and not @T-GO-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# mini 0.1: Test pack (4 conditions)"
    assert [line.split("\t")[0] for line in lines[1:]] == [
        "T-AO-01",
        "T-NAME-01",
        "T-RC-01",
        "T-VOTE-01",
    ]


def test_a_bad_expression_exits_2_with_one_line(
    pack_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["conditions", "--pack-dir", ".", "--tags", "@must and"]) == 2
    assert capsys.readouterr().err == "complychk: --tags: expression '@must and' ends too early\n"


def test_an_expression_matching_no_condition_exits_2_rather_than_checking_nothing(
    pack_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["check", "proposal.yaml", "--pack-dir", ".", "--as-of", "2019-10-01"]
    assert main([*args, "--tags", "@mustt", "--format", "json=report.json"]) == 2
    assert capsys.readouterr() == (
        "",
        "complychk: --tags '@mustt' matches no condition of pack mini, so nothing would be "
        "checked; 'complychk conditions' lists the conditions and their tags\n",
    )
    assert not (pack_dir / "report.json").exists()
    assert main(["conditions", "--pack-dir", ".", "--tags", "@mustt"]) == 2
    assert capsys.readouterr() == (
        "",
        "complychk: --tags '@mustt' matches no condition; 'complychk conditions' without --tags "
        "lists them all\n",
    )


def test_the_conditions_heading_counts_one_condition_in_the_singular(
    pack_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["conditions", "--pack-dir", ".", "--tags", "@T-GO-01"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "# mini 0.1: Test pack (1 condition)"
