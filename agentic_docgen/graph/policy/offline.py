"""The offline policy: a deterministic planner that emits the tool calls an LLM would.

One H1 chapter per input file (title from the file's own first heading, else its name);
markdown headings re-levelled under the chapter; logs verbatim in text fences; plain text
split into detected headings, prose paragraphs and preformatted blocks.
"""

from __future__ import annotations

import bisect
import os
import uuid
from typing import Any

from langchain_core.messages import AIMessage, ToolMessage

from agentic_docgen.core.language import label
from agentic_docgen.graph.policy.parts import chapter_level
from agentic_docgen.graph.policy.plan import Plan
from agentic_docgen.graph.policy.protocol import (
    Reply,
    batch_message,
    chapter_calls,
    chapter_of,
    fixing,
)
from agentic_docgen.graph.policy.tabular import other_plan, plan_table
from agentic_docgen.graph.state import DocState
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.graph.tools.sources import Source
from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown import scan as mdscan
from agentic_docgen.markdown import textstructure
from agentic_docgen.markdown.findings import Finding
from agentic_docgen.markdown.metadata import chapter_head, file_title


def _call(name: str, **args: Any) -> dict[str, Any]:
    return {"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:12]}", "type": "tool_call"}


def _heading(level: int, text: str) -> dict[str, Any]:
    return _call("append_markdown", text="#" * level + " " + text)


def _name_title(src: Source) -> str:
    return mdtext.escape_prose_line(mdtext.one_line(file_title(src.name)))


def plan_markdown(src: Source, level: int = 1) -> list[dict[str, Any]]:
    lines = src.lines
    if mdscan.nesting_depth(lines) > mdscan.MAX_NESTING:
        # absurdly deep quotes/lists: kept verbatim as text rather than parsed
        return [
            _heading(level, _name_title(src)),
            _call("append_source", file=src.name, start_line=1, end_line=len(lines), as_="text"),
        ]
    head = chapter_head(lines)  # the front matter: title, other keys, or kept as text
    start = head.start
    while start < len(lines) and not lines[start].strip():
        start += 1
    heads = mdtext.top_level_headings(lines[start:])
    title = head.title and mdtext.escape_prose_line(mdtext.one_line(head.title))
    if heads and heads[0][0] == 0:
        text = mdtext.heading_text(lines, start, start + heads[0][1])
        same = not head.title or mdtext.one_line(text).casefold() == head.title.casefold()
        if text and same:  # the heading the body opens with is the title (an empty one stays)
            title = text
            start += heads[0][1] + 1
            while start < len(lines) and not lines[start].strip():
                start += 1
    calls = [_heading(level, title or _name_title(src))]
    if head.text_end:  # a front matter not read safely: its lines, as they are
        calls.append(
            _call("append_source", file=src.name, start_line=1, end_line=head.text_end, as_="text")
        )
    if head.properties:
        calls.append(_call("append_markdown", text=head.properties))
    if any(line.strip() for line in lines[start:]):
        calls.append(
            _call(
                "append_source",
                file=src.name,
                start_line=start + 1,
                end_line=len(lines),
                as_="markdown",
                base_level=min(6, level + 1),
            )
        )
    return calls


def plan_log(src: Source, level: int = 1) -> list[dict[str, Any]]:
    calls = [_heading(level, _name_title(src))]
    if src.lines:
        calls.append(_call("append_log_digest", file=src.name))
        calls.append(
            _call(
                "append_source",
                file=src.name,
                start_line=1,
                end_line=len(src.lines),
                as_="code",
                language="log",
            )
        )
    return calls


def plan_text(src: Source, level: int = 1) -> list[dict[str, Any]]:
    segs = textstructure.segments(src.lines)
    title = _name_title(src)
    if segs and segs[0].kind == "heading":
        title = mdtext.escape_prose_line(mdtext.one_line(segs[0].text))
        segs = segs[1:]
    calls = [_heading(level, title)]
    levels = iter(mdtext.releveled([s.rank for s in segs if s.kind == "heading"], level + 1))
    for seg in segs:
        if seg.kind == "heading":
            text = mdtext.escape_prose_line(mdtext.one_line(seg.text))
            calls.append(_heading(next(levels), text))
        else:
            calls.append(
                _call(
                    "append_source",
                    file=src.name,
                    start_line=seg.start,
                    end_line=seg.end,
                    as_="prose" if seg.kind == "prose" else "text",
                )
            )
    return calls


