"""The LLM policy: a model decides each file's structure through the same tools.

Guard rails, all enforced here and by the tools rather than by the prompt:
- every tool call is validated by the tools node (unknown tool, bad arguments, ranges, paths):
  the error goes back to the model;
- a step budget per file, and an error budget per file;
- after the model finishes a file, a coverage check: every line of the source placed exactly
  once. Missing spans are appended in order (warning); a line placed twice, a missing chapter
  heading, or a model that keeps failing sends that file to the offline plan (warning);
- provider errors after LiteLLM's retries switch the rest of the run to the offline policy.
"""

from __future__ import annotations

import uuid
from typing import Any

from langchain_core.messages import AIMessage, AnyMessage, HumanMessage, SystemMessage, ToolMessage

from agentic_docgen.graph.policy import prompts
from agentic_docgen.graph.policy.model import usage_of
from agentic_docgen.graph.policy.offline import OfflinePolicy, plan_file
from agentic_docgen.graph.policy.protocol import INVALID_ARGS, Reply, Usage, fixing
from agentic_docgen.graph.state import DocState
from agentic_docgen.graph.tools import reading
from agentic_docgen.graph.tools.bindings import TOOLS
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.markdown import textstructure

MAX_TURNS_PER_FILE = 30
MAX_TOOL_ERRORS_PER_FILE = 8
COVERAGE = "docgen-coverage"
FALLBACK = "docgen-fallback"


def _calls_message(name: str, calls: list[dict[str, Any]], note: str) -> AIMessage:
    for c in calls:
        c.setdefault("id", f"call_{uuid.uuid4().hex[:12]}")
        c.setdefault("type", "tool_call")
    return AIMessage(content=note, tool_calls=calls, name=name)


def _with_invalid_calls(reply: Any) -> Any:
    """Tool calls whose arguments were not valid JSON go to the tools node too, so the model
    gets an error back (and a chance to retry) instead of being taken as finished."""
    invalid = getattr(reply, "invalid_tool_calls", None) or []
    if not invalid:
        return reply
    calls = list(reply.tool_calls or [])
    for c in invalid:
        calls.append(
            {
                "name": c.get("name") or "unknown",
                "args": {INVALID_ARGS: str(c.get("args"))[:500]},
                "id": c.get("id") or f"call_{uuid.uuid4().hex[:12]}",
                "type": "tool_call",
            }
        )
    return AIMessage(
        content=reply.content,
        tool_calls=calls,
        usage_metadata=getattr(reply, "usage_metadata", None),
        response_metadata=dict(getattr(reply, "response_metadata", {}) or {}),
    )


def missing_spans(
    lines: list[str], spans: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[int]]:
    """Ranges of non-blank lines no span covers, and the lines covered more than once."""
    count = [0] * (len(lines) + 2)
    for start, end in spans:
        for n in range(max(1, start), min(len(lines), end) + 1):
            count[n] += 1
    twice = [n for n in range(1, len(lines) + 1) if count[n] > 1]
    gaps: list[tuple[int, int]] = []
    n = 1
    while n <= len(lines):
        if count[n] == 0 and lines[n - 1].strip():
            start = n
            while n + 1 <= len(lines) and count[n + 1] == 0:
                n += 1
            gaps.append((start, n))
        n += 1
    return gaps, twice


def gap_calls(
    file: str, kind: str, lines: list[str], gaps: list[tuple[int, int]]
) -> list[dict[str, Any]]:
    calls = []
    for start, end in gaps:
        args: dict[str, Any] = {"file": file, "start_line": start, "end_line": end}
        if kind == "md":
            args.update(as_="markdown", base_level=2)
        elif kind == "log":
            args.update(as_="code", language="log")
        else:
            pre = textstructure.segments(lines[start - 1 : end])
            prose = all(s.kind != "pre" for s in pre)
            args.update(as_="prose" if prose else "text")
        calls.append({"name": "append_source", "args": args})
    return calls


