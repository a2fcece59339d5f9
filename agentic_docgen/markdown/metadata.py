"""Document metadata: flags, else the first input's YAML front matter, else defaults."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

_FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)[ \t]*$")


def front_matter_end(lines: list[str]) -> int:
    """Number of lines taken by a YAML front matter block at the top (0 when none)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for i in range(1, min(len(lines), 200)):
        if _FRONT_MATTER_END.match(lines[i]):
            return i + 1
    return 0


def default_author() -> str:
    """The account's full name (GECOS), else its login name; never empty."""
    try:
        import pwd

        entry = pwd.getpwuid(os.getuid())
        return entry.pw_gecos.split(",")[0].strip() or entry.pw_name
    except (ImportError, KeyError, OSError):
        return os.environ.get("USER") or os.environ.get("USERNAME") or "docgen"


def title_from_folder(folder: str) -> str:
    name = Path(folder).name.replace("_", " ").replace("-", " ").strip()
    return name[:1].upper() + name[1:] if name else "Document"


def front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of a markdown text as a dict ({} when absent or invalid)."""
    lines = text.split("\n", 200)[:200]
    end = front_matter_end(lines)
    if not end:
        return {}
    import yaml

    try:
        data = yaml.safe_load("\n".join(lines[1 : end - 1]))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value if v is not None) or None
    if isinstance(value, dict):
        return str(value.get("name") or "") or None
    return str(value).strip() or None


def document_meta(
    inputs_dir: Path, input_files: list[str], input_dir: str, flags: dict[str, Any]
) -> dict[str, Any]:
    """title, author, date, subtitle: flag > first front matter that has it > default."""
    found: dict[str, str] = {}
    for name in input_files:
        if not name.lower().endswith(".md"):
            continue
        fm = front_matter((inputs_dir / name).read_text(encoding="utf-8")[:20_000])
        for key, aliases in (
            ("title", ("title",)),
            ("author", ("author", "authors")),
            ("date", ("date",)),
            ("subtitle", ("subtitle", "description")),
        ):
            for alias in aliases:
                value = _text(fm.get(alias))
                if value and key not in found:
                    found[key] = value
        if {"title", "author", "date"} <= found.keys():
            break
    return {
        "title": flags.get("title") or found.get("title") or title_from_folder(input_dir),
        "author": flags.get("author") or found.get("author") or default_author(),
        "date": found.get("date") or datetime.now(UTC).date().isoformat(),
        "subtitle": found.get("subtitle"),
    }
