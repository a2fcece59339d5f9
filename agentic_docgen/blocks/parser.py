"""Markdown → the versioned block JSON contract (docs/json-contract.md), with mistletoe.

Images are embedded only from the session's assets/ folder; any other reference becomes a
named placeholder. Characters XML 1.0 cannot hold become visible control pictures.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import itertools
import os
import pickle
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mistletoe import block_token, span_token
from mistletoe.block_token import Document

from agentic_docgen.blocks.footnotes import FootnoteDef, FootnoteRef, parse_context
from agentic_docgen.blocks.highlight import (
    LOG_PALETTE,
    code_lines,
    highlighted,
    log_line_styles,
    log_lines,
)
from agentic_docgen.markdown.dialect import INTERNAL_PREFIX, MISSING_PREFIX, marked_source
from agentic_docgen.markdown.lines import closes_fence, fence_marker

SCHEMA_VERSION = 1
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r"""\b(src|alt|width|height)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_ONLY_IMAGES = re.compile(
    r"^\s*(?:</?(?:p|div|center|figure|a)\b[^>]*>\s*|<img\b[^>]*>\s*)+$", re.I
)
_BR_TAG = re.compile(r"^<br\s*/?>$", re.I)
Verbatim = tuple[int, int, list[str] | None]  # see parse_markdown
BODY_MIN_LINES = 2000  # fenced code blocks at least this long go to the converter by reference
BLOCK_TYPES = ("heading", "paragraph", "code", "list", "table", "quote", "rule", "html")


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code == 0x7F:
        return "\u2421"
    if code < 0x20:
        return chr(0x2400 + code)
    return "\ufffd"


# the ASCII part of _XML_ILLEGAL, as bytes (one definition of the set)
_C0_ILLEGAL = bytes(c for c in range(0x80) if _XML_ILLEGAL.match(chr(c)))


