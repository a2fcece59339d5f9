"""Image references in markdown inputs (FC008, FC014): find, resolve, copy into assets/.

References are resolved against the referencing file's folder inside the *input folder*
(never the CWD); anything that resolves outside it is refused, URLs are never fetched.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from agentic_docgen.core.errors import SecurityError, ToolError
from agentic_docgen.core.settings import ALLOWED_EXTENSIONS, IMAGE_EXTENSIONS
from agentic_docgen.markdown import analysis
from agentic_docgen.markdown.dialect import Dialect
from agentic_docgen.markdown.lines import split_lines
from agentic_docgen.markdown.scan import MAX_NESTING, nesting_depth
from agentic_docgen.session.folder import Session
from agentic_docgen.session.paths import inside, resolve_within

_IMG_SRC = analysis.IMG_SRC
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^\s)>]+)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class ImageRef:
    file: str  # the input file (relative name) that references it
    ref: str  # the reference exactly as written
    line: int  # 1-based line of its first occurrence, 0 when not found

    @property
    def key(self) -> str:
        return f"{self.file}::{self.ref}"


def find_image_refs(file: str, text: str) -> list[ImageRef]:
    """Image references of a markdown text (code blocks and spans excluded), first-seen order."""
    refs: list[str] = []
    if "![" not in text and "<img" not in text.lower():
        return []  # nothing that could be an image: no need to parse
    lines = text.split("\n")
    if nesting_depth(lines) > MAX_NESTING:  # too deep to parse: a plain scan finds them
        refs = [m.group(1) for m in _MD_IMAGE.finditer(text)]
        refs += [next(g for g in m.groups() if g is not None) for m in _IMG_SRC.finditer(text)]
    else:
        refs = list(analysis.read(split_lines(text), inline=True).images or ())
    first = first_lines(lines, [ref for ref in refs if ref])
    return [ImageRef(file, ref, line) for ref, line in first.items()]


def find_link_refs(file: str, text: str) -> list[ImageRef]:
    """Links (not images) of a markdown text to local .md/.txt/.log files, first-seen order."""
    if "](" not in text and "]:" not in text:
        return []
    if nesting_depth(text.split("\n")) > MAX_NESTING:
        return []
    targets = _link_targets(split_lines(text))
    local: list[str] = []
    for target in targets:
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not path or is_remote(target):
            continue
        if Path(path).suffix.lower() in ALLOWED_EXTENSIONS:
            local.append(target)
    first = first_lines(text.split("\n"), local)
    return [ImageRef(file, target, line) for target, line in first.items()]


_DESTINATION = re.compile(
    r"""\]\(\s*<?([^\s)>]+)|^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)|\bsrc\s*=\s*["']?([^"'\s>]+)""", re.I
)
LINE_SCANS = 200  # references looked for line by line when not written as a plain destination


def first_lines(lines: list[str], refs: list[str]) -> dict[str, int]:
    """Each distinct reference (first-seen order) and the first line (1-based) where it is
    written as a link or image destination, a definition's or an `<img src>`; one pass over
    the lines for all of them (issue 21: a scan of the lines per reference was quadratic on
    50,000 links). A reference written otherwise (escaped, split over lines) is looked for
    line by line, for the first LINE_SCANS of them; the rest get 0 (the file is named)."""
    wanted = dict.fromkeys(refs, 0)
    for number, line in enumerate(lines, 1):
        if "](" not in line and "]:" not in line and "src" not in line.lower():
            continue
        for m in _DESTINATION.finditer(line):
            value = m.group(m.lastindex or 1)
            if wanted.get(value) == 0:
                wanted[value] = number
    for ref in [ref for ref, line in wanted.items() if line == 0][:LINE_SCANS]:
        wanted[ref] = next((i for i, s in enumerate(lines, 1) if ref in s), 0)
    return wanted


def _link_targets(lines: list[str]) -> list[str]:
    """The link targets of these lines, in order: from the reading kept when these lines were
    read before (the reference scan read the file, the copy reads its part after the title),
    else from a parse with the inline tokens (markdown/analysis)."""
    return list(analysis.read(lines, inline=True).links or ())


def internal_links(file: str, text: str, inputs: set[str], dialect: Dialect) -> dict[str, str]:
    """Links of a markdown text to another input file (or to a heading of its own file),
    mapped to `docgen:<input file>#<anchor>` targets the parser resolves to bookmarks."""
    if "](" not in text and "]:" not in text:
        return {}  # no inline link or link definition: nothing to rewrite
    return internal_link_lines(file, split_lines(text), inputs, dialect)


def internal_link_lines(
    file: str, lines: list[str], inputs: set[str], dialect: Dialect
) -> dict[str, str]:
    """internal_links of a text given as its lines (split on \\n only)."""
    if not any("](" in line or "]:" in line for line in lines):
        return {}
    if nesting_depth(lines) > MAX_NESTING:
        return {}
    targets = _link_targets(lines)
    base = posixpath.dirname(file)
    mapping: dict[str, str] = {}
    for target in targets:
        if not target or is_remote(target) or target in mapping:
            continue
        path, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(base, unquote(path))) if path else file
        if resolved in inputs:
            mapping[target] = dialect.internal_target(resolved, anchor.lower())
    return mapping


def is_remote(ref: str) -> bool:
    return bool(_SCHEME.match(ref)) and not ref.lower().startswith("file:")


