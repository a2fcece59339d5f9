"""Front matter: the YAML (`---`) or TOML (`+++`) block at the top of a markdown file,
found and read safely, within bounds.

Only a block that opens on the first line, closes within MAX_LINES lines and whose YAML is
a mapping is front matter (TOML always is). A block whose YAML is not a mapping (`---` /
`Foo` / `---`, an empty block, a list, comments only) is markdown: `read` returns None and
the caller keeps those lines as markdown. A block that cannot be read safely (a syntax error,
a tag such as `!!python/object`, an alias bomb, a nesting or size over the limits, bytes YAML
refuses) is returned with `problem` set and no data: the caller keeps its lines as text and
names the file and line in a warning.

YAML is read with PyYAML's pure-Python safe loader (no object tags), nested at most
MAX_DEPTH levels while composing, and the node graph is measured with its aliases expanded
(at most MAX_EXPANDED nodes and characters) before anything is built from it: the 392-byte
"billion laughs" is refused in microseconds instead of growing to gigabytes
(markdown/frontyaml.py, imported only when a file opens with `---`: PyYAML's import is
about 0.05 s of every run).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

MAX_BYTES = 64 * 1024  # a front matter block larger than this is not read (kept as text)
MAX_LINES = 2000  # the closing delimiter is looked for on the lines up to this one
MAX_DEPTH = 50  # nesting of YAML collections
MAX_EXPANDED = 1_000_000  # nodes + scalar characters, aliases expanded

_CLOSERS = {"yaml": re.compile(r"^(---|\.\.\.)[ \t]*$"), "toml": re.compile(r"^\+\+\+[ \t]*$")}
_OPENERS = {"---": "yaml", "+++": "toml"}
_TOML_AT = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True)
class FrontMatter:
    kind: str  # "yaml" or "toml"
    end: int  # lines the block takes, both delimiters included
    data: dict[str, Any] | None  # the mapping; None when it could not be read
    problem: str | None = None  # why it could not be read
    line: int = 1  # the file's line the problem is on


def block_end(lines: list[str]) -> tuple[str, int] | None:
    """The kind of the delimited block on the first line and the number of lines it takes,
    or None (no opener, or no closer within MAX_LINES lines)."""
    if not lines:
        return None
    kind = _OPENERS.get(lines[0].rstrip(" \t\r"))
    if kind is None:
        return None
    closer = _CLOSERS[kind]
    for i in range(1, min(len(lines), MAX_LINES)):
        if closer.match(lines[i]):
            return kind, i + 1
    return None


def read(lines: list[str]) -> FrontMatter | None:
    """The front matter at the top of a file's lines (None when there is none)."""
    found = block_end(lines)
    if found is None:
        return None
    kind, end = found
    body = "\n".join(lines[1 : end - 1])
    if len(body.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        size = len(body.encode("utf-8", "surrogatepass")) // 1024
        return FrontMatter(kind, end, None, f"{size} KB, over the {MAX_BYTES // 1024} KB limit")
    if kind == "toml":
        return _read_toml(body, end)
    from agentic_docgen.markdown import frontyaml  # PyYAML only for a YAML block (issue 21)

    data, problem = frontyaml.load(body)
    if problem is not None:
        reason, line = problem
        return FrontMatter(kind, end, None, one_line_reason(reason), line)
    if not isinstance(data, dict):
        return None  # not a mapping: markdown (a rule, a setext heading, …)
    return FrontMatter(kind, end, {str(k): v for k, v in data.items()})


def read_file(path: Path) -> FrontMatter | None:
    """`read` on a file's first lines: at most up to its closing delimiter, MAX_LINES lines."""
    lines: list[str] = []
    with path.open(encoding="utf-8", errors="replace", newline="\n") as fh:
        for line in fh:
            lines.append(line.rstrip("\n"))
            if len(lines) == 1 and lines[0].rstrip(" \t\r") not in _OPENERS:
                return None
            if len(lines) > 1 and _CLOSERS[_OPENERS[lines[0].rstrip(" \t\r")]].match(lines[-1]):
                break
            if len(lines) >= MAX_LINES:
                break
    return read(lines)


def _read_toml(body: str, end: int) -> FrontMatter:
    try:
        return FrontMatter("toml", end, tomllib.loads(body))
    except tomllib.TOMLDecodeError as exc:
        text = str(exc)
        at = _TOML_AT.search(text)
        line = int(at.group(1)) + 1 if at else 1
        return FrontMatter("toml", end, None, one_line_reason(_TOML_AT.sub("", text)), line)
    except RecursionError:
        return FrontMatter("toml", end, None, "nested too deeply")


def one_line_reason(text: str) -> str:
    return " ".join(text.split())[:200]


def value_text(value: Any) -> str:
    """A front matter value as text, nothing left out: lists joined by ", ", mappings as
    "key: value; …", dates in ISO form, booleans as YAML writes them (line breaks stay)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(value_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    return str(value)
