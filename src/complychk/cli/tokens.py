"""``complychk tokens``: add, list and revoke the API tokens CI pipelines push submissions with."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from complychk.cli.serve import add_db_option, require_extra
from complychk.cli.users import open_session


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "tokens",
        help="add, list and revoke API tokens for CI (see also: complychk push)",
        description="Manage the API tokens with which a programme team's pipeline stores "
        "submissions of its application in the review workspace (complychk push) and reads "
        "their results. A token opens one application and nothing else: no other application, "
        "no page, no decision.",
    )
    commands = parser.add_subparsers(dest="tokens_command", metavar="COMMAND", required=True)
    add = commands.add_parser(
        "add",
        help="make a token for one application; it is printed once, here",
        description="Make a token for one application and print it on standard output. It is "
        "shown this once (only a hash of it is stored): put it straight into the pipeline's "
        "secrets.",
    )
    add.add_argument("--application", required=True, metavar="ID", help="the application")
    add.add_argument(
        "--label", default="", metavar="TEXT", help="what the token is for, e.g. 'GitHub Actions'"
    )
    add_db_option(add)
    add.set_defaults(run=run_add)
    listing = commands.add_parser(
        "list", help="list the tokens (never their secrets), when made and last used"
    )
    listing.add_argument("--application", metavar="ID", help="only this application's tokens")
    add_db_option(listing)
    listing.set_defaults(run=run_list)
    revoke = commands.add_parser("revoke", help="refuse a token from now on")
    revoke.add_argument("id", type=int, metavar="ID", help="the token's number, from tokens list")
    add_db_option(revoke)
    revoke.set_defaults(run=run_revoke)


def run_add(args: argparse.Namespace) -> int:
    require_extra()
    from complychk.workspace import tokens

    tokens.check_new_token(args.application, args.label)
    with open_session(args) as session:
        made = tokens.add_token(session, args.application, args.label)
        print(made.secret)
        print(
            f"token {made.record.id} for {made.record.application_slug}: shown once, above; "
            "store it as the pipeline's secret (e.g. COMPLYCHK_TOKEN)",
            file=sys.stderr,
        )
    return 0


def run_list(args: argparse.Namespace) -> int:
    require_extra()
    from complychk.workspace import tokens

    with open_session(args) as session:
        found = tokens.list_tokens(session, args.application)
        for token in found:
            state = "active" if token.revoked_at is None else f"revoked {_when(token.revoked_at)}"
            print(
                f"{token.id}\t{token.application_slug}\t{token.label or '-'}\t"
                f"made {_when(token.created_at)}\tlast used {_when(token.last_used_at)}\t{state}"
            )
    if not found:
        print("no tokens yet; make one with complychk tokens add --application ID", file=sys.stderr)
    return 0


def _when(moment: dt.datetime | None) -> str:
    return "never" if moment is None else f"{moment.isoformat(sep=' ', timespec='minutes')} UTC"


def run_revoke(args: argparse.Namespace) -> int:
    require_extra()
    from complychk.workspace import tokens

    with open_session(args) as session:
        token = tokens.revoke_token(session, args.id)
        assert token.revoked_at is not None
        print(
            f"token {token.id} for {token.application_slug} is revoked "
            f"(since {_when(token.revoked_at)}); a pipeline still using it is refused"
        )
    return 0
