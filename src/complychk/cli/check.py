"""``complychk check``: evaluate proposals and report, with CI-friendly exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from dataclasses import replace
from pathlib import Path

from complychk.api import Checker, engine_notice, expand_paths, run_check, run_check_text
from complychk.cli.color import use_color
from complychk.cli.options import pack_root
from complychk.cli.progress import LONG_RUN, ProgressLine, wanted
from complychk.cli.settings import add_settings_options, resolve
from complychk.conditions.condition import Severity
from complychk.conditions.packs import builtin_root
from complychk.conditions.plugins import plugin_vocabulary
from complychk.conditions.tags import parse_tag_expression
from complychk.errors import ConfigError
from complychk.evaluate.findings import InputProblem, Report
from complychk.output import file_identity, write_all_atomic
from complychk.proposal.loader import MAX_BYTES
from complychk.reports import GRID_FORMATS, REPORTERS, RenderOptions
from complychk.reports.escape import one_line


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check proposals against a policy pack",
        description="Check proposals (files or folders of them) against a policy pack. Exit "
        "status: 0 clean, 1 failures at or above --fail-on or must-level insufficient evidence "
        "(unless --draft), 2 bad input or configuration. Options not given here come from the "
        "settings file (.complychk.yaml, or [tool.complychk] in pyproject.toml), if there is "
        "one; 'complychk config' shows them.",
    )
    parser.add_argument(
        "proposals",
        nargs="+",
        metavar="PROPOSAL",
        help="proposal file or folder; '-' reads one proposal from standard input",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="with '-': the proposal's file name, for messages and evidence; its ending picks "
        "the format (default stdin.yaml)",
    )
    add_settings_options(parser)
    parser.set_defaults(run=run)


STDIN = "-"
STDIN_DEFAULT_NAME = "stdin.yaml"
FULL_REPORT_FORMATS = ("html", "json", "text", "junit", "sarif")
"""Formats written to a file that the Markdown summary points to when it has to be cut short,
most readable first."""


def parse_formats(specs: list[str] | None) -> list[tuple[str, Path | None]]:
    """``["sarif=out.sarif", "json=-", "text"]`` -> [("sarif", Path("out.sarif")),
    ("json", None), ("text", None)]; None stands for standard output."""
    chosen: list[tuple[str, Path | None]] = []
    for spec in specs or ["text"]:
        name, _, target = spec.partition("=")
        if name not in REPORTERS:
            raise ConfigError(f"unknown format {name!r}; choose from {', '.join(REPORTERS)}")
        if _ and not target:
            raise ConfigError(
                f"--format {spec}: no file name after '=' (write {name}=FILE, or {name}=- for "
                "standard output)"
            )
        chosen.append((name, Path(target) if target and target != STDIN else None))
    on_stdout = [name for name, target in chosen if target is None]
    if len(on_stdout) > 1:
        raise ConfigError(
            f"only one format can go to standard output (got {', '.join(on_stdout)}); "
            "send the others to files with FORMAT=FILE"
        )
    seen: dict[object, str] = {}
    for name, file in chosen:
        if file is None:
            continue
        identity = file_identity(file)
        if identity in seen:
            raise ConfigError(
                f"--format {name}={file} and --format {seen[identity]} are the same file; "
                "give each its own FORMAT=FILE"
            )
        seen[identity] = f"{name}={file}"
    return chosen


def refuse_inputs(formats: list[tuple[str, Path | None]], inputs: list[tuple[str, str]]) -> None:
    """Stop before anything is checked or written if a report would replace an input.

    ``inputs`` are (what, path) pairs, e.g. ("the proposal", "km.yaml"). A report written over
    a proposal destroys the proposal, however the path is spelt (``./km.yaml``, a link to it).
    """
    targets = [(name, target) for name, target in formats if target is not None]
    if not targets:
        return
    read = {file_identity(path): (what, path) for what, path in inputs}
    for name, target in targets:
        found = read.get(file_identity(target))
        if found is not None:
            what, path = found
            same = "" if os.path.normpath(path) == os.path.normpath(target) else f" ({path})"
            raise ConfigError(
                f"--format {name}={target} would write the report over {what}{same} being "
                "checked; nothing was written (send the report to another file)"
            )


def _inputs(args: argparse.Namespace, paths: list[str | InputProblem]) -> list[tuple[str, str]]:
    """Every file a check reads: proposals, the waiver file, the packs' manifests and features."""
    found = [("the proposal", path) for path in paths if isinstance(path, str) and path != STDIN]
    if args.waivers:
        found.append(("the waiver file", args.waivers))
    settings = getattr(args, "config_file", None)
    if settings is not None:
        found.append(("the settings file", str(settings.path)))
    root = pack_root(args) or builtin_root()
    pack_files = [*root.glob("rules/*.yaml"), *root.glob("features/*/*.feature")]
    found.extend(("the pack file", str(path)) for path in sorted(pack_files))
    return found


