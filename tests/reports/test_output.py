"""Writing reports: all or nothing, never a half-written file or a stray temporary."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from complychk import output
from complychk.output import write_atomic


def test_writes_utf8_text_exactly(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    write_atomic(target, "café ✓\nline two\r\n")
    assert target.read_bytes() == "café ✓\nline two\r\n".encode()
    assert os.listdir(tmp_path) == ["report.txt"]


def test_replaces_an_existing_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_files_follow_the_umask_not_private_temp_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "r.json", "{}")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o644


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.sarif"
    target.write_text("previous run")

    def broken_replace(source: object, destination: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new run")
    assert target.read_text() == "previous run"
    assert os.listdir(tmp_path) == ["report.sarif"]


def test_a_failed_write_leaves_no_file_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_fsync(descriptor: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr(output.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="I/O error"):
        write_atomic(tmp_path / "report.xml", "<testsuites/>")
    assert os.listdir(tmp_path) == []


def test_text_that_cannot_be_encoded_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(UnicodeEncodeError):
        write_atomic(tmp_path / "report.txt", "lone \ud800 surrogate")
    assert os.listdir(tmp_path) == []


def test_missing_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "absent" / "report.txt", "x")
    assert os.listdir(tmp_path) == []


def test_a_directory_in_the_way_is_an_error_and_leaves_no_temporary(tmp_path: Path) -> None:
    (tmp_path / "report.txt").mkdir()
    with pytest.raises(OSError):
        write_atomic(tmp_path / "report.txt", "x")
    assert os.listdir(tmp_path) == ["report.txt"]


def test_several_files_are_all_written(tmp_path: Path) -> None:
    output.write_all_atomic([(tmp_path / "a.json", "{}"), (tmp_path / "b.xml", "<x/>")])
    assert sorted(os.listdir(tmp_path)) == ["a.json", "b.xml"]
    assert (tmp_path / "b.xml").read_text() == "<x/>"


def test_one_unwritable_file_means_none_is_written_or_replaced(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("previous run")
    with pytest.raises(FileNotFoundError) as raised:
        output.write_all_atomic(
            [
                (tmp_path / "a.json", "this run"),
                (tmp_path / "b.xml", "<x/>"),
                (tmp_path / "absent" / "c.sarif", "{}"),
            ]
        )
    assert raised.value.filename == str(tmp_path / "absent" / "c.sarif")
    assert os.listdir(tmp_path) == ["a.json"]
    assert (tmp_path / "a.json").read_text() == "previous run"


def test_a_directory_in_the_way_is_refused_before_anything_is_renamed(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    with pytest.raises(IsADirectoryError):
        output.write_all_atomic([(tmp_path / "a.json", "{}"), (tmp_path / "taken", "x")])
    assert os.listdir(tmp_path) == ["taken"]
    assert os.listdir(tmp_path / "taken") == []


def test_a_named_pipe_is_refused_not_replaced_and_nothing_is_written(tmp_path: Path) -> None:
    """A rename would replace a pipe (or a device: /dev/null, for a report run as root)."""
    pipe = tmp_path / "report.json"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="it is a device, pipe or socket, not a file") as raised:
        output.write_all_atomic([(tmp_path / "first.sarif", "{}"), (pipe, "{}")])
    assert raised.value.filename == str(pipe)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert sorted(os.listdir(tmp_path)) == ["report.json"]
