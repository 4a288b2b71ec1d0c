"""Loading proposal files: the values a user wrote, where they wrote them, and clear refusals."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complychk.errors import InputError
from complychk.proposal import loader, yaml_nodes
from complychk.proposal.document import LoadedDocument, Location
from complychk.proposal.loader import load_document, load_text

BAD_INPUTS = Path(__file__).parents[1] / "data" / "bad_inputs"
ONE_LINE = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): [^\n]+ \([^\n]+\)$")

ENGINES = ["libyaml", "libyaml-events", "python"] if yaml.__with_libyaml__ else ["python"]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run a YAML test with each way of reading YAML: libyaml's composer where it is safe; libyaml's
    events fed to PyYAML's composer node by node (as for a file that nests too deep for libyaml's
    composer); PyYAML's Python parser alone."""
    if request.param == "libyaml-events":
        monkeypatch.setattr(yaml_nodes, "_fast_composer_is_safe", lambda text: False)
    elif request.param == "python":
        monkeypatch.setattr(yaml_nodes, "_LIBYAML", False)
    yield request.param


def fails(text: str | bytes, path: str = "p.yaml") -> InputError:
    with pytest.raises(InputError) as caught:
        load_text(text, path)
    return caught.value


def check(error: InputError, line: int, column: int, *words: str) -> None:
    """The user sees one line, FILE:LINE:COL: problem (hint), mentioning ``words``."""
    shown = str(error)
    match = ONE_LINE.match(shown)
    assert match, shown
    assert (int(match["line"]), int(match["col"])) == (line, column), shown
    assert (error.line, error.column) == (line, column)
    assert error.hint, shown
    for word in words:
        assert word.lower() in shown.lower(), shown


# --- what a correct proposal loads as ------------------------------------------------------

PROPOSAL = """\
title: Community diabetic eye screening
start_date: 2025-04-01
annual_budget: 125000
cost_per_patient: 31.5
interpreters: true
notes:
team:
  - role: Clinical lead
    sessions: 4
  - Screening coordinator
  -
    - nested item
address: {site: "Riverside", postcode: 'AB1 2CD'}
summary: |
  Screens adults
  with diabetes.
"""


@pytest.mark.usefixtures("engine")
def test_yaml_values_come_through_as_plain_data() -> None:
    document = load_text(PROPOSAL, "proposal.yaml")
    assert document.data == {
        "title": "Community diabetic eye screening",
        "start_date": "2025-04-01",
        "annual_budget": 125000,
        "cost_per_patient": 31.5,
        "interpreters": True,
        "notes": None,
        "team": [
            {"role": "Clinical lead", "sessions": 4},
            "Screening coordinator",
            ["nested item"],
        ],
        "address": {"site": "Riverside", "postcode": "AB1 2CD"},
        "summary": "Screens adults\nwith diabetes.\n",
    }
    assert document.path == "proposal.yaml"


@pytest.mark.usefixtures("engine")
def test_every_value_is_located_at_its_key_or_list_item() -> None:
    where = load_text(PROPOSAL, "proposal.yaml").locations
    expected = {
        (): (1, 1),
        ("title",): (1, 1),
        ("team",): (7, 1),
        ("team", 0): (8, 5),
        ("team", 0, "role"): (8, 5),
        ("team", 0, "sessions"): (9, 5),
        ("team", 1): (10, 5),
        ("team", 2): (12, 5),
        ("team", 2, 0): (12, 7),
        ("address",): (13, 1),
        ("address", "site"): (13, 11),
        ("address", "postcode"): (13, 30),
        ("summary",): (14, 1),
    }
    for path, (line, column) in expected.items():
        assert where[path] == Location("proposal.yaml", line, column), path


def test_locate_falls_back_to_the_nearest_recorded_ancestor() -> None:
    document = load_text(PROPOSAL, "proposal.yaml")
    assert document.locate(["team", 0, "role"]) == Location("proposal.yaml", 8, 5)
    assert document.locate(("team", 0, "missing", 3)) == Location("proposal.yaml", 8, 5)
    assert document.locate(["no_such_field"]) == Location("proposal.yaml", 1, 1)
    assert document.locate([]) == Location("proposal.yaml", 1, 1)


