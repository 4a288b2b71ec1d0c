"""Cucumber-style tag expressions (``@must and not @finance``) for choosing conditions."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from complychk.errors import ConfigError

TagTest = Callable[[Collection[str]], bool]

_TOKEN = re.compile(r"\s*(\(|\)|\band\b|\bor\b|\bnot\b|@?[^\s()]+)", re.IGNORECASE)


def parse_tag_expression(expression: str) -> TagTest:
    """Parse ``and``/``or``/``not``/parentheses over tags; tags match case-insensitively.

    Raises ConfigError with the position of the problem for a malformed expression.
    """
    tokens = [token for token in _TOKEN.findall(expression) if token.strip()]
    if not tokens:
        raise ConfigError("--tags: empty tag expression (write e.g. '@must and not @finance')")
    parser = _Parser(tokens, expression)
    test = parser.expression()
    if parser.position != len(tokens):
        raise ConfigError(f"--tags: unexpected {tokens[parser.position]!r} in {expression!r}")
    return test


class _Parser:
    def __init__(self, tokens: list[str], source: str) -> None:
        self.tokens = tokens
        self.position = 0
        self.source = source

    def _peek(self) -> str | None:
        return self.tokens[self.position].lower() if self.position < len(self.tokens) else None

    def _take(self) -> str:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def expression(self) -> TagTest:
        left = self.term()
        while self._peek() == "or":
            self._take()
            right = self.term()
            left = _either(left, right)
        return left

    def term(self) -> TagTest:
        left = self.factor()
        while self._peek() == "and":
            self._take()
            right = self.factor()
            left = _both(left, right)
        return left

    def factor(self) -> TagTest:
        token = self._peek()
        if token is None:
            raise ConfigError(f"--tags: expression {self.source!r} ends too early")
        if token == "not":
            self._take()
            inner = self.factor()
            return lambda tags: not inner(tags)
        if token == "(":
            self._take()
            inner = self.expression()
            if self._peek() != ")":
                raise ConfigError(f"--tags: missing ')' in {self.source!r}")
            self._take()
            return inner
        if token in (")", "and", "or"):
            raise ConfigError(f"--tags: unexpected {token!r} in {self.source!r}")
        name = self._take().lower()
        name = name if name.startswith("@") else f"@{name}"
        return lambda tags: name in {tag.lower() for tag in tags}


def _either(left: TagTest, right: TagTest) -> TagTest:
    return lambda tags: left(tags) or right(tags)


def _both(left: TagTest, right: TagTest) -> TagTest:
    return lambda tags: left(tags) and right(tags)
