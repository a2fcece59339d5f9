"""Raw HTML in the markdown → the contract's blocks and runs (docs/features.md, "HTML").

HTML is read by Lexbor (selectolax), an HTML5 parser: what a browser builds is what is walked,
iteratively (no recursion, whatever the nesting). Paragraphs, line breaks, bold, italic,
underline, strike, links (through runs.clickable, later), <kbd>/<code> (monospace),
<sup>/<sub>, lists, tables, <details>/<summary>, <pre>, <blockquote>, <hr>, images and
alignment (<center>, align=…) become formatting; headings become bold paragraphs (a real
heading would escape the re-levelling the tools give markdown headings and break the
outline). Scripts, styles, frames, embedded objects and comments are not content: dropped,
each counted for a warning naming the file and line (blocks.htmlnotes). Any other element
keeps its text. Inline HTML (tags between markdown text) is read with the markdown around it
standing in as placeholders, so `<b>**x**</b>` and `<a href>`…`</a>` work across it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from agentic_docgen.blocks.runs import Run, merge_runs

Block = dict[str, Any]
PLACE = "\ufdd0"  # around the index of a markdown child in an inline fragment (a noncharacter)
_SPACES = re.compile(r"[ \t\n\r\f]+")


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


FORMATS: dict[str, dict[str, Any]] = {
    **dict.fromkeys(("b", "strong"), {"bold": True}),
    **dict.fromkeys(("i", "em", "cite", "dfn", "var", "address"), {"italic": True}),
    **dict.fromkeys(("u", "ins"), {"underline": True}),
    **dict.fromkeys(("s", "strike", "del"), {"strike": True}),
    **dict.fromkeys(("code", "kbd", "samp", "tt"), {"code": True}),
    "sup": {"superscript": True},
    "sub": {"subscript": True},
}
PARAGRAPHS = _names(
    "p div center section article header footer nav aside main figure figcaption hgroup"
    " dl dt dd fieldset legend form body html caption"
)
HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
DROPPED = _names(
    "script style iframe object embed applet frame frameset noscript template link meta base"
    " svg canvas audio video"
)
TEXT_KEPT = _names(  # known elements with no look of their own: their text only
    "span font small big abbr time bdi bdo q picture label data nobr mark wbr math head title"
    " button textarea select option optgroup output ruby rt rp s summary details"
)
STRUCTURE = _names(
    "br img hr a pre blockquote ul ol li menu table thead tbody tfoot tr th td col colgroup source"
)
KNOWN = frozenset(FORMATS) | PARAGRAPHS | HEADINGS | DROPPED | TEXT_KEPT | STRUCTURE
# raw text elements: their content is not markup (an unclosed one would take the rest in)
RAW_TEXT = _names("script style textarea title xmp iframe noembed noframes noscript")


def tag_name(markup: str) -> str:
    """The element name of one tag as mistletoe delimits it (`<a href=…>`, `</b>`, `<br/>`),
    lower case; '' for a comment, declaration or processing instruction."""
    name = markup[2:] if markup.startswith("</") else markup[1:]
    end = 0
    while end < len(name) and (name[end].isalnum() or name[end] == "-"):
        end += 1
    return name[:end].lower() if end and name[0].isalpha() else ""


@dataclass
class _Sink:
    """Where content goes: a list of blocks (paragraphs flushed into it), or, `flat` (a
    table cell, inline HTML), one list of runs in which block boundaries are line breaks."""

    blocks: list[Block] | None
    runs: list[Run] = field(default_factory=list)
    align: str | None = None
    pending_break: bool = False

    @property
    def flat(self) -> bool:
        return self.blocks is None

    def add(self, runs: list[Run], align: str | None) -> None:
        if not runs:
            return
        if self.pending_break and self.runs:
            self.runs.append({"break": True})
        self.pending_break = False
        if not self.runs:
            self.align = align
        self.runs.extend(runs)

    def flush(self) -> None:
        """End the paragraph under way (a break before the next content when flat)."""
        if self.blocks is None:
            self.pending_break = True
            return
        runs = trim(self.runs)
        if runs:
            block: Block = {"type": "paragraph", "runs": runs}
            if self.align:
                block["align"] = self.align
            self.blocks.append(block)
        self.runs, self.align = [], None


def trim(runs: list[Run]) -> list[Run]:
    """Runs merged, without the spaces HTML does not show: at the ends and around breaks."""
    runs = merge_runs(runs)
    out: list[Run] = []
    for i, run in enumerate(runs):
        if "text" in run and not run.get("code"):
            text = run["text"]
            if i == 0 or "break" in runs[i - 1] or (out and out[-1].get("text", "x")[-1:] == " "):
                text = text.lstrip(" ")
            if i == len(runs) - 1 or "break" in runs[i + 1]:
                text = text.rstrip(" ")
            if not text:
                continue
            run = {**run, "text": text}
        out.append(run)
    while out and "break" in out[-1]:
        out.pop()
    while out and "break" in out[0]:
        out.pop(0)
    has_content = any(r.get("text", "").strip() or "text" not in r for r in out)
    return out if has_content else []


@dataclass
class _Table:
    """A table under way: its rows of cells, which of them are header rows."""

    rows: list[list[list[Run]]] = field(default_factory=list)
    head_rows: int = 0  # rows inside <thead>
    all_th: list[bool] = field(default_factory=list)  # per row: only <th> cells

    def block(self) -> Block | None:
        rows = [r for r in self.rows if r]
        if not rows:
            return None
        width = max(len(r) for r in rows)
        rows = [r + [[] for _ in range(width - len(r))] for r in rows]
        block: Block = {"type": "table", "align": [None] * width}
        if self.head_rows or self.all_th[:1] == [True]:
            block.update(header=rows[0], rows=rows[1:])
        else:  # no header row: an empty one, not shown
            block.update(header=[[] for _ in range(width)], rows=rows, header_row=False)
        return block


@dataclass
class _Frame:
    """The place an element's children are walked in; `leave` runs after them."""

    sink: _Sink
    fmt: dict[str, Any]
    align: str | None
    table: _Table | None = None
    in_head: bool = False
    items: list[Block] | None = None  # the items of the list being filled
    ordered: int = 0  # in flat mode: the next number of an ordered list (0: bullets)
    leave: Callable[[], None] | None = None


