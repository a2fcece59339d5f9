"""Generated sections (issue 19): a plan entry with `generate` instead of a `source`.

- `errors`: every FATAL/CRITICAL/ERROR line of the log inputs (markdown/logs.py's level
  words), verbatim, each linked to its line in its chapter (`FILE#lN`: the parser puts a
  bookmark on that line of the log's code block, blocks/parser.py `line_target`);
- `digest`: a table of the inputs (lines, size, encoding; for a log its time range, lines
  per level and first error);
- any other text: instructions the model writes from (the outline, the document's last lines
  and the `context` files' digests, within PROMPT_BUDGET_CHARS; never whole files), shown
  in a quote under a note naming the model and the instructions. Without a model: a
  visible placeholder and a warning, never invented text.

Built-in sections hold only copies and facts. None of it is a source span, so none of it is
in the fidelity receipt. Each section is recorded in `ws.generated` (title, model, tokens)
for the run's `--json`.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple, Protocol, cast

from langchain_core.tools import BaseTool, StructuredTool
from langgraph.runtime import get_runtime

from agentic_docgen.core.errors import ToolError
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.graph.tools.reading import read_generated_file
from agentic_docgen.graph.tools.sources import clip, describe
from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown.dialect import Dialect
from agentic_docgen.markdown.logs import LEVEL_NAMES, log_stats

BUILT_IN_TITLES = {"errors": "Errors at a glance", "digest": "The inputs at a glance"}
ERROR_LEVELS = ("FATAL", "ERROR")  # CRITICAL, CRIT, EMERG, ALERT are FATAL; ERR, SEVERE ERROR
_UNLINKABLE = set("<>\\\n")
MAX_ERROR_LINES = 1_000  # an errors section lists at most this many (then how many more)
# What the model is given for an instruction section, at most (about 4 characters a token):
PROMPT_BUDGET_CHARS = 24_000  # ≈ 6,000 tokens: instructions, outline, last lines, digests
RECENT_LINES = 60  # the document's last lines it is shown
ANSWER_MAX_TOKENS = 1_000  # the length of its answer
MAX_ANSWER_CHARS = 8_000  # what is kept of an answer (a quote of prose)


class Written(NamedTuple):
    """A model's answer: its text, the model's name, the tokens the call used."""

    text: str
    model: str
    tokens: int


class Writer(Protocol):
    """What writes an instruction section (graph/policy/writer.py, behind RunContext)."""

    name: str

    def write(self, system: str, prompt: str, max_tokens: int) -> Written: ...


class HasWriter(Protocol):
    @property
    def ws(self) -> Workspace: ...

    def section_writer(self) -> Writer | None: ...


def line_anchor(line: int) -> str:
    """The anchor of a source line in its chapter (the parser resolves `FILE#lN`)."""
    return f"l{line}"


def append_generated(
    ws: Workspace,
    generate: str,
    title: str | None,
    level: int,
    context: list[str] | None = None,
    writer: Writer | None = None,
) -> str:
    """Write one generated section at the document's end: its heading, then its content."""
    text, record = section_markdown(ws, generate, title, level, context, writer)
    first, last = ws.append(text)
    ws.generated.append({**record, "first": first, "last": last})  # (versions' chapter map)
    return f"appended the generated section {record['title']!r} at lines {first}-{last}"


def section_markdown(
    ws: Workspace,
    generate: str,
    title: str | None,
    level: int,
    context: list[str] | None = None,
    writer: Writer | None = None,
) -> tuple[str, dict[str, Any]]:
    """The markdown of one generated section (its heading, then its content) and its record
    (title, generate, model, tokens, level, context), written from the workspace as it is
    now (for an instruction section: the document so far is its context). A warning goes to
    ws.notes."""
    if not 1 <= level <= 6:
        raise ToolError(f"level must be 1-6, not {level}")
    name = title or BUILT_IN_TITLES.get(generate, "Generated section")
    heading = "#" * level + " " + mdtext.one_line(name)
    model, tokens = "built-in", 0
    if generate == "errors":
        body = errors_markdown(ws)
    elif generate == "digest":
        body = digest_markdown(ws)
    else:
        body, model, tokens = _instructed(ws, name, generate, context or [], writer)
    record = {
        "title": name,
        "generate": generate,
        "model": model,
        "tokens": tokens,
        "level": level,
        "context": list(context or []),
    }
    return heading + "\n\n" + body, record


def errors_markdown(ws: Workspace) -> str:
    """Each error line of the log inputs, as a list item: its link, then its text."""
    dialect = Dialect(ws.session.dir)
    items: list[str] = []
    more = 0
    for name in ws.store.names:
        source = ws.store.get(name)
        if source.kind != "log":
            continue
        for number, word in enumerate(source.level_words, start=1):
            if not word or LEVEL_NAMES[word] not in ERROR_LEVELS:
                continue
            if len(items) == MAX_ERROR_LINES:
                more += 1
                continue
            label = mdtext.escape_prose_line(f"{name}:{number}")
            if not _UNLINKABLE.intersection(name):  # (a name no <…> destination can hold)
                label = f"[{label}](<{dialect.internal_target(name, line_anchor(number))}>)"
            text = mdtext.escape_prose_line(source.plain[number - 1]) or "(empty)"
            items.append(f"- {label} {text}")
    if not items:
        return "*No ERROR, FATAL or CRITICAL line in the logs.*"
    note = f"\n\n*… and {more:,} more error lines (see their chapters).*" if more else ""
    return "\n".join(items) + note


