"""Pure text transforms used when content is copied by reference into the markdown.

None of these change a character of verbatim content: fencing wraps it, heading re-levelling
touches only the `#` markers of headings, asset rewriting touches only link destinations,
and prose escaping adds backslashes that markdown removes again.
"""

from __future__ import annotations

import gc
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import NamedTuple

from mistletoe import block_token, span_token
from mistletoe.block_token import CodeFence, Document, Heading, HtmlBlock, SetextHeading

from agentic_docgen.markdown import linear  # noqa: F401  (mistletoe's inline parse made linear)

_BACKTICK_RUN = re.compile(r"`+")
_ATX = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LANG_OK = re.compile(r"[^\w+#.\-]")
# CommonMark's fence: three or more backticks whose info string holds no backtick (``` ```
# is a code span, not a fence), or three or more tildes; indented by at most 3 spaces
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")
_FENCE_START = (" ", "`", "~")  # the first character of any line _FENCE_OPEN matches


def split_lines(text: str) -> list[str]:
    """Split on \\n only (form feeds and other separators stay inside their line)."""
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def md_lines(text: str) -> list[str]:
    """Lines for mistletoe, split on \\n only: str.splitlines would also split on form feeds
    and other separators, changing the document's structure."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line + "\n" for line in lines]


def fence(lines: list[str], language: str | None = None) -> str:
    """Wrap lines in a backtick fence longer than any backtick run inside them."""
    body = "\n".join(lines)
    longest = max(map(len, _BACKTICK_RUN.findall(body)), default=0) if "`" in body else 0
    ticks = "`" * max(3, longest + 1)
    info = _LANG_OK.sub("", language or "")[:40]
    return f"{ticks}{info}\n{body}\n{ticks}" if lines else f"{ticks}{info}\n{ticks}"


def releveled(levels: Iterable[int], base: int) -> list[int]:
    """Map heading levels so the shallowest becomes `base` and no level is skipped (max 6)."""
    stack: list[int] = []
    out = []
    for level in levels:
        while stack and stack[-1] >= level:
            stack.pop()
        stack.append(level)
        out.append(min(6, base + len(stack) - 1))
    return out


@contextmanager
def _block_structure_only() -> Iterator[None]:
    """While a Document is parsed, look for no inline tokens (emphasis, links, code spans):
    where the blocks and headings are does not depend on them, and skipping them makes the
    parse three times faster (1 MB of markdown: 0.41 s to 0.14 s). HTML blocks are read as
    the document's parser reads them (blocks/ parses with them). The cyclic garbage
    collector waits meanwhile, as for the whole parse (mdext.parse_context): 10-20% less."""
    saved = span_token._token_types[:]
    saved_blocks = block_token._token_types[:]
    span_token._token_types[:] = [span_token.RawText]  # the tokenizer's fallback, always last
    if HtmlBlock not in block_token._token_types:
        block_token._token_types.insert(0, HtmlBlock)
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        span_token._token_types[:] = saved
        block_token._token_types[:] = saved_blocks
        if enabled:
            gc.enable()


# The last texts top_level_headings parsed, with their headings: a chapter's file is parsed to
# plan it, then the part after its title to re-level it, then... (1 MB: 0.16 s per parse).
# With them, what the text leaves open at its end (_OpenEnd).
_HEADINGS: OrderedDict[tuple[str, ...], _Parsed] = OrderedDict()
_HEADINGS_KEPT = 2


class _OpenEnd(NamedTuple):
    """A top-level block the text leaves open at its end, which would take in what follows:
    a fenced code block never closed, or an HTML block (CommonMark's kinds 1 to 5) whose end
    never comes. `line`: its first line (0-based); `closing`: the line that closes it."""

    line: int
    marker: str  # the fence's marker ('' for an HTML block)
    closing: str


_Parsed = tuple[list[tuple[int, int, int]], _OpenEnd | None]


def top_level_headings(lines: list[str]) -> list[tuple[int, int, int]]:
    """(first line index, last line index, level) of each top-level heading, 0-based, in order.

    Headings inside code fences, quotes, lists or HTML blocks are not top-level and are not
    returned.
    """
    return list(_parsed(lines)[0])


def _parsed(lines: list[str]) -> _Parsed:
    key = tuple(lines)
    found = _HEADINGS.get(key)
    if found is None:
        found = _headings_of_a_tail(key)
    if found is None:
        found = _parse_headings(lines)
    _HEADINGS[key] = found
    _HEADINGS.move_to_end(key)
    while len(_HEADINGS) > _HEADINGS_KEPT:
        _HEADINGS.popitem(last=False)
    return found


def open_end(lines: list[str]) -> _OpenEnd | None:
    """The block these lines leave open at their end, as the parser reads them (None: every
    block ends with the text, once a blank line follows)."""
    return _parsed(lines)[1]


def closing_lines(lines: list[str]) -> list[str]:
    """What to write after these lines (one file's markdown) so that nothing of them reaches
    into what follows: the closing fence of a fenced code block left open, the end of an HTML
    block left open. (A blank line ends every other block: the appends write one.)"""
    end = open_end(lines)
    return [end.closing] if end else []


def forget_headings() -> None:
    """Let the texts kept for top_level_headings go (a chapter is done)."""
    _HEADINGS.clear()


def _headings_of_a_tail(lines: tuple[str, ...]) -> _Parsed | None:
    """The headings of `lines` from those of a text parsed before that ends with them, when
    they start where mistletoe starts afresh in that text: after a top-level heading and
    blank lines only (every block before has ended: nothing of it can reach into them).
    The block left open at the end is the same."""
    for whole, (heads, end) in _HEADINGS.items():
        k = len(whole) - len(lines)
        before = [h for h in heads if h[1] < k]
        if k <= 0 or not before or any(h[0] < k <= h[1] for h in heads):
            continue
        if any(whole[i].strip(" \t") for i in range(before[-1][1] + 1, k)):
            continue
        if whole[k:] == lines and (end is None or end.line >= k):
            tail = [(first - k, last - k, level) for first, last, level in heads if first >= k]
            return tail, end._replace(line=end.line - k) if end else None
    return None


def _parse_headings(lines: list[str]) -> _Parsed:
    found = []
    with _block_structure_only():
        doc = Document([line + "\n" for line in lines])  # split on \n only, see md_lines
    for child in doc.children or ():
        if isinstance(child, SetextHeading):
            first = int(getattr(child, "line_number", 1)) - 1
            last = first
            while last + 1 < len(lines) and not _SETEXT_UNDERLINE.match(lines[last + 1]):
                last += 1
            found.append((first, min(last + 1, len(lines) - 1), child.level))
        elif isinstance(child, Heading):
            idx = int(getattr(child, "line_number", 1)) - 1
            found.append((idx, idx, child.level))
    children = list(doc.children or ())
    return found, _left_open(children[-1], lines) if children else None


def _left_open(last: object, lines: list[str]) -> _OpenEnd | None:
    """Does the text's last top-level block run to its end without being closed?"""
    first = int(getattr(last, "line_number", 1)) - 1
    if isinstance(last, CodeFence):
        marker = str(last.delimiter)
        # an open fence takes every line after its opener; a closed one, not its closing line
        if first + 1 + last.content.count("\n") == len(lines):
            return _OpenEnd(first, marker, marker)
    elif isinstance(last, HtmlBlock) and 0 <= first < len(lines):
        end = _html_end(lines[first].lstrip())
        tail = lines[-1].casefold() if end.startswith("</") else lines[-1]
        if end and end not in tail:
            return _OpenEnd(first, "", end)
    return None


def heading_text(lines: list[str], first: int, last: int) -> str:
    """The plain text of a heading occupying lines[first..last] (ATX or setext)."""
    if first == last:
        text = _ATX.sub("", lines[first]).strip()
        return re.sub(r"[ \t]+#+[ \t]*$", "", text).strip().strip("#").strip()
    return " ".join(line.strip() for line in lines[first:last])


def relevel_markdown(lines: list[str], base: int) -> list[str]:
    """Re-level the top-level headings of a markdown span under `base` with no skipped level.

    ATX headings keep their text and get new markers; setext headings become ATX headings.
    """
    heads = top_level_headings(lines)
    if not heads:
        return list(lines)
    new_levels = releveled((h[2] for h in heads), base)
    out: list[str] = []
    pos = 0
    for (first, last, _), level in zip(heads, new_levels, strict=True):
        out.extend(lines[pos:first])
        if first == last:
            m = _ATX.match(lines[first])
            head = lines[first]
            out.append(m.group(1) + "#" * level + head[m.end() :] if m else head)
        else:
            out.append("#" * level + " " + heading_text(lines, first, last))
        pos = last + 1
    out.extend(lines[pos:])
    return out


def rewrite_destinations(text: str, mapping: Mapping[str, str]) -> str:
    """Point image/link destinations (`](ref`, `]: ref`, `src="ref"`) at their session copies."""
    for ref, new in mapping.items():
        # as written in markdown, a backslash in the destination may itself be escaped
        for written in dict.fromkeys((ref, ref.replace("\\", "\\\\"))):
            pattern = re.compile(
                r"(\]\(\s*<?|\]:[ \t]*<?|\bsrc\s*=\s*[\"']?)"
                + re.escape(written)
                + r"(?=[\s>)\"']|$)"
            )
            text = pattern.sub(lambda m, n=new: str(m.group(1)) + n, text)  # type: ignore[misc]
    return text


_PROSE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~!&$])")
_LINE_START = re.compile(r"^([#+\-=>]|\d+[.)])")


