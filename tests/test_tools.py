"""The tools, bound to one session: verbatim copies, bounded output, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from agentic_docgen.config import Settings
from agentic_docgen.errors import ToolError
from agentic_docgen.sanitizer import discover
from agentic_docgen.session import SessionManager
from agentic_docgen.tools import make_tools
from agentic_docgen.workspace import Workspace


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
    msg = ws.append_source("sub/b.log", 1, 1000, "text")
    assert "lines 1-1000" in msg
    md = ws.session.markdown.read_text()
    assert md.startswith("<!-- docgen:source sub/b.log -->\n\n````text\nline 1 ```\n")
    assert md.endswith("line 1000 ```\n````\n")


def test_append_source_markdown_relevels_and_rewrites_assets(ws: Workspace) -> None:
    ws.assets = {"a.md": {"pic.png": "assets/pic.png"}}
    ws.append_markdown("# Chapter")
    ws.append_source("a.md", 3, 5, "markdown", base_level=2)
    assert ws.session.markdown.read_text() == (
        "# Chapter\n\n<!-- docgen:source a.md -->\n\n## Deep\n\ntext ![p](assets/pic.png)\n"
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda w: w.append_source("../../etc/passwd", 1, 1),
        lambda w: w.append_source("/etc/passwd", 1, 1),
        lambda w: w.append_source("a.md", 0, 2),
        lambda w: w.append_source("a.md", 2, 99),
        lambda w: w.append_source("a.md", 3, 2),
        lambda w: w.append_source("a.md", 1, 2, "html"),
        lambda w: w.read_file("nope.md"),
        lambda w: w.read_file("a.md", offset=50),
        lambda w: w.append_markdown(""),
        lambda w: w.append_markdown("```\nunclosed"),
        lambda w: w.rollback_to_checkpoint("../../state"),
        lambda w: w.edit_markdown_line(5, "x"),
    ],
)
def test_invalid_calls_raise_tool_errors(ws: Workspace, call) -> None:
    with pytest.raises(ToolError):
        call(ws)
    assert not (ws.session.dir.parent / "passwd").exists()


def test_read_file_pages_and_bounds(ws: Workspace) -> None:
    page = ws.read_file("sub/b.log", offset=990, limit=5)
    assert page.splitlines()[0] == "990: line 990 ```"
    assert "offset=995" in page
    big = ws.read_file("sub/b.log", limit=10_000)
    assert big.count("\n") <= 501


def test_copy_image_stays_in_the_input_folder(ws: Workspace) -> None:
    assert ws.copy_image("pic.png", "a.md") == "assets/pic.png"
    assert (ws.session.assets / "pic.png").exists()
    assert ws.copy_image("../outside.png", "a.md").startswith("[Image missing")
    assert ws.copy_image("https://example.com/x.png", "a.md").startswith("[Image not fetched")


def test_edit_refuses_lines_inside_code(ws: Workspace) -> None:
    ws.append_markdown("# T")
    ws.append_source("sub/b.log", 1, 3, "text")
    assert ws.session.markdown.read_text().split("\n")[5] == "line 1 ```"
    with pytest.raises(ToolError, match="verbatim"):
        ws.edit_markdown_line(6, "changed")
    assert ws.edit_markdown_line(1, "# Title") == "line 1 replaced"


def test_checkpoint_and_rollback(ws: Workspace) -> None:
    ws.append_markdown("# One")
    cp = ws.create_checkpoint("one")
    ws.append_markdown("# Two")
    ws.rollback_to_checkpoint(cp)
    assert ws.session.markdown.read_text() == "# One\n"


def test_validate_and_generated_file_view(ws: Workspace) -> None:
    ws.append_markdown("# One")
    ws.append_markdown("### Skipped")
    result = ws.validate_markdown()
    assert not result["valid"] and result["issues"][0]["code"] == "E006"
    view = ws.read_generated_file(1)
    assert "1: # One" in view and "3: ### Skipped" in view


def test_langchain_tools_have_schemas_and_validate(ws: Workspace) -> None:
    tools = {t.name: t for t in make_tools(ws)}
    assert set(tools) == {
        "list_files",
        "describe_file",
        "read_file",
        "append_source",
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


def test_chapter_lines_from_a_checkpoint_offset_and_when_it_went_stale(ws: Workspace) -> None:
    md = ws.session.markdown
    md.write_text("# One\n\ntext ü\n# Two\n\nsecond\n", encoding="utf-8")
    offset = len("# One\n\ntext ü\n".encode())
    assert ws.chapter_lines(4, offset) == ["# Two", "", "second"]
    # an earlier line edited to another length: the offset no longer starts line 4
    md.write_text("# One\n\ntext ü, longer\n# Two\n\nsecond\n", encoding="utf-8")
    assert ws.chapter_lines(4, offset) == ["# Two", "", "second"]
    # the same length but one line fewer before the offset: not trusted either
    md.write_text("# One\ntext ü!\n# Two\n\nsecond\n", encoding="utf-8")
    assert ws.chapter_lines(4, offset) == ["", "second"]
