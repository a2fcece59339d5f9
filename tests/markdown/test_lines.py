from __future__ import annotations

import pytest
from mistletoe import Document
from mistletoe.span_token import RawText

from agentic_docgen.blocks.document import parse_markdown
from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown import scan as mdscan


def _plain(md: str, tmp_path) -> str:
    structure, _ = parse_markdown(md, tmp_path, {"title": "t"})
    return "\n".join("".join(r.get("text", "") for r in b["runs"]) for b in structure["blocks"])


def test_fence_is_longer_than_any_backtick_run_inside() -> None:
    lines = ["a ``` b", "````", "x"]
    fenced = mdtext.fence(lines, "python")
    assert fenced.startswith("`````python\n") and fenced.endswith("\n`````")
    doc = Document(fenced)
    assert doc.children[0].children[0].content == "a ``` b\n````\nx\n"


def test_fence_keeps_every_line_even_empty_ones() -> None:
    lines = ["", "  two spaces", "\ttab", ""]
    doc = Document(mdtext.fence(lines, "text"))
    assert doc.children[0].children[0].content == "\n  two spaces\n\ttab\n\n"


@pytest.mark.parametrize(
    ("levels", "base", "expected"),
    [
        ([1, 2, 3, 2], 2, [2, 3, 4, 3]),
        ([1, 3], 2, [2, 3]),
        ([3, 2, 1], 2, [2, 2, 2]),
        ([2, 4, 6, 6], 1, [1, 2, 3, 3]),
        ([1, 2, 3, 4, 5, 6], 2, [2, 3, 4, 5, 6, 6]),
    ],
)
def test_releveled_never_skips(levels, base, expected) -> None:
    assert mdtext.releveled(levels, base) == expected


def test_relevel_markdown_ignores_fenced_hashes_and_converts_setext() -> None:
    lines = ["Title", "=====", "", "```", "# not a heading", "```", "", "#### Deep ####", "x"]
    out = mdtext.relevel_markdown(lines, 2)
    assert out == ["## Title", "", "```", "# not a heading", "```", "", "### Deep ####", "x"]


@pytest.mark.parametrize(
    "line",
    [
        "*not emphasis* _nor this_ **nor** `code`",
        "# not a heading",
        "1. not a list",
        "2) nor this",
        "- nor a bullet",
        "+ nor",
        "> no quote",
        "[not a link](nowhere) ![nor](image.png)",
        "a < b > c & d &amp; &#35;",
        "back\\slash\\",
        "<div>not html</div>",
        "| not | a table |",
        "~~not struck~~",
        "=====",
        "$x$ 100% !",
    ],
)
def test_prose_lines_render_literally(line: str, tmp_path) -> None:
    assert _plain(mdtext.prose([line]), tmp_path) == line


def test_prose_joins_wrapped_lines_and_splits_paragraphs(tmp_path) -> None:
    md = mdtext.prose(["one", "two", "", "", "three"])
    assert md == "one\ntwo\n\nthree"


def test_rewrite_destinations_only_touches_destinations() -> None:
    text = '![a](img/x.png) and ![b](<img/x.png> "t") [ref]: img/x.png <img src="img/x.png">'
    out = mdtext.rewrite_destinations(text, {"img/x.png": "assets/x.png"})
    assert out.count("assets/x.png") == 4
    assert "img/x.png" not in out
    assert (
        mdtext.rewrite_destinations("see img/x.png", {"img/x.png": "assets/x.png"})
        == "see img/x.png"
    )


def test_unclosed_fence_detection() -> None:
    assert mdtext.unclosed_fence_line(["a", "```py", "x"]) == 2
    assert mdtext.unclosed_fence_line(["```", "x", "```", "````", "```", "````"]) is None
    assert mdtext.unclosed_fence_line(["~~~", "```", "~~~"]) is None
    assert mdscan.inside_fence(["a", "```", "b", "```", "c"], 3)
    assert not mdscan.inside_fence(["a", "```", "b", "```", "c"], 5)


def test_rawtext_import_is_used() -> None:  # keeps the mistletoe API this module relies on
    assert RawText("x").content == "x"


_TAIL_DOC = """# Title

Intro paragraph
Setext heading
--------------

\u00a0
    indented after a blank line

## Two
- item
## Three (after a list)

<!-- an HTML block
# not a heading

still in it -->
### Four
```
# fenced
```

> # quoted

Heading one
===
  text

#### Five

\t
######## not a heading
## Six ##

\u00a0
---
"""


def test_headings_of_a_tail_are_those_a_fresh_parse_finds() -> None:
    """top_level_headings reuses the headings of a text it parsed before for a text that is
    its tail: for every tail of a document, the same answer as a parse of the tail alone."""
    lines = _TAIL_DOC.split("\n")
    reused = 0
    for k in range(len(lines) + 1):
        mdtext._HEADINGS.clear()
        mdtext.top_level_headings(lines)
        hit = mdtext._headings_of_a_tail(tuple(lines[k:])) is not None
        reused += hit
        assert mdtext._parsed(lines[k:]) == mdtext._parse_headings(lines[k:]), k
    assert reused >= 8  # the tails after each heading (and its blank lines) were reused
    mdtext._HEADINGS.clear()
