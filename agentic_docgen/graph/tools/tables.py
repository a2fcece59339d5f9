"""`append_table`: a .csv/.tsv input copied as a Word table, cell by cell (by reference, like
append_source: the span is recorded, and the fidelity receipt finds every cell)."""

from __future__ import annotations

from agentic_docgen.core.errors import ToolError
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.markdown import csvtable
from agentic_docgen.markdown.dialect import Dialect


def append_table(ws: Workspace, file: str) -> str:
    source = ws.store.get(file)
    lines = source.lines
    delim = csvtable.delimiter(lines, source.kind)
    shape = csvtable.shape(lines, delim)
    if shape.reason:
        raise ToolError(
            f"{file} cannot be a table: {shape.reason}; copy it with append_source as_='text'"
        )
    text = csvtable.pipe_table(lines, delim)
    if ws.tail().last_source != file:
        ws.append(Dialect(ws.session.dir).source_mark(file))
        ws.tail().last_source = file
    first, last = ws.append(text)
    ws.add_span(
        {
            "file": file,
            "start": 1,
            "end": len(lines),
            "as": "table",
            "md_first": first,
            "md_last": last,
        }
    )
    return (
        f"appended {file} as a table of {shape.rows:,} rows and {shape.columns} columns at"
        f" markdown lines {first}-{last}"
    )
