"""A .csv/.tsv file as a table: its delimiter, its rows, and the markdown pipe table that
shows each cell's text exactly (every cell escaped, so no markup in a cell is read).

One reading for the tool that writes the table (graph/tools/tables.py) and the fidelity
receipt that checks it (checks/fidelity.py): both split the same lines the same way.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass

from agentic_docgen.markdown.lines import escape_prose_line

MAX_COLUMNS = 40  # wider: preformatted (a Word page cannot show more)
MAX_CELLS = 50_000  # rows × columns; more: preformatted (Word slows down on huge tables)
_CANDIDATES = (",", ";", "\t", "|")


@dataclass(frozen=True)
class Row:
    line: int  # the 1-based line of the file the row starts on
    cells: list[str]


def delimiter(lines: list[str], kind: str) -> str:
    """Tab for .tsv; for .csv the candidate that splits the first lines into the same number
    of cells (more than one) most often, comma on a tie or when none does."""
    if kind == "tsv":
        return "\t"
    sample = [line for line in lines[:50] if line.strip()]
    best, best_score = ",", 0
    for cand in _CANDIDATES:
        counts = [len(next(csv.reader([line], delimiter=cand), [])) for line in sample]
        if not counts or max(counts) < 2:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) * 1000 + common if common > 1 else 0
        if score > best_score:
            best, best_score = cand, score
    return best


def rows(lines: list[str], delim: str) -> Iterator[Row]:
    """The records of the lines (blank lines carry none). A quoted cell may span lines."""
    reader = csv.reader((line + "\n" for line in lines), delimiter=delim, strict=False)
    start = 1
    for record in reader:
        if record:
            yield Row(start, record)
        start = reader.line_num + 1


@dataclass(frozen=True)
class Shape:
    """What a file's table would be, or why it stays preformatted (`reason`)."""

    rows: int
    columns: int
    reason: str = ""


def shape(lines: list[str], delim: str) -> Shape:
    n_rows = n_cols = 0
    multiline = 0
    try:
        for row in rows(lines, delim):
            n_rows += 1
            n_cols = max(n_cols, len(row.cells))
            multiline += any("\n" in c or "\r" in c for c in row.cells)
    except csv.Error as exc:
        return Shape(n_rows, n_cols, f"not readable as a table ({exc})")
    if n_rows == 0:
        return Shape(0, 0, "no rows")
    if multiline:
        return Shape(n_rows, n_cols, f"{multiline:,} cell(s) hold line breaks")
    if n_cols > MAX_COLUMNS:
        return Shape(n_rows, n_cols, f"{n_cols} columns is more than a page shows")
    if n_rows * n_cols > MAX_CELLS:
        return Shape(n_rows, n_cols, f"{n_rows:,} rows × {n_cols} columns is too large")
    return Shape(n_rows, n_cols)


def cell_markdown(text: str) -> str:
    """A cell's text as markdown that shows it literally (surrounding blanks dropped, as a
    table cell drops them)."""
    return escape_prose_line(text.strip()) if text.strip() else ""


def pipe_table(lines: list[str], delim: str) -> str:
    """The markdown table of the lines: the first record is the header row (repeated on
    each page by the converter); short rows are padded with empty cells."""
    records = list(rows(lines, delim))
    width = max(len(r.cells) for r in records)
    out = []
    for i, row in enumerate(records):
        cells = [cell_markdown(c) for c in row.cells] + [""] * (width - len(row.cells))
        out.append("| " + " | ".join(cells) + " |")
        if i == 0:
            out.append("|" + "---|" * width)
    return "\n".join(out)
