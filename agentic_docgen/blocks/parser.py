"""mistletoe's block tokens → the blocks of the contract (docs/json-contract.md), with the
state that spans the whole document: heading ids, where each source file starts, links between
inputs, footnotes. Inline content: blocks.inline; big code bodies: blocks.bodies; the public
entry: blocks.document.parse_markdown."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from mistletoe import block_token

from agentic_docgen.blocks.anchors import LineAnchors
from agentic_docgen.blocks.bodies import Body, body_block
from agentic_docgen.blocks.footnotes import FootnoteDef
from agentic_docgen.blocks.highlight import ansi_lines, code_lines, log_lines
from agentic_docgen.blocks.inline import InlineParser, content
from agentic_docgen.blocks.math import MathBlock, math_paragraph
from agentic_docgen.blocks.rawhtml import html_blocks
from agentic_docgen.blocks.runs import Run, clickable, merge_runs, walk_runs
from agentic_docgen.markdown.ansi import ESC
from agentic_docgen.markdown.csvtable import MAX_COLUMNS
from agentic_docgen.markdown.dialect import Dialect

Block = dict[str, Any]


class RawBlock(str):
    """A top-level block already written as its JSON (Parser.compact): the parse of a big
    document holds it as one string instead of its objects (16 MB of markdown: about 330
    MB of block objects; issue 24). What the parse still changes after the walk (heading
    ids, links, footnote references, code bodies of the pieces) is never in one."""


_TASK = re.compile(r"^\[([ xX])\][ \t]+")
_ALIGN = {None: None, 0: "center", 1: "right", -1: "left"}


class Parser(InlineParser):
    """One parse of one markdown document; counts what it had to replace."""

    def __init__(self, session_dir: Path) -> None:
        super().__init__(session_dir)
        self.dialect = Dialect(session_dir)  # the session's marks
        self._ids: dict[str, int] = {}
        self.footnotes: list[dict[str, Any]] = []
        self.current_file: str | None = None
        self.last_h1: str | None = None
        self.file_chapter: dict[str, str | None] = {}
        self.file_anchors: dict[str, dict[str, str]] = {}
        self.unresolved_links: list[str] = []
        self.resolved_links: dict[str, str] = {}  # internal link target -> `#<heading id>`
        self.unsafe_links: list[str] = []  # link targets kept as text (runs.clickable)
        self.since_h1: list[tuple[str, str]] = []
        self.ragged_tables = 0
        self.wide_tables: list[str] = []  # tables cut into pieces of MAX_COLUMNS columns
        self.bodies: dict[str, Body] = {}  # by placeholder (see blocks.bodies)
        self.bodies_used: set[str] = set()
        self.pieces = 1  # parsed in how many pieces at the same time (see blocks.parallel)
        self.missing_file = (
            "missing file"  # the words of a link to a missing file (core/language.py)
        )
        self.serial_reason: str | None = None  # why a big document was not parsed in pieces
        self.line_anchors: LineAnchors | None = None  # bookmarks on code lines (blocks.anchors)
        self.compact = False  # settled top-level blocks as RawBlock (top_blocks)

    def anchor(self, file: str, text: str, hid: str) -> None:
        self.file_anchors.setdefault(file, {}).setdefault(github_slug(text), hid)

    # ----- document-wide state, in document order (see blocks.parallel._PieceParser) ----------
    def heading(self, block: Block) -> None:
        """Give a heading block its unique id and note it for links between inputs."""
        runs = block["runs"]
        hid = self.heading_id(runs)
        block["id"] = hid
        text = "".join(r.get("text", "") for r in runs)
        if block["level"] == 1:
            self.last_h1, self.current_file = hid, None
            self.since_h1 = []
        elif self.current_file is not None:
            self.anchor(self.current_file, text, hid)
        else:  # a section heading written before the file's first source mark
            self.since_h1.append((text, hid))

    def source_mark(self, file: str) -> None:
        """Where a source file's content starts (for links between inputs)."""
        self.current_file = self.note_file = file
        if file not in self.file_chapter:
            self.file_chapter[file] = self.last_h1
            for text, hid in self.since_h1:
                self.anchor(file, text, hid)
        self.since_h1 = []

    def is_body(self, text: str) -> bool:
        """Is this code block's text the placeholder of a body (see blocks.bodies)?"""
        return text in self.bodies

    def body_block(self, key: str) -> Block:
        """The block for a placeholder: its lines by byte range in the markdown file."""
        self.bodies_used.add(key)
        block, illegal = body_block(self.bodies[key])
        self.replaced_chars += illegal  # the converter replaces them
        return block

    def heading_id(self, runs: list[Run]) -> str:
        text = "".join(r.get("text", "") for r in runs)
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^A-Za-z0-9]+", "_", ascii_text).strip("_").lower()[:28] or "section"
        n = self._ids.get(slug, 0) + 1
        self._ids[slug] = n
        return f"h_{slug}" if n == 1 else f"h_{slug}_{n}"

    # ----- after the walk: links between inputs, footnotes ------------------------------------
    def resolve(self, blocks: list[Block]) -> None:
        defined = {f["id"] for f in self.footnotes}

        def fix(runs: list[Run]) -> list[Run]:
            out = []
            for run in runs:
                if "footnote" in run and run["footnote"] not in defined:
                    run = {"text": f"[^{run['footnote'].split(' ')[0]}]"}  # its label
                link = run.get("link", "")
                missing, internal = self.dialect.missing_prefix, self.dialect.internal_prefix
                if link.startswith(missing):
                    out.append({k: v for k, v in run.items() if k != "link"})
                    run = {
                        "text": f" [{self.missing_file}: {link[len(missing) :]}]",
                        "italic": True,
                    }
                elif link.startswith(internal):
                    target = self.internal_target(link[len(internal) :])
                    run = {k: v for k, v in run.items() if k != "link"}
                    if target:
                        run["link"] = self.resolved_links[link[len(internal) :]] = target
                    else:
                        self.unresolved_links.append(link[len(internal) :])
                elif link and not clickable(link):  # javascript: and the like: text only
                    self.unsafe_links.append(link)
                    run = {k: v for k, v in run.items() if k != "link"}
                out.append(run)
            return merge_runs(out)

        walk_runs(blocks, fix)
        for note in self.footnotes:
            walk_runs(note["blocks"], fix)

    def internal_target(self, ref: str) -> str | None:
        """`file.md#anchor` → `#<bookmark>` of that heading (or of the file's chapter)."""
        file, _, anchor = ref.partition("#")
        if anchor:
            hid = self.file_anchors.get(file, {}).get(anchor.lower())
            if hid:
                return f"#{hid}"
            line = self.line_anchors.target(file, anchor) if self.line_anchors else None
            if line:
                return line
        chapter = self.file_chapter.get(file)
        return f"#{chapter}" if chapter else None

    # ----- blocks ---------------------------------------------------------------------------
    def top_blocks(self, tokens: Any) -> list[Block]:
        """The document's blocks; with `compact`, each settled one as its JSON (RawBlock:
        the bytes json.dumps writes for it, compact, once resolve has run over it)."""
        if not self.compact:
            return self.blocks(tokens)
        out: list[Block] = []
        for tok in tokens or ():
            for block in self.blocks((tok,)):
                if self.settled(block):
                    walk_runs([block], merge_runs)  # (what resolve does to a run list)
                    block = RawBlock(json.dumps(block, ensure_ascii=False, separators=(",", ":")))  # type: ignore[assignment]
                out.append(block)
        return out

    def settled(self, block: Block) -> bool:
        """Is this block final before the walk ends: no heading in it (its id), no run with
        a link or a footnote reference (resolve), no code body still to come (pieces), no
        code block a generated section may link a line of (blocks.anchors)?"""
        done = True

        def look(runs: list[Run]) -> list[Run]:
            nonlocal done
            if done and any("link" in run or "footnote" in run for run in runs):
                done = False
            return runs

        stack = [block]
        while stack and done:
            b = stack.pop()
            if b["type"] == "heading" or self.pending(b):
                return False
            if b["type"] == "code" and self.line_anchors is not None:
                return False  # a link to one of its lines may still give it a bookmark
            stack += b.get("blocks", ())
            stack += (inner for item in b.get("items", ()) for inner in item["blocks"])
        if done:
            walk_runs([block], look)
        return done

    def pending(self, block: Block) -> bool:
        """Does this block wait for something the walk has not seen yet (a piece's code
        body: blocks.parallel)?"""
        return False

    def blocks(self, tokens: Any) -> list[Block]:
        out: list[Block] = []
        for tok in tokens or ():
            if type(tok).__name__ == "HtmlBlock":
                out += self.html(tok)
                continue
            if isinstance(tok, block_token.Table):
                out += self.table(tok)
                continue
            block = self.block(tok)
            if block is not None:
                out.append(block)
        return out

    def block(self, tok: Any) -> Block | None:
        if isinstance(tok, block_token.Heading | block_token.SetextHeading):
            heading = {"type": "heading", "level": tok.level, "runs": self.runs(tok), "id": ""}
            self.heading(heading)
            return heading
        if isinstance(tok, FootnoteDef):
            self.footnotes.append(
                {
                    "id": self.note_id(tok.label),
                    "blocks": [{"type": "paragraph", "runs": self.runs(tok)}],
                }
            )
            return None
        if isinstance(tok, block_token.Paragraph):
            runs = self.runs(tok)
            _caption_standalone_image(runs)
            return {"type": "paragraph", "runs": runs} if runs else None
        if isinstance(tok, MathBlock):
            return math_paragraph(tok.tex, self.clean)
        if isinstance(tok, block_token.CodeFence | block_token.BlockCode):
            code = self.code(tok)
            if self.line_anchors is not None:
                self.line_anchors.note(self.current_file, code)
            return code
        if isinstance(tok, block_token.List):
            return self.list_block(tok)
        if isinstance(tok, block_token.Quote):
            return {"type": "quote", "blocks": self.blocks(tok.children)}
        if isinstance(tok, block_token.ThematicBreak):
            return {"type": "rule"}
        if getattr(tok, "children", None):
            return {"type": "quote", "blocks": self.blocks(tok.children)}
        return None

    def code(self, tok: Any) -> Block:
        text = content(tok)
        if self.is_body(text.rstrip("\n")):
            return self.body_block(text.rstrip("\n"))
        if text.endswith("\n"):
            text = text[:-1]
        language = getattr(tok, "language", "") or None
        if language == "math" and text.strip():  # a ```math fence: a display formula
            return math_paragraph(text, self.clean)
        if ESC in text:  # terminal output: its escape sequences become the runs' format
            plain, runs = ansi_lines(text, language)
            return {"type": "code", "language": language, "text": self.clean(plain), "lines": runs}
        text = self.clean(text)
        code: Block = {"type": "code", "language": language, "text": text}
        lines = log_lines(text) if language == "log" else code_lines(text, language)
        if lines is not None:
            code["lines"] = lines
        return code

    def list_block(self, tok: Any) -> Block:
        items = [_task_item(self.blocks(item.children)) for item in tok.children or ()]
        block: Block = {"type": "list", "ordered": tok.start is not None, "items": items}
        if tok.start is not None:
            block["start"] = int(getattr(tok, "start", 1))
        return block

    def table(self, tok: Any) -> list[Block]:
        """The table; one wider than a page can show (MAX_COLUMNS) is cut into tables of
        that many columns in reading order, every cell kept, the first column repeated in
        each (issue 25: Word opens no table over 63 columns; a 100,000-column row took the
        read-back past 2 GB)."""
        header = [self.runs(cell) for cell in tok.header.children] if tok.header else []
        rows = [[self.runs(cell) for cell in row.children] for row in tok.children or ()]
        width = max([len(header), *(len(r) for r in rows)]) if (header or rows) else 0
        if any(len(r) != len(header) for r in rows):
            self.ragged_tables += 1
        header += [[] for _ in range(width - len(header))]
        rows = [r + [[] for _ in range(width - len(r))] for r in rows]
        align = [_ALIGN.get(a) for a in (tok.column_align or [])][:width]
        align += [None] * (width - len(align))
        if width > MAX_COLUMNS:
            self.wide_tables.append(f"{self.current_file or 'the document'} ({width:,} columns)")
        if width <= MAX_COLUMNS:
            return [{"type": "table", "align": align, "header": header, "rows": rows}]
        # each piece after the first repeats the first column (the rows' names)
        cuts = [(0, MAX_COLUMNS)]
        cuts += [(i, i + MAX_COLUMNS - 1) for i in range(MAX_COLUMNS, width, MAX_COLUMNS - 1)]
        pick = [
            list(range(a, min(b, width))) if a == 0 else [0, *range(a, min(b, width))]
            for a, b in cuts
        ]
        return [
            {
                "type": "table",
                "align": [align[c] for c in cols],
                "header": [header[c] for c in cols],
                "rows": [[r[c] for c in cols] for r in rows],
            }
            for cols in pick
        ]

    def html(self, tok: Any) -> list[Block]:
        html = tok.children[0].content if tok.children else getattr(tok, "content", "")
        html = html.rstrip("\n")
        marked = self.dialect.marked_source(html.strip())
        if marked is not None:  # where a source file's content starts (links between inputs)
            self.source_mark(marked)
            return []
        return html_blocks(self, html)


def _task_item(blocks: list[Block]) -> Block:
    """A GFM task-list item (`[ ] ` / `[x] ` before its text) gets `checked`."""
    item: Block = {"blocks": blocks}
    first = blocks[0] if blocks else None
    if first and first["type"] == "paragraph" and first["runs"] and "text" in first["runs"][0]:
        run = first["runs"][0]
        m = _TASK.match(run["text"])
        if m and not run.get("code"):
            item["checked"] = m.group(1) != " "
            rest = run["text"][m.end() :]
            first["runs"] = ([{**run, "text": rest}] if rest else []) + first["runs"][1:]
    return item


def github_slug(text: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def _caption_standalone_image(runs: list[Run]) -> None:
    """An image alone in its paragraph gets its alt text as caption."""
    images = [r for r in runs if "image" in r]
    others = [r for r in runs if "image" not in r and r.get("text", "").strip()]
    if len(images) == 1 and not others and images[0]["image"].get("alt"):
        images[0]["image"]["caption"] = images[0]["image"]["alt"]
