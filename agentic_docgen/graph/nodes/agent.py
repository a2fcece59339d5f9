"""agent and tools: the policy answers, the agent node runs the chapter loop, the tools copy
content by reference."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from langchain_core.messages import AIMessage, RemoveMessage, ToolMessage
from langgraph.graph.message import REMOVE_ALL_MESSAGES
from langgraph.runtime import Runtime
from pydantic import ValidationError

from agentic_docgen.core.errors import ToolError
from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.policy.protocol import INVALID_ARGS, Reply, Usage, fixing
from agentic_docgen.graph.state import DocState, FileUsage
from agentic_docgen.graph.tools.bindings import TOOLS

_CONTENT_ARGS = {"text", "new_content"}  # never logged: they carry document content


def agent(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """One agent turn. The node owns the chapter loop: it asks the policy for the current
    chapter's next tool calls and, when the policy is done with it, marks the chapter done
    (validate_md and checkpoint follow) and moves on to the next input file; after the last
    one, the document is generated."""
    t0 = time.perf_counter()
    ctx = runtime.context
    index = state.get("file_index", 0)
    files = ctx.inputs
    messages = state.get("messages", [])
    update: dict[str, Any]
    if index >= len(files) and not messages:
        update = {"status": "generated"}
    else:
        if not messages:
            ctx.say(f"chapter {index + 1}/{len(files)}: {files[index]}")
        reply = ctx.policy.answer(state, ctx.ws)
        update = _turn(state, reply, files)
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
    update: dict[str, Any] = {}
    if reply.message is None:  # done with this chapter
        update = {"chapter_done": True, "messages": [RemoveMessage(id=REMOVE_ALL_MESSAGES)]}
        if not fixing(state.get("messages", [])):  # (a repair round stays on its chapter)
            update["file_index"] = index + 1
    else:
        restart = [RemoveMessage(id=REMOVE_ALL_MESSAGES)] if reply.restart else []
        update["messages"] = [*restart, *reply.before, reply.message]
    if reply.warnings:
        update["warnings"] = reply.warnings
    if reply.disable_llm:
        update["llm_disabled"] = True
    if reply.usage is not None:
        update.update(_add_usage(state, files[index], reply.usage))
    return update


def _add_usage(state: DocState, file: str, usage: Usage) -> dict[str, Any]:
    """The run's token counts and cost with one model call added, and the call reported
    (the counts by file are the sum of the reported calls: runner._result)."""
    total = state.get("llm_usage") or {"input": 0, "output": 0, "cost_usd": 0.0}
    call: FileUsage = {
        "file": file,
        "input": usage.input,
        "output": usage.output,
        "cost_usd": usage.cost_usd,
    }
    return {"llm_usage": add_usage(total, call), "usage": [call]}


def add_usage(into: Mapping[str, Any], usage: Mapping[str, Any]) -> dict[str, Any]:
    """Token counts and cost, with one model call's added."""
    return {
        "input": into["input"] + usage["input"],
        "output": into["output"] + usage["output"],
        "cost_usd": round(into["cost_usd"] + usage["cost_usd"], 6),
    }


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
    tools = {t.name: t for t in TOOLS}
    results: list[ToolMessage] = []
    for call in message.tool_calls:
        started = time.perf_counter()
        name, call_id = call["name"], call.get("id") or ""
        tool = tools.get(name)
        status = "success"
        try:
            if tool is None:
                raise ToolError(f"unknown tool {name!r}; tools: {', '.join(sorted(tools))}")
            if INVALID_ARGS in (call.get("args") or {}):
                raise ToolError(
                    f"the arguments of {name} are not valid JSON: "
                    f"{call['args'][INVALID_ARGS][:200]}"
                )
            content = str(tool.invoke(call["args"]))
        except ValidationError as exc:
            status, content = "error", f"error: invalid arguments for {name}: {exc.errors()[:3]}"
        except ToolError as exc:
            status, content = "error", f"error: {exc}"
        except Exception as exc:  # a tool must never crash the run
            status, content = "error", f"error: {type(exc).__name__}: {exc}"
        results.append(ToolMessage(content=content, tool_call_id=call_id, name=name, status=status))
        ctx.test_crash_hook("tool")
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
    update: dict[str, Any] = {"messages": results, "timings_s": {"tools": time.perf_counter() - t0}}
    if ctx.ws.repairs:  # the repairs these calls made (E001, E006), named in `fixes`
        update["fixes"], ctx.ws.repairs = ctx.ws.repairs, []
    return update
