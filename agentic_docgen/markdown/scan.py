"""Markdown read line by line, without a parse: the fence rule (which lines open and close a
fenced code block, as CommonMark says), the end of a multi-line HTML block, where a document
may be cut in two (heading_cuts, for the parallel parse and the linter) and how deeply it
nests quotes and lists. What the parser itself reads (top-level headings, the block a text
leaves open) is markdown.lines's."""

from __future__ import annotations

import re

ATX = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")  # an ATX heading's indent and marker
# CommonMark's fence: three or more backticks whose info string holds no backtick (``` ```
# is a code span, not a fence), or three or more tildes; indented by at most 3 spaces
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")
_FENCE_START = (" ", "`", "~")  # the first character of any line _FENCE_OPEN matches


def fence_marker(line: str) -> str:
    """The backtick or tilde run that opens a fence on this line ('' if none)."""
    m = _FENCE_OPEN.match(line)
    return m.group(1) if m else ""


def closes_fence(line: str, marker: str) -> bool:
    """Does this line close a fence opened with `marker`?"""
    return _closes(line, marker)


def _closes(line: str, marker: str) -> bool:
    m = _FENCE_OPEN.match(line)
    return bool(
        m
        and m.group(1)[0] == marker[0]
        and len(m.group(1)) >= len(marker)
        and not line.strip()[len(m.group(1)) :].strip()
    )


def _scan_fences(lines: list[str], marker: str = "") -> tuple[list[bool], int | None, str]:
    """Per line: inside a fenced block (fence lines included)? The 1-based opener left open
    (0 when it was open before these lines), and the open fence's marker ('' when closed).
    `marker` is the fence already open before the first line."""
    flags = []
    opened = 0
    for i, line in enumerate(lines, 1):
        if line[:1] not in _FENCE_START:  # cannot open or close a fence (the usual case)
            flags.append(bool(marker))
            continue
        if not marker:
            m = _FENCE_OPEN.match(line)
            if m:
                marker, opened = m.group(1), i
            flags.append(bool(m))
        else:
            flags.append(True)
            if _closes(line, marker):
                marker = ""
    return flags, (opened if marker else None), marker


def fence_after(line: str, marker: str) -> str:
    """The fence open after one more line (the rule of _scan_fences, for a caller that reads
    a document line by line): `marker` is the fence open before it ('' when none)."""
    if line[:1] not in _FENCE_START:
        return marker
    if not marker:
        m = _FENCE_OPEN.match(line)
        return m.group(1) if m else ""
    return "" if _closes(line, marker) else marker


def open_fence_after(lines: list[str], marker: str = "") -> str:
    """The marker of the fence still open after these lines ('' when none is)."""
    return _scan_fences(lines, marker)[2]


def fenced_lines(lines: list[str]) -> list[bool]:
    return _scan_fences(lines)[0]


def inside_fence(lines: list[str], line_number: int) -> bool:
    return fenced_lines(lines)[line_number - 1]


# ----- where a document may be cut in two -----------------------------------------------------
# (the multi-line HTML blocks, CommonMark's rules 1 to 5; case-insensitive as CommonMark, which
# mistletoe is not for rule 1: a cut refused for `<PRE>` costs nothing, a cut markdownlint reads
# differently would change its findings)
_HTML_LONG = re.compile(r"<(pre|script|style|textarea)(?:[ >]|$)", re.I)
_CUT_SCAN = (" ", "\t", "`", "~", "<")  # the first character of a line that may open either


def heading_cuts(lines: list[str]) -> tuple[list[int], list[int], int]:
    """Lines a document may be cut before, each part reading as it does in the whole: an ATX
    heading in column 0 after an empty line, outside fenced code (the fence rule above) and
    the multi-line HTML blocks at the top level. A line this scan gets wrong costs a check in
    the caller (the parallel parse checks every cut). Returns their indexes, the characters
    before each, and the document's size (each line with its newline). Linear, and one test
    for the usual line: 0.6 s for 100 MB of markdown."""
    found: list[int] = []
    before: list[int] = []
    marker = ""  # the fence open
    html_end = ""  # the end of the HTML block open
    pos = 0
    for i, line in enumerate(lines):
        size = pos
        pos += len(line) + 1
        first = line[:1]
        if marker:
            # (the fence's character within the indent first: a cheap test, inline)
            if first in _FENCE_START and line[:4].lstrip(" ")[:1] == marker[0]:
                marker = "" if _closes(line, marker) else marker
            continue
        if html_end:
            if html_end in line.casefold():
                html_end = ""
            continue
        if first == "#":
            if i and not lines[i - 1] and ATX.match(line):
                found.append(i)
                before.append(size)
            continue
        if first not in _CUT_SCAN:
            continue
        m = _FENCE_OPEN.match(line)
        if m:
            marker = m.group(1)
            continue
        stripped = line.lstrip()
        if len(line) - len(stripped) < 4 and stripped[:1] == "<":
            end = html_block_end(stripped)
            if end and end not in line.casefold():
                html_end = end
    return found, before, pos


def html_block_end(stripped: str) -> str:
    """The end of a multi-line HTML block (rules 1 to 5) opened by this line, or ''."""
    m = _HTML_LONG.match(stripped)
    if m:
        return f"</{m.group(1).casefold()}>"
    if stripped.startswith("<!--"):
        return "-->"
    if stripped.startswith("<?"):
        return "?>"
    if stripped.startswith("<![CDATA["):
        return "]]>"
    if stripped.startswith("<!") and stripped[2:3].isascii() and stripped[2:3].isalpha():
        return ">"
    return ""


MAX_NESTING = 40
_QUOTE_PREFIX = re.compile(r"^(?:[ \t]{0,3}>)+")
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")


def nesting_depth(lines: list[str], limit: int = MAX_NESTING) -> int:
    """A cheap upper estimate of how deeply a markdown text nests quotes and lists (outside
    code fences), stopping early once `limit` is passed."""
    deepest = 0
    fenced = fenced_lines(lines)
    for line, in_code in zip(lines, fenced, strict=True):
        if in_code:
            continue
        m = _QUOTE_PREFIX.match(line)
        depth = m.group().count(">") if m else 0
        item = _LIST_ITEM.match(line)
        if item:
            depth += len(item.group(1).expandtabs(4)) // 2 + 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest
