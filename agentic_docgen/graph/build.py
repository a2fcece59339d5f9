"""The LangGraph state machine (see ARCHITECTURE.md for the diagram)."""

from __future__ import annotations

from functools import partial
from typing import Any, Literal

from langchain_core.messages import AIMessage
from langgraph.graph import END, START, StateGraph

from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.nodes.agent import agent, run_tools
from agentic_docgen.graph.nodes.chapter import checkpoint, route_after_validate, validate_md
from agentic_docgen.graph.nodes.output import (
    convert_docx,
    parse_to_json,
    quality_check,
    route_after_convert,
    route_after_parse,
    route_after_quality,
)
from agentic_docgen.graph.nodes.recovery import error_handler, finalize, rollback, route_after_error
from agentic_docgen.graph.nodes.references import human_input, scan_assets
from agentic_docgen.graph.state import DocState, check_state, check_update


def route_after_scan(state: dict[str, Any]) -> Literal["human_input", "agent", "finalize"]:
    if state.get("status") == "failed":
        return "finalize"
    return "human_input" if state.get("missing") else "agent"


def route_after_human(state: dict[str, Any]) -> Literal["scan_assets", "finalize"]:
    return "finalize" if state.get("status") == "failed" else "scan_assets"


def route_after_agent(state: dict[str, Any]) -> Literal["tools", "validate_md", "parse_to_json"]:
    messages = state.get("messages") or []
    last = messages[-1] if messages else None
    if isinstance(last, AIMessage) and last.tool_calls:
        return "tools"
    if state.get("chapter_done"):
        return "validate_md"
    return "parse_to_json"


def _consistent(fn: Any, ctx: RunContext) -> Any:
    """Wrap a node so the markdown file and the graph state always agree: before the node,
    lines a crashed (unsaved) step appended are removed; after it, the new line count is part
    of the node's update, saved by the checkpointer with the rest."""

    def node(state: dict[str, Any]) -> dict[str, Any]:
        check_state(fn.__name__, state)
        ws = ctx.workspace(state)
        ws.reconcile(state.get("md_lines", 0))
        update = fn(state, ctx=ctx)
        check_update(fn.__name__, update)
        lines = ws.line_count()
        if lines != state.get("md_lines", 0):
            update["md_lines"] = lines
        ctx.test_crash_hook("step")
        return update

    node.__name__ = fn.__name__
    return node


def build_graph(ctx: RunContext, checkpointer: Any = None) -> Any:
    g = StateGraph(DocState)
    nodes = {
        "scan_assets": scan_assets,
        "human_input": human_input,
        "agent": agent,
        "tools": run_tools,
        "validate_md": validate_md,
        "checkpoint": checkpoint,
        "parse_to_json": parse_to_json,
        "convert_docx": convert_docx,
        "quality_check": quality_check,
        "error_handler": error_handler,
        "rollback": rollback,
        "finalize": finalize,
    }
    for name, fn in nodes.items():
        g.add_node(name, _consistent(fn, ctx))
    g.add_edge(START, "scan_assets")
    g.add_conditional_edges("scan_assets", route_after_scan)
    g.add_conditional_edges("human_input", route_after_human)
    g.add_conditional_edges("agent", route_after_agent)
    g.add_edge("tools", "agent")
    g.add_conditional_edges(
        "validate_md", route_after_validate, {"agent": "agent", "checkpoint": "checkpoint"}
    )
    g.add_edge("checkpoint", "agent")
    g.add_conditional_edges(
        "parse_to_json",
        route_after_parse,
        {"error_handler": "error_handler", "convert_docx": "convert_docx"},
    )
    g.add_conditional_edges(
        "convert_docx",
        route_after_convert,
        {"error_handler": "error_handler", "quality_check": "quality_check"},
    )
    g.add_conditional_edges(
        "quality_check",
        route_after_quality,
        {"error_handler": "error_handler", "finalize": "finalize"},
    )
    g.add_conditional_edges(
        "error_handler",
        partial(route_after_error, max_attempts=ctx.settings.max_attempts),
        {"rollback": "rollback", "finalize": "finalize"},
    )
    g.add_edge("rollback", "agent")
    g.add_edge("finalize", END)
    return g.compile(checkpointer=checkpointer)
