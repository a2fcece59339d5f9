"""The LangGraph state machine (see ARCHITECTURE.md for the diagram): its nodes, edges and
every router. Nodes are plain functions of the state and the runtime (`runtime.context` is
the run's RunContext); each is wrapped by `_consistent`, which keeps the markdown file and
the state in step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, Protocol, TypeVar

from langchain_core.messages import AIMessage
from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime

from agentic_docgen.core.events import WarningReported
from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.nodes.agent import agent, run_tools
from agentic_docgen.graph.nodes.chapter import checkpoint, validate_md
from agentic_docgen.graph.nodes.output import convert_docx, parse_to_json, quality_check
from agentic_docgen.graph.nodes.recovery import error_handler, finalize, rollback
from agentic_docgen.graph.nodes.references import human_input, scan_assets
from agentic_docgen.graph.nodes.review import review_plan
from agentic_docgen.graph.state import DocState, Reported, check_state, check_update


class Node(Protocol):
    """A node: a function of the state and the runtime that returns the keys it changes."""

    __name__: str

    def __call__(self, state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]: ...


# ----- routers ---------------------------------------------------------------------------
def route_start(state: DocState) -> Literal["review_plan", "scan_assets"]:
    """--review: the plan waits for the user before anything is read or written."""
    return "review_plan" if state.get("review") else "scan_assets"


def route_after_review(state: DocState) -> Literal["review_plan", "scan_assets", "finalize"]:
    if state.get("status") == "failed":
        return "finalize"
    return "review_plan" if state.get("review") else "scan_assets"


def route_after_scan(state: DocState) -> Literal["human_input", "agent", "finalize"]:
    if state.get("status") == "failed":
        return "finalize"
    return "human_input" if state.get("missing") else "agent"


def route_after_human(state: DocState) -> Literal["scan_assets", "finalize"]:
    return "finalize" if state.get("status") == "failed" else "scan_assets"


def route_after_agent(
    state: DocState,
) -> Literal["tools", "validate_md", "parse_to_json", "finalize"]:
    messages = state.get("messages") or []
    last = messages[-1] if messages else None
    if isinstance(last, AIMessage) and last.tool_calls:
        return "tools"
    if state.get("chapter_done"):
        return "validate_md"
    return "finalize" if state.get("chapters_only") else "parse_to_json"


def route_after_validate(state: DocState) -> Literal["agent", "checkpoint"]:
    """Findings to repair (a validator message) go back to the agent."""
    return "agent" if state.get("messages") else "checkpoint"


Next = TypeVar("Next", bound=str)


def on_error(next_node: Next) -> Callable[[DocState], Literal["error_handler"] | Next]:
    """The router after a stage that may fail: to the error handler, else on to next_node."""

    def route(state: DocState) -> Literal["error_handler"] | Next:
        return "error_handler" if state.get("last_error") else next_node

    route.__name__ = f"error_handler_or_{next_node}"
    return route


def route_after_error(
    state: DocState, runtime: Runtime[RunContext]
) -> Literal["rollback", "finalize"]:
    """Retry from the last good checkpoint until the attempts (--max-attempts) are used."""
    retry = state.get("attempts", 0) < runtime.context.settings.max_attempts
    return "rollback" if retry else "finalize"


REPORTED = tuple(Reported.__annotations__)


# ----- nodes -----------------------------------------------------------------------------
def _consistent(fn: Node) -> Node:
    """Wrap a node so the session's files and the graph state always agree: before the node,
    what a crashed (unsaved) step appended to the markdown and to the report is removed; after
    it, what the node reported (state.Reported) is appended to the report, and the new line
    count and report size are part of the node's update, saved by the checkpointer with the
    rest."""

    def node(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
        ctx = runtime.context
        check_state(fn.__name__, state)
        ws = ctx.workspace(state)
        ws.reconcile(state.get("md_lines", 0))
        report = ctx.report
        report.cut(state.get("report_size", 0))
        ws.chapter_starts = list(state.get("chapter_starts") or [])
        update = fn(state, runtime)
        check_update(fn.__name__, update)
        reported = {key: update.pop(key) for key in REPORTED if key in update}
        for warning in reported.get("warnings", ()):
            ctx.emit(WarningReported(warning))
        size = report.add(reported)
        if size != state.get("report_size", 0):
            update["report_size"] = size
        if "chapter_starts" not in update and ws.chapter_starts != state.get("chapter_starts", []):
            update["chapter_starts"] = ws.chapter_starts  # (tools noted or moved them)
        lines = ws.line_count()
        if lines != state.get("md_lines", 0):
            update["md_lines"] = lines
        ctx.test_crash_hook("step")
        return update

    node.__name__ = fn.__name__
    return node


def build_graph(checkpointer: Any = None) -> Any:
    """The compiled graph; run it with `graph.invoke(..., context=RunContext(...))`."""
    nodes: dict[str, Node] = {
        "review_plan": review_plan,
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
    g = StateGraph(DocState, context_schema=RunContext)
    for name, fn in nodes.items():
        g.add_node(name, _consistent(fn))
    g.add_conditional_edges(START, route_start)
    g.add_conditional_edges("review_plan", route_after_review)
    g.add_conditional_edges("scan_assets", route_after_scan)
    g.add_conditional_edges("human_input", route_after_human)
    g.add_conditional_edges("agent", route_after_agent)
    g.add_edge("tools", "agent")
    g.add_conditional_edges("validate_md", route_after_validate)
    g.add_edge("checkpoint", "agent")
    for stage, next_node in (
        ("parse_to_json", "convert_docx"),
        ("convert_docx", "quality_check"),
        ("quality_check", "finalize"),
    ):
        g.add_conditional_edges(stage, on_error(next_node), ["error_handler", next_node])
    g.add_conditional_edges("error_handler", route_after_error)
    g.add_edge("rollback", "agent")
    g.add_edge("finalize", END)
    return g.compile(checkpointer=checkpointer)