def test_locations_cannot_be_changed_by_callers() -> None:
    document = load_text("a: 1\n", "p.yaml")
    with pytest.raises(TypeError):
        document.locations[("a",)] = Location("p.yaml", 9, 9)  # type: ignore[index]


def test_columns_count_characters_not_bytes() -> None:
    document = load_text("naïve_title: x\nkey: [é, 😀, z]\n", "p.yaml")
    assert document.locations[("key", 2)] == Location("p.yaml", 2, 13)


def test_load_document_reads_the_file_and_reports_the_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "proposal.YML").write_text("title: x\nbudget: 10\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    document = load_document("./proposal.YML")
    assert isinstance(document, LoadedDocument)
    assert document.data == {"title": "x", "budget": 10}
    assert document.locate(["budget"]) == Location("./proposal.YML", 2, 1)
    assert load_document(tmp_path / "proposal.YML").path == str(tmp_path / "proposal.YML")


def test_utf8_byte_order_mark_is_accepted_and_does_not_shift_columns() -> None:
    document = load_text(b"\xef\xbb\xbftitle: x\nb: [1]\n", "p.yaml")
    assert document.data == {"title": "x", "b": [1]}
    assert document.locations[("title",)] == Location("p.yaml", 1, 1)
    assert load_text("\ufefftitle: x\n", "p.yaml").data == {"title": "x"}


@pytest.mark.usefixtures("engine")
def test_windows_line_endings_keep_line_numbers() -> None:
    document = load_text("a: 1\r\nb:\r\n  - x\r\n", "p.yaml")
    assert document.data == {"a": 1, "b": ["x"]}
    assert document.locations[("b", 0)] == Location("p.yaml", 3, 5)


@pytest.mark.usefixtures("engine")
def test_a_long_file_loads_alike_whichever_composer_reads_it() -> None:
    """1,500 '-' is more than an old libyaml's composer is trusted with: it is read node by node."""
    document = load_text("title: x\nitems:\n" + "  - 'x'\n" * 1500, "p.yaml")
    assert document.data == {"title": "x", "items": ["x"] * 1500}
    assert document.locations[("items", 1499)] == Location("p.yaml", 1502, 5)


@pytest.mark.usefixtures("engine")
def test_document_markers_around_the_single_document_are_fine() -> None:
    assert load_text("---\na: 1\n...\n", "p.yaml").data == {"a": 1}


# --- plain scalars: YAML 1.2 core schema, ambiguity refused ---------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("FALSE", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("0", 0),
        ("42", 42),
        ("-7", -7),
        ("+7", 7),
        ("0x1F", 31),
        ("0o17", 15),
        ("123456789012345678", 123456789012345678),
        ("1.5", 1.5),
        ("-.5", -0.5),
        ("1e3", 1000.0),
        ("2.5E-2", 0.025),
        ("2019-09-30", "2019-09-30"),
        ("2019-09-30 10:00:00", "2019-09-30 10:00:00"),
        ("'yes'", "yes"),
        ('"012"', "012"),
        ("'1:30'", "1:30"),
        ('"true"', "true"),
        ("tRUE", "tRUE"),
        ("yes please", "yes please"),
        ("0o18", "0o18"),
        ("1.2.3", "1.2.3"),
        ("|-\n  1_000", "1_000"),
    ],
)
def test_values_follow_the_yaml_1_2_core_schema(written: str, value: Any) -> None:
    loaded = load_text(f"field: {written}\n", "p.yaml").data["field"]
    assert loaded == value
    assert type(loaded) is type(value)


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("yes", ["ambiguous boolean", "true/false"]),
        ("No", ["ambiguous boolean"]),
        ("ON", ["ambiguous boolean"]),
        ("off", ["ambiguous boolean"]),
        ("y", ["ambiguous boolean"]),
        ("N", ["ambiguous boolean"]),
        ("1:30", ["base-60", "quote"]),
        ("190:20:30", ["base-60"]),
        ("09:30", ["base-60"]),
        ("012", ["leading zero", "octal"]),
        ("-012", ["leading zero"]),
        ("08", ["leading zero"]),
        ("1_000", ["'_'", "write 1000"]),
        ("1_000.50", ["'_'", "1000.50"]),
        ("0b1010", ["binary"]),
        ("-0x1F", ["decimal"]),
        (".inf", ["not a meaningful value"]),
        ("-.Inf", ["not a meaningful value"]),
        (".nan", ["not a meaningful value"]),
        ("1234567890123456789", ["more than 18 digits"]),
        ("0x" + "F" * 20, ["more than 18 digits"]),
        ("1" * 5000, ["more than 18 digits"]),
        ("1e400", ["too large"]),
    ],
)
def test_ambiguous_or_meaningless_values_are_refused_where_written(
    written: str, words: list[str]
) -> None:
    check(fails(f"title: x\nfield:  {written}\n"), 2, 9, *words)


