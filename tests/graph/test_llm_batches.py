"""The LLM policy writes a batch of files per model call (issue 24 item 5): the calls grow
with the batches, not the files; a file the model skips or botches still arrives whole; a
run killed in the middle of a batch resumes to the same document. Through the real LiteLLM
HTTP path against the loopback stub model (tests/llm_stub.py)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from agentic_docgen.entry.api import generate_document
from agentic_docgen.graph.policy.llm import MAX_BATCH_FILES
from tests.conftest import plain_markdown, run_cli
from tests.llm_stub import StubLLM, batch_turn, chapter, good_model


@pytest.fixture(autouse=True)
def _fake_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")


def _notes(tmp_path: Path, n: int) -> Path:
    """n small pages of a command reference, and a few plain-text notes among them."""
    d = tmp_path / "notes"
    d.mkdir()
    for i in range(n):
        if i % 5 == 4:
            (d / f"page{i:03d}.txt").write_text(
                f"Notes on step {i}\n\nRun step {i} once per day.\n    cron: 0 {i % 24} * * *\n"
            )
        else:
            (d / f"page{i:03d}.md").write_text(
                f"# Command {i}\n\nWhat command {i} does.\n\n```sh\ntool-{i} --now\n```\n"
            )
    return d


def _lines(d: Path) -> list[str]:
    return [ln.strip() for f in sorted(d.iterdir()) for ln in f.read_text().splitlines()]


def _texts(docx: Path) -> str:
    return "\n".join(p.text for p in Document(str(docx)).paragraphs)


def _convert(d: Path, out: Path, stub: StubLLM) -> Any:
    return generate_document(d, out, model="openai/any", api_base=stub.api_base, cache=False)


def _content_lines(d: Path) -> list[str]:
    """The source lines a reader must find (fences and blank lines aside)."""
    return [ln for ln in _lines(d) if ln and not ln.startswith(("```", "# "))]


def test_model_calls_grow_with_the_batches_not_the_files(tmp_path: Path) -> None:
    n = 45
    d = _notes(tmp_path, n)
    with StubLLM() as stub:
        result = _convert(d, tmp_path / "o.docx", stub)
        requests = stub.state.requests
    assert result.status == "complete", result.errors
    assert not any("offline plan" in w for w in result.warnings), result.warnings
    # one call per batch (was three per file: heading, lines, "done")
    assert len(requests) == math.ceil(n / MAX_BATCH_FILES) == result.llm_calls
    texts = _texts(tmp_path / "o.docx")
    for line in _content_lines(d):
        assert line in texts
    assert (
        "About page043.md" in texts and "About page044.txt" in texts
    )  # the model's chapter titles
    assert set(result.tokens_by_file) == {f.name for f in d.iterdir()}
    shared = sum(u["input"] for u in result.tokens_by_file.values())
    assert shared == result.tokens["input"]  # a call's tokens shared among its files


def test_the_budget_bounds_what_one_call_is_sent(tmp_path: Path, monkeypatch) -> None:
    d = _notes(tmp_path, 30)
    monkeypatch.setenv("DOCGEN_LLM_BATCH_TOKENS", "600")  # a few digests per call
    with StubLLM() as stub:
        result = _convert(d, tmp_path / "o.docx", stub)
        sizes = [len(batch_turn(r)[0]) for r in stub.state.requests]
        prompts = list(stub.state.prompt_tokens)
    assert result.status == "complete"
    assert sum(sizes) == 30 and 3 < len(sizes) < 30, sizes
    # the budget, and what every call carries: the tool schemas (~1,400), the system prompt
    assert max(prompts) < 600 + 2200, prompts
    for line in _content_lines(d):
        assert line in _texts(tmp_path / "o.docx")


def skips(file_index: int, also_on_retry: bool):
    """A model that leaves the batch's file number `file_index` out of its answer (and of its
    second answer too, when also_on_retry)."""

    def script(request: dict[str, Any], state) -> Any:
        files, turn = batch_turn(request)
        if turn > 1:
            return "done"
        keep = [
            f for k, f in enumerate(files) if k != file_index or (turn == 1 and not also_on_retry)
        ]
        return [c for file, lines in keep for c in chapter(file, lines)]

    return script


def test_a_file_the_model_skips_is_placed_by_the_offline_plan(tmp_path: Path) -> None:
    d = _notes(tmp_path, 8)
    with StubLLM(skips(2, also_on_retry=True)) as stub:
        result = _convert(d, tmp_path / "o.docx", stub)
        calls = len(stub.state.requests)
    assert result.status == "complete", result.errors
    assert calls == 2  # the answer, and the one that was sent its problems
    placed = [w for w in result.warnings if "offline plan" in w]
    assert len(placed) == 1 and placed[0].startswith("page002.md: no chapter"), placed
    texts = _texts(tmp_path / "o.docx")
    for line in _content_lines(d):
        assert texts.count(line) == 1, line  # every line, once
    assert "Command 2" in texts and "About page003.md" in texts
    md = plain_markdown(Path(result.session_dir))
    assert md.index("About page001.md") < md.index("Command 2") < md.index("About page003.md")


def test_a_file_the_model_skips_once_is_asked_again(tmp_path: Path) -> None:
    d = _notes(tmp_path, 8)
    with StubLLM(skips(5, also_on_retry=False)) as stub:
        result = _convert(d, tmp_path / "o.docx", stub)
        second = stub.state.requests[1]["messages"]
    assert result.status == "complete", result.errors
    assert not any("offline plan" in w for w in result.warnings), result.warnings
    told = [m["content"] for m in second if m["role"] == "tool"]
    assert "page005.md: no chapter written for it" in told[0]
    assert "About page005.md" in _texts(tmp_path / "o.docx")


def test_a_call_that_fails_when_run_sends_its_file_to_the_offline_plan(tmp_path: Path) -> None:
    d = _notes(tmp_path, 4)

    def bad_level(request: dict[str, Any], state) -> Any:
        files, turn = batch_turn(request)
        calls = [c for file, lines in files for c in chapter(file, lines)]
        calls[1]["arguments"]["base_level"] = 9  # valid for the schema, refused when run
        return calls if turn == 0 else "done"

    with StubLLM(bad_level) as stub:
        result = _convert(d, tmp_path / "o.docx", stub)
    assert result.status == "complete", result.errors
    placed = [w for w in result.warnings if "offline plan" in w]
    assert placed and placed[0].startswith("page000.md: tool call failed"), result.warnings
    md = plain_markdown(Path(result.session_dir))
    assert "About page000.md" not in md and "About page001.md" in md
    for line in _content_lines(d):
        assert md.count(line) == 1, line


def test_kill_9_in_the_middle_of_a_batch_then_resume(tmp_path: Path) -> None:
    d = _notes(tmp_path, 7)
    env = {"DOCGEN_TEST_BATCH_FILES": "3"}  # batches of 3, 3 and 1 files
    with StubLLM(good_model) as stub:
        args = ["--model", "openai/any", "--api-base", stub.api_base, "--json"]
        ref_home = {**env, "DOCGEN_HOME": str(tmp_path / "ref")}
        proc = run_cli("convert", str(d), "-o", str(tmp_path / "ref.docx"), *args, env=ref_home)
        assert proc.returncode == 0, proc.stderr
        reference = plain_markdown(Path(json.loads(proc.stdout)["session_dir"]))
        home = {**env, "DOCGEN_HOME": str(tmp_path / "home")}
        crash = {**home, "DOCGEN_TEST_CRASH_AFTER_TOOL_CALLS": "9"}  # in the second batch
        out = tmp_path / "out.docx"
        proc = run_cli("convert", str(d), "-o", str(out), *args, env=crash)
        assert proc.returncode == -9, proc.stderr[-500:]
        sessions = json.loads(run_cli("sessions", "list", "--json", env=home).stdout)
        proc = run_cli("resume", sessions[0]["id"], "--json", env=home)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["status"] == "complete"
    assert plain_markdown(Path(summary["session_dir"])) == reference  # none lost, none twice
