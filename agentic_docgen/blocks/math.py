"""TeX math in markdown: `$…$` (inline), `$$…$$` (display, also over several lines) and
` ```math ` fences become math runs of the contract (`{"math": TeX, "display"?: true}`);
the converter makes them Word equations (converter/build/math.js).

The delimiters follow pandoc's `tex_math_dollars`: an opening `$` has a non-space character
right after it, a closing `$` a non-space character right before it and no digit right after
it (so `$5 and $10` stays text); a `$` after a backslash is no delimiter (`\\$`); `$$` opens
display math, closed by the next `$$`. Math is found before escapes apply, so its text
reaches the converter exactly as written (`\\,` keeps its backslash); code spans are
skipped, so math inside them stays code. The scan is linear in the length of the paragraph
whatever the number of `$` signs (every "next closer" is found in one backward pass).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from mistletoe import block_token, span_token

_DELIMS = re.compile(r"`+|\$+")
_BLOCK_OPEN = re.compile(r"^ {0,3}\$\$")


class _Match:
    """What mistletoe's span tokenizer needs of a regex match: start, end, group."""

    def __init__(self, string: str, start: int, end: int, width: int) -> None:
        self.string, self._start, self._end, self.width = string, start, end, width

    def start(self, group: int = 0) -> int:
        return self._start + (self.width if group else 0)

    def end(self, group: int = 0) -> int:
        return self._end - (self.width if group else 0)

    def group(self, group: int = 0) -> str:
        return self.string[self.start(group) : self.end(group)]


