"""mistletoe's span tokens → runs (docs/json-contract.md), images included.

Images are embedded only from the session's assets/ folder; any other reference becomes a
named placeholder. Characters XML 1.0 cannot hold become visible control pictures (counted).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from mistletoe import span_token

from agentic_docgen.blocks.contract import visible_counted
from agentic_docgen.blocks.footnotes import FootnoteRef
from agentic_docgen.blocks.html import HtmlWalk
from agentic_docgen.blocks.math import MathSpan, math_run
from agentic_docgen.blocks.rawhtml import inline_runs
from agentic_docgen.blocks.runs import Run, merge_runs


def content(tok: Any) -> str:
    """The raw text of a leaf container token (code span, code block)."""
    children = list(tok.children or ())
    return str(getattr(children[0], "content", "")) if children else ""


class InlineParser:
    """The inline part of one parse: runs and images; counts what it had to replace."""

    def __init__(self, session_dir: Path) -> None:
        self.session_dir = session_dir.resolve()
        self.assets_dir = self.session_dir / "assets"
        self.replaced_chars = 0
        self.images = 0
        self.missing_images: list[str] = []
        self._sizes: dict[Path, tuple[int | None, int | None]] = {}
        self.html_walk = HtmlWalk(self.html_note, self.html_image, self.clean)
        self.html_notes: list[tuple[str | None, str]] = []  # (file, what): blocks.rawhtml
        self.note_file: str | None = None  # the source file being read (its source mark)

    def html_note(self, kind: str) -> None:
        """HTML left out (a comment, a script…): noted for a warning (blocks.rawhtml)."""
        self.html_notes.append((self.note_file, kind))

    def note_id(self, label: str) -> str:
        """A footnote's id: its label, scoped by the source file being read (two files that
        each define `[^1]` have two footnotes); a label holds no space, so `label file`."""
        return label if self.note_file is None else f"{label} {self.note_file}"

    # ----- text -----------------------------------------------------------------------------
    def clean(self, text: str) -> str:
        text, n = visible_counted(text)
        self.replaced_chars += n
        return text

    # ----- images ---------------------------------------------------------------------------
    def image(self, src: str, alt: str) -> Run:
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
            # same time (see blocks.parallel) never reads a half-written file
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

    def html_image(self, attrs: dict[str, str | None]) -> Run:
        """An HTML <img>: its src and alt; a width in pixels is the width it is shown at."""
        run = self.image(attrs.get("src") or "", attrs.get("alt") or "")
        width = (attrs.get("width") or "").strip()
        if "image" in run and width.isdigit() and int(width) > 0:
            run["image"]["display_width"] = int(width)
        return run

    # ----- inline ---------------------------------------------------------------------------
    def runs(self, token: Any, fmt: dict[str, Any] | None = None) -> list[Run]:
        fmt = fmt or {}
        children = list(token.children or ())
        if any(type(child).__name__ == "HtmlSpan" for child in children):
            return merge_runs(inline_runs(self, children, fmt))
        out: list[Run] = []
        for child in children:
            out.extend(self.run(child, fmt))
        return merge_runs(out)

    def run(self, tok: Any, fmt: dict[str, Any]) -> list[Run]:
        if isinstance(tok, FootnoteRef):
            return [{"footnote": self.note_id(tok.label)}]
        if isinstance(tok, MathSpan):
            return [math_run(tok, self.clean)]
        if isinstance(tok, span_token.RawText):
            return [{"text": self.clean(tok.content), **fmt}] if tok.content else []
        if isinstance(tok, span_token.Strong):
            return self.runs(tok, {**fmt, "bold": True})
        if isinstance(tok, span_token.Emphasis):
            return self.runs(tok, {**fmt, "italic": True})
        if isinstance(tok, span_token.Strikethrough):
            return self.runs(tok, {**fmt, "strike": True})
        if isinstance(tok, span_token.InlineCode):
            return [{"text": self.clean(content(tok)), **fmt, "code": True}]
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
        if type(tok).__name__ == "HtmlSpan":  # (read by runs(), with its neighbours)
            return [{"text": self.clean(tok.content), **fmt}]
        if getattr(tok, "children", None):  # unknown container: keep its text
            return self.runs(tok, fmt)
        text = getattr(tok, "content", "")
        return [{"text": self.clean(text), **fmt}] if text else []
