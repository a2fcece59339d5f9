"""`docgen convert a.md b.log notes/`: files and folders in the order given, one file alone,
names that do not collide, the session coherent (issue 16, item 8); every file that is no
chapter named once, with why (item 2)."""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document
from PIL import Image

from agentic_docgen.entry.api import generate_document
from tests.conftest import invoke_cli


def _h1(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.style.name == "Heading 1"]


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "notes").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "a.md").write_text("# Alpha\n\nalpha text\n")
    (tmp_path / "b.log").write_text("2024-01-01 10:00:00 INFO started\n")
    (tmp_path / "notes" / "README.md").write_text("# Notes readme\n\nnotes text\n")
    (tmp_path / "notes" / "z.txt").write_text("zed\n")
    (tmp_path / "other" / "README.md").write_text("# Other readme\n\nother text\n")
    return tmp_path


def test_files_and_folders_in_the_order_given(tmp_path: Path) -> None:
    _tree(tmp_path)
    out = tmp_path / "o.docx"
    proc = invoke_cli(
        "convert", "notes", "b.log", "a.md", "other", "-o", str(out), "--json", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    names = [i["file"] for i in summary["inputs"]]
    assert names == ["notes/README.md", "notes/z.txt", "b.log", "a.md", "other/README.md"]
    assert _h1(out) == ["Notes readme", "z", "b", "Alpha", "Other readme"]
    session = Path(summary["session_dir"])
    assert (session / "inputs" / "notes" / "README.md").read_text() != (
        session / "inputs" / "other" / "README.md"
    ).read_text()  # two README.md from two folders: both kept
    meta = json.loads((session / "session.json").read_text())
    assert meta["paths"][0].endswith("notes") and meta["input_dir"] == str(tmp_path.resolve())


def test_a_single_file(tmp_path: Path) -> None:
    _tree(tmp_path)
    proc = invoke_cli("convert", "a.md", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "a.docx").exists()  # named after the file, not "a.md.docx"
    assert _h1(tmp_path / "a.docx") == ["Alpha"]


def test_the_library_takes_a_list(tmp_path: Path) -> None:
    _tree(tmp_path)
    out = tmp_path / "lib.docx"
    result = generate_document([tmp_path / "b.log", str(tmp_path / "a.md")], out)
    assert result.status == "complete"
    assert [i["file"] for i in result.inputs] == ["b.log", "a.md"]


def test_a_path_that_does_not_exist_is_named(tmp_path: Path) -> None:
    _tree(tmp_path)
    proc = invoke_cli("convert", "a.md", "nope.md", cwd=tmp_path)
    assert proc.returncode == 2 and "nope.md" in proc.stderr and "does not exist" in proc.stderr


def test_a_paused_run_resumes_with_its_paths(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "a.md").write_text("# Alpha\n\nsee [gone](gone.md)\n")
    out = tmp_path / "p.docx"
    proc = invoke_cli(
        "convert", "b.log", "a.md", "-o", str(out), "--on-missing", "ask", "--json", cwd=tmp_path
    )
    assert proc.returncode == 3, proc.stderr
    sid = json.loads(proc.stdout)["session_id"]
    done = invoke_cli("resume", sid, "--answer", "skip", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [i["file"] for i in json.loads(done.stdout)["inputs"]] == ["b.log", "a.md"]
    assert _h1(out) == ["b", "Alpha"]


def test_every_file_that_is_no_chapter_is_named_once(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "img").mkdir(parents=True)
    (d / ".git").mkdir()
    (d / ".git" / "config").write_text("[core]\n")
    Image.new("RGB", (8, 8), "red").save(d / "img" / "shown.png")
    Image.new("RGB", (8, 8), "blue").save(d / "img" / "unused.png")
    (d / "guide.md").write_text("# Guide\n\n![pic](img/shown.png)\n")
    (d / "spec.pdf").write_bytes(b"%PDF-1.4\n\x00\x01")
    (d / "notes.docx").write_bytes(b"PK\x03\x04\x00\x00")
    (d / "config.json").write_text('{"a": 1}\n')
    (d / "tool.exe").write_bytes(b"MZ\x90\x00")
    out = tmp_path / "o.docx"
    proc = invoke_cli("convert", str(d), "-o", str(out), "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    reasons = {s["file"]: s["reason"] for s in summary["skipped"]}
    assert set(reasons) == {
        ".git/",
        "img/shown.png",
        "img/unused.png",
        "spec.pdf",
        "notes.docx",
        "config.json",
        "tool.exe",
    }
    assert reasons["img/shown.png"].startswith("referenced as an image")
    assert reasons["img/unused.png"].startswith("not an input type")
    assert reasons["spec.pdf"] == "not an input type"
    assert "--include" in reasons["config.json"]
    assert "excluded" in reasons[".git/"] and "executable" in reasons["tool.exe"]
    for name in reasons:
        assert sum(w.startswith(f"skipped {name}:") for w in summary["warnings"]) == 1
    assert "spec.pdf" in proc.stderr


def test_many_alike_skipped_files_are_one_terminal_line(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n")
    for i in range(40):
        (d / f"scan{i}.pdf").write_bytes(b"%PDF")
    proc = invoke_cli("convert", str(d), "-o", str(tmp_path / "o.docx"), "--json", cwd=tmp_path)
    assert proc.returncode == 0
    assert len(json.loads(proc.stdout)["skipped"]) == 40
    lines = [line for line in proc.stderr.splitlines() if "pdf" in line]
    assert len(lines) == 1 and "40 warnings like this one" in lines[0]


def test_include_makes_code_chapters(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "conf").mkdir(parents=True)
    (d / "README.md").write_text("# Project\n\nintro\n")
    (d / "conf" / "app.yaml").write_text("name: demo\nport: 8080 # comment\n")
    (d / "run.sh").write_text("#!/bin/sh\necho 'hello'  # greet\n")
    (d / "main.py").write_text("def main():\n    return 42\n")
    out = tmp_path / "o.docx"
    proc = invoke_cli(
        "convert",
        str(d),
        "-o",
        str(out),
        "--include",
        "*.yaml",
        "--include",
        "*.sh",
        "--json",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert [i["file"] for i in summary["inputs"]] == ["conf/app.yaml", "README.md", "run.sh"]
    assert [s["file"] for s in summary["skipped"]] == ["main.py"]
    doc = Document(str(out))
    code = [p.text for p in doc.paragraphs if p.style.name == "Source Code"]
    assert "port: 8080 # comment" in code and "echo 'hello'  # greet" in code
    assert summary["quality"]["fidelity"]["missing_count"] == 0
    # highlighted: the YAML key and the shell string have colours of their own
    colours = {
        r.font.color.rgb
        for p in doc.paragraphs
        if p.style.name == "Source Code"
        for r in p.runs
        if r.font.color is not None and r.font.color.type is not None
    }
    assert len(colours) >= 2
