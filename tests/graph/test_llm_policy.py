"""LLM mode through the real LiteLLM HTTP path against a loopback stub, and through a scripted
fake chat model. No test reaches the network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from agentic_docgen.entry.api import generate_document
from agentic_docgen.graph.policy import protocol as policy_module
from agentic_docgen.graph.policy.llm import LLMPolicy
from agentic_docgen.graph.policy.llmplan import missing_spans
from tests.conftest import EXAMPLES, run_cli
from tests.llm_stub import StubLLM, batch_turn, call, good_model

CODE_STYLES = {"SourceCode", "LogOutput"}


@pytest.fixture(autouse=True)
def _fake_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")


def _log_folder(tmp_path: Path, lines: int = 40, name: str = "in") -> Path:
    d = tmp_path / name
    d.mkdir()
    body = [
        f"2026-01-01 00:00:{i % 60:02d} {'ERROR' if i % 7 == 0 else 'INFO'} event {i}"
        for i in range(lines)
    ]
    (d / "app.log").write_text("\n".join(body) + "\n")
    (d / "notes.md").write_text("# Notes\n\n## Part\n\nSome *text*.\n\n```sh\nls -la\n```\n")
    return d


def _texts(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def _convert(d: Path, out: Path, stub: StubLLM, **kw: Any):
    return generate_document(d, out, model="openai/any", api_base=stub.api_base, **kw)


def test_examples_through_the_stub_then_from_the_cache(tmp_path: Path) -> None:
    with StubLLM() as stub:
        out = tmp_path / "a.docx"
        proc = run_cli(
            "convert",
            str(EXAMPLES),
            "-o",
            str(out),
            "--model",
            "openai/any",
            "--api-base",
            stub.api_base,
            "--on-missing",
            "skip",
            "--json",
        )
        assert proc.returncode == 0, proc.stderr
        first = json.loads(proc.stdout)
        sent = len(stub.state.requests)
        assert first["tokens"]["input"] > 0 and first["tokens"]["output"] > 0
        assert "cost_usd" in first and set(first["tokens_by_file"]) == {
            "guide.md",
            "notes.txt",
            "server.log",
        }
        texts = _texts(out)
        for line in (EXAMPLES / "server.log").read_text().splitlines():
            assert line in texts
        assert "About guide.md" in texts  # the model chose the chapter titles
        proc = run_cli(
            "convert",
            str(EXAMPLES),
            "-o",
            str(out),
            "--force",
            "--model",
            "openai/any",
            "--api-base",
            stub.api_base,
            "--on-missing",
            "skip",
            "--json",
        )
        assert proc.returncode == 0, proc.stderr
        second = json.loads(proc.stdout)
        assert len(stub.state.requests) == sent  # every answer came from the cache
        assert second["tokens"] == {"input": 0, "output": 0}
        proc = run_cli(
            "convert",
            str(EXAMPLES),
            "-o",
            str(out),
            "--force",
            "--model",
            "openai/any",
            "--api-base",
            stub.api_base,
            "--on-missing",
            "skip",
            "--no-cache",
        )
        assert proc.returncode == 0 and len(stub.state.requests) == 2 * sent


def hostile(first_turn: list[dict[str, Any]]):
    """A model that makes one hostile turn per batch, then behaves."""

    def script(request: dict[str, Any], state) -> Any:
        files, turn = batch_turn(request)
        if turn == 0:
            return first_turn
        fixed = dict(request, messages=_drop_first_assistant_turn(request["messages"]))
        return good_model(fixed, state)

    return script


def _drop_first_assistant_turn(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out, dropped = [], False
    for m in messages:
        if m["role"] == "assistant" and not dropped:
            dropped = True
            continue
        if (
            m["role"] == "tool"
            and dropped
            and not any(
                x["role"] == "assistant"
                for x in out[max(i for i, x in enumerate(out) if x["role"] == "user") :]
            )
        ):
            continue
        out.append(m)
    return out


@pytest.mark.parametrize(
    "turn",
    [
        [call("read_file", file="../../etc/passwd")],
        [call("append_source", file="/etc/passwd", start_line=1, end_line=3, as_="text")],
        [call("append_source", file="app.log", start_line=1, end_line=10_000, as_="text")],
        [call("rm_rf", path="/")],
        [{"name": "append_markdown", "arguments": "{not json"}],
        [call("copy_image", path="../../../../etc/shadow", from_file="notes.md")],
        [call("rollback_to_checkpoint", checkpoint_id="../../state")],
    ],
)
def test_hostile_tool_calls_end_in_a_faithful_document(tmp_path: Path, turn) -> None:
    d = _log_folder(tmp_path)
    out = tmp_path / "o.docx"
    with StubLLM(hostile(turn)) as stub:
        result = _convert(d, out, stub)
    assert result.status == "complete", result.errors
    assert not any("offline plan" in w for w in result.warnings), result.warnings
    errors = [
        m["content"]
        for r in stub.state.requests
        for m in r["messages"]
        if m["role"] == "tool"
        and (m["content"].startswith("error:") or "[Image missing" in m["content"])
    ]
    assert errors  # the hostile call was answered with an error, not executed
    texts = _texts(out)
    for line in (d / "app.log").read_text().splitlines():
        assert line in texts
    assert "ls -la" in texts
    joined = "\n".join(texts)
    assert "root:" not in joined


def test_server_errors_are_retried(tmp_path: Path) -> None:
    d = _log_folder(tmp_path)
    with StubLLM() as stub:
        stub.state.fail_next = [500, 429]
        result = _convert(d, tmp_path / "o.docx", stub)
    assert result.status == "complete"
    assert not any("offline plan" in w for w in result.warnings)
    assert "About app.log" in _texts(tmp_path / "o.docx")


def test_a_dead_provider_falls_back_to_offline(tmp_path: Path) -> None:
    d = _log_folder(tmp_path)
    with StubLLM() as stub:
        stub.state.fail_next = [500] * 50
        result = _convert(d, tmp_path / "o.docx", stub)
    assert result.status == "complete"
    assert any("offline" in w for w in result.warnings)
    texts = _texts(tmp_path / "o.docx")
    assert "app" in texts and "event 39" in "\n".join(texts)  # titled without ".log"


def test_a_model_that_stops_halfway_gets_the_rest_appended(tmp_path: Path) -> None:
    d = _log_folder(tmp_path)

    def lazy(request: dict[str, Any], state) -> Any:
        files, turn = batch_turn(request)
        calls = []
        for file, lines in files:
            calls.append(call("append_markdown", text=f"# Half of {file}"))
            half = max(1, lines // 2)
            kind = "markdown" if file.endswith(".md") else "text"
            calls.append(call("append_source", file=file, start_line=1, end_line=half, as_=kind))
        return calls if turn == 0 else "All done!"

    with StubLLM(lazy) as stub:
        result = _convert(d, tmp_path / "o.docx", stub)
    assert result.status == "complete"
    assert any("unplaced" in w for w in result.warnings)
    texts = _texts(tmp_path / "o.docx")
    for line in (d / "app.log").read_text().splitlines():
        assert texts.count(line) == 1


def test_tokens_grow_with_the_outline_not_the_bytes(tmp_path: Path) -> None:
    sent = []
    for n, lines in ((1, 200), (2, 20_000)):
        d = _log_folder(tmp_path, lines, name=f"in{n}")
        with StubLLM() as stub:
            result = _convert(d, tmp_path / f"o{n}.docx", stub, cache=False)
            assert result.status == "complete"
            sent.append(max(stub.state.prompt_tokens))  # (a big file is a batch of its own)
    assert sent[1] <= 1.2 * sent[0], sent


class ScriptedChatModel(GenericFakeChatModel):
    """langchain's fake chat model with bind_tools (returns itself)."""

    def bind_tools(self, tools: Any, **kwargs: Any) -> ScriptedChatModel:
        return self


