"""The reading tools: the input files (list, digest, numbered pages) and the outline and
tail of the document written so far. Every result is bounded in size."""

from __future__ import annotations

import re
from collections import deque
from typing import Any

from agentic_docgen.core.errors import ToolError
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.graph.tools.sources import Source, clip, describe
from agentic_docgen.graph.tools.writing import MAX_TOOL_CHARS
from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown import scan as mdscan
from agentic_docgen.markdown import textstructure
from agentic_docgen.markdown.dialect import Dialect

MAX_READ_LINES = 500


def list_files(ws: Workspace) -> list[dict[str, Any]]:
    return [
        {"file": name, "bytes": (ws.session.inputs / name).stat().st_size}
        for name in ws.store.names
    ]


def headings(source: Source) -> list[tuple[int, int, str]]:
    """(line, rank, text) of the headings of a source, by its kind."""
    if source.kind == "md":
        return [
            (first + 1, level, mdtext.heading_text(source.lines, first, last))
            for first, last, level in mdtext.top_level_headings(source.lines)
        ]
    if source.kind == "txt":
        return [
            (s.start, s.rank, s.text)
            for s in textstructure.segments(source.lines)
            if s.kind == "heading"
        ]
    return []


def describe_file(ws: Workspace, file: str) -> dict[str, Any]:
    source = ws.store.get(file)
    return describe(source, headings(source))


def read_file(ws: Workspace, file: str, offset: int = 1, limit: int = 200) -> str:
    source = ws.store.get(file)
    n = len(source.lines)
    if offset < 1 or (n and offset > n):
        raise ToolError(f"offset {offset} is outside {file} (lines 1-{n})")
    limit = max(1, min(limit, MAX_READ_LINES))
    out: list[str] = []
    used = 0
    last = offset - 1
    for number in range(offset, min(n, offset + limit - 1) + 1):
        line = f"{number}: {clip(source.lines[number - 1], 2000)}"
        if used + len(line) > MAX_TOOL_CHARS and out:
            break
        out.append(line)
        used += len(line) + 1
        last = number
    more = (
        f"\n[lines {last + 1}-{n} not shown; call read_file with offset={last + 1}]"
        if last < n
        else "\n[end of file]"
    )
    return "\n".join(out) + more


_ATX_LINE = re.compile(r"#{1,6} ")  # a heading line as the outline shows it


def read_generated_file(ws: Workspace, lines: int = 100) -> str:
    """The outline of the document (its headings, by line) and its last `lines` lines."""
    md = ws.session.markdown
    if not md.exists():
        return "[the document is empty]"
    lines = max(1, min(lines, MAX_READ_LINES))
    total = 0
    tail: deque[str] = deque(maxlen=lines)
    outline: list[str] = []
    fence = ""  # the fence open (markdown/scan.py's rule)
    with md.open(encoding="utf-8", newline="\n") as fh:
        for line in fh:
            total += 1
            line = line.rstrip("\n")
            tail.append(line)
            was_open, fence = fence, mdscan.fence_after(line, fence)
            if not (was_open or fence) and len(outline) < 200 and _ATX_LINE.match(line):
                outline.append(f"{total}: {clip(line.strip(), 120)}")
    start = total - len(tail) + 1
    plain = Dialect(ws.session.dir).plain  # the same text in every session (the LLM cache)
    body = "\n".join(f"{start + i}: {clip(plain(t), 500)}" for i, t in enumerate(tail))
    return clip("outline:\n" + "\n".join(outline) + f"\n\nlast lines:\n{body}", MAX_TOOL_CHARS)


OUTLINE_TAIL_BYTES = 64 * 1024  # recent_outline reads this much of the document's end


def recent_outline(ws: Workspace, chapters: int, headings: int = 30) -> str:
    """The document so far as an outline, bounded whatever its length: how many chapters and
    lines, and its last `headings` headings of levels 1-2, by line, read from its last 64 KB
    (a fence opened before that is not seen: the outline is a hint for the model)."""
    md = ws.session.markdown
    if not md.exists():
        return "[the document is empty]"
    size = md.stat().st_size
    with md.open("rb") as fh:
        fh.seek(max(0, size - OUTLINE_TAIL_BYTES))
        data = fh.read()
    lines = data.decode("utf-8", errors="replace").split("\n")
    if size > OUTLINE_TAIL_BYTES:
        lines = lines[1:]  # (a line cut in two)
    if lines and lines[-1] == "":
        lines.pop()
    total = ws.line_count()
    first = total - len(lines) + 1
    recent: deque[str] = deque(maxlen=headings)
    fence = ""
    for i, line in enumerate(lines):
        was_open, fence = fence, mdscan.fence_after(line, fence)
        if not (was_open or fence) and line.startswith(("# ", "## ")):
            recent.append(f"{first + i}: {clip(line.strip(), 120)}")
    return f"{chapters} chapter(s), {total} lines; the last headings:\n" + "\n".join(recent)
