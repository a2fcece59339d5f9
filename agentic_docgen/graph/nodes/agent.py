"""agent and tools: the policy decides, the tools copy content by reference."""

from __future__ import annotations

import time
from typing import Any

from langchain_core.messages import AIMessage, ToolMessage
from pydantic import ValidationError

from agentic_docgen.core.errors import ToolError
from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.policy.protocol import INVALID_ARGS
from agentic_docgen.graph.tools.bindings import make_tools

_CONTENT_ARGS = {"text", "new_content"}  # never logged: they carry document content


def agent(state: dict[str, Any], ctx: RunContext) -> dict[str, Any]:
    t0 = time.perf_counter()
    index = state.get("file_index", 0)
    files = state["input_files"]
    if index < len(files) and not state.get("messages"):
        ctx.say(f"chapter {index + 1}/{len(files)}: {files[index]}")
    update = ctx.policy.step(state, ctx.workspace(state))
    ctx.log.transition(
        "agent",
        file_index=index,
        policy=ctx.policy.name,
        tool_calls=len(getattr(_last(update), "tool_calls", []) or []),
    )
    update["timings_s"] = {"agent": time.perf_counter() - t0}
    return update


def _last(update: dict[str, Any]) -> Any:
    msgs = update.get("messages") or []
    return msgs[-1] if msgs else None


def run_tools(state: dict[str, Any], ctx: RunContext) -> dict[str, Any]:
    """Execute the last AI message's tool calls one by one, in order.

    LangGraph's prebuilt ToolNode runs the calls of one message concurrently; appends to the
    document must happen in the order the agent gave them, so this node runs them in turn.
    Invalid calls (unknown tool, bad arguments, refused paths) come back to the agent as
    error ToolMessages, never as a crash.
    """
    t0 = time.perf_counter()
    message = state["messages"][-1]
    assert isinstance(message, AIMessage)
    tools = {t.name: t for t in make_tools(ctx.workspace(state))}
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
    return {"messages": results, "timings_s": {"tools": time.perf_counter() - t0}}