def plan_file(src: Source, level: int = 1, lang: str = "en") -> list[dict[str, Any]]:
    """The tool calls of one chapter: its heading at `level` (1, or 2 in a part), the file's
    own headings below it; the notes it writes in the document's language `lang`."""
    plan = {"md": plan_markdown, "log": plan_log}.get(src.kind) or other_plan(src.kind)
    calls = plan_table(src, level, lang) if plan is plan_table else (plan or plan_text)(src, level)
    if not src.lines:
        calls.append(_call("append_markdown", text=f"*{label(lang, 'empty_file')}*"))
    return calls


def fix_calls(findings: list[Finding], starts: list[int]) -> list[dict[str, Any]]:
    """Deterministic repairs for validation findings in the chapters just written (`starts`:
    the line count before each chapter of the batch): only the affected lines change, never a
    line of verbatim content. Heading levels are repaired chapter by chapter, and the calls
    run from the document's end up, so a repair never moves the lines of the next one."""
    calls: list[tuple[int, dict[str, Any]]] = []
    for f in findings:
        if f.get("code") == "E001":
            calls.append((f["line"], _call("close_fence", line_number=f["line"])))
    chapters = {
        chapter_of(starts, f["line"]) for f in findings if f.get("code") in ("E006", "E007")
    }
    for k in chapters:
        end = {"to_line": starts[k + 1]} if k + 1 < len(starts) else {}
        calls.append((starts[k] + 1, _call("fix_heading_levels", from_line=starts[k] + 1, **end)))
    return [call for _, call in sorted(calls, key=lambda c: -c[0])]


def batch_starts(state: DocState) -> list[int]:
    """The line count before each chapter of the batch being written or repaired."""
    last = state.get("last_checkpoint")
    return list(state.get("chapter_starts") or []) or [last["lines"] if last else 0]


MAX_BATCH_FILES = 100  # one agent turn plans at most this many files…
MAX_BATCH_BYTES = 128 * 1024  # …and this many bytes (markdownlint slows down past it)


class OfflinePolicy:
    name = "offline"

    def __init__(self, plan: Plan | None = None) -> None:
        # (tests make batches small to crash and resume in the middle of a folder)
        self.batch_files = int(os.environ.get("DOCGEN_TEST_BATCH_FILES") or MAX_BATCH_FILES)
        self.entries = plan.entries() if plan is not None else None  # --plan (planned.py)

    def answer(self, state: DocState, ws: Workspace) -> Reply:
        messages = state.get("messages", [])
        if messages and isinstance(messages[-1], ToolMessage):  # the plan has run
            return Reply(None, warnings=failed_calls(messages, ws.store.names, state))
        if fixing(messages):
            validation = state.get("validation")
            findings = validation["issues"] if validation else []
            calls = fix_calls(findings, batch_starts(state))
            return Reply(AIMessage(content="", tool_calls=calls) if calls else None)
        index = state.get("file_index", 0)
        names = ws.store.names
        chapters: list[list[dict[str, Any]]] = []
        size = 0
        for i in range(index, len(names)):
            src = ws.store.get(names[i])
            size += src.path.stat().st_size
            if chapters and (len(chapters) == self.batch_files or size > MAX_BATCH_BYTES):
                break
            chapters.append(self.chapter(state, ws, i))
        note = f"chapters {index + 1}-{index + len(chapters)}"
        return Reply(batch_message(note, chapters), files=len(chapters))

    def chapter(self, state: DocState, ws: Workspace, index: int) -> list[dict[str, Any]]:
        """The tool calls of the chapter of input file `index`."""
        names = ws.store.names
        if self.entries is not None:  # the user's plan says how
            from agentic_docgen.graph.policy.planned import planned_chapter

            return planned_chapter(ws.store.get(names[index]), self.entries[names[index]], ws.lang)
        level, part = chapter_level(names, index) if state.get("parts") else (1, None)
        calls = plan_file(ws.store.get(names[index]), level, ws.lang)
        if part is not None:  # the part this chapter opens (its folder has no index file)
            calls.insert(0, _heading(1, mdtext.escape_prose_line(mdtext.one_line(part))))
        return calls


def failed_calls(messages: list[Any], names: list[str], state: DocState) -> list[str]:
    """A warning for each tool call of the batch that failed, naming its file."""
    plan = next((m for m in reversed(messages) if isinstance(m, AIMessage)), None)
    if plan is None:
        return []
    begins = chapter_calls(plan)
    position = {c.get("id"): n for n, c in enumerate(plan.tool_calls)}
    first = state.get("file_index", 0)
    out = []
    for m in messages:
        if isinstance(m, ToolMessage) and m.status == "error":
            n = position.get(m.tool_call_id, 0)
            k = max(0, bisect.bisect_right(begins, n) - 1) if begins else 0
            file = names[first + k] if first + k < len(names) else "?"
            out.append(f"offline plan: {file}: tool call failed: {str(m.content)[:200]}")
    return out