def illegal_count(text: str) -> int:
    """How many characters of `text` XML cannot hold (the ones `visible` replaces). An
    ASCII text (the usual log) is counted as bytes, about 4x faster than the regex."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data) - len(data.translate(None, _C0_ILLEGAL))
    return len(_XML_ILLEGAL.findall(text))


def visible(text: str) -> str:
    """Text with the characters XML cannot hold replaced by visible control pictures."""
    return _XML_ILLEGAL.sub(_picture, text)


class Parser:
    """One parse of one markdown document; counts what it had to replace."""

    def __init__(self, session_dir: Path) -> None:
        self.session_dir = session_dir.resolve()
        self.assets_dir = self.session_dir / "assets"
        self.replaced_chars = 0
        self.images = 0
        self.missing_images: list[str] = []
        self._ids: dict[str, int] = {}
        self._sizes: dict[Path, tuple[int | None, int | None]] = {}
        self.footnotes: list[dict[str, Any]] = []
        self.current_file: str | None = None
        self.last_h1: str | None = None
        self.file_chapter: dict[str, str | None] = {}
        self.file_anchors: dict[str, dict[str, str]] = {}
        self.unresolved_links: list[str] = []
        self.since_h1: list[tuple[str, str]] = []
        self.ragged_tables = 0
        # placeholder -> (language, lines, level words or None)
        self.bodies: dict[str, tuple[str | None, list[str], list[str] | None]] = {}
        self.bodies_used: set[str] = set()
        self.body_ranges: dict[str, tuple[Path, int]] = {}  # placeholder -> (file, offset)
        self.pieces = 1  # parsed in how many pieces at the same time (see _parse_in_pieces)
        self.serial_reason: str | None = None  # why a big document was not parsed in pieces

    def anchor(self, file: str, text: str, hid: str) -> None:
        self.file_anchors.setdefault(file, {}).setdefault(github_slug(text), hid)

    # ----- document-wide state, in document order (see _PieceParser) --------------------------
    def heading(self, block: dict[str, Any]) -> None:
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
        self.current_file = file
        if file not in self.file_chapter:
            self.file_chapter[file] = self.last_h1
            for text, hid in self.since_h1:
                self.anchor(file, text, hid)
        self.since_h1 = []

    # ----- text -----------------------------------------------------------------------------
    def clean(self, text: str) -> str:
        text, n = _XML_ILLEGAL.subn(_picture, text)
        self.replaced_chars += n
        return text

    def heading_id(self, runs: list[dict[str, Any]]) -> str:
        text = "".join(r.get("text", "") for r in runs)
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^A-Za-z0-9]+", "_", ascii_text).strip("_").lower()[:28] or "section"
        n = self._ids.get(slug, 0) + 1
        self._ids[slug] = n
        return f"h_{slug}" if n == 1 else f"h_{slug}_{n}"

    # ----- images ---------------------------------------------------------------------------
    def image(self, src: str, alt: str) -> dict[str, Any]:
        src = src.strip()
        candidate = (self.session_dir / src).resolve() if src and not src.startswith("/") else None
        if candidate and candidate.is_file() and candidate.parent == self.assets_dir:
            info: dict[str, Any] = {"path": str(candidate), "alt": self.clean(alt)}
            sized = candidate
            if candidate.suffix.lower() == ".svg":
                fallback = self._svg_fallback(candidate)
                if fallback is not None:
                    info["fallback"] = str(fallback)
                    sized = fallback
            width, height = self._size(sized)
            if width and height and (sized is candidate or "fallback" in info):
                self.images += 1
                info.update(width=width, height=height)
                return {"image": info}
        self.missing_images.append(src)
        return {"missing_image": {"ref": self.clean(src), "alt": self.clean(alt)}}

    def _svg_fallback(self, svg: Path) -> Path | None:
        """A PNG rendering of an SVG (resvg: no network, external references not fetched)."""
        png = svg.with_name(svg.name + ".png")
        if not png.exists():
            # written under another name first: a parse running in another process at the
            # same time (see _parse_in_pieces) never reads a half-written file
            part = png.with_name(f"{png.name}.{os.getpid()}.part")
            try:
                import resvg_py

                part.write_bytes(bytes(resvg_py.svg_to_bytes(svg_path=str(svg))))
                os.replace(part, png)
            except Exception:
                with contextlib.suppress(OSError):
                    part.unlink(missing_ok=True)
                return None
        return png

    def _size(self, path: Path) -> tuple[int | None, int | None]:
        if path not in self._sizes:
            try:
                from PIL import Image

                with Image.open(path) as img:
                    self._sizes[path] = img.size
            except Exception:  # SVG or unreadable: the converter decides the fallback
                self._sizes[path] = (None, None)
        return self._sizes[path]

    def html_images(self, html: str) -> list[dict[str, Any]]:
        runs = []
        for tag in _IMG_TAG.findall(html):
            attrs = {
                m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
                for m in _ATTR.finditer(tag)
            }
            run = self.image(attrs.get("src", ""), attrs.get("alt", ""))
            if "image" in run and attrs.get("width", "").isdigit():
                run["image"]["display_width"] = int(attrs["width"])
            runs.append(run)
        return runs

    # ----- inline ---------------------------------------------------------------------------
    def runs(self, token: Any, fmt: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        fmt = fmt or {}
        out: list[dict[str, Any]] = []
        for child in token.children or ():
            out.extend(self.run(child, fmt))
        return _merge_runs(out)

    def run(self, tok: Any, fmt: dict[str, Any]) -> list[dict[str, Any]]:
        if isinstance(tok, FootnoteRef):
            return [{"footnote": tok.label}]
        if isinstance(tok, span_token.RawText):
            return [{"text": self.clean(tok.content), **fmt}] if tok.content else []
        if isinstance(tok, span_token.Strong):
            return self.runs(tok, {**fmt, "bold": True})
        if isinstance(tok, span_token.Emphasis):
            return self.runs(tok, {**fmt, "italic": True})
        if isinstance(tok, span_token.Strikethrough):
            return self.runs(tok, {**fmt, "strike": True})
        if isinstance(tok, span_token.InlineCode):
            return [{"text": self.clean(_content(tok)), **fmt, "code": True}]
        if isinstance(tok, span_token.Image):
            alt = "".join(r.get("text", "") for r in self.runs(tok))
            return [self.image(tok.src, alt)]
        if isinstance(tok, span_token.AutoLink):
            target = tok.target
            if getattr(tok, "mailto", False) and not target.startswith("mailto:"):
                target = "mailto:" + target
            return self.runs(tok, {**fmt, "link": target})
        if isinstance(tok, span_token.Link):
            return self.runs(tok, {**fmt, "link": tok.target})
        if isinstance(tok, span_token.LineBreak):
            return [{"text": " ", **fmt}] if tok.soft else [{"break": True}]
        if isinstance(tok, span_token.EscapeSequence):
            return self.runs(tok, fmt)
        if type(tok).__name__ == "HtmlSpan":
            content = tok.content
            if _IMG_TAG.fullmatch(content.strip()):
                return self.html_images(content)
            if _BR_TAG.match(content.strip()):
                return [{"break": True}]
            return [{"text": self.clean(content), **fmt}]
        if getattr(tok, "children", None):  # unknown container: keep its text
            return self.runs(tok, fmt)
        content = getattr(tok, "content", "")
        return [{"text": self.clean(content), **fmt}] if content else []

    # ----- after the walk: links between inputs, footnotes ------------------------------------
    def resolve(self, blocks: list[dict[str, Any]]) -> None:
        defined = {f["id"] for f in self.footnotes}

        def fix(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
            out = []
            for run in runs:
                if "footnote" in run and run["footnote"] not in defined:
                    run = {"text": f"[^{run['footnote']}]"}
                link = run.get("link", "")
                if link.startswith(MISSING_PREFIX):
                    out.append({k: v for k, v in run.items() if k != "link"})
                    run = {
                        "text": f" [missing file: {link[len(MISSING_PREFIX) :]}]",
                        "italic": True,
                    }
                elif link.startswith(INTERNAL_PREFIX):
                    target = self.internal_target(link[len(INTERNAL_PREFIX) :])
                    run = {k: v for k, v in run.items() if k != "link"}
                    if target:
                        run["link"] = target
                    else:
                        self.unresolved_links.append(link[len(INTERNAL_PREFIX) :])
                out.append(run)
            return _merge_runs(out)

        _walk_runs(blocks, fix)
        for note in self.footnotes:
            _walk_runs(note["blocks"], fix)

    def internal_target(self, ref: str) -> str | None:
        """`file.md#anchor` → `#<bookmark>` of that heading (or of the file's chapter)."""
        file, _, anchor = ref.partition("#")
        if anchor:
            hid = self.file_anchors.get(file, {}).get(anchor.lower())
            if hid:
                return f"#{hid}"
        chapter = self.file_chapter.get(file)
        return f"#{chapter}" if chapter else None

    # ----- blocks ---------------------------------------------------------------------------
    def blocks(self, tokens: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for tok in tokens or ():
            block = self.block(tok)
            if block is not None:
                out.append(block)
        return out

    def block(self, tok: Any) -> dict[str, Any] | None:
        if isinstance(tok, block_token.Heading | block_token.SetextHeading):
            heading = {"type": "heading", "level": tok.level, "runs": self.runs(tok), "id": ""}
            self.heading(heading)
            return heading
        if isinstance(tok, FootnoteDef):
            self.footnotes.append(
                {"id": tok.label, "blocks": [{"type": "paragraph", "runs": self.runs(tok)}]}
            )
            return None
        if isinstance(tok, block_token.Paragraph):
            runs = self.runs(tok)
            _caption_standalone_image(runs)
            return {"type": "paragraph", "runs": runs} if runs else None
        if isinstance(tok, block_token.CodeFence | block_token.BlockCode):
            text = _content(tok)
            if text.rstrip("\n") in self.bodies:
                return self.body_block(text.rstrip("\n"))
            if text.endswith("\n"):
                text = text[:-1]
            language = getattr(tok, "language", "") or None
            text = self.clean(text)
            code: dict[str, Any] = {"type": "code", "language": language, "text": text}
            lines = log_lines(text) if language == "log" else code_lines(text, language)
            if lines is not None:
                code["lines"] = lines
            return code
        if isinstance(tok, block_token.List):
            items = [_task_item(self.blocks(item.children)) for item in tok.children or ()]
            block: dict[str, Any] = {
                "type": "list",
                "ordered": tok.start is not None,
                "items": items,
            }
            if tok.start is not None:
                block["start"] = int(getattr(tok, "start", 1))
            return block
        if isinstance(tok, block_token.Table):
            return self.table(tok)
        if isinstance(tok, block_token.Quote):
            return {"type": "quote", "blocks": self.blocks(tok.children)}
        if isinstance(tok, block_token.ThematicBreak):
            return {"type": "rule"}
        if type(tok).__name__ == "HtmlBlock":
            html = tok.children[0].content if tok.children else getattr(tok, "content", "")
            html = html.rstrip("\n")
            marked = marked_source(html.strip())
            if marked is not None:  # where a source file's content starts (links between inputs)
                self.source_mark(marked)
                return None
            if _ONLY_IMAGES.match(html) and _IMG_TAG.search(html):
                return {"type": "paragraph", "runs": self.html_images(html)}
            return {"type": "html", "text": self.clean(html)}
        if getattr(tok, "children", None):
            return {"type": "quote", "blocks": self.blocks(tok.children)}
        return None

    # ----- big verbatim code blocks: handed over by reference ------------------------------------
    def extract_bodies(self, lines: list[str], spans: list[Verbatim], source: Path) -> list[str]:
        """The lines with the bodies of big fenced code blocks (see _long_fences) replaced by
        a placeholder line each: mistletoe does not read them, and the converter streams them
        from `source`, the markdown file the lines are, by byte range (`body` in the
        contract). `spans`: the tools' verbatim code blocks, for the level words of their
        lines when known."""
        nonce = uuid.uuid4().hex[:12]
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
            key = f"docgen-body:{nonce}:{len(self.bodies)}"
            body = lines[first : last - 1]
            known = words if words and len(words) == len(body) else None
            self.bodies[key] = (language, body, known)
            offset += _utf8_size(lines[counted:first])
            counted = first
            self.body_ranges[key] = (source, offset)
            out += lines[pos:first]
            out.append(key)
            pos = last - 1
        return out + lines[pos:] if self.bodies else lines

    def body_block(self, key: str) -> dict[str, Any]:
        """The block for a placeholder: its lines by byte range in the markdown file."""
        language, lines, words = self.bodies[key]
        self.bodies_used.add(key)
        path, offset = self.body_ranges[key]
        text = "\n".join(lines)
        self.replaced_chars += illegal_count(text)  # the converter replaces them
        size = len(text) if text.isascii() else len(text.encode("utf-8"))
        del text
        body: dict[str, Any] = {"path": str(path), "offset": offset, "length": size}
        body["lines"] = len(lines)
        if language == "log":
            body.update(palette=LOG_PALETTE, line_styles=log_line_styles(lines, words))
        return {"type": "code", "language": language, "body": body}

    def table(self, tok: Any) -> dict[str, Any]:
        header = [self.runs(cell) for cell in tok.header.children] if tok.header else []
        rows = [[self.runs(cell) for cell in row.children] for row in tok.children or ()]
        width = max([len(header), *(len(r) for r in rows)]) if (header or rows) else 0
        if any(len(r) != len(header) for r in rows):
            self.ragged_tables += 1
        header += [[] for _ in range(width - len(header))]
        rows = [r + [[] for _ in range(width - len(r))] for r in rows]
        align_map = {None: None, 0: "center", 1: "right", -1: "left"}
        align = [align_map.get(a) for a in (tok.column_align or [])][:width]
        align += [None] * (width - len(align))
        return {"type": "table", "align": align, "header": header, "rows": rows}


_TASK = re.compile(r"^\[([ xX])\][ \t]+")


def _task_item(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    """A GFM task-list item (`[ ] ` / `[x] ` before its text) gets `checked`."""
    item: dict[str, Any] = {"blocks": blocks}
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


def _caption_standalone_image(runs: list[dict[str, Any]]) -> None:
    """An image alone in its paragraph gets its alt text as caption."""
    images = [r for r in runs if "image" in r]
    others = [r for r in runs if "image" not in r and r.get("text", "").strip()]
    if len(images) == 1 and not others and images[0]["image"].get("alt"):
        images[0]["image"]["caption"] = images[0]["image"]["alt"]


def _walk_runs(blocks: list[dict[str, Any]], fn: Any) -> None:
    """Apply fn(runs) -> runs to every run list in the blocks, recursively."""
    for b in blocks:
        for key in ("runs",):
            if key in b:
                b[key] = fn(b[key])
        if b.get("type") == "table":
            b["header"] = [fn(c) for c in b["header"]]
            b["rows"] = [[fn(c) for c in row] for row in b["rows"]]
        for child in ("blocks",):
            if child in b:
                _walk_runs(b[child], fn)
        for item in b.get("items", ()):
            _walk_runs(item["blocks"], fn)


def _content(tok: Any) -> str:
    """The raw text of a leaf container token (code span, code block)."""
    children = list(tok.children or ())
    return str(getattr(children[0], "content", "")) if children else ""


def _merge_runs(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Join adjacent text runs with the same formatting (smaller JSON, same document)."""
    out: list[dict[str, Any]] = []
    for run in runs:
        prev = out[-1] if out else None
        if (
            prev
            and "text" in prev
            and "text" in run
            and {k: v for k, v in prev.items() if k != "text"}
            == {k: v for k, v in run.items() if k != "text"}
        ):
            out[-1] = {**prev, "text": prev["text"] + run["text"]}
        else:
            out.append(run)
    return out


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


_FENCE_CHARS = ("`", "~")


def _utf8_size(lines: list[str]) -> int:
    """Bytes of these lines in a UTF-8 file, each with its newline."""
    text = "\n".join(lines)
    return (len(text) if text.isascii() else len(text.encode("utf-8"))) + (1 if lines else 0)


def _as_body(language: str | None, lines: list[str], first: int, last: int) -> bool:
    """Is a fence of this language shown plain (or coloured by log level), so that it can be
    handed over by reference? Highlighted code stays in the JSON (Pygments colours it)."""
    if language == "log":
        return True
    size = sum(len(line) + 1 for line in lines[first : last - 1])
    return not highlighted(language, size)


def parse_markdown(
    text: str,
    session_dir: Path,
    meta: dict[str, Any],
    verbatim: list[Verbatim] | None = None,
    source: Path | None = None,
    bodies: bool = True,
    parallel: bool | None = None,
) -> tuple[dict[str, Any], Parser]:
    """Parse the generated markdown into the contract; returns the structure and the parser
    (for its counts). `verbatim`: the code blocks the tools copied verbatim, by their 1-based
    opening and closing fence lines, with the level words of their lines when they are known
    (sources.level_words). `source`: the markdown file the text was read from, unchanged;
    with it, big fenced code blocks are handed to the converter by their byte range in that
    file (`code.body`) instead of in the JSON. `bodies=False`: none is. `parallel`: parse
    the document in pieces on several cores (see _parse_in_pieces); None: when it has at
    least PARALLEL_MIN_CHARS and the machine more than one core, True: whenever it can be
    split, False: never. The result is the same either way."""
    lines = text.split("\n")
    del text  # the lines hold it now (a 100 MB log is not kept twice)
    if lines and lines[-1] == "":
        lines.pop()
    parser = Parser(session_dir)
    if bodies and source is not None:
        parsed = parser.extract_bodies(lines, verbatim or [], source)
    else:
        parsed = lines
    pieces = _piece_count(parsed, parallel)
    done = _parse_in_pieces(parser, parsed, pieces) if pieces > 1 else None
    if done is not None:
        del parsed
        try:
            blocks = _merge(parser, done)
        except Exception:  # not expected; the pieces are dropped: parse in this process
            again = "\n".join(lines) + "\n"
            return parse_markdown(again, session_dir, meta, verbatim, source, bodies, False)
        parser.pieces = len(done)
    else:
        with parse_context():
            doc = Document([line + "\n" for line in parsed])
            del parsed
            blocks = parser.blocks(doc.children)
    if parser.bodies_used != set(parser.bodies):
        # A placeholder was not read as a code block (it sat inside some other construct):
        # parse everything the ordinary way rather than lose that content.
        again = "\n".join(lines) + "\n"
        return parse_markdown(again, session_dir, meta, bodies=False, parallel=parallel)
    parser.resolve(blocks)
    structure: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "meta": {
            k: (parser.clean(v) if isinstance(v, str) else v)
            for k, v in meta.items()
            if v is not None
        },
        "blocks": blocks,
    }
    if parser.footnotes:
        structure["footnotes"] = parser.footnotes
    validate_structure(structure)
    return structure, parser


# ----- big documents: parsed in pieces on several cores -------------------------------------
# The document is cut before top-level headings into a few pieces; this process parses the
# first while child processes parse the others (mistletoe and Pygments are pure Python: one
# core each). What a piece cannot know alone is recorded, not decided: the ids of its headings
# (unique over the document), the source file each belongs to, the big code bodies; the
# pieces are then merged here in document order (_merge), and links and footnotes resolved
# over the whole document as before. Every piece checks that mistletoe, reading the whole
# document, would also start a block at its end (see _parse_piece); a piece that fails that
# check, a document with link reference definitions (mistletoe resolves them per document)
# and any failure of a child (start-up, crash, timeout) make the document parse in this
# process the ordinary way instead.
PARALLEL_MIN_CHARS = 2_000_000  # smaller documents: parsed in this process only
_PIECE_MIN_CHARS = 1_000_000  # (in automatic mode) no more pieces than this many chars each
_MAX_PIECES = 4
_OWN_SHARE = 1.1  # this process's piece, relative to a child's (a child starts up first)
_MIN_WAIT_S = 60.0  # a child may take this long, or 10 times this process's piece
_HEADING_LINE = block_token.Heading.pattern
_FENCE_LINE = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)")
_HTML_LONG = re.compile(r"<(pre|script|style|textarea)(?:[ >]|$)")  # as mistletoe: no re.I
_CHILD = (  # python -c _CHILD <request file> <answer file>
    "import gc, pickle, sys\n"
    "gc.disable()\n"  # a short-lived process: no time spent looking for cycles
    "with open(sys.argv[1], 'rb') as file:\n"
    "    request = pickle.load(file)\n"
    "sys.path[:] = request['path']\n"
    "from agentic_docgen.blocks.parser import _piece_process\n"
    "_piece_process(request, sys.argv[2])\n"
)


@dataclass
class _Piece:
    """One piece's blocks, what it counted, and its events in document order: ("heading",
    block), ("mark", file), ("body", block, placeholder)."""

    blocks: list[dict[str, Any]]
    events: list[tuple[Any, ...]]
    replaced_chars: int
    images: int
    missing_images: list[str]
    footnotes: list[dict[str, Any]]
    ragged_tables: int


class _PieceParser(Parser):
    """A Parser for one piece: it records what depends on the pieces before it."""

    def __init__(self, session_dir: Path, body_keys: list[str]) -> None:
        super().__init__(session_dir)
        self.events: list[tuple[Any, ...]] = []
        self.bodies = {key: (None, [], None) for key in body_keys}

    def heading(self, block: dict[str, Any]) -> None:
        self.events.append(("heading", block))

    def source_mark(self, file: str) -> None:
        self.events.append(("mark", file))

    def body_block(self, key: str) -> dict[str, Any]:
        block: dict[str, Any] = {"type": "code"}
        self.events.append(("body", block, key))
        return block


def _cpu_count() -> int:
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return int(counted() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _piece_count(lines: list[str], parallel: bool | None) -> int:
    if parallel is False or not sys.executable or getattr(sys, "frozen", False):
        return 1
    cpus = _cpu_count()
    if parallel:
        return max(2, min(cpus, _MAX_PIECES))
    if cpus < 2:
        return 1
    size = sum(map(len, lines)) + len(lines)
    if size < PARALLEL_MIN_CHARS:
        return 1
    return max(1, min(cpus, _MAX_PIECES, size // _PIECE_MIN_CHARS))


def _split_candidates(lines: list[str]) -> tuple[list[int], list[int], int]:
    """Lines a document may be cut before: an ATX heading in column 0 after an empty line,
    outside fenced code and multi-line HTML blocks as mistletoe reads them at the top level
    (a line this scan gets wrong is caught by _parse_piece's check). Returns their indexes,
    the characters before each, and the document's size."""
    found: list[int] = []
    before: list[int] = []
    fence = ""  # the marker of the fence open, or the end of the HTML block open
    html = False
    pos = 0
    for i, line in enumerate(lines):
        size = pos
        pos += len(line) + 1
        first = line[:1]
        if fence:
            if html:
                if fence in line.casefold():
                    fence, html = "", False
            elif first in _FENCE_START:
                stripped = line.lstrip(" ")
                if (
                    len(line) - len(stripped) < 4
                    and stripped.startswith(fence)
                    and len(stripped.split(maxsplit=1)) == 1
                ):
                    fence = ""
            continue
        if first == "#":
            if i and not lines[i - 1] and _HEADING_LINE.match(line + "\n"):
                found.append(i)
                before.append(size)
            continue
        if first not in _SPLIT_SCAN:
            continue
        m = _FENCE_LINE.match(line)
        if m and not (m.group(2)[0] == "`" and "`" in m.group(3)):
            fence = m.group(2)
            continue
        stripped = line.lstrip()
        if len(line) - len(stripped) < 4 and stripped[:1] == "<":
            end = _html_end(stripped)
            if end and end not in line.casefold():
                fence, html = end, True
    return found, before, pos


_FENCE_START = (" ", "`", "~")
_SPLIT_SCAN = (" ", "\t", "`", "~", "<")


def _html_end(stripped: str) -> str:
    """The end of a multi-line HTML block (mistletoe's rules 1 to 5) opened by this line."""
    m = _HTML_LONG.match(stripped)
    if m:
        return f"</{m.group(1).casefold()}>"
    if stripped.startswith("<!--"):
        return "-->"
    if stripped.startswith("<?"):
        return "?>"
    if stripped.startswith("<![CDATA["):
        return "]]>"
    if stripped.startswith("<!") and stripped[2:3].isupper():
        return ">"
    return ""


def _boundaries(lines: list[str], pieces: int) -> list[int]:
    """The first line of each piece, then len(lines); [] when the document cannot be cut."""
    found, before, total = _split_candidates(lines)
    weights = [_OWN_SHARE] + [1.0] * (pieces - 1)
    bounds = [0]
    share = 0.0
    for weight in weights[:-1]:
        share += weight
        target = total * share / sum(weights)
        k = bisect.bisect_left(before, target)
        near = [j for j in (k - 1, k) if 0 <= j < len(found) and found[j] > bounds[-1]]
        if near:
            bounds.append(found[min(near, key=lambda j: abs(before[j] - target))])
    return [*bounds, len(lines)] if len(bounds) > 1 else []


def _parse_piece(
    session_dir: str, lines: list[str], body_keys: list[str], sentinel: bool
) -> _Piece | str:
    """Parse one piece; `sentinel`: its last line is the heading the next piece starts with,
    parsed here only to check that it starts a block of its own. As every piece but the
    last ends with an empty line before that heading, no block of mistletoe's stops earlier
    or later for not seeing what follows (only a fence or a multi-line HTML block could
    take the heading in, and then it is not a block of its own here either). Returns why
    the piece cannot be used instead when it cannot."""
    parser = _PieceParser(Path(session_dir), body_keys)
    with parse_context():
        doc = Document([line + "\n" for line in lines])
        tokens = list(doc.children or ())
        if doc.footnotes:
            return "link reference definitions"
        if sentinel:
            last = tokens.pop() if tokens else None
            where = getattr(last, "line_number", 0)
            if not isinstance(last, block_token.Heading) or where != len(lines):
                return "no block starts where the next piece does"
        blocks = parser.blocks(tokens)
    return _Piece(
        blocks,
        parser.events,
        parser.replaced_chars,
        parser.images,
        parser.missing_images,
        parser.footnotes,
        parser.ragged_tables,
    )


def _piece_process(request: dict[str, Any], answer: str) -> None:
    """A child process's work (see _CHILD): one piece, its answer pickled to a file."""
    lines = request["text"].split("\n")
    del request["text"]
    piece = _parse_piece(request["session"], lines, request["keys"], request["sentinel"])
    with open(answer, "wb") as file:
        pickle.dump(piece, file, protocol=pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes) -> Any:
    """Unpickle a piece: without the collector, which would walk the growing tree again and
    again (ten times slower)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


class _Child:
    """A child process parsing one piece. Request and answer go through files: a pipe would
    be read here a few KB at a time, each read waiting for this process's parse to let go
    of the GIL, and the child would wait for that."""

    def __init__(self, folder: Path, n: int, request: dict[str, Any]) -> None:
        self.request, self.answer = folder / f"{n}.request", folder / f"{n}.answer"
        self.log = folder / f"{n}.log"
        with open(self.request, "wb") as file:
            pickle.dump(request, file, protocol=pickle.HIGHEST_PROTOCOL)
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", _CHILD, str(self.request), str(self.answer)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )

    def result(self, deadline: float) -> _Piece | str:
        try:
            code = self.proc.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return "a child process took too long"
        if code != 0:
            error = self.log.read_bytes()[-300:].decode(errors="replace")
            return f"a child process failed (exit status {code}): {error}"
        piece = _loads(self.answer.read_bytes())
        return piece if isinstance(piece, _Piece | str) else "a child process answered nonsense"

    def close(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(OSError):
                self.proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(10)


def _parse_in_pieces(parser: Parser, lines: list[str], pieces: int) -> list[_Piece] | None:
    """The pieces of the document (see the comment above PARALLEL_MIN_CHARS), parsed at the
    same time: the first here, the others in child processes. None (and the reason in
    parser.serial_reason) when the document is to be parsed the ordinary way."""
    bounds = _boundaries(lines, pieces)
    if len(bounds) < 3:
        parser.serial_reason = "no place to cut the document"
        return None
    session, keys = str(parser.session_dir), list(parser.bodies)
    children: list[_Child] = []
    with tempfile.TemporaryDirectory(prefix="docgen-parse-", ignore_cleanup_errors=True) as tmp:
        try:
            for n, (first, end) in enumerate(itertools.pairwise(bounds[1:])):
                sentinel = end < len(lines)
                text = "\n".join(lines[first : end + 1] if sentinel else lines[first:])
                request = {"path": sys.path, "session": session, "text": text, "keys": keys}
                children.append(_Child(Path(tmp), n, {**request, "sentinel": sentinel}))
                del text, request
            started = time.monotonic()
            done = [_parse_piece(session, lines[: bounds[1] + 1], keys, True)]
            deadline = time.monotonic() + max(_MIN_WAIT_S, 10 * (time.monotonic() - started))
            for child in children:
                if isinstance(done[-1], str):
                    break  # the document is parsed the ordinary way: no need to wait
                done.append(child.result(deadline))
        except Exception as exc:  # parsed again the ordinary way (which raises it again if
            parser.serial_reason = f"{type(exc).__name__}: {exc}"[:300]  # the document does)
            return None
        finally:
            for child in children:
                child.close()
    for piece in done:
        if not isinstance(piece, _Piece):
            parser.serial_reason = piece
            return None
    return [piece for piece in done if isinstance(piece, _Piece)]


def _merge(parser: Parser, pieces: list[_Piece]) -> list[dict[str, Any]]:
    """The blocks of the pieces, with what they recorded applied in document order."""
    blocks: list[dict[str, Any]] = []
    for piece in pieces:
        for event in piece.events:
            if event[0] == "heading":
                parser.heading(event[1])
            elif event[0] == "mark":
                parser.source_mark(event[1])
            else:
                event[1].update(parser.body_block(event[2]))
        parser.replaced_chars += piece.replaced_chars
        parser.images += piece.images
        parser.missing_images += piece.missing_images
        parser.footnotes += piece.footnotes
        parser.ragged_tables += piece.ragged_tables
        blocks += piece.blocks
    return blocks


def validate_structure(doc: Any) -> None:
    """Check the contract's shape; raises ValueError naming the JSON path of the first fault."""

    def fail(path: str, msg: str) -> None:
        raise ValueError(f"{path}: {msg}")

    def runs(value: Any, path: str) -> None:
        if not isinstance(value, list):
            fail(path, "runs must be a list")
        for i, run in enumerate(value):
            p = f"{path}[{i}]"
            if not isinstance(run, dict):
                fail(p, "run must be an object")
            if not ({"text", "break", "image", "missing_image", "footnote"} & run.keys()):
                fail(p, "run needs text, break, image, missing_image or footnote")
            if "text" in run and not isinstance(run["text"], str):
                fail(p, "text must be a string")

    def blocks(value: Any, path: str) -> None:
        if not isinstance(value, list):
            fail(path, "blocks must be a list")
        for i, b in enumerate(value):
            p = f"{path}[{i}]"
            kind = b.get("type") if isinstance(b, dict) else None
            if kind not in BLOCK_TYPES:
                fail(p, f"unknown block type {kind!r}")
            if kind == "heading":
                if b.get("level") not in range(1, 7):
                    fail(p, "heading level must be 1-6")
                runs(b.get("runs"), f"{p}.runs")
            elif kind == "paragraph":
                runs(b.get("runs"), f"{p}.runs")
            elif kind == "code" and "body" in b:
                body = b["body"]
                if not isinstance(body.get("path"), str) or not body.get("lines", 0) >= 1:
                    fail(f"{p}.body", "body needs a path and lines >= 1")
            elif kind in ("code", "html") and not isinstance(b.get("text"), str):
                fail(p, "text must be a string")
            elif kind == "list":
                for j, item in enumerate(b.get("items", [])):
                    blocks(item.get("blocks"), f"{p}.items[{j}].blocks")
            elif kind == "table":
                width = len(b.get("header", []))
                for j, row in enumerate(b.get("rows", [])):
                    if len(row) != width:
                        fail(f"{p}.rows[{j}]", f"{len(row)} cells, header has {width}")
            elif kind == "quote":
                blocks(b.get("blocks"), f"{p}.blocks")

    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA_VERSION:
        fail("schema", f"must be {SCHEMA_VERSION}")
    blocks(doc.get("blocks"), "blocks")
