"""The files of the given paths that are no chapter, as the run reports them: one warning
each (the terminal groups alike ones, entry/messages.py) and the `skipped` list of --json."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote

from agentic_docgen.core.settings import IMAGE_EXTENSIONS
from agentic_docgen.session.inputs import InputFile, Skipped, read_text

REFERENCED = "referenced as an image (embedded where a document shows it)"
# an image file name as a markdown or HTML reference writes it (the path before it ignored)
_IMAGE_NAME = re.compile(
    r"[^\s/\\()<>\"'\[\]|=]+\.(?:" + "|".join(e[1:] for e in sorted(IMAGE_EXTENSIONS)) + r")\b",
    re.IGNORECASE,
)


def referenced_images(files: list[InputFile], skipped: list[Skipped]) -> list[Skipped]:
    """The skipped list with each image a markdown input names given the reason
    "referenced as an image" (by file name: the exact resolution is scan_assets' job)."""
    images = {s.rel for s in skipped if PurePosixPath(s.rel).suffix.lower() in IMAGE_EXTENSIONS}
    if not images:
        return skipped
    named: set[str] = set()
    for item in files:
        if item.rel.lower().endswith(".md"):
            text = read_text(item)
            named.update(unquote(m.group(0)).lower() for m in _IMAGE_NAME.finditer(text))
    return [
        Skipped(s.rel, REFERENCED, "image")
        if s.rel in images and PurePosixPath(s.rel).name.lower() in named
        else s
        for s in skipped
    ]


def skipped_warnings(skipped: list[Skipped]) -> list[str]:
    """One warning per skipped file, naming it and why."""
    return [f"skipped {s.rel}: {s.reason}" for s in skipped]
