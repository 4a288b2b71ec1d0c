"""``complychk check``: evaluate proposals and report, with CI-friendly exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from complychk.checker import Checker, engine_notice, expand_paths, run_check
from complychk.cli.options import (
    SEVERITY_CHOICES,
    add_pack_dir_option,
    add_pack_option,
    iso_date,
    pack_root,
    worker_count,
)
from complychk.cli.progress import LONG_RUN, ProgressLine, wanted
from complychk.errors import ConfigError
from complychk.findings import InputProblem, Report, Severity
from complychk.output import file_identity, write_all_atomic
from complychk.packs import builtin_root
from complychk.plugins import plugin_vocabulary
from complychk.reporters import GRID_FORMATS, REPORTERS, RenderOptions
from complychk.reporters.escape import one_line
from complychk.tags import parse_tag_expression


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check proposals against a policy pack",
        description="Check proposals (files or folders of them) against a policy pack. Exit "
        "status: 0 clean, 1 failures at or above --fail-on or must-level insufficient evidence "
        "(unless --draft), 2 bad input or configuration.",
    )
    parser.add_argument("proposals", nargs="+", metavar="PROPOSAL", help="proposal file or folder")
    add_pack_option(parser)
    add_pack_dir_option(parser)
    parser.add_argument(
        "--waivers",
        metavar="FILE",
        help="waiver file: approved, unexpired waivers turn matching failures into waived",
    )
    parser.add_argument(
        "--format",
        action="append",
        metavar="FORMAT[=FILE]",
        default=[],
        help=f"output format, optionally to a file; repeatable ({', '.join(REPORTERS)}); default text",
    )
    parser.add_argument(
        "--fail-on",
        choices=SEVERITY_CHOICES,
        default="must",
        help="lowest severity whose failures make the exit status 1 (default must)",
    )
    parser.add_argument(
        "--draft",
        action="store_true",
        help="a draft's self-assessment: only failures fail the run (by default must-level "
        "insufficient evidence fails it too, as on decision day)",
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="assessment date: later deadlines are pending (default today)",
    )
    parser.add_argument(
        "--tags", metavar="EXPR", help="only conditions matching, e.g. '@must and not @finance'"
    )
    parser.add_argument(
        "--engine",
        choices=["durable", "reference"],
        default="durable",
        help="evaluator: durable-rules (default) or the plain-Python reference",
    )
    parser.add_argument(
        "--jobs",
        type=worker_count,
        metavar="N",
        help="worker processes for large batches (default: up to 4 from 200 proposals on)",
    )
    parser.set_defaults(run=run)


def parse_formats(specs: list[str]) -> list[tuple[str, Path | None]]:
    """``["sarif=out.sarif", "text"]`` -> [("sarif", Path("out.sarif")), ("text", None)]."""
    chosen: list[tuple[str, Path | None]] = []
    for spec in specs or ["text"]:
        name, _, target = spec.partition("=")
        if name not in REPORTERS:
            raise ConfigError(f"unknown format {name!r}; choose from {', '.join(REPORTERS)}")
        if _ and not target:
            raise ConfigError(f"--format {spec}: no file name after '='")
        chosen.append((name, Path(target) if target else None))
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
    found = [("the proposal", path) for path in paths if isinstance(path, str)]
    if args.waivers:
        found.append(("the waiver file", args.waivers))
    root = pack_root(args) or builtin_root()
    pack_files = [*root.glob("rules/*.yaml"), *root.glob("features/*/*.feature")]
    found.extend(("the pack file", str(path)) for path in sorted(pack_files))
    return found


def emit(report: Report, formats: list[tuple[str, Path | None]]) -> None:
    """Render everything, then write every file or none, then standard output.

    A CI job that publishes several reports of one run never mixes this run's files with the
    last run's, and a failure ends in one line on stderr with nothing on stdout.
    """
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    rendered = []
    for name, target in formats:
        options = RenderOptions(
            color=color and target is None and name == "text", base_dir=os.getcwd()
        )
        rendered.append((REPORTERS[name](report, options), target))
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
    formats = parse_formats(args.format)
    checker = Checker(
        pack_name=args.pack,
        engine_name=args.engine,
        tags=parse_tag_expression(args.tags) if args.tags else None,
        vocabulary=plugin_vocabulary(),
        pack_root=pack_root(args),
    )
    waivers = None
    if args.waivers:
        from complychk.waivers import load_waivers  # only runs with waivers pay for it

        waivers = load_waivers(args.waivers)
    notice = engine_notice(checker)
    if notice:
        print(notice, file=sys.stderr)
    paths = expand_paths(args.proposals)
    refuse_inputs(formats, _inputs(args, paths))
    detail = any(name not in GRID_FORMATS for name, _ in formats)
    progress = ProgressLine(sys.stderr) if wanted(sys.stderr, len(paths), LONG_RUN) else None
    try:
        report = run_check(
            paths,
            checker,
            args.as_of or dt.date.today(),
            Severity(args.fail_on),
            jobs=args.jobs,
            detail=detail,
            progress=progress,
            draft=args.draft,
        )
    finally:
        if progress is not None:
            progress.close()
    if args.tags and report.proposals and not any(p.findings for p in report.proposals):
        packs = sorted({proposal.pack for proposal in report.proposals})
        raise ConfigError(
            f"--tags {args.tags!r} matches no condition of pack{'s' if len(packs) > 1 else ''} "
            f"{', '.join(packs)}, so nothing would be checked; 'complychk conditions' lists the "
            "conditions and their tags"
        )
    if waivers is not None:
        from complychk.waivers import waive

        report = waive(report, waivers)
    for problem in report.problems:
        print(one_line(problem.message), file=sys.stderr)
    if report.proposals or len(paths) > 1:
        emit(report, formats)
    return report.exit_code
