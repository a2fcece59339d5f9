"""The internal marks of the generated markdown: written by the tools, read by the parser.
Each mark has one definition here; every writer and reader imports it.

- a **source mark**, `<!-- docgen:source:NONCE FILE -->`, stands before the first span of each
  input file, so the parser knows which chapter and headings belong to which file;
- an **internal link** target, `docgen-NONCE:FILE#anchor`, a link from one input to another
  (or to a heading of its own), resolved by the parser to a bookmark;
- a **missing link** target, `docgen-missing-NONCE:REF`, a link to a file that is missing,
  shown by the parser as its text and a visible note.

The NONCE is the session's own (from its id, a random UUID): a user who types a mark in a
source file cannot know it, so what they typed is never read as a mark. It stays their text:
a comment, or a link whose scheme is not clickable (blocks/runs.py `clickable`).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, unquote

# a heading, or a line that looks like a source mark (where a fence left open is closed)
HEADING_OR_MARK = re.compile(r"^(#{1,6}[ \t]+\S|<!-- docgen:source)")
_MARK_SAFE = "/ ._-+()[]~,"
# file-name characters kept as they are in a source mark
_CHAPTER_HEADING = re.compile(r"^#{1,6}[ \t]")  # the heading the tools write for a chapter


class Dialect:
    """The marks of one session."""

    def __init__(self, session_dir: Path) -> None:
        nonce = re.sub(r"[^0-9a-z]", "", session_dir.name.lower())[:16] or "0"
        self.internal_prefix = f"docgen-{nonce}:"
        self.missing_prefix = f"docgen-missing-{nonce}:"
        self._mark_head = f"<!-- docgen:source:{nonce} "
        self._mark = re.compile(rf"^{re.escape(self._mark_head)}(.+?) -->$")

    def source_mark(self, file: str) -> str:
        """The mark line written before the first span of `file`."""
        return f"{self._mark_head}{quote(file, safe=_MARK_SAFE)} -->"

    def marked_source(self, line: str) -> str | None:
        """The input file a source mark line names (None when the line is no mark)."""
        m = self._mark.match(line)
        return unquote(m.group(1)) if m else None

    def file_starts(self, lines: list[str]) -> list[int]:
        """Where each input file's part of the document starts (0-based line indexes, the
        first part excluded): at its source mark, or at the heading written for its chapter
        just before it (a heading line, then blank lines only, then the mark)."""
        starts: list[int] = []
        for i, line in enumerate(lines):
            if line.startswith(self._mark_head) and self._mark.match(line):
                k = i
                while k > 0 and not lines[k - 1].strip():
                    k -= 1
                while k > 0 and _CHAPTER_HEADING.match(lines[k - 1]):
                    k -= 1
                if k > (starts[-1] if starts else 0):
                    starts.append(k)
        return starts

    def internal_target(self, file: str, anchor: str = "") -> str:
        """The link target of a heading (`anchor`, lower case) or the start of input `file`."""
        return f"{self.internal_prefix}{file}{'#' + anchor if anchor else ''}"

    def missing_target(self, ref: str) -> str:
        """The link target that shows `ref` as a missing file."""
        return self.missing_prefix + ref

    def plain(self, text: str) -> str:
        """`text` with the session's marks in their plain form (`<!-- docgen:source F -->`,
        `docgen:F`, `docgen-missing:R`): what the model is shown of the document, the same
        in every session (so a response cache recognises the same question)."""
        return (
            text.replace(self._mark_head, "<!-- docgen:source ")
            .replace(self.missing_prefix, "docgen-missing:")
            .replace(self.internal_prefix, "docgen:")
        )
