"""parse_markdown in pieces on several cores (blocks.parallel) gives exactly what the
ordinary parse in one process gives: the same JSON and the same parser state."""

from __future__ import annotations

import json
import pickle
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from mistletoe import block_token

from agentic_docgen.blocks import parallel
from agentic_docgen.blocks.bodies import BODY_MIN_LINES, Verbatim
from agentic_docgen.blocks.document import parse_markdown as _parse_markdown
from agentic_docgen.blocks.footnotes import parse_context
from agentic_docgen.blocks.parser import Parser
from agentic_docgen.markdown.scan import heading_cuts
from tests.conftest import EXAMPLES, session_marks

META = {"title": "T", "author": "A"}


def parse_markdown(md: str, session: Path, *args: Any, **kw: Any) -> Any:
    """The parser on a text whose internal marks are written in their plain form (see
    tests/conftest.py session_marks)."""
    return _parse_markdown(session_marks(md, session), session, *args, **kw)


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_cpu_count", lambda: 2)


def _state(parser: Parser) -> dict[str, Any]:
    """Everything a parse leaves in its parser that callers or the JSON depend on."""
    return {
        "replaced_chars": parser.replaced_chars,
        "images": parser.images,
        "missing_images": parser.missing_images,
        "ids": parser._ids,
        "footnotes": parser.footnotes,
        "current_file": parser.current_file,
        "last_h1": parser.last_h1,
        "file_chapter": parser.file_chapter,
        "file_anchors": parser.file_anchors,
        "unresolved_links": parser.unresolved_links,
        "since_h1": parser.since_h1,
        "ragged_tables": parser.ragged_tables,
        "bodies": len(parser.bodies),
        "bodies_used": len(parser.bodies_used),
        "body_ranges": sorted((b.path, b.offset) for b in parser.bodies.values()),
    }


def _both(md: str, session: Path, *args: Any) -> tuple[dict, Parser, dict, Parser]:
    serial, serial_parser = parse_markdown(md, session, META, *args, parallel=False)
    pieces, pieces_parser = parse_markdown(md, session, META, *args, parallel=True)
    return serial, serial_parser, pieces, pieces_parser


def _assert_same(md: str, session: Path, *args: Any, pieces: int = 2) -> tuple[dict, Parser]:
    serial, serial_parser, got, parser = _both(md, session, *args)
    assert parser.pieces == pieces, parser.serial_reason  # the pieces really were parsed
    assert json.dumps(got, ensure_ascii=False) == json.dumps(serial, ensure_ascii=False)
    assert _state(parser) == _state(serial_parser)
    return got, parser


# ----- a document with everything that crosses the cut ---------------------------------------
SAMPLES = {
    "python": ["import os", "", "# a comment, not a heading", "def f(x):", "    return x  # <&>"],
    "javascript": ["const a = 1;", "", "// comment", "function f() { return `t`; }"],
    "bash": ["set -e", "", "# not a heading either", 'echo "$HOME"'],
    "json": ['{"a": [1, 2, {"b": null}]}'],
    # no yaml: highlight._run fails on its token types after the style is loaded (KeyError)
    "c": ["#include <stdio.h>", "", "# define X 1", "int main(void) { return 0; }"],
    "rust": ["fn main() {", '    println!("hi");', "}"],
    "go": ["package main", "", "func main() {}"],
    "sql": ["SELECT a, b FROM t WHERE a > 1;"],
    "markdown": ["# heading inside a fence", "", "## another one", "", "text"],
    "diff": ["--- a", "+++ b", "@@ -1 +1 @@", "-x", "+y"],
    "log": [
        "2026-11-02 10:00:00 ERROR boom",
        "    at x.y(Z.java:1)",
        "2026-11-02 10:00:01 INFO ok",
    ],
    "text": ["plain", "", "# not a heading"],
    "nosuchlanguage": ["??"],
    "": ["", "# no language", "x"],
}


