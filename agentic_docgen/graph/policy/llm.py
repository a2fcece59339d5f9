"""The LLM policy: a model decides the structure of a batch of files through the same tools.

A turn sends the digests of as many pending files as fit the batch budget (settings
llm_batch_tokens, at most MAX_BATCH_FILES files; a file too big for the budget alone is a
batch of one) and the document so far as a bounded outline, and asks for the tool calls of
every file of the batch in one answer: one model call per batch when the answer is good.

Guard rails, all enforced here and by the tools rather than by the prompt:
- the answer is checked file by file before anything runs (llmplan.check_plan): each file's
  chapter begins with its H1, copies from that file only, with valid arguments, placing no
  line twice; lines left out are appended in order at the end of the chapter (warning);
- a batch with problems is sent back to the model once, with the problems; a file still
  without a usable chapter is placed by the offline plan (warning), the others keep theirs;
- answers that only read (read_file, describe_file…) run, and their results go back to the
  model, at most MAX_LOOKS times per batch;
- after the calls ran, every file's lines are checked to have arrived; a file whose calls
  failed sends the batch back to its start, with that file placed by the offline plan;
- provider errors after LiteLLM's retries switch the rest of the run to the offline policy.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from langchain_core.messages import AIMessage, AnyMessage, HumanMessage, SystemMessage, ToolMessage

from agentic_docgen.core.settings import LLM_BATCH_TOKENS
from agentic_docgen.graph.policy import prompts
from agentic_docgen.graph.policy.llmplan import Plan, check_plan, explores, missing_spans
from agentic_docgen.graph.policy.model import usage_of
from agentic_docgen.graph.policy.offline import (
    MAX_BATCH_BYTES,
    OfflinePolicy,
    failed_calls,
)
from agentic_docgen.graph.policy.protocol import (
    INVALID_ARGS,
    Reply,
    Usage,
    batch_message,
    chapter_calls,
    fixing,
)
from agentic_docgen.graph.state import DocState
from agentic_docgen.graph.tools import reading
from agentic_docgen.graph.tools.bindings import FUNCTIONS, tools
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.graph.tools.sources import Source

MAX_BATCH_FILES = 20  # files per model call: their tool calls must fit the model's output
MAX_LOOKS = 4  # answers that only read, per batch
PLAN = "docgen-plan"  # the name of the plan message built from the model's answer
FALLBACK = "docgen-fallback"
OFFLINE = "docgen_offline"  # a plan's key: the chapters of its batch planned offline


def _with_invalid_calls(reply: Any) -> Any:
    """Tool calls whose arguments were not valid JSON stay in the answer (marked), so the
    check names them instead of taking the file as skipped."""
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


def _fresh(call: Mapping[str, Any]) -> dict[str, Any]:
    """A call of the plan, with an id of its own (answers are cached and replayed)."""
    return {
        "name": call["name"],
        "args": call.get("args") or {},
        "id": f"call_{uuid.uuid4().hex[:12]}",
        "type": "tool_call",
    }


class LLMPolicy:
    name = "llm"

    def __init__(self, model: Any, cache: Any = None, batch_tokens: int = LLM_BATCH_TOKENS):
        self.model = model
        self.cache = cache
        self.offline = OfflinePolicy()
        self.batch_tokens = batch_tokens
        self.batch_files = min(MAX_BATCH_FILES, self.offline.batch_files)
        self._bound: Any = None
        self.brief = ""  # added to every batch's task (docgen regenerate --instructions)

    def ask(self, messages: list[Any]) -> Any:
        """One model turn (from the response cache when the same turn was asked before)."""
        if self._bound is None:
            self._bound = self.model.bind_tools(tools())
        key = self.cache.key(messages, list(FUNCTIONS)) if self.cache else None
        if key:
            hit = self.cache.get(key)
            if hit is not None:
                return hit
        reply = self._bound.invoke(messages)
        if key:
            self.cache.put(key, reply)
        return reply

    def _ask(self, messages: list[Any]) -> tuple[AIMessage, Usage]:
        reply = _with_invalid_calls(self.ask(messages))
        return reply, Usage(*usage_of(reply))

    # -------------------------------------------------------------------------------------
    def answer(self, state: DocState, ws: Workspace) -> Reply:
        messages = state.get("messages", [])
        if state.get("llm_disabled") or fixing(messages):
            return self.offline.answer(state, ws)  # (fixing: deterministic repairs)
        last_ai = next((m for m in reversed(messages) if isinstance(m, AIMessage)), None)
        if last_ai is not None and messages and isinstance(messages[-1], ToolMessage):
            if last_ai.name == PLAN:
                return self._verify(state, ws, last_ai)
            if last_ai.name == FALLBACK:
                return Reply(None, warnings=failed_calls(messages, ws.store.names, state))
        index = state.get("file_index", 0)
        batch = self._next_batch(ws, index) if not messages else self._batch(state, ws)
        new = [] if messages else self._task(ws, index, batch)
        looks = sum(isinstance(m, AIMessage) for m in messages)
        if looks >= MAX_LOOKS:
            return self._offline(state, ws, len(batch), f"{looks} answers that only read")
        usage = Usage(0, 0, 0.0, 0)
        try:
            reply, usage = self._ask([*messages, *new])
            if explores(reply.tool_calls):  # it looks first: the answers go back to it
                return Reply(reply, before=new, usage=usage, files=len(batch))
            plan = check_plan(reply.tool_calls, batch)
            if plan.problems or plan.dropped:  # once more, with the problems
                again, more = self._ask([*messages, *new, *_problems(reply, plan)])
                usage += more
                if not explores(again.tool_calls):
                    plan = _merged(check_plan(again.tool_calls, batch), plan)
        except Exception as exc:  # provider error after LiteLLM's retries
            why = f"model error: {type(exc).__name__}: {exc}"[:300]
            out = self._offline(state, ws, len(batch), why)
            out.warnings.append("the model failed; the rest of the run uses the offline plan")
            out.disable_llm = True
            out.usage = usage if usage.calls else None
            return out
        out = self._plan(state, ws, batch, plan)
        out.before, out.usage = new, usage
        return out

    # -------------------------------------------------------------------------------------
    def _next_batch(self, ws: Workspace, index: int) -> list[Source]:
        """The pending files whose digests fit the budget (one at least)."""
        names = ws.store.names
        batch: list[Source] = []
        tokens = size = 0
        for i in range(index, len(names)):
            src = ws.store.get(names[i])
            tokens += len(self._digest(ws, i)) // 4 + 1
            size += src.path.stat().st_size
            full = len(batch) >= self.batch_files or size > MAX_BATCH_BYTES
            if batch and (full or tokens > self.batch_tokens):
                break
            batch.append(src)
        return batch

    def _batch(self, state: DocState, ws: Workspace) -> list[Source]:
        """The files of the batch being written."""
        index = state.get("file_index", 0)
        end = max(index + 1, state.get("batch_end", 0))
        return [ws.store.get(name) for name in ws.store.names[index:end]]

    @staticmethod
    def _digest(ws: Workspace, i: int) -> str:
        names = ws.store.names
        return prompts.digest_text(i, len(names), reading.describe_file(ws, names[i]))

    def _task(self, ws: Workspace, index: int, batch: list[Source]) -> list[AnyMessage]:
        """The first turn of a batch: the system prompt, the files' digests, the outline."""
        digests = [self._digest(ws, index + k) for k in range(len(batch))]
        task = prompts.batch_task(digests, reading.recent_outline(ws, index), ws.lang) + self.brief
        return [SystemMessage(prompts.SYSTEM), HumanMessage(task)]

    def _plan(self, state: DocState, ws: Workspace, batch: list[Source], plan: Plan) -> Reply:
        """The batch's tool calls: the model's chapter of each file, or the offline plan's."""
        index = state.get("file_index", 0)
        chapters, warnings, offline = [], list(plan.warnings), []
        for k, src in enumerate(batch):
            calls: list[Mapping[str, Any]] | None = plan.chapters.get(src.name)
            if calls is None:
                calls = list(self.offline.chapter(state, ws, index + k))
                offline.append(k)
                why = plan.problems.get(src.name, "no chapter")
                warnings.append(f"{src.name}: {why}; the file was placed by the offline plan")
            chapters.append([_fresh(c) for c in calls])
        if plan.dropped:
            warnings.append(f"model calls not run: {'; '.join(plan.dropped)}"[:300])
        note = f"chapters {index + 1}-{index + len(batch)}"
        message = batch_message(note, chapters, name=PLAN)
        message.additional_kwargs[OFFLINE] = offline
        return Reply(message, warnings=warnings, files=len(batch))

    def _verify(self, state: DocState, ws: Workspace, plan: AIMessage) -> Reply:
        """The plan has run: did every file's lines arrive? A file whose calls failed is
        placed by the offline plan, the batch written again from its start."""
        index = state.get("file_index", 0)
        batch = self._batch(state, ws)
        calls, starts = plan.tool_calls, chapter_calls(plan)
        if len(starts) != len(batch):
            return self._offline(state, ws, len(batch), "the plan lost track of its chapters")
        ends = [*starts[1:], len(calls)]
        chapters: list[list[Any]] = [calls[a:b] for a, b in zip(starts, ends, strict=True)]
        chapter_of = {c.get("id"): k for k, ch in enumerate(chapters) for c in ch}
        bad: dict[int, str] = {}
        for m in state.get("messages", []):
            if isinstance(m, ToolMessage) and m.status == "error" and m.tool_call_id in chapter_of:
                bad.setdefault(chapter_of[m.tool_call_id], f"tool call failed: {m.content}"[:200])
        last = state.get("last_checkpoint")
        start = last["lines"] if last else 0
        placed: dict[str, list[tuple[int, int]]] = {}
        for sp in reversed(ws.spans()):
            if sp["md_first"] <= start:
                break
            placed.setdefault(sp["file"], []).append((sp["start"], sp["end"]))
        offline = set(plan.additional_kwargs.get(OFFLINE) or [])
        for k in offline:  # (its heading is the file's title line: not copied, not checked)
            bad.pop(k, None)
        for k, src in enumerate(batch):
            if k in offline or k in bad:
                continue
            gaps, twice = missing_spans(src.lines, placed.get(src.name, []))
            if gaps or twice:
                bad[k] = "its lines did not all arrive"
        if not bad:
            return Reply(None)
        ws.restore_chapter_start(last)
        warnings = []
        for k, why in sorted(bad.items()):
            chapters[k] = self.offline.chapter(state, ws, index + k)
            warnings.append(f"{batch[k].name}: {why}; the file was placed by the offline plan")
        message = batch_message("offline plan", chapters, name=FALLBACK)
        return Reply(message, restart=True, warnings=warnings, files=len(batch))

    def _offline(self, state: DocState, ws: Workspace, files: int, reason: str) -> Reply:
        """The whole batch by the offline plan (started over)."""
        index = state.get("file_index", 0)
        ws.restore_chapter_start(state.get("last_checkpoint"))
        chapters = [self.offline.chapter(state, ws, index + k) for k in range(files)]
        names = ws.store.names[index : index + files]
        first = names[0] if len(names) == 1 else f"{names[0]} … {names[-1]}"
        return Reply(
            batch_message("offline plan", chapters, name=FALLBACK),
            restart=True,
            files=files,
            warnings=[f"{first}: {reason}; placed by the offline plan"],
        )


def _problems(reply: AIMessage, plan: Plan) -> list[AnyMessage]:
    """The turns that send a batch's problems back to the model (its answer, not run)."""
    lines = [f"- {file}: {why}" for file, why in plan.problems.items()]
    lines += [f"- {why}" for why in plan.dropped]
    text = (
        "error: your answer was not run:\n"
        + "\n".join(lines)[:3000]
        + "\nAnswer again with the tool calls of EVERY file of the batch, in order, each"
        " file's chapter beginning with its # title."
    )
    if not reply.tool_calls:
        return [reply, HumanMessage(text)]
    results = [
        ToolMessage(
            content=text if n == 0 else "error: not run (see the first result)",
            tool_call_id=c.get("id") or "",
            name=c["name"],
            status="error",
        )
        for n, c in enumerate(reply.tool_calls)
    ]
    return [reply, *results]


def _merged(again: Plan, first: Plan) -> Plan:
    """The second answer's plan, keeping the first answer's chapter of a file that the
    second botched."""
    for file, calls in first.chapters.items():
        if file in again.problems:
            del again.problems[file]
            again.chapters[file] = calls
            again.warnings += [w for w in first.warnings if w.startswith(f"{file}: ")]
    return again
