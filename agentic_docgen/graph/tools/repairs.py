"""Checks and repairs of the chapter just written: the validator's findings, markdownlint's
own fixes, an unclosed fence closed, skipped heading levels re-levelled. Only the affected
lines change, never a line of verbatim content, and the recorded spans move with their lines.
"""

from __future__ import annotations

import bisect
import difflib
from typing import Any, TypeVar

from agentic_docgen.core.errors import ToolError
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown import scan as mdscan
from agentic_docgen.markdown.dialect import HEADING_OR_MARK, Dialect
from agentic_docgen.markdown.findings import (
    Finding,
    LintFinding,
    Validation,
    validate_markdown_text,
)
from agentic_docgen.markdown.meaning import meaning_kept


def validate_markdown(
    ws: Workspace, from_line: int = 1, chapter: list[str] | None = None, above: int = 0
) -> Validation:
    """Findings for the document from line from_line on (one chapter, or all of it);
    `chapter`: those lines, when already read; `above`: the level of the heading the lines
    come under (a chapter in a part: 1)."""
    start = max(0, from_line - 1)
    if chapter is None:
        chapter = ws.chapter_lines(from_line)
    text, where = _collapsed(ws, chapter, start)
    findings = _relined(validate_markdown_text(text, above=above), where)
    return {"valid": not findings, "issues": findings[:50], "total_issues": len(findings)}


def lint_chapter(
    ws: Workspace, linter: Any, from_line: int, chapter: list[str] | None = None
) -> tuple[list[str], list[dict[str, Any]]]:
    """markdownlint on the chapter from line from_line (`chapter`: its lines, when already
    read): apply its own fixes outside verbatim content (code/text/prose spans and code
    blocks are protected), then return the fixes applied and the findings left (document
    line numbers)."""
    start = max(0, from_line - 1)
    if chapter is None:
        chapter = ws.chapter_lines(from_line)
    text, where = _collapsed(ws, chapter, start)
    findings = _relined(linter.lint(text), where)
    if not any(f.get("fixable") for f in findings):
        return [], findings  # nothing markdownlint could fix: one pass is enough
    lines = ws.lines()
    chapter = lines[start:]
    protected = [
        [sp["md_first"] - start, sp["md_last"] - start]
        for sp in ws.spans()
        if sp["as"] in ("code", "text", "prose", "table") and sp["md_first"] > start
    ]
    result = linter.fix("\n".join(chapter) + "\n", protected)
    fixed = result["text"].split("\n")
    if fixed and fixed[-1] == "":
        fixed.pop()
    applied: list[str] = []
    # only the fixes after which the parsed chapter is the same; the others stay findings
    fixed, refused = meaning_kept(chapter, fixed)
    if fixed != chapter and "aborted" not in result:
        rewrite_remapped(ws, lines, lines[:start] + fixed)
        applied = [
            f"{a['rule']} line {a['line'] + start}: {a.get('note') or a['detail']}"
            for a in result.get("applied", [])
            if not any(i1 <= a["line"] - 1 <= max(i1, i2 - 1) for i1, i2, _, _ in refused)
        ]
        text, where = _collapsed(ws, fixed, start)
        return applied, _relined(linter.lint(text), where)
    return applied, findings


def close_fence(ws: Workspace, line_number: int) -> str:
    """E001: close the fence opened at line_number before the first heading (or source
    mark) that follows it — where the fence was meant to end — else at the document end."""
    lines = ws.lines()
    if not 1 <= line_number <= len(lines):
        raise ToolError(f"line {line_number} is outside the document")
    marker = mdscan.fence_marker(lines[line_number - 1])
    if not marker or mdtext.unclosed_fence_line(lines) != line_number:
        raise ToolError(f"no unclosed code fence opens at line {line_number}")
    at = len(lines)
    for i in range(line_number, len(lines)):
        if HEADING_OR_MARK.match(lines[i]):
            at = i
            break
    while at > line_number and not lines[at - 1].strip():
        at -= 1
    blank_follows = at == len(lines) or not lines[at].strip()
    new = [*lines[:at], marker[0] * len(marker), *([] if blank_follows else [""]), *lines[at:]]
    ws.repairs.append(f"E001 {source_of(ws, line_number)} fence closed {_before(ws, lines, at)}")
    rewrite_remapped(ws, lines, new)
    return f"closed the fence of line {line_number} at line {at + 1}"


def _before(ws: Workspace, lines: list[str], at: int) -> str:
    """Where close_fence closed a fence: before the heading or the next file at lines[at]."""
    nxt = next((i for i in range(at, len(lines)) if lines[i].strip()), len(lines))
    if nxt == len(lines):
        return "at the end of the document"
    file = Dialect(ws.session.dir).marked_source(lines[nxt])
    if file is not None:
        return f"before the start of {file}"
    return f"before the heading '{mdtext.heading_text(lines, nxt, nxt)}'"


