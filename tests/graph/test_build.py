"""The graph with a scripted policy: hostile tool calls come back as errors, never crashes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from langchain_core.messages import AIMessage, ToolMessage

from agentic_docgen.entry import api
from agentic_docgen.graph import build
from agentic_docgen.graph.build import route_after_agent
from agentic_docgen.graph.policy import protocol as policy
from agentic_docgen.graph.policy.protocol import Reply
from agentic_docgen.session.checkpoints import checkpoint_ids


class ScriptedPolicy:
    """Plays a fixed list of tool-call turns per file, then declares the chapter done."""

    name = "scripted"

    def __init__(self, turns: list[list[dict[str, Any]]]) -> None:
        self.turns = turns
        self.seen: list[ToolMessage] = []

    def answer(self, state: Any, ws: Any) -> Reply:
        msgs = state.get("messages", [])
        self.seen.extend(m for m in msgs if isinstance(m, ToolMessage) and m not in self.seen)
        done = sum(isinstance(m, AIMessage) for m in msgs)
        if done < len(self.turns):
            calls = [
                {"name": c["name"], "args": c["args"], "id": f"c{done}{i}", "type": "tool_call"}
                for i, c in enumerate(self.turns[done])
            ]
            return Reply(AIMessage(content="", tool_calls=calls))
        return Reply(None)  # done with the chapter


def test_hostile_tool_calls_are_answered_not_fatal(tmp_path: Path, monkeypatch) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.log").write_text("first\nsecond\n")
    (tmp_path / "secret.txt").write_text("SECRET\n")
    scripted = ScriptedPolicy(
        [
            [
                {"name": "read_file", "args": {"file": "../secret.txt"}},
                {
                    "name": "append_source",
                    "args": {"file": "a.log", "start_line": 1, "end_line": 9},
                },
                {"name": "no_such_tool", "args": {}},
                {"name": "append_source", "args": {"file": "a.log", "start_line": "x"}},
                {"name": "copy_image", "args": {"path": "/etc/passwd", "from_file": "a.log"}},
            ],
            [
                {"name": "append_markdown", "args": {"text": "# Log"}},
                {
                    "name": "append_source",
                    "args": {"file": "a.log", "start_line": 1, "end_line": 2, "as_": "text"},
                },
            ],
        ]
    )
    monkeypatch.setattr(policy, "get_policy", lambda model: scripted)
    out = tmp_path / "o.docx"
    result = api.generate_document(d, out, on_missing="skip")
    assert result.status == "complete", result.errors
    errors = [m for m in scripted.seen if m.status == "error"]
    assert len(errors) == 4
    assert "outside" in errors[0].content or "refused" in errors[0].content
    assert "outside" in errors[1].content
    assert "unknown tool" in errors[2].content
    assert "invalid arguments" in errors[3].content
    ok = [m for m in scripted.seen if m.status == "success"]
    assert any("Image missing" in m.content for m in ok)
    text = [p.text for p in Document(str(out)).paragraphs]
    assert "first" in text and "second" in text and "SECRET" not in "\n".join(text)


def test_router_after_agent() -> None:
    call = {"name": "x", "args": {}, "id": "1", "type": "tool_call"}
    assert route_after_agent({"messages": [AIMessage(content="", tool_calls=[call])]}) == "tools"
    assert route_after_agent({"messages": [], "chapter_done": True}) == "validate_md"
    assert route_after_agent({"messages": []}) == "parse_to_json"


def test_one_error_router_for_every_stage_that_can_fail() -> None:
    after_parse = build.on_error("convert_docx")
    assert after_parse({"last_error": None}) == "convert_docx"
    assert after_parse({"last_error": {"code": "E009"}}) == "error_handler"
    assert build.on_error("finalize")({}) == "finalize"


def test_answers_become_decisions() -> None:
    from agentic_docgen.graph.nodes.references import as_decision

    assert as_decision("skip") == {"action": "skip"}
    assert as_decision("abort") == {"action": "abort"}
    provided = as_decision("provide:/abs/x.png")
    assert provided == {"action": "provide", "path": str(Path("/abs/x.png").resolve())}
    assert as_decision(provided) == provided  # a decision already in the state
    assert as_decision("") is None and as_decision(None) is None
    assert as_decision("skip_all") is None  # not an answer: the reference is asked again


def test_offline_plan_validates_and_checkpoints_each_chapter(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for i in (10, 2, 1):
        (d / f"part{i}.md").write_text(f"# Part {i}\n\n### Deep {i}\n\ntext {i}\n")
    result = api.generate_document(d, tmp_path / "o.docx")
    assert result.status == "complete"
    session = Path(result.session_dir)
    checkpoints = checkpoint_ids(session / "checkpoints")
    assert [c.split("_", 3)[3] for c in checkpoints] == [
        "chapter001_part1-md",
        "chapter002_part2-md",
        "chapter003_part10-md",
    ]
    md = (session / "temp_output.md").read_text()
    assert md.index("# Part 1") < md.index("# Part 2") < md.index("# Part 10")
    assert "## Deep 1" in md and "###" not in md


@pytest.mark.parametrize("on_missing", ["skip", "fail"])
def test_api_refuses_bad_options(tmp_path: Path, on_missing: str) -> None:
    from agentic_docgen.core.errors import InputError

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("x\n")
    with pytest.raises(InputError):
        api.generate_document(d, tmp_path / "o.rtf", on_missing=on_missing)
    with pytest.raises(InputError):
        api.generate_document(d, tmp_path / "o.docx", model="not a model!")


def test_unclosed_fence_in_a_source_is_closed_at_the_end_of_its_chapter(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n\n~~~~python\nprint('never closed')\n")
    (d / "b.md").write_text("# B\n\ntext of b\n")
    out = tmp_path / "o.docx"
    result = api.generate_document(d, out)
    assert result.status == "complete"
    doc = Document(str(out))
    heads = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert heads == ["A", "B"]  # B was not swallowed by A's open fence
    assert "print('never closed')" in [p.text for p in doc.paragraphs]
    md = (Path(result.session_dir) / "temp_output.md").read_text()
    assert "print('never closed')\n~~~~\n\n# B" in md


def test_a_node_that_breaks_the_state_is_a_classified_failure(tmp_path: Path, monkeypatch) -> None:
    def agent(state: Any, runtime: Any) -> dict[str, Any]:
        return {"file_indx": 1}  # a typo a bug would make

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n\ntext\n")
    monkeypatch.setattr(build, "agent", agent)
    result = api.generate_document(d, tmp_path / "o.docx")
    assert result.status == "failed"
    [error] = result.errors
    assert error["code"] == "E999" and "file_indx" in error["message"]
    assert "State" in error["kind"]
    assert (Path(result.session_dir) / "ERROR_REPORT.md").exists()
