"""Reading YAML proposals (and Markdown front matter) from PyYAML's node trees into located
data, refusing what a proposal may not hold."""

from __future__ import annotations

import gc
import re
from typing import Any

import yaml
from yaml import MappingNode, ScalarNode, SequenceNode

from complychk.errors import InputError
from complychk.proposal.builder import (
    MAX_DEPTH,
    check_characters,
    checked_text,
    duplicate_key,
    error_at,
    kind_of,
    loaded,
    nested_too_deeply,
    not_a_mapping,
    show,
)
from complychk.proposal.document import PROPOSAL, FieldPath, FileKind, LoadedDocument, Location
from complychk.proposal.yaml_errors import at, stop_error, tag_error
from complychk.proposal.yaml_nodes import IMPLICIT, compose, compose_stepwise
from complychk.proposal.yaml_scalars import is_plain_text, resolve_plain


def load_yaml(text: str, file: str, kind: FileKind = PROPOSAL, empty: str = "") -> LoadedDocument:
    """Compose the file's nodes with PyYAML, then read them in the order they are written,
    refusing what a proposal may not use.

    Where composing stopped early, the nodes composed before the stop are read first, so a
    problem written before a syntax error, an alias or too deep a nesting is the one reported.
    """
    check_characters(text, file)
    collecting = gc.isenabled()
    gc.disable()  # a node tree has no cycles: collecting as it grows would only walk it again
    try:
        root, stop = compose(text)
        try:
            reader = _Reader(file, kind, text)
            data = reader.root(root)
        except _SharedNode:  # an alias: composing node by node stops at it, and says where
            root, stop = compose_stepwise(text)
            reader = _Reader(file, kind, text)
            data = reader.root(root)
    finally:
        if collecting:
            gc.enable()
    if stop is not None:
        raise stop_error(stop, text, file, kind)
    return loaded(file, kind, data, reader.locations, empty)


_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def load_markdown(text: str, file: str, kind: FileKind = PROPOSAL) -> LoadedDocument:
    """Load the YAML front matter, cut out in place so line numbers stay those of the file."""
    first_end = text.find("\n")
    first_line = text if first_end < 0 else text[:first_end]
    if first_line.rstrip() != "---":
        problem = "the Markdown file does not start with YAML front matter"
        hint = f"put the {kind.name}'s fields between a first line '---' and a closing line '---'"
        raise InputError(file, 1, 1, problem, hint)
    closing = None if first_end < 0 else _FRONT_MATTER_END.search(text, first_end + 1)
    if closing is None:
        problem = "the front matter opened on line 1 is never closed"
        raise InputError(file, 1, 1, problem, "add a line '---' after the last field")
    return load_yaml(text[: closing.start()], file, kind, empty="the front matter is empty")


class _SharedNode(Exception):
    """A node met a second time: an alias, which libyaml's composer resolves without a trace."""


_BARE_TAG = re.compile(
    r"(?:&[0-9A-Za-z_-]+(?:[ \t\r\n]|#[^\r\n]*[\r\n])+)?(?P<tag>!)(?:<!>)?(?:[ \t\r\n,]|$)"
)
"""The tag '!' where a node starts, after its anchor if it has one."""


def _has_bare_tag(node: yaml.Node, text: str) -> bool:
    """Whether the node is tagged '!', which the composers resolve as if no tag were written.

    So the tag is looked for in the text where the node starts. It is the node's own only if
    the node ends after it (an empty value is placed where the next thing written starts, and
    an anchored one ends with its anchor) and its first item or key starts after it (a block
    mapping starts at its first key's tag, or at its own anchor on the line before).
    """
    found = _BARE_TAG.match(text, node.start_mark.index)
    if found is None or (node.end_mark is not None and node.end_mark.index <= found.start("tag")):
        return False
    if isinstance(node, MappingNode) and node.value:
        first = node.value[0][0]
    elif isinstance(node, SequenceNode) and node.value:
        first = node.value[0]
    else:
        return True
    return bool(first.start_mark.index > found.start("tag"))