def test_the_bad_value_inside_a_list_is_pointed_at() -> None:
    check(fails("items:\n  - true\n  - yes\n"), 3, 5, "ambiguous boolean")


# --- keys ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("engine")
def test_duplicate_key_is_reported_at_the_second_one_naming_the_first() -> None:
    check(fails("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n"), 5, 3, 'duplicate key "c"', "line 3")
    check(fails("a: 1\n'a': 2\n"), 2, 1, "line 1")
    check(fails("a: {x: 1, x: 2}\n"), 1, 11, "earlier on this line")


@pytest.mark.parametrize(
    ("text", "line", "column", "word"),
    [
        ("1: x\n", 1, 1, "number"),
        ("1.5: x\n", 1, 1, "number"),
        ("true: x\n", 1, 1, "true/false"),
        ("null: x\n", 1, 1, "null"),
        ("~: x\n", 1, 1, "null"),
        ("a: 1\n? \n: x\n", 2, 2, "key is missing"),
        ("? [a, b]\n: x\n", 1, 3, "list or mapping"),
        ("a: 1\n? {b: 1}\n: x\n", 2, 3, "list or mapping"),
        ("on: push\n", 1, 1, "ambiguous boolean"),
    ],
)
def test_keys_must_be_text(text: str, line: int, column: int, word: str) -> None:
    check(fails(text), line, column, word)


def test_quoted_number_keys_are_text() -> None:
    assert load_text("'1': a\n\"2\": b\n", "p.yaml").data == {"1": "a", "2": "b"}


# --- tags, aliases, merge keys ---------------------------------------------------------------


@pytest.mark.usefixtures("engine")
@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/object:os.system x", "!!python/object:os.system"),
        ("!foo x", "!foo"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!set {a, b}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!!str 12", "!!str"),
        ("! 12", '"!"'),
        ("!!map {a: 1}", "!!map"),
        ("! {a: 1}", '"!"'),
        ("! 'text'", '"!"'),
        ("!<!> 12", '"!"'),
        ("&a ! 12", '"!"'),
        ("&a # the tag is on the next line\n  ! 12", '"!"'),
        ("&a !!str 12", "!!str"),
    ],
)
def test_explicit_tags_are_refused(value: str, shown: str) -> None:
    check(fails(f"title: x\nfield: {value}\n"), 2, 8, "tag", shown)


@pytest.mark.usefixtures("engine")
def test_an_empty_value_before_a_tag_is_not_taken_for_a_tagged_one() -> None:
    """An empty value is placed where the next thing written starts, here the tag of a key
    that cannot follow: the error is the syntax, not a tag on the empty value."""
    check(fails('""! x: 1\n'), 1, 3, "indentation")
    check(fails("a:\n  b: &x\n! c\n"), 3, 1, "'key: value'")


@pytest.mark.usefixtures("engine")
def test_a_tag_on_a_first_key_is_the_keys() -> None:
    check(fails("a: &x\n  ! b: 1\n"), 2, 3, '"!"')
    check(fails("a:\n  ! b: 1\n"), 2, 3, '"!"')


@pytest.mark.usefixtures("engine")
def test_exclamation_marks_in_values_are_text() -> None:
    text = "title: Urgent! \nnote: 'Yes!'\nlist: [a!, b]\n"
    assert load_text(text, "p.yaml").data == {
        "title": "Urgent!",
        "note": "Yes!",
        "list": ["a!", "b"],
    }


