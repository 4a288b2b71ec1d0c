"""The package as installed: setup.py compiles all of its listed modules with mypyc, or none,
and builds the C reader of YAML events where libyaml's header is there."""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
import os
from pathlib import Path

import complychk

SETUP = Path(__file__).resolve().parents[1] / "setup.py"


def _listed() -> set[str]:
    """The module names in setup.py's COMPILED list, read without running setup.py."""
    for node in ast.parse(SETUP.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "COMPILED" for target in node.targets
        ):
            return {element.value for element in node.value.elts}  # type: ignore[attr-defined]
    raise AssertionError("setup.py has no COMPILED list")


def _in_ci() -> bool:
    return os.environ.get("CI") == "true" and not os.environ.get("COMPLYCHK_PURE_PYTHON")


def _compiled() -> set[str]:
    compiled = set()
    for name in _listed():
        module = importlib.import_module(f"complychk.{name}")
        if (module.__file__ or "").endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
            compiled.add(name)
    return compiled


def test_every_listed_module_exists() -> None:
    package = Path(complychk.__file__ or "").parent
    missing = [name for name in sorted(_listed()) if not (package / f"{name}.py").exists()]
    assert missing == []


def test_the_listed_modules_are_compiled_all_or_none() -> None:
    # Compiled modules share one library: some without the rest would not import.
    assert _compiled() in (set(), _listed())


def test_ci_runs_the_compiled_modules() -> None:
    # A build that falls back to plain Python says so only in pip's verbose output; in CI,
    # where a compiler is always there, a fallback means something broke the build.
    if _in_ci():
        assert _compiled() == _listed()
    else:
        assert _compiled() <= _listed()


def test_the_yaml_event_reader_is_built_in_ci_and_gives_pyyaml_s_events_wherever() -> None:
    # .ci/run installs libyaml's header, so in CI the C reader must have been built; elsewhere
    # PyYAML's parser may stand in for it. Either way the reader gives PyYAML's events.
    import yaml

    from complychk import yaml_events

    if _in_ci():
        assert yaml_events._libyaml_events is not None
    text = "a: [1, 'x']\nb: {c: !!str d}\n"
    expected = list(yaml_events.events_of(yaml.SafeLoader(text)))
    assert list(yaml_events.first_events(text)) == expected
    assert (yaml_events.SCALAR, "x", "'", None, 1, 8) in expected


def test_with_the_c_reader_a_check_never_imports_pyyaml_unless_the_yaml_is_wrong() -> None:
    """PyYAML takes about a tenth of a one-proposal check's start-up; the C reader needs it only
    to word a syntax error as PyYAML would, and the words are the same either way."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from complychk import yaml_events\n"
        "from complychk.errors import InputError\n"
        "from complychk.loader import load_text\n"
        "load_text('a: [1, 2]\\nb: {c: d}\\n', 'p.yaml')\n"
        "print(yaml_events._libyaml_events is not None, 'yaml' in sys.modules)\n"
        "try:\n"
        "    load_text('a: 1\\na: 2\\n', 'p.yaml')\n"
        "except InputError as error:\n"
        "    print('yaml' in sys.modules, error)\n"
        "try:\n"
        "    load_text('a: [1, 2\\n', 'p.yaml')\n"
        "except InputError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    built = done[0].startswith("True")
    if _in_ci():
        assert built
    assert done[0] == ("True False" if built else "False True")
    # a refusal of the builder's own (a duplicate key) needs no PyYAML either
    duplicate = 'p.yaml:2:1: duplicate key "a": it is already given on line 1'
    assert done[1].startswith(f"{not built} {duplicate} (")
    assert done[2].startswith("p.yaml:1:4: ") and "is not closed properly [YAML: " in done[2]


def test_the_tuple_maker_makes_the_named_tuple_its_fields_give() -> None:
    from complychk import record
    from complychk.findings import Evidence

    if _in_ci():
        assert record._made_in_c is not None
    fields = ("finance.planned_running_costs_gbp", "p.yaml", 12, 3, "1200000", True)
    made = record.new_tuple(Evidence, fields)
    assert type(made) is Evidence
    assert made == Evidence(*fields)
    assert made.line == 12
