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


def by_target(pending: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The missing references grouped by the file they name (`target`; a reference paused
    by an older docgen has none: its own group), in the order the files first appear."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for p in pending:
        groups.setdefault(f"{p['kind']}:{p.get('target') or p['ref']}", []).append(p)
    return list(groups.values())


def where(refs: Sequence[dict[str, Any]], shown: int = 5) -> str:
    """ "guide.md:3, guide.md:9, … and 3 more": where a missing file is referenced."""
    places = [f"{p['file']}:{p['line']}" if p["line"] else p["file"] for p in refs]
    more = f", … and {len(places) - shown:,} more" if len(places) > shown else ""
    return ", ".join(places[:shown]) + more


def missing_line(refs: Sequence[dict[str, Any]]) -> str:
    """One missing file and every reference to it, on one line."""
    if len(refs) == 1:
        first = refs[0]
        return f"{where(refs)}: missing {first['kind']} {first['ref']} ({first['reason']})"
    return f"missing {_many(refs)}"


def question(refs: Sequence[dict[str, Any]]) -> str:
    """What the prompt asks about one missing file and every reference to it."""
    if len(refs) == 1:
        first = refs[0]
        return f"{first['kind']} {first['ref']} referenced at {where(refs)} ({first['reason']})"
    return _many(refs)


def _many(refs: Sequence[dict[str, Any]]) -> str:
    """ "link gone.md, referenced 5 times: a.md:3, … (file not found)"."""
    first = refs[0]
    target = first.get("target") or first["ref"]
    return (
        f"{first['kind']} {target}, referenced {len(refs):,} times: {where(refs)}"
        f" ({first['reason']})"
    )


def pending_lines(pending: Sequence[dict[str, Any]], shown: int = PENDING_SHOWN) -> list[str]:
    """The missing files a paused run lists (one line each, with its references): the first
    `shown`, then how many more."""
    groups = by_target(pending)
    lines = [f"  {missing_line(refs)}" for refs in groups[:shown]]
    if len(groups) > shown:
        lines.append(f"  … and {len(groups) - shown:,} more (the full list is in --json)")
    return lines


# The answers a prompt takes about a missing file, as words or their letters (any case,
# spaces around ignored); an empty answer is the default, skip.
CHOICES = {
    "provide": "provide", "p": "provide",
    "skip": "skip", "s": "skip", "": "skip",
    "all": "all", "a": "all", "skip all": "all", "skip_all": "all",
    "abort": "abort", "b": "abort",
}  # fmt: skip


def choice(answer: str) -> str | None:
    """provide, skip, all or abort for an answer typed at the prompt; None: not one."""
    return CHOICES.get(" ".join(answer.split()).lower())
