"""The fidelity receipt: every line the tools copied verbatim is found in the .docx, in order.

Checked: `code`/`text` spans (fenced: each source line is one code paragraph, exactly),
`prose` spans (each source line's words appear in the body text, in order) and `table` spans
(each cell of a .csv/.tsv is in the body text, in order: cells are table paragraphs). Lines
are compared without their terminal escape sequences (markdown.ansi: the document shows their
effect, not them). `markdown` spans are re-formatted by design (markup becomes styles) and are
not part of the receipt.

A code span is first compared whole (in blocks of lines, at C speed) with the code paragraphs
that follow: a log of a million lines is one span. Only a block that differs is searched line
by line, which gives the same result as searching every line: the first paragraph at or after
the current one that equals the line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from agentic_docgen.blocks.contract import visible
from agentic_docgen.checks.records import FidelityReceipt, MissingLine
from agentic_docgen.markdown import csvtable
from agentic_docgen.markdown.ansi import strip
from agentic_docgen.markdown.lines import split_lines

_SPACE = re.compile(r"\s+")
# What visible() replaces in ASCII text, and the same replacements (from visible() itself).
_CONTROLS = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_MARK_CONTROLS = bytes.maketrans(_CONTROLS, b"\x00" * len(_CONTROLS))
_PICTURES = {c: visible(chr(c)) for c in _CONTROLS}
_BLOCK = 1 << 16  # lines compared at once
_MISSING_KEPT = 20


def _spans(session_dir: Path) -> list[dict[str, Any]]:
    path = session_dir / "spans.jsonl"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        spans = [json.loads(line) for line in fh if line.strip()]
    return sorted(spans, key=lambda s: s["md_first"])


def fidelity_receipt(session_dir: Path, code: list[str], body: list[str]) -> FidelityReceipt:
    """The receipt for the document's code paragraph texts and body paragraph texts."""
    texts = "\n".join(code)
    joined = "".join(t.replace("\n", "\x00") + "\n" for t in code)
    return fidelity_receipt_parts(session_dir, [joined], body, xml_text=_visible(texts) == texts)


def _visible(text: str) -> str:
    """visible(text); for ASCII text with few control characters at C speed (visible()'s
    regular expression costs 4 ns a character)."""
    if not text.isascii():
        return visible(text)
    data = text.encode("ascii")
    marked = data.translate(_MARK_CONTROLS)
    n = marked.count(b"\x00")
    if n == 0:
        return text
    if n > len(data) >> 8:
        return visible(text)
    out = []
    pos = 0
    while (at := marked.find(b"\x00", pos)) >= 0:
        out.append(text[pos:at])
        out.append(_PICTURES[data[at]])
        pos = at + 1
    out.append(text[pos:])
    return "".join(out)


def _skip(text: str, pos: int, n: int, width: float) -> int:
    """The offset just after the n-th newline from pos (len(text) if there are fewer), found
    with str.count over a window guessed from the average line width, not one find per line."""
    while n > 64:
        end = min(len(text), pos + int(n * width * 1.01) + 4096)
        c = text.count("\n", pos, end)
        if c < n:
            if end == len(text):
                return end
            pos, n = end, n - c
            continue
        while c - n > 4096:  # the n-th newline is in [pos, end): bisect
            mid = (pos + end) // 2
            left = text.count("\n", pos, mid)
            if left >= n:
                end, c = mid, left
            else:
                pos, n, c = mid, n - left, c - left
        at = end
        for _ in range(c - n + 1):  # back from the end to the n-th newline
            at = text.rfind("\n", pos, at)
        return at + 1
    for _ in range(n):
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return len(text)
    return pos


