"""Shapes of an input that no process could hold within its memory bound, found before the
file is loaded (issue 25, class 5).

Two are counted, on the file's bytes (outside fenced code) by one regular expression,
without decoding it (a UTF-16 or UTF-32 file, whose newline is two or four bytes, is counted
on its text re-encoded as UTF-8):
- **headings**: the converter builds every heading with docx-js's document at once (its
  table of contents is filled from them, `converter/build/units.js` `buildsEarly`), about
  20 KB each; 100,000 heading lines took it past 2.3 GB. A run holds at most
  `core.settings.MAX_HEADINGS` ATX headings of markdown inputs.
- **blocks**: the parse holds the whole document's blocks at once (mistletoe's tokens, then
  the contract's dicts and their JSON), about 3-4 KB each in the Python process: 1 M
  paragraphs or list items (100 MB) took it past 1.6 and 2.4 GB. A run holds at most
  `Settings.max_blocks` block starts: headings, list items, quote lines (as many as their
  depth), table lines, and the first line after a blank line (a bound, not a parse: lazy
  continuation lines, setext headings and HTML blocks are not told apart).
- **footnotes**: docx-js holds every footnote until the document is written, about 13 KB
  each (39,000 took the converter to 669 MB). A run holds at most
  `core.settings.MAX_FOOTNOTES` footnote definitions."""

from __future__ import annotations

import mmap
import re
from pathlib import Path
from typing import NamedTuple

# a fence line (``` or ~~~) that may open or close fenced code
_FENCE = re.compile(rb"^ {0,3}(`{3,}|~{3,})", re.M)
# what starts a line: an ATX heading; a block start (a heading, a list item, a quote or
# table line, or a blank line before a line that starts none of those). Counted after a
# newline (a literal first character: the regex engine skips to each one) and on the
# first line of a range
_HEADING = rb" {0,3}#{1,6}(?:[ \t]|\r?$)"
_BLOCK = (
    _HEADING
    + rb"|[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]|\r?$)|[>|])"
    + rb"|[ \t]*\r?\n(?=[ \t]*[^\s>|#*+\-\d])"
)
_NOTE = rb" {0,3}\[\^[^\]\r\n]+\]:"  # a footnote's definition
_HEADINGS = (re.compile(_HEADING, re.M), re.compile(rb"\n(?:" + _HEADING + rb")", re.M))
_NOTES = (re.compile(_NOTE), re.compile(rb"\n" + _NOTE))
# the quote markers a line starts with: a line at depth d opens up to d blocks (quotes
# nested 39 deep took the converter to 10 KB a line)
_QUOTE = rb"[ \t]*>(?:[ \t]*>)*"
_QUOTES = (re.compile(_QUOTE), re.compile(rb"\n" + _QUOTE))
_BLOCKS = (re.compile(_BLOCK, re.M), re.compile(rb"\n(?:" + _BLOCK + rb")", re.M))
_WINDOW = 4 << 20  # matches are counted this many bytes at a time (whole lines)


class Shape(NamedTuple):
    headings: int
    blocks: int  # block starts, headings and fenced code blocks included
    notes: int = 0  # footnote definitions


def _count(
    patterns: tuple[re.Pattern[bytes], ...],
    data: mmap.mmap | bytes,
    start: int,
    end: int,
    marks: bytes = b"",
) -> int:
    """Lines of data[start:end] (start: a line's start) that start with a pattern, counted
    by the regex engine a window of whole lines at a time; with `marks`, the number of
    those characters in the matches instead."""
    first, after_newline = patterns
    head = first.match(data, start, end)
    count = (head.group().count(marks) if marks else 1) if head else 0
    while start < end:
        stop = data.find(b"\n", min(start + _WINDOW, end), end)  # the next window's newline
        stop = end if stop < 0 else stop
        found = after_newline.findall(data, start, stop)
        count += sum(m.count(marks) for m in found) if marks else len(found)
        start = stop
    return count


def _fenced(data: mmap.mmap | bytes) -> list[tuple[int, int]]:
    """The byte ranges of fenced code, fence lines included."""
    ranges = []
    fence, opened = b"", 0
    for m in _FENCE.finditer(data):
        run = m.group(1)
        end = data.find(b"\n", m.end())
        end = len(data) if end < 0 else end + 1
        if not fence:
            fence, opened = run, m.start()
        elif run[:1] == fence[:1] and len(run) >= len(fence) and not data[m.end() : end].strip():
            ranges.append((opened, end))  # a closing fence has nothing after its run
            fence = b""
    if fence:
        ranges.append((opened, len(data)))
    return ranges


def count_shape(path: Path, encoding: str = "") -> Shape:
    """The ATX heading lines and block starts of a markdown file outside fenced code (the
    file's `encoding` as session.inputs detected it: only UTF-16 and UTF-32 matter here)."""
    if path.stat().st_size == 0:
        return Shape(0, 0, 0)
    if encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32")):
        text = path.read_bytes().decode(encoding, errors="replace").lstrip("\ufeff")
        return _shape_of(text.encode("utf-8"))
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return _shape_of(data)


def _shape_of(data: mmap.mmap | bytes) -> Shape:
    fenced = _fenced(data)
    outside = []  # the ranges between fenced code
    at = 3 if data[:3] == b"\xef\xbb\xbf" else 0  # (after a UTF-8 BOM: its first line)
    for a, b in fenced:
        outside.append((at, a))
        at = b
    outside.append((at, len(data)))
    headings = sum(_count(_HEADINGS, data, a, b) for a, b in outside)
    blocks = sum(_count(_BLOCKS, data, a, b) for a, b in outside) + len(fenced)
    # a quote line at depth d: d block starts (it is counted once above)
    blocks += sum(
        _count(_QUOTES, data, a, b, b">") - _count(_QUOTES, data, a, b) for a, b in outside
    )
    notes = sum(_count(_NOTES, data, a, b) for a, b in outside)
    return Shape(headings, blocks, notes)


def count_headings(path: Path) -> int:
    """ATX heading lines of a markdown file outside fenced code (setext headings and
    headings inside HTML blocks or lists are not told apart: a bound, not a parse)."""
    return count_shape(path).headings
