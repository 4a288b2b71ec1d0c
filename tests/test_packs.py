"""Pack manifests: a mistake stops the pack with one located line in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest
from minipack import write_pack

from complychk.packs import PackError, load_pack


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
