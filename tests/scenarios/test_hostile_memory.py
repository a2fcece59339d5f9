"""Extreme shapes (issue 25 class 5, issue 21): the work and the memory grow with the input,
not with its square, in the reference scan, the parse and the lint requests. The big shapes
themselves (10 MB on one line, 100,000 headings, 50,000 reference links) are measured by
hand and in docs/performance.md; these tests use small ones that still show the growth."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from agentic_docgen.core.settings import Settings
from agentic_docgen.markdown import linear, lint
from agentic_docgen.markdown.references import LINE_SCANS, find_image_refs, find_link_refs
from tests.conftest import invoke_cli


class CountingLines(list[str]):
    """The lines of a text, counting how often they are walked."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        CountingLines.walks += 1
        return super().__iter__()


def _links(n: int) -> str:
    """n reference links and n inline links to local files on consecutive lines (one
    paragraph each), n images, and the definitions."""
    refs = "".join(f"See [item {i}][r{i}] and [doc](doc{i}.md).\n" for i in range(n))
    images = "".join(f"![pic {i}](img/p{i}.png)\n" for i in range(n))
    defs = "".join(f"[r{i}]: notes/n{i}.md\n" for i in range(n))
    return f"# Links\n\n{refs}\n{images}\n{defs}"


def test_reference_scan_walks_the_lines_once_whatever_the_number_of_links(monkeypatch) -> None:
    """A scan of the lines per reference was k x n (50,000 links: still running after 300 s)."""
    import agentic_docgen.markdown.references as references

    original = references.first_lines
    monkeypatch.setattr(
        references, "first_lines", lambda lines, refs: original(CountingLines(lines), refs)
    )
    for n in (200, 800):
        CountingLines.walks = 0
        searches = linear.CODE_SEARCH.searches
        links, images = find_link_refs("a.md", _links(n)), find_image_refs("a.md", _links(n))
        assert len(links) == 2 * n and len(images) == n
        assert CountingLines.walks == 2  # one pass for the links, one for the images
        assert linear.CODE_SEARCH.searches - searches <= 8  # not one per link
    first = {ref.ref: ref.line for ref in links}
    assert first["doc5.md"] == 8 and first["notes/n0.md"] == 2 * 800 + 5


def test_references_written_oddly_get_a_line_within_a_bounded_search() -> None:
    """A destination with a space (`<a b.md>`) is not a plain one: looked for line by line."""
    spaced = "".join(f"[x{i}](<a {i}.md>)\n\n" for i in range(LINE_SCANS + 50))
    refs = find_link_refs("a.md", spaced)
    assert len(refs) == LINE_SCANS + 50
    assert [r.line for r in refs[:LINE_SCANS]] == list(range(1, 2 * LINE_SCANS, 2))
    assert {r.line for r in refs[LINE_SCANS:]} == {0}  # past the budget: the file is named


def _requests(monkeypatch, text: str) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []
    linter = lint.Linter(Settings())

    def send(index: int, op: str, **fields: Any) -> None:
        sent.append({"index": index, "op": op, **fields})

    monkeypatch.setattr(linter, "_send", send)
    monkeypatch.setattr(linter, "_receive", lambda index: {"findings": []})
    linter.lint(text)
    return sent


