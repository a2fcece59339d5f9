"""Bookmarks on single lines of verbatim code blocks (issue 19): a generated `errors`
section links each error line to its place in its log's chapter (`FILE#lN`,
markdown/dialect.py's internal target). The parser is told, per input file, the source
line ranges of its verbatim blocks in document order (the tools' spans); a code block met
in that file's chapter is the next of them. A link to line N puts a bookmark on that
line of the block (the contract's `anchors`: line index → bookmark id); the converter
writes it, for a block in the JSON and a block streamed from the markdown (`body`) alike.
"""

from __future__ import annotations

import re
from typing import Any

Block = dict[str, Any]
LINE_ANCHOR = re.compile(r"^l(\d+)$")  # the anchor of a source line (tools/generated.py)


class LineAnchors:
    """The verbatim code blocks of each file, by their source lines."""

    def __init__(self, spans: dict[str, list[tuple[int, int]]]) -> None:
        self.spans = {file: list(ranges) for file, ranges in spans.items()}
        self.seen: dict[str, int] = {}  # per file, how many of its blocks were met
        self.blocks: dict[str, list[tuple[int, int, Block]]] = {}
        self.order = {file: k for k, file in enumerate(spans)}

    def note(self, file: str | None, block: Block) -> None:
        """A code block met in `file`'s part of the document."""
        if file is None or file not in self.spans or block.get("type") != "code":
            return
        k = self.seen.get(file, 0)
        self.seen[file] = k + 1
        if k >= len(self.spans[file]):
            return
        start, end = self.spans[file][k]
        body = block.get("body")
        count = int(body["lines"]) if body else str(block.get("text", "")).count("\n") + 1
        if count == end - start + 1:  # (a block that is not the span: no anchor)
            self.blocks.setdefault(file, []).append((start, end, block))

    def target(self, file: str, anchor: str) -> str | None:
        """`#<bookmark>` of line N (`anchor` lN) of `file`, None when no block holds it."""
        m = LINE_ANCHOR.match(anchor.lower())
        if not m:
            return None
        n = int(m.group(1))
        for start, end, block in self.blocks.get(file, ()):
            if start <= n <= end:
                bookmark = f"line_{self.order[file]}_{n}"
                block.setdefault("anchors", {})[str(n - start)] = bookmark
                return f"#{bookmark}"
        return None
