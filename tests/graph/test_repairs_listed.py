"""The deterministic repairs (E001 fence closed, E006 headings re-levelled) are named in
`fixes` with the code, the input file and its line (issue 16.9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentic_docgen.core.settings import Settings
from agentic_docgen.graph.tools import repairs, writing
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.session.folder import SessionManager
from agentic_docgen.session.inputs import discover
from tests.conftest import invoke_cli

README = """Service guide
=============

Install it with:

```bash
pip install service
service --init

## Checking the logs

Look in /var/log/service.
"""
GUIDE = "# Guide\n\nintro\n\n#### Deep dive\n\ntext\n\n## Next\n\nmore\n"


def _ws(tmp_path: Path, files: dict[str, str]) -> Workspace:
    src = tmp_path / "in"
    src.mkdir()
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    settings = Settings(home=tmp_path / "home")
    found, _ = discover(src, settings)
    manager = SessionManager(settings)
    session = manager.create(src)
    names, _ = manager.copy_inputs(session, found)
    return Workspace(session, names)


def test_fence_closed_is_named_with_the_source_line(tmp_path: Path) -> None:
    ws = _ws(tmp_path, {"README.md": "\n" * 200 + README})
    writing.append_markdown(ws, "# README")
    n = len(ws.store.get("README.md").lines)
    writing.append_source(ws, "README.md", 1, n, "markdown", base_level=2)
    # the file's fence is closed as it is written, before the heading it would swallow
    fence_line = ws.store.get("README.md").lines.index("```bash") + 1
    assert fence_line == 206
    assert ws.repairs == [
        f"E001 README.md:{fence_line} fence closed before the heading 'Checking the logs'"
    ]
    assert repairs.validate_markdown(ws)["valid"]


def test_headings_shifted_are_named(tmp_path: Path) -> None:
    ws = _ws(tmp_path, {"guide.md": GUIDE})
    writing.append_source(ws, "guide.md", 1, 11, "markdown")  # no base level: H1 then H4
    assert repairs.validate_markdown(ws)["issues"][0]["code"] == "E006"
    repairs.fix_heading_levels(ws, 1)
    assert ws.repairs == ["E006 guide.md:5 heading levels shifted: 'Deep dive' H4 to H2"]


def test_agent_writing_is_named_by_its_document_line(tmp_path: Path) -> None:
    ws = _ws(tmp_path, {"a.md": "# A\n"})
    ws.append("# Mine\n\n```text\nnever closed")  # (as a line edit could leave it)
    repairs.close_fence(ws, 3)
    assert ws.repairs == ["E001 document line 3 fence closed at the end of the document"]


@pytest.mark.parametrize("as_json", [True, False])
def test_fixes_in_json_and_in_the_summary(tmp_path: Path, as_json: bool) -> None:
    src = tmp_path / "docs"
    src.mkdir()
    (src / "README.md").write_text(README, encoding="utf-8")
    out = tmp_path / "out.docx"
    r = invoke_cli("convert", str(src), "-o", str(out), *(["--json"] if as_json else []))
    assert r.returncode == 0, r.stderr
    line = README.split("\n").index("```bash") + 1
    fix = f"E001 README.md:{line} fence closed before the heading 'Checking the logs'"
    assert f"fixed: {fix}" in r.stderr
    if as_json:
        assert fix in json.loads(r.stdout)["fixes"]