def fix_heading_levels(ws: Workspace, from_line: int = 1, to_line: int | None = None) -> str:
    """E006/E007: re-level the headings from line from_line on, to line to_line (one
    chapter; the document's end when None): the first becomes H1, the others go under it
    without skipped levels."""
    lines = ws.lines()
    start = max(0, from_line - 1)
    end = len(lines) if to_line is None else max(start, min(len(lines), to_line))
    chapter = lines[start:end]
    heads = mdtext.top_level_headings(chapter)
    if not heads:
        return "no heading to fix"
    first, last, _ = heads[0]
    title = mdtext.heading_text(chapter, first, last)
    fixed = [*chapter[:first], f"# {title}", *mdtext.relevel_markdown(chapter[last + 1 :], 2)]
    shifted = [
        (old, new[2])
        for old, new in zip(heads, mdtext.top_level_headings(fixed), strict=False)
        if old[2] != new[2]
    ]
    if shifted:
        (h_first, h_last, level), to = shifted[0]
        more = f" (and {len(shifted) - 1} more)" if len(shifted) > 1 else ""
        ws.repairs.append(
            f"E006 {source_of(ws, start + h_first + 1)} heading levels shifted:"
            f" '{mdtext.heading_text(chapter, h_first, h_last)}' H{level} to H{to}{more}"
        )
    rewrite_remapped(ws, lines, lines[:start] + fixed + lines[end:])
    return f"re-levelled {len(heads)} heading(s) from line {from_line}"


def source_of(ws: Workspace, md_line: int) -> str:
    """Where line md_line of the document comes from, as FILE:LINE (the line of the input it
    was copied from), else "document line N" (the agent's own writing)."""
    for sp in ws.spans():
        if sp["as"] == "markdown" and sp["md_first"] <= md_line <= sp["md_last"]:
            number = sp["start"] + md_line - sp["md_first"]
            try:  # setext headings became one line: the source line may be further down
                source = ws.store.get(sp["file"]).span(number, sp["end"])
                want = _bare(ws.lines()[md_line - 1])
                number += next(i for i, line in enumerate(source) if _bare(line) == want)
            except (ToolError, StopIteration, IndexError):
                pass
            return f"{sp['file']}:{number}"
    return f"document line {md_line}"


def _bare(line: str) -> str:
    """A line without its heading marker (re-levelling changes only that)."""
    return line.lstrip(" #").rstrip()


def rewrite_remapped(ws: Workspace, old: list[str], new: list[str]) -> None:
    """Rewrite the document and move the recorded spans with their lines."""
    where = list(range(len(old) + 1))
    for tag, i1, i2, j1, _j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        for k in range(i1, i2):
            where[k] = j1 + (k - i1 if tag == "equal" else 0)
    ws.replace_lines(old, new)
    ws.move_chapter_starts(where, len(old), len(new))
    spans = ws.spans()
    if spans:
        for sp in spans:
            sp["md_first"] = where[sp["md_first"] - 1] + 1
            sp["md_last"] = where[sp["md_last"] - 1] + 1
        ws.write_spans(spans)


def _collapsed(ws: Workspace, chapter: list[str], start: int) -> tuple[str, list[tuple[int, int]]]:
    """The chapter (document lines after `start`) with the body of each verbatim code
    block reduced to one empty line: checkers have nothing to say about verbatim lines,
    and a 100 MB log would cost seconds. Fence lines stay, so the structure checked is the
    same. Also returns where each piece of the text came from: (first line of the piece
    in the text, its first line in the document), 1-based, for _relined."""
    out: list[str] = []
    where = [(1, start + 1)]
    pos = 0
    for sp in sorted(ws.spans(), key=lambda sp: sp["md_first"]):
        if sp["as"] not in ("code", "text") or sp["md_first"] <= start:
            continue
        first, last = sp["md_first"] - start, sp["md_last"] - start - 1  # the body
        if first < pos or last - first < 2 or last > len(chapter):
            continue
        out += chapter[pos:first]
        out.append("")
        pos = last
        where.append((len(out) + 1, start + pos + 1))
    out += chapter[pos:]
    return "\n".join(out) + "\n", where


F = TypeVar("F", Finding, LintFinding)


def _relined(findings: list[F], where: list[tuple[int, int]]) -> list[F]:
    """Findings on a collapsed text (_collapsed) with document line numbers."""
    starts = [w[0] for w in where]
    for f in findings:
        piece = bisect.bisect_right(starts, f["line"]) - 1
        f["line"] = where[piece][1] + f["line"] - where[piece][0]
    return findings
