"""A failing converter ends in exit 1 with the artefacts kept; a missing image pauses (exit 3)
when nobody can be asked, and `docgen resume` finishes the same session."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from docx import Document

from tests.conftest import run_cli


def _fake_node(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "fake-node"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_crashing_converter_fails_after_three_attempts(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n\nbody text\n")
    node = _fake_node(tmp_path, 'echo "converter: boom" >&2; exit 1')
    out = tmp_path / "a.docx"
    proc = run_cli("convert", str(d), "-o", str(out), "--json", env={"DOCGEN_NODE": str(node)})
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["status"] == "failed"
    assert [e["code"] for e in summary["errors"]] == ["E009"] * 3
    assert "boom" in summary["errors"][0]["message"]
    session = Path(summary["session_dir"])
    assert session.parent.name == "sessions"  # kept, not archived
    assert "body text" in (session / "FAILED_conversion.md").read_text()
    report = (session / "ERROR_REPORT.md").read_text()
    assert "E009" in report and "attempt 3" in report
    assert not out.exists()


def test_missing_node_executable_is_classified(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.log").write_text("line\n")
    proc = run_cli(
        "convert",
        str(d),
        "-o",
        str(tmp_path / "x.docx"),
        "--json",
        env={"DOCGEN_NODE": str(tmp_path / "no-such-node")},
    )
    assert proc.returncode == 1
    errors = json.loads(proc.stdout)["errors"]
    assert errors[0]["code"] == "E009" and "not found" in errors[0]["message"]


def _folder_with_missing_image(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "doc.md").write_text("# Doc\n\nSee ![diagram](img/diagram.png) here.\n")
    return d


def test_missing_image_pauses_without_a_terminal_then_resumes(tmp_path: Path) -> None:
    d = _folder_with_missing_image(tmp_path)
    out = tmp_path / "doc.docx"
    proc = run_cli("convert", str(d), "-o", str(out), "--json")
    assert proc.returncode == 3, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["status"] == "paused"
    assert summary["pending"][0]["ref"] == "img/diagram.png"
    assert summary["pending"][0]["file"] == "doc.md" and summary["pending"][0]["line"] == 3
    assert summary["session_id"] in proc.stderr
    assert not out.exists()

    proc = run_cli("resume", summary["session_id"], "--answer", "skip", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["output_path"] == str(out)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "[Missing image: img/diagram.png" in text


def test_resume_with_a_provided_file_embeds_it(tmp_path: Path) -> None:
    d = _folder_with_missing_image(tmp_path)
    png = Path(__file__).parents[2] / "examples" / "images" / "architecture.png"
    proc = run_cli("convert", str(d), "-o", str(tmp_path / "doc.docx"), "--json")
    session_id = json.loads(proc.stdout)["session_id"]
    proc = run_cli("resume", session_id, "--provide", f"img/diagram.png={png}", "--json")
    assert proc.returncode == 0, proc.stderr
    doc = Document(str(tmp_path / "doc.docx"))
    assert len(doc.inline_shapes) == 1


def test_on_missing_fail_exits_1(tmp_path: Path) -> None:
    d = _folder_with_missing_image(tmp_path)
    proc = run_cli(
        "convert", str(d), "-o", str(tmp_path / "doc.docx"), "--on-missing", "fail", "--json"
    )
    assert proc.returncode == 1
    err = json.loads(proc.stdout)["errors"][0]
    assert err["code"] == "E004" and err["file"] == "doc.md" and err["line"] == 3


def test_interactive_answers_continue_the_same_run(tmp_path: Path) -> None:
    from agentic_docgen.entry.api import generate_document

    d = _folder_with_missing_image(tmp_path)
    asked: list[list[dict]] = []

    def ask(pending: list[dict]) -> dict[str, str]:
        asked.append(pending)
        return {pending[0]["key"]: "skip"}

    result = generate_document(d, tmp_path / "doc.docx", on_missing="ask", ask=ask)
    assert result.status == "complete"
    assert len(asked) == 1 and asked[0][0]["ref"] == "img/diagram.png"
    assert any("skipped" in w for w in result.warnings)


def _folder_with_missing_links(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "guide.md").write_text(
        "# Guide\n\nFirst read [the setup](setup.md#install), never [that](../outside.md).\n"
    )
    (tmp_path / "outside.md").write_text("# Outside\n\nOUTSIDE-CONTENT\n")
    return d


def test_missing_linked_files_are_asked_about_and_skipped_visibly(tmp_path: Path) -> None:
    d = _folder_with_missing_links(tmp_path)
    proc = run_cli("convert", str(d), "-o", str(tmp_path / "g.docx"), "--json")
    assert proc.returncode == 3, proc.stderr
    pending = json.loads(proc.stdout)["pending"]
    assert [(p["kind"], p["ref"], p["line"]) for p in pending] == [
        ("link", "setup.md#install", 3),
        ("link", "../outside.md", 3),
    ]
    assert "outside the input folder" in pending[1]["reason"]
    session_id = json.loads(proc.stdout)["session_id"]
    proc = run_cli("resume", session_id, "--answer", "skip", "--json")
    assert proc.returncode == 0, proc.stderr
    text = "\n".join(p.text for p in Document(str(tmp_path / "g.docx")).paragraphs)
    assert "the setup [missing file: setup.md#install]" in text
    assert "that [missing file: ../outside.md]" in text
    assert "OUTSIDE-CONTENT" not in text


def test_a_provided_linked_file_becomes_a_chapter_and_the_link_internal(tmp_path: Path) -> None:
    d = _folder_with_missing_links(tmp_path)
    setup = tmp_path / "elsewhere" / "setup.md"
    setup.parent.mkdir()
    setup.write_text("# Setup\n\n## Install\n\nrun the installer\n")
    proc = run_cli("convert", str(d), "-o", str(tmp_path / "g.docx"), "--json")
    session_id = json.loads(proc.stdout)["session_id"]
    proc = run_cli(
        "resume", session_id, "--provide", f"setup.md#install={setup}", "--answer", "skip", "--json"
    )
    assert proc.returncode == 0, proc.stderr
    doc = Document(str(tmp_path / "g.docx"))
    heads = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert heads == ["Guide", "Setup"]
    assert "run the installer" in [p.text for p in doc.paragraphs]
    import zipfile

    with zipfile.ZipFile(tmp_path / "g.docx") as zf:
        xml = zf.read("word/document.xml").decode()
    assert 'w:anchor="h_install"' in xml
