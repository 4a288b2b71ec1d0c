"""The generated conditions reference: committed copies are current and say what a reader needs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from complychk.authoring.docgen import conditions_markdown
from complychk.cli import main
from complychk.conditions.packs import available_packs, load_pack

REPO = Path(__file__).resolve().parents[2]
PACKS_WITH_DOCS = sorted(path.stem for path in (REPO / "docs" / "conditions").glob("*.md"))


def test_the_ltp_pack_has_a_committed_reference() -> None:
    assert "ltp-2019" in PACKS_WITH_DOCS


def test_every_shipped_pack_has_a_committed_reference() -> None:
    assert {"ltp-2019", "icb-2025"} <= set(available_packs())
    assert set(available_packs()) <= set(PACKS_WITH_DOCS)


@pytest.mark.parametrize("name", PACKS_WITH_DOCS)
def test_committed_reference_matches_the_features(name: str) -> None:
    committed = (REPO / "docs" / "conditions" / f"{name}.md").read_text(encoding="utf-8")
    assert committed == conditions_markdown(load_pack(name)), (
        f"docs/conditions/{name}.md is out of date; regenerate it with "
        f"`complychk conditions --pack {name} --format markdown > docs/conditions/{name}.md`"
    )


def test_every_condition_appears_once_under_its_theme_with_severity_source_and_remedy() -> None:
    pack = load_pack("ltp-2019")
    text = conditions_markdown(pack)
    headings = re.findall(r"^### ([A-Z]+-[A-Z0-9]+-\d+): ", text, re.MULTILINE)
    assert sorted(headings) == sorted(condition.id for condition in pack.conditions)
    assert len(headings) == len(set(headings)) == 69
    themes = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert themes == sorted({condition.theme for condition in pack.conditions})
    for condition in pack.conditions:
        section = text.split(f"### {condition.id}: ", 1)[1].split("\n### ", 1)[0]
        assert f"- **Severity:** {condition.severity.value}" in section
        assert f"- **Source:** {condition.source}" in section
        assert f"- **To pass:** {condition.remedy}" in section


def test_sources_are_cited_in_full() -> None:
    text = conditions_markdown(load_pack("ltp-2019"))
    section = text.split("### GOV-GB-05: ", 1)[1].split("\n### ", 1)[0]
    assert "- **Source:** REGS Schedule 4" in section
    assert "The National Health Service (Clinical Commissioning Groups) Regulations 2012" in section
    assert "(<https://www.legislation.gov.uk/uksi/2012/1631>)" in section


def test_a_source_with_a_web_address_is_a_link_and_one_without_is_plain_text() -> None:
    text = conditions_markdown(load_pack("ltp-2019"))
    section = text.split("### RDY-BEN-01: ", 1)[1].split("\n### ", 1)[0]
    assert (
        "  - [NHS England: Procedures for clinical commissioning groups to apply for constitution "
        "change, merger or dissolution, 15 April 2019 (updated 3 August 2020), application "
        "criteria](<https://www.england.nhs.uk/publication/procedures-for-clinical-commissioning-"
        "groups-to-apply-for-constitution-change-merger-or-dissolution/>)"
    ) in section
    assert (
        "  - Medway Council, Health and Adult Social Care Overview and Scrutiny Committee: minutes, "
        "early 2020, before the 1 April go-live, agenda item: Development of Single Kent and "
        "Medway Clinical Commissioning Group"
    ) in section


def test_every_source_line_resolves_to_at_least_one_full_citation() -> None:
    pack = load_pack("ltp-2019")
    unresolved = [c.id for c in pack.conditions if not c.citations]
    assert unresolved == []


def test_unverified_sources_are_flagged_in_a_note() -> None:
    pack = load_pack("ltp-2019")
    for condition in pack.conditions:
        if "unverified" in condition.source:
            assert "unverified" in condition.notes, condition.id


def test_an_outline_lists_every_row_as_a_check() -> None:
    text = conditions_markdown(load_pack("ltp-2019"))
    section = text.split("### POP-LTP-01: ", 1)[1].split("\n### ", 1)[0]
    assert section.count('must include "') == 16
    assert 'the Long Term Plan priorities covered must include "stroke"' in section


def test_the_cli_writes_the_markdown_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["conditions", "--pack", "ltp-2019", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == conditions_markdown(load_pack("ltp-2019"))


def test_the_cli_text_list_has_one_line_per_condition(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["conditions", "--pack", "ltp-2019"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "# ltp-2019 1.0.0: CCG mergers under the NHS Long Term Plan (69 conditions)"
    )
    assert len(lines) == 70
    assert "GOV-AO-01\tmust\tOne Accountable Officer is approved and in post by go-live\t" in (
        "\n".join(lines)
    )
