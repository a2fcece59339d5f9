"""Titles and document metadata: flags, front matter, a README/index, defaults.

A chapter's title is its file's front matter `title`, else the heading its body opens with,
else the file's name without folder or extension. The document's title is `--title`, else
the top-level README/index's front matter title, else that file's first level-1 heading,
else the front matter title of the one markdown input that has one, else the folder's name.
The author is `--author`, else a front matter `author`/`authors`, else empty.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agentic_docgen.markdown import frontmatter
from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown import scan as mdscan

INDEX_NAMES = ("readme.md", "index.md", "_index.md")  # a folder's front page
_HEAD_LINES = 60  # a README's title heading is looked for in its first lines


@dataclass(frozen=True)
class ChapterHead:
    """What a markdown file's top gives its chapter."""

    title: str | None  # the front matter's title (plain text), None without one
    start: int  # index of the first body line (after a front matter read as metadata)
    text_end: int = 0  # >0: lines 1..text_end are a front matter not read, kept as text
    properties: str | None = None  # markdown: the front matter's other keys, shown


def chapter_head(lines: list[str]) -> ChapterHead:
    """The front matter at the top of a markdown file's lines, as its chapter uses it: the
    title, the other keys shown in one line, or (not readable safely) its lines as text.
    A block that is not a mapping is markdown (start 0): nothing of it is lost."""
    fm = frontmatter.read(lines)
    if fm is None:
        return ChapterHead(None, 0)
    if fm.data is None:
        return ChapterHead(None, fm.end, text_end=fm.end)
    title = frontmatter.value_text(fm.data.get("title")).strip() or None
    others = {k: v for k, v in fm.data.items() if k != "title"}
    return ChapterHead(title, fm.end, properties=properties_line(others) if others else None)


def properties_line(data: dict[str, Any]) -> str:
    """Front matter keys as one markdown paragraph: `*key:* value · *key:* value`."""

    def plain(text: str) -> str:
        return mdtext.escape_prose_line(" ".join(text.splitlines()))

    return " · ".join(
        f"*{plain(str(k))}:* {plain(frontmatter.value_text(v))}".rstrip() for k, v in data.items()
    )


def file_title(name: str) -> str:
    """A file's name as a title: no folder, no extension (`guides/a-b.md` → `a-b`)."""
    base = posixpath.basename(name)
    stem, ext = posixpath.splitext(base)
    return stem if stem and ext else base


def front_matter_end(lines: list[str]) -> int:
    """Number of lines taken by a front matter block read as metadata (0 when none)."""
    fm = frontmatter.read(lines)
    return fm.end if fm is not None and fm.data is not None else 0


def front_matter(text: str) -> dict[str, Any]:
    """The front matter of a markdown text as a dict ({} when absent or not readable)."""
    fm = frontmatter.read(mdtext.split_lines(text[: frontmatter.MAX_BYTES * 4]))
    return fm.data if fm is not None and fm.data is not None else {}


def title_from_folder(folder: str) -> str:
    name = Path(folder).name.replace("_", " ").replace("-", " ").strip()
    return name[:1].upper() + name[1:] if name else "Document"


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        return str(value.get("name") or "").strip() or None
    if isinstance(value, list | tuple):
        names = [_text(v) for v in value]
        return ", ".join(n for n in names if n) or None
    return frontmatter.value_text(value).strip() or None


_KEYS = (
    ("title", ("title",)),
    ("author", ("author", "authors")),
    ("date", ("date",)),
    ("subtitle", ("subtitle", "description")),
)


def _fields(data: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, aliases in _KEYS:
        for alias in aliases:
            value = _text(data.get(alias))
            if value and key not in out:
                out[key] = value
    return out


def _index_heading(path: Path) -> str | None:
    """The first level-1 heading in the first lines of a README/index (after its front
    matter), as plain text."""
    lines: list[str] = []
    with path.open(encoding="utf-8", errors="replace", newline="\n") as fh:
        for line in fh:
            lines.append(line.rstrip("\n"))
            if len(lines) >= frontmatter.MAX_LINES + _HEAD_LINES:
                break
    start = front_matter_end(lines)
    head = lines[start : start + _HEAD_LINES]
    if mdscan.nesting_depth(head) > mdscan.MAX_NESTING:  # too deep for the parser
        return None
    for first, last, level in mdtext.top_level_headings(head):
        if level == 1:
            return mdtext.heading_text(head, first, last) or None
    return None


def _is_index(name: str, input_files: list[str]) -> bool:
    return ("/" not in name and name.lower() in INDEX_NAMES) or len(input_files) == 1


def document_meta(
    inputs_dir: Path,
    input_files: list[str],
    input_dir: str,
    flags: dict[str, Any],
    warnings: list[str] | None = None,
) -> dict[str, Any]:
    """title, author, date, subtitle (see the module's docstring). A front matter that
    cannot be read safely is named in `warnings` (file and line)."""
    index: dict[str, str] = {}
    index_heading: str | None = None
    titled: list[dict[str, str]] = []
    first: dict[str, str] = {}
    for name in input_files:
        if not name.lower().endswith(".md"):
            continue
        fm = frontmatter.read_file(inputs_dir / name)
        if fm is not None and fm.data is None and warnings is not None:
            warnings.append(
                f"{name}:{fm.line}: {fm.kind.upper()} front matter not read ({fm.problem});"
                " its lines are kept as text"
            )
        fields = _fields(fm.data) if fm is not None and fm.data is not None else {}
        if _is_index(name, input_files) and not index:
            index = fields
            index_heading = None if "title" in fields else _index_heading(inputs_dir / name)
        if "title" in fields:
            titled.append(fields)
        if "author" in fields:
            first.setdefault("author", fields["author"])
    sole = titled[0] if len(titled) == 1 else {}  # the one page with a title names it
    from_sole = not (index.get("title") or index_heading)
    return {
        "title": flags.get("title")
        or index.get("title")
        or index_heading
        or sole.get("title")
        or title_from_folder(input_dir),
        "author": flags.get("author") or index.get("author") or first.get("author") or "",
        "date": index.get("date")
        or (sole.get("date") if from_sole else None)
        or datetime.now(UTC).date().isoformat(),
        "subtitle": index.get("subtitle") or (sole.get("subtitle") if from_sole else None),
    }


def declared_language(inputs_dir: Path, input_files: list[str], limit: int = 50) -> str | None:
    """The front matter `lang` (or `language`) of the README/index, else of the first of the
    first `limit` markdown files that has one, as written (None: none declares one)."""
    names = [n for n in input_files if n.lower().endswith(".md")][:limit]
    names.sort(key=lambda n: not _is_index(n, input_files))  # the index first
    for name in names:
        fm = frontmatter.read_file(inputs_dir / name)
        if fm is None or fm.data is None:
            continue
        value = _text(fm.data.get("lang") or fm.data.get("language"))
        if value:
            return value
    return None
