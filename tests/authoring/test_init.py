"""``complychk init``: a commented starter proposal that loads, validates and checks as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from minipack import write_pack

from complychk.authoring.init import starter_text
from complychk.cli import main
from complychk.conditions.glossary_kinds import split_path
from complychk.conditions.packs import available_packs, load_pack
from complychk.evaluate.checker import Checker
from complychk.evaluate.findings import Outcome
from complychk.proposal.loader import load_document, load_text
from complychk.proposal.model import validate_proposal

SHIPPED = [(name, kind) for name in available_packs() for kind in load_pack(name).kinds]


@pytest.mark.parametrize(("pack", "kind"), SHIPPED)
def test_every_shipped_starter_loads_validates_and_checks(pack: str, kind: str) -> None:
    text = starter_text(load_pack(pack), kind)
    document = load_text(text, "starter.yaml")
    assert validate_proposal(document).kind == kind
    report = Checker(pack_name=pack).check_document(document, dt.date(2020, 1, 1))
    assert report.findings
    assert Outcome.INSUFFICIENT_EVIDENCE in {finding.outcome for finding in report.findings}


@pytest.mark.parametrize("pack", available_packs())
def test_every_field_the_pack_reads_is_in_the_starter(pack: str) -> None:
    loaded = load_pack(pack)
    text = starter_text(loaded)
    locations = load_text(text, "starter.yaml").locations
    for term in loaded.glossary.terms.values():
        if term.kind != "path":
            continue
        path = split_path(term.spec)
        if term.scope == "item":
            assert f" {path[-1]}:" in text, term.name
        else:
            assert path in locations, f"{term.name}: {term.spec}"


@pytest.mark.parametrize(
    ("pack", "kind", "words"),
    [
        ("ltp-2019", "ccg_merger", "CCG merger"),
        ("icb-2025", "icb_boundary_change", "ICB boundary change"),
    ],
)
def test_the_first_line_names_the_kind_as_conditions_write_it(
    pack: str, kind: str, words: str
) -> None:
    first = starter_text(load_pack(pack), kind).splitlines()[0]
    assert first.startswith(f"# A starter {words} proposal for pack {pack}: ")


def test_comments_give_each_fields_description_and_unit(tmp_path: Path) -> None:
    text = starter_text(load_pack("mini", root=write_pack(tmp_path)))
    lines = {line.split(":")[0].strip("# -"): line for line in text.splitlines()}
    assert lines["planned_running_costs_gbp"].endswith("(whole pounds)")
    assert "# When the new CCG takes effect. (date, YYYY-MM-DD)" in lines["go_live"]
    assert lines["title"].startswith('title: "TO COMPLETE"')
    assert "(true or false)" in lines["primary_care_commissioning_delegated"]
    assert "governing_body" not in lines  # the test pack never reads it


def test_an_optional_list_of_items_is_empty_with_an_example_item_in_comments(
    tmp_path: Path,
) -> None:
    write_pack(tmp_path)
    rules = tmp_path / "rules" / "mini.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8")
        + "  approval condition: {path: approval_conditions, item_label: condition}\n"
        + "  met date: {path: met_on, scope: item, unit: date}\n",
        encoding="utf-8",
    )
    text = starter_text(load_pack("mini", root=tmp_path))
    block = text[text.index("\napproval_conditions:") :].splitlines()[2:4]
    assert block[0].startswith("#   - condition:")
    assert block[1].startswith("#     met_on:") and block[1].endswith("(date, YYYY-MM-DD)")
    assert load_text(text, "s.yaml").data["approval_conditions"] is None


def test_the_command_writes_refuses_to_overwrite_and_forces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "draft.yaml"
    assert main(["init", "--pack", "ltp-2019", "--output", str(target)]) == 0
    assert f"wrote {target}" in capsys.readouterr().err
    validate_proposal(load_document(target))
    target.write_text("mine", encoding="utf-8")
    assert main(["init", "--pack", "ltp-2019", "--output", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"complychk: {target} already exists; use --force to overwrite it\n"
    )
    assert target.read_text(encoding="utf-8") == "mine"
    assert main(["init", "--pack", "ltp-2019", "--output", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("# A starter CCG merger proposal")


def test_markdown_front_matter_and_bad_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "draft.md"
    assert main(["init", "--pack", "ltp-2019", "--output", str(target)]) == 0
    validate_proposal(load_document(target))
    assert main(["init", "--pack", "ltp-2019", "--output", str(tmp_path / "d.json")]) == 2
    assert main(["init", "--pack", "ltp-2019", "--kind", "icb_cluster"]) == 2
    err = capsys.readouterr().err
    assert "d.json: a starter proposal is YAML" in err
    assert "pack ltp-2019 does not cover proposals of kind 'icb_cluster'" in err