Note = Callable[[str], None]
Image = Callable[[dict[str, str | None]], Run]
Places = Callable[[int, dict[str, Any]], list[Run]]


class HtmlWalk:
    """Walks of parsed fragments into blocks (or, flat, into runs), for one parse."""

    def __init__(self, note: Note, image: Image, clean: Callable[[str], str]) -> None:
        self.note, self.image, self.clean = note, image, clean
        self.places: Places | None = None

    def blocks(self, html: str) -> list[Block]:
        root = _Sink([])
        self.walk(_document(html), root)
        root.flush()
        return root.blocks or []

    def runs(self, html: str, places: Places) -> list[Run]:
        """Inline HTML with markdown children as PLACE<index>PLACE: the runs."""
        root = _Sink(None)
        self.places = places
        try:
            self.walk(_document(html), root)
        finally:
            self.places = None
        return trim(root.runs) if root.runs else []

    def walk(self, top: LexborNode | None, root: _Sink) -> None:
        if top is None:
            return
        stack: list[tuple[LexborNode, _Frame] | _Frame] = [(top, _Frame(root, {}, None))]
        while stack:
            item = stack.pop()
            if isinstance(item, _Frame):  # after an element's children
                if item.leave is not None:
                    item.leave()
                continue
            node, frame = item
            inner = self.enter(node, frame)
            if inner is None:
                continue
            stack.append(inner)
            stack.extend((c, inner) for c in reversed(list(node.iter(include_text=True))))

    # ----- nodes ------------------------------------------------------------------------------
    def enter(self, node: LexborNode, frame: _Frame) -> _Frame | None:
        """Handle a node; for an element whose children are walked, the frame they get."""
        tag = node.tag or ""
        if tag == "-text":
            self.text(node.text_content or "", frame)
            return None
        if tag == "-comment":
            data = node.comment_content or ""
            if data.startswith("[CDATA[") and data.endswith("]]"):  # its text is content
                self.text(data[7:-2], frame)
            else:
                self.note("comment")
            return None
        if tag == "-document":
            return frame
        if not tag[:1].isalpha():
            return None
        if tag in DROPPED:
            self.note(tag)
            return None
        return self.element(tag, node, frame)

    def element(self, tag: str, node: LexborNode, frame: _Frame) -> _Frame | None:
        sink, attrs = frame.sink, node.attributes
        inner = _Frame(sink, frame.fmt, _align(tag, attrs) or frame.align, frame.table)
        inner.items, inner.ordered, inner.in_head = frame.items, frame.ordered, frame.in_head
        if tag in FORMATS:
            inner.fmt = {**frame.fmt, **FORMATS[tag]}
        elif tag == "a":
            href = (attrs.get("href") or "").strip()
            if href:
                inner.fmt = {**frame.fmt, "link": href}
        elif tag in ("br", "img", "hr", "pre"):
            self.leaf(tag, node, frame, inner.align)
            return None
        elif tag in ("ul", "ol", "menu", "li", "blockquote"):
            self.container(tag, attrs, frame, inner)
        elif tag in ("table", "thead", "tbody", "tfoot", "tr", "th", "td"):
            self.table_part(tag, attrs, frame, inner)
        elif tag in HEADINGS or tag == "summary" or tag in PARAGRAPHS or tag == "details":
            sink.flush()
            inner.leave = sink.flush
            if tag in HEADINGS or tag == "summary":
                inner.fmt = {**frame.fmt, "bold": True}
        return inner

    def leaf(self, tag: str, node: LexborNode, frame: _Frame, align: str | None) -> None:
        sink = frame.sink
        if tag == "br":
            sink.add([{"break": True}], align)
        elif tag == "img":
            sink.add([self.image(node.attributes)], align)
        elif tag == "hr":
            sink.flush()
            if sink.blocks is not None:
                sink.blocks.append({"type": "rule"})
        else:  # pre: its text, spaces and lines kept
            text = node.text(deep=True) or ""
            sink.flush()
            if sink.blocks is None:  # within text: monospace lines
                lines = [
                    {"text": self.clean(line), **frame.fmt, "code": True}
                    for line in text.split("\n")
                ]
                sink.add(
                    [
                        r
                        for i, line in enumerate(lines)
                        for r in ([{"break": True}] if i else []) + [line]
                    ],
                    align,
                )
                sink.flush()
            else:
                text = self.clean(text.rstrip("\n"))
                sink.blocks.append({"type": "code", "language": None, "text": text})

    def text(self, text: str, frame: _Frame) -> None:
        fmt = frame.fmt
        if self.places is not None:
            for i, piece in enumerate(text.split(PLACE)):
                if i % 2:
                    frame.sink.add(self.places(int(piece), fmt), frame.align)
                elif piece:  # (none: an inline fragment holds markup and places only)
                    frame.sink.add([{"text": self.clean(piece), **fmt}], frame.align)
            return
        text = _SPACES.sub(" ", text)
        if text:
            frame.sink.add([{"text": self.clean(text), **fmt}], frame.align)

    # ----- lists and quotes -------------------------------------------------------------------
    def container(
        self, tag: str, attrs: dict[str, str | None], frame: _Frame, inner: _Frame
    ) -> None:
        sink = frame.sink
        sink.flush()
        inner.leave = sink.flush
        if tag == "li":
            if frame.items is not None and sink.blocks is not None:
                item: Block = {"blocks": []}
                frame.items.append(item)
                inner.sink = _Sink(item["blocks"])
                inner.items, inner.leave = None, inner.sink.flush
            else:  # in a cell, in text, or outside a list: a line with its bullet
                mark = f"{frame.ordered}. " if frame.ordered else "\u2022 "
                if frame.ordered:
                    frame.ordered += 1
                sink.add([{"text": mark}], inner.align)
            return
        if tag == "blockquote":
            if sink.blocks is not None:
                quote: Block = {"type": "quote", "blocks": []}
                sink.blocks.append(quote)
                inner.sink = _Sink(quote["blocks"])
                inner.leave = inner.sink.flush
            return
        start = _start(attrs) if tag == "ol" else None
        if sink.blocks is None:
            inner.items, inner.ordered = None, (start or 1) if tag == "ol" else 0
            return
        block: Block = {"type": "list", "ordered": tag == "ol", "items": []}
        if tag == "ol":
            block["start"] = start if start is not None else 1
        sink.blocks.append(block)
        inner.items, inner.ordered = block["items"], 0

        def leave() -> None:
            if not block["items"] and sink.blocks and sink.blocks[-1] is block:
                sink.blocks.pop()

        inner.leave = leave

    # ----- tables -----------------------------------------------------------------------------
    def table_part(
        self, tag: str, attrs: dict[str, str | None], frame: _Frame, inner: _Frame
    ) -> None:
        sink, table = frame.sink, frame.table
        if tag == "table" and sink.blocks is not None:
            sink.flush()
            new = inner.table = _Table()

            def leave() -> None:
                block = new.block()
                if block is not None and sink.blocks is not None:
                    sink.blocks.append(block)

            inner.leave = leave
        elif table is None or sink.blocks is None or tag == "table":  # a table in a cell
            inner.table = None
            if tag in ("tr", "table"):
                sink.flush()
                inner.leave = sink.flush
            elif tag in ("td", "th") and sink.runs and not sink.pending_break:
                sink.add([{"text": " "}], inner.align)
        elif tag == "thead":
            inner.in_head = True
        elif tag == "tr":
            table.rows.append([])
            table.all_th.append(True)
            table.head_rows += frame.in_head
        elif tag in ("td", "th") and table.rows:
            cell: list[Run] = []
            row = table.rows[-1]
            row.append(cell)
            table.all_th[-1] &= tag == "th"
            inner.sink = _Sink(None)
            span = _number(attrs.get("colspan"), 1, 100)

            def leave() -> None:
                cell.extend(trim(inner.sink.runs))
                row.extend([] for _ in range(span - 1))

            inner.leave = leave
            inner.items, inner.ordered = None, 0


def _document(html: str) -> LexborNode | None:
    """The parsed fragment's document node (comments before <html> are its children)."""
    top = LexborHTMLParser(html).root
    return top.parent if top is not None and top.parent is not None else top


def _align(tag: str, attrs: dict[str, str | None]) -> str | None:
    if tag == "center":
        return "center"
    value = (attrs.get("align") or "").strip().lower()
    return value if value in ("left", "center", "right") else None


def _number(value: str | None, default: int, most: int) -> int:
    value = (value or "").strip()
    return max(1, min(most, int(value))) if value.isdigit() else default


def _start(attrs: dict[str, str | None]) -> int | None:
    value = (attrs.get("start") or "").strip()
    return min(int(value), 10**9) if value.isdigit() else None
