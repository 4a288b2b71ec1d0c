"""Builds complychk, compiling the modules a check spends its time in to C with mypyc.

Everything else about the package is in pyproject.toml. The compiled modules are the same
Python source, type-checked by mypy and translated to C; reading a YAML proposal, reading the
glossary, measuring and building findings then take about two thirds of the time. Where they
cannot be compiled (no C compiler, or ``COMPLYCHK_PURE_PYTHON=1`` in the environment, handy while
editing those modules in an editable install), the package installs as plain Python and works
the same.

Two small modules are written in C, each built on its own where it can be and replaced by
Python where not: ``complychk._yaml_events`` reads YAML parse events from libyaml (the library
PyYAML's C parser uses) as plain tuples, for a third of the time PyYAML takes to make its event
objects; it needs libyaml's header (Debian's libyaml-dev), and without it PyYAML's parser reads
the same events. ``complychk._tuples`` makes the named tuples a check makes by the hundred.
"""

from __future__ import annotations

import contextlib
import os
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

COMPILED = [
    "record",
    "yaml_scalars",
    "builder",
    "yaml_events",
    "yaml_reader",
    "document",
    "glossary_kinds",
    "glossary",
    "checks",
    "checks_scalar",
    "checks_dates",
    "checks_every",
    "applicability",
    "plan",
    "evaluate",
    # These subclass Glossary; an interpreted class cannot inherit from a compiled one.
    "diff",
    "lint_scenario",
]


class OptionalBuildExt(build_ext):
    """Builds every compiled module or none; with none, the plain Python modules are used.

    The compiled modules share one library (``complychk__mypyc``), so some without the rest
    would not import: whatever was built before a failure is removed.
    """

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # no compiler, missing headers, out of memory: fall back
            for extension in self.extensions:
                with contextlib.suppress(OSError):
                    os.remove(self.get_ext_fullpath(extension.name))
            _skip(error)

    def build_extension(self, ext: Extension) -> None:
        if ext.name not in OPTIONAL:
            super().build_extension(ext)
            return
        try:  # on its own: complychk works without it
            super().build_extension(ext)
        except Exception as error:  # no libyaml header, say
            with contextlib.suppress(OSError):
                os.remove(self.get_ext_fullpath(ext.name))
            print(
                f"complychk: not building {ext.name} ({error}); {OPTIONAL[ext.name]}",
                file=sys.stderr,
            )


def _skip(error: BaseException) -> None:
    print(f"complychk: not compiling ({error}); installing as plain Python", file=sys.stderr)


_RELAXED = ["--no-warn-unused-ignores", "--no-warn-return-any"]
"""The build only compiles: a library version that types a call a little differently from the
one development checks against (``mypy --strict`` in the tests) must not stop it."""


YAML_EVENTS = Extension(
    "complychk._yaml_events", ["src/complychk/_yaml_events.c"], libraries=["yaml"]
)
TUPLES = Extension("complychk._tuples", ["src/complychk/_tuples.c"])
OPTIONAL = {
    YAML_EVENTS.name: "PyYAML's parser reads YAML instead",
    TUPLES.name: "tuple.__new__ makes named tuples instead",
}
"""The C modules, each built on its own, and what stands in for it where it cannot be built."""


def _extensions() -> list[object]:
    if os.environ.get("COMPLYCHK_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify

        paths = [f"src/complychk/{name}.py" for name in COMPILED]
        compiled = list(mypycify([*_RELAXED, *paths], opt_level="3", group_name="complychk"))
    except (Exception, SystemExit) as error:  # mypy not installed, or it refused the code
        _skip(error)
        compiled = []
    return [*compiled, YAML_EVENTS, TUPLES]


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
