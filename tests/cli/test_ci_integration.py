"""The GitHub Action and the pre-commit hook manifest: shape, safety, and the Action's script run."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from ci_cases import failing_case

import complychk

REPO = Path(__file__).resolve().parents[2]
REQUIRED_INPUTS = (
    "proposals",
    "pack",
    "pack-dir",
    "fail-on",
    "as-of",
    "tags",
    "waivers",
    "config-file",
    "sarif-file",
    "junit-file",
    "html-file",
    "extra-args",
)
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


@pytest.fixture(scope="module")
def action() -> Any:
    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hook() -> Any:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [entry["id"] for entry in hooks] == ["complychk"]
    return hooks[0]


def step(action: Any, step_id: str) -> Any:
    return next(s for s in action["runs"]["steps"] if s.get("id") == step_id)


# --- action.yml ---------------------------------------------------------------------------------


def test_action_is_composite_with_the_documented_inputs(action: Any) -> None:
    assert action["runs"]["using"] == "composite"
    for name in REQUIRED_INPUTS:
        assert action["inputs"][name]["description"]
        assert "default" in action["inputs"][name]
    # empty: the settings file's fail-on, else must (an Action default would override the file)
    assert action["inputs"]["fail-on"]["default"] == ""
    for output in ("exit-code", "sarif-file", "junit-file", "html-file", "markdown-file"):
        assert output in action["outputs"]


def test_actions_from_elsewhere_are_pinned_to_a_commit(action: Any) -> None:
    text = (REPO / "action.yml").read_text(encoding="utf-8")
    uses = [s["uses"] for s in action["runs"]["steps"] if "uses" in s]
    assert len(uses) == 4
    for reference in uses:
        assert PINNED.match(reference), f"{reference} is not pinned to a commit SHA"
        assert re.search(re.escape(reference) + r" # v\d+\.\d+\.\d+\n", text), (
            f"{reference} does not name its release in a comment"
        )


def test_the_install_is_cached_by_the_actions_version_and_python(action: Any) -> None:
    key = step(action, "key")
    assert key["env"]["PYTHON_VERSION"] == "${{ steps.python.outputs.python-version }}"
    for part in ("$RUNNER_OS", "python$PYTHON_VERSION", "$version", "$digest"):
        assert part in key["run"]
    restore = step(action, "cache")
    assert restore["uses"].startswith("actions/cache/restore@")
    assert restore["with"]["key"] == "${{ steps.key.outputs.key }}"
    steps = action["runs"]["steps"]
    save = next(s for s in steps if s.get("uses", "").startswith("actions/cache/save@"))
    assert save["with"] == restore["with"]
    assert save["if"] == "${{ steps.install.outputs.installed == 'true' }}"
    order = [s.get("id") or s.get("uses", "").split("@")[0] for s in steps]
    assert order.index("cache") < order.index("install") < order.index("actions/cache/save")
    assert order.index("actions/cache/save") < order.index("check")  # saved even if check fails


def test_the_key_step_names_the_install(action: Any, tmp_path: Path) -> None:
    output = tmp_path / "output"
    env = {
        "ACTION_PATH": str(REPO),
        "PYTHON_VERSION": "3.12.7",
        "RUNNER_OS": "Linux",
        "RUNNER_ARCH": "X64",
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(output),
    }
    result = run_step(step(action, "key")["run"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    outputs = github_outputs(output)
    assert re.fullmatch(
        rf"complychk-Linux-X64-python3\.12\.7-{re.escape(complychk.__version__)}-[0-9a-f]{{16}}",
        outputs["key"],
    )
    assert outputs["venv"] == f"{tmp_path}/complychk-venv"
    output.unlink()
    assert run_step(step(action, "key")["run"], env, tmp_path).returncode == 0
    assert github_outputs(output)["key"] == outputs["key"]  # the same sources, the same key


def test_a_restored_install_is_used_without_reinstalling(action: Any, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    fake = venv / "bin" / "complychk"
    fake.write_text("#!/bin/sh\necho complychk 0.1.0\n", encoding="utf-8")
    fake.chmod(0o755)
    output = tmp_path / "output"
    env = {
        "ACTION_PATH": str(REPO),
        "PYTHON": "/nonexistent/python",  # installing would fail
        "VENV": str(venv),
        "CACHE_HIT": "true",
        "GITHUB_OUTPUT": str(output),
    }
    result = run_step(step(action, "install")["run"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert github_outputs(output) == {"complychk": str(fake)}


def test_every_input_is_used_by_a_step(action: Any) -> None:
    steps = json.dumps(action["runs"]["steps"])
    for name in action["inputs"]:
        assert f"inputs.{name}" in steps, f"input {name} is declared but never used"


def test_scripts_take_inputs_from_the_environment_never_by_expansion(action: Any) -> None:
    """``${{ inputs.x }}`` pasted into a script lets a crafted value run shell commands."""
    for entry in action["runs"]["steps"]:
        if "run" in entry:
            assert "${{" not in entry["run"], f"step {entry.get('name')} expands an expression"
            assert entry["shell"] == "bash"


def test_installs_complychk_from_the_action_itself(action: Any) -> None:
    install = step(action, "install")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert 'pip install --quiet --disable-pip-version-check "$ACTION_PATH"' in install["run"]


def test_check_step_wires_inputs_to_the_command(action: Any) -> None:
    check = step(action, "check")
    env = check["env"]
    for name in REQUIRED_INPUTS:
        variable = name.upper().replace("-", "_")
        assert env[variable] == f"${{{{ inputs.{name} }}}}"
        assert f'"${variable}"' in check["run"], f"{variable} is not passed to complychk"
    command = " ".join(check["run"].split("\\\n"))
    assert re.search(r'"\$COMPLYCHK" check "\$\{paths\[@\]\}"', command)
    for fragment in (
        "--format github",
        '"sarif=$SARIF_FILE"',
        '"markdown=$summary"',
        "|| status=$?",
    ):
        assert fragment in command
    assert '>> "$GITHUB_STEP_SUMMARY"' in check["run"]


def test_sarif_is_uploaded_before_the_exit_status_is_passed_on(action: Any) -> None:
    steps = action["runs"]["steps"]
    upload = next(i for i, s in enumerate(steps) if "upload-sarif" in s.get("uses", ""))
    finish = len(steps) - 1
    assert steps[upload]["uses"].startswith("github/codeql-action/upload-sarif@")
    assert steps[upload]["with"]["sarif_file"] == "${{ steps.check.outputs.sarif-file }}"
    assert "always()" in steps[upload]["if"] and "inputs.upload-sarif" in steps[upload]["if"]
    assert upload < finish
    assert "always()" in steps[finish]["if"]
    assert steps[finish]["env"]["STATUS"] == "${{ steps.check.outputs.exit-code }}"
    assert 'exit "$STATUS"' in steps[finish]["run"]


def run_step(script: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a step's script the way GitHub runs ``shell: bash``."""
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def github_outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())


