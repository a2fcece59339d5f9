"""A chapter's title is its heading's text as CommonMark reads it (issue 17, class 4): the
closing run of `#` goes only when a space precedes it (or it is all there is), an escaped
`\\#` stays, an empty heading stays a heading."""

from __future__ import annotations

import re

import pytest
from mistletoe import Document, HtmlRenderer

from agentic_docgen.graph.policy.offline import plan_markdown
from agentic_docgen.graph.tools.sources import Source
from agentic_docgen.markdown import lines as mdtext

LINES = [
    "# foo#",
    "### foo \\###",
    "## foo #\\##",
    "# foo \\#",
    "### foo ### b",
    "# foo ##   ",
    "#  foo  ",
    "### ###",
    "## ",
    "#",
    "# #5 bolt",
    "## C# and F#",
    "# issue #12 ##",
    "#\tTabbed #",
    "  ## indented ##",
]


def _inner(markdown: str) -> str:
    with HtmlRenderer() as renderer:
        html = renderer.render(Document(markdown + "\n"))
    m = re.fullmatch(r"<h\d>(.*)</h\d>\n?", html, re.S)
    assert m, html
    return m.group(1)


@pytest.mark.parametrize("line", LINES)
def test_the_text_renders_as_the_heading_did(line: str) -> None:
    text = mdtext.heading_text([line], 0, 0)
    assert _inner("# " + text) == _inner(line)


def test_an_empty_first_heading_stays_and_the_file_names_the_chapter(tmp_path) -> None:
    calls = plan_markdown(_src(tmp_path, "## \n#\n### ###\n"))
    assert calls[0]["args"]["text"] == "# page"  # the file's name
    body = [c for c in calls if c["name"] == "append_source"]
    assert body and body[0]["args"]["start_line"] == 1  # the empty heading is not consumed


def test_a_trailing_hash_belongs_to_the_title(tmp_path) -> None:
    calls = plan_markdown(_src(tmp_path, "# foo#\n\ntext\n"))
    assert calls[0]["args"]["text"] == "# foo#"


def _src(tmp_path, text: str) -> Source:
    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    return Source("page.md", path)