@pytest.mark.usefixtures("engine")
def test_aliases_are_refused_where_they_are_used() -> None:
    check(fails("base: &b\n  x: 1\nother: *b\n"), 3, 8, "alias *b", "write the value out")
    check(fails("title: x\nother: [1, *nowhere]\n"), 2, 12, "alias *nowhere")


@pytest.mark.usefixtures("engine")
def test_anchors_alone_are_ignored_even_when_one_is_given_twice() -> None:
    assert load_text("a: &x 1\nb: &x [2]\n", "p.yaml").data == {"a": 1, "b": [2]}


@pytest.mark.usefixtures("engine")
def test_billion_laughs_stops_at_the_first_alias() -> None:
    text = 'a: &a ["lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(9)
    )
    check(fails(text), 2, 8, "alias")


@pytest.mark.usefixtures("engine")
def test_merge_keys_are_refused() -> None:
    check(fails("base: {x: 1}\nthing:\n  <<: {x: 1}\n  y: 2\n"), 3, 3, "merge keys")
    assert load_text("'<<': x\n", "p.yaml").data == {"<<": "x"}


# --- shape of the document -------------------------------------------------------------------


@pytest.mark.usefixtures("engine")
def test_only_one_document_per_file() -> None:
    check(fails("a: 1\n---\nb: 2\n"), 2, 1, "second YAML document")
    check(fails("--- {a: 1}\n--- {b: 2}\n"), 2, 1, "second YAML document")


@pytest.mark.parametrize(
    ("text", "path", "found"),
    [
        ("- a\n- b\n", "p.yaml", "a list"),
        ("just words\n", "p.yaml", "text"),
        ("12\n", "p.yaml", "a number"),
        ('["a"]', "p.json", "a list"),
        ('"a"', "p.json", "text"),
        ("---\n- a\n---\nbody\n", "p.md", "a list"),
    ],
)
def test_top_level_must_be_a_mapping(text: str, path: str, found: str) -> None:
    line = 2 if path.endswith(".md") else 1
    check(fails(text, path), line, 1, "mapping of fields at the top level", found)


@pytest.mark.parametrize(
    ("text", "path", "words"),
    [
        ("", "p.yaml", "empty"),
        ("# only a comment\n\n", "p.yaml", "empty"),
        ("---\n", "p.yaml", "empty"),
        ("null\n", "p.yaml", "empty"),
        ("", "p.json", "empty"),
        ("  \n", "p.json", "empty"),
        ("---\n---\nbody\n", "p.md", "front matter is empty"),
        ("---\n# nothing yet\n...\n", "p.md", "front matter is empty"),
    ],
)
def test_empty_documents_are_refused(text: str, path: str, words: str) -> None:
    check(fails(text, path), 1, 1, words)


@pytest.mark.usefixtures("engine")
def test_nesting_up_to_64_levels_loads() -> None:
    text = "a: " + "[" * 63 + "]" * 63 + "\n"
    assert load_text(text, "p.yaml").data["a"] == _nested(62)


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.usefixtures("engine")
def test_nesting_deeper_than_64_levels_is_refused_where_it_happens() -> None:
    check(fails("a: " + "[" * 64 + "]" * 64 + "\n"), 1, 67, "more than 64 levels")
    block = "".join(f"{'  ' * i}k{i}:\n" for i in range(65)) + "  " * 65 + "v\n"
    check(fails(block), 65, 129, "more than 64 levels")


@pytest.mark.usefixtures("engine")
@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_pathological_nesting_is_an_input_error(opener: str) -> None:
    check(fails("a: " + opener * 20_000), 1, 3 + 63 * len(opener) + 1, "64 levels")


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("a: [[1]]\n", True),
        ("a:\n" + "- {b: 1}\n" * 2_000, True),  # many '-', '{' and ':', two levels deep
        ("a: " + "[" * 999 + "]" * 999 + "\n", True),  # with the mapping, 1000 levels
        ("a: " + "[" * 1_000 + "]" * 1_000 + "\n", False),
        ("a: " + "[" * 2_000 + "\n", False),
        ("a: [1, 2\n" + "b: {c: 1}\n" * 400, False),  # shallow, but libyaml cannot parse it
    ],
    ids=["small", "long-but-flat", "1000-levels", "1001-levels", "unclosed", "broken"],
)
def test_libyaml_composes_only_what_nests_at_most_1000_levels(text: str, safe: bool) -> None:
    """libyaml's composer recurses in C, where libyaml before 0.2.6 (which PyYAML's wheels
    bring) sets no limit."""
    assert yaml_nodes._fast_composer_is_safe(text) is safe


