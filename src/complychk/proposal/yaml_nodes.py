"""YAML node trees from PyYAML's composers, every node carrying the marks (line, column) it was
written at: libyaml's own composer for a file it reads through, PyYAML's Python composer, node
by node, to find where a refused file goes wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, NamedTuple

import yaml

from complychk.proposal.builder import MAX_DEPTH

IMPLICIT: Final = ""
"""The tag of a node written without one. PyYAML's resolver would guess a tag from the value by
YAML 1.1's rules; the reader reads plain values by YAML 1.2's instead, so the composers here
leave the tag empty, and any other tag is one the author wrote."""


class AliasStop(Exception):
    """Composing stopped at an alias (``*name``), which a proposal may not use."""

    def __init__(self, anchor: str, mark: yaml.Mark) -> None:
        super().__init__(anchor)
        self.anchor = anchor
        self.mark = mark


class DepthStop(Exception):
    """Composing stopped where a node would be deeper than MAX_DEPTH collections: the
    collection at ``mark`` is already nested too deeply."""

    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__(mark)
        self.mark = mark


Stop = AliasStop | DepthStop | yaml.YAMLError
"""Why composing ended before the end of the file."""


class Composed(NamedTuple):
    """A document's root node (None for an empty file) and, if composing stopped early, why:
    the root then holds the nodes composed before it stopped."""

    root: yaml.Node | None
    stop: Stop | None


def compose(text: str) -> Composed:
    """The document's nodes: from libyaml's composer where it is safe, else node by node.

    libyaml's composer reads a valid file fastest, but when it refuses one it keeps nothing of
    what it read, so a refused file is read again node by node (:func:`compose_stepwise`).
    """
    if _fast_composer_is_safe(text):
        reader = _FastComposer(text)
        try:
            return Composed(reader.get_single_node(), None)
        except yaml.YAMLError:
            pass
        finally:
            reader.dispose()
    return compose_stepwise(text)


def compose_stepwise(text: str) -> Composed:
    """The document's nodes from PyYAML's Python composer, up to the first alias, the first
    node deeper than MAX_DEPTH collections or the first syntax error.

    The composer reads libyaml's parse events where PyYAML has libyaml, so a syntax error is
    found where and as libyaml finds it. Newer libyaml scans flow brackets ahead of its events
    and refuses more than 1000 levels before the composer gets to the 65th; PyYAML's own parser
    then reads the file again, to say where it goes too deep.
    """
    if not _LIBYAML:
        return _composed_stepwise(_StepwisePython(text))
    composed = _composed_stepwise(_StepwiseLibyaml(text))
    if "maximum nesting depth" not in str(composed.stop):
        return composed
    return _composed_stepwise(_StepwisePython(text))


def _composed_stepwise(reader: _StepwisePython | _StepwiseLibyaml) -> Composed:
    try:
        return Composed(reader.get_single_node(), None)
    except (AliasStop, DepthStop, yaml.YAMLError) as stop:
        return Composed(reader.composed_so_far(), stop)
    finally:
        reader.dispose()


_LIBYAML = yaml.__with_libyaml__
"""Whether PyYAML has libyaml (tests switch it off to read with PyYAML's Python parser alone)."""


if _LIBYAML:

    class _FastComposer(yaml.CSafeLoader):
        """libyaml's composer, leaving untagged nodes with the tag IMPLICIT."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return IMPLICIT

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            """No path-dependent tags: the composer's hooks for them do nothing."""

        def ascend_resolver(self) -> None:
            """No path-dependent tags: the composer's hooks for them do nothing."""


_SAFE_DEPTH: Final = 1000
"""Levels of nesting libyaml's composer is trusted with, as libyaml 0.2.6 and later limit it.

libyaml's composer recurses once per level in C, where nothing stops it before 0.2.6: with the
libyaml 0.2.5 that PyYAML's wheels bring, a file of a few hundred thousand '[' crashes the
process. Its parser keeps its own stack and does not recurse."""


def _fast_composer_is_safe(text: str) -> bool:
    """Whether libyaml's composer can read the text without recursing too deep: the text cannot
    nest deeper than 1000 levels, as every level opens with its own '[', '{', '-', '?' or ':',
    or libyaml's parse events say it does not."""
    if not _LIBYAML:
        return False
    return sum(map(text.count, "[{-?:")) <= _SAFE_DEPTH or _depth_at_most(text, _SAFE_DEPTH)


def _depth_at_most(text: str, limit: int) -> bool:
    """Whether no collection in the text nests deeper than ``limit``, by libyaml's parse events
    (False also for a text libyaml cannot parse: the stepwise composer then says where)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CBaseLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limit:
                    return False
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return False
    return True


class _Stepwise(yaml.composer.Composer):
    """PyYAML's Python composer, which stops at the first alias and beyond MAX_DEPTH, and keeps
    the nodes composed so far when it stops, for any reason.

    It hooks ``compose_node``, which the composer calls for every node with the node's parent
    and its place in it, to know the nodes still open when it stops: the composer adds a node
    to its parent only once the node is complete.
    """

    def __init__(self) -> None:  # after the loader's, which sets up the parser and composer
        self._root: yaml.Node | None = None
        self._calls: list[tuple[yaml.Node | None, Any, yaml.Event | None]] = []
        """For each node still open, root first: its parent, its place in the parent (a list
        index, the key node for a mapping value, None for a key) and its first event."""
        self._nodes: list[yaml.Node | None] = []
        """Each open node, once a node inside it has started."""

    if TYPE_CHECKING:  # the parser's, which each loader below brings

        def check_event(self, *choices: Any) -> bool: ...

        def peek_event(self) -> Any: ...

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return IMPLICIT

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path-dependent tags: the composer's hooks for them do nothing."""

    def ascend_resolver(self) -> None:
        """No path-dependent tags: the composer's hooks for them do nothing."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        calls, nodes = self._calls, self._nodes
        if parent is not None:
            nodes[-1] = parent
            if len(calls) > MAX_DEPTH:
                raise DepthStop(parent.start_mark)
        calls.append((parent, index, None))
        nodes.append(None)
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise AliasStop(event.anchor, event.start_mark)
        calls[-1] = (parent, index, self.peek_event())
        self.anchors = {}  # aliases are refused, so an anchor given twice is no conflict
        node = super().compose_node(parent, index)
        calls.pop()
        nodes.pop()
        if parent is None:
            self._root = node
        return node

    def composed_so_far(self) -> yaml.Node | None:
        """The root, with each node still open attached where it was being composed."""
        if not self._calls:
            return self._root
        nodes = [
            _started(event) if node is None else node
            for node, (_, _, event) in zip(self._nodes, self._calls, strict=True)
        ]
        for node, (parent, index, _) in zip(nodes[1:], self._calls[1:], strict=True):
            _attach(parent, index, node)
        parent, index, event = self._calls[-1]
        if event is None and isinstance(index, yaml.Node):  # a key whose value never started
            _attach(parent, index, yaml.ScalarNode(IMPLICIT, "", index.end_mark, index.end_mark))
        return nodes[0]


class _StepwisePython(_Stepwise, yaml.BaseLoader):
    """The stepwise composer over PyYAML's own parser."""

    def __init__(self, text: str) -> None:
        yaml.BaseLoader.__init__(self, text)
        _Stepwise.__init__(self)


if _LIBYAML:

    class _StepwiseLibyaml(_Stepwise, yaml.CBaseLoader):
        """The stepwise composer over libyaml's parse events (its own composer comes after
        PyYAML's in the method order, so PyYAML's composes)."""

        def __init__(self, text: str) -> None:
            yaml.CBaseLoader.__init__(self, text)
            _Stepwise.__init__(self)


def _started(event: yaml.Event | None) -> yaml.Node | None:
    """A collection as its first event gives it, for one that stopped before its first item."""
    if not isinstance(event, yaml.CollectionStartEvent):
        return None
    kind = yaml.MappingNode if isinstance(event, yaml.MappingStartEvent) else yaml.SequenceNode
    tag = IMPLICIT if event.tag in (None, "!") else event.tag
    start: Any = event.start_mark  # PyYAML's or libyaml's, alike
    end: Any = event.end_mark
    return kind(tag, [], start, end)


def _attach(parent: yaml.Node | None, index: Any, child: yaml.Node | None) -> None:
    if child is None:
        return
    if isinstance(parent, yaml.SequenceNode):
        parent.value.append(child)
    elif isinstance(parent, yaml.MappingNode) and isinstance(index, yaml.Node):
        parent.value.append((index, child))
    elif isinstance(parent, yaml.MappingNode):  # a key, which is refused: it is a collection
        parent.value.append((child, yaml.ScalarNode(IMPLICIT, "", None, None)))
