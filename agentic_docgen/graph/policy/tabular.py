"""The offline plans of the inputs that are neither markdown, text nor logs: a .csv/.tsv
becomes a chapter holding a Word table (preformatted, with a note, when it cannot be one);
another text file (`--include`, or a file given by name) a chapter holding its highlighted
code."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from agentic_docgen.core.language import label
from agentic_docgen.graph.tools.sources import Source
from agentic_docgen.markdown import csvtable
from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown.metadata import file_title

Plan = Callable[[Source, int], list[dict[str, Any]]]


def _call(name: str, **args: Any) -> dict[str, Any]:
    return {"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:12]}", "type": "tool_call"}


def _heading(src: Source, level: int) -> dict[str, Any]:
    title = mdtext.escape_prose_line(
        mdtext.one_line(file_title(src.name))
    )  # no folder, no extension
    return _call("append_markdown", text="#" * level + " " + title)


def plan_table(src: Source, level: int = 1, lang: str = "en") -> list[dict[str, Any]]:
    calls = [_heading(src, level)]
    if not any(line.strip() for line in src.lines):
        return calls
    shape = csvtable.shape(src.lines, csvtable.delimiter(src.lines, src.kind))
    if not shape.reason:
        return [*calls, _call("append_table", file=src.name)]
    note = mdtext.escape_prose_line(label(lang, "not_a_table", reason=shape.reason))
    return [
        *calls,
        _call("append_markdown", text=f"*{note}*"),
        _call("append_source", file=src.name, start_line=1, end_line=len(src.lines), as_="text"),
    ]


@lru_cache(maxsize=256)
def language_of(name: str) -> str | None:
    """The Pygments name of a file's language, by its name (None: unknown)."""
    from pygments.lexers import find_lexer_class_for_filename

    try:
        lexer = find_lexer_class_for_filename(PurePosixPath(name).name)
    except Exception:  # a plugin lexer that fails to load: shown plain
        return None
    return lexer.aliases[0] if lexer is not None and lexer.aliases else None


def plan_code(src: Source, level: int = 1) -> list[dict[str, Any]]:
    calls = [_heading(src, level)]
    if src.lines:
        calls.append(
            _call(
                "append_source",
                file=src.name,
                start_line=1,
                end_line=len(src.lines),
                as_="code",
                language=language_of(src.name) or "text",
            )
        )
    return calls


def other_plan(kind: str) -> Plan | None:
    """The plan of an input kind (its extension) that is not markdown, text or a log."""
    if kind in ("csv", "tsv"):
        return plan_table
    if kind in ("md", "log", "txt"):
        return None
    return plan_code
