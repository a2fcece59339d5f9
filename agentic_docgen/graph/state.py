"""The graph's state. Nodes return only the keys they change.

The state is what a step changed: cursors, counters, the current chapter's decisions. It is
checkpointed at every step, so nothing in it grows with the document: the input names, the
reference map and what the nodes report (warnings, fixes, errors, token usage) live in the
session's own files (session/journal.py), and the state keeps their length. A checkpoint's
size does not depend on how many chapters are done.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal, NotRequired, Required, TypedDict

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages

from agentic_docgen.checks.records import QualityReport
from agentic_docgen.markdown.findings import Validation


def merge_timings(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    """Timings add up when a node runs more than once (e.g. conversion retries)."""
    out = dict(a)
    for key, value in b.items():
        out[key] = round(out.get(key, 0.0) + value, 3)
    return out


Status = Literal["running", "paused", "generated", "complete", "failed"]

AppendKind = Literal["markdown", "code", "text", "prose"]
SpanKind = Literal["markdown", "code", "text", "prose", "table"]  # "table": append_table

# One append_source call, as spans.jsonl records it: lines start..end of the input `file`,
# copied `as` markdown/code/text/prose into the document's lines md_first..md_last.
# (Functional syntax: "as" is a keyword.)
Span = TypedDict(
    "Span",
    {"file": str, "start": int, "end": int, "as": SpanKind, "md_first": int, "md_last": int},
)


class Decision(TypedDict, total=False):
    """The user's answer about one missing reference."""

    action: Required[Literal["provide", "skip", "abort"]]
    path: str  # action "provide": the file to use instead, an absolute path


class MissingRef(TypedDict):
    """A reference to a file that is not there, waiting for a Decision."""

    key: str  # "file::ref": what a decision answers
    file: str  # the input file that references it
    line: int  # 1-based, 0 when not found
    ref: str  # the reference exactly as written
    target: NotRequired[str]  # the file it names (no #anchor): one question per target
    kind: Literal["image", "link"]
    reason: str
    choices: list[str]


class CheckpointEntry(TypedDict):
    """A checkpoint taken after a chapter: where the next chapter starts."""

    id: str
    file_index: int  # the next input file to write
    lines: int  # the document's line count at the checkpoint
    bytes: int  # its size: validate_md reads the next chapter from there


class FileUsage(TypedDict):
    """One model call's tokens and cost, while writing the chapter of `file`."""

    file: str
    input: int
    output: int
    cost_usd: float


class Reported(TypedDict, total=False):
    """What a node reports rather than changes: the wrapper every node runs in
    (build._consistent) appends it to the session's report.jsonl (journal.Report) and puts
    the report's new size in the state; none of it is ever in the state."""

    warnings: list[str]
    fixes: list[str]  # every repair applied, for the summary
    errors: list[dict[str, Any]]
    usage: list[FileUsage]
    generated: list[dict[str, Any]]  # the generated sections written (tools/generated.py)


class DocState(TypedDict, total=False):
    # fixed for the run
    session_dir: str
    input_dir: str
    n_inputs: int  # the first n_inputs names of the session's inputs.json (RunContext.inputs)
    title: str | None  # --title, else metadata.document_meta decides
    author: str | None
    toc: bool | None  # None: automatic (more than 3 headings)
    theme: dict[str, Any] | None  # --style overrides for the converter's theme
    lang: str  # the document's language tag (core/language.py); `auto` is resolved before
    lang_auto: bool  # chapters in another language are found and tagged (--lang auto)
    on_missing: Literal["ask", "skip", "fail"]
    parts: bool  # the inputs are grouped in parts by top-level subfolder (policy/parts.py)
    review: bool  # --review: the plan waits for the user (nodes/review.py) before the run
    chapters_only: bool  # build the chapters, no document (a refinement's: entry/rebuild.py)

    # assets and human decisions
    assets_scan: int  # the scan that wrote the session's assets.json (the reference map)
    missing: list[MissingRef]  # references still waiting for a decision
    decisions: dict[str, Decision]  # by MissingRef key (dropped once nothing is missing)

    # as of the last completed step (crash consistency, see build._consistent):
    md_lines: int  # the markdown's line count
    report_size: int  # report.jsonl's size in bytes

    # agent loop
    messages: Annotated[list[AnyMessage], add_messages]
    file_index: int  # next input file the agent works on
    batch_end: int  # the agent's turn writes the files file_index..batch_end-1 (a batch)
    chapter_starts: list[int]  # the batch's chapters so far: the line count before each
    chapter_done: bool
    fix_rounds: int
    validation: Validation
    last_checkpoint: CheckpointEntry | None  # (the chain itself: checkpoints/ in the session)

    # LLM policy
    llm_disabled: bool  # the model failed: the rest of the run uses the offline plan
    llm_usage: dict[str, Any]  # {"input", "output", "cost_usd", "calls"}; by file: the report

    # conversion
    attempts: int
    last_error: dict[str, Any] | None
    quality: QualityReport
    status: Status

    timings_s: Annotated[dict[str, float], merge_timings]


# Every node needs these, with these types; checked before each node runs (build._consistent)
REQUIRED: dict[str, type] = {"session_dir": str, "input_dir": str, "n_inputs": int}


def check_state(node: str, state: Mapping[str, Any]) -> None:
    """Raise StateError when the state handed to `node` lacks a key or has the wrong type."""
    for key, typ in REQUIRED.items():
        if not isinstance(state.get(key), typ):
            raise StateError(f"state handed to {node}: {key!r} missing or not a {typ.__name__}")


def check_update(node: str, update: Any) -> None:
    """Raise StateError when a node returns something that is not a known state update."""
    if not isinstance(update, dict):
        raise StateError(f"{node} returned {type(update).__name__}, not a state update")
    unknown = set(update) - set(DocState.__annotations__) - set(Reported.__annotations__)
    if unknown:
        raise StateError(f"{node} returned unknown state key(s): {', '.join(sorted(unknown))}")


class StateError(RuntimeError):
    """A node and the state disagree: a bug, reported as a classified E999 error."""
