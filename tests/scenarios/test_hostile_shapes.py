"""Extreme shapes past the memory a process may take (issue 25 class 5): what a run would
need more than 1 GB for is refused before it is loaded, named with its reason, or laid out
another way with every character kept. The bounds are lowered through the environment
(DOCGEN_MAX_BLOCKS, DOCGEN_LANDSCAPE_MAX_CELLS) so the inputs stay small; the code path is
the one a 100 MB input takes. Figures: docs/performance.md "Extreme shapes"."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from agentic_docgen.core.settings import MAX_FOOTNOTES
from agentic_docgen.markdown import lint
from agentic_docgen.session import inputs, shapes
from agentic_docgen.session.shapes import count_shape
from tests.conftest import invoke_cli


def _docx_text(path: Path, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(part).decode()


def test_block_starts_are_counted_as_a_parse_would_start_them(tmp_path: Path) -> None:
    """Paragraphs after blank lines, list items of every marker and depth, quote and table
    lines, headings; nothing inside fenced code (backticks, tildes, an unclosed fence)."""
    text = (
        "# Title\n\nFirst paragraph\nits second line.\n\n"
        "- a\n* b\n+ c\n  1. d\n  2) e\n\n"
        "> quoted\n> > deeper\n\n"
        "| k | v |\n|---|---|\n| 1 | 2 |\n\n"
        "Notes[^1].\n\n[^1]: The note.\n[^long name]: Another.\n\n"
        "```python\n# not a heading\n- not an item\n\nnot a paragraph\n```\n\n"
        "~~~~\n```\n# still code\n~~~~\n\n"
        "## Last\n\n```\n- unclosed\n# fence\n"
    )
    for newline in ("\n", "\r\n"):
        path = tmp_path / "doc.md"
        path.write_bytes(text.replace("\n", newline).encode())
        shape = count_shape(path)
        # 2 headings, a paragraph, 5 items, quote lines by their depth (1 + 2), 3 table
        # lines, "Notes", the first definition (after a blank line), 3 fenced blocks
        assert shape.headings == 2, newline
        assert shape.notes == 2, newline
        assert shape.blocks == 2 + 1 + 5 + 3 + 3 + 1 + 1 + 3, newline


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_wide_encodings_are_counted_as_their_text(tmp_path: Path, encoding: str) -> None:
    """A UTF-16 or UTF-32 file's newline is 2 or 4 bytes: counted on its bytes, its blocks
    were not found at all. Counted as its text, it gives the counts of the UTF-8 file."""
    text = "# Title\n\n" + "".join(
        f"## H{i}\n\nPara {i}.\n\n- item\n[^{i}]: n\n\n" for i in range(50)
    )
    plain = tmp_path / "plain.md"
    plain.write_text(text, encoding="utf-8")
    wide = tmp_path / "wide.md"
    wide.write_bytes(text.encode(encoding))
    detected = inputs.detect_encoding(wide, wide.read_bytes()[:4096])[0]
    assert count_shape(wide, detected) == count_shape(plain) != (0, 0, 0), detected


def test_a_utf16_file_past_the_block_bound_is_skipped(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text("# A\n\nFine.\n", encoding="utf-8")
    prose = "# Prose\n\n" + "".join(f"Paragraph {i}.\n\n" for i in range(600))
    (src / "b.md").write_bytes(prose.encode("utf-16"))
    result = invoke_cli(
        "convert",
        str(src),
        "-o",
        str(tmp_path / "o.docx"),
        "--json",
        env={"DOCGEN_MAX_BLOCKS": "500"},
    )
    assert result.returncode == 0, result.stderr
    skipped = {s["file"]: s["reason"] for s in json.loads(result.stdout)["skipped"]}
    assert list(skipped) == ["b.md"] and "markdown blocks" in skipped["b.md"], skipped


def test_counts_do_not_depend_on_where_the_windows_fall(tmp_path: Path, monkeypatch) -> None:
    """The bytes are counted a window at a time: the same counts with windows of 4 MB and of
    a few bytes (every seam between windows falls inside a line somewhere)."""
    path = tmp_path / "mixed.md"
    parts = [f"## H{i}\n\nText {i}.\n\n- item\n  - sub\n> q\n\n[^{i}]: n\n\n" for i in range(300)]
    path.write_text("# T\n\n" + "".join(parts) + "```\n# x\n```\n", encoding="utf-8")
    whole = count_shape(path)
    assert whole.headings == 301 and whole.notes == 300
    for window in (7, 64, 1000):
        monkeypatch.setattr(shapes, "_WINDOW", window)
        assert count_shape(path) == whole, window


def _folder(root: Path, files: dict[str, str]) -> Path:
    src = root / "in"
    src.mkdir()
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


def test_a_file_past_the_block_bound_is_skipped_and_named(tmp_path: Path) -> None:
    """1 M paragraphs or list items took the Python process past 1.6 and 2.4 GB: the file
    that crosses the bound is skipped before it is read (named, with the count), the others
    convert whole; fenced code is not counted."""
    items = "# Items\n\n" + "".join(f"- item {i}\n" for i in range(300))
    prose = "# Prose\n\n" + "".join(f"Paragraph {i}.\n\n" for i in range(300))
    code = "# Code\n\n```\n" + "".join(f"- line {i}\n\n" for i in range(2000)) + "```\n"
    src = _folder(tmp_path, {"a_items.md": items, "b_prose.md": prose, "c_code.md": code})
    out = tmp_path / "o.docx"
    result = invoke_cli(
        "convert", str(src), "-o", str(out), "--json", env={"DOCGEN_MAX_BLOCKS": "500"}
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    skipped = {s["file"]: s["reason"] for s in report["skipped"]}
    assert list(skipped) == ["b_prose.md"]
    assert re.search(
        r"301 markdown blocks with the 301 of the files before it is over the 500",
        skipped["b_prose.md"],
    )
    assert "Traceback" not in result.stderr
    body = _docx_text(out)
    assert "item 299" in body and "line 1999" in body and "Paragraph 0." not in body


@pytest.mark.parametrize(
    "text",
    [
        "".join(f"- {i}\n" for i in range(600)),
        "".join("> " * (i % 39) + f"deep {i}\n" for i in range(600)),
        "".join(f"| a{i} | b |\n" for i in range(600)),
    ],
    ids=["list", "nested quotes", "table rows"],
)
def test_nothing_left_under_the_bound_is_exit_2_in_one_line(tmp_path: Path, text: str) -> None:
    src = _folder(tmp_path, {"big.md": "# Big\n\n" + text})
    result = invoke_cli(
        "convert", str(src), "-o", str(tmp_path / "o.docx"), env={"DOCGEN_MAX_BLOCKS": "500"}
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "big.md" in lines[0] and "markdown blocks per run" in lines[0]
    assert not (tmp_path / "o.docx").exists()


def test_a_text_file_of_many_paragraphs_counts_its_blocks(tmp_path: Path) -> None:
    """A .txt file's paragraphs are blocks of the document too (500,000 short ones took the
    Python process to 1.97 GB): counted before it is read; a log is not (it is streamed)."""
    notes = "".join(f"note {i} ok\n\n" for i in range(350))
    log = "".join(f"2026-12-04 10:00:{i % 60:02d} INFO step {i}\n\n" for i in range(700))
    src = _folder(tmp_path, {"a.log": log, "b_small.txt": "Short.\n\nNote.\n", "c.txt": notes})
    out = tmp_path / "o.docx"
    result = invoke_cli(
        "convert", str(src), "-o", str(out), "--json", env={"DOCGEN_MAX_BLOCKS": "500"}
    )
    assert result.returncode == 0, result.stderr
    skipped = {s["file"]: s["reason"] for s in json.loads(result.stdout)["skipped"]}
    # 349 paragraphs after a blank line, each counting as two; b_small.txt's one as two
    reason = skipped.get("c.txt", "")
    assert list(skipped) == ["c.txt"] and "698 markdown blocks with the 2 of" in reason, skipped
    assert reason.endswith("(a paragraph of text counts as 2)")
    body = _docx_text(out)
    assert "INFO step 699" in body and "Note." in body and "note 0 ok" not in body


def test_too_many_footnotes_are_refused_before_they_are_loaded(tmp_path: Path) -> None:
    """docx-js holds every footnote until the document is written (39,000: 669 MB)."""
    n = MAX_FOOTNOTES + 1
    notes = "# Notes\n\nSee[^a].\n\n" + "".join(f"[^n{i}]: Note {i}.\n" for i in range(n))
    src = _folder(tmp_path, {"notes.md": notes})
    result = invoke_cli("convert", str(src), "-o", str(tmp_path / "o.docx"))
    assert result.returncode == 2
    assert f"{n:,} footnotes is over the {MAX_FOOTNOTES:,} footnotes per run" in result.stderr


def test_wide_tables_past_the_landscape_cells_go_on_portrait_pages(tmp_path: Path) -> None:
    """A 100,000-column row is cut into 2,500 tables of 40 columns, each on a landscape page
    built with docx-js's document (2.0 GB in the converter): past the landscape bound, the
    pieces are laid out on portrait pages in units, every cell kept, with a warning."""
    cols = 200
    table = (
        "| " + " | ".join(f"h{c}" for c in range(cols)) + " |\n"
        "|" + "---|" * cols + "\n"
        "| " + " | ".join(f"v{c}" for c in range(cols)) + " |\n"
    )
    src = _folder(tmp_path, {"wide.md": "# Wide\n\n" + table})
    out = tmp_path / "o.docx"
    result = invoke_cli(
        "convert", str(src), "-o", str(out), "--json", env={"DOCGEN_LANDSCAPE_MAX_CELLS": "100"}
    )
    assert result.returncode == 0, result.stderr
    warnings = json.loads(result.stdout)["warnings"]
    portrait = [w for w in warnings if "on portrait pages" in w]
    # pieces of 40 columns (39 more and the first repeated), 80 cells each, and one of 5
    # (too narrow for a landscape page): the first on a landscape page, 4 on portrait ones
    assert len(portrait) == 1 and portrait[0].startswith("4 wide table(s) (320 cells)"), warnings
    body = _docx_text(out)
    assert body.count('w:orient="landscape"') == 1
    for c in (0, 1, 39, 40, 117, 199):
        assert f">h{c}<" in body and f">v{c}<" in body, c


def test_a_long_numbered_list_is_numbered_on_across_its_parts(tmp_path: Path) -> None:
    """The converter builds a list over 1,000 items as consecutive lists numbered on (one
    list of 100,000 items took it to 0.9 GB): every item, in order, numbered 1 to n."""
    n = 2300
    src = _folder(
        tmp_path, {"steps.md": "# Steps\n\n" + "".join(f"1. step {i}\n" for i in range(n))}
    )
    out = tmp_path / "o.docx"
    result = invoke_cli("convert", str(src), "-o", str(out))
    assert result.returncode == 0, result.stderr
    body = _docx_text(out)
    assert [int(m) for m in re.findall(r"step (\d+)<", body)] == list(range(n))
    starts = re.findall(r'<w:start w:val="(\d+)"/>', _docx_text(out, "word/numbering.xml"))
    assert {"1", "1001", "2001"} <= set(starts)


def test_markdownlint_gets_no_piece_of_tables_it_cannot_hold(monkeypatch) -> None:
    """Small GFM tables cost markdownlint about 2 KB per character (0.4 MB: 808 MB): their
    `|` count more against the piece size, so 0.3 MB of them with no heading to cut at is
    not linted (a warning), and prose of the same size still is."""
    sent: list[object] = []
    monkeypatch.setattr(lint.Linter, "_send", lambda self, *a, **k: sent.append(a))
    monkeypatch.setattr(lint.Linter, "_receive", lambda self, i: {"findings": []})
    tables = "# Tables\n\n" + "| k | v |\n|---|---|\n| a | 1 |\n\n" * 9000
    assert len(tables) < lint.PIECE_MAX_CHARS
    with pytest.raises(lint.LintTooBig, match=r"per table `\|`"):
        lint.Linter(lint.Settings()).lint(tables)
    assert sent == []
    prose = "# Prose\n\n" + "Some words in a row.\n\n" * (len(tables) // 22)
    lint.Linter(lint.Settings()).lint(prose)
    assert len(sent) == 1
