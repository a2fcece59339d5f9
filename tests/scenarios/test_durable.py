"""Durable sessions: kill -9 at several points, resume, and get the same document; the
interactive prompt through a real pseudo-terminal; the sessions commands."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import EXAMPLES, ROOT, normalised_body, plain_markdown, run_cli


def _session_ids(home: Path) -> list[str]:
    proc = run_cli("sessions", "list", "--json", env={"DOCGEN_HOME": str(home)})
    return [r["id"] for r in json.loads(proc.stdout)]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict:
    home = tmp_path_factory.mktemp("home")
    out = tmp_path_factory.mktemp("ref") / "ref.docx"
    proc = run_cli(
        "convert",
        str(EXAMPLES),
        "-o",
        str(out),
        "--on-missing",
        "skip",
        "--json",
        env={"DOCGEN_HOME": str(home)},
    )
    assert proc.returncode == 0, proc.stderr
    md = plain_markdown(Path(json.loads(proc.stdout)["session_dir"]))
    return {"body": normalised_body(out), "md": md}


@pytest.mark.parametrize(
    ("hook", "n"),
    [
        # the 3 files are one batch: scan, agent, tools, agent, validate_md, checkpoint, …
        ("DOCGEN_TEST_CRASH_AFTER_STEPS", 3),  # after the batch's tools step
        ("DOCGEN_TEST_CRASH_AFTER_TOOL_CALLS", 4),  # in the middle of a tools step
        ("DOCGEN_TEST_CRASH_AFTER_STEPS", 5),  # after validating the batch
        ("DOCGEN_TEST_CRASH_AFTER_STEPS", 6),  # after its chapters' checkpoints
        ("DOCGEN_TEST_CRASH_AFTER_STEPS", 9),  # around the conversion
    ],
)
def test_kill_9_then_resume_gives_the_same_document(
    tmp_path: Path, reference: dict, hook: str, n: int
) -> None:
    home = tmp_path / "home"
    out = tmp_path / "out.docx"
    env = {"DOCGEN_HOME": str(home)}
    proc = run_cli(
        "convert", str(EXAMPLES), "-o", str(out), "--on-missing", "skip", env={**env, hook: str(n)}
    )
    assert proc.returncode == -9, (proc.returncode, proc.stderr[-500:])
    assert not out.exists()
    [session_id] = _session_ids(home)
    listed = json.loads(run_cli("sessions", "list", "--json", env=env).stdout)[0]
    assert listed["status"] == "interrupted"
    proc = run_cli("resume", session_id, "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["status"] == "complete"
    md = plain_markdown(Path(summary["session_dir"]))
    assert md == reference["md"]  # nothing duplicated, nothing lost
    assert normalised_body(out) == reference["body"]


def test_interactive_prompt_in_a_real_terminal(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n\n![one](img/one.png)\n\n![two](img/two.png)\n")
    png = EXAMPLES / "images" / "architecture.png"
    out = tmp_path / "a.docx"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "agentic_docgen", "convert", str(d), "-o", str(out)],
        cwd=str(ROOT),
        encoding="utf-8",
        timeout=60,
        env={**os.environ, "DOCGEN_HOME": str(tmp_path / "h"), "NO_COLOR": "1"},
    )
    child.expect(r"Missing image.*img/one\.png.*a\.md:3")
    child.expect(r"\(s\)(\x1b\[0m)?: ")
    child.sendline("p")
    child.expect("path to the file")
    child.sendline(str(png))
    child.expect(r"img/two\.png")
    child.expect(r"\(s\)(\x1b\[0m)?: ")
    child.sendline("s")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    from docx import Document

    doc = Document(str(out))
    assert len(doc.inline_shapes) == 1
    assert "[Missing image: img/two.png" in "\n".join(p.text for p in doc.paragraphs)


def test_abort_at_the_prompt_fails_the_run(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n\n![one](img/one.png)\n")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "agentic_docgen", "convert", str(d), "-o", str(tmp_path / "a.docx")],
        cwd=str(ROOT),
        encoding="utf-8",
        timeout=60,
        env={**os.environ, "DOCGEN_HOME": str(tmp_path / "h"), "NO_COLOR": "1"},
    )
    child.expect(r"\(s\)(\x1b\[0m)?: ")
    child.sendline("b")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert not (tmp_path / "a.docx").exists()


def test_sessions_show_and_clean(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"DOCGEN_HOME": str(home)}
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n\n![x](missing.png)\n")
    paused = json.loads(
        run_cli("convert", str(d), "-o", str(tmp_path / "p.docx"), "--json", env=env).stdout
    )
    (d / "b.log").write_text("x\n")
    done = json.loads(
        run_cli(
            "convert",
            str(d),
            "-o",
            str(tmp_path / "c.docx"),
            "--json",
            "--on-missing",
            "skip",
            env=env,
        ).stdout
    )
    proc = run_cli("sessions", "show", paused["session_id"], "--json", env=env)
    info = json.loads(proc.stdout)
    assert info["status"] == "paused" and info["pending"][0]["ref"] == "missing.png"
    assert info["log_tail"]
    proc = run_cli("sessions", "clean", "--days", "0", env=env)
    assert proc.returncode == 0
    ids = _session_ids(home)
    assert paused["session_id"] in ids and done["session_id"] not in ids  # paused kept
    assert re.search(r"1 session\(s\) deleted", proc.stderr)
