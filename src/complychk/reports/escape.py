"""Making untrusted proposal text safe for each output medium (terminal, XML, Markdown)."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, bidirectional overrides and isolates
# (which can make a terminal or a review page show text in a misleading order), lone
# surrogates (not encodable as UTF-8) and the XML non-characters U+FFFE and U+FFFF.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Every ASCII punctuation character CommonMark lets us backslash-escape, less the ones that
# html.escape turns into entities and the few that never start markup inside a line.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~@:=$^])")


def _code_point(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Show control and direction-changing characters as escapes instead of obeying them.

    Normalises CRLF and CR line ends to LF first, so Windows-edited proposals render alike.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub(_code_point, text)


def one_line(text: str) -> str:
    """Collapse all whitespace runs (newlines included) into single spaces."""
    return " ".join(visible(text).split())


def json_text(text: str) -> str:
    """Write lone surrogates in already-dumped JSON as ``\\uXXXX`` so it encodes as UTF-8."""
    return _SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def markdown(text: str) -> str:
    """Escape text for a Markdown paragraph or table cell, keeping it on one line.

    Backslash-escapes Markdown punctuation (so ``|`` cannot end a table cell, ``@team`` cannot
    mention anyone and ``#12`` cannot link an issue), turns ``<``, ``>``, ``&`` and quotes into
    entities, and renders line breaks as ``<br>``.
    """
    lines = visible(text).split("\n")
    escaped = [
        _MARKDOWN_SPECIAL.sub(r"\\\1", line)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        for line in lines
    ]
    return "<br>".join(line.strip() for line in escaped)