class _Source:
    """An input file's text, its lines read by number (as split_lines numbers them) without
    one string per line: slices between line offsets, found from a cursor."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.count = text.count("\n") + (1 if text and not text.endswith("\n") else 0)
        self.line, self.pos = 1, 0  # the offset where line `line` starts

    def offset(self, number: int) -> int:
        if number < self.line:
            self.line, self.pos = 1, 0
        width = (self.pos + 80) / self.line if self.line > 1 else 80
        self.pos = _skip(self.text, self.pos, number - self.line, width)
        self.line = number
        return self.pos

    def lines(self, first: int, last: int) -> str:
        """Lines first..last (1 <= first <= last <= count) joined by newlines."""
        start = self.offset(first)
        end = self.offset(last + 1)
        return self.text[start : end - 1 if self.text[end - 1 : end] == "\n" else end]


class _Code:
    """The code paragraphs not matched yet, as parts of text (see fidelity_receipt_parts),
    with a cursor; parts behind the cursor are let go."""

    def __init__(self, parts: list[str]) -> None:
        parts.reverse()
        self.rest = parts  # the parts after `cur`, the next one last
        self.cur = ""
        self.at = 0  # the next paragraph starts at cur[at]
        self._next()

    def _next(self) -> None:
        while self.at >= len(self.cur) and self.rest:
            self.cur, self.at = self.rest.pop(), 0

    def _extend(self, end: int) -> None:
        """Join the next parts to cur until cur[end] exists (if there is that much)."""
        if end < len(self.cur) or not self.rest:
            return
        take = [self.cur[self.at :]]
        size, need = len(take[0]), end - self.at
        while size <= need and self.rest:
            take.append(self.rest.pop())
            size += len(take[-1])
        self.cur, self.at = "".join(take), 0

    def match(self, lines: str) -> bool:
        """Whether the next paragraphs are `lines` (joined by newlines); if so, past them."""
        self._extend(self.at + len(lines))
        end = self.at + len(lines)
        if end < len(self.cur) and self.cur[end] == "\n" and self.cur.startswith(lines, self.at):
            self.at = end + 1
            self._next()
            return True
        return False

    def find(self, line: str) -> bool:
        """Past the first paragraph from the cursor on that is `line`, if there is one."""
        para = line + "\n"
        if self.cur.startswith(para, self.at):
            self.at += len(para)
            self._next()
            return True
        at = self.cur.find("\n" + para, self.at)
        if at >= 0:
            self.at = at + 1 + len(para)
            self._next()
            return True
        for i in range(len(self.rest) - 1, -1, -1):
            part = self.rest[i]
            if part.startswith(para):
                at = 0
            else:
                at = part.find("\n" + para) + 1
                if at == 0:
                    continue
            del self.rest[i:]
            self.cur, self.at = part, at + len(para)
            self._next()
            return True
        return False


class _Receipt:
    def __init__(self, session_dir: Path, code: list[str], body: list[str], xml_text: bool) -> None:
        self.session_dir = session_dir
        self.code = _Code(code)
        self.xml_text = xml_text
        self.body_text = "\n".join(_SPACE.sub(" ", t) for t in body)
        self.body_pos = 0
        self.total = self.found = 0
        self.missing: list[MissingLine] = []
        self.sources: dict[str, _Source] = {}

    def miss(self, name: str, number: int, line: str) -> None:
        if len(self.missing) < _MISSING_KEPT:
            self.missing.append({"file": name, "line": number, "text": line[:80]})

    def span(self, span: dict[str, Any]) -> None:
        name = span["file"]
        if name not in self.sources:
            self.sources[name] = _Source((self.session_dir / "inputs" / name).read_text("utf-8"))
        source = self.sources[name]
        first, last = span["start"], span["end"]
        if first > last:
            return
        if span["as"] == "table":
            self.table(name, split_lines(source.text))
            return
        if first < 1 or last > source.count:  # as it always was (IndexError or not)
            self.per_line(name, split_lines(source.text), span["as"], first, last)
            return
        for lo in range(first, last + 1, _BLOCK):
            hi = min(last, lo + _BLOCK - 1)
            raw = strip(source.lines(lo, hi))
            if span["as"] == "prose":
                for number, line in enumerate(_visible(raw).split("\n"), lo):
                    self.prose_line(name, number, line)
            elif not self.same(raw, hi - lo + 1):
                self.code_block(name, lo, hi, _visible(raw))

    def same(self, raw: str, count: int) -> bool:
        """Whether the next paragraphs are these lines, compared without visible(): when the
        texts come from XML, equal lines hold no character visible() would replace (XML cannot
        hold them; DEL it can, NUL stands for a newline in a paragraph: both looked for)."""
        if not (self.xml_text and "\x00" not in raw and "\x7f" not in raw and self.code.match(raw)):
            return False
        self.total += count
        self.found += count
        return True

    def code_block(self, name: str, first: int, last: int, shown: str) -> None:
        """Lines first..last, made visible and joined by newlines: all at once if the next
        paragraphs are exactly these lines, else in parts, and line by line in the end."""
        if self.code.match(shown):
            self.total += last - first + 1
            self.found += last - first + 1
            return
        lines = shown.split("\n")
        if last - first < 64:
            for number, line in enumerate(lines, first):
                self.code_line(name, number, line)
            return
        step = (last - first) // 16 + 1
        for lo in range(first, last + 1, step):
            hi = min(last, lo + step - 1)
            self.code_block(name, lo, hi, "\n".join(lines[lo - first : hi - first + 1]))

    def code_line(self, name: str, number: int, line: str) -> None:
        self.total += 1
        if self.code.find(line):
            self.found += 1
        else:
            self.miss(name, number, line)

    def prose_line(self, name: str, number: int, line: str) -> None:
        want = _SPACE.sub(" ", line).strip()
        if not want:
            return
        self.total += 1
        at = self.body_text.find(want, self.body_pos)
        if at >= 0:
            self.found += 1
            self.body_pos = at + len(want)
        else:
            self.miss(name, number, line)

    def table(self, name: str, lines: list[str]) -> None:
        """Every cell, in order, is the text of a paragraph in the body (a table cell)."""
        kind = name.rsplit(".", 1)[-1].lower()
        for row in csvtable.rows(lines, csvtable.delimiter(lines, kind)):
            for cell in row.cells:
                self.prose_line(name, row.line, visible(cell))

    def per_line(self, name: str, lines: list[str], kind: str, first: int, last: int) -> None:
        for number in range(first, last + 1):
            line = visible(strip(lines[number - 1]))
            if kind == "prose":
                self.prose_line(name, number, line)
            else:
                self.code_line(name, number, line)


def fidelity_receipt_parts(
    session_dir: Path, code: list[str], body: list[str], *, xml_text: bool = False
) -> FidelityReceipt:
    """fidelity_receipt, with the code paragraph texts in parts: each part is whole texts,
    each followed by "\\n", with any newline inside a text written as "\\0" (no source line
    holds either once made visible, so a paragraph is exactly the text up to a newline). The
    list is used up (emptied) as the receipt goes. xml_text: the texts were read from XML
    (so hold no character XML cannot hold)."""
    receipt = _Receipt(session_dir, code, body, xml_text)
    for span in _spans(session_dir):
        if span["as"] in ("code", "text", "prose", "table"):
            receipt.span(span)
    total, found = receipt.total, receipt.found
    return {
        "checked_lines": total,
        "found": found,
        "missing": receipt.missing,
        "missing_count": total - found,
        "score": round(100.0 * found / total, 2) if total else 100.0,
    }