def _chapter(n: int, total: int) -> list[str]:
    other = total + 1 - n
    lines = [f"# Chapter {n}", ""]
    if n == 2:  # a section heading before the file's source mark
        lines += ["## Before the mark", "", "text before the mark", ""]
    lines += [f"<!-- docgen:source file{n}.md -->", ""]
    lines += [
        "## Overview",  # the same heading in every chapter: ids are numbered over the document
        "",
        f"Chapter {n} has \x0c a form feed, a bell \x07, **bold**, *italic*, `code`"
        f" and a note.[^note{n}] See [usage](docgen:file{other}.md#usage), the"
        f" [chapter](docgen:file{other}.md), [a heading](#overview), [nothing]"
        "(docgen:nofile.md#x) and [a gone file](docgen-missing:gone.md).",
        "",
        "Usage",
        "-----",
        "",
    ]
    if n == 1:
        lines += ["Refers to a late note[^late] and an undefined one[^nowhere].", ""]
        lines += ["[^early]: Defined in the first chapter, used in the last.", ""]
    if n == total:
        lines += ["Refers to an early note[^early].", ""]
        lines += ["[^late]: Defined in the last chapter.", ""]
    for k, (language, sample) in enumerate(SAMPLES.items()):
        lines += [f"### Code {k} {language}", "", f"```{language}", *sample, "```", ""]
    lines += [
        "~~~python",
        "```",
        "",
        "# inside a tilde fence",
        "~~~",
        "",
        "````",
        "```",
        "",
        "# inside a longer fence",
        "```",
        "````",
        "",
        "| left | centre | right |",
        "|:-----|:------:|------:|",
        f"| a{n} | b | c |",
        "| short |",
        "| x | y | z | extra |",
        "",
        "- item one",
        "  - nested",
        "    1. deep",
        "- [x] done",
        "- [ ] open",
        "",
        "3. three",
        "4. four",
        "",
        "- a list with code",
        "",
        "  ```python",
        "  x = 1",
        "  ```",
        "",
        "> ## A heading in a quote",
        ">",
        "> quoted text",
        "",
        "![Picture](assets/pic.png)",
        "",
        "![Flow](assets/flow.svg) and ![Gone](images/none.png)",
        "",
        '<img src="assets/pic.png" width="20">',
        "",
        "<div>",
        "html block",
        "</div>",
        "",
        "<!-- a comment",
        "",
        "# a heading inside a comment",
        "",
        "-->",
        "",
        "---",
        "",
        f"[^note{n}]: The note of chapter {n}.",
        "",
    ]
    return lines


def _document(total: int = 6) -> str:
    lines = [line for n in range(1, total + 1) for line in _chapter(n, total)]
    return "\n".join(lines) + "\n"


def test_a_generated_document_in_two_pieces_is_the_same(session: Path, two_cores: None) -> None:
    got, parser = _assert_same(_document(), session)
    # what the document has (so that the comparison means something)
    ids = [b["id"] for b in got["blocks"] if b["type"] == "heading"]
    assert "h_overview_6" in ids and "h_usage_6" in ids
    assert parser.ragged_tables == 6 and parser.images == 18
    assert parser.missing_images == ["images/none.png"] * 6
    assert parser.unresolved_links == ["nofile.md#x"] * 6
    assert parser.file_anchors["file2.md"]["before-the-mark"] == "h_before_the_mark"
    assert [f["id"] for f in got["footnotes"]][-2:] == [
        "late file6.md",
        "note6 file6.md",
    ]  # scoped by their file
    text = json.dumps(got)
    assert "one[^nowhere]." in text and '"link": "#h_usage_6"' in text  # resolved across the cut


