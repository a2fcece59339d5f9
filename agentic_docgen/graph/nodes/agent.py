"""agent and tools: the policy answers, the agent node runs the chapter loop, the tools copy
content by reference."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from langchain_core.messages import AIMessage, RemoveMessage, ToolMessage
from langchain_core.tools import BaseTool
from langgraph.graph.message import REMOVE_ALL_MESSAGES
from langgraph.runtime import Runtime
from pydantic import BaseModel, ValidationError

from agentic_docgen.core.errors import ToolError
from agentic_docgen.core.events import ChapterStarted, UsageUpdated, percent
from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.policy.protocol import INVALID_ARGS, Reply, Usage, chapter_calls, fixing
from agentic_docgen.graph.state import DocState, FileUsage
from agentic_docgen.graph.tools.bindings import FUNCTIONS, tool
from agentic_docgen.graph.tools.generated import GENERATED_TOOLS

_CONTENT_ARGS = {"text", "new_content"}  # never logged: they carry document content
LOG_EACH_CALL = 8  # a step with more calls (a batch) logs them as one line; errors always


def agent(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """One agent turn. The node owns the chapter loop: it asks the policy for the next tool
    calls of the current batch of chapters (the files file_index..batch_end-1: as many as the
    policy decides at once, one at least) and, when the policy is done with them, marks the
    batch done (validate_md and checkpoint follow) and moves on to the next input file; after
    the last one, the document is generated."""
    t0 = time.perf_counter()
    ctx = runtime.context
    index = state.get("file_index", 0)
    files = ctx.inputs
    messages = state.get("messages", [])
    update: dict[str, Any]
    if index >= len(files) and not messages:
        update = {"status": "generated"}
    else:
        reply = ctx.policy.answer(state, ctx.ws)
        update = _turn(state, reply, files)
    usage = update.get("usage")
    if usage:  # the model calls of this turn
        total = update["llm_usage"]
        ctx.log.event("llm_call", files=len(usage), run_calls=total["calls"], **_sum(usage))
        ctx.emit(UsageUpdated(total["input"], total["output"], total["cost_usd"], total["calls"]))
    ctx.log.transition(
        "agent",
        file_index=index,
        policy=ctx.policy.name,
        tool_calls=len(getattr(_last(update), "tool_calls", []) or []),
    )
    update["timings_s"] = {"agent": time.perf_counter() - t0}
    return update


def _turn(state: DocState, reply: Reply, files: list[str]) -> dict[str, Any]:
    """The state update of a policy's reply."""
    index = state.get("file_index", 0)
    messages = state.get("messages", [])
    update: dict[str, Any] = {}
    if reply.message is None:  # done with this batch of chapters
        update = {"chapter_done": True, "messages": [RemoveMessage(id=REMOVE_ALL_MESSAGES)]}
        if not fixing(messages):  # (a repair round stays on its chapters)
            update["file_index"] = max(index + 1, state.get("batch_end", 0))
    else:
        restart = [RemoveMessage(id=REMOVE_ALL_MESSAGES)] if reply.restart else []
        update["messages"] = [*restart, *reply.before, reply.message]
        if not messages or reply.restart:  # a new batch (or one started over)
            update["batch_end"] = min(len(files), index + max(1, reply.files))
            update["chapter_starts"] = []
    if reply.warnings:
        update["warnings"] = reply.warnings
    if reply.disable_llm:
        update["llm_disabled"] = True
    if reply.usage is not None:
        end = update.get("batch_end") or state.get("batch_end") or index + 1
        update.update(_add_usage(state, files[index : max(index + 1, end)], reply.usage))
    return update


def _add_usage(state: DocState, batch: list[str], usage: Usage) -> dict[str, Any]:
    """The run's token counts, cost and model calls with a turn's calls added, and the turn
    reported, shared evenly among the files of its batch (the counts by file are the sum of
    the reported shares: runner._result)."""
    total = state.get("llm_usage") or {"input": 0, "output": 0, "cost_usd": 0.0}
    n = len(batch)
    shares: list[FileUsage] = [
        {
            "file": file,
            "input": usage.input // n + (k < usage.input % n),
            "output": usage.output // n + (k < usage.output % n),
            "cost_usd": round(usage.cost_usd / n, 6),
        }
        for k, file in enumerate(batch)
    ]
    added = add_usage(total, usage._asdict())
    added["calls"] = total.get("calls", 0) + usage.calls
    return {"llm_usage": added, "usage": shares}


def add_usage(into: Mapping[str, Any], usage: Mapping[str, Any]) -> dict[str, Any]:
    """Token counts and cost, with one model call's added."""
    return {
        "input": into["input"] + usage["input"],
        "output": into["output"] + usage["output"],
        "cost_usd": round(into["cost_usd"] + usage["cost_usd"], 6),
    }


def _sum(usage: list[FileUsage]) -> dict[str, int]:
    return {"input": sum(u["input"] for u in usage), "output": sum(u["output"] for u in usage)}


