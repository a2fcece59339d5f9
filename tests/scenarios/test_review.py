"""`docgen convert --review` (issue 18 item 3): the run stops after planning, inside the
graph. Off a terminal it pauses (exit 3) with the plan in the session; `docgen resume ID
--plan edited.yaml` (or `--answer build` after editing the session's plan) builds exactly
that. In a terminal (a real pseudo-terminal) it shows the outline as a tree and asks build /
edit / abort; edit runs $EDITOR (a stand-in script) and checks the plan again. A review
survives kill -9."""

from __future__ import annotations

import io
import json
import os
import signal
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from docx import Document

from tests.conftest import ROOT, invoke_cli


def _folder(root: Path) -> Path:
    src = root / "incident"
    src.mkdir()
    (src / "guide.md").write_text("# Operator guide\n\nRestart with `svc restart`.\n")
    (src / "install.md").write_text("# Installing\n\nUnpack the archive.\n")
    log = [f"2026-03-01 10:{i:02d}:00 INFO worker {i} ready" for i in range(30)]
    (src / "server.log").write_text("\n".join(log) + "\n")
    (src / "scratch.txt").write_text("DO NOT SHIP this scratch line\n")
    return src


def _h1(docx: Path) -> list[str]:
    return [p.text for p in Document(str(docx)).paragraphs if p.style.name == "Heading 1"]


def _edited(plan_text: str) -> str:
    """The user's edit: the log first and retitled, the scratch file left out."""
    plan = yaml.safe_load(plan_text)
    by = {c["source"]: c for c in plan["chapters"]}
    plan["chapters"] = [
        {"source": "server.log", "title": "What the server said"},
        by["install.md"],
        by["guide.md"],
    ]
    plan["exclude"] = ["scratch.txt"]
    return yaml.safe_dump(plan, sort_keys=False)


EXPECTED = ["What the server said", "Installing", "Operator guide"]


def _env(tmp_path: Path) -> dict[str, str]:
    return {"DOCGEN_HOME": str(tmp_path / "home")}


def _paused(tmp_path: Path, src: Path, out: Path) -> tuple[str, Path]:
    r = invoke_cli("convert", str(src), "-o", str(out), "--review", "--json", env=_env(tmp_path))
    assert r.returncode == 3, r.stderr
    summary = json.loads(r.stdout)
    assert summary["status"] == "paused" and summary["pending"][0]["kind"] == "review"
    plan = Path(summary["pending"][0]["plan"])
    assert plan.is_file() and summary["session_id"] in r.stderr and str(plan) in r.stderr
    assert not out.exists()
    return summary["session_id"], plan


def test_review_off_tty_pauses_then_builds_the_edited_plan(tmp_path: Path) -> None:
    src, out = _folder(tmp_path), tmp_path / "out.docx"
    sid, plan = _paused(tmp_path, src, out)
    proposed = yaml.safe_load(plan.read_text())
    assert [c["source"] for c in proposed["chapters"]] == [
        "guide.md", "install.md", "scratch.txt", "server.log",
    ]  # fmt: skip
    edited = tmp_path / "edited.yaml"
    edited.write_text(_edited(plan.read_text()))
    r = invoke_cli("resume", sid, "--plan", str(edited), "--json", env=_env(tmp_path))
    assert r.returncode == 0, r.stderr
    assert _h1(out) == EXPECTED
    body = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "DO NOT SHIP" not in body
    summary = json.loads(r.stdout)
    assert [i["file"] for i in summary["inputs"]] == ["server.log", "install.md", "guide.md"]
    assert "excluded by the plan: scratch.txt" in summary["warnings"]
    assert summary["quality"]["fidelity"]["score"] == 100
    kept = Path(summary["plan_path"])
    assert yaml.safe_load(kept.read_text())["exclude"] == ["scratch.txt"]


def test_a_bad_plan_at_resume_is_one_line_and_the_review_still_waits(tmp_path: Path) -> None:
    src, out = _folder(tmp_path), tmp_path / "out.docx"
    sid, plan = _paused(tmp_path, src, out)
    bad = tmp_path / "bad.yaml"
    bad.write_text(plan.read_text().replace("  - source: scratch.txt\n", "  - source: gone.txt\n"))
    r = invoke_cli("resume", sid, "--plan", str(bad), env=_env(tmp_path))
    assert r.returncode == 2
    assert f"{bad}:" in r.stderr and "Traceback" not in r.stderr
    # the session's own plan, edited in place, then --answer build
    plan.write_text(_edited(plan.read_text()))
    r = invoke_cli("resume", sid, "--answer", "build", env=_env(tmp_path))
    assert r.returncode == 0, r.stderr
    assert _h1(out) == EXPECTED