def test_three_pieces_are_the_same(session: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_cpu_count", lambda: 3)
    _assert_same(_document(), session, pieces=3)


def test_automatic_mode_uses_the_pieces_only_for_big_documents_on_several_cores(
    session: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    md = _document()
    monkeypatch.setattr(parallel, "_cpu_count", lambda: 2)
    _, parser = parse_markdown(md, session, META)
    assert parser.pieces == 1 and parser.serial_reason is None  # small: not even tried
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 1000)
    monkeypatch.setattr(parallel, "_PIECE_MIN_CHARS", 1000)
    got, parser = parse_markdown(md, session, META)
    assert parser.pieces == 2
    assert got == parse_markdown(md, session, META, parallel=False)[0]
    monkeypatch.setattr(parallel, "_cpu_count", lambda: 1)
    assert parse_markdown(md, session, META)[1].pieces == 1


# ----- where the document is cut ---------------------------------------------------------------
def _top_level_headings(lines: list[str]) -> set[int]:
    with parse_context():
        doc = block_token.Document([line + "\n" for line in lines])
    return {tok.line_number - 1 for tok in doc.children if isinstance(tok, block_token.Heading)}


def test_a_fence_with_heading_lines_is_never_cut(session: Path, two_cores: None) -> None:
    inside = [line for i in range(3000) for line in ("", f"# not a heading {i}")]
    md = ["# Start", "", "text", "", "````text", "```", *inside, "```", "````", "", "# End", "x"]
    lines = md[:]
    bounds = parallel._boundaries(lines, 2)
    assert bounds == [0, md.index("# End"), len(md)]
    got, _ = _assert_same("\n".join(md), session)
    assert [b["type"] for b in got["blocks"]] == [
        "heading",
        "paragraph",
        "code",
        "heading",
        "paragraph",
    ]
    for fence in ("~~~", "```", "````python", "<!--", "<pre>"):
        close = {"<!--": "-->", "<pre>": "</pre>", "````python": "````"}.get(fence, fence)
        md = ["# Start", "", fence, *inside, close, "", "# End", "x"]
        assert parallel._boundaries(md, 2) == [0, md.index("# End"), len(md)], fence


def test_split_candidates_are_top_level_headings() -> None:
    lines = _document().split("\n")
    found, before, total = heading_cuts(lines)
    assert found and set(found) <= _top_level_headings(lines)
    assert all(before[i] == sum(len(x) + 1 for x in lines[: found[i]]) for i in range(len(found)))
    assert total == sum(len(x) + 1 for x in lines)
    inside = {i for i, line in enumerate(lines) if "inside" in line or "not a heading" in line}
    assert not inside & set(found)


def test_a_cut_inside_a_block_is_caught_and_parsed_the_ordinary_way(
    session: Path, two_cores: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the scan for places to cut be wrong, the check of the piece before the cut
    finds it: the heading at the cut is not a block of its own there."""
    md = ["# Start", "", "text", "", "```", "", "# in the fence", "", "```", "", "# End", "x"]
    wrong = md.index("# in the fence")
    monkeypatch.setattr(parallel, "heading_cuts", lambda lines: ([wrong], [0], 100))
    serial, _, got, parser = _both("\n".join(md), session)
    assert (
        parser.pieces == 1 and parser.serial_reason == "no block starts where the next piece does"
    )
    assert got == serial


def test_link_reference_definitions_are_parsed_the_ordinary_way(
    session: Path, two_cores: None
) -> None:
    """`[x][ref]` resolves with the definitions of its own file (issue 17)."""
    md = _document().replace(
        "# Chapter 6\n",
        "# Chapter 6\n\nSee [the site][ref].\n\n[ref]: https://example.com/site\n",
        1,
    )
    serial, _, got, parser = _both(md, session)
    assert parser.pieces == 1 and parser.serial_reason == "link reference definitions"
    assert got == serial
    assert '"link": "https://example.com/site"' in json.dumps(got)


# ----- the bundled examples, and the whole pipeline ----------------------------------------------
@pytest.fixture(scope="module")
def examples_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The session of a conversion of examples/ (the ordinary parse: small documents)."""
    import os

    from agentic_docgen.entry import api

    tmp = tmp_path_factory.mktemp("examples-session")
    shutil.copytree(EXAMPLES, tmp / "examples")
    home = os.environ.get("DOCGEN_HOME")
    os.environ["DOCGEN_HOME"] = str(tmp / "home")
    try:
        result = api.generate_document(tmp / "examples", tmp / "examples.docx")
    finally:
        if home is None:
            del os.environ["DOCGEN_HOME"]
        else:
            os.environ["DOCGEN_HOME"] = home
    assert result.status == "complete"
    return Path(result.session_dir), result.warnings


@pytest.fixture
def examples_session(examples_run: tuple[Path, list[str]]) -> Path:
    return examples_run[0]


def _unsessioned(blocks: list[dict[str, Any]]) -> str:
    """The blocks as JSON, with the session folders (in image paths) left out."""
    return re.sub(r"[^\"]*/sessions/(archive/)?[0-9a-f-]{36}/", "S/", json.dumps(blocks))


def _spans(session: Path) -> list[Verbatim]:
    spans = [json.loads(line) for line in (session / "spans.jsonl").read_text().splitlines()]
    return [(s["md_first"], s["md_last"], None) for s in spans if s["as"] in ("code", "text")]


def test_the_examples_session_markdown_is_the_same(examples_session: Path, two_cores: None) -> None:
    path = examples_session / "temp_output.md"
    md = path.read_text("utf-8")
    got, parser = _assert_same(md, examples_session, _spans(examples_session), path)
    assert parser.images >= 2 and parser.missing_images  # the example's missing diagram
    assert set(parser.file_chapter) == {"guide.md", "notes.txt", "server.log"}
    structure = json.loads((examples_session / "structure.json").read_text("utf-8"))
    # what the pipeline wrote (parsed in one piece, before the session was archived)
    assert _unsessioned(got["blocks"]) == _unsessioned(structure["blocks"])


def test_the_pipeline_parses_in_pieces_with_the_same_result(
    examples_run: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from agentic_docgen.entry import api

    examples_session, warnings = examples_run
    monkeypatch.setattr(parallel, "_cpu_count", lambda: 2)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(parallel, "_PIECE_MIN_CHARS", 1)
    merged: list[int] = []
    merge = parallel.merge
    monkeypatch.setattr(
        parallel, "merge", lambda p, pieces: merged.append(len(pieces)) or merge(p, pieces)
    )
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    result = api.generate_document(tmp_path / "examples", tmp_path / "examples.docx")
    assert result.status == "complete" and merged == [2]

    def blocks(session: Path) -> str:
        return _unsessioned(json.loads((session / "structure.json").read_text("utf-8"))["blocks"])

    assert blocks(Path(result.session_dir)) == blocks(examples_session)
    assert result.warnings == warnings


# ----- big code blocks handed over by reference -------------------------------------------------
def test_big_log_bodies_in_both_pieces_are_the_same(session: Path, two_cores: None) -> None:
    log = [
        f"2026-11-02 10:00:{i % 60:02d} {('INFO', 'ERROR', 'WARN')[i % 3]} line {i} \x01"
        for i in range(BODY_MIN_LINES + 10)
    ]
    md: list[str] = []
    spans = []
    for n in (1, 2):
        md += [f"# Server {n}", "", f"<!-- docgen:source server{n}.log -->", "", "```log"]
        spans.append((len(md), len(md) + len(log) + 1, None))
        md += [*log, "```", ""]
        md += _chapter(n, 2)
    path = session / "temp_output.md"
    path.write_text(session_marks("\n".join(md) + "\n", session), encoding="utf-8")
    got, parser = _assert_same(path.read_text("utf-8"), session, spans, path)
    bodies = [b for b in got["blocks"] if "body" in b]
    assert len(bodies) == 2 and parser.pieces == 2
    assert parser.replaced_chars >= 2 * len(log)
    raw = path.read_bytes()
    for block in bodies:
        body = block["body"]
        assert raw[body["offset"] : body["offset"] + body["length"]].decode() == "\n".join(log)


# ----- failures: the ordinary parse, never lost content ---------------------------------------
@pytest.mark.parametrize(
    ("child", "reason"),
    [
        ("import sys; sys.exit(3)", "exit status 3"),
        ("raise SystemExit('broken child')", "broken child"),
        ("import time; time.sleep(60)", "took too long"),
        ("import sys, pickle; pickle.dump(1, open(sys.argv[2], 'wb'))", "nonsense"),
    ],
)
def test_a_failing_child_means_the_ordinary_parse(
    session: Path, two_cores: None, monkeypatch: pytest.MonkeyPatch, child: str, reason: str
) -> None:
    monkeypatch.setattr(parallel, "_CHILD", child)
    monkeypatch.setattr(parallel, "_MIN_WAIT_S", 0.5)
    md = _document()
    serial, serial_parser, got, parser = _both(md, session)
    assert parser.pieces == 1 and reason in (parser.serial_reason or "")
    assert got == serial and _state(parser) == _state(serial_parser)


def test_a_child_that_cannot_start_means_the_ordinary_parse(
    session: Path, two_cores: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel.sys, "executable", "/nonexistent/python")
    serial, _, got, parser = _both(_document(), session)
    assert parser.pieces == 1 and "FileNotFoundError" in (parser.serial_reason or "")
    assert got == serial


# ----- many small tricky documents, cut everywhere (in this process) --------------------------
class _InProcessChild:
    """Stands in for parallel._Child: the same piece parse and pickling, without a process."""

    def __init__(self, folder: Path, n: int, request: dict[str, Any]) -> None:
        lines = request["text"].split("\n")
        piece = parallel._parse_piece(
            request["session"], lines, request["keys"], request["sentinel"]
        )
        self.piece = pickle.loads(pickle.dumps(piece))

    def result(self, deadline: float) -> Any:
        return self.piece

    def close(self) -> None:
        pass


TRICKY = [
    *[""] * 8,
    *["# H", "## H", "# H #", "#", "# ` x"] * 2,
    "text",
    "more *text* [^n]",
    "```",
    "```py",
    "~~~",
    "````",
    "``` a`b",
    "  ```",
    "    ```",
    "- item",
    "1. item",
    "  - sub",
    "> quote",
    "> ```",
    ">",
    "<!--",
    "-->",
    "<!-- c -->",
    "<pre>",
    "</pre>",
    "<div>",
    "    code",
    "\tcode",
    "| a | b |",
    "|---|---|",
    "[^n]: note",
    "    continued",
    "Setext",
    "===",
    "---",
    "<!-- docgen:source f.md -->",
    "[l](docgen:f.md#h)",
    "[ref]: /url",
    "[x][ref]",
    "![i](assets/pic.png)",
]


def test_cutting_before_any_heading_line_is_the_same_or_refused(
    session: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random documents of tricky lines, cut before every `#` line that follows an empty
    line (inside fences, comments and lists too, not only where the scan would cut): each
    cut is either refused by a piece's check, or the result is the ordinary parse's."""
    monkeypatch.setattr(parallel, "_Child", _InProcessChild)
    outcomes = {"pieces": 0, "refused": 0}
    rng = random.Random(8)
    for _ in range(400):
        lines = [rng.choice(TRICKY) for _ in range(rng.randint(5, 60))]
        cuts = [i for i in range(1, len(lines)) if lines[i][:1] == "#" and not lines[i - 1]]
        if not cuts:
            continue
        chosen = sorted(rng.sample(cuts, min(len(cuts), rng.randint(1, 3))))
        monkeypatch.setattr(parallel, "_boundaries", lambda lines, n, c=chosen: [0, *c, len(lines)])
        md = "\n".join(lines) + "\n"
        serial, serial_parser, got, parser = _both(md, session)
        assert json.dumps(got) == json.dumps(serial), md
        assert _state(parser) == _state(serial_parser), md
        if parser.pieces > 1:
            outcomes["pieces"] += 1
            assert set(chosen) <= _top_level_headings(lines), md
        else:
            outcomes["refused"] += 1
            assert parser.serial_reason in (
                "no block starts where the next piece does",
                "link reference definitions",
            )
            top = _top_level_headings(lines)
            assert not set(chosen) <= top or "link" in parser.serial_reason, md
    assert outcomes["pieces"] > 50 and outcomes["refused"] > 50, outcomes
