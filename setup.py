"""Builds complychk, compiling the modules a check spends its time in to C with mypyc.

Everything else about the package is in pyproject.toml. The compiled modules are the same
Python source, type-checked by mypy and translated to C; reading a YAML proposal, reading the
glossary, measuring and building findings then take about two thirds of the time. Where they
cannot be compiled (no C compiler, or ``COMPLYCHK_PURE_PYTHON=1`` in the environment, handy while
editing those modules in an editable install), the package installs as plain Python and works
the same.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

COMPILED = [
    "record",
    "yaml_scalars",
    "builder",
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
    """Builds the compiled modules if it can; otherwise the plain Python modules are used."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # no compiler, missing headers: fall back, do not fail
            _skip(error)

    def build_extension(self, ext: object) -> None:
        try:
            super().build_extension(ext)  # type: ignore[arg-type]
        except Exception as error:
            _skip(error)


def _skip(error: Exception) -> None:
    print(f"complychk: not compiling ({error}); installing as plain Python", file=sys.stderr)


_RELAXED = ["--no-warn-unused-ignores", "--no-warn-return-any"]
"""The build only compiles: a library version that types a call a little differently from the
one development checks against (``mypy --strict`` in the tests) must not stop it."""


def _extensions() -> list[object]:
    if os.environ.get("COMPLYCHK_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify

        paths = [f"src/complychk/{name}.py" for name in COMPILED]
        return list(mypycify([*_RELAXED, *paths], opt_level="3", group_name="complychk"))
    except (ImportError, Exception, SystemExit) as error:  # mypy not there, or it refused
        _skip(error)
        return []


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
