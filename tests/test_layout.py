"""The package is laid out by stage, as docs/architecture.md draws it: each stage imports only the
stages before it, no module imports one that imports it back, and little is left at the top."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "complychk"

STAGES = [
    "__init__",
    "errors",
    "output",
    "proposal",
    "conditions",
    "evaluate",
    "api",
    "reports",
    "review",
    "authoring",
    "config_model",
    "config",
    "workspace",
    "cli",
    "__main__",
]
"""Earlier stages first: a module may import its own stage and those above it in this list."""


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(("complychk", *parts)).removesuffix(".__init__")


def _imports() -> dict[str, set[str]]:
    """Every complychk module each module imports, wherever the import stands (in a function or
    under TYPE_CHECKING too): ``from a import b`` counts as importing ``a.b`` when that is a module."""
    modules = {_name(path): path for path in PACKAGE.rglob("*.py")}
    found: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    whole = f"{node.module}.{alias.name}"
                    targets.add(whole if whole in modules else node.module)
            elif isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
        found[name] = {target for target in targets if target in modules} - {name}
    return found


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = _imports()
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_each_stage_imports_only_the_stages_before_it() -> None:
    backwards = sorted(
        f"{module} imports {target}"
        for module, targets in _imports().items()
        for target in targets
        if STAGES.index(_stage(target)) > STAGES.index(_stage(module))
    )
    assert backwards == []


def test_every_module_belongs_to_a_stage_and_few_sit_at_the_top() -> None:
    top = sorted(path.stem for path in PACKAGE.glob("*.py"))
    folders = sorted(path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file())
    assert [name for name in [*top, *folders] if name not in STAGES] == []
    assert len(top) <= 8, top


def test_each_stage_says_in_one_line_what_it_owns() -> None:
    """The docstring's first line, a sentence standing alone, is what a newcomer reads first."""
    for folder in sorted(PACKAGE.glob("*/__init__.py")):
        lines = (ast.get_docstring(ast.parse(folder.read_text("utf-8"))) or "").splitlines()
        assert lines and lines[0].endswith("."), folder.parent.name
        assert len(lines) == 1 or lines[1] == "", folder.parent.name


def test_every_subpackage_is_installed() -> None:
    """pyproject lists the packages to install by name: one left out works in a checkout (an
    editable install) and fails to import once installed from a wheel."""
    import tomllib

    listed = set(
        tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text("utf-8"))["tool"][
            "setuptools"
        ]["packages"]
    )
    packages = {_name(path.parent / "__init__.py") for path in PACKAGE.rglob("__init__.py")}
    assert sorted(packages - listed) == []