@pytest.mark.usefixtures("engine")
def test_nesting_that_would_overflow_a_recursive_composer_is_an_input_error() -> None:
    """libyaml before 0.2.6 composes each level with a C call, and crashes at this depth."""
    check(fails("a: " + "[" * 300_000 + "]" * 300_000), 1, 67, "64 levels")


def test_pathological_json_nesting_is_an_input_error() -> None:
    check(fails('{"a": ' + "[" * 100_000, "p.json"), 1, 70, "64 levels")
    check(fails('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "p.json"), 1, 70, "64 levels")


# --- bytes and characters --------------------------------------------------------------------


def test_file_over_5_mb_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as stream:
        stream.truncate(5 * 1024 * 1024 + 1)  # all NUL bytes: parsing would fail differently
    check(load_document_error(big), 1, 1, "5,242,881 bytes", "at most 5 MB")
    check(fails(b"a: 1\n" + b" " * (5 * 1024 * 1024)), 1, 1, "at most 5 MB")
    check(fails("a: 1\n" + " " * (5 * 1024 * 1024)), 1, 1, "at most 5 MB")


def test_file_of_exactly_5_mb_loads() -> None:
    text = b"a: 1\n" + b"#" * (5 * 1024 * 1024 - 5)
    assert load_text(text, "p.yaml").data == {"a": 1}


def test_invalid_utf8_is_located_at_the_first_bad_byte() -> None:
    check(fails(b"title: x\nsummary: caf\xc3\xa9 \xe9t\xe9\n"), 2, 15, "not valid UTF-8", "0xE9")
    check(fails(b"\xef\xbb\xbfa: \xff\n"), 1, 4, "UTF-8")


@pytest.mark.parametrize(
    ("prefix", "encoding"),
    [
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
    ],
)
def test_utf16_and_utf32_files_are_refused(prefix: bytes, encoding: str) -> None:
    check(fails(prefix + "a: 1\n".encode("utf-16-le")), 1, 1, encoding, "save it as UTF-8")


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("a: 1\nb: x\x00y\n", 2, 5, ["U+0000", "UTF-16"]),
        ("a: 1\nb: 'x\x07'\n", 2, 6, ["control character U+0007"]),
        ("a: x\x7f\n", 1, 5, ["U+007F"]),
        ("a: x\u2028y\n", 1, 5, ["line break", "U+2028"]),
        ("a: x\ud800\n", 1, 5, ["surrogate"]),
    ],
)
def test_control_characters_are_refused_with_their_position(
    text: str, line: int, column: int, words: list[str]
) -> None:
    check(fails(text), line, column, *words)


@pytest.mark.parametrize("code", [*range(0x20), 0x7F])
def test_every_ascii_control_character_but_tab_and_line_ends_is_refused(code: int) -> None:
    """An all-ASCII file takes a quicker scan than other text; it must refuse the same set."""
    text = f'a: 1\nb: "x{chr(code)}y"\n'
    if chr(code) in "\t\n\r":
        assert load_text(text, "p.yaml").data["a"] == 1
    else:
        check(fails(text), 2, 6, f"U+{code:04X}")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x7f", "\x85", "\u2029", "\ud800"])
def test_control_characters_are_refused_in_json_too(char: str) -> None:
    check(fails(f'{{"a": 1,\n "b": "x{char}"}}', "p.json"), 2, 9, f"U+{ord(char):04X}")


