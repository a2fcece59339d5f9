"""The run's progress as typed events (issue 20): the API's callback gets them (their str()
is the line stderr showed before), `--progress jsonl` streams them one JSON object per line
as they happen (read here line by line while the process runs), `plain` keeps the lines of
before, a failing stage is a `chapter_failed` with `retry_possible`."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agentic_docgen.core import events as ev
from tests.conftest import ROOT, invoke_cli

EVENTS = {
    "run_started", "chapter_started", "chapter_completed", "stage", "warning",
    "chapter_failed", "usage", "run_completed",
}  # fmt: skip


def _folder(root: Path) -> Path:
    src = root / "release"
    src.mkdir()
    (src / "a-intro.md").write_text("# Release 4.2\n\nWhat changed, in short.\n")
    (src / "b-upgrade.txt").write_text("UPGRADING\n\nStop the service first.\n")
    log = [f"2026-11-0{1 + i // 40} 09:{i % 60:02d}:11 INFO job {i} done" for i in range(80)]
    (src / "c-deploy.log").write_text("\n".join(log + ["2026-11-03 09:00:00 ERROR gone"]) + "\n")
    (src / "d-notes.md").write_text("# Notes\n\n![diagram](missing.png)\n")
    return src


def _check_stream(events: list[dict[str, object]], total: int) -> None:
    """The order and the fields docs/progress.md promises."""
    names = [e["event"] for e in events]
    assert set(names) <= EVENTS
    assert names[0] == "run_started" and names[-1] == "run_completed"
    assert events[0]["total"] == total and events[0]["schema"] == ev.SCHEMA_VERSION
    started = [e for e in events if e["event"] == "chapter_started"]
    done = [e for e in events if e["event"] == "chapter_completed"]
    assert [e["index"] for e in started] == list(range(1, total + 1))
    assert [e["index"] for e in done] == list(range(1, total + 1))
    assert [e["percent"] for e in done] == [round(100 * k / total, 1) for k in range(1, total + 1)]
    assert all(e["total"] == total for e in started + done)
    stages = [e["name"] for e in events if e["event"] == "stage"]
    assert stages == ["parse", "convert", "check"]
    assert names.index("stage") > max(i for i, n in enumerate(names) if n == "chapter_completed")
    assert any(e["event"] == "warning" and "missing.png" in str(e["message"]) for e in events)


def test_api_callback_gets_typed_events(tmp_path: Path) -> None:
    from agentic_docgen import generate_document

    got: list[ev.ProgressEvent] = []
    out = tmp_path / "out.docx"
    result = generate_document(_folder(tmp_path), out, on_missing="skip", progress=got.append)
    assert result.status == "complete"
    assert all(isinstance(e, ev.ProgressEvent) for e in got)
    _check_stream([e.to_dict() for e in got], 4)
    first = next(e for e in got if isinstance(e, ev.ChapterStarted))
    assert first.batch_line.startswith("chapter 1-4/4: a-intro.md")  # the old plain line
    stage = next(e for e in got if isinstance(e, ev.Stage))
    assert str(stage) == "parsing markdown"  # a callback written for strings reads the same
    end = got[-1]
    assert isinstance(end, ev.RunCompleted) and end.summary["output_path"] == str(out)
    assert end.exit_code == 0 and end.summary["quality"]["fidelity"]["score"] == 100


def _slow_node(tmp_path: Path) -> tuple[str, Path]:
    """A `node` that waits for a file before it runs: the run cannot end before the test
    has read its first event."""
    go = tmp_path / "go"
    script = tmp_path / "node"
    node = subprocess.run(["which", "node"], capture_output=True, text=True).stdout.strip()
    script.write_text(f'#!/bin/sh\nwhile [ ! -e "{go}" ]; do sleep 0.05; done\nexec {node} "$@"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script), go


def test_jsonl_stream_is_read_while_the_run_goes_on(tmp_path: Path) -> None:
    src, out = _folder(tmp_path), tmp_path / "out.docx"
    node, go = _slow_node(tmp_path)
    env = {**os.environ, "DOCGEN_HOME": str(tmp_path / "home"), "DOCGEN_NODE": node}
    proc = subprocess.Popen(
        [sys.executable, "-m", "agentic_docgen", "convert", str(src), "-o", str(out)]
        + ["--on-missing", "skip", "--progress", "jsonl", "--json"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None and proc.stdout is not None
        first = json.loads(proc.stderr.readline())
        assert first["event"] == "run_started"
        assert proc.poll() is None  # read before the run ended
        go.touch()
        events = [first]
        t0 = time.monotonic()
        for line in proc.stderr:  # one JSON object per line, every line
            events.append(json.loads(line))
            assert time.monotonic() - t0 < 300
        stdout = proc.stdout.read()
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    _check_stream(events, 4)
    end = events[-1]
    assert end["status"] == "complete" and end["summary"] == json.loads(stdout)


def test_plain_lines_and_bad_values(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    env = {"DOCGEN_HOME": str(tmp_path / "home")}
    r = invoke_cli(
        "convert", str(src), "-o", str(tmp_path / "a.docx"), "--on-missing", "skip", env=env
    )
    assert r.returncode == 0, r.stderr
    lines = [x for x in r.stderr.splitlines() if x.startswith("·")]
    assert lines == [
        "· chapter 1-4/4: a-intro.md … d-notes.md",
        "· parsing markdown",
        "· writing .docx",
        "· checking the document",
    ]
    r = invoke_cli("convert", str(src), "--progress", "fancy", env=env)
    assert r.returncode == 2 and "--progress" in r.stderr and "Traceback" not in r.stderr
    r = invoke_cli("convert", str(tmp_path / "nowhere"), "--progress", "jsonl", env=env)
    assert r.returncode == 2
    (only,) = [json.loads(x) for x in r.stderr.splitlines()]
    assert only["event"] == "run_completed" and only["status"] == "invalid"
    r = invoke_cli(
        "convert", str(src), "-o", str(tmp_path / "b.docx"), "--on-missing", "skip",
        "--progress", "none", env=env,
    )  # fmt: skip
    assert r.returncode == 0 and not [x for x in r.stderr.splitlines() if x.startswith("·")]
    assert "Wrote" in r.stderr


def test_failed_stage_is_chapter_failed_with_retry_possible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from agentic_docgen import generate_document

    script = tmp_path / "node"
    script.write_text('#!/bin/sh\necho "TypeError: boom" >&2\nexit 1\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("DOCGEN_NODE", str(script))
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text("# A\n\nkeep this\n")
    got: list[ev.ProgressEvent] = []
    result = generate_document(src, tmp_path / "a.docx", progress=got.append)
    assert result.status == "failed"
    failed = [e for e in got if isinstance(e, ev.ChapterFailed)]
    assert [(e.attempt, e.retry_possible, e.code) for e in failed] == [
        (1, True, "E009"), (2, True, "E009"), (3, False, "E009"),
    ]  # fmt: skip
    assert str(failed[0]).startswith("attempt 1 failed: E009")
    end = got[-1]
    assert isinstance(end, ev.RunCompleted) and end.status == "failed" and end.exit_code == 1


def test_a_model_run_tells_its_tokens(tmp_path: Path) -> None:
    from agentic_docgen import generate_document
    from tests.llm_stub import StubLLM

    got: list[ev.ProgressEvent] = []
    with StubLLM() as stub:
        result = generate_document(
            _folder(tmp_path), tmp_path / "m.docx", on_missing="skip", model="openai/any",
            api_base=stub.api_base, cache=False, progress=got.append,
        )  # fmt: skip
    assert result.status == "complete", result.errors
    usage = [e for e in got if isinstance(e, ev.UsageUpdated)]
    assert usage and usage[-1].calls == result.llm_calls
    assert usage[-1].input_tokens == result.tokens["input"] > 0
    started = next(e for e in got if isinstance(e, ev.RunStarted))
    assert started.model == "openai/any"
    _check_stream([e.to_dict() for e in got], 4)
