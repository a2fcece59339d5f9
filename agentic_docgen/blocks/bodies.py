"""Big verbatim code blocks handed to the converter by reference (`code.body` in
docs/json-contract.md): their lines are replaced by a placeholder line before mistletoe reads
the document, and the converter streams them from the markdown file by byte range."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from agentic_docgen.blocks.contract import illegal_count
from agentic_docgen.blocks.highlight import LOG_PALETTE, highlighted, log_line_styles
from agentic_docgen.markdown.ansi import ESC
from agentic_docgen.markdown.scan import closes_fence, fence_marker

# a code block the tools copied verbatim: its 1-based opening and closing fence lines, and the
# level words of its lines when known (see parse_markdown)
Verbatim = tuple[int, int, list[str] | None]
BODY_MIN_LINES = 2000  # fenced code blocks at least this long go to the converter by reference
_FENCE_CHARS = ("`", "~")


class Body(NamedTuple):
    """One body: its language, its lines, their level words (when known), and where it is."""

    language: str | None
    lines: list[str]
    words: list[str] | None
    path: Path  # the markdown file
    offset: int  # bytes before its first line there


def extract_bodies(
    lines: list[str], spans: list[Verbatim], source: Path
) -> tuple[list[str], dict[str, Body]]:
    """The lines with the bodies of big fenced code blocks (see _long_fences) replaced by a
    placeholder line each, and the bodies by placeholder: mistletoe does not read them, and
    the converter streams them from `source`, the markdown file the lines are, by byte range.
    `spans`: the tools' verbatim code blocks, for the level words of their lines when known."""
    nonce = uuid.uuid4().hex[:12]
    bodies: dict[str, Body] = {}
    out: list[str] = []
    pos = 0
    counted, offset = 0, 0  # bytes before line `counted` of the source
    known_words = {(first, last): words for first, last, words in spans}
    for first, last in _long_fences(lines, {first: last for first, last, _ in spans}):
        words = known_words.get((first, last))
        opener = lines[first - 1]
        marker = fence_marker(opener)
        info = opener[len(marker) :].strip()
        language = info.split()[0] if info else None
        if not _as_body(language, lines, first, last):
            continue
        key = f"docgen-body:{nonce}:{len(bodies)}"
        body = lines[first : last - 1]
        known = words if words and len(words) == len(body) else None
        offset += _utf8_size(lines[counted:first])
        counted = first
        bodies[key] = Body(language, body, known, source, offset)
        out += lines[pos:first]
        out.append(key)
        pos = last - 1
    return (out + lines[pos:], bodies) if bodies else (lines, bodies)


def body_block(body: Body) -> tuple[dict[str, Any], int]:
    """The block for a body: its lines by byte range in the markdown file; and how many of
    its characters XML cannot hold (the converter replaces them)."""
    text = "\n".join(body.lines)
    illegal = illegal_count(text)
    size = len(text) if text.isascii() else len(text.encode("utf-8"))
    del text
    ref: dict[str, Any] = {"path": str(body.path), "offset": body.offset, "length": size}
    ref["lines"] = len(body.lines)
    if body.language == "log":
        ref.update(palette=LOG_PALETTE, line_styles=log_line_styles(body.lines, body.words))
    return {"type": "code", "language": body.language, "body": ref}, illegal


def _long_fences(
    lines: list[str], known: dict[int, int] | None = None
) -> Iterator[tuple[int, int]]:
    """(opening, closing) 1-based lines of the fenced code blocks of at least BODY_MIN_LINES
    lines whose fences start in column 0 (their lines are the code exactly). A line that only
    looks like such a fence to this scan is harmless: its placeholder is then not read back
    as a code block, and parse_markdown parses everything the ordinary way. `known`: the
    closing line of fences the tools wrote, by their opening line (no need to scan a 100 MB
    log for the end of its fence)."""
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        marker = fence_marker(line) if line[:1] in _FENCE_CHARS else ""
        if not marker:
            i += 1
            continue
        j = i + 1
        end = (known or {}).get(i + 1, 0) - 1  # a fence the tools wrote is longer than any
        if i < end < n and closes_fence(lines[end], marker):  # run inside: this closes it
            j = end
        while j < n and not (
            lines[j][:4].lstrip(" ")[:1] == marker[0] and closes_fence(lines[j], marker)
        ):
            j += 1
        if j < n and j - i - 1 >= BODY_MIN_LINES:
            yield i + 1, j + 1
        i = j + 1


def _utf8_size(lines: list[str]) -> int:
    """Bytes of these lines in a UTF-8 file, each with its newline."""
    text = "\n".join(lines)
    return (len(text) if text.isascii() else len(text.encode("utf-8"))) + (1 if lines else 0)


def _as_body(language: str | None, lines: list[str], first: int, last: int) -> bool:
    """Is a fence of this language shown plain (or coloured by log level), so that it can be
    handed over by reference? Highlighted code stays in the JSON (Pygments colours it), and so
    does terminal output (its escape sequences become runs: markdown.ansi)."""
    if any(ESC in line for line in lines[first : last - 1]):
        return False
    if language == "log":
        return True
    size = sum(len(line) + 1 for line in lines[first : last - 1])
    return not highlighted(language, size)