@pytest.fixture
def runner(tmp_path: Path) -> dict[str, str]:
    """The files and variables a GitHub runner provides, and complychk on a known path."""
    shim = tmp_path / "bin" / "complychk"
    shim.parent.mkdir()
    package_root = Path(complychk.__file__).resolve().parents[1]  # installed or src/, as imported
    shim.write_text(
        f'#!/bin/sh\nPYTHONPATH="{package_root}" exec "{sys.executable}" -m complychk "$@"\n',
        encoding="utf-8",
    )
    shim.chmod(0o755)
    (tmp_path / "work" / "proposals").mkdir(parents=True)
    sample = failing_case().path
    (tmp_path / "work" / "proposals" / sample.name).write_bytes(sample.read_bytes())
    (tmp_path / "runner").mkdir()
    (tmp_path / "runner" / "summary.md").write_text("Earlier summary\n", encoding="utf-8")
    return {
        "COMPLYCHK": str(shim),
        "RUNNER_TEMP": str(tmp_path / "runner"),
        "GITHUB_OUTPUT": str(tmp_path / "runner" / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "runner" / "summary.md"),
        "PROPOSALS": "proposals",
        "PACK": "",
        "FAIL_ON": "must",
        "AS_OF": failing_case().as_of,
        "SARIF_FILE": "complychk.sarif",
        **{name: "" for name in ("PACK_DIR", "TAGS", "WAIVERS", "CONFIG_FILE")},
        **{name: "" for name in ("JUNIT_FILE", "HTML_FILE", "EXTRA_ARGS")},
    }


