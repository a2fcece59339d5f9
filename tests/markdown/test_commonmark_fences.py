"""Fences and open blocks found the parser's way (issue 17 item 1)."""

from __future__ import annotations

import pytest

from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown import scan as mdscan


@pytest.mark.parametrize(
    ("text", "fence"),
    [
        ("``` ```\naaa", None),  # spec #138: a backtick in a backtick fence's info: a code span
        ("``` aa ```\nfoo", None),  # #145
        ("```\ncode", 1),
        ("intro\n\n~~~ `x`\ncode", 3),  # tildes may have backticks in their info string
        ("- a\n  ```\n  b\n  ```\nc", None),  # a fence inside a list item ends with it
        ("> ```\n> code\n\nafter", None),  # ... or inside a quote
        ("```\nx\n```\n\n", None),
        ("```\nx\n``` not a close\n", 1),  # a closing fence has no info string
    ],
)
def test_unclosed_fence_line_is_the_parsers(text: str, fence: int | None) -> None:
    assert mdtext.unclosed_fence_line(mdtext.split_lines(text)) == fence


@pytest.mark.parametrize(
    ("text", "closing"),
    [
        ("```\ncode\n\n", ["```"]),
        ("````py\nx = 1", ["````"]),
        ("<!-- a comment\nnever closed", ["-->"]),
        ("<PRE>\nx", ["</pre>"]),
        ("<div>\nfoo", []),  # ends at a blank line, which the appends write
        ("``` ```\naaa", []),
        ("text\n\n<!-- x -->", []),
        ("- item\n  ```\n  open in the item", []),
    ],
)
def test_closing_lines_close_what_a_file_leaves_open(text: str, closing: list[str]) -> None:
    assert mdtext.closing_lines(mdtext.split_lines(text)) == closing


def test_the_line_scanner_agrees_on_a_backtick_info_string() -> None:
    lines = ["``` ```", "aaa", "# Next chapter"]
    assert mdscan.fence_marker(lines[0]) == ""
    assert mdscan.open_fence_after(lines) == ""
    assert mdscan.fenced_lines(lines) == [False, False, False]