class LLMPolicy:
    name = "llm"

    def __init__(self, model: Any, cache: Any = None) -> None:
        self.model = model
        self.cache = cache
        self.offline = OfflinePolicy()
        self._bound: Any = None

    def ask(self, messages: list[Any]) -> Any:
        """One model turn (from the response cache when the same turn was asked before)."""
        if self._bound is None:
            self._bound = self.model.bind_tools(TOOLS)
        key = self.cache.key(messages, [t.name for t in TOOLS]) if self.cache else None
        if key:
            hit = self.cache.get(key)
            if hit is not None:
                return hit
        reply = self._bound.invoke(messages)
        if key:
            self.cache.put(key, reply)
        return reply

    # -------------------------------------------------------------------------------------
    def answer(self, state: DocState, ws: Workspace) -> Reply:
        messages = state.get("messages", [])
        if state.get("llm_disabled") or fixing(messages):
            return self.offline.answer(state, ws)  # (fixing: deterministic repairs)
        last_ai = next((m for m in reversed(messages) if isinstance(m, AIMessage)), None)
        if last_ai is not None and last_ai.name in (COVERAGE, FALLBACK):
            return Reply(None)  # the coverage calls or the offline plan have run
        if messages and isinstance(messages[-1], ToolMessage):
            errors = sum(isinstance(m, ToolMessage) and m.status == "error" for m in messages)
            turns = sum(isinstance(m, AIMessage) for m in messages)
            if errors > MAX_TOOL_ERRORS_PER_FILE:
                return self._fallback(state, ws, f"{errors} invalid tool calls")
            if turns >= MAX_TURNS_PER_FILE:
                return self._finish(state, ws, note=f"step budget of {turns} turns used")
        new = [] if messages else self._task(state, ws)
        try:
            reply = self.ask([*messages, *new])
        except Exception as exc:  # provider error after LiteLLM's retries
            out = self._fallback(state, ws, f"model error: {type(exc).__name__}: {exc}"[:300])
            out.warnings.append("the model failed; the rest of the run uses the offline plan")
            out.disable_llm = True
            return out
        reply = _with_invalid_calls(reply)
        if not getattr(reply, "tool_calls", None):
            out = self._finish(state, ws, prior=[*new, reply])
        else:
            out = Reply(reply, before=new)
        out.usage = Usage(*usage_of(reply))
        return out

    # -------------------------------------------------------------------------------------
    def _task(self, state: DocState, ws: Workspace) -> list[AnyMessage]:
        """The first turn of a chapter: the system prompt and the file to structure."""
        files, index = ws.store.names, state.get("file_index", 0)
        src = ws.store.get(files[index])
        digest = reading.describe_file(ws, src.name)
        task = prompts.file_task(
            src.name, index, len(files), digest, reading.read_generated_file(ws, 20)
        )
        return [SystemMessage(prompts.SYSTEM), HumanMessage(task)]

    def _finish(
        self, state: DocState, ws: Workspace, note: str = "", prior: list[Any] | None = None
    ) -> Reply:
        """The model is done with the file: check coverage, append what it left out."""
        file = ws.store.names[state.get("file_index", 0)]
        src = ws.store.get(file)
        spans = [(s["start"], s["end"]) for s in ws.spans() if s["file"] == file]
        gaps, twice = missing_spans(src.lines, spans)
        if twice:
            return self._fallback(state, ws, f"lines placed twice (first: {twice[0]})")
        last = state.get("last_checkpoint")
        start = last["lines"] if last else 0
        if not ws.chapter_has_title(start):
            return self._fallback(state, ws, "no chapter heading (H1) written")
        warnings = []
        if note:
            warnings.append(f"{file}: {note}")
        if not gaps:
            return Reply(None, warnings=warnings)
        placed = sum(e - s + 1 for s, e in gaps)
        warnings.append(
            f"{file}: the model left {placed} line(s) in {len(gaps)} span(s) unplaced;"
            " they were appended in order at the end of the chapter"
        )
        calls = gap_calls(file, src.kind, src.lines, gaps)
        coverage = _calls_message(COVERAGE, calls, "coverage check")
        return Reply(coverage, before=list(prior or []), warnings=warnings)

    def _fallback(self, state: DocState, ws: Workspace, reason: str) -> Reply:
        """Undo the model's work on this file and place it with the offline plan."""
        file = ws.store.names[state.get("file_index", 0)]
        ws.restore_chapter_start(state.get("last_checkpoint"))
        calls = plan_file(ws.store.get(file))
        return Reply(
            _calls_message(FALLBACK, calls, "offline plan"),
            restart=True,
            warnings=[f"{file}: {reason}; the file was placed by the offline plan"],
        )