def test_review_abort_fails_without_output(tmp_path: Path) -> None:
    src, out = _folder(tmp_path), tmp_path / "out.docx"
    sid, _ = _paused(tmp_path, src, out)
    r = invoke_cli("resume", sid, "--answer", "abort", env=_env(tmp_path))
    assert r.returncode == 1
    assert "aborted by the user at the plan's review" in r.stderr
    assert not out.exists()


EDITOR = """\
import sys, yaml
path = sys.argv[1]
plan = yaml.safe_load(open(path, encoding="utf-8"))
by = {c["source"]: c for c in plan["chapters"]}
if "{mode}" == "broken":
    open(path, "w").write(open(path).read() + "\\nsurprise: 1\\n")
    sys.exit(0)
plan["chapters"] = [{{"source": "server.log", "title": "What the server said"}},
                    by["install.md"], by["guide.md"]]
plan["exclude"] = ["scratch.txt"]
open(path, "w", encoding="utf-8").write(yaml.safe_dump(plan, sort_keys=False))
"""


def _spawn(tmp_path: Path, args: list[str], editor: str | None = None) -> pexpect.spawn:
    env = {**os.environ, **_env(tmp_path), "COLUMNS": "120", "TERM": "xterm"}
    if editor is not None:
        script = tmp_path / f"editor_{editor}.py"
        script.write_text(EDITOR.replace("{mode}", editor).replace("{{", "{").replace("}}", "}"))
        env["EDITOR"] = f"{sys.executable} {script}"
        env.pop("VISUAL", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "agentic_docgen", *args],
        cwd=str(ROOT),
        env=env,
        encoding="utf-8",
        timeout=90,
        dimensions=(40, 120),
    )
    child.logfile_read = io.StringIO()  # everything the terminal showed
    return child


def test_review_in_a_terminal_with_an_editor(tmp_path: Path) -> None:
    src, out = _folder(tmp_path), tmp_path / "out.docx"
    child = _spawn(tmp_path, ["convert", str(src), "-o", str(out), "--review"], editor="broken")
    child.expect("Review the plan")
    child.expect("Operator guide")  # the tree
    child.expect(r"\[b\]uild")
    child.sendline("yes")  # not an answer: asked again
    child.expect("answer build, edit or abort")
    child.expect(r"\[b\]uild")
    child.sendline("e")  # the editor breaks the plan
    child.expect("plan error:")
    child.expect("surprise")
    child.expect(r"\[b\]uild")
    child.sendline("build")  # the last valid plan: the proposed one
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert _h1(out) == ["Operator guide", "Installing", "scratch", "server"]


def test_review_edit_in_a_terminal_builds_the_edit(tmp_path: Path) -> None:
    src, out = _folder(tmp_path), tmp_path / "out.docx"
    child = _spawn(tmp_path, ["convert", str(src), "-o", str(out), "--review"], editor="good")
    child.expect(r"\[b\]uild")
    child.sendline("edit")
    child.expect("What the server said")  # the tree again, edited
    child.expect("excluded")
    child.expect(r"\[b\]uild")
    child.sendline("b")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert _h1(out) == EXPECTED
    screen = child.logfile_read.getvalue()
    assert "excluded" in screen and "scratch.txt" in screen
    assert "[dim]" not in screen and "[/]" not in screen  # the markup drawn, not shown


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_during_review_then_resume(tmp_path: Path) -> None:
    src, out = _folder(tmp_path), tmp_path / "out.docx"
    child = _spawn(tmp_path, ["convert", str(src), "-o", str(out), "--review"])
    child.expect(r"Review the plan\S* of session (\S+) \(")
    sid = child.match.group(1)
    child.expect(r"\[b\]uild")
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    r = invoke_cli("sessions", "list", "--json", env=_env(tmp_path))
    status = {s["id"]: s["status"] for s in json.loads(r.stdout)}
    assert status[sid] == "interrupted"
    plan = Path(tmp_path / "home" / "sessions" / sid / "plan.yaml")
    edited = tmp_path / "edited.yaml"
    edited.write_text(_edited(plan.read_text()))
    r = invoke_cli("resume", sid, "--plan", str(edited), env=_env(tmp_path))
    assert r.returncode == 0, r.stderr
    assert _h1(out) == EXPECTED


def test_review_with_the_api(tmp_path: Path) -> None:
    from agentic_docgen import ConvertOptions, convert

    src, out = _folder(tmp_path), tmp_path / "out.docx"
    asked: list[list[dict[str, object]]] = []

    def ask(pending: list[dict[str, object]]) -> dict[str, str]:
        asked.append(pending)
        plan = Path(str(pending[0]["plan"]))
        return {"review": "build", "plan": _edited(plan.read_text())}

    result = convert(ConvertOptions(src, out, review=True), ask=ask)
    assert result.status == "complete", result.errors
    assert len(asked) == 1 and asked[0][0]["kind"] == "review"
    assert _h1(out) == EXPECTED