def test_graph_with_a_scripted_fake_chat_model(tmp_path: Path, monkeypatch) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("alpha\nbeta\ngamma\n")
    turns = iter(
        [
            AIMessage(
                content="",
                tool_calls=[
                    {"name": "append_markdown", "id": "1", "args": {"text": "# Greek letters"}},
                    {
                        "name": "append_source",
                        "id": "2",
                        "args": {"file": "a.txt", "start_line": 2, "end_line": 3, "as_": "text"},
                    },
                ],
            ),
            AIMessage(content="never asked: the batch's calls ran and every line arrived"),
        ]
    )
    fake = ScriptedChatModel(messages=turns)
    monkeypatch.setattr(policy_module, "get_policy", lambda settings: LLMPolicy(fake))
    out = tmp_path / "o.docx"
    result = generate_document(d, out)
    assert result.status == "complete"
    texts = _texts(out)
    assert "Greek letters" in texts
    assert texts.count("alpha") == 1  # line 1 was unplaced: appended by the coverage check
    md = (Path(result.session_dir) / "temp_output.md").read_text()
    assert md.index("beta") < md.index("alpha")


def test_missing_spans() -> None:
    lines = ["a", "", "b", "c", "d"]
    assert missing_spans(lines, [(3, 4)]) == ([(1, 2), (5, 5)], [])
    assert missing_spans(lines, [(1, 3), (3, 5)]) == ([], [3])


def test_doctor_reports_whether_the_model_answers(tmp_path: Path) -> None:
    with StubLLM(lambda request, state: "OK") as stub:
        proc = run_cli("doctor", "--model", "openai/any", "--api-base", stub.api_base)
    assert proc.returncode == 0, proc.stderr
    assert "openai/any" in proc.stderr and "answers" in proc.stderr
    proc = run_cli("doctor", "--model", "openai/any", "--api-base", "http://127.0.0.1:9/v1")
    assert proc.returncode == 1 and "does not answer" in proc.stderr
