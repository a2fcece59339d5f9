"""The offline policy: a deterministic planner that emits the tool calls an LLM would.

One H1 chapter per input file (title from the file's own first heading, else its name);
markdown headings re-levelled under the chapter; logs verbatim in text fences; plain text
split into detected headings, prose paragraphs and preformatted blocks.
"""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.messages import AIMessage, ToolMessage

from agentic_docgen.graph.policy.parts import chapter_level
from agentic_docgen.graph.policy.protocol import Reply, fixing
from agentic_docgen.graph.state import DocState
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.graph.tools.sources import Source
from agentic_docgen.markdown import lines as mdtext
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
    if mdtext.nesting_depth(lines) > mdtext.MAX_NESTING:
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
        if not head.title or mdtext.one_line(text).casefold() == head.title.casefold():
            title = text or title  # the heading the body opens with is the title
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


def plan_file(src: Source, level: int = 1) -> list[dict[str, Any]]:
    """The tool calls of one chapter: its heading at `level` (1, or 2 in a part), the file's
    own headings below it."""
    calls = {"md": plan_markdown, "log": plan_log}.get(src.kind, plan_text)(src, level)
    if not src.lines:
        calls.append(_call("append_markdown", text="*This file is empty.*"))
    return calls


def fix_calls(findings: list[Finding], chapter_start: int) -> list[dict[str, Any]]:
    """Deterministic repairs for validation findings in the chapter just written (only the
    affected lines change; never a line of verbatim content)."""
    calls = []
    for f in findings:
        if f.get("code") == "E001":
            calls.append(_call("close_fence", line_number=f["line"]))
    if any(f.get("code") in ("E006", "E007") for f in findings):
        calls.append(_call("fix_heading_levels", from_line=chapter_start + 1))
    return calls


class OfflinePolicy:
    name = "offline"

    def answer(self, state: DocState, ws: Workspace) -> Reply:
        messages = state.get("messages", [])
        if messages and isinstance(messages[-1], ToolMessage):  # the plan has run
            failed = [
                m.content for m in messages if isinstance(m, ToolMessage) and m.status == "error"
            ]
            warnings = [f"offline plan: tool call failed: {str(c)[:200]}" for c in failed]
            return Reply(None, warnings=warnings)
        if fixing(messages):
            validation = state.get("validation")
            findings = validation["issues"] if validation else []
            last = state.get("last_checkpoint")
            start = last["lines"] if last else 0
            calls = fix_calls(findings, start)
            return Reply(AIMessage(content="", tool_calls=calls) if calls else None)
        index = state.get("file_index", 0)
        names = ws.store.names
        src = ws.store.get(names[index])
        level, part = chapter_level(names, index) if state.get("parts") else (1, None)
        calls = plan_file(src, level)
        if part is not None:  # the part this chapter opens (its folder has no index file)
            calls.insert(0, _heading(1, mdtext.escape_prose_line(mdtext.one_line(part))))
        return Reply(AIMessage(content=f"chapter {index + 1}: {src.name}", tool_calls=calls))
