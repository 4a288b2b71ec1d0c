"""Step phrases from installed plugins: the ``complychk.steps`` entry point group.

A plugin package declares, in its own ``pyproject.toml``::

    [project.entry-points."complychk.steps"]
    my-phrases = "my_package.steps:PHRASES"

where ``PHRASES`` is a sequence of :class:`complychk.conditions.vocabulary.StepPhrase`. Plugins are read
only when a command asks for them, and their phrases go into a new vocabulary object: nothing is
registered by importing anything.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib.machinery import PathFinder
from typing import TYPE_CHECKING

from complychk.errors import ConfigError

if TYPE_CHECKING:
    import importlib.metadata

    from complychk.conditions.vocabulary import StepPhrase, Vocabulary

GROUP = "complychk.steps"


class PluginError(ConfigError):
    """A plugin that cannot be loaded or does not give step phrases; names the plugin."""


def plugin_phrases() -> tuple[StepPhrase, ...]:
    """Every installed plugin's phrases, plugins in name order so the result is stable."""
    if not _may_have_plugins():
        return ()
    import importlib.metadata

    found: list[StepPhrase] = []
    entry_points = importlib.metadata.entry_points(group=GROUP)
    for entry in sorted(entry_points, key=lambda item: item.name):
        found.extend(_phrases_of(entry))
    return tuple(found)


def _may_have_plugins() -> bool:
    """Whether an installed distribution may declare ``complychk.steps`` entry points.

    importlib.metadata parses the entry points of every installed distribution, about 6 ms at
    every start here (and importing it, 8 more before a proposal is validated); looking for the
    group's name in their entry point files takes about 1. The look covers where
    importlib.metadata searches by default: the ``.dist-info`` and ``.egg-info`` folders in each
    folder on sys.path. Anywhere else it could find distributions (a zip file on sys.path,
    another finder on sys.meta_path) answers True, and so does a file that cannot be read, so
    importlib.metadata has the last word.
    """
    if any(
        finder is not PathFinder and hasattr(finder, "find_distributions")
        for finder in sys.meta_path
    ):
        return True
    for entry in sys.path:
        if not isinstance(entry, str):
            return True
        folder = entry or "."
        try:
            children = os.listdir(folder)
        except OSError:
            if os.path.exists(folder):  # a zip file, or a folder that cannot be listed
                return True
            continue
        egg = os.path.basename(entry).lower().endswith(".egg")
        for child in children:
            low = child.lower()
            metadata = low.endswith((".dist-info", ".egg-info")) or (egg and low == "egg-info")
            if metadata and _names_group(os.path.join(folder, child, "entry_points.txt")):
                return True
    return False


def _names_group(path: str) -> bool:
    """Whether an entry point file mentions the group (True when it cannot tell)."""
    try:
        with open(path, "rb") as stream:
            return GROUP.encode() in stream.read()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError):
        return False  # importlib.metadata skips these too
    except OSError:
        return True


def _phrases_of(entry: importlib.metadata.EntryPoint) -> list[StepPhrase]:
    where = f"step plugin {entry.name!r} ({entry.value})"
    try:
        loaded = entry.load()
    except Exception as error:  # a broken plugin can raise anything on import
        raise PluginError(
            f"{where} failed to load: {type(error).__name__}: {error}; "
            f"fix or uninstall the package that provides it"
        ) from None
    if isinstance(loaded, (str, bytes)) or not isinstance(loaded, Sequence):
        raise PluginError(f"{where} must be a sequence of StepPhrase, got {type(loaded).__name__}")
    from complychk.conditions.vocabulary import StepPhrase

    bad = [item for item in loaded if not isinstance(item, StepPhrase)]
    if bad:
        raise PluginError(
            f"{where} must be a sequence of StepPhrase, but holds a {type(bad[0]).__name__}"
        )
    return list(loaded)


def load_vocabulary(base: Vocabulary | None = None) -> Vocabulary:
    """The built-in vocabulary (or ``base``) extended with every installed plugin's phrases."""
    from complychk.conditions.vocabulary import Vocabulary

    return plugin_vocabulary(base) or base or Vocabulary()


def plugin_vocabulary(base: Vocabulary | None = None) -> Vocabulary | None:
    """:func:`load_vocabulary` where a plugin adds phrases; None where none does, meaning the
    built-in vocabulary (or ``base``), which a check of a cached pack never needs to import."""
    extra = plugin_phrases()
    if not extra:
        return None
    from complychk.conditions.vocabulary import Vocabulary

    return (base or Vocabulary()).extended(extra)
