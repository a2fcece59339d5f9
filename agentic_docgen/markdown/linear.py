"""mistletoe kept linear where its inline parse is quadratic (issue 21).

mistletoe 1.6 (MIT licence) has two habits that cost the length of a paragraph for every
link, footnote reference or `]` in it, so a paragraph of n characters with k of them costs
k x n (2,000 links on consecutive lines: 24 s; 50,000 reference links or 20,000 footnotes
never finished):
- `core_tokens.find_core_tokens` searches for the next code span again after every `]`
  (`code_pattern.search(string, i)`); without a backtick after `i`, each search runs to the
  end. The search from `i` gives the answer of the one before whenever that one found
  nothing or found a span starting at or after `i` (the leftmost match at or after an
  earlier position that starts at or after `i` is the leftmost from `i`: a match depends on
  the string, not on where the search began), so `LinearSearch` reuses it then.
- its scanners walk `enumerate(string[offset:])`: a copy of the rest of the paragraph (or of
  a block of link reference definitions) for every link, title, label and whitespace skip.
  The functions below are mistletoe's own, walking indices instead of a copy (same
  results; `tests/markdown/test_linear.py` parses CommonMark's examples both ways).

Installed when this module is imported (by `markdown/lines.py` and `markdown/references.py`,
through which every mistletoe parse of the project goes).
"""

from __future__ import annotations

import re
from typing import Any

from mistletoe import block_token, core_tokens


class LinearSearch:
    """A compiled pattern whose `search(string, pos)` reuses the last answer for the same
    string when it is still the answer. Counts the searches it really runs (`searches`),
    which the tests use to check the parse stays linear."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.searches = 0
        self._string: str | None = None
        self._pos = 0
        self._match: re.Match[str] | None = None

    def search(self, string: str, pos: int = 0) -> re.Match[str] | None:
        if (
            string is self._string
            and self._pos <= pos
            and (self._match is None or self._match.start() >= pos)
        ):
            return self._match
        self.searches += 1
        self._string, self._pos = string, pos
        self._match = self.pattern.search(string, pos)
        return self._match

    def __getattr__(self, name: str) -> Any:  # match, finditer, pattern text…
        return getattr(self.pattern, name)


_NOT_SPACE = re.compile(r"[^ \t\n\x0b\x0c\r]")  # mistletoe's `whitespace`, negated
_WHITESPACE = core_tokens.whitespace


def shift_whitespace(string: str, index: int) -> int:
    found = _NOT_SPACE.search(string, index)
    return found.start() if found else len(string)


def _angle_dest(string: str, offset: int) -> tuple[int, int, str] | None:
    escaped = False
    for i in range(offset + 1, len(string)):
        c = string[i]
        if c == "\\" and not escaped:
            escaped = True
        elif c == "\n" or (c == "<" and not escaped):
            return None
        elif c == ">" and not escaped:
            return offset, i + 1, string[offset + 1 : i]
        elif escaped:
            escaped = False
    return None


def _bare_dest(string: str, offset: int, inline: bool) -> tuple[int, int] | None:
    """mistletoe's walk over a destination without angle brackets: (end, parentheses left
    open), or None at an escaped control character. An inline link's (after `(`) ends at
    whitespace or at the parenthesis that closes the link (None when neither comes); a
    definition's at whitespace, else at the last character (as mistletoe's)."""
    escaped = False
    count = 1 if inline else 0
    i = offset
    for i in range(offset, len(string)):
        c = string[i]
        if c == "\\" and not escaped:
            escaped = True
        elif c in _WHITESPACE:
            return i, count
        elif not escaped:
            if c == "(":
                count += 1
            elif c == ")":
                count -= 1
        elif ord(c) < 32 or ord(c) == 127:
            return None
        elif escaped:
            escaped = False
        if inline and count == 0:
            return i, 0
    return None if inline else (i, count)


def match_link_dest(string: str, offset: int) -> tuple[int, int, str] | None:
    """core_tokens.match_link_dest: an inline link's destination after `(`."""
    offset = shift_whitespace(string, offset + 1)
    if offset == len(string):
        return None
    if string[offset] == "<":
        return _angle_dest(string, offset)
    found = _bare_dest(string, offset, inline=True)
    return None if found is None else (offset, found[0], string[offset : found[0]])


