"""Step phrases from installed plugins: the ``complychk.steps`` entry point group.

A plugin package declares, in its own ``pyproject.toml``::

    [project.entry-points."complychk.steps"]
    my-phrases = "my_package.steps:PHRASES"

where ``PHRASES`` is a sequence of :class:`complychk.vocabulary.StepPhrase`. Plugins are read
only when a command asks for them, and their phrases go into a new vocabulary object: nothing is
registered by importing anything.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Sequence

from complychk.errors import ConfigError
from complychk.vocabulary import StepPhrase, Vocabulary

GROUP = "complychk.steps"


class PluginError(ConfigError):
    """A plugin that cannot be loaded or does not give step phrases; names the plugin."""


def plugin_phrases() -> tuple[StepPhrase, ...]:
    """Every installed plugin's phrases, plugins in name order so the result is stable."""
    found: list[StepPhrase] = []
    entry_points = importlib.metadata.entry_points(group=GROUP)
    for entry in sorted(entry_points, key=lambda item: item.name):
        found.extend(_phrases_of(entry))
    return tuple(found)


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
    bad = [item for item in loaded if not isinstance(item, StepPhrase)]
    if bad:
        raise PluginError(
            f"{where} must be a sequence of StepPhrase, but holds a {type(bad[0]).__name__}"
        )
    return list(loaded)


def load_vocabulary(base: Vocabulary | None = None) -> Vocabulary:
    """The built-in vocabulary extended with every installed plugin's phrases."""
    vocabulary = base or Vocabulary()
    extra = plugin_phrases()
    return vocabulary.extended(extra) if extra else vocabulary