def _last(update: dict[str, Any]) -> Any:
    msgs = update.get("messages") or []
    return msgs[-1] if msgs else None


def run_tools(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Execute the last AI message's tool calls one by one, in order.

    Not LangGraph's prebuilt ToolNode: it runs the calls of one message concurrently, and
    appends to the document must happen in the order the agent gave them, so this node runs
    them in turn. Invalid calls (unknown tool, bad arguments, refused paths) come back to the
    agent as error ToolMessages, never as a crash. The tools find the workspace through the
    runtime (tools.bindings.workspace).
    """
    t0 = time.perf_counter()
    ctx = runtime.context
    message = state["messages"][-1]
    assert isinstance(message, AIMessage)
    results: list[ToolMessage] = []
    begins = set(chapter_calls(message))
    ws = ctx.ws
    by_tool: dict[str, int] = {}
    first, end = state.get("file_index", 0), state.get("batch_end", 0)
    for position, call in enumerate(message.tool_calls):
        if position in begins:  # a chapter of the batch begins after the lines so far
            ws.chapter_starts.append(ws.line_count())
            _chapter_started(ctx, first + len(ws.chapter_starts) - 1, first, end)
        started = time.perf_counter()
        name = call["name"]
        status, content = _run_call(call)
        results.append(
            ToolMessage(
                content=content, tool_call_id=call.get("id") or "", name=name, status=status
            )
        )
        ctx.test_crash_hook("tool")
        by_tool[name] = by_tool.get(name, 0) + 1
        if status == "error" or len(message.tool_calls) <= LOG_EACH_CALL:
            safe_args = {
                k: (f"<{len(str(v))} chars>" if k in _CONTENT_ARGS else v)
                for k, v in (call.get("args") or {}).items()
            }
            ctx.log.event(
                "tool_call",
                tool=name,
                args=safe_args,
                status=status,
                result=content[:160] if status == "error" else None,
                duration_s=round(time.perf_counter() - started, 4),
            )
    if len(message.tool_calls) > LOG_EACH_CALL:  # a batch: its calls in one line
        ctx.log.event(
            "tool_calls",
            count=len(message.tool_calls),
            by_tool=by_tool,
            errors=sum(r.status == "error" for r in results),
            duration_s=round(time.perf_counter() - t0, 4),
        )
    update: dict[str, Any] = {"messages": results, "timings_s": {"tools": time.perf_counter() - t0}}
    if ws.notes:
        update["warnings"], ws.notes = ws.notes, []
    if ws.generated:
        update["generated"], ws.generated = ws.generated, []
    if ws.repairs:  # the repairs these calls made (E001, E006), named in `fixes`
        update["fixes"], ws.repairs = ws.repairs, []
    return update


def _chapter_started(ctx: RunContext, index: int, first: int, end: int) -> None:
    """Tell the progress display the chapter of input `index` (0-based) begins, in the batch
    of the files first..end-1."""
    files = ctx.inputs
    if not 0 <= index < len(files):
        return
    last = max(end, index + 1, first + 1) - 1
    ctx.emit(
        ChapterStarted(
            index + 1,
            len(files),
            percent(index, len(files)),
            files[index],
            first + 1,
            last + 1,
            (files[first], files[min(last, len(files) - 1)]),
        )
    )


def _run_call(call: Mapping[str, Any]) -> tuple[str, str]:
    """Run one tool call: ("success", its result) or ("error", why)."""
    name = call["name"]
    generated = {t.name: t for t in GENERATED_TOOLS}
    found = tool(name) if name in FUNCTIONS else generated.get(name)
    try:
        if found is None:
            names = ", ".join(sorted([*FUNCTIONS, *generated]))
            raise ToolError(f"unknown tool {name!r}; tools: {names}")
        if INVALID_ARGS in (call.get("args") or {}):
            raise ToolError(
                f"the arguments of {name} are not valid JSON: {call['args'][INVALID_ARGS][:200]}"
            )
        return "success", str(_invoke(found, call["args"]))
    except ValidationError as exc:
        return "error", f"error: invalid arguments for {name}: {exc.errors()[:3]}"
    except ToolError as exc:
        return "error", f"error: {exc}"
    except Exception as exc:  # a tool must never crash the run
        return "error", f"error: {type(exc).__name__}: {exc}"


def _invoke(found: BaseTool, args: dict[str, Any]) -> Any:
    """A tool's function on its arguments validated by the tool's schema, as StructuredTool's
    invoke runs it (the arguments given, validated and converted; ValidationError otherwise)
    without the callback and config machinery around it, which cost a batch of 100 pages
    more than the copies themselves (issue 24: the tools node runs 2 calls per file)."""
    func = getattr(found, "func", None)
    schema = found.args_schema
    if func is None or not isinstance(schema, type) or not issubclass(schema, BaseModel):
        return found.invoke(args)
    valid = schema.model_validate(args)
    return func(**{k: getattr(valid, k) for k in args if k in type(valid).model_fields})
