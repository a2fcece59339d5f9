"""Raw HTML in markdown rendered as content (blocks.html, blocks.rawhtml): realistic README
shapes and the shapes that must stay text."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from agentic_docgen.blocks.document import parse_markdown
from agentic_docgen.blocks.rawhtml import html_warnings

META = {"title": "t", "author": "", "created": "2024-01-01"}


def parse(md: str, tmp_path: Path) -> tuple[list[dict[str, Any]], Any]:
    structure, parser = parse_markdown(md, tmp_path, META, parallel=False)
    return structure["blocks"], parser


def texts(runs: list[dict[str, Any]]) -> str:
    return "".join(r.get("text", "\n" if "break" in r else "") for r in runs)


def with_format(blocks: list[dict[str, Any]], key: str) -> list[str]:
    return [r["text"] for b in blocks for r in b.get("runs", ()) if r.get(key)]


def test_div_with_strong_is_a_paragraph_not_code(tmp_path: Path) -> None:
    blocks, _ = parse("<div><strong>Last updated</strong>: April 2022</div>\n", tmp_path)
    assert [b["type"] for b in blocks] == ["paragraph"]
    assert texts(blocks[0]["runs"]) == "Last updated: April 2022"
    assert with_format(blocks, "bold") == ["Last updated"]


def test_inline_formats(tmp_path: Path) -> None:
    md = (
        "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>; H<sub>2</sub>O, x<sup>2</sup>, <u>under</u>,"
        " <del>gone</del>, <em>it</em>, <b>**both**</b>, <code>a &lt; b</code>.\n"
    )
    blocks, _ = parse(md, tmp_path)
    assert texts(blocks[0]["runs"]) == "Press Ctrl+C; H2O, x2, under, gone, it, both, a < b."
    assert with_format(blocks, "code") == ["Ctrl", "C", "a < b"]
    assert with_format(blocks, "subscript") == ["2"]
    assert with_format(blocks, "superscript") == ["2"]
    assert with_format(blocks, "underline") == ["under"]
    assert with_format(blocks, "strike") == ["gone"]
    assert with_format(blocks, "italic") == ["it"]
    assert with_format(blocks, "bold") == ["both"]


def test_links_and_the_scheme_allow_list(tmp_path: Path) -> None:
    md = (
        '<a href="https://example.com/docs">the **docs**</a> and'
        ' <a href="JaVaScRiPt:alert(1)">click</a>\n\n'
        "<p><a href=' javascript:x'>block</a> <a href=\"data:text/html,x\">d</a></p>\n"
    )
    blocks, parser = parse(md, tmp_path)
    links = {r["text"]: r.get("link") for b in blocks for r in b["runs"]}
    assert links["the "] == "https://example.com/docs"
    assert links["docs"] == "https://example.com/docs"
    assert all("link" not in r for b in blocks for r in b["runs"] if "click" in r["text"])
    assert "block d" in texts(blocks[1]["runs"])
    assert all("link" not in r for r in blocks[1]["runs"])
    assert len(parser.unsafe_links) == 3


def test_centered_header_lists_and_details(tmp_path: Path) -> None:
    md = (
        '<h1 align="center">My Project</h1>\n\n'
        "<center>A fast tool &copy; 2024</center>\n\n"
        "<details>\n<summary>How do I install it?</summary>\n\n"
        "Run `pip install it`.\n\n</details>\n\n"
        "<ul>\n  <li>One &amp; only</li>\n"
        '  <li>Two<ol start="3"><li>a</li><li>b</li></ol></li>\n</ul>\n'
    )
    blocks, _ = parse(md, tmp_path)
    title, centre, summary, answer, lst = blocks
    # an HTML heading is a bold paragraph: the outline stays the tools' (re-levelled) headings
    assert title == {
        "type": "paragraph",
        "runs": [{"text": "My Project", "bold": True}],
        "align": "center",
    }
    assert centre["align"] == "center" and texts(centre["runs"]) == "A fast tool © 2024"
    assert summary["runs"] == [{"text": "How do I install it?", "bold": True}]
    assert texts(answer["runs"]) == "Run pip install it."
    assert lst["type"] == "list" and not lst["ordered"]
    first, second = lst["items"]
    assert texts(first["blocks"][0]["runs"]) == "One & only"
    nested = second["blocks"][1]
    assert nested["ordered"] and nested["start"] == 3 and len(nested["items"]) == 2


def test_tables_with_and_without_header(tmp_path: Path) -> None:
    md = (
        "<table>\n<tr><th>Name</th><th>Role</th></tr>\n"
        '<tr><td><a href="https://github.com/alice">Alice</a></td><td>Lead<br>Docs</td></tr>\n'
        '<tr><td colspan="2">Everyone else</td></tr>\n</table>\n\n'
        "<table><tr><td>a</td><td>b</td></tr></table>\n"
    )
    blocks, _ = parse(md, tmp_path)
    head, plain = blocks
    assert [texts(c) for c in head["header"]] == ["Name", "Role"]
    assert [[texts(c) for c in row] for row in head["rows"]] == [
        ["Alice", "Lead\nDocs"],
        ["Everyone else", ""],
    ]
    assert "header_row" not in head
    assert plain["header_row"] is False and [[texts(c) for c in r] for r in plain["rows"]] == [
        ["a", "b"]
    ]


def test_pre_and_blockquote(tmp_path: Path) -> None:
    blocks, _ = parse(
        "<pre>\n  two  spaces\nline 2\n</pre>\n\n<blockquote>quoted</blockquote>\n", tmp_path
    )
    assert blocks[0] == {"type": "code", "language": None, "text": "  two  spaces\nline 2"}
    assert blocks[1]["type"] == "quote" and texts(blocks[1]["blocks"][0]["runs"]) == "quoted"


def test_not_content_is_dropped_and_noted(tmp_path: Path) -> None:
    md = (
        "<!-- ALL-CONTRIBUTORS-LIST:START -->\n\n"
        "<script>alert('x')</script>\n\n<style>body{}</style>\n\n"
        '<iframe src="https://evil.example"></iframe>\n\n'
        "text <!-- inline note --> stays\n"
    )
    blocks, parser = parse(md, tmp_path)
    assert [texts(b["runs"]) for b in blocks] == ["text  stays"]  # the markdown's own spaces
    assert sorted(kind for _, kind in parser.html_notes) == [
        "comment",
        "comment",
        "iframe",
        "script",
        "style",
    ]


@pytest.mark.parametrize(
    "md, shown",
    [
        ("Use Vec<T> or Map<String, Integer>.\n", "Use Vec<T> or Map<String, Integer>."),
        ("Run docgen <input> <output> now.\n", "Run docgen <input> <output> now."),
        ("Put a <style> tag in the head.\n", "Put a <style> tag in the head."),
        ("<T>\n", "<T>"),
        ("<your-project-name>\n", "<your-project-name>"),
    ],
)
def test_what_is_not_html_stays_text(tmp_path: Path, md: str, shown: str) -> None:
    blocks, parser = parse(md, tmp_path)
    assert texts(blocks[0]["runs"]) == shown
    assert parser.html_notes == []


def test_unclosed_comment_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    md = (
        "before\n\n<!-- a note never closed\n\n## Still a heading\n\ntext **bold**\n\n"
        "<!-- again\n\n```\n<!-- in code\n```\n"
    )
    blocks, parser = parse(md, tmp_path)
    assert [b["type"] for b in blocks] == [
        "paragraph",
        "paragraph",
        "heading",
        "paragraph",
        "paragraph",
        "code",
    ]
    assert texts(blocks[1]["runs"]) == "<!-- a note never closed"
    assert texts(blocks[4]["runs"]) == "<!-- again"
    assert blocks[5]["text"] == "<!-- in code"
    assert parser.html_notes == [(None, "unclosed:-->")]


def test_unclosed_script_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    blocks, _ = parse("<script>\nvar a = 1;\n\n# After\n\nmore\n", tmp_path)
    assert [texts(b["runs"]) for b in blocks] == ["<script>", "var a = 1;", "After", "more"]


@pytest.mark.parametrize("opener", ["<div>", "<ul><li>", "<blockquote>"])
def test_deep_nesting_is_linear_and_keeps_the_text(tmp_path: Path, opener: str) -> None:
    for n in (10_000, 40_000):
        md = "<div>\n" + opener * n + "deep text" + "\n\nafter\n"
        start = time.perf_counter()
        blocks, parser = parse(md, tmp_path)
        took = time.perf_counter() - start
        assert [texts(b["runs"]) for b in blocks] == ["deep text", "after"]
        assert [kind for _, kind in parser.html_notes] == ["deep"]
    assert took < 5, took  # 40,000 deep; an HTML5 tree builder alone takes ~10 s


def test_noncharacters_in_text_are_kept(tmp_path: Path) -> None:
    blocks, _ = parse("x \ufdd0 1 \ufdd0 <b>y</b> \ufdd0\n", tmp_path)
    assert texts(blocks[0]["runs"]) == "x \ufdd0 1 \ufdd0 y \ufdd0"


def test_warnings_name_the_file_and_lines(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "# R\n\n<!-- a -->\n\ntext\n\n<script>x</script>\n\n<!-- b -->\n\n<!-- open\n",
        encoding="utf-8",
    )
    notes = [
        ("README.md", "comment"),
        ("README.md", "script"),
        ("README.md", "comment"),
        ("README.md", "unclosed:-->"),
    ]
    got = html_warnings(notes, tmp_path)
    assert got[0].startswith("README.md:11: HTML opened and never closed (no -->)")
    assert got[1] == (
        "README.md: HTML that is not content left out: 2 comments (lines 3, 9), 1 <script> (line 7)"
    )