def test_check_step_records_status_sarif_and_summary_without_failing(
    action: Any, runner: dict[str, str], tmp_path: Path
) -> None:
    work = tmp_path / "work"
    expected = subprocess.run(
        [runner["COMPLYCHK"], "check", "proposals", "--as-of", runner["AS_OF"], "--format", "json"],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert expected.returncode == 1, expected.stderr
    result = run_step(step(action, "check")["run"], runner, work)
    assert result.returncode == 0, result.stderr
    outputs = github_outputs(Path(runner["GITHUB_OUTPUT"]))
    assert outputs == {
        "markdown-file": f"{runner['RUNNER_TEMP']}/complychk-summary.md",
        "sarif-file": "complychk.sarif",
        "exit-code": str(expected.returncode),
    }
    assert json.loads((work / "complychk.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    summary = Path(runner["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert summary.startswith("Earlier summary\n") and len(summary) > 100
    assert "::error " in result.stdout


def test_check_step_passes_pack_and_several_proposals(
    action: Any, runner: dict[str, str], tmp_path: Path
) -> None:
    work = tmp_path / "work"
    runner.update(PROPOSALS=f"proposals proposals/{failing_case().path.name}", PACK="no-such-pack")
    result = run_step(step(action, "check")["run"], runner, work)
    assert result.returncode == 0
    assert "no-such-pack" in result.stderr
    assert github_outputs(Path(runner["GITHUB_OUTPUT"]))["exit-code"] == "2"
    assert not (work / "complychk.sarif").exists()


def test_check_step_writes_junit_and_html_and_takes_settings_and_extra_args(
    action: Any, runner: dict[str, str], tmp_path: Path
) -> None:
    work = tmp_path / "work"
    case = failing_case()
    (work / "ci.yaml").write_text(f"tags: '{case.without_failures}'\n", encoding="utf-8")
    runner.update(
        FAIL_ON="",
        CONFIG_FILE="ci.yaml",
        JUNIT_FILE="reports-junit.xml",
        HTML_FILE="complychk.html",
        EXTRA_ARGS="--sarif-level note --engine reference",
    )
    result = run_step(step(action, "check")["run"], runner, work)
    assert result.returncode == 0, result.stderr
    outputs = github_outputs(Path(runner["GITHUB_OUTPUT"]))
    assert outputs["exit-code"] == "0"  # the settings file's tags leave the failures out
    assert outputs["junit-file"] == "reports-junit.xml"
    assert outputs["html-file"] == "complychk.html"
    assert "<testsuites>" in (work / "reports-junit.xml").read_text(encoding="utf-8")
    assert (work / "complychk.html").read_text(encoding="utf-8").lstrip().startswith("<!")
    sarif = json.loads((work / "complychk.sarif").read_text(encoding="utf-8"))
    outcomes = {r["properties"]["outcome"] for r in sarif["runs"][0]["results"]}
    assert "insufficient_evidence" in outcomes  # only with --sarif-level note


def test_check_step_passes_waivers_tags_and_pack_dir(
    action: Any, runner: dict[str, str], tmp_path: Path
) -> None:
    work = tmp_path / "work"
    runner.update(WAIVERS="missing-waivers.yaml", TAGS="@must", PACK_DIR="no-packs")
    result = run_step(step(action, "check")["run"], runner, work)
    assert result.returncode == 0
    assert "--pack-dir no-packs: no such directory" in result.stderr
    runner.update(PACK_DIR="")
    result = run_step(step(action, "check")["run"], runner, work)
    assert "missing-waivers.yaml" in result.stderr
    assert github_outputs(Path(runner["GITHUB_OUTPUT"]))["exit-code"] == "2"


def test_final_step_passes_the_status_on(action: Any, tmp_path: Path) -> None:
    script = action["runs"]["steps"][-1]["run"]
    assert run_step(script, {"STATUS": "0"}, tmp_path).returncode == 0
    failed = run_step(script, {"STATUS": "1"}, tmp_path)
    assert failed.returncode == 1 and "exited 1" in failed.stderr


# --- .pre-commit-hooks.yaml ---------------------------------------------------------------------


def test_hook_runs_complychk_check_on_the_changed_files(hook: Any) -> None:
    assert hook["entry"] == "complychk check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True


@pytest.mark.parametrize(
    "path",
    [
        *(f"sample_proposals/{p.name}" for p in sorted((REPO / "sample_proposals").iterdir())),
        "proposals/kent.yaml",
        "proposals/2025/cluster.yml",
        "nhs/proposal/merger.json",
        "docs/proposals/board-paper.md",
    ],
)
def test_hook_files_pattern_matches_proposals(hook: Any, path: str) -> None:
    assert re.search(hook["files"], path)


@pytest.mark.parametrize(
    "path",
    [
        "README.md",
        "docs/report-format.md",
        "proposals.yaml",
        "myproposals/kent.yaml",
        "src/complychk/proposals.py",
        "proposals/notes.txt",
        ".pre-commit-config.yaml",
    ],
)
def test_hook_files_pattern_leaves_other_files_alone(hook: Any, path: str) -> None:
    assert not re.search(hook["files"], path)
