"""Parts: a folder of many files, grouped by its top-level subfolders (issue 24).

When the inputs have subfolders and there are more than PARTS_MIN_FILES of them (or
`--group folders`), the offline plan makes each top-level subfolder a **part**: a Heading 1
titled by the subfolder's README/index title, else its name; its files are chapters at
Heading 2, their own headings shifted below with no skipped level. Top-level files come
first, as Heading 1 chapters. (`--group none`: one Heading 1 chapter per file, as always.)
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Literal

from agentic_docgen.markdown.metadata import INDEX_NAMES  # a folder's front page: one rule

Group = Literal["auto", "folders", "none"]
GROUPS: tuple[Group, ...] = ("auto", "folders", "none")
PARTS_MIN_FILES = 50  # `auto` groups a folder of more files than this (with subfolders)
PARTS_TOC_LEVELS = 2  # the contents of a document in parts: parts and chapters


def part_of(name: str) -> str | None:
    """The top-level subfolder an input is in (None for a file at the top)."""
    return name.split("/", 1)[0] if "/" in name else None


def is_part_index(name: str) -> bool:
    """Is this input the README or index of its part (directly in the subfolder)?"""
    return name.count("/") == 1 and _is_index(name)


def wants_parts(names: Sequence[str], group: Group) -> bool:
    """Does a run with these inputs (in their natural order) get parts?"""
    if group == "none":
        return False
    has_parts = any(part_of(n) for n in names)
    return has_parts and (group == "folders" or len(names) > PARTS_MIN_FILES)


def _is_index(name: str) -> bool:
    return posixpath.basename(name).lower() in INDEX_NAMES


def in_part_order(names: Sequence[str]) -> list[str]:
    """The inputs in the order of a document in parts: the top-level files (the folder's
    README/index first), then each part (in the order its first file comes) with its
    README/index first."""
    top = sorted((n for n in names if part_of(n) is None), key=lambda n: not _is_index(n))
    parts: dict[str, list[str]] = {}
    for n in names:
        part = part_of(n)
        if part is not None:
            parts.setdefault(part, []).append(n)
    ordered = list(top)
    for members in parts.values():
        ordered += sorted(members, key=lambda n: not is_part_index(n))  # stable
    return ordered


def chapter_level(names: Sequence[str], index: int) -> tuple[int, str | None]:
    """The heading level of chapter `index` in a document in parts, and the part heading
    to write before it (the subfolder's name) when it opens a part without an index file;
    a part's index file is its part's Heading 1 (its title is the part's title)."""
    name = names[index]
    part = part_of(name)
    if part is None:
        return 1, None
    opens = index == 0 or part_of(names[index - 1]) != part
    if opens and is_part_index(name):
        return 1, None
    return 2, (part if opens else None)