@pytest.mark.usefixtures("engine")
def test_surrogate_escapes_are_refused_in_yaml_and_json() -> None:
    error = fails('title: x\na: "\\ud800"\n')
    check(error, 2, error.column, "escape")
    check(fails('{"a": "\\ud800"}', "p.json"), 1, 7, "surrogate")
    assert load_text('{"a": "\\ud83d\\ude00"}', "p.json").data == {"a": "😀"}


# --- YAML syntax errors ----------------------------------------------------------------------


@pytest.mark.usefixtures("engine")
@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("title: x\nteam:\n\t- a\n", 3, 1, ["tab characters cannot indent YAML", "use spaces"]),
        ("a:\n  b: 1\n\tc: 2\n", 3, 1, ["tab"]),
        ("title: Eyes: screening\n", 1, 12, ["':'", "quote"]),
        ("title: x\n  other: 2\n", 2, 8, ["':'"]),
        ("a: 1\nb\nc: 2\n", 2, 1, ["'key: value'"]),
        ("a: 'open\n", 1, 4, ["ends before", "close the quote"]),
        ("a: [1, 2\n", 1, 4, ["not closed", "']'"]),
        ("a: {b: 1\n", 1, 4, ["not closed"]),
        ("a: @handle\n", 1, 4, ['"@" cannot start a value', "quote"]),
        ("a: `cmd`\n", 1, 4, ['"`"', "quote"]),
        ("a:\n  - 1\n - 2\n", 3, 2, ["indentation"]),
        ("a:\n    b: 1\n  c: 2\n", 3, 3, ["indentation"]),
    ],
)
def test_yaml_syntax_errors_say_where_and_what_to_do(
    text: str, line: int, column: int, words: list[str]
) -> None:
    check(fails(text), line, column, *words)


@pytest.mark.usefixtures("engine")
def test_bad_escape_in_double_quotes_is_explained() -> None:
    error = fails('a: 1\nb: "C:\\windows"\n')
    assert error.line == 2
    check(error, error.line, error.column, "escape", "single quotes")


@pytest.mark.usefixtures("engine")
@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("a: yes\nb: [1, 2\n", 1, 4, ["ambiguous boolean"]),
        ("a: 1\nb: {c: yes, d: [\n", 2, 8, ["ambiguous boolean"]),
        ("a: 1\nb:\n  - 012\n  - *x\n", 3, 5, ["leading zero"]),
        ("a: 1\nb: !!str 1\nc: *x\n", 2, 4, ["tag"]),
        ("a: 1\na: 2\n---\n", 2, 1, ["duplicate key"]),
        ("a: 1\na: [\n", 2, 1, ["duplicate key"]),
        ("b: [yes, 2\n", 1, 5, ["ambiguous boolean"]),
        ("a: !!map {\n", 1, 4, ["tag"]),
        ("? [a,\n", 1, 3, ["list or mapping"]),
        ("- a\nb: [\n", 1, 1, ["mapping of fields"]),
        ("a: " + "[" * 70 + "yes", 1, 67, ["64 levels"]),
        ("a: [yes, " + "[" * 70, 1, 5, ["ambiguous boolean"]),
    ],
)
def test_the_first_problem_in_the_file_is_the_one_reported(
    text: str, line: int, column: int, words: list[str]
) -> None:
    check(fails(text), line, column, *words)


# --- JSON ------------------------------------------------------------------------------------

JSON_PROPOSAL = """{
\t"title": "Community diabetic eye screening",
\t"annual_budget": 125000,
\t"rate": 1.5e2,
\t"flags": [true, false, null],
\t"team": [{"role": "Clinical lead"}, "coordinator"],
\t"nothing": {}
}
"""


def test_json_loads_with_locations_even_when_indented_with_tabs() -> None:
    document = load_text(JSON_PROPOSAL, "p.json")
    assert document.data == {
        "title": "Community diabetic eye screening",
        "annual_budget": 125000,
        "rate": 150.0,
        "flags": [True, False, None],
        "team": [{"role": "Clinical lead"}, "coordinator"],
        "nothing": {},
    }
    where = document.locations
    assert where[()] == Location("p.json", 1, 1)
    assert where[("annual_budget",)] == Location("p.json", 3, 2)
    assert where[("flags", 2)] == Location("p.json", 5, 25)
    assert where[("team", 0)] == Location("p.json", 6, 11)
    assert where[("team", 0, "role")] == Location("p.json", 6, 12)
    assert where[("team", 1)] == Location("p.json", 6, 38)


