"""What the terminal shows of a run's messages: a warning that repeats per file is one line.

2,000 links to missing files are 2,000 warnings in `--json` and in the session log, but one
line on stderr: the count, the first one, and where the full list is. Warnings are grouped by
their *shape*: the text with its file names, paths, references and numbers taken out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

SHOWN_ALIKE = 3  # a shape seen more often than this is summarised in one line
PENDING_SHOWN = 10  # missing references listed at a pause

# the variable parts of a warning: a token holding a path separator, a dot between word
# characters, a colon before a digit (file:line), or a number
_VARIABLE = re.compile(r"\S*(?:[/\\]|\w\.\w|:\d)\S*|\d[\d,.]*")


def shape(warning: str) -> str:
    """The warning with its variable parts replaced by '…' (the key warnings are grouped by)."""
    return _VARIABLE.sub("…", warning)


def summarise(warnings: Sequence[str], shown: int = SHOWN_ALIKE) -> list[str]:
    """The lines stderr shows for these warnings, in the order their shapes first appear."""
    groups: dict[str, list[str]] = {}
    for w in warnings:
        groups.setdefault(shape(w), []).append(w)
    out: list[str] = []
    for items in groups.values():
        if len(items) <= shown:
            out.extend(items)
        else:
            out.append(
                f"{len(items):,} warnings like this one (the full list is in --json and in the"
                f" session log); first: {items[0]}"
            )
    return out


def pending_lines(pending: Sequence[dict[str, Any]], shown: int = PENDING_SHOWN) -> list[str]:
    """The missing references a paused run lists: the first `shown`, then how many more."""
    lines = [
        f"  {p['file']}:{p['line']}: missing {p['kind']} {p['ref']} ({p['reason']})"
        for p in pending[:shown]
    ]
    if len(pending) > shown:
        lines.append(f"  … and {len(pending) - shown:,} more (the full list is in --json)")
    return lines