def _title(string: str, offset: int) -> tuple[int, int, str] | None:
    closing = {'"': '"', "'": "'", "(": ")"}.get(string[offset])
    if closing is None:
        return None
    escaped = False
    for i in range(offset + 1, len(string)):
        c = string[i]
        if c == "\\" and not escaped:
            escaped = True
        elif c == closing and not escaped:
            return offset, i + 1, string[offset + 1 : i]
        elif escaped:
            escaped = False
    return None


def match_link_title(string: str, offset: int) -> tuple[int, int, str] | None:
    """core_tokens.match_link_title."""
    offset = shift_whitespace(string, offset)
    if offset == len(string):
        return None
    if string[offset] == ")":
        return offset, offset, ""
    return _title(string, offset)


def match_link_label(string: str, offset: int, root: Any = None) -> Any:
    """core_tokens.match_link_label: `[label]` of a full reference link, looked up."""
    start = -1
    escaped = False
    for i in range(offset, len(string)):
        c = string[i]
        if c == "\\" and not escaped:
            escaped = True
        elif c == "[" and not escaped:
            if start != -1:
                return None
            start = i
        elif c == "]" and not escaped:
            label = string[start + 1 : i]
            if label.strip() == "":
                return None
            ref = root.footnotes.get(core_tokens.normalize_label(label), None)
            return ((start, i + 1, label), ref) if ref is not None else None
        elif escaped:
            escaped = False
    return None


def next_closer(curr_pos: int | None, delimiters: list[Any]) -> int | None:
    for i in range(curr_pos or 0, len(delimiters)):
        if getattr(delimiters[i], "close", False):
            return i
    return None


def _def_label(cls: Any, string: str, offset: int) -> tuple[int, int, str] | None:
    """Footnote.match_link_label: up to three spaces, `[`, label, `]`."""
    start = -1
    escaped = False
    for i in range(offset, len(string)):
        c = string[i]
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == "[":
            if start != -1:
                return None
            start = i
        elif c == "]":
            label = string[start + 1 : i]
            return (start, i + 1, label) if label.strip() != "" else None
        if start == -1 and not (c == " " and i - offset < 3):
            return None
    return None


def _def_dest(cls: Any, string: str, offset: int) -> tuple[int, int, str] | None:
    """Footnote.match_link_dest: a definition's destination."""
    if string[offset] == "<":
        return _angle_dest(string, offset)
    found = _bare_dest(string, offset, inline=False)
    if found is None or found[1] != 0:
        return None
    return offset, found[0], string[offset : found[0]]


def _def_title(cls: Any, string: str, offset: int) -> tuple[int, int, str] | None:
    """Footnote.match_link_title."""
    return None if offset == len(string) else _title(string, offset)


_PATCHES: list[tuple[Any, str, Any]] = [
    (core_tokens, "shift_whitespace", shift_whitespace),
    (block_token, "shift_whitespace", shift_whitespace),
    (core_tokens, "match_link_dest", match_link_dest),
    (core_tokens, "match_link_title", match_link_title),
    (core_tokens, "match_link_label", match_link_label),
    (core_tokens, "next_closer", next_closer),
    (block_token.Footnote, "match_link_label", classmethod(_def_label)),
    (block_token.Footnote, "match_link_dest", classmethod(_def_dest)),
    (block_token.Footnote, "match_link_title", classmethod(_def_title)),
]
ORIGINALS: list[tuple[Any, str, Any]] = []  # mistletoe's own, for the tests that compare


def install() -> LinearSearch:
    """Put the linear search and scanners in place of mistletoe's (once)."""
    current: Any = core_tokens.code_pattern
    if isinstance(current, LinearSearch):
        return current
    search = LinearSearch(current)
    ORIGINALS.append((core_tokens, "code_pattern", current))
    core_tokens.code_pattern = search  # type: ignore[assignment]
    for owner, name, function in _PATCHES:
        ORIGINALS.append((owner, name, owner.__dict__[name]))
        setattr(owner, name, function)
    return search


CODE_SEARCH = install()
