"""`--format html`: one standalone HTML page from the block JSON (docs/json-contract.md), the
same document as the .docx: title page, table of contents (links to the headings' ids, the
.docx's bookmarks), headings, code with its highlight runs, logs coloured by level, tables,
lists, quotes, images (data: URIs), formulas (MathML), footnotes, internal links.

Everything in the JSON is user text and is escaped; raw HTML in the sources reached the JSON
already as blocks and runs (blocks/html.py), never as markup. The page is written block by
block to a file (a big code body is streamed from the session's markdown by byte range), so
memory does not grow with the page. The CSS (`style.css`) is embedded.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any, TextIO

from agentic_docgen.blocks.contract import visible
from agentic_docgen.export.htmlruns import Inline, code_line, esc, formulas, to_mathml

Block = dict[str, Any]
_ALIGN = ("left", "center", "right")


def write_html(
    structure: dict[str, Any], session_dir: Path, out: Path, node: str, converter_dir: Path
) -> None:
    """Write the page of `structure` (a session's structure.json) to `out`."""
    items = list(formulas(structure["blocks"]))
    for note in structure.get("footnotes", ()):
        items += formulas(note["blocks"])
    page = Page(structure, session_dir, to_mathml(items, node, converter_dir))
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        page.write(fh)


class Page:
    def __init__(self, structure: dict[str, Any], session_dir: Path, mathml: Any) -> None:
        self.s = structure
        self.meta: dict[str, Any] = structure.get("meta", {})
        self.session_dir = session_dir
        self.inline = Inline(session_dir, mathml)
        theme = self.meta.get("theme") or {}
        labels = self.meta.get("labels") or {}  # the document's language (core/language.py)
        # the labels the .docx shows: the language's, then the theme's (--style) overrides
        toc = (theme.get("toc") or {}).get("title")
        self.toc_title = str(toc or labels.get("contents") or "Contents")
        label = (theme.get("caption") or {}).get("figureLabel")
        self.inline.figure_label = str(label or labels.get("figure") or "Figure")

    def write(self, fh: TextIO) -> None:
        fh.write(self.head())
        fh.write(self.title_page())
        fh.write(self.contents())
        for block in self.s["blocks"]:
            for chunk in self.block(block):
                fh.write(chunk)
        fh.write(self.footnotes())
        fh.write("</main>\n</body>\n</html>\n")

    def head(self) -> str:
        lang = self.meta.get("lang") or self.meta.get("language") or "en"
        title = esc(visible(str(self.meta.get("title", ""))))
        css = files("agentic_docgen.export").joinpath("style.css").read_text(encoding="utf-8")
        gen = "docgen"
        return (
            f'<!DOCTYPE html>\n<html lang="{esc(str(lang))}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="{gen}">\n'
            f'<meta name="author" content="{esc(str(self.meta.get("author", "")))}">\n'
            f"<title>{title}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        )

    def title_page(self) -> str:
        m = self.meta
        out = ['<header class="title-page">\n']
        out.append(f'<h1 class="title">{esc(str(m.get("title", "")).strip())}</h1>\n')
        if str(m.get("subtitle") or "").strip():
            out.append(f'<p class="subtitle">{esc(str(m["subtitle"]).strip())}</p>\n')
        if str(m.get("author") or "").strip():
            out.append(f'<p class="meta author">{esc(str(m["author"]).strip())}</p>\n')
        date = str(m.get("date") or "").strip() or str(m.get("created") or "")[:10]
        if date:
            out.append(f'<p class="meta date">{esc(date)}</p>\n')
        out.append("</header>\n")
        return "".join(out)

    def contents(self) -> str:
        """The table of contents: the headings of levels 1 to meta.toc_levels (3), linked
        to their ids, when the .docx has one (meta.toc)."""
        levels = int(self.meta.get("toc_levels") or 3)
        entries = [h for h in headings(self.s["blocks"]) if h["level"] <= levels]
        if self.meta.get("toc") is not True or not entries:
            return "<main>\n"
        out = [f'<nav class="toc" aria-label="{esc(self.toc_title)}">\n']
        out.append(f"<h2>{esc(self.toc_title)}</h2>\n<ol>\n")
        for h in entries:
            text = "".join(r.get("text", "") for r in h["runs"] if "text" in r)
            out.append(
                f'<li class="l{h["level"]}"><a href="#{esc(h["id"])}">{esc(text)}</a></li>\n'
            )
        out.append("</ol>\n</nav>\n<main>\n")
        return "".join(out)

    def block(self, b: Block) -> Iterator[str]:
        kind = b.get("type")
        if kind == "heading":
            level = min(max(int(b.get("level", 1)), 1), 6)
            hid = f' id="{esc(b["id"])}"' if b.get("id") else ""
            yield f"<h{level}{hid}>{self.inline.runs(b['runs'])}</h{level}>\n"
        elif kind == "paragraph":
            align = b.get("align")
            style = f' style="text-align:{align}"' if align in _ALIGN else ""
            html = self.inline.runs(b["runs"])
            if html.startswith("<figure>") and html.endswith("</figure>"):
                yield html + "\n"  # an image alone with its caption
            else:
                yield f"<p{style}>{html}</p>\n"
        elif kind == "code":
            yield from self.code(b)
        elif kind == "html":
            yield f'<pre class="code"><code>{esc(b.get("text", ""))}</code></pre>\n'
        elif kind == "list":
            yield from self.list(b)
        elif kind == "table":
            yield self.table(b)
        elif kind == "quote":
            yield "<blockquote>\n"
            for inner in b.get("blocks", []):
                yield from self.block(inner)
            yield "</blockquote>\n"
        elif kind == "rule":
            yield "<hr>\n"

    def code(self, b: Block) -> Iterator[str]:
        language = b.get("language")
        kind = "code log" if language == "log" else "code"
        lang = f' data-language="{esc(language)}"' if language else ""
        yield f'<pre class="{kind}"{lang}><code>'
        if "body" in b:
            yield from self.body(b["body"])
        elif b.get("lines"):
            yield "\n".join(code_line(runs) for runs in b["lines"])
        else:
            yield esc(b.get("text", ""))
        yield "</code></pre>\n"

    def body(self, body: dict[str, Any]) -> Iterator[str]:
        """A big code block's lines, streamed from the markdown file by byte range."""
        path = Path(body["path"])
        if not path.is_file():  # the session moved since the parse: the file by its name
            path = self.session_dir / path.name
        palette = body.get("palette") or [{}]
        styles = body.get("line_styles")
        offset, length = int(body.get("offset", 0)), body.get("length")
        with path.open("rb") as fh:
            fh.seek(offset)
            left = int(length) if length is not None else -1
            count = int(body.get("lines", 0))
            for i, raw in enumerate(itertools.chain(_lines(fh, left), itertools.repeat(b""))):
                if i >= count:
                    break
                text = visible(raw.decode("utf-8", "replace"))
                k = int(styles[i]) if styles and i < len(styles) else 0
                style = palette[k] if k < len(palette) else {}
                yield ("\n" if i else "") + code_line([{**style, "text": text}])

    def list(self, b: Block) -> Iterator[str]:
        tag = "ol" if b.get("ordered") else "ul"
        start = b.get("start", 1)
        attr = f' start="{int(start)}"' if tag == "ol" and start not in (None, 1) else ""
        yield f"<{tag}{attr}>\n"
        for item in b.get("items", []):
            inner = "".join(c for block in item.get("blocks", []) for c in self.block(block))
            if "checked" in item:  # a task: its box in its first line
                mark = "\u2612" if item["checked"] else "\u2610"  # ☒ ☐, as the .docx
                box = f'<span class="box">{mark}</span>'
                lead = "<p>" if inner.startswith("<p>") else ""
                yield f'<li class="task">{lead}{box}{inner[len(lead) :]}</li>\n'
            else:
                yield f"<li>{inner}</li>\n"
        yield f"</{tag}>\n"

    def table(self, b: Block) -> str:
        align = b.get("align") or []

        def cell(tag: str, runs: list[Any], i: int) -> str:
            a = align[i] if i < len(align) else None
            style = f' style="text-align:{a}"' if a in _ALIGN else ""
            return f"<{tag}{style}>{self.inline.runs(runs)}</{tag}>"

        out = ["<table>\n"]
        if b.get("caption"):
            out.append(f"<caption>{esc(b['caption'])}</caption>\n")
        if b.get("header_row", True):
            row = "".join(cell("th", c, i) for i, c in enumerate(b.get("header", [])))
            out.append(f"<thead><tr>{row}</tr></thead>\n")
        out.append("<tbody>\n")
        for r in b.get("rows", []):
            out.append("<tr>" + "".join(cell("td", c, i) for i, c in enumerate(r)) + "</tr>\n")
        out.append("</tbody>\n</table>\n")
        return "".join(out)

    def footnotes(self) -> str:
        """The notes referenced, in the order of their numbers, each with a link back."""
        notes = self.inline.notes
        if not notes:
            return ""
        bodies = {n["id"]: n["blocks"] for n in self.s.get("footnotes", ())}
        out = ['<section class="footnotes">\n<ol>\n']
        self.inline.in_note = True
        for note_id, n in sorted(notes.items(), key=lambda kv: kv[1]):
            inner = "".join(c for b in bodies.get(note_id, []) for c in self.block(b))
            back = f' <a href="#fnref-{n}" aria-label="back">\u21a9</a>'
            if inner.endswith("</p>\n"):  # the way back at the end of the note's last line
                inner, back = inner[: -len("</p>\n")], back + "</p>\n"
            out.append(f'<li id="fn-{n}">{inner}{back}</li>\n')
        self.inline.in_note = False
        out.append("</ol>\n</section>\n")
        return "".join(out)


def headings(blocks: list[Block]) -> Iterator[Block]:
    """Every heading, in document order (in quotes and lists too, as the .docx's TOC)."""
    for b in blocks:
        if b.get("type") == "heading":
            yield b
        yield from headings(b.get("blocks", []))
        for item in b.get("items", ()):
            yield from headings(item.get("blocks", []))


def _lines(fh: Any, left: int) -> Iterator[bytes]:
    """The lines of `left` bytes of a file from where it stands (-1: to its end), split on
    b"\\n" only, without a trailing empty line."""
    pending = b""
    while left != 0:
        chunk = fh.read(1 << 20 if left < 0 else min(left, 1 << 20))
        if not chunk:
            break
        if left > 0:
            left -= len(chunk)
        parts = (pending + chunk).split(b"\n")
        pending = parts.pop()
        yield from parts
    if pending:
        yield pending
