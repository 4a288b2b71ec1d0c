"""docs/ci.md's examples are valid pipelines whose complychk commands the CLI accepts.

Each example is preceded by ``<!-- check: KIND -->``. Pipelines are validated against the schemas
check-jsonschema ships (from SchemaStore, no network), pre-commit configurations by pre-commit.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from complychk.cli import build_parser
from complychk.cli.check import parse_formats

REPO = Path(__file__).resolve().parents[2]
CI_DOC = REPO / "docs" / "ci.md"
EXAMPLE = re.compile(r"<!-- check: ([\w-]+) -->\n```yaml\n(.*?)```", re.DOTALL)
BLOCK = re.compile(r"```\w*\n(.*?)```", re.DOTALL)


def examples() -> list[tuple[str, str]]:
    return EXAMPLE.findall(CI_DOC.read_text(encoding="utf-8"))


def validate(kind: str, path: Path) -> subprocess.CompletedProcess[str]:
    if kind == "pre-commit-config":
        pytest.importorskip("pre_commit")
        command = [sys.executable, "-m", "pre_commit", "validate-config", str(path)]
    elif kind == "pre-commit-manifest":
        pytest.importorskip("pre_commit")
        command = [sys.executable, "-m", "pre_commit", "validate-manifest", str(path)]
    else:
        pytest.importorskip("check_jsonschema")
        # The Azure schema has a pattern the default (unicode) regex engine rejects.
        command = [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--regex-variant",
            "nonunicode",
            "--builtin-schema",
            f"vendor.{kind}",
            str(path),
        ]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)


def test_every_ci_system_has_an_example() -> None:
    kinds = [kind for kind, _ in examples()]
    # the Action, plain steps, a PR comment, pushing to the review workspace
    assert kinds.count("github-workflows") == 4
    for kind in ("gitlab-ci", "azure-pipelines", "pre-commit-config"):
        assert kind in kinds


@pytest.mark.parametrize(
    ("kind", "text"), examples(), ids=[f"{k}-{i}" for i, (k, _) in enumerate(examples())]
)
def test_example_is_valid_for_its_ci_system(kind: str, text: str, tmp_path: Path) -> None:
    path = tmp_path / "example.yml"
    path.write_text(text, encoding="utf-8")
    result = validate(kind, path)
    assert result.returncode == 0, f"{kind} example:\n{text}\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize(
    ("kind", "path"),
    [("github-actions", "action.yml"), ("pre-commit-manifest", ".pre-commit-hooks.yaml")],
)
def test_shipped_manifests_are_valid(kind: str, path: str) -> None:
    result = validate(kind, REPO / path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_local_hook_example_mirrors_the_shipped_hook() -> None:
    shipped = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    local = [
        hook
        for kind, text in examples()
        if kind == "pre-commit-config"
        for repo in yaml.safe_load(text)["repos"]
        if repo["repo"] == "local"
        for hook in repo["hooks"]
    ]
    assert len(local) == 1
    assert local[0]["entry"] == shipped["entry"]
    assert local[0]["files"] == shipped["files"]


def complychk_commands(markdown: str, command: str = "check") -> list[str]:
    """Every ``complychk COMMAND ...`` in the document's code blocks, continuations joined."""
    commands = []
    for block in BLOCK.findall(markdown):
        joined = re.sub(r"\\\n\s*", " ", block)
        joined = re.sub(r"\n\s+(?=--)", " ", joined)  # YAML folded lines
        commands += re.findall(rf"complychk {command} [^\n|]*", joined)
    return commands


@pytest.mark.parametrize("doc", ["docs/ci.md", "README.md"])
def test_documented_commands_are_accepted_by_the_cli(doc: str) -> None:
    commands = complychk_commands((REPO / doc).read_text(encoding="utf-8"))
    if doc == "docs/ci.md":
        assert len(commands) >= 3
    runnable = [command for command in commands if "..." not in command]  # not synopses
    assert runnable
    parser = build_parser()
    for command in runnable:
        args = parser.parse_args(shlex.split(command)[1:])
        parse_formats(args.format)


def test_workflow_examples_pin_other_actions_to_a_commit() -> None:
    uses = [
        line.split("uses:", 1)[1].strip()
        for kind, text in examples()
        if kind == "github-workflows"
        for line in text.splitlines()
        if "uses:" in line
    ]
    others = [use for use in uses if not use.startswith("OWNER/complychk@")]
    assert len(others) >= 5
    for use in others:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", use), use


def test_documented_pushes_are_accepted_by_the_cli() -> None:
    commands = [
        command
        for doc in ("docs/ci.md", "docs/workspace.md", "README.md")
        for command in complychk_commands((REPO / doc).read_text(encoding="utf-8"), "push")
    ]
    runnable = [command for command in commands if "[" not in command]  # not synopses
    assert len(runnable) >= 2
    parser = build_parser()
    for command in runnable:
        args = parser.parse_args(shlex.split(command, comments=True)[1:])
        assert args.application


def test_the_workspace_guide_shows_the_push_workflow_ci_md_validates() -> None:
    pushes = [text for kind, text in examples() if "complychk push" in text]
    assert len(pushes) == 1
    guide = (REPO / "docs" / "workspace.md").read_text(encoding="utf-8")
    assert f"```yaml\n{pushes[0]}```" in guide
