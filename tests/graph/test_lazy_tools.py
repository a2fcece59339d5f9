"""The tools node builds a tool's LangChain wrapper (a pydantic model) only when a call names
it (graph/tools/bindings.py `tool`, issue 21): the calls still run validated, a bad
argument or an unknown tool is still an error message, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentic_docgen.core.settings import Settings
from agentic_docgen.graph.nodes.agent import _run_call
from agentic_docgen.graph.tools import bindings
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.session.folder import SessionManager
from agentic_docgen.session.inputs import discover


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    src = tmp_path / "in"
    src.mkdir()
    (src / "guide.md").write_text("# Guide\n\nInstall the server.\n\n## Logs\n\nRead them.\n")
    settings = Settings(home=tmp_path / "home")
    files, _ = discover(src, settings)
    manager = SessionManager(settings)
    session = manager.create(src)
    names, _ = manager.copy_inputs(session, files)
    workspace = Workspace(session, names)
    monkeypatch.setattr(bindings, "workspace", lambda: workspace)
    return workspace


def test_only_the_tools_called_are_built(ws: Workspace) -> None:
    bindings.tool.cache_clear()
    status, out = _run_call(
        {"name": "append_source", "args": {"file": "guide.md", "start_line": 1, "end_line": 7}}
    )
    assert status == "success", out
    assert ws.session.markdown.read_text(encoding="utf-8").count("Install the server.") == 1
    status, out = _run_call({"name": "describe_file", "args": {"file": "guide.md"}})
    assert status == "success" and json.loads(out)["lines"] == 7
    assert bindings.tool.cache_info().currsize == 2
    assert len(bindings.tools()) == len(bindings.FUNCTIONS) == 15


def test_bad_calls_are_errors_with_validation_kept(ws: Workspace) -> None:
    status, out = _run_call(
        {"name": "append_source", "args": {"file": "guide.md", "start_line": "one"}}
    )
    assert status == "error" and "invalid arguments for append_source" in out
    status, out = _run_call({"name": "no_such_tool", "args": {}})
    assert status == "error" and "unknown tool 'no_such_tool'" in out
    assert "append_generated" in out and "copy_image" in out
    assert ws.line_count() == 0  # nothing written by the refused calls