class _Reader:
    """Reads a node tree into plain data in the order it was written, locating every value and
    refusing aliases, tags, merge keys, keys that are not text, duplicate keys and too deep a
    nesting.

    A mapping's value is located at its key, a list item or the root where it is written, so a
    mapping's scalar value is located only if it is refused.
    """

    def __init__(self, file: str, kind: FileKind, text: str) -> None:
        self.locations: dict[FieldPath, Location] = {}
        """Where each value stands, by path (see :class:`LoadedDocument`)."""
        self._file = file
        self._kind = kind
        self._text = text
        self._asterisks = "*" in text  # else there is no alias
        self._bangs = "!" in text  # else no node has a tag: every tag starts with "!"
        self._checking = self._asterisks or self._bangs
        """Whether any node can be refused by :meth:`_check` (most files: none can)."""
        self._seen: set[yaml.Node] = set()

    def root(self, node: yaml.Node | None) -> dict[str, Any] | None:
        """The top level, which must be a mapping; None for an empty document."""
        if node is None:
            return None
        where = self._where(node)
        if isinstance(node, MappingNode):
            self.locations[()] = where
            return self._mapping(node, ())
        value = self._value(node) if isinstance(node, ScalarNode) else []
        if value is not None:
            raise not_a_mapping(self._kind, value, where, self._kind.fields_hint)
        self.locations[()] = where
        return None

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        """A mapping's entries, each located at its key (this loop runs for most values in a
        file, so it is written out here rather than split into calls)."""
        mapping: dict[str, Any] = {}
        locations = self.locations
        for key, value in node.value:
            at_key = self._where(key)
            if not isinstance(key, ScalarNode):
                hint = "write a simple name"
                raise error_at(at_key, "a key must be text, not a list or mapping", hint)
            name = self._key(key, at_key)
            entry = (*path, name)
            first = locations.get(entry)
            if first is not None:
                raise duplicate_key(name, first, at_key)
            locations[entry] = at_key
            if isinstance(value, ScalarNode):
                if self._checking:
                    self._check(value)
                mapping[name] = self._value(value)
            else:
                mapping[name] = self._collection(value, entry, self._where(value))
        return mapping

    def _collection(self, node: yaml.Node, path: FieldPath, where: Location) -> Any:
        """A mapping or list below the top level, at ``path``."""
        if len(path) >= MAX_DEPTH:
            raise nested_too_deeply(where)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        items: list[Any] = []
        for index, item in enumerate(node.value):
            at_item = self._where(item)
            self.locations[(*path, index)] = at_item
            if isinstance(item, ScalarNode):
                items.append(self._value(item))
            else:
                items.append(self._collection(item, (*path, index), at_item))
        return items

    def _where(self, node: yaml.Node) -> Location:
        if self._checking:
            self._check(node)
        mark = node.start_mark
        return Location(self._file, mark.line + 1, mark.column + 1)

    def _check(self, node: yaml.Node) -> None:
        """Refuse an alias, which makes the node one met before, and a tag."""
        if self._asterisks:
            if node in self._seen:
                raise _SharedNode
            self._seen.add(node)
        if node.tag != IMPLICIT:
            raise tag_error(node.tag, at(self._file, node.start_mark))
        if self._bangs and _has_bare_tag(node, self._text):
            raise tag_error("!", at(self._file, node.start_mark))

    def _value(self, node: yaml.ScalarNode) -> Any:
        """A scalar's value; its location is worked out only to refuse it, as few values are."""
        text: str = node.value
        if not node.style:  # plain: PyYAML's Python composer says None, libyaml's ""
            return (
                text
                if is_plain_text(text)
                else resolve_plain(text, at(self._file, node.start_mark))
            )
        if node.style == '"':  # only escapes can make an unpaired surrogate: the text was checked
            return checked_text(text, at(self._file, node.start_mark))
        return text

    def _key(self, node: yaml.ScalarNode, where: Location) -> str:
        text: str = node.value
        if not node.style:  # plain
            if text == "<<":
                hint = "write the merged fields out in full"
                raise error_at(where, "merge keys (<<) are not allowed", hint)
            if is_plain_text(text):  # as most keys are: nothing more to check
                return text
            if text == "":
                raise error_at(where, "a key is missing", "write a name before ':'")
        key = self._value(node)
        if not isinstance(key, str):
            problem = f"keys must be text, but {show(text)} reads as {kind_of(key)}"
            hint = f"quote it: '{text}':"
            raise error_at(where, problem, hint)
        return key
