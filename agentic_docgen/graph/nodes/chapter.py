"""validate_md and checkpoint: each chapter is validated, then snapshotted (FC009, FC010)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from langchain_core.messages import HumanMessage
from langgraph.runtime import Runtime

from agentic_docgen.core.events import ChapterCompleted, percent
from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.policy.protocol import VALIDATOR, chapter_of
from agentic_docgen.graph.state import CheckpointEntry, DocState
from agentic_docgen.graph.tools import repairs
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.session import journal

MAX_FIX_ROUNDS = 2
LINT_WARNINGS = 20  # markdownlint findings reported per chapter


def validate_md(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Validate the chapters just written (the batch: markdownlint's fixes first, one request
    for the batch); findings go to the agent as a validator message, for at most
    MAX_FIX_ROUNDS repair rounds, then stay as warnings, each naming the file of the chapter
    it is in."""
    t0 = time.perf_counter()
    ctx = runtime.context
    last = state.get("last_checkpoint")
    start = last["lines"] if last else 0
    offset = last["bytes"] if last else 0
    ws = ctx.ws
    chapter = ws.chapter_lines(start + 1, offset, last and last["id"])  # read once
    where = _attribution(state, ctx.inputs)
    fixes, left = _markdownlint(ctx, ws, start + 1, chapter, where)
    if fixes:
        chapter = ws.chapter_lines(start + 1, offset, last and last["id"])  # linted
    # a chapter in a part may start at Heading 2 (under its part's Heading 1)
    result = repairs.validate_markdown(ws, start + 1, chapter, above=int(bool(state.get("parts"))))
    rounds = state.get("fix_rounds", 0)
    ctx.log.transition("validate_md", valid=result["valid"], issues=result["total_issues"])
    update: dict[str, Any] = {
        "fixes": fixes,
        "warnings": left,
        "validation": result,
        "chapter_done": False,
        "timings_s": {"validate_md": time.perf_counter() - t0},
    }
    if not result["valid"]:
        if rounds < MAX_FIX_ROUNDS:
            lines = [f"- {i['code']} line {i['line']}: {i['message']}" for i in result["issues"]]
            update["messages"] = [
                HumanMessage(
                    name=VALIDATOR,
                    content="The markdown validator found issues in the chapter just written:\n"
                    + "\n".join(lines),
                )
            ]
            update["fix_rounds"] = rounds + 1
        else:
            update["warnings"] = left + [
                f"{where(i['line'])}markdown {i['code']} at line {i['line']}: {i['message']}"
                for i in result["issues"]
            ]
    return update


def _attribution(state: DocState, names: list[str]) -> Callable[[int], str]:
    """`where(line)`: "FILE: " for the input file whose chapter holds that document line in
    the batch being validated ("" for a batch of one chapter: as before batches)."""
    starts = list(state.get("chapter_starts") or [])
    last = state.get("last_checkpoint")
    first = last["file_index"] if last else 0

    def where(line: int) -> str:
        if len(starts) < 2:
            return ""
        k = first + chapter_of(starts, line)
        return f"{names[k]}: " if k < len(names) else ""

    return where


def _markdownlint(
    ctx: RunContext,
    ws: Workspace,
    from_line: int,
    chapter: list[str],
    where: Callable[[int], str],
) -> tuple[list[str], list[str]]:
    """markdownlint's fixes on the batch (outside verbatim content) and its findings left
    (the first LINT_WARNINGS of each chapter)."""
    from agentic_docgen.markdown.lint import RULE_CODES, Linter, LintTooBig, LintUnavailable

    if ctx.linter is False:
        return [], []
    if ctx.linter is None:
        ctx.linter = Linter(ctx.settings)
    try:
        applied, findings = repairs.lint_chapter(ws, ctx.linter, from_line, chapter)
    except LintUnavailable as exc:
        if not isinstance(exc, LintTooBig):  # (too big: this chapter only)
            ctx.linter = False
        return [], [f"markdownlint not run: {exc}"]
    left, per_chapter = [], Counter[str]()
    for f in findings:
        if f["rule"] == "MD053" and "Duplicate" in (f.get("detail") or ""):
            continue  # a definition belongs to its file: two files may each define [^1]
        file = where(f["line"])
        per_chapter[file] += 1
        if per_chapter[file] > LINT_WARNINGS:
            continue
        left.append(
            f"{file}markdown {RULE_CODES.get(f['rule'], f['rule'])} ({f['rule']} {f['alias']})"
            f" at line {f['line']}: {f['description']}"
            f"{': ' + f['detail'] if f.get('detail') else ''}"
        )
    if applied:
        ctx.log.event("markdownlint_fixed", count=len(applied))
    return [f"markdownlint fixed {a}" for a in applied], left


def checkpoint(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Snapshot the document after validated chapters, one checkpoint per chapter of the
    batch (a rollback comes back to the last)."""
    ctx = runtime.context
    ws = ctx.ws
    index = state.get("file_index", 0)
    files = ctx.inputs
    last = state.get("last_checkpoint")
    first = last["file_index"] if last else 0
    ends = _chapter_ends(ws, state)  # (lines, bytes) at the end of each chapter of the batch
    entry: CheckpointEntry | None = None
    for k, (lines, size) in enumerate(ends):
        done = min(index, first + k + 1) if k + 1 < len(ends) else index
        label = f"chapter{done:03d}"
        if 0 < done <= len(files):
            label += "_" + files[done - 1].rsplit("/", 1)[-1]
        checkpoint_id = ws.create_checkpoint(label, upto=size)
        journal.note_chapter(ctx.session.dir, done, lines)  # chapter ranges, for versions
        entry = {"id": checkpoint_id, "file_index": done, "lines": lines, "bytes": size}
    assert entry is not None
    ctx.log.transition("checkpoint", checkpoint=entry["id"], chapters=len(ends))
    for done in range(first, min(index, len(files))):
        ctx.emit(ChapterCompleted(done + 1, len(files), percent(done + 1, len(files)), files[done]))
    return {
        "last_checkpoint": entry,  # where the next chapter starts (validate_md reads from it)
        "fix_rounds": 0,
        "chapter_done": False,
        "chapter_starts": [],
    }


def _chapter_ends(ws: Workspace, state: DocState) -> list[tuple[int, int]]:
    """The line count and byte size of the document at the end of each chapter of the batch
    (the last: the document's own), read from where the batch starts."""
    ends = [(ws.line_count(), ws.byte_count())]
    starts = list(state.get("chapter_starts") or [])[1:]
    if not starts:
        return ends
    last = state.get("last_checkpoint")
    start, offset = (last["lines"], last["bytes"]) if last else (0, 0)
    lines = ws.chapter_lines(start + 1, offset, last and last["id"])
    total, end = ends[0]
    if any(not start <= a <= b <= total for a, b in zip(starts, [*starts[1:], total], strict=True)):
        return ends  # (not where a batch's chapters can end: one checkpoint for all)
    out: list[tuple[int, int]] = []
    for cut in reversed(starts):  # counted from the end: what precedes need not be read
        end -= sum(len(line.encode("utf-8")) + 1 for line in lines[cut - start : total - start])
        total = cut
        out.append((cut, end))
    return [*out[::-1], *ends]