def render_options(
    args: argparse.Namespace, formats: list[tuple[str, Path | None]]
) -> RenderOptions:
    """What every report of this run shares: when and where it ran, and the text options."""
    files = dict((name, target) for name, target in formats if target is not None)
    full = next((str(files[name]) for name in FULL_REPORT_FORMATS if name in files), None)
    return RenderOptions(
        base_dir=os.getcwd(),
        quiet=bool(args.quiet),
        compact=bool(args.compact),
        sarif_level=args.sarif_level,
        run_at=dt.datetime.now().replace(microsecond=0),  # local time, as JUnit readers expect
        hostname=_hostname() if "junit" in files else "localhost",
        full_report=full,
    )


def _hostname() -> str:
    import socket  # only JUnit names the machine

    return socket.gethostname() or "localhost"


def emit(
    report: Report, formats: list[tuple[str, Path | None]], options: RenderOptions, color: bool
) -> None:
    """Render everything, then write every file or none, then standard output.

    A CI job that publishes several reports of one run never mixes this run's files with the
    last run's, and a failure ends in one line on stderr with nothing on stdout.
    """
    rendered = []
    for name, target in formats:
        painted = color and target is None and name == "text"
        rendered.append((REPORTERS[name](report, replace(options, color=painted)), target))
    files = [(target, text) for text, target in rendered if target is not None]
    try:
        write_all_atomic(files)
    except OSError as error:
        where = error.filename or ", ".join(str(target) for target, _ in files)
        raise ConfigError(f"cannot write report {where}: {error.strerror or error}") from None
    for text, target in rendered:
        if target is None:
            sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def run(args: argparse.Namespace) -> int:
    resolve(args)
    formats = parse_formats(args.format)
    from_stdin = STDIN in args.proposals
    if from_stdin and len(args.proposals) > 1:
        raise ConfigError("'-' (standard input) must be the only proposal; check files apart")
    if args.stdin_filename and not from_stdin:
        raise ConfigError("--stdin-filename names a proposal read from standard input; give '-'")
    checker = Checker(
        pack_name=args.pack,
        engine_name=args.engine,
        tags=parse_tag_expression(args.tags) if args.tags else None,
        vocabulary=plugin_vocabulary(),
        pack_root=pack_root(args),
    )
    waivers = None
    if args.waivers:
        from complychk.review.waivers import load_waivers  # only runs with waivers pay for it

        waivers = load_waivers(args.waivers)
    notice = engine_notice(checker)
    if notice:
        print(notice, file=sys.stderr)
    paths, report = _check(args, checker, formats, from_stdin)
    if args.tags and report.proposals and not any(p.findings for p in report.proposals):
        packs = sorted({proposal.pack for proposal in report.proposals})
        raise ConfigError(
            f"--tags {args.tags!r} matches no condition of pack{'s' if len(packs) > 1 else ''} "
            f"{', '.join(packs)}, so nothing would be checked; 'complychk conditions' lists the "
            "conditions and their tags"
        )
    if waivers is not None:
        from complychk.review.waivers import waive

        report = waive(report, waivers)
    for problem in report.problems:
        print(one_line(problem.message), file=sys.stderr)
    if report.proposals or len(paths) > 1:
        color = use_color(args.color, sys.stdout, os.environ)
        emit(report, formats, render_options(args, formats), color)
    return report.exit_code


def _check(
    args: argparse.Namespace,
    checker: Checker,
    formats: list[tuple[str, Path | None]],
    from_stdin: bool,
) -> tuple[list[str | InputProblem], Report]:
    """The paths checked and the report: of standard input, or of the files and folders given."""
    as_of = args.as_of or dt.date.today()
    if from_stdin:
        refuse_inputs(formats, _inputs(args, []))
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        name = args.stdin_filename or STDIN_DEFAULT_NAME
        report = run_check_text(
            data, name, checker, as_of, Severity(args.fail_on), draft=args.draft
        )
        return [STDIN], report
    paths = expand_paths(args.proposals)
    refuse_inputs(formats, _inputs(args, paths))
    return paths, _check_files(paths, checker, as_of, args, formats)


def _check_files(
    paths: list[str | InputProblem],
    checker: Checker,
    as_of: dt.date,
    args: argparse.Namespace,
    formats: list[tuple[str, Path | None]],
) -> Report:
    detail = any(name not in GRID_FORMATS for name, _ in formats)
    progress = ProgressLine(sys.stderr) if wanted(sys.stderr, len(paths), LONG_RUN) else None
    try:
        return run_check(
            paths,
            checker,
            as_of,
            Severity(args.fail_on),
            jobs=args.jobs,
            detail=detail,
            progress=progress,
            draft=args.draft,
        )
    finally:
        if progress is not None:
            progress.close()
