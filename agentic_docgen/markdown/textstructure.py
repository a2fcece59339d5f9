"""Structure of a plain .txt file: headings, prose paragraphs and preformatted regions.

Detected headings: setext-underlined (=== / ---), numbered (`1.2 Title`), ALL-CAPS lines.
Preformatted: indented blocks, column-aligned text, ASCII art, lines with form feeds or other
control characters. Everything else is prose. Line numbers are 1-based and inclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNDERLINE = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_NUMBERED = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,5})\.?[ \t]+(\S.*)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ALIGN_GAP = re.compile(r"\S(?: {3,}|\t)\S")
_ART = set("|+-=_/\\*#<>^~.:")
MAX_HEADING_CHARS = 80


@dataclass(frozen=True)
class Segment:
    kind: str  # "heading" | "prose" | "pre"
    start: int
    end: int
    rank: int = 0  # heading rank in the source: 1 = top
    text: str = ""


def is_blank(line: str) -> bool:
    return not line.strip(" \t")


def _art_line(line: str) -> bool:
    chars = [c for c in line if not c.isspace()]
    return len(chars) >= 3 and sum(c in _ART for c in chars) / len(chars) >= 0.5


def _heading_rank(line: str) -> tuple[int, str] | None:
    """Rank and text of a one-line heading (numbered or ALL-CAPS), else None."""
    if line != line.lstrip() or len(line) > MAX_HEADING_CHARS or _CONTROL.search(line):
        return None
    text = line.strip()
    if text.endswith((".", ",", ";", "?", "!")):
        return None
    m = _NUMBERED.match(text)
    if m and m.group(2)[0].isalpha() and m.group(2)[0].isupper():
        return len(m.group(1).split(".")), text
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters) and not _art_line(text):
        return 1, text
    return None


def _is_pre(lines: list[str]) -> bool:
    if any(_CONTROL.search(line) for line in lines):
        return True
    if all(line.startswith(("\t", "    ")) for line in lines):
        return True
    if any(_ALIGN_GAP.search(line.strip()) for line in lines):
        return True
    return any(_art_line(line) for line in lines)


def segments(lines: list[str]) -> list[Segment]:
    """Split plain text into heading / prose / pre segments covering every non-blank line."""
    out: list[Segment] = []
    n = len(lines)
    i = 0
    while i < n:
        if is_blank(lines[i]):
            i += 1
            continue
        j = i
        while j + 1 < n and not is_blank(lines[j + 1]):
            j += 1
        # lines[i..j] (0-based) is one paragraph
        k = i
        while k <= j:
            para = lines[k : j + 1]
            if (
                len(para) >= 2
                and _UNDERLINE.match(para[1])
                and not _CONTROL.search(para[0])
                and len(para[0].strip()) <= MAX_HEADING_CHARS
                and para[0] == para[0].lstrip()
            ):
                rank = 1 if para[1].strip()[0] == "=" else 2
                out.append(Segment("heading", k + 1, k + 2, rank, para[0].strip()))
                k += 2
                continue
            if len(para) == 1 and (head := _heading_rank(para[0])):
                out.append(Segment("heading", k + 1, k + 1, head[0], head[1]))
                k += 1
                continue
            kind = "pre" if _is_pre(para) else "prose"
            out.append(Segment(kind, k + 1, j + 1))
            break
        i = j + 1
    return _merge_pre(out, lines)


def _merge_pre(segs: list[Segment], lines: list[str]) -> list[Segment]:
    """Join preformatted segments separated only by blank lines (blank lines kept inside)."""
    merged: list[Segment] = []
    for seg in segs:
        prev = merged[-1] if merged else None
        if (
            prev
            and prev.kind == seg.kind == "pre"
            and all(is_blank(line) for line in lines[prev.end : seg.start - 1])
        ):
            merged[-1] = Segment("pre", prev.start, seg.end)
        else:
            merged.append(seg)
    return merged
