"""The value checks the proposal models' fields share (ISO dates only, ...)."""

from __future__ import annotations

import datetime as dt
import re

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_date(value: object) -> object:
    """Accept only ``YYYY-MM-DD`` text (or a date), so a typo never becomes a timestamp."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a real calendar date") from None
    raise ValueError("expected a date written as YYYY-MM-DD")


def nonzero_baseline(value: object) -> object:
    """A baseline of £0 is a slip, not a fact: no cut can be measured against it."""
    if value == 0:
        raise ValueError(
            "a baseline of £0 leaves nothing to measure a cut against; give the running costs "
            "in whole pounds, or leave the field out until they are known"
        )
    return value


def empty_list() -> list[str]:
    """A new empty list, the default of a list field: ``default_factory=list``, only cheaper.

    pydantic reads a default factory's signature; a built-in like ``list`` has it only as text,
    which :mod:`inspect` tokenizes, compiling the tokenizer's patterns first (about 4 ms when
    the first proposal is validated).
    """
    return []
