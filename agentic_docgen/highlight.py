"""Coloured runs for code blocks: Pygments tokens for code, levels for logs.

Both return one list of runs per line whose texts add up to the line exactly, or None when
the block is shown plain (unknown language, or a lexer that would not round-trip the text).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .sources import TIMESTAMP_RE, line_level

PYGMENTS_STYLE = "default"
LEVEL_STYLE: dict[str, dict[str, Any]] = {
    "FATAL": {"color": "C00000", "bold": True},
    "ERROR": {"color": "C00000"},
    "WARN": {"color": "B45309"},
    "DEBUG": {"color": "6B7280"},
    "TRACE": {"color": "9CA3AF"},
}
MAX_HIGHLIGHT_CHARS = 2_000_000  # larger code blocks stay plain (still verbatim)
_CONTINUATION = re.compile(r"^(\s|Traceback|Caused by|\.\.\.|at |[A-Za-z_.]+(Error|Exception)\b)")


@lru_cache(maxsize=64)
def _lexer(language: str) -> Any:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language, stripnl=False, stripall=False, ensurenl=False)
    except ClassNotFound:
        return None


@lru_cache(maxsize=1)
def _style() -> Any:
    from pygments.styles import get_style_by_name

    return get_style_by_name(PYGMENTS_STYLE)


def _run(text: str, ttype: Any) -> dict[str, Any]:
    run: dict[str, Any] = {"text": text}
    if text.isspace():
        return run
    spec = _style().style_for_token(ttype)
    if spec.get("color"):
        run["color"] = spec["color"].upper()
    if spec.get("bold"):
        run["bold"] = True
    if spec.get("italic"):
        run["italic"] = True
    return run


def code_lines(text: str, language: str | None) -> list[list[dict[str, Any]]] | None:
    """Syntax-highlighted runs per line, or None (plain)."""
    if not language or not text or len(text) > MAX_HIGHLIGHT_CHARS:
        return None
    if language.lower() in ("text", "plain", "plaintext", "txt", "none", "log"):
        return None
    lexer = _lexer(language.lower())
    if lexer is None:
        return None
    lines: list[list[dict[str, Any]]] = [[]]
    for ttype, value in lexer.get_tokens(text):
        parts = value.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append(_run(part, ttype))
    expected = text.split("\n")
    if len(lines) != len(expected) or any(
        "".join(r["text"] for r in runs) != line for runs, line in zip(lines, expected, strict=True)
    ):
        return None  # the lexer changed the text: show it plain rather than altered
    return [_merge(runs) for runs in lines]


def _merge(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for run in runs:
        if out and {k: v for k, v in out[-1].items() if k != "text"} == {
            k: v for k, v in run.items() if k != "text"
        }:
            out[-1] = {**out[-1], "text": out[-1]["text"] + run["text"]}
        else:
            out.append(run)
    return out


def log_lines(text: str) -> list[list[dict[str, Any]]]:
    """Each log line as one run coloured by its level; continuation lines (stack traces,
    indented lines without a timestamp) take the level of the line they continue."""
    out: list[list[dict[str, Any]]] = []
    current: str | None = None
    for line in text.split("\n"):
        level = line_level(line)
        if level:
            current = level
        elif TIMESTAMP_RE.search(line[:60]) or not _CONTINUATION.match(line):
            current = None
        style = LEVEL_STYLE.get(current or "", {})
        out.append([{"text": line, **style}] if line else [])
    return out