def digest_markdown(ws: Workspace) -> str:
    """A table of the inputs: lines, size, encoding; for a log its time range, levels and
    first error line."""
    encodings = {i.get("file"): i.get("encoding") for i in ws.session.read_meta().get("inputs", [])}
    rows = ["| File | Lines | Size | Encoding | Time range | Levels | First error |"]
    rows.append("|:--|--:|--:|:--|:--|:--|:--|")
    for name in ws.store.names:
        source = ws.store.get(name)
        cells = [name, f"{len(source.lines):,}", _size(source.path.stat().st_size)]
        cells.append(str(encodings.get(name) or "utf-8"))
        span = levels = first = "–"  # (an empty cell reads as a gap)
        if source.kind == "log":
            stats = log_stats(source.plain, source.level_words)
            if stats["time_range"]:
                span = " → ".join(stats["time_range"])
            levels = ", ".join(f"{k} {v:,}" for k, v in stats["levels"].items())
            if stats["first_error_line"]:
                n = stats["first_error_line"]
                first = f"line {n:,}: {clip(source.plain[n - 1], 200)}"
        cells += [span, levels, first]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows)


def _cell(text: str) -> str:
    return mdtext.escape_prose_line(mdtext.one_line(text)).replace("|", "\\|")


def _size(n: int) -> str:
    if n < 1024:
        return f"{n:,} bytes"
    return f"{n / 1024:,.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


SYSTEM = (
    "You write one section of a document built from the user's files. Write plain prose "
    "paragraphs (no headings, no tables, no links), in the document's language, only from "
    "what you are shown; say so when it does not tell. Never invent facts, names or numbers."
)


def instruction_prompt(ws: Workspace, title: str, instructions: str, context: list[str]) -> str:
    """What the model is given: the instructions, the outline and the document's last
    lines, the context files' digests; cut to PROMPT_BUDGET_CHARS (digests first)."""
    head = f"Section title: {title}\nInstructions: {instructions}\n\n"
    document = read_generated_file(ws, RECENT_LINES)
    digests = [json.dumps(describe(ws.store.get(name)), ensure_ascii=False) for name in context]
    room = PROMPT_BUDGET_CHARS - len(head)
    share = room // 2 if digests else room
    doc_part = "The document so far:\n" + clip(document, max(share, 1000)) + "\n\n"
    room -= len(doc_part)
    each = max(room // max(len(digests), 1), 200)
    parts = [
        f"Digest of {name}:\n{clip(d, each)}" for name, d in zip(context, digests, strict=True)
    ]
    return clip(head + doc_part + "\n\n".join(parts), PROMPT_BUDGET_CHARS)


def _instructed(
    ws: Workspace, title: str, instructions: str, context: list[str], writer: Writer | None
) -> tuple[str, str, int]:
    said = mdtext.escape_prose_line(mdtext.one_line(clip(instructions, 300)))
    if writer is None:
        ws.notes.append(
            f"generated section {title!r}: no model (--model), so a placeholder stands in"
            " its place; nothing was written for it"
        )
        return (
            f"> **[Not written: no model was given.]** The instructions: “{said}”",
            "none",
            0,
        )
    prompt = instruction_prompt(ws, title, instructions, context)
    try:
        answer = writer.write(SYSTEM, prompt, ANSWER_MAX_TOKENS)
    except Exception as exc:  # a model failure leaves a placeholder, never a crash
        ws.notes.append(f"generated section {title!r}: the model failed ({clip(str(exc), 160)})")
        return f"> **[Not written: the model failed.]** The instructions: “{said}”", "none", 0
    lines = mdtext.split_lines(answer.text[:MAX_ANSWER_CHARS].strip())
    quoted = mdtext.prose(lines).split("\n") if any(s.strip() for s in lines) else ["(empty)"]
    note = (
        f"*Generated by {mdtext.escape_prose_line(answer.model)} from the instructions: “{said}”*"
    )
    return (
        note + "\n\n" + "\n".join("> " + q if q else ">" for q in quoted),
        answer.model,
        answer.tokens,
    )


def _append_generated(
    generate: str, title: str | None = None, level: int = 1, context: list[str] | None = None
) -> str:
    """Write a generated section (a plan's `generate` entry) at the document's end."""
    run = cast(HasWriter, get_runtime().context)
    writer = None if generate in BUILT_IN_TITLES else run.section_writer()
    return append_generated(run.ws, generate, title, level, context, writer)


# Run by the tools node for the plan's calls; not offered to a model (bindings.TOOLS).
GENERATED_TOOLS: list[BaseTool] = [
    StructuredTool.from_function(_append_generated, name="append_generated")
]
