"""The agent's tools as LangChain tools: module-level functions whose docstrings are what the
model reads (the E0xx codes are those of the validator's findings the model is shown).
They find the session's Workspace through the graph's runtime (the RunContext
of the run), so the agent never passes a session id or an absolute path, and a policy can
bind them to a model without a session (bind_tools needs only their schemas)."""

from __future__ import annotations

import json
from functools import cache
from typing import Literal, Protocol, cast

from langchain_core.tools import BaseTool, StructuredTool
from langgraph.runtime import get_runtime

from agentic_docgen.graph.tools import reading, repairs, tables, writing
from agentic_docgen.graph.tools.document import Workspace


class HasWorkspace(Protocol):
    """What the tools need of the run's context (graph.context.RunContext)."""

    @property
    def ws(self) -> Workspace: ...


def workspace() -> Workspace:
    """The Workspace of the step running now (tools run inside the tools node)."""
    context = cast(HasWorkspace, get_runtime().context)
    return context.ws


def list_files() -> str:
    """List the input files of this run (relative names and sizes)."""
    return json.dumps(reading.list_files(workspace()))


def describe_file(file: str) -> str:
    """A digest of one input file: size, line count, headings with line numbers, first and
    last lines, and for logs the levels and time range. Use it instead of reading a large
    file whole."""
    return json.dumps(reading.describe_file(workspace(), file), ensure_ascii=False)


def read_file(file: str, offset: int = 1, limit: int = 200) -> str:
    """Read up to `limit` (max 500) numbered lines of an input file from line `offset`."""
    return reading.read_file(workspace(), file, offset, limit)


def append_source(
    file: str,
    start_line: int,
    end_line: int,
    as_: Literal["markdown", "code", "text", "prose"] = "markdown",
    language: str | None = None,
    base_level: int | None = None,
) -> str:
    """Copy lines start_line..end_line (1-based, inclusive) of an input file verbatim into
    the document. as_: "markdown" (the span is markdown; with base_level its headings are
    re-levelled so the shallowest becomes base_level, no level skipped), "code" (a fenced
    code block in `language`), "text" (a fenced plain-text block: logs, preformatted text),
    "prose" (plain text shown literally as paragraphs). Never re-type source content."""
    return writing.append_source(workspace(), file, start_line, end_line, as_, language, base_level)


def append_table(file: str) -> str:
    """Copy a .csv/.tsv input file into the document as a table (its first row is the
    header). Refused for a file too large or whose cells hold line breaks: copy those with
    append_source as_="text"."""
    return tables.append_table(workspace(), file)


def append_markdown(text: str) -> str:
    """Append markdown you write yourself: headings, short introductions (max 20k chars)."""
    return writing.append_markdown(workspace(), text)


def append_log_digest(file: str) -> str:
    """Append a summary table of a .log file: line count, time range, lines per level and
    the first error line. Use it before the log's verbatim body."""
    return writing.append_log_digest(workspace(), file)


def read_generated_file(lines: int = 100) -> str:
    """The outline of the document so far and its last `lines` lines."""
    return reading.read_generated_file(workspace(), lines)


def edit_markdown_line(line_number: int, new_content: str) -> str:
    """Replace one line of the generated markdown (not inside a code block)."""
    return writing.edit_markdown_line(workspace(), line_number, new_content)


def close_fence(line_number: int) -> str:
    """Repair an unclosed code fence (E001) opened at line_number: it is closed before
    the first heading that follows it, else at the end of the document."""
    return repairs.close_fence(workspace(), line_number)


def fix_heading_levels(from_line: int = 1, to_line: int | None = None) -> str:
    """Repair skipped heading levels (E006/E007) from line from_line on (to line to_line,
    when given: one chapter): the first heading stays H1, the others are re-levelled under
    it without skips."""
    return repairs.fix_heading_levels(workspace(), from_line, to_line)


def create_checkpoint(label: str) -> str:
    """Save a snapshot of the generated markdown; returns its id."""
    return workspace().create_checkpoint(label)


def rollback_to_checkpoint(checkpoint_id: str) -> str:
    """Restore the generated markdown from a checkpoint id."""
    return workspace().rollback_to_checkpoint(checkpoint_id)


def validate_markdown(from_line: int = 1) -> str:
    """Check the generated markdown from line from_line on: unclosed fences, skipped
    heading levels."""
    return json.dumps(repairs.validate_markdown(workspace(), from_line))


def copy_image(path: str, from_file: str | None = None) -> str:
    """Copy an image referenced by input file `from_file` into the session's assets;
    returns the path to use in markdown, or a placeholder text when it cannot."""
    return writing.copy_image(workspace(), path, from_file)


# By name; their StructuredTools (a pydantic model each: 5-15 ms) are built on first use
# (issue 21): an offline run builds the few its calls use, a model run all of them.
FUNCTIONS = {
    f.__name__: f
    for f in (
        list_files,
        describe_file,
        read_file,
        append_source,
        append_table,
        append_markdown,
        append_log_digest,
        read_generated_file,
        edit_markdown_line,
        close_fence,
        fix_heading_levels,
        create_checkpoint,
        rollback_to_checkpoint,
        validate_markdown,
        copy_image,
    )
}


@cache
def tool(name: str) -> BaseTool:
    """The LangChain tool of one of FUNCTIONS (KeyError for another name)."""
    return StructuredTool.from_function(FUNCTIONS[name])


def tools() -> list[BaseTool]:
    """All the tools a model is offered."""
    return [tool(name) for name in FUNCTIONS]