def escape_prose_line(line: str) -> str:
    """Escape a line of plain text so markdown shows it literally (one paragraph line)."""
    line = line.strip(" \t")
    line = _PROSE_SPECIAL.sub(r"\\\1", line)
    m = _LINE_START.match(line)
    if m:
        token = m.group(1)
        line = (token[:-1] + "\\" + token[-1] if token[0].isdigit() else "\\" + token) + line[
            len(token) :
        ]
    return line


def prose(lines: list[str]) -> str:
    """Plain-text lines as markdown paragraphs: blank lines separate paragraphs, text literal."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip(" \t"):
            paragraphs[-1].append(escape_prose_line(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


def unclosed_fence_line(lines: list[str]) -> int | None:
    """1-based line of a top-level code fence that is never closed, or None (as the parser
    reads the lines: a fence inside a list item or a quote ends with it)."""
    end = open_end(lines)
    return end.line + 1 if end and end.marker else None


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
            if i and not lines[i - 1] and _ATX.match(line):
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
            end = _html_end(stripped)
            if end and end not in line.casefold():
                html_end = end
    return found, before, pos


def _html_end(stripped: str) -> str:
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


_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def one_line(text: str) -> str:
    """Text safe for one markdown line (a heading): line breaks and controls become spaces."""
    return _CONTROL_OR_BREAK.sub(" ", text).strip() or "untitled"
