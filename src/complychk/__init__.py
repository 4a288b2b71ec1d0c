"""complychk: check NHS commissioning proposals against policy conditions written in Gherkin."""

from __future__ import annotations

__version__ = "0.1.0"
