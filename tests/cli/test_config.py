"""Settings files: found from the working folder up to the repository root, checked with the
line of every problem, and always overruled by the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from ci_cases import failing_case

from complychk.cli import main


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository (a folder with .git) with a failing sample, run from its root."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    shutil.copy(failing_case().path, root / "proposal.yaml")
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def config_lines(out: str) -> dict[str, str]:
    """``complychk config`` output as setting -> rest of its line."""
    lines = out.splitlines()[1:]
    return {line.split()[0]: line.split(maxsplit=1)[1] for line in lines}


def test_without_a_file_every_setting_is_a_default(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "config")
    assert status == 0
    assert out.splitlines()[0] == "settings file: (none found)"
    settings = config_lines(out)
    assert settings["fail-on"] == "must  (default)"
    assert settings["format"] == "text  (default)"
    assert settings["as-of"] == "(today)  (default)"


def test_the_file_and_the_command_line_are_each_named_as_the_source(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".complychk.yaml").write_text(
        "# team settings\nfail-on: should\ntags: '@must'\nsarif-level: note\n", encoding="utf-8"
    )
    status, out, _ = run(capsys, "config", "--tags", "@finance")
    settings = config_lines(out)
    assert status == 0
    assert out.splitlines()[0] == "settings file: .complychk.yaml"
    assert settings["fail-on"] == "should  (.complychk.yaml:2)"
    assert settings["sarif-level"] == "note  (.complychk.yaml:4)"
    assert settings["tags"] == "@finance  (command line)"


def test_check_uses_the_file_and_the_command_line_wins(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = failing_case()
    (repo / ".complychk.yaml").write_text(
        f"as-of: {case.as_of}\ntags: '{case.without_failures}'\nformat: [json]\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "check", "proposal.yaml")
    assert status == 0  # the file's tags leave the failing conditions out
    assert json.loads(out)["as_of"] == case.as_of
    status, out, _ = run(capsys, "check", "proposal.yaml", "--tags", "@must", "--format", "text")
    assert status == 1
    assert "failing the run" in out


def test_the_nearest_file_up_to_the_repository_root_is_used(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo.parent / ".complychk.yaml").write_text("fail-on: advisory\n", encoding="utf-8")
    (repo / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(repo / "a" / "b")
    _, out, _ = run(capsys, "config")
    assert config_lines(out)["fail-on"] == "must  (default)"  # outside the repository
    (repo / ".complychk.yaml").write_text("fail-on: should\n", encoding="utf-8")
    _, out, _ = run(capsys, "config")
    assert config_lines(out)["fail-on"].startswith("should  (")
    assert config_lines(out)["fail-on"].endswith(".complychk.yaml:1)")


def test_pyproject_tool_table_is_read_with_its_lines(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "proposals"\n\n[tool.complychk]\nfail-on = "advisory"\n'
        'format = ["text", "junit=reports/junit.xml"]\n\n[tool.other]\nx = 1\n',
        encoding="utf-8",
    )
    _, out, _ = run(capsys, "config")
    settings = config_lines(out)
    assert out.splitlines()[0] == "settings file: pyproject.toml"
    assert settings["fail-on"] == "advisory  (pyproject.toml:5)"
    assert settings["format"] == "text, junit=reports/junit.xml  (pyproject.toml:6)"


def test_a_pyproject_without_the_table_is_passed_over(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / ".complychk.yaml").write_text("fail-on: should\n", encoding="utf-8")
    (repo / "sub").mkdir()
    (repo / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    monkeypatch.chdir(repo / "sub")
    _, out, _ = run(capsys, "config")
    assert config_lines(out)["fail-on"].startswith("should  (")


def test_paths_in_the_file_are_relative_to_the_file(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = failing_case()
    (repo / ".complychk.yaml").write_text(
        f"as-of: {case.as_of}\nformat: [text, json=reports/run.json]\n", encoding="utf-8"
    )
    (repo / "reports").mkdir()
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    status, _, _ = run(capsys, "check", "../proposal.yaml")
    assert status == 1
    assert json.loads((repo / "reports" / "run.json").read_text(encoding="utf-8"))["exit_code"] == 1
    assert not (repo / "sub" / "reports").exists()


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            ".complychk.yaml",
            "pack: ltp-2019\nfail_on: must\n",
            ".complychk.yaml:2:1: unknown setting 'fail_on' (did you mean 'fail-on'?)",
        ),
        (
            ".complychk.yaml",
            "pack: ltp-2019\n\nfail-on: sometimes\n",
            ".complychk.yaml:3:1: fail-on: Input should be 'must', 'should' or 'advisory'",
        ),
        (".complychk.yaml", "jobs: 0\n", ".complychk.yaml:1:1: jobs: Input should be greater"),
        (
            ".complychk.yaml",
            "format: text\n",
            ".complychk.yaml:1:1: format: Input should be a valid list",
        ),
        (".complychk.yaml", "fail-on: [must\n", ".complychk.yaml:2:1: not valid YAML"),
        (".complychk.yaml", "- must\n", ".complychk.yaml:1:1: the settings file is not a mapping"),
        (
            "pyproject.toml",
            '[tool.complychk]\npack = "ltp-2019"\ncolour = "always"\n',
            "pyproject.toml:3:1: unknown setting 'colour' (did you mean 'color'?)",
        ),
        (
            "pyproject.toml",
            '[tool.complychk]\nas-of = "next week"\n',
            "pyproject.toml:2:1: as-of: Input should be a valid date",
        ),
        ("pyproject.toml", "[tool.complychk]\npack = \n", "pyproject.toml:2:8: not valid TOML"),
        (
            ".complychk.yaml",
            "fail-on: must\nformat: [text, sarf=out.sarif]\n",
            ".complychk.yaml:2:1: format: unknown format 'sarf'; choose from text, json,",
        ),
        (
            ".complychk.yaml",
            "format: [text, 'json=']\n",
            ".complychk.yaml:1:1: format: 'json=' has no file name after '='",
        ),
        (
            ".complychk.yaml",
            "fail-on: must\npack: ltp2019\n",
            ".complychk.yaml:2:1: pack: no pack called 'ltp2019' (choose from ",
        ),
        (
            ".complychk.yaml",
            "pack-dir: packs\n",
            ".complychk.yaml:1:1: pack-dir: packs is not a pack folder",
        ),
        (
            ".complychk.yaml",
            "\ntags: '@must and'\n",
            ".complychk.yaml:2:1: tags: expression '@must and' ends too early",
        ),
    ],
)
def test_a_bad_settings_file_is_one_located_error_and_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, expected: str
) -> None:
    (repo / name).write_text(text, encoding="utf-8")
    for command in (["config"], ["check", "proposal.yaml", "--format", "json=out.json"]):
        status, out, err = run(capsys, *command)
        assert status == 2
        assert err.startswith(expected), err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert out == ""
        assert not (repo / "out.json").exists()


def test_config_names_a_settings_file_explicitly(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".complychk.yaml").write_text("fail-on: should\n", encoding="utf-8")
    (repo / "ci.yaml").write_text("fail-on: advisory\n", encoding="utf-8")
    _, out, _ = run(capsys, "config", "--config", "ci.yaml")
    assert config_lines(out)["fail-on"] == "advisory  (ci.yaml:1)"
    status, _, err = run(capsys, "config", "--config", "missing.yaml")
    assert status == 2
    assert err == "missing.yaml:1:1: no such settings file (check the path)\n"


def test_a_run_without_a_settings_file_never_loads_the_settings_model(repo: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys, contextlib, io\n"
        "from complychk.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', 'proposal.yaml', '--quiet'])\n"
        "print('complychk.config_model' in sys.modules)\n"
    )
    run_here = [sys.executable, "-c", code]
    result = subprocess.run(run_here, cwd=repo, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    (repo / ".complychk.yaml").write_text("fail-on: should\n", encoding="utf-8")
    result = subprocess.run(run_here, cwd=repo, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"


def test_pack_dir_in_the_file_applies_to_every_command_that_takes_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(__file__).resolve().parents[2]
    (repo / "mypacks" / "rules").mkdir(parents=True)
    shutil.copy(source / "rules" / "ltp-2019.yaml", repo / "mypacks" / "rules")
    shutil.copytree(source / "features" / "ltp-2019", repo / "mypacks" / "features" / "ltp-2019")
    status, out, _ = run(capsys, "packs")
    assert status == 0 and {line.split("\t")[0] for line in out.splitlines()} >= {"icb-2025"}
    (repo / ".complychk.yaml").write_text("pack-dir: mypacks\n", encoding="utf-8")
    status, out, _ = run(capsys, "packs")
    assert status == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == ["ltp-2019"]
    status, out, err = run(capsys, "conditions", "--pack", "icb-2025")
    assert status == 2 and "icb-2025" in err
    status, out, _ = run(capsys, "packs", "--pack-dir", str(source))  # the command line wins
    assert "icb-2025" in out


def test_draft_can_be_set_in_the_file_and_undone_on_the_command_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = failing_case()
    (repo / ".complychk.yaml").write_text(f"as-of: {case.as_of}\ndraft: true\n", encoding="utf-8")
    _, out, _ = run(capsys, "config")
    assert config_lines(out)["draft"] == "yes  (.complychk.yaml:2)"
    _, out, _ = run(capsys, "check", "proposal.yaml", "--format", "json")
    assert json.loads(out)["mode"] == "draft"
    _, out, _ = run(capsys, "check", "proposal.yaml", "--format", "json", "--no-draft")
    assert json.loads(out)["mode"] == "decision"
    _, out, _ = run(capsys, "config", "--no-draft")
    assert config_lines(out)["draft"] == "no  (command line)"


def test_a_report_is_never_written_over_the_settings_file(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = repo / ".complychk.yaml"
    settings.write_text("fail-on: should\n", encoding="utf-8")
    status, _, err = run(capsys, "check", "proposal.yaml", "--format", "json=./.complychk.yaml")
    assert status == 2
    assert "would write the report over the settings file" in err
    assert settings.read_text(encoding="utf-8") == "fail-on: should\n"
