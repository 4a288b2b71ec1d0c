"""``complychk users`` and the users' storage: adding, listing, disabling; the schema upgrade."""

from __future__ import annotations

import io
import sys

import pytest
from workspace_kit import KENT_1, KENT_2, dump, old_database

from complychk.cli import main
from complychk.workspace.checking import CheckService
from complychk.workspace.db import make_engine

PASSWORD = "correct horse battery staple"


@pytest.fixture
def db(db_url: str) -> str:
    return db_url


def _add(
    monkeypatch: pytest.MonkeyPatch, db: str, *arguments: str, password: str = PASSWORD
) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    return main(["users", "add", *arguments, "--db", db])


def test_users_are_added_listed_and_disabled(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(monkeypatch, db, "rita", "--role", "reviewer") == 0
    assert (
        _add(
            monkeypatch,
            db,
            "pat",
            "--role",
            "programme-team",
            "--application",
            "surrey-heartlands",
            "--application",
            "kent-and-medway",
        )
        == 0
    )
    assert capsys.readouterr().out == (
        "added rita (reviewer)\nadded pat (programme-team: kent-and-medway, surrey-heartlands)\n"
    )
    assert main(["users", "disable", "rita", "--db", db]) == 0
    assert main(["users", "list", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "pat\tprogramme-team\tactive\tkent-and-medway,surrey-heartlands",
        "rita\treviewer\tdisabled\t-",
    ]


@pytest.mark.parametrize(
    ("arguments", "password", "message"),
    [
        (["rita", "--role", "reviewer"], "short", "shorter than 12 characters"),
        (["rita", "--role", "reviewer"], "", "no password on standard input"),
        (["pat", "--role", "programme-team"], PASSWORD, "give --application ID"),
        (["rita", "--role", "reviewer", "--application", "kent"], PASSWORD, "sees all"),
        (["pat", "--role", "programme-team", "--application", "Kent!"], PASSWORD, "lower-case"),
        (["two words", "--role", "admin"], PASSWORD, "without spaces"),
    ],
)
def test_a_user_that_cannot_be_added_is_one_line_and_nothing_stored(
    db: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    password: str,
    message: str,
) -> None:
    assert _add(monkeypatch, db, *arguments, password=password) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert main(["users", "list", "--db", db]) == 0
    assert capsys.readouterr().out == ""


def test_a_name_is_added_once(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(monkeypatch, db, "rita", "--role", "reviewer") == 0
    assert _add(monkeypatch, db, "rita", "--role", "admin") == 2
    assert "user rita already exists" in capsys.readouterr().err


def test_disabling_someone_unknown_says_so(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["users", "disable", "nobody", "--db", db]) == 2
    assert "there is no user nobody" in capsys.readouterr().err


def test_the_password_is_never_an_argument() -> None:
    with pytest.raises(SystemExit):
        main(["users", "add", "rita", "--role", "reviewer", "--password", PASSWORD])


def test_a_database_of_the_first_schema_upgrades_without_loss_when_a_user_is_added(
    empty_db_url: str, service: CheckService, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_database(empty_db_url, "0001", service, KENT_1, KENT_2)  # as the first release made it
    engine = make_engine(empty_db_url)
    before = dump(engine)
    engine.dispose()
    assert "user_account" not in before

    assert _add(monkeypatch, empty_db_url, "rita", "--role", "reviewer") == 0  # migrates

    engine = make_engine(empty_db_url)
    after = dump(engine)
    engine.dispose()
    for table in ("submission", "finding"):
        assert after[table] == before[table] and before[table]
    # later revisions add columns: every row keeps each value it had
    assert [row[: len(before["application"][0])] for row in after["application"]] == before[
        "application"
    ]
    assert [row[1] for row in after["user_account"]] == ["rita"]