def resolve_ref(input_dir: Path, file: str, ref: str) -> Path:
    """The image file a local reference points to; SecurityError outside the input folder."""
    clean = unquote(ref.split("#", 1)[0].split("?", 1)[0])
    if clean.lower().startswith("file:"):
        clean = clean[5:].lstrip("/")
        clean = "/" + clean
    base = (input_dir / file).parent
    candidate = Path(clean)
    resolved = (candidate if candidate.is_absolute() else base / candidate).resolve()
    if not inside(resolved, input_dir):
        raise SecurityError("image path resolves outside the input folder", path=ref)
    return resolved


def repair_ref(input_dir: Path, file: str, ref: str, images: list[str]) -> Path | None:
    """E005: a broken image path that can be resolved safely: Windows separators, wrong
    letter case, or a file name that exists exactly once in the input folder."""
    clean = unquote(ref.split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")
    base = posixpath.dirname(file)
    wanted = posixpath.normpath(posixpath.join(base, clean))
    by_lower = {p.lower(): p for p in images}
    if wanted in images:
        return input_dir / wanted
    if wanted.lower() in by_lower:
        return input_dir / by_lower[wanted.lower()]
    name = posixpath.basename(clean).lower()
    same = [p for p in images if posixpath.basename(p).lower() == name]
    return input_dir / same[0] if len(same) == 1 else None


def image_files(input_dir: Path, limit: int = 20_000) -> list[str]:
    """Relative paths of the image files in the input folder (hidden folders skipped; no
    deeper than discovery reads: os.walk recurses, and a tree 1,000 folders deep would
    exhaust the stack)."""
    found: list[str] = []
    top = len(input_dir.parts)
    for dirpath, dirnames, filenames in os.walk(input_dir):
        deep = len(Path(dirpath).parts) - top >= 63  # (session/discovery.py MAX_DEPTH)
        dirnames[:] = [] if deep else [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if Path(name).suffix.lower() in IMAGE_EXTENSIONS:
                found.append((Path(dirpath) / name).relative_to(input_dir).as_posix())
                if len(found) >= limit:
                    return found
    return found


def _unique_asset_name(assets: Path, src: Path) -> Path:
    dest = assets / src.name
    n = 2
    while dest.exists():
        if dest.stat().st_size == src.stat().st_size and dest.read_bytes() == src.read_bytes():
            return dest
        dest = assets / f"{src.stem}-{n}{src.suffix}"
        n += 1
    return dest


def copy_into_assets(session: Session, src: Path) -> str:
    """Copy an image file into assets/ (deduplicated); return its session-relative path."""
    if src.suffix.lower() not in IMAGE_EXTENSIONS:
        raise ToolError(f"{src.name}: not an image type ({', '.join(sorted(IMAGE_EXTENSIONS))})")
    if not src.is_file():
        raise ToolError(f"{src.name}: no such image file")
    size = src.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise ToolError(
            f"{src.name}: image of {size:,} bytes is over the"
            f" {MAX_IMAGE_BYTES // (1024 * 1024)} MB limit"
        )
    if src.suffix.lower() == ".svg":
        text, removed = sanitize_svg(src.read_text(encoding="utf-8", errors="replace"))
        dest = _unique_asset_name(session.assets, src)
        dest.write_text(text, encoding="utf-8")
        return f"assets/{dest.name}"
    else:
        check_pixels(src)
    dest = _unique_asset_name(session.assets, src)
    if not dest.exists():
        shutil.copyfile(src, dest)
    return f"assets/{dest.name}"


MAX_IMAGE_BYTES = 50 * 1024 * 1024
MAX_IMAGE_PIXELS = 60_000_000  # e.g. 10 000 x 6 000; larger is refused as an image bomb
_EXTERNAL_REF = re.compile(
    r"""\s(?:xlink:)?href\s*=\s*(?:"(?!#|data:)[^"]*"|'(?!#|data:)[^']*')""", re.I
)
_SVG_DANGER = re.compile(r"<!ENTITY|<!DOCTYPE[^>]*\[|<script\b|<foreignObject\b", re.I)


def sanitize_svg(text: str) -> tuple[str, int]:
    """Drop references to other files or URLs (href / xlink:href that are not #fragments or
    data: URIs); refuse entity declarations, scripts and foreign objects."""
    if _SVG_DANGER.search(text):
        raise ToolError("SVG with entities, scripts or foreign objects is not embedded")
    cleaned, removed = _EXTERNAL_REF.subn("", text)
    return cleaned, removed


def check_pixels(path: Path) -> None:
    """Refuse image bombs (huge pixel dimensions) before anything decodes them."""
    from PIL import Image

    try:
        with Image.open(path) as img:
            width, height = img.size
    except Exception as exc:  # not an image Pillow can read: let the converter decide
        raise ToolError(f"{path.name}: not a readable image ({type(exc).__name__})") from None
    if width * height > MAX_IMAGE_PIXELS:
        raise ToolError(f"{path.name}: {width}x{height} pixels is over the image size limit")


def copy_asset(session: Session, path: str, from_file: str | None = None) -> str:
    """The copy_image tool: a path relative to the referencing file, inside the input folder."""
    input_dir = Path(session.read_meta()["input_dir"])
    if is_remote(path):
        return f"[Image not fetched: {path}] (remote images are never downloaded)"
    try:
        if from_file:
            resolve_within(input_dir, from_file, what="file")
        src = resolve_ref(input_dir, from_file or "x", path)
        return copy_into_assets(session, src)
    except (SecurityError, ToolError) as exc:
        return f"[Image missing: {path}] ({exc})"
