"""Raw HTML as mistletoe gives it (HtmlBlock, HtmlSpan tokens) → blocks and runs through
blocks.html; what was left out, as warnings naming the file and the line.

Three shapes are not read as HTML, so that no text is lost:
- a tag whose name is not an HTML element the walk knows (`Vec<T>`, `docgen <input>`), and an
  inline opening tag with neither attributes nor its closing tag in the paragraph: text;
- a block that opens a comment, `<script>`, `<style>`… never closed (CommonMark then takes the
  rest of the file into it): its first line is text, the rest is read as markdown again;
- a fragment nested deeper than MAX_DEPTH: an HTML5 parser's work grows with the square of
  the depth (the "in scope" checks), so its text is shown without its markup.
"""

from __future__ import annotations

import bisect
import html as stdhtml
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from mistletoe.block_token import Document

from agentic_docgen.blocks.html import DROPPED, KNOWN, PLACE, RAW_TEXT, HtmlWalk, tag_name
from agentic_docgen.blocks.runs import Run
from agentic_docgen.markdown.scan import (
    fenced_lines,
    html_block_end,  # CommonMark's rules 1-5
)

Block = dict[str, Any]
VOID = frozenset({"br", "img", "hr", "wbr", "col", "source"})
MAX_DEPTH = 512  # as deep as a browser builds a tree (Chromium: 512)
_CHEAP_TAGS = 2000  # fewer '<' than this: at most this deep, cheap whatever the shape


class _InlineHost(Protocol):  # what of the parser this module uses (blocks.inline, .parser)
    html_walk: HtmlWalk

    def clean(self, text: str) -> str: ...
    def run(self, tok: Any, fmt: dict[str, Any]) -> list[Run]: ...


class _Host(_InlineHost, Protocol):
    def html_note(self, kind: str) -> None: ...
    def blocks(self, tokens: Any) -> list[Block]: ...


# ----- blocks ---------------------------------------------------------------------------------
def html_blocks(host: _Host, text: str) -> list[Block]:
    """The blocks of an HTML block's text."""
    stripped = text.lstrip(" ")
    if stripped.startswith("<!--") and stripped[4:].lstrip().casefold().startswith("docgen"):
        # reads like one of docgen's own marks (a real one is taken before): shown as typed,
        # so that no one can take it for a mark (docs/security.md), not left out as a comment
        return [_literal(host, text.split("\n"))]
    end = html_block_end(stripped)
    if end and stripped.casefold().find(end, 2) < 0:
        return _unclosed(host, text, end)
    if stripped[:1] == "<" and stripped[1:2] not in ("!", "?"):
        name = tag_name(stripped)
        if name not in KNOWN:  # `<T>`, `<your-name>`: text
            return [_literal(host, text.split("\n"))]
    if text.count("<") >= _CHEAP_TAGS and _depth(text) > MAX_DEPTH:
        host.html_note("deep")
        return [_literal(host, [_text_only(text)])]
    return host.html_walk.blocks(text)


def _literal(host: _Host, lines: list[str]) -> Block:
    runs: list[Run] = []
    for i, line in enumerate(lines):
        if i:
            runs.append({"break": True})
        if line:
            runs.append({"text": host.clean(line)})
    return {"type": "paragraph", "runs": runs}


def _unclosed(host: _Host, text: str, end: str) -> list[Block]:
    """A multi-line HTML block whose end (`end`) never comes: CommonMark took the rest of the
    file (or of the list item, the quote) into it. Its first line is shown as text and the
    rest read as markdown, with the openers of the same kind (all unclosed too: the end is
    nowhere after them) escaped, outside fenced code."""
    host.html_note(f"unclosed:{end}")
    first, *rest = text.split("\n")
    inside = fenced_lines(rest)
    for i, line in enumerate(rest):
        stripped = line.lstrip(" ")
        if not inside[i] and len(line) - len(stripped) < 4 and html_block_end(stripped) == end:
            rest[i] = line[: len(line) - len(stripped)] + "\\" + stripped
    blocks = [_literal(host, [first])]
    if rest:
        blocks += host.blocks(Document([line + "\n" for line in rest]).children)
    return blocks


def _depth(text: str) -> int:
    """How deep the elements of a fragment nest, at most (a linear estimate by '<'; only
    for a fragment with many tags)."""
    depth = deepest = 0
    for piece in text.split("<")[1:]:
        if piece[:1] == "/":
            depth = max(0, depth - 1)
        elif piece[:1].isalpha() and tag_name("<" + piece) not in VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _text_only(text: str) -> str:
    """The text of a fragment without its tags (a linear cut at '<' and '>'), entities read."""
    out: list[str] = []
    for piece in text.split("<"):
        out.append(piece.partition(">")[2] if out else piece)
    return " ".join(stdhtml.unescape("".join(out)).split())


