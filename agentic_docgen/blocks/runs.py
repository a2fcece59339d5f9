"""Runs, the contract's inline unit (a text with its format, a break, an image, a footnote
reference): the rules that apply to any list of them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Run = dict[str, Any]


def merge_runs(runs: list[Run]) -> list[Run]:
    """Join adjacent text runs with the same formatting (smaller JSON, same document)."""
    out: list[Run] = []
    for run in runs:
        prev = out[-1] if out else None
        if (
            prev
            and "text" in prev
            and "text" in run
            and {k: v for k, v in prev.items() if k != "text"}
            == {k: v for k, v in run.items() if k != "text"}
        ):
            out[-1] = {**prev, "text": prev["text"] + run["text"]}
        else:
            out.append(run)
    return out


def walk_runs(blocks: list[dict[str, Any]], fn: Callable[[list[Run]], list[Run]]) -> None:
    """Apply fn(runs) -> runs to every run list in the blocks, recursively."""
    for b in blocks:
        if isinstance(b, str):  # a block already in its final JSON (parser.RawBlock)
            continue
        if "runs" in b:
            b["runs"] = fn(b["runs"])
        if b.get("type") == "table":
            b["header"] = [fn(c) for c in b["header"]]
            b["rows"] = [[fn(c) for c in row] for row in b["rows"]]
        if "blocks" in b:
            walk_runs(b["blocks"], fn)
        for item in b.get("items", ()):
            walk_runs(item["blocks"], fn)


# Link targets a reader expects to click: web and mail addresses, and (no scheme) anchors and
# relative paths. Anything else (javascript:, vbscript:, data:, file:, …) stays visible text.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "ftp"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060\ufeff]+")


def clickable(target: str) -> bool:
    """May this link target become a hyperlink? Judged as a browser reads it: with the
    whitespace, control and invisible characters a browser skips taken out of the scheme
    (entities were decoded by the parser already) and letter case ignored."""
    m = _SCHEME.match(_INVISIBLE.sub("", target).lower())
    return m is None or m.group(1) in LINK_SCHEMES
