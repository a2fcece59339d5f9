"""Cost linear in the number of links, footnotes, tables and headings (issue 21): the
Python passes a markdown chapter goes through (the reference scan of `scan_assets`, the
heading scan, the validation checks, the parse into the block JSON) on n and 4n of each
shape. Not a timing: a ratio of CPU times taken in the same process (the best of three
runs each), with a generous bound: a quadratic pass gives 16x at 4x the count, the bound
is 8x. (mistletoe's own inline parse, quadratic before markdown/linear.py, gives 14x for
the links and 12x for the footnotes here; the passes today 4x.)"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from agentic_docgen.blocks.document import parse_markdown
from agentic_docgen.markdown.findings import validate_markdown_text
from agentic_docgen.markdown.lines import split_lines, top_level_headings
from agentic_docgen.markdown.references import find_image_refs, find_link_refs

N = 150
BOUND = 8.0  # at 4x the count; linear is about 4x


def links(n: int) -> str:
    refs = " ".join(f"see [item {i}][r{i}] and [inline {i}](https://e.org/{i})" for i in range(n))
    defs = "\n".join(f'[r{i}]: https://example.org/{i} "title {i}"' for i in range(n))
    return f"# Links\n\n{refs}\n\n{defs}\n"


def footnotes(n: int) -> str:
    text = " ".join(f"claim {i}[^n{i}]" for i in range(n))
    notes = "\n".join(f"[^n{i}]: note {i} with *emphasis*." for i in range(n))
    return f"# Notes\n\n{text}\n\n{notes}\n"


def tables(n: int) -> str:
    one = "| a | b | c |\n| --- | :-: | --: |\n| {i} | `x` | **y** |\n| z | w | v |\n"
    return "# Tables\n\n" + "\n".join(one.format(i=i) for i in range(n))


def headings(n: int) -> str:
    parts = [f"{'#' * (1 + i % 3)} Heading {i}\n\nA paragraph about {i}.\n" for i in range(n)]
    return "\n".join(parts)


def passes(tmp: Path) -> Callable[[str], object]:
    def run(text: str) -> object:
        find_image_refs("doc.md", text)
        find_link_refs("doc.md", text)
        top_level_headings(split_lines(text))
        validate_markdown_text(text)
        return parse_markdown(text, tmp, {"title": "T"}, parallel=False)

    return run


def cpu(work: Callable[[str], object], text: str) -> float:
    """The least CPU time of three runs of the passes over text (each run's text differs by
    a last line, so that no cache of the text's headings answers)."""
    best = float("inf")
    for run in range(3):
        start = time.process_time()
        work(f"{text}\nrun {run}\n")
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("shape", [links, footnotes, tables, headings])
def test_cost_grows_linearly_with_the_count(shape: Callable[[int], str], tmp_path: Path) -> None:
    work = passes(tmp_path)
    work(shape(10))  # imports and caches out of the measure
    small, big = cpu(work, shape(N)), cpu(work, shape(4 * N))
    assert big / small <= BOUND, (shape.__name__, small, big)
