"""`--format md`: the session's markdown as a clean standalone file.

The session's markdown (`temp_output.md`) is the document: every source line copied by
reference, plus the session's internal marks (markdown/dialect.py). The export keeps every
line as it is and takes the marks out:
- a source mark line is dropped (with the blank line after it);
- an internal link `docgen-NONCE:FILE#anchor` points at the heading the parser resolved it to
  (`links.json`), by the anchor GitHub and most renderers give that heading in this document
  (its text, lower case, punctuation dropped, `-1`, `-2`… for a repeated one);
- a link to a missing file gets back the destination its author wrote;
- an image copied into the session's `assets/` is copied into a folder beside the file,
  named after it (`notes.md` → `notes_files/`), and its references point there.
A YAML front matter block gives the title, author and date the .docx's title page shows.
The file is read and written line by line.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from agentic_docgen.blocks.parser import github_slug
from agentic_docgen.export.html import headings
from agentic_docgen.markdown.dialect import Dialect
from agentic_docgen.markdown.lines import destinations_starting

ASSETS = "assets/"


def images_folder(out: Path) -> Path:
    """The folder beside a markdown file that holds its images: `<stem>_files`."""
    return out.with_name(f"{out.stem}_files")


def heading_anchors(structure: dict[str, Any]) -> dict[str, str]:
    """Each heading id of the document → the anchor a markdown renderer gives that heading
    (GitHub's rule, a repeated anchor numbered in document order)."""
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    for h in headings(structure.get("blocks", [])):
        slug = github_slug("".join(r.get("text", "") for r in h.get("runs", [])))
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out[h.get("id", "")] = slug if n == 0 else f"{slug}-{n}"
    return out


def write_markdown(
    session_dir: Path, structure: dict[str, Any], out: Path, final: Path | None = None
) -> list[str]:
    """Write the clean markdown to `out`, a file that will be `final` (default: `out`); its
    images go into the folder named after `final`. Returns the names of the images copied."""
    images = images_folder(final or out)
    cleaner = _Cleaner(session_dir, structure, quote(images.name))
    with (
        (session_dir / "temp_output.md").open(encoding="utf-8", newline="") as src,
        out.open("w", encoding="utf-8", newline="") as dst,
    ):
        dst.write(front_matter(structure.get("meta", {})))
        for line in cleaner.lines(src):
            dst.write(line)
    if cleaner.used:
        images.mkdir(parents=True, exist_ok=True)
        for name in sorted(cleaner.used):
            shutil.copyfile(session_dir / "assets" / name, images / name)
    return sorted(cleaner.used)


def front_matter(meta: dict[str, Any]) -> str:
    """The YAML front matter of the title page's fields (none: no block)."""
    fields = {
        "title": meta.get("title"),
        "subtitle": meta.get("subtitle"),
        "author": meta.get("author"),
        "date": meta.get("date") or str(meta.get("created") or "")[:10],
    }
    kept = {k: str(v) for k, v in fields.items() if isinstance(v, str) and v.strip()}
    if not kept:
        return ""
    return "---\n" + yaml.safe_dump(kept, allow_unicode=True, sort_keys=False) + "---\n\n"


class _Cleaner:
    def __init__(self, session_dir: Path, structure: dict[str, Any], folder: str) -> None:
        self.dialect = Dialect(session_dir)
        self.assets = session_dir / "assets"
        self.folder = folder
        links = session_dir / "links.json"
        self.links: dict[str, str] = json.loads(links.read_text("utf-8")) if links.exists() else {}
        self.anchors = heading_anchors(structure)
        d = self.dialect
        self.pattern = destinations_starting([d.internal_prefix, d.missing_prefix, ASSETS])
        self.used: set[str] = set()

    def lines(self, src: Any) -> Iterator[str]:
        previous_blank, skip_blank = True, False
        for line in src:
            body = line.rstrip("\n")
            if self.dialect.marked_source(body) is not None:
                skip_blank = previous_blank
                continue
            if skip_blank and not body.strip():
                skip_blank = False
                continue
            skip_blank = False
            previous_blank = not body.strip()
            if "](" in line or "]:" in line or "src" in line:
                line = self.pattern.sub(self._destination, line)
            yield line

    def _destination(self, m: re.Match[str]) -> str:
        lead, dest = m.group(1), m.group(2)
        d = self.dialect
        if dest.startswith(d.internal_prefix):
            ref = dest[len(d.internal_prefix) :]
            target = self.links.get(ref, "")
            anchor = self.anchors.get(target[1:]) if target else None
            return lead + "#" + (anchor or github_slug(ref.partition("#")[2]))
        if dest.startswith(d.missing_prefix):
            return lead + dest[len(d.missing_prefix) :]
        name = dest[len(ASSETS) :]
        if "/" in name or not (self.assets / name).is_file():
            return m.group(0)  # not an image the session copied: as written
        self.used.add(name)
        return f"{lead}{self.folder}/{name}"
