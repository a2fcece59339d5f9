"""The internal marks of the generated markdown: written by the tools, read by the parser.
Each mark has one definition here; every writer and reader imports it.

- a **source mark**, `<!-- docgen:source FILE -->`, stands before the first span of each input
  file, so the parser knows which chapter and headings belong to which file;
- an **internal link** target, `docgen:FILE#anchor`, a link from one input to another (or to
  a heading of its own), resolved by the parser to a bookmark;
- a **missing link** target, `docgen-missing:REF`, a link to a file that is missing, shown by
  the parser as its text and a visible note.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

INTERNAL_PREFIX = "docgen:"
MISSING_PREFIX = "docgen-missing:"
SOURCE_MARK = re.compile(r"^<!-- docgen:source (.+?) -->$")
HEADING_OR_MARK = re.compile(r"^(#{1,6}[ \t]+\S|<!-- docgen:source )")
_MARK_SAFE = "/ ._-+()[]~,"  # file-name characters kept as they are in a source mark


def source_mark(file: str) -> str:
    """The mark line written before the first span of `file`."""
    return f"<!-- docgen:source {quote(file, safe=_MARK_SAFE)} -->"


def marked_source(line: str) -> str | None:
    """The input file a source mark line names (None when the line is no mark)."""
    m = SOURCE_MARK.match(line)
    return unquote(m.group(1)) if m else None


def internal_target(file: str, anchor: str = "") -> str:
    """The link target of a heading (`anchor`, lower case) or the start of input `file`."""
    return f"{INTERNAL_PREFIX}{file}{'#' + anchor if anchor else ''}"


def missing_target(ref: str) -> str:
    """The link target that shows `ref` as a missing file."""
    return MISSING_PREFIX + ref
