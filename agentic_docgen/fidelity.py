"""The fidelity receipt: every line the tools copied verbatim is found in the .docx, in order.

Checked: `code`/`text` spans (fenced: each source line is one code paragraph, exactly) and
`prose` spans (each source line's words appear in the body text, in order). `markdown` spans
are re-formatted by design (markup becomes styles) and are not part of the receipt.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .mdjson import visible
from .sources import split_lines

_SPACE = re.compile(r"\s+")


def _spans(session_dir: Path) -> list[dict[str, Any]]:
    path = session_dir / "spans.jsonl"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        spans = [json.loads(line) for line in fh if line.strip()]
    return sorted(spans, key=lambda s: s["md_first"])


def fidelity_receipt(session_dir: Path, code: list[str], body: list[str]) -> dict[str, Any]:
    sources: dict[str, list[str]] = {}
    total = found = 0
    missing: list[dict[str, Any]] = []
    code_pos = 0
    body_text = "\n".join(_SPACE.sub(" ", t) for t in body)
    body_pos = 0
    for span in _spans(session_dir):
        if span["as"] not in ("code", "text", "prose"):
            continue
        name = span["file"]
        if name not in sources:
            sources[name] = split_lines((session_dir / "inputs" / name).read_text("utf-8"))
        for number in range(span["start"], span["end"] + 1):
            line = visible(sources[name][number - 1])
            if span["as"] == "prose":
                want = _SPACE.sub(" ", line).strip()
                if not want:
                    continue
                total += 1
                at = body_text.find(want, body_pos)
                if at >= 0:
                    found += 1
                    body_pos = at + len(want)
                    continue
            else:
                total += 1
                try:
                    code_pos = code.index(line, code_pos) + 1
                    found += 1
                    continue
                except ValueError:
                    pass
            if len(missing) < 20:
                missing.append({"file": name, "line": number, "text": line[:80]})
    return {
        "checked_lines": total,
        "found": found,
        "missing": missing,
        "missing_count": total - found,
        "score": round(100.0 * found / total, 2) if total else 100.0,
    }
