"""A one-line progress count on stderr for long batch runs, shown only to a person at a terminal."""

from __future__ import annotations

import os
import time
from typing import TextIO

DELAY = 0.5
"""Seconds before the line first appears: a run that finishes sooner never shows it."""

INTERVAL = 0.1

LONG_RUN = 21
"""Batches this large show the progress line (if they run longer than ``DELAY``)."""


class ProgressLine:
    """``progress(done, total)`` callback that redraws ``checked 120/5000 (2%)`` in place."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._started = time.monotonic()
        self._drawn_at = 0.0
        self._width = 0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._started < DELAY or (now - self._drawn_at < INTERVAL and done < total):
            return
        self._drawn_at = now
        text = f"checked {done:,}/{total:,} proposals ({done * 100 // max(total, 1)}%)"
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._width = len(text)

    def close(self) -> None:
        """Erase the line, so what follows starts at the left margin on a clean line."""
        if self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0


def wanted(stream: TextIO, total: int, threshold: int) -> bool:
    """Only for a person watching: a terminal, not CI, not a dumb terminal, a sizeable batch."""
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return (
        interactive
        and total >= threshold
        and not os.environ.get("CI")
        and os.environ.get("TERM") != "dumb"
    )
