"""validate_md and checkpoint: each chapter is validated, then snapshotted (FC009, FC010)."""

from __future__ import annotations

import time
from typing import Any

from langchain_core.messages import HumanMessage
from langgraph.runtime import Runtime

from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.policy.protocol import VALIDATOR
from agentic_docgen.graph.state import CheckpointEntry, DocState
from agentic_docgen.graph.tools import repairs
from agentic_docgen.graph.tools.document import Workspace

MAX_FIX_ROUNDS = 2


def validate_md(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Validate the chapter just written (markdownlint's fixes first); findings go to the
    agent as a validator message, for at most MAX_FIX_ROUNDS repair rounds, then stay as
    warnings."""
    t0 = time.perf_counter()
    ctx = runtime.context
    last = state.get("last_checkpoint")
    start = last["lines"] if last else 0
    offset = last["bytes"] if last else 0
    ws = ctx.ws
    chapter = ws.chapter_lines(start + 1, offset, last and last["id"])  # read once
    fixes, left = _markdownlint(ctx, ws, start + 1, chapter)
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
                f"markdown {i['code']} at line {i['line']}: {i['message']}"
                for i in result["issues"]
            ]
    return update


def _markdownlint(
    ctx: RunContext, ws: Workspace, from_line: int, chapter: list[str]
) -> tuple[list[str], list[str]]:
    """markdownlint's fixes on the chapter (outside verbatim content) and its findings left."""
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
    left = [
        f"markdown {RULE_CODES.get(f['rule'], f['rule'])} ({f['rule']} {f['alias']}) at line"
        f" {f['line']}: {f['description']}{': ' + f['detail'] if f.get('detail') else ''}"
        for f in findings[:20]
    ]
    if applied:
        ctx.log.event("markdownlint_fixed", count=len(applied))
    return [f"markdownlint fixed {a}" for a in applied], left


def checkpoint(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Snapshot the document after a validated chapter (a rollback comes back here)."""
    ctx = runtime.context
    ws = ctx.ws
    index = state.get("file_index", 0)
    files = ctx.inputs
    label = f"chapter{index:03d}"
    if 0 < index <= len(files):
        label += "_" + files[index - 1].rsplit("/", 1)[-1]
    checkpoint_id = ws.create_checkpoint(label)
    ctx.log.transition("checkpoint", checkpoint=checkpoint_id)
    entry: CheckpointEntry = {
        "id": checkpoint_id,
        "file_index": index,
        "lines": ws.line_count(),
        "bytes": ws.byte_count(),  # where the next chapter starts (validate_md reads from it)
    }
    return {
        "last_checkpoint": entry,
        "fix_rounds": 0,
        "chapter_done": False,
    }
