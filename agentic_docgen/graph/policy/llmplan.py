"""A model's answer for a batch of files, checked file by file before anything runs.

The LLM policy asks the model for the tool calls of every file of a batch in one answer. The
answer is cut into chapters at each call that writes a Heading 1 (append_markdown "# …"),
and each chapter is given to the file its append_source calls copy from. A file's chapter is
usable when it begins with exactly one H1, copies from that file only, with valid arguments,
and places no line twice; non-blank lines it leaves out are appended, in order, at the end
of its chapter (a warning). A file with no usable chapter is listed with the reason: the
policy asks the model once more, then places it by the offline plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from agentic_docgen.graph.policy.protocol import INVALID_ARGS
from agentic_docgen.graph.tools.bindings import tool
from agentic_docgen.graph.tools.sources import Source
from agentic_docgen.markdown import scan as mdscan
from agentic_docgen.markdown import textstructure

WRITES = frozenset({"append_source", "append_markdown", "append_log_digest"})
# what the model may call to look before it answers (run by the tools node, answers go back)
READS = frozenset({"list_files", "describe_file", "read_file", "read_generated_file", "copy_image"})
Call = Mapping[str, Any]  # a tool call: name, args (id, type)


@dataclass
class Plan:
    """The model's answer for a batch, file by file."""

    chapters: dict[str, list[Call]] = field(default_factory=dict)  # usable, by file
    problems: dict[str, str] = field(default_factory=dict)  # by file: why not usable
    dropped: list[str] = field(default_factory=list)  # calls of no file, not run
    warnings: list[str] = field(default_factory=list)


def explores(calls: Sequence[Call]) -> bool:
    """Does the answer only look (reading tools), so it runs and the model is asked again?"""
    return bool(calls) and all(c.get("name") in READS for c in calls)


def h1_count(text: str) -> int:
    """The Heading 1 lines of markdown the model wrote (outside code fences)."""
    lines = text.split("\n")
    fenced = mdscan.fenced_lines(lines)
    return sum(line.startswith("# ") and not fenced[i] for i, line in enumerate(lines))


def _opens_chapter(call: Call) -> bool:
    text = (call.get("args") or {}).get("text")
    return call.get("name") == "append_markdown" and isinstance(text, str) and h1_count(text) > 0


def _files(calls: Sequence[Call]) -> list[str]:
    """The input files a chapter's calls copy from, in order of first use."""
    out: list[str] = []
    for c in calls:
        file = (c.get("args") or {}).get("file")
        if c.get("name") in ("append_source", "append_log_digest") and file not in out:
            out.append(str(file))
    return out


def _call_problem(call: Call) -> str | None:
    """Why one call of a chapter cannot run as given (None: it can)."""
    name, args = call.get("name"), call.get("args") or {}
    if name not in WRITES:
        return f"{name} cannot be used in a chapter (tools that write: {', '.join(sorted(WRITES))})"
    if INVALID_ARGS in args:
        return f"the arguments of {name} are not valid JSON"
    schema = tool(str(name)).args_schema
    if isinstance(schema, type) and issubclass(schema, BaseModel):
        try:
            schema.model_validate(args)
        except ValidationError as exc:
            return f"invalid arguments for {name}: {exc.errors()[:2]}"
    return None


def check_plan(calls: Sequence[Call], batch: Sequence[Source]) -> Plan:
    """Cut the model's calls into chapters, one per file of the batch, and check each."""
    names = [s.name for s in batch]
    plan = Plan()
    groups: list[list[Call]] = [[]]
    for c in calls:
        if c.get("name") in READS:
            continue  # (a look inside an answer that writes: nothing to run)
        if _opens_chapter(c):
            groups.append([])
        groups[-1].append(c)
    head, chapters = groups[0], groups[1:]
    for file in _files(head):
        if file in names:
            plan.problems[file] = "lines copied before its chapter heading (# title)"
    if head and not _files(head):
        plan.dropped.append(f"{len(head)} call(s) before the first chapter heading")
    following = 0  # the file a chapter that copies nothing belongs to: the next one
    for group in chapters:
        files = _files(group)
        if not files:
            if following >= len(names):
                plan.dropped.append("a chapter for no file of the batch")
                continue
            files = [names[following]]
        strangers = [f for f in files if f not in names]
        mine = [f for f in files if f in names]
        if strangers:
            plan.dropped.append(f"copies from {strangers[0]!r}, not a file of this batch")
            for f in mine:
                plan.problems[f] = f"its chapter also copies from {strangers[0]!r}"
            continue
        if len(mine) > 1:
            for f in mine:
                plan.problems[f] = f"one chapter holds {' and '.join(mine)}: one H1 per file"
            continue
        file = mine[0]
        following = names.index(file) + 1
        if file in plan.chapters or file in plan.problems:
            plan.problems[file] = "two chapters for it"
            plan.chapters.pop(file, None)
            continue
        problem = next(filter(None, map(_call_problem, group)), None)
        if problem is None and h1_count(str(group[0]["args"]["text"])) > 1:
            problem = "more than one H1 in its chapter heading"
        if problem is None:
            src = batch[names.index(file)]
            problem = _cover(src, group, plan)
        if problem:
            plan.problems[file] = problem
        else:
            plan.chapters[file] = group
    for file in names:
        if file not in plan.chapters and file not in plan.problems:
            plan.problems[file] = "no chapter written for it (the file was skipped)"
    return plan


def _cover(src: Source, group: list[Call], plan: Plan) -> str | None:
    """Check the chapter's spans against its file; append the lines it left out (in order,
    at its end, with a warning). Returns the problem when the chapter cannot be used."""
    n = len(src.lines)
    spans = []
    for c in group:
        if c["name"] != "append_source":
            continue
        start, end = int(c["args"]["start_line"]), int(c["args"]["end_line"])
        if not 1 <= start <= end <= n:
            return f"lines {start}-{end} are outside the file (lines 1-{n})"
        spans.append((start, end))
    gaps, twice = missing_spans(src.lines, spans)
    if twice:
        return f"lines placed twice (first: {twice[0]})"
    if gaps:
        placed = sum(e - s + 1 for s, e in gaps)
        plan.warnings.append(
            f"{src.name}: the model left {placed} line(s) in {len(gaps)} span(s) unplaced;"
            " they were appended in order at the end of the chapter"
        )
        group += gap_calls(src.name, src.kind, src.lines, gaps)
    return None


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
    """The append_source calls that place the lines a model left out."""
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