def test_markdownlint_gets_pieces_and_no_line_it_cannot_hold(monkeypatch) -> None:
    """The lint server held 2.6 GB for 10 MB on one line: it gets no line over
    LINE_MAX_CHARS, and a long text piece by piece (cut before top-level headings)."""
    long_line = "word " * (lint.LINE_MAX_CHARS // 4)
    chapter = "".join(f"# Part {i}\n\n" + "Some prose here.\n" * 4000 + "\n" for i in range(40))
    text = f"# Title\n\n{long_line}\n\nafter\n\n{chapter}"
    sent = _requests(monkeypatch, text)
    assert len(text) > 2 * lint.PIECE_MAX_CHARS and len(sent) >= 4
    assert all(len(r["text"]) <= lint.PIECE_MAX_CHARS for r in sent)
    assert all(len(line) <= lint.LINE_MAX_CHARS for r in sent for line in r["text"].split("\n"))
    # every line is linted once, at its own line number
    covered = sorted((r["first_line"], r["first_line"] + len(_lines(r["text"]))) for r in sent)
    assert covered[0][0] == 1 and covered[-1][1] == len(_lines(text)) + 1
    assert all(b[0] == a[1] for a, b in zip(covered, covered[1:], strict=False))


def _lines(text: str) -> list[str]:
    return text.removesuffix("\n").split("\n")


def test_fixes_are_not_asked_for_a_text_too_big_for_them(monkeypatch) -> None:
    linter = lint.Linter(Settings())
    monkeypatch.setattr(linter, "request", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    text = "# T\n\n" + "x" * (lint.LINE_MAX_CHARS + 1) + "\n"
    assert linter.fix(text, [])["text"] == text


def test_a_folder_of_extreme_shapes_converts_whole(tmp_path: Path) -> None:
    """Footnotes and reference links by the thousand in one paragraph, a line longer than
    markdownlint is given, links by the thousand: complete, every text in the document."""
    src = tmp_path / "in"
    src.mkdir()
    n = 400
    (src / "notes.md").write_text(
        "# Notes\n\n"
        + "".join(f"Claim {i}[^{i}].\n" for i in range(n))
        + "\n"
        + "".join(f"[^{i}]: Source {i}.\n" for i in range(n)),
        encoding="utf-8",
    )
    (src / "links.md").write_text(_links(n).replace("![", "["), encoding="utf-8")
    words = [f"w{i}" for i in range(lint.LINE_MAX_CHARS // 6)]
    (src / "line.md").write_text("# One line\n\n" + " ".join(words) + "\n", encoding="utf-8")
    out = tmp_path / "out.docx"
    result = invoke_cli(
        "convert", str(src), "-o", str(out), "--on-missing", "skip", "--json", timeout=600
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "complete"
    with zipfile.ZipFile(out) as zf:
        body = zf.read("word/document.xml").decode() + zf.read("word/footnotes.xml").decode()
    for text in (f"Source {n - 1}.", f"Claim {n - 1}", f"item {n - 1}", words[-1], words[0]):
        assert text in body, text


def test_a_text_too_big_to_cut_is_not_linted_and_the_linter_stays(monkeypatch) -> None:
    """3 MB of one paragraph with reference definitions: no cut keeps MD052/MD053 true, and
    markdownlint would hold about 1.6 GB for it. Not linted, said in the warning."""
    text = "# Links\n\n" + "See [a][r].\n" * 300_000 + "\n[r]: x.md\n"
    sent = []
    monkeypatch.setattr(lint.Linter, "_send", lambda self, *a, **k: sent.append(a))
    try:
        lint.Linter(Settings()).lint(text)
    except lint.LintTooBig as exc:
        assert "MB" in str(exc) and isinstance(exc, lint.LintUnavailable)
    else:
        raise AssertionError("a text that cannot be cut was linted whole")
    assert sent == []


def test_too_many_headings_are_refused_before_they_are_loaded(tmp_path: Path) -> None:
    """100,000 heading lines took the converter past 2.3 GB: such a file is refused at
    discovery, named with the reason (exit 2 when nothing else is left); headings inside
    fenced code are not counted."""
    from agentic_docgen.core.settings import MAX_HEADINGS
    from agentic_docgen.session.shapes import count_headings

    src = tmp_path / "in"
    src.mkdir()
    many = src / "many.md"
    many.write_text("".join(f"# H{i}\n" for i in range(MAX_HEADINGS + 1)), encoding="utf-8")
    result = invoke_cli("convert", str(src), "-o", str(tmp_path / "o.docx"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "many.md" in lines[0] and f"{MAX_HEADINGS:,} headings" in lines[0]
    fenced = src / "code.md"
    fenced.write_text(
        "# Title\n\n````bash\n" + "# a comment\n```\n" * 50 + "````\n## After\n~~~\n# x\n",
        encoding="utf-8",
    )
    assert count_headings(fenced) == 2
