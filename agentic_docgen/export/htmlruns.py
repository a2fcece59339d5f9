"""The inline part of the HTML page: runs (text and its format, links, breaks, images,
footnote references, formulas) as HTML, every text escaped.

Images are embedded as `data:` URIs, so the page is one file that can be mailed or opened
anywhere (the images are bounded by the run's input limits; a copy beside the page would be
a second thing to keep with it). Only files inside the session's `assets/` are read.
Formulas are MathML from temml (the converter's TeX engine, `converter/mathml.js`), which
Chromium, Firefox and Safari draw; one that does not convert is shown as `$TeX$` code.
"""

from __future__ import annotations

import base64
import contextlib
import json
import mimetypes
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path
from typing import Any

from agentic_docgen.blocks.runs import clickable
from agentic_docgen.core.nodejs import program_in

Run = dict[str, Any]
MATH_TIMEOUT_S = 120


def esc(text: str) -> str:
    """Text (and attribute values) for HTML: `& < > " '` escaped."""
    return escape(text, quote=True)


def color_style(run: Run) -> str:
    """The inline style of a coloured, bold, italic or underlined code/text run."""
    parts = []
    color = run.get("color")
    if (
        isinstance(color, str)
        and len(color) == 6
        and all(c in "0123456789abcdefABCDEF" for c in color)
    ):
        parts.append(f"color:#{color}")
    if run.get("bold"):
        parts.append("font-weight:bold")
    if run.get("italic"):
        parts.append("font-style:italic")
    if run.get("underline"):
        parts.append("text-decoration:underline")
    return ";".join(parts)


def code_line(runs: Iterable[Run]) -> str:
    """One line of a code block: its runs as spans (plain text unstyled)."""
    out = []
    for run in runs:
        text = esc(run.get("text", ""))
        style = color_style(run)
        out.append(f'<span style="{style}">{text}</span>' if style else text)
    return "".join(out)


class Inline:
    """Renders runs; keeps what spans the page: figure and footnote numbers, formulas."""

    def __init__(self, session_dir: Path, mathml: dict[tuple[str, bool], str | None]) -> None:
        self.assets = (session_dir / "assets").resolve()
        self.mathml = mathml
        self.figures = 0
        self.notes: dict[str, int] = {}  # footnote id -> its number, in order of reference
        self.in_note = False
        self.figure_label = "Figure"  # the theme's caption.figureLabel (see html.Page)

    def runs(self, runs: Iterable[Run]) -> str:
        return "".join(self.run(r) for r in runs)

    def run(self, run: Run) -> str:
        if run.get("break"):
            return "<br>"
        if "image" in run:
            return self.image(run["image"])
        if "missing_image" in run:
            ref = run["missing_image"].get("ref", "")
            return f'<span class="placeholder">[Missing image: {esc(ref)}]</span>'
        if "footnote" in run:
            return self.footnote(str(run["footnote"]))
        if "math" in run:
            return self.math(str(run["math"]), bool(run.get("display")))
        html = esc(run.get("text", ""))
        if run.get("code"):
            html = f"<code>{html}</code>"
        for flag, tag in (("bold", "strong"), ("italic", "em"), ("strike", "s")):
            if run.get(flag):
                html = f"<{tag}>{html}</{tag}>"
        if run.get("underline"):
            html = f"<u>{html}</u>"
        if run.get("superscript"):
            html = f"<sup>{html}</sup>"
        elif run.get("subscript"):
            html = f"<sub>{html}</sub>"
        if run.get("color"):
            style = color_style({"color": run["color"]})
            html = f'<span style="{style}">{html}</span>' if style else html
        if "link" in run:
            link = str(run["link"])
            href = f' href="{esc(link)}"' if link and clickable(link) else ""
            html = f"<a{href}>{html}</a>"
        return html

    def footnote(self, note_id: str) -> str:
        if self.in_note:
            return esc(f"[^{note_id.split(' ')[0]}]")
        n = self.notes.setdefault(note_id, len(self.notes) + 1)
        return f'<sup class="fnref"><a href="#fn-{n}" id="fnref-{n}">{n}</a></sup>'

    def math(self, tex: str, display: bool) -> str:
        mathml = self.mathml.get((tex, display))
        if mathml is None:
            code = f"<code>{esc(f'$${tex}$$' if display else f'${tex}$')}</code>"
            return f'<div class="math-display">{code}</div>' if display else code
        return f'<div class="math-display">{mathml}</div>' if display else mathml

    def image(self, image: dict[str, Any]) -> str:
        src = self.data_uri(str(image.get("path", "")))
        alt = str(image.get("alt", ""))
        if src is None:
            ref = Path(str(image.get("path", ""))).name
            return f'<span class="placeholder">[Missing image: {esc(ref)}]</span>'
        width = image.get("display_width") or image.get("width")
        size = f' width="{int(width)}"' if isinstance(width, int | float) and width > 0 else ""
        tag = f'<img src="{src}" alt="{esc(alt)}"{size}>'
        caption = image.get("caption")
        if not caption:
            return tag
        self.figures += 1
        label = f"{self.figure_label} {self.figures}: {caption}"
        return f"<figure>{tag}<figcaption>{esc(label)}</figcaption></figure>"

    def data_uri(self, path: str) -> str | None:
        """The image as a data: URI, read only from the session's assets/ (an image whose
        session moved since the parse is found there by its name)."""
        for candidate in (Path(path), self.assets / Path(path).name):
            with contextlib.suppress(OSError, ValueError):
                real = candidate.resolve()
                if real.parent == self.assets and real.is_file():
                    mime = mimetypes.guess_type(real.name)[0] or "application/octet-stream"
                    data = base64.b64encode(real.read_bytes()).decode("ascii")
                    return f"data:{mime};base64,{data}"
        return None


def formulas(blocks: list[dict[str, Any]]) -> Iterator[tuple[str, bool]]:
    """Every formula of the blocks (recursively), as (TeX, display)."""
    for b in blocks:
        cells: list[list[Run]] = [b.get("runs") or []]
        if b.get("type") == "table":
            cells += list(b.get("header", [])) + [c for row in b.get("rows", []) for c in row]
        for runs in cells:
            for r in runs:
                if "math" in r:
                    yield str(r["math"]), bool(r.get("display"))
        yield from formulas(b.get("blocks", []))
        for item in b.get("items", ()):
            yield from formulas(item.get("blocks", []))


def to_mathml(
    items: list[tuple[str, bool]], node: str, converter_dir: Path
) -> dict[tuple[str, bool], str | None]:
    """MathML for each formula (None where it did not convert), in one Node process."""
    if not items:
        return {}
    unique = list(dict.fromkeys(items))
    found = {item: None for item in unique}  # type: dict[tuple[str, bool], str | None]
    exe = shutil.which(node) or node
    request = json.dumps([{"tex": t, "display": d} for t, d in unique])
    try:
        proc = subprocess.run(
            [exe, str(program_in(converter_dir, "mathml").script)],
            input=request,
            capture_output=True,
            text=True,
            timeout=MATH_TIMEOUT_S,
            check=False,
        )
        answers = json.loads(proc.stdout) if proc.returncode == 0 else []
    except (OSError, subprocess.TimeoutExpired, ValueError):
        answers = []
    for item, answer in zip(unique, answers, strict=False):
        found[item] = answer if isinstance(answer, str) else None
    return found
