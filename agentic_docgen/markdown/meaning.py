"""Does an edit of the markdown keep its meaning? markdownlint's fixes are applied to user
text only when the parsed document is the same before and after them (issue 17): `a * foo
bar*` must not become italics, `#5 bolt` a heading, a list item two paragraphs.

The same meaning: mistletoe renders both texts to HTML, and the two renderings are equal
once the whitespace a renderer ignores (runs of spaces and line ends between words and
around tags, outside `<pre>`) is set aside.
"""

from __future__ import annotations

import difflib
import gc
import re

from mistletoe import Document, HtmlRenderer

from agentic_docgen.markdown.lines import md_lines

_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)
_SPACE = re.compile(r"[ \t\r\n]+")
_AROUND_TAG = re.compile(r" ?(<[^>]*>) ?")


def rendered(lines: list[str]) -> str:
    """The document's meaning: its HTML, whitespace outside <pre> normalised."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        with HtmlRenderer() as renderer:
            html = str(renderer.render(Document(md_lines("\n".join(lines)))))
    finally:
        if enabled:
            gc.enable()
    parts = _PRE.split(html)
    for i in range(0, len(parts), 2):  # the parts outside <pre>
        parts[i] = _AROUND_TAG.sub(r"\1", _SPACE.sub(" ", parts[i]))
    return "".join(parts).strip()


def same_meaning(old: list[str], new: list[str]) -> bool:
    return old == new or rendered(old) == rendered(new)


Hunk = tuple[int, int, int, int]  # old[i1:i2] becomes new[j1:j2]


def meaning_kept(old: list[str], new: list[str]) -> tuple[list[str], list[Hunk]]:
    """`new` with only the changes (hunks of a line diff) that keep the meaning of `old`,
    and the hunks left out. All changes are tried at once first (the usual case: one parse
    more); when they change the meaning, halves are tried, down to the single hunks that do."""
    if old == new:
        return new, []
    hunks = [
        (i1, i2, j1, j2)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
            None, old, new, autojunk=False
        ).get_opcodes()
        if tag != "equal"
    ]
    meaning = rendered(old)
    kept: list[Hunk] = []
    pending = [hunks]
    while pending:
        group = pending.pop()
        candidate = _applied(old, new, sorted(kept + group))
        if rendered(candidate) == meaning:
            kept += group
        elif len(group) > 1:
            half = len(group) // 2
            pending += [group[half:], group[:half]]  # (the first half is tried first)
    kept.sort()
    result = _applied(old, new, kept)
    if kept and rendered(result) != meaning:  # not expected: changes that only go together
        return list(old), hunks
    return result, [h for h in hunks if h not in kept]


def _applied(old: list[str], new: list[str], hunks: list[Hunk]) -> list[str]:
    out: list[str] = []
    pos = 0
    for i1, i2, j1, j2 in hunks:
        out += old[pos:i1]
        out += new[j1:j2]
        pos = i2
    out += old[pos:]
    return out
