"""Pack manifests: a mistake stops the pack with one located line in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest
from minipack import write_pack

from complychk.conditions.packs import Pack, PackError, load_pack


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("title: Test pack", "titel: Test pack"),
            "1:1: title: this required field is missing",
        ),
        (
            ('version: "0.1"', "version: 0.1"),
            "2:1: version: expected text, got 0.1 (put it in quotes)",
        ),
        (
            ("{key: LTP, title:", "{key: LTP, titel:"),
            "8:5: sources.1.title: this required field is missing",
        ),
    ],
    ids=["missing", "number-for-text", "in-a-source"],
)
def test_a_manifest_mistake_is_one_located_line_in_plain_words(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    root = write_pack(tmp_path)
    manifest = root / "rules" / "mini.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    with pytest.raises(PackError) as raised:
        load_pack("mini", root=root)
    assert str(raised.value) == (
        f"{raised.value.file}:{message} (see docs/authoring.md for the manifest)"
    )


def test_a_manifest_edited_between_two_loads_in_one_process_is_read_again(
    tmp_path: Path,
) -> None:
    """A long-running process (the workspace) sees an edited manifest at once: the manifest
    read once per process is kept only while its bytes are unchanged."""
    root = write_pack(tmp_path)
    assert load_pack("mini", root=root).version == "0.1"
    manifest = root / "rules" / "mini.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('version: "0.1"', 'version: "0.2"'), encoding="utf-8")
    assert load_pack("mini", root=root).version == "0.2"
    manifest.write_text(text.replace("title: Test pack", "titel: Test pack"), encoding="utf-8")
    with pytest.raises(PackError, match="title: this required field is missing"):
        load_pack("mini", root=root)


ALIASED = """\
  - key: MEDHASC20
    title: "Medway Council, Health and Adult Social Care Overview and Scrutiny Committee: minutes"
    date: early 2020
    section: "agenda item: Development of Single Kent and Medway Clinical Commissioning Group"
    aliases: ["004"]
  - {key: HWB19, title: Health and Wellbeing Board slides, date: June 2019, aliases: ["001"]}
"""


def aliased_pack(tmp_path: Path) -> Pack:
    root = write_pack(tmp_path)
    manifest = root / "rules" / "mini.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("terms:\n", ALIASED + "terms:\n", 1), encoding="utf-8")
    return load_pack("mini", root=root)


def test_a_source_line_naming_a_paper_by_number_cites_that_paper_in_full(tmp_path: Path) -> None:
    pack = aliased_pack(tmp_path)
    (cited,) = pack.citations_for("seed 004 (an NHS England condition)")
    assert cited.key == "MEDHASC20"
    assert cited.text() == (
        "Medway Council, Health and Adult Social Care Overview and Scrutiny Committee: minutes, "
        "early 2020, agenda item: Development of Single Kent and Medway Clinical Commissioning "
        "Group"
    )


def test_a_list_of_paper_numbers_cites_each_paper_once_beside_the_keys(tmp_path: Path) -> None:
    pack = aliased_pack(tmp_path)
    cited = pack.citations_for("REGS; seeds 001, 004 and 004; MEDHASC20")
    assert [citation.key for citation in cited] == ["REGS", "MEDHASC20", "HWB19"]
    assert pack.citations_for("seed 002") == ()


UNLINKED = {
    ("ltp-2019", "SWI18"): "a letter to CCGs, known from press reports; not published online",
    ("ltp-2019", "PROC16"): "superseded; NHS England's page now carries the 2019 edition (PROC19)",
    ("ltp-2019", "RCA"): "allowances sent to each CCG; no public page found",
}
"""NHS England documents cited without a link, and why."""


@pytest.mark.parametrize("name", ["ltp-2019", "icb-2025"])
def test_every_nhs_england_document_links_to_where_it_is_published(name: str) -> None:
    pack = load_pack(name)
    for citation in pack.sources:
        published_by_nhs_england = citation.title.startswith(("NHS England", "NHS Digital"))
        if not published_by_nhs_england or (name, citation.key) in UNLINKED:
            continue
        assert citation.url.startswith("https://"), f"{name} {citation.key} has no link"
        assert citation.url in citation.text(), citation.key


def test_the_committee_papers_are_each_cited_by_body_meeting_date_and_agenda_item() -> None:
    pack = load_pack("ltp-2019")
    papers = [citation for citation in pack.sources if citation.key in dict(pack.aliases).values()]
    assert [citation.key for citation in papers] == [
        "KCCHOSC19",
        "KMHWB19",
        "COVSB19",
        "MEDCOM19",
        "MEDHASC20",
    ]
    for citation in papers:
        assert citation.date, citation.key
        assert citation.section.startswith("agenda item: "), citation.key
    assert "seed" not in {citation.key for citation in pack.sources}