def _escaped(string: str, at: int) -> bool:
    """Is the character at `at` escaped (an odd number of backslashes right before it)?"""
    n = 0
    while at - n - 1 >= 0 and string[at - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _runs(string: str) -> list[tuple[int, str]]:
    """The backtick and dollar runs of a paragraph: (start, text); an escaped first
    character is not part of its run."""
    runs: list[tuple[int, str]] = []
    for m in _DELIMS.finditer(string):
        at, text = m.start(), m.group()
        if _escaped(string, at):
            at, text = at + 1, text[1:]
        if text:
            runs.append((at, text))
    return runs


def find_math(string: str) -> list[_Match]:
    """The math spans of one paragraph's text, left to right (see the module's doc). As in
    pandoc, `$…$` ends at the first unescaped `$` after the opening one: if that one cannot
    close (a space before it, a digit after it), the opening `$` is plain text."""
    if "$" not in string:
        return []
    runs = _runs(string)
    n = len(runs)
    # next_dollar[i] / next_double[i]: the first dollar run / run of 2+ dollars at or after
    # i; next_tick[i]: the next backtick run after i of the same length (ends a code span)
    next_dollar, next_double, next_tick = [n] * (n + 1), [n] * (n + 1), [n] * n
    last_tick: dict[int, int] = {}
    for i in range(n - 1, -1, -1):
        at, text = runs[i]
        next_dollar[i], next_double[i] = next_dollar[i + 1], next_double[i + 1]
        if text[0] == "`":
            next_tick[i] = last_tick.get(len(text), n)
            last_tick[len(text)] = i
            continue
        next_dollar[i] = i
        if len(text) >= 2:
            next_double[i] = i
    out: list[_Match] = []
    i, skip = 0, 0  # the run to look at, and how many of its characters are used up
    while i < n:
        at, text = runs[i]
        at, text, skip = at + skip, text[skip:], 0
        if text[0] == "`":
            i = next_tick[i] + 1 if next_tick[i] < n else i + 1
            continue
        j = next_double[i + 1]
        if len(text) >= 2 and j < n and string[at + 2 : runs[j][0]].strip():
            out.append(_Match(string, at, runs[j][0] + 2, 2))
            i, skip = j, 2
            if skip >= len(runs[j][1]):
                i, skip = j + 1, 0
            continue
        opener = at + len(text) - 1  # a `$$` that opens nothing: its last `$` may open `$…$`
        j = next_dollar[i + 1]
        if j < n and _closes(string, opener, runs[j][0]):
            out.append(_Match(string, opener, runs[j][0] + 1, 1))
            i, skip = j, 1
            if skip >= len(runs[j][1]):
                i, skip = j + 1, 0
            continue
        i += 1
    return out


def _closes(string: str, opener: int, closer: int) -> bool:
    """Is string[opener:closer + 1] inline math ($ then non-space, non-space then $ and no
    digit after it)?"""
    return (
        closer > opener + 1
        and not string[opener + 1].isspace()
        and not string[closer - 1].isspace()
        and not string[closer + 1 : closer + 2].isdigit()
    )


class MathSpan(span_token.SpanToken):
    """`$…$` or `$$…$$` inside a paragraph; `tex` is the text between the delimiters."""

    parse_inner = False
    precedence = 5  # as code spans: of two that overlap, the one that starts first wins

    def __init__(self, match: _Match) -> None:
        self.tex = match.group(1)
        self.display = match.width == 2
        self.content = match.group(0)

    @classmethod
    def find(cls, string: str) -> list[_Match]:
        return find_math(string)


class MathBlock(block_token.BlockToken):
    """`$$` at the start of a line (at most 3 spaces before it), up to the line that ends
    with the closing `$$` (nothing after it); no blank line inside. Anything else (unclosed,
    text after the closing `$$`) is left to the paragraph, where MathSpan finds what it can.
    The lines' text reaches `tex` exactly (markdown's block rules do not apply inside, so
    `- x` or `===` in a formula is no list or heading)."""

    repr_attributes = ("tex",)

    def __init__(self, tex: str) -> None:
        self.tex = tex
        self.children = []

    @classmethod
    def start(cls, line: str) -> bool:
        return _BLOCK_OPEN.match(line) is not None

    @classmethod
    def read(cls, lines: Any) -> str | None:
        pos = lines.get_pos()
        first = next(lines).strip()[2:]
        body: list[str] = []
        line: str | None = first
        while line is not None:
            if "$$" in line:
                closed = line.rstrip().endswith("$$") and line.count("$$") == 1
                tex = "\n".join([*body, line.rstrip()[:-2]]).strip("\n")
                if closed and tex.strip() and not _escaped(line.rstrip(), len(line.rstrip()) - 2):
                    return tex
                break
            body.append(line)
            line = lines.peek()
            if line is None or not line.strip():
                break
            line = next(lines).rstrip("\n")
        lines.set_pos(pos)
        return None


def math_run(tok: MathSpan, clean: Any) -> dict[str, Any]:
    """The contract's run for a math span (clean: the parser's visible-character cleaning)."""
    run: dict[str, Any] = {"math": clean(tok.tex)}
    if tok.display:
        run["display"] = True
    return run


def math_paragraph(tex: str, clean: Any) -> dict[str, Any]:
    """A display formula on its own: a paragraph holding only its display math run."""
    return {"type": "paragraph", "runs": [{"math": clean(tex), "display": True}]}


def locate(tex: str, display: bool, sources: list[tuple[str, list[str]]]) -> str | None:
    """`file:line` of the first source line holding the formula as written (with its
    delimiters when it is on one line), else its first line; None if none does."""
    first = next((line.strip() for line in tex.split("\n") if line.strip()), "")
    if not first:
        return None
    delim = "$$" if display else "$"
    keys = [f"{delim}{tex}{delim}", first] if "\n" not in tex else [first]
    for key in keys:
        for name, lines in sources:
            for number, line in enumerate(lines, 1):
                if key in line:
                    return f"{name}:{number}"
    return None


def failure_warnings(
    failures: Iterable[dict[str, Any]], sources: Iterable[tuple[str, list[str]]], limit: int = 20
) -> list[str]:
    """One warning per formula the converter showed as code, naming where it is written."""
    sources = list(sources)
    out = []
    failures = list(failures)
    for item in failures[:limit]:
        tex = str(item.get("tex", ""))
        where = locate(tex, bool(item.get("display")), sources) or "the document"
        shown = tex.replace("\n", " ")
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        out.append(f"{where}: formula kept as code, not converted ({item.get('reason')}): {shown}")
    if len(failures) > limit:
        out.append(f"{len(failures) - limit} more formula(s) kept as code")
    return out


EXTRA_TOKENS = (MathSpan, MathBlock)
