"""``complychk completion SHELL``: the script that gives complychk tab completion in a shell.

argcomplete writes the script and answers each tab press by asking complychk's own parser, so
completion always knows every command and option of the installed version. (shtab, the other
well-kept choice, writes no fish completion.)
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

SHELLS = {
    "bash": 'bash: eval "$(complychk completion bash)" in ~/.bashrc',
    "zsh": 'zsh: eval "$(complychk completion zsh)" in ~/.zshrc (after compinit)',
    "fish": "fish: complychk completion fish > ~/.config/fish/completions/complychk.fish",
}


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "completion",
        help="print the tab-completion script for bash, zsh or fish",
        description="Print the script that gives complychk tab completion. Install it with:\n"
        + "\n".join(f"  {line}" for line in SHELLS.values()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("shell", choices=sorted(SHELLS), help="the shell to complete in")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import argcomplete

    # argcomplete documents shellcode at the top level but does not list it in __all__
    script: str = argcomplete.shellcode(["complychk"], shell=args.shell)  # type: ignore[attr-defined]
    print(script, end="")
    return 0


def complete_if_asked(parser_factory: Callable[[], argparse.ArgumentParser]) -> None:
    """Answer a shell's tab press and exit, when the completion script is asking.

    The script runs ``complychk`` with ``_ARGCOMPLETE`` set; argcomplete reads the words typed
    from the environment, writes the candidates and ends the process.
    """
    import os

    if "_ARGCOMPLETE" not in os.environ:
        return
    import argcomplete

    argcomplete.autocomplete(parser_factory())
