"""The tools, bound to one session: verbatim copies, bounded output, refusals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from agentic_docgen.core.errors import ToolError
from agentic_docgen.core.settings import Settings
from agentic_docgen.graph.tools import bindings, reading, repairs, writing
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.session.folder import SessionManager
from agentic_docgen.session.inputs import discover
from tests.conftest import session_marks


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.md").write_text("# A\n\n## Deep\n\ntext ![p](pic.png)\n")
    (src / "sub" / "b.log").write_text("".join(f"line {i} ```\n" for i in range(1, 1001)))
    Image.new("RGB", (4, 4), "red").save(src / "pic.png")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    settings = Settings(home=tmp_path / "home")
    files, _ = discover(src, settings)
    manager = SessionManager(settings)
    session = manager.create(src)
    names, _ = manager.copy_inputs(session, files)
    return Workspace(session, names)


def test_append_source_text_is_fenced_and_verbatim(ws: Workspace) -> None:
    msg = writing.append_source(ws, "sub/b.log", 1, 1000, "text")
    assert "lines 1-1000" in msg
    md = ws.session.markdown.read_text()
    start = session_marks(
        "<!-- docgen:source sub/b.log -->\n\n````text\nline 1 ```\n", ws.session.dir
    )
    assert md.startswith(start)
    assert md.endswith("line 1000 ```\n````\n")


def test_append_source_markdown_relevels_and_rewrites_assets(ws: Workspace) -> None:
    ws.assets = {"a.md": {"pic.png": "assets/pic.png"}}
    writing.append_markdown(ws, "# Chapter")
    writing.append_source(ws, "a.md", 3, 5, "markdown", base_level=2)
    assert ws.session.markdown.read_text() == session_marks(
        "# Chapter\n\n<!-- docgen:source a.md -->\n\n## Deep\n\ntext ![p](assets/pic.png)\n",
        ws.session.dir,
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda w: writing.append_source(w, "../../etc/passwd", 1, 1),
        lambda w: writing.append_source(w, "/etc/passwd", 1, 1),
        lambda w: writing.append_source(w, "a.md", 0, 2),
        lambda w: writing.append_source(w, "a.md", 2, 99),
        lambda w: writing.append_source(w, "a.md", 3, 2),
        lambda w: writing.append_source(w, "a.md", 1, 2, "html"),
        lambda w: reading.read_file(w, "nope.md"),
        lambda w: reading.read_file(w, "a.md", offset=50),
        lambda w: writing.append_markdown(w, ""),
        lambda w: writing.append_markdown(w, "```\nunclosed"),
        lambda w: w.rollback_to_checkpoint("../../state"),
        lambda w: writing.edit_markdown_line(w, 5, "x"),
    ],
)
def test_invalid_calls_raise_tool_errors(ws: Workspace, call) -> None:
    with pytest.raises(ToolError):
        call(ws)
    assert not (ws.session.dir.parent / "passwd").exists()


def test_read_file_pages_and_bounds(ws: Workspace) -> None:
    page = reading.read_file(ws, "sub/b.log", offset=990, limit=5)
    assert page.splitlines()[0] == "990: line 990 ```"
    assert "offset=995" in page
    big = reading.read_file(ws, "sub/b.log", limit=10_000)
    assert big.count("\n") <= 501


def test_copy_image_stays_in_the_input_folder(ws: Workspace) -> None:
    assert writing.copy_image(ws, "pic.png", "a.md") == "assets/pic.png"
    assert (ws.session.assets / "pic.png").exists()
    assert writing.copy_image(ws, "../outside.png", "a.md").startswith("[Image missing")
    assert writing.copy_image(ws, "https://example.com/x.png", "a.md").startswith(
        "[Image not fetched"
    )


def test_edit_refuses_lines_inside_code(ws: Workspace) -> None:
    writing.append_markdown(ws, "# T")
    writing.append_source(ws, "sub/b.log", 1, 3, "text")
    assert ws.session.markdown.read_text().split("\n")[5] == "line 1 ```"
    with pytest.raises(ToolError, match="verbatim"):
        writing.edit_markdown_line(ws, 6, "changed")
    assert writing.edit_markdown_line(ws, 1, "# Title") == "line 1 replaced"


def test_checkpoint_and_rollback(ws: Workspace) -> None:
    writing.append_markdown(ws, "# One")
    cp = ws.create_checkpoint("one")
    writing.append_markdown(ws, "# Two")
    ws.rollback_to_checkpoint(cp)
    assert ws.session.markdown.read_text() == "# One\n"


def _files(ws: Workspace) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in ws.session.checkpoints.iterdir()}


def test_checkpoints_after_appends_hold_only_the_new_bytes(ws: Workspace) -> None:
    md = ws.session.markdown
    states = []
    for text in ("# One\n\nfirst ü", "## Two\n\nsecond", "## Three\n\nthird"):
        writing.append_markdown(ws, text)
        states.append((ws.create_checkpoint("c"), md.read_bytes()))
    (c1, d1), (c2, d2), (c3, d3) = states
    assert not [n for n in _files(ws) if n.endswith(".md")]  # references: nothing copied yet
    writing.edit_markdown_line(ws, 1, "# Changed")  # copies them out before the rewrite
    files = _files(ws)
    assert files[f"{c1}.md"] == d1 and f"{c1}.base" not in files  # the first: a whole copy
    assert files[f"{c2}.md"] == d2[len(d1) :] and files[f"{c3}.md"] == d3[len(d2) :]
    assert json.loads(files[f"{c3}.base"]) == {"base": c2, "offset": len(d2)}
    for cp, data in (states[1], states[0], states[2]):
        ws.rollback_to_checkpoint(cp)
        assert md.read_bytes() == data
    # after a rollback, the next checkpoint continues the restored one
    ws.rollback_to_checkpoint(c1)
    writing.append_markdown(ws, "## Again")
    c4 = ws.create_checkpoint("c")
    assert ws.checkpoints._lazy()[c4]["base"] == c1
    data = md.read_bytes()
    writing.append_markdown(ws, "## Later")
    ws.rollback_to_checkpoint(c4)
    assert md.read_bytes() == data == d1 + b"\n## Again\n"
    assert ws.line_count() == 5


@pytest.mark.parametrize(
    "rewrite",
    [
        lambda ws: writing.edit_markdown_line(ws, 1, "# Changed"),
        lambda ws: ws.reconcile(1),
        lambda ws: ws.clear(),
        # behind the workspace's back, just before the end of the last checkpoint
        lambda ws: ws.session.markdown.write_bytes(
            ws.session.markdown.read_bytes().replace(b"first", b"FIRST")
        ),
    ],
)
def test_a_checkpoint_after_a_rewrite_covers_the_whole_document(
    ws: Workspace, rewrite: Any
) -> None:
    md = ws.session.markdown
    writing.append_markdown(ws, "# One\n\nfirst")
    ws.create_checkpoint("c")
    writing.append_markdown(ws, "## Two")
    rewrite(ws)
    writing.append_markdown(ws, "## Three")
    data = md.read_bytes()
    cp = ws.create_checkpoint("c")
    ref = ws.checkpoints._lazy()[cp]  # a reference to the whole document, no base
    assert (ref["base"], ref["offset"], ref["end"]) == (None, 0, len(data))
    writing.append_markdown(ws, "## Four")
    ws.rollback_to_checkpoint(cp)
    assert md.read_bytes() == data


def test_a_damaged_checkpoint_chain_is_an_error_not_a_wrong_document(ws: Workspace) -> None:
    writing.append_markdown(ws, "# One")
    c1 = ws.create_checkpoint("c")
    writing.append_markdown(ws, "## Two")
    c2 = ws.create_checkpoint("c")
    ws.checkpoints._copy_out(0)  # as a rewrite would: their bytes in files of their own
    before = ws.session.markdown.read_bytes()
    folder = ws.session.checkpoints
    (folder / f"{c1}.md").write_text("# One, longer\n")
    with pytest.raises(ToolError, match="damaged"):
        ws.rollback_to_checkpoint(c2)
    (folder / f"{c1}.md").unlink()
    with pytest.raises(ToolError, match=f"no checkpoint '{c1}'"):
        ws.rollback_to_checkpoint(c2)
    (folder / f"{c2}.base").write_text("{not json")
    with pytest.raises(ToolError, match="damaged"):
        ws.rollback_to_checkpoint(c2)
    assert ws.session.markdown.read_bytes() == before


def test_validate_and_generated_file_view(ws: Workspace) -> None:
    writing.append_markdown(ws, "# One")
    writing.append_markdown(ws, "### Skipped")
    result = repairs.validate_markdown(ws)
    assert not result["valid"] and result["issues"][0]["code"] == "E006"
    view = reading.read_generated_file(ws, 1)
    assert "1: # One" in view and "3: ### Skipped" in view


def test_langchain_tools_have_schemas_and_validate(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # in a run, the tools find the workspace through the graph's runtime context
    monkeypatch.setattr(bindings, "workspace", lambda: ws)
    tools = {t.name: t for t in bindings.tools()}
    assert set(tools) == {
        "list_files",
        "describe_file",
        "read_file",
        "append_source",
        "append_table",
        "append_markdown",
        "append_log_digest",
        "read_generated_file",
        "edit_markdown_line",
        "close_fence",
        "fix_heading_levels",
        "create_checkpoint",
        "rollback_to_checkpoint",
        "validate_markdown",
        "copy_image",
    }
    digest = json.loads(tools["describe_file"].invoke({"file": "a.md"}))
    assert digest["lines"] == 5 and digest["headings"][1] == {"line": 3, "level": 2, "text": "Deep"}
    log = json.loads(tools["describe_file"].invoke({"file": "sub/b.log"}))
    assert log["lines"] == 1000 and len(log["first_lines"]) == 5
    assert json.loads(tools["list_files"].invoke({}))[1]["file"] == "sub/b.log"


def test_chapter_lines_from_a_checkpoint_offset_and_when_it_went_stale(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    writing.append_markdown(ws, "# One\n\ntext ü")
    cp = ws.create_checkpoint("one")
    offset = ws.byte_count()
    writing.append_markdown(ws, "# Two\n\nsecond")
    whole = ws.lines
    reads: list[int] = []
    monkeypatch.setattr(ws, "lines", lambda: reads.append(1) or whole())
    # the prefix is the checkpoint's: only the chapter is read
    assert ws.chapter_lines(4, offset, cp) == ["", "# Two", "", "second"]
    assert reads == []
    # an earlier line edited (to another length): the offset is not trusted any more
    writing.edit_markdown_line(ws, 3, "text ü, longer")
    assert ws.chapter_lines(4, offset, cp) == ["", "# Two", "", "second"]
    assert reads
    # nor is an offset recorded by another checkpoint than the last one
    cp2 = ws.create_checkpoint("two")
    reads.clear()
    assert ws.chapter_lines(4, offset, cp) == ["", "# Two", "", "second"] and reads
    reads.clear()
    assert ws.chapter_lines(8, ws.byte_count(), cp2) == [] and not reads


def test_the_outline_skips_headings_inside_any_fence(tmp_path: Path) -> None:
    """read_generated_file finds fences by markdown/lines.py's rule (not by a toggle on every
    line that starts with three backticks or tildes)."""
    from agentic_docgen.session.folder import Session

    session = Session("s", tmp_path)
    (tmp_path / "inputs").mkdir()
    session.markdown.write_text(
        "# One\n\n````\n```\n# not a heading\n```\n# still code\n````\n\n## Two\n"
        "~~~\n# code\n~~~~~\n\n### Three\n",
        encoding="utf-8",
    )
    outline = reading.read_generated_file(Workspace(session, []), 5).split("\n\n")[0]
    assert outline.splitlines()[1:] == ["1: # One", "10: ## Two", "15: ### Three"]
