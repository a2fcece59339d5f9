"""Coloured runs for code blocks: Pygments tokens for code, levels for logs.

Both return one list of runs per line whose texts add up to the line exactly, or None when
the block is shown plain (unknown language, or a lexer that would not round-trip the text).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import repeat
from typing import Any

from agentic_docgen.blocks.contract import visible
from agentic_docgen.blocks.runs import merge_runs
from agentic_docgen.markdown import ansi
from agentic_docgen.markdown.logs import LEVEL_NAMES, TIMESTAMP_RE, level_words

PYGMENTS_STYLE = "default"
LEVEL_STYLE: dict[str, dict[str, Any]] = {
    "FATAL": {"color": "C00000", "bold": True},
    "ERROR": {"color": "C00000"},
    "WARN": {"color": "B45309"},
    "DEBUG": {"color": "6B7280"},
    "TRACE": {"color": "9CA3AF"},
}
MAX_HIGHLIGHT_CHARS = 2_000_000  # larger code blocks stay plain (still verbatim)
MAX_ANSI_RUNS = 1000  # changes of format shown in one line of terminal output
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
    style = _style()
    # A lexer can make token types after the style was built (YAML's Literal.Scalar.Plain):
    # such a type is styled as its nearest ancestor the style knows.
    while not style.styles_token(ttype) and ttype.parent is not None:
        ttype = ttype.parent
    spec = style.style_for_token(ttype)
    if spec.get("color"):
        run["color"] = spec["color"].upper()
    if spec.get("bold"):
        run["bold"] = True
    if spec.get("italic"):
        run["italic"] = True
    return run


def highlighted(language: str | None, size: int) -> bool:
    """Would code_lines colour a block of this language and size (without lexing it)?"""
    if not language or not size or size > MAX_HIGHLIGHT_CHARS:
        return False
    if language.lower() in ("text", "plain", "plaintext", "txt", "none", "log"):
        return False
    return _lexer(language.lower()) is not None


def code_lines(text: str, language: str | None) -> list[list[dict[str, Any]]] | None:
    """Syntax-highlighted runs per line, or None (plain)."""
    if not language or not highlighted(language, len(text)):
        return None
    lexer = _lexer(language.lower())
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
    return [merge_runs(runs) for runs in lines]


def _levels(lines: Iterable[str], found: list[str] | None = None) -> Iterator[str | None]:
    """The level each log line is shown in: its own, or for a continuation line (stack
    traces, indented lines without a timestamp) the level of the line it continues.
    `found`: the level word each line states (sources.level_words), when already known."""
    current: str | None = None
    timestamp_search = TIMESTAMP_RE.search
    continuation = _CONTINUATION.match
    words = found if found is not None else level_words(list(lines))
    for line, word in zip(lines, words, strict=True):
        if word:
            current = LEVEL_NAMES[word]
        elif timestamp_search(line, 0, 60) or not continuation(line):
            current = None
        yield current


def log_lines(text: str) -> list[list[dict[str, Any]]]:
    """Each log line as one run coloured by its level (see _levels)."""
    lines = text.split("\n")
    return [
        [{"text": line, **LEVEL_STYLE.get(level or "", {})}] if line else []
        for line, level in zip(lines, _levels(lines), strict=True)
    ]


def ansi_lines(text: str, language: str | None) -> tuple[str, list[list[dict[str, Any]]]]:
    """A block holding terminal escape sequences (markdown.ansi): its text without them, and
    per line the runs their SGR states give (texts made visible, as the parser shows `text`).
    A log's lines start from their level's colour (log_lines); a colour, bold, italic or
    underline the sequences set wins over it. A line is at most MAX_ANSI_RUNS runs."""
    plain = ansi.strip(text)
    lines = plain.split("\n")
    levels = _levels(lines) if language == "log" else repeat(None)
    out: list[list[dict[str, Any]]] = []
    for pieces, level in zip(ansi.styled_lines(text, MAX_ANSI_RUNS), levels, strict=False):
        base = LEVEL_STYLE.get(level or "", {})
        runs = []
        for piece, pen in pieces:
            run: dict[str, Any] = {"text": visible(piece), **base}
            if pen.color:
                run["color"] = pen.color
            if pen.bold:
                run["bold"] = True
            if pen.italic:
                run["italic"] = True
            if pen.underline:
                run["underline"] = True
            runs.append(run)
        out.append(merge_runs(runs))
    return plain, out


LOG_PALETTE: list[dict[str, Any]] = [{}, *LEVEL_STYLE.values()]
_PALETTE_CHAR = {level: str(i) for i, level in enumerate(LEVEL_STYLE, 1)}


_WORD_CHAR: dict[str, str | None] = {
    word: _PALETTE_CHAR.get(level, "0") for word, level in LEVEL_NAMES.items()
}
_WORD_CHAR[""] = None  # no level word: decided by _levels' rule for such lines


def log_line_styles(lines: list[str], found: list[str] | None = None) -> str:
    """log_lines' colours for a code `body` (docs/json-contract.md): one character per line,
    the index of its style in LOG_PALETTE. `found`: as for _levels. The lines that state a
    level are mapped at C speed; only the others go through _levels' rule (a continuation
    line takes the colour of the line before it), in order: 0.4 s to 0.1 s for 1 million."""
    words = found if found is not None else level_words(list(lines))
    chars = list(map(_WORD_CHAR.__getitem__, words))
    timestamp_search = TIMESTAMP_RE.search
    continuation = _CONTINUATION.match
    i = -1
    with contextlib.suppress(ValueError):  # .index: no line without a level word is left
        while True:
            i = chars.index(None, i + 1)
            line = lines[i]
            if i == 0 or timestamp_search(line, 0, 60) or not continuation(line):
                chars[i] = "0"
            else:
                chars[i] = chars[i - 1]
    return "".join(chars)  # type: ignore[arg-type]