def test_json_strings_that_look_like_yaml_stay_strings() -> None:
    text = '{"a": "yes", "b": "012", "c": "1:30", "d": "\\u00e9\\n", "e": "\\/"}'
    assert load_text(text, "p.json").data == {
        "a": "yes",
        "b": "012",
        "c": "1:30",
        "d": "é\n",
        "e": "/",
    }


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('{\n  "a": 1,\n  "a": 2\n}', 3, 3, ['duplicate key "a"', "line 2"]),
        ('{"a": {"b": 1, "b": 2}}', 1, 16, ["earlier on this line"]),
        ('{\n  "a": 1,\n}', 3, 1, ["double quotes", "comma"]),
        ('{\n  "a": 1\n  "b": 2\n}', 3, 3, ["',' delimiter"]),
        ('{"a" 1}', 1, 6, ["':'"]),
        ('{"a": }', 1, 7, ["value"]),
        ('{"a": 1} {"b": 2}', 1, 10, ["one JSON object"]),
        ('{"a": "open', 1, 7, ["Unterminated string"]),
        ("{'a': 1}", 1, 2, ["double quotes"]),
        ('{"a": NaN}', 1, 7, ["NaN", "not a meaningful value"]),
        ('{"a": -Infinity}', 1, 7, ["Infinity"]),
        ('{"a": 1e999}', 1, 7, ["too large"]),
        ('{"a": 12345678901234567890}', 1, 7, ["more than 18 digits"]),
        ('{"a": ' + "1" * 5000 + "}", 1, 7, ["more than 18 digits"]),
        ('{"a": "\\x"}', 1, 8, ["escape"]),
        ('{"a": "line\nbreak"}', 1, 12, ["control character"]),
    ],
)
def test_json_errors_say_where_and_what_to_do(
    text: str, line: int, column: int, words: list[str]
) -> None:
    check(fails(text, "p.json"), line, column, *words)


# --- Markdown front matter -------------------------------------------------------------------

MARKDOWN = """---
title: Community diabetic eye screening
team:
  - role: Clinical lead
---
# Proposal

Body text: ignored, even with: [odd {YAML
---
"""


def test_markdown_front_matter_keeps_the_file_line_numbers() -> None:
    document = load_text(MARKDOWN, "proposal.md")
    assert document.data == {
        "title": "Community diabetic eye screening",
        "team": [{"role": "Clinical lead"}],
    }
    assert document.locations[("team", 0, "role")] == Location("proposal.md", 4, 5)
    check(fails("---\ntitle: x\nflag: yes\n---\n", "p.md"), 3, 7, "ambiguous boolean")


def test_markdown_front_matter_may_close_with_dots_and_use_crlf() -> None:
    document = load_text("---\r\na: 1\r\n...\r\nbody\r\n", "p.markdown")
    assert document.data == {"a": 1}
    assert load_text("---\na: 1\n---", "p.md").data == {"a": 1}


def test_markdown_body_characters_are_not_checked() -> None:
    assert load_text("---\na: 1\n---\nbinary \x00 junk\n", "p.md").data == {"a": 1}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("# Proposal\n", ["does not start with YAML front matter", "'---'"]),
        ("\n---\na: 1\n---\n", ["does not start"]),
        ("", ["does not start"]),
        ("---\na: 1\n", ["never closed", "add a line '---'"]),
        ("---", ["never closed"]),
        ("---\na: 1\n  ---\n", ["never closed"]),
    ],
)
def test_markdown_without_proper_front_matter_is_refused(text: str, words: list[str]) -> None:
    check(fails(text, "p.md"), 1, 1, *words)


# --- paths -----------------------------------------------------------------------------------


def load_document_error(path: str | Path) -> InputError:
    with pytest.raises(InputError) as caught:
        load_document(path)
    return caught.value


def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nope.yaml")
    error = load_document_error(path)
    check(error, 1, 1, "no such file")
    assert error.file == path


