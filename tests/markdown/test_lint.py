"""markdownlint on a big chapter runs as two halves at once: the findings must be exactly
those of one run on the whole text."""

from __future__ import annotations

from agentic_docgen.core.settings import Settings
from agentic_docgen.markdown.lint import PARALLEL_MIN_CHARS, Linter, split_point


def _chapter(sections: int) -> str:
    parts = ["# Chapter", ""]
    for i in range(sections):
        emphasis = "Some text with ** spaced emphasis ** here." * (i % 7 == 0)
        parts += [f"## Section {i}", "", emphasis]
        parts += ["", "- item", "- item", ""]
        if i % 11 == 0:
            parts += [f"### Sub {i}", "text right under the heading"]  # MD022
            parts += ["", "| a | b |", "|---|---|", "| 1 | 2 | 3 |", ""]  # MD056
        if i % 13 == 0:
            parts += ["a paragraph", "- a list right after it", ""]  # MD032
        parts += ["```python", "x = 1", "", "# not a heading", "```", ""]
        parts += ["Filler " * 40, ""]
    return "\n".join(parts)


def test_two_halves_give_the_findings_of_one_run(tmp_path) -> None:
    text = _chapter(800)
    assert len(text) > PARALLEL_MIN_CHARS
    cut = split_point(text)
    assert cut is not None and text.split("\n")[cut].startswith("## ")
    linter = Linter(Settings.resolve())
    try:
        whole = linter.request("lint", text=text, first_line=5)["findings"]
        halves = linter.lint(text, first_line=5)
        assert linter.procs[1] is not None  # the second server was used
    finally:
        linter.close()
    assert {f["rule"] for f in whole} >= {"MD022", "MD056", "MD032", "MD037"}
    lines = {f["line"] for f in whole}
    assert min(lines) < cut + 5 < max(lines)  # findings on both sides of the cut
    assert halves == whole


def test_no_cut_where_the_halves_would_differ() -> None:
    big = _chapter(800)
    assert split_point(big.replace("# Chapter", "# Chapter\n\n[ref]: https://example.com")) is None
    assert split_point("# a\n\n" + "text\n" * 10) is None  # small: one run
    lines = big.split("\n")
    opened = "\n".join(lines[:10] + ["<!-- an HTML comment left open"] + lines[10:])
    cut = split_point(opened)
    assert cut is None or cut <= 10  # never after the comment opens: the halves would differ
