"""Agent policies behind one tool protocol: `offline` (deterministic) and an LLM.

A policy answers one agent turn with a `Reply`: the tool calls to run next, or None when it
is done with the chapter. It never steers the graph: the agent node (nodes/agent.py) owns
the chapter loop (chapter_done, file_index, the end of the inputs) and turns the Reply into
the state update.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from langchain_core.messages import AIMessage, AnyMessage, BaseMessage, HumanMessage

from agentic_docgen.core.errors import InputError
from agentic_docgen.core.settings import Settings
from agentic_docgen.graph.state import DocState
from agentic_docgen.graph.tools.document import Workspace

INVALID_ARGS = "__invalid_arguments__"  # set by a policy for arguments that were not JSON
VALIDATOR = "validator"  # name of the HumanMessage that carries the validator's findings
# An AIMessage's additional_kwargs key: the positions of its tool calls that begin a chapter
# (one per input file of a batch, in order); the tools node notes where each one starts.
CHAPTERS = "docgen_chapters"


class Usage(NamedTuple):
    """Tokens and cost of one model call."""

    input: int
    output: int
    cost_usd: float
    calls: int = 1  # (a turn that asked the model again counts both)

    def __add__(self, other: object) -> Usage:  # type: ignore[override]
        assert isinstance(other, Usage)
        return Usage(
            self.input + other.input,
            self.output + other.output,
            self.cost_usd + other.cost_usd,
            self.calls + other.calls,
        )


@dataclass
class Reply:
    """A policy's answer to one agent turn."""

    message: AIMessage | None  # the tool calls to run next; None: done with this chapter
    before: list[AnyMessage] = field(default_factory=list)  # turns that lead to `message`
    restart: bool = False  # clear the conversation first (the chapter starts over)
    warnings: list[str] = field(default_factory=list)
    usage: Usage | None = None  # the model call this turn made
    disable_llm: bool = False  # the model failed: the rest of the run uses the offline plan
    files: int = 1  # a new batch: how many input files, from file_index on, `message` begins


def batch_message(content: str, chapters: Sequence[list[dict[str, Any]]], **kw: Any) -> AIMessage:
    """One message with the tool calls of several chapters (one list per input file, in
    order), marked with where each chapter begins (CHAPTERS)."""
    calls: list[dict[str, Any]] = []
    starts = []
    for chapter in chapters:
        starts.append(len(calls))
        calls += chapter
    return AIMessage(content=content, tool_calls=calls, additional_kwargs={CHAPTERS: starts}, **kw)


def chapter_calls(message: BaseMessage) -> list[int]:
    """The positions of the message's tool calls that begin a chapter (batch_message)."""
    starts = message.additional_kwargs.get(CHAPTERS) if isinstance(message, AIMessage) else None
    return [int(n) for n in starts] if isinstance(starts, list) else []


def chapter_of(starts: list[int], line: int) -> int:
    """The chapter of a batch a document line belongs to (`starts`: the line count before
    each chapter; a line before the first belongs to it)."""
    return max(0, bisect.bisect_left(starts, line) - 1)


def fixing(messages: Sequence[BaseMessage]) -> bool:
    """Is the conversation about repairing the validator's findings (not a new chapter)?"""
    return any(isinstance(m, HumanMessage) and m.name == VALIDATOR for m in messages)


class Policy(Protocol):
    name: str

    def answer(self, state: DocState, ws: Workspace) -> Reply:
        """One agent turn: the next tool calls for the current chapter, or done."""
        ...


def get_policy(settings: Settings, plan: Any = None) -> Policy:
    """The policy for settings.model: `offline`, or any LiteLLM model string (`plan`: the
    user's plan.Plan, which the offline policy follows, whatever the model)."""
    model = settings.model
    if model in ("", "offline") or plan is not None:  # a plan: the model writes only its
        # instruction sections (graph/tools/generated.py); the chapters follow the plan
        from agentic_docgen.graph.policy.offline import OfflinePolicy

        return OfflinePolicy(plan)
    if "/" not in model and not model.replace("-", "").replace(".", "").isalnum():
        raise InputError(f"not a model name: {model!r}", path="--model")
    from agentic_docgen.graph.policy.llm import LLMPolicy
    from agentic_docgen.graph.policy.model import ResponseCache, make_chat_model

    cache = None
    if settings.cache:
        cache = ResponseCache(settings.llm_cache_dir, f"{model}@{settings.api_base or ''}")
    chat = make_chat_model(model, settings.api_base)
    return LLMPolicy(chat, cache=cache, batch_tokens=settings.llm_batch_tokens)