def test_directory(tmp_path: Path) -> None:
    check(load_document_error(tmp_path), 1, 1, "directory")
    check(load_document_error(tmp_path.parent / (tmp_path.name + "/")), 1, 1, "directory")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    check(load_document_error(path), 1, 1, "permission denied", "permissions")


def test_other_read_failures_are_input_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "flaky.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "open", broken)
    check(load_document_error(path), 1, 1, "Input/output error")


def test_supported_suffixes_are_the_ones_loaded() -> None:
    assert tuple(loader._LOADERS) == loader.SUPPORTED_SUFFIXES


@pytest.mark.parametrize("name", ["proposal.txt", "proposal", "proposal.yaml.bak", "p.toml"])
def test_unsupported_extensions_name_the_supported_ones(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("a: 1\n", encoding="utf-8")
    check(load_document_error(path), 1, 1, ".yaml, .yml, .json, .md or .markdown")
    check(fails("a: 1\n", name), 1, 1, "unsupported file type")


# --- fixture files, as a user would hit them -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "column", "words"),
    [
        ("ambiguous_boolean.yaml", 6, 28, ["ambiguous boolean"]),
        ("duplicate_key.yaml", 6, 1, ["annual_budget", "line 2"]),
        ("tab_indent.yaml", 4, 1, ["tab"]),
        ("alias.yaml", 6, 12, ["alias *hours"]),
        ("second_document.yaml", 3, 1, ["second YAML document"]),
        ("leading_zero.yaml", 2, 12, ["0142", "leading zero"]),
        ("windows_1252.yaml", 2, 13, ["UTF-8", "Windows-1252"]),
        ("utf16.yaml", 1, 1, ["UTF-16"]),
        ("not_a_mapping.json", 1, 1, ["mapping of fields"]),
        ("duplicate_key.json", 4, 34, ["age_from"]),
        ("trailing_comma.json", 4, 1, ["comma"]),
        ("unclosed_front_matter.md", 1, 1, ["never closed"]),
    ],
)
def test_bad_input_files(name: str, line: int, column: int, words: list[str]) -> None:
    path = str(BAD_INPUTS / name)
    error = load_document_error(path)
    check(error, line, column, *words)
    assert str(error).startswith(f"{path}:{line}:{column}: ")


# --- robustness ------------------------------------------------------------------------------

YAMLISH = st.lists(
    st.sampled_from(
        [*"ab01 :-[]{},'\"\n\t#&*!|>?%@`~.\\_xyeon", "\u00e9", "\x00", "\r", "---\n", "0x"]
    ),
    max_size=40,
).map("".join)


def _loads_or_refuses(text: str | bytes, path: str) -> None:
    try:
        document = load_text(text, path)
    except InputError as error:
        assert ONE_LINE.match(str(error)), str(error)
        assert error.line >= 1
        assert error.column >= 1
    else:
        assert isinstance(document.data, dict)
        assert () in document.locations


PRINTABLE = st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"])
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**17), 10**17)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(PRINTABLE, max_size=8)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(PRINTABLE, max_size=4), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(st.text(PRINTABLE, max_size=4), JSON_VALUES, max_size=4),
    st.sampled_from([None, 2, "\t"]),
)
def test_valid_json_loads_exactly_as_the_standard_library_reads_it(
    data: dict[str, Any], indent: int | str | None
) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    if re.search("[\x85\u2028\u2029\ufffe\uffff]", text):
        return  # characters refused on purpose; tested above
    document = load_text(text, "x.json")
    assert document.data == json.loads(text)
    for path in document.locations:  # every recorded path names a real value
        value: Any = document.data
        for step in path:
            value = value[step]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200))
def test_arbitrary_bytes_load_or_raise_input_error(data: bytes) -> None:
    _loads_or_refuses(data, "x.yaml")


@settings(max_examples=150, deadline=None)
@given(YAMLISH, st.sampled_from(["x.yaml", "x.json", "x.md"]))
def test_yaml_like_text_loads_or_raises_input_error(text: str, path: str) -> None:
    prefix = "---\n" if path.endswith(".md") else ""
    _loads_or_refuses(prefix + text + ("\n---\n" if prefix else ""), path)