# ----- runs -----------------------------------------------------------------------------------
def inline_runs(host: _InlineHost, children: list[Any], fmt: dict[str, Any]) -> list[Run]:
    """The runs of a paragraph (heading, cell) holding inline HTML: the tags read as HTML,
    the markdown between them in their places, each with the formats of the tags around it."""
    markup = _markup(children)
    parts: list[str] = []
    for i, child in enumerate(children):
        parts.append(child.content if i in markup else f"{PLACE}{i}{PLACE}")

    def place(i: int, inner: dict[str, Any]) -> list[Run]:
        child = children[i]
        if type(child).__name__ == "HtmlSpan":  # markup kept as text
            return [{"text": host.clean(child.content), **fmt, **inner}]
        return host.run(child, {**fmt, **inner})

    return host.html_walk.runs("".join(parts), place)


def _markup(children: list[Any]) -> set[int]:
    """Which children (HtmlSpan tokens) are read as HTML; the others stay text."""
    tags: list[tuple[int, str, bool]] = []  # (index, name, closing)
    out: set[int] = set()
    for i, child in enumerate(children):
        if type(child).__name__ != "HtmlSpan":
            continue
        content = child.content
        if content.startswith(("<!", "<?")):  # comments, declarations: not shown
            out.add(i)
            continue
        name = tag_name(content)
        if name in KNOWN:
            tags.append((i, name, content.startswith("</")))
    closers: dict[str, list[int]] = {}
    for i, name, closing in tags:
        if closing:
            closers.setdefault(name, []).append(i)
    opened: dict[str, int] = {}
    for i, name, closing in tags:
        if closing:
            if opened.get(name, 0) > 0:  # closes one that is read as HTML
                opened[name] -= 1
                out.add(i)
            continue
        after = closers.get(name, [])
        later = bisect.bisect_right(after, i) < len(after)
        content = children[i].content
        has_attrs = content.rstrip("/>").strip() != f"<{name}" and name not in RAW_TEXT
        if name in VOID or later or (has_attrs and name not in DROPPED):
            out.add(i)
            if later:
                opened[name] = opened.get(name, 0) + 1
    return out


# ----- notes → warnings -------------------------------------------------------------------------
_WHAT = {"comment": "comment", "deep": "markup nested too deep"}


def html_warnings(notes: Iterable[tuple[str | None, str]], inputs: Path) -> list[str]:
    """One warning per file for the HTML left out of it, with the lines (found in the file)."""
    finder = _Finder(inputs)
    per_file: dict[str | None, dict[str, list[int]]] = {}
    warnings = []
    for file, kind in notes:
        line = finder.line(file, kind)
        if kind.startswith("unclosed:"):
            where = f"{file or 'the document'}:{line}" if line else (file or "the document")
            warnings.append(
                f"{where}: HTML opened and never closed (no {kind[9:]}): its first line is"
                " shown as text and what follows read as markdown"
            )
            continue
        per_file.setdefault(file, {}).setdefault(kind, []).append(line)
    for file, kinds in per_file.items():
        parts = []
        for kind, lines in kinds.items():
            what = _WHAT.get(kind, f"<{kind}>") + (
                "s" if kind == "comment" and len(lines) > 1 else ""
            )
            known = [str(n) for n in lines if n][:5]
            at = f" (line{'s' if len(known) > 1 else ''} {', '.join(known)}" if known else ""
            at += ", …)" if at and len(lines) > 5 else (")" if at else "")
            parts.append(f"{len(lines)} {what}{at}")
        kept = " (its text is kept)" if "deep" in kinds else ""
        warnings.append(
            f"{file or 'the document'}: HTML that is not content left out{kept}: "
            + ", ".join(parts)
        )
    return warnings


class _Finder:
    """The line of each note in its source file: the next occurrence of what it names."""

    def __init__(self, inputs: Path) -> None:
        self.inputs = inputs
        self.lines: dict[str, list[str]] = {}
        self.cursor: dict[tuple[str, str], int] = {}

    def line(self, file: str | None, kind: str) -> int:
        if file is None or kind == "deep":
            return 0
        if file not in self.lines:
            try:
                text = (self.inputs / file).read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            self.lines[file] = text.casefold().split("\n")
        needle = {"comment": "<!--", "deep": "<"}.get(kind) or f"<{kind.split(':')[0]}"
        if kind.startswith("unclosed:"):
            needle = {"-->": "<!--", "?>": "<?", "]]>": "<![cdata[", ">": "<!"}.get(
                kind[9:], "<" + kind[11:-1]
            )
        lines, at = self.lines[file], self.cursor.get((file, needle), 0)
        for n in range(at, len(lines)):
            if needle in lines[n]:
                self.cursor[(file, needle)] = n + 1
                return n + 1
        return 0
