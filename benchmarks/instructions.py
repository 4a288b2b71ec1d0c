"""Work per proposal counted in machine instructions, which do not drift with the machine's speed.

``python benchmarks/instructions.py [--rounds N]`` first counts a whole cold ``complychk check``
of the Kent and Medway sample (its caches filled) beside the floor, ``python -c "import pydantic,
yaml"``; then runs a check loop under valgrind's callgrind twice, with no rounds and with N, and
prints the difference per check, for the Kent and Medway sample with full findings and for 40
generated proposals checked grid-only (as a batch with ``--format csv`` checks them). Timings of a few milliseconds move by a third from one run to the
next on a shared machine; these counts repeat to within a percent, so they say whether a change
made complychk do more or less. Needs valgrind; takes a minute or two.

``--stages`` instead splits a cold check into the stages it goes through, each counted as a
whole process that stops after it (the floor; pydantic's model machinery; complychk's modules;
the proposal's model classes; pydantic's plugin lookup; building the model's validator and
validating; the compiled pack and the rules engine; the check), and prints what each adds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_proposals" / "kent-and-medway-2019-09.yaml"
AS_OF = dt.date(2019, 9, 30)
GENERATED = 40


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10, help="checks of each input (default 10)")
    parser.add_argument(
        "--stages", action="store_true", help="what each stage of a cold check adds, instead"
    )
    parser.add_argument("--loop", nargs=2, metavar=("MODE", "ROUNDS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.loop:
        _loop(args.loop[0], int(args.loop[1]))
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed; install it (e.g. apt-get install valgrind)")
        return 2
    # The package's bytecode, as an installed package has it (see bench.py's _compile_package):
    # where PYTHONDONTWRITEBYTECODE is set, each run would otherwise compile every module from
    # source, about 150 million instructions of a cold check.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "complychk")], check=True
    )
    if args.stages:
        return _print_stages()
    with tempfile.TemporaryDirectory(prefix="complychk-instructions-") as cache:
        check = [sys.executable, "-m", "complychk", "check", str(SAMPLE.relative_to(REPO))]
        cold = _count_command(check, cache, warm_ups=2)
        floor = _count_command([sys.executable, "-c", "import pydantic, yaml"], cache)
        print(
            f"{'cold `complychk check`, Kent and Medway':45s} {cold / 1e6:8.1f} million instructions"
        )
        print(
            f"{'floor: python -c import pydantic, yaml':45s} {floor / 1e6:8.1f} million instructions"
        )
        print(f"{'cold check / floor':45s} {cold / floor:8.2f} x")
        for mode, per_round in (("kent", 1), ("grid", GENERATED)):
            before = _count(mode, 0, cache)
            after = _count(mode, args.rounds, cache)
            per_check = (after - before) / (args.rounds * per_round)
            label = (
                "Kent and Medway sample, full findings"
                if mode == "kent"
                else f"{GENERATED} generated proposals, grid-only"
            )
            print(f"{label:45s} {per_check / 1e6:8.2f} million instructions per check")
    return 0


STAGES = (
    ("floor: python -c 'import pydantic, yaml'", "import pydantic, yaml"),
    ("pydantic's model machinery (BaseModel, Field)", "from pydantic import BaseModel, Field"),
    (
        "complychk's modules, as `check` imports them",
        "import complychk.api, complychk.cli.check",
    ),
    (
        "the proposal's model classes (ccg_merger)",
        "from complychk.proposal.loader import load_document\n"
        "from complychk.proposal.model import model_for, validate_proposal\n"
        f"document = load_document({str(SAMPLE)!r})\n"
        "model_for('ccg_merger')",
    ),
    (
        "importlib.metadata (pydantic's plugin lookup)",
        "import importlib.metadata",
    ),
    (
        "the model's validator built; the sample validated",
        "validate_proposal(document).model_dump()",
    ),
    (
        "the compiled pack from the cache; the rules engine",
        "checker = complychk.api.Checker(pack_name='ltp-2019')\nchecker.compiled('ltp-2019')",
    ),
    (
        "the check itself",
        f"import datetime\nchecker.check_document(document, datetime.date.fromisoformat({AS_OF.isoformat()!r}))",
    ),
)
"""Each stage of a cold check: what it is, and the code that, added to the stages before it, runs it."""


def _print_stages() -> int:
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"  # as the command line runs
    with tempfile.TemporaryDirectory(prefix="complychk-instructions-") as cache:
        before = 0
        for upto, (label, _) in enumerate(STAGES):
            code = "\n".join(step for _, step in STAGES[: upto + 1])
            count = _count_command([sys.executable, "-c", code], cache, warm_ups=2)
            print(f"{label:52s} {count / 1e6:8.1f} M  (+{(count - before) / 1e6:.1f})", flush=True)
            before = count
    return 0


def _count(mode: str, rounds: int, cache: str) -> int:
    """Instructions of a whole run: start-up, a warm-up check of each input, then ``rounds``."""
    return _count_command([sys.executable, __file__, "--loop", mode, str(rounds)], cache)


def _count_command(command: list[str], cache: str, warm_ups: int = 1) -> int:
    """Instructions of one run of ``command``, after ``warm_ups`` runs that fill the caches."""
    env = dict(
        os.environ,
        PYTHONHASHSEED="0",  # the same hashing, so sets and dicts do the same work every run
        COMPLYCHK_CACHE_DIR=cache,
        PYTHONPATH=os.pathsep.join([str(REPO / "src"), str(REPO / "tests")]),
    )
    for _ in range(warm_ups):  # fill the compiled-pack cache
        subprocess.run(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, check=False)
    valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    done = subprocess.run(valgrind + command, env=env, cwd=REPO, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: the check found failures, as Kent and Medway's has
        raise SystemExit(f"{' '.join(command)} failed under valgrind:\n{done.stderr}")
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr}")
    return int(found.group(1))


def _loop(mode: str, rounds: int) -> None:
    from proposal_factory import ProposalFactory, to_yaml

    from complychk.errors import InputError
    from complychk.evaluate.checker import Checker
    from complychk.proposal.loader import load_text

    checker = Checker()
    if mode == "kent":
        inputs = [(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE))]
    else:
        factory = ProposalFactory()
        inputs = []
        number = 0
        while len(inputs) < GENERATED:
            text, name = to_yaml(factory.nth(13, number)), f"p{number}.yaml"
            number += 1
            try:  # the factory makes some invalid proposals; count only checkable ones
                checker.check_document(load_text(text, name), AS_OF)
            except InputError:
                continue
            inputs.append((text, name))
    for text, name in inputs:
        checker.check_document(load_text(text, name), AS_OF)
    gc.collect()
    gc.disable()  # a collection's cost depends on when it falls, not on the code measured
    detail = mode == "kent"
    for _ in range(rounds):
        for text, name in inputs:
            checker.check_document(load_text(text, name), AS_OF, detail=detail)


if __name__ == "__main__":
    sys.exit(main())
