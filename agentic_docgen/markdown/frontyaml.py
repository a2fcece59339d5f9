"""The YAML of a front matter block, read within bounds (markdown/frontmatter.py says
which; this module is imported only for a block that opens with `---`, so a run without
one never imports PyYAML)."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from agentic_docgen.markdown.frontmatter import MAX_DEPTH, MAX_EXPANDED


def load(body: str) -> tuple[Any, tuple[str, int] | None]:
    """The YAML's data, or None and why it could not be read safely (the reason, and the
    file's line it is on: the block's first line is the file's second)."""
    try:
        return _load_yaml(body), None
    except _Refused as exc:
        return None, (exc.reason, exc.line)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        if isinstance(exc, yaml.reader.ReaderError):  # a character YAML refuses
            line = body.count("\n", 0, exc.position) + 2
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, (str(reason), line)


class _Refused(yaml.YAMLError):
    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


class _BoundedLoader(yaml.SafeLoader):
    """The safe loader, refusing collections nested more than MAX_DEPTH levels."""

    depth = 0

    def fetch_flow_collection_start(self, token_class: Any) -> None:
        if self.flow_level >= MAX_DEPTH:  # stopped while scanning: `[[[[…` costs no more
            raise _Refused(f"nested more than {MAX_DEPTH} levels", self.get_mark().line + 2)
        super().fetch_flow_collection_start(token_class)  # type: ignore[misc]

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise _Refused(f"nested more than {MAX_DEPTH} levels", mark.line + 2)
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self.depth -= 1


def _load_yaml(text: str) -> Any:
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node)
        return loader.construct_document(node)
    except RecursionError:
        raise _Refused("nested too deeply", 1) from None
    finally:
        loader.dispose()


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _check_expansion(root: Node) -> None:
    """Refuse a node graph whose aliases expand beyond MAX_EXPANDED nodes and characters, or
    that refers to itself (measured without expanding: each shared node is sized once)."""
    size: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            own = len(node.value) if isinstance(node, ScalarNode) else 0
            total = 1 + own + sum(size[id(c)] for c in _children(node))
            if total > MAX_EXPANDED:
                raise _Refused(
                    f"an alias bomb: its aliases expand beyond {MAX_EXPANDED:,} nodes and"
                    " characters",
                    node.start_mark.line + 2,
                )
            size[key] = total
        elif key in active:
            raise _Refused("an alias refers to itself", node.start_mark.line + 2)
        elif key not in size:
            active.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in _children(node))
