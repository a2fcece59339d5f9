"""The graph's state. Nodes return only the keys they change."""

from __future__ import annotations

import operator
from collections.abc import Mapping
from typing import Annotated, Any, Literal, Required, TypedDict

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

# One append_source call, as spans.jsonl records it: lines start..end of the input `file`,
# copied `as` markdown/code/text/prose into the document's lines md_first..md_last.
# (Functional syntax: "as" is a keyword.)
Span = TypedDict(
    "Span",
    {"file": str, "start": int, "end": int, "as": AppendKind, "md_first": int, "md_last": int},
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
    kind: Literal["image", "link"]
    reason: str
    choices: list[str]


class CheckpointEntry(TypedDict):
    """A checkpoint taken after a chapter: where the next chapter starts."""

    id: str
    file_index: int  # the next input file to write
    lines: int  # the document's line count at the checkpoint
    bytes: int  # its size: validate_md reads the next chapter from there


class DocState(TypedDict, total=False):
    # fixed for the run
    session_dir: str
    input_dir: str
    input_files: list[str]
    title: str | None  # --title, else metadata.document_meta decides
    author: str | None
    toc: bool | None  # None: automatic (more than 3 headings)
    theme: dict[str, Any] | None  # --style overrides for the converter's theme
    on_missing: Literal["ask", "skip", "fail"]

    # assets and human decisions
    assets: dict[str, dict[str, str]]  # input file -> {reference as written: "assets/x.png"}
    missing: list[MissingRef]  # references still waiting for a decision
    decisions: dict[str, Decision]  # by MissingRef key

    # the markdown's line count as of the last completed step (crash consistency)
    md_lines: int

    # agent loop
    messages: Annotated[list[AnyMessage], add_messages]
    file_index: int  # next input file the agent works on
    chapter_done: bool
    fix_rounds: int
    validation: Validation
    checkpoints: list[CheckpointEntry]

    # LLM policy
    llm_disabled: bool  # the model failed: the rest of the run uses the offline plan
    llm_usage: dict[str, Any]  # {"input", "output", "cost_usd"}
    llm_usage_by_file: dict[str, dict[str, Any]]

    # conversion
    attempts: int
    last_error: dict[str, Any] | None
    quality: QualityReport
    status: Status

    # reporting (accumulated)
    warnings: Annotated[list[str], operator.add]
    fixes: Annotated[list[str], operator.add]  # every repair applied, for the summary
    errors: Annotated[list[dict[str, Any]], operator.add]
    timings_s: Annotated[dict[str, float], merge_timings]


# Every node needs these, with these types; checked before each node runs (build._consistent)
REQUIRED: dict[str, type] = {"session_dir": str, "input_dir": str, "input_files": list}


def check_state(node: str, state: Mapping[str, Any]) -> None:
    """Raise StateError when the state handed to `node` lacks a key or has the wrong type."""
    for key, typ in REQUIRED.items():
        if not isinstance(state.get(key), typ):
            raise StateError(f"state handed to {node}: {key!r} missing or not a {typ.__name__}")


def check_update(node: str, update: Any) -> None:
    """Raise StateError when a node returns something that is not a known state update."""
    if not isinstance(update, dict):
        raise StateError(f"{node} returned {type(update).__name__}, not a state update")
    unknown = set(update) - set(DocState.__annotations__)
    if unknown:
        raise StateError(f"{node} returned unknown state key(s): {', '.join(sorted(unknown))}")


class StateError(RuntimeError):
    """A node and the state disagree: a bug, reported as a classified E999 error."""
