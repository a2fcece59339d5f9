"""Bad input: one clear line on stderr naming the file and the reason, exit 2, no traceback.

The CLI runs in this process (`invoke_cli`); the usage errors run in a real process
(`run_cli`): their exit code is the process's."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import invoke_cli, run_cli


def _one_line_error(proc, *needles: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def test_missing_folder(tmp_path: Path) -> None:
    proc = invoke_cli("convert", str(tmp_path / "nope"), cwd=tmp_path)
    _one_line_error(proc, "nope", "does not exist")


def test_a_single_file_that_is_not_text(tmp_path: Path) -> None:
    f = tmp_path / "spec.pdf"
    f.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    _one_line_error(invoke_cli("convert", str(f), cwd=tmp_path), "spec.pdf", "no .md")


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    _one_line_error(
        invoke_cli("convert", str(tmp_path / "empty"), cwd=tmp_path),
        "empty",
        "no .md, .txt, .log files",
    )


def test_binary_file_named_txt(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "data.txt").write_bytes(bytes(range(256)) * 10)
    _one_line_error(invoke_cli("convert", str(d), cwd=tmp_path), "data.txt", "binary")


def test_executable_content_named_log(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "run.log").write_bytes(b"\x7fELF\x02\x01\x01" + b"\x00" * 100)
    _one_line_error(invoke_cli("convert", str(d), cwd=tmp_path), "run.log", "executable")


def test_symlink_pointing_outside_the_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret\n")
    d = tmp_path / "in"
    d.mkdir()
    os.symlink(secret, d / "link.txt")
    _one_line_error(invoke_cli("convert", str(d), cwd=tmp_path), "link.txt", "outside")


def test_invalid_files_are_skipped_and_named_when_others_are_valid(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret\n")
    d = tmp_path / "in"
    d.mkdir()
    os.symlink(secret, d / "link.txt")
    (d / "ok.md").write_text("# Fine\n\ntext\n")
    (d / "tool.exe").write_bytes(b"MZ\x90\x00")
    out = tmp_path / "o.docx"
    proc = invoke_cli("convert", str(d), "-o", str(out), "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert any("link.txt" in w and "outside" in w for w in summary["warnings"])
    assert any("tool.exe" in w for w in summary["warnings"])
    assert "link.txt" in proc.stderr
    assert [i["file"] for i in summary["inputs"]] == ["ok.md"]
    from docx import Document

    assert "top secret" not in "\n".join(p.text for p in Document(str(out)).paragraphs)


def test_existing_output_needs_force(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n")
    out = tmp_path / "a.docx"
    out.write_bytes(b"keep me")
    _one_line_error(
        invoke_cli("convert", str(d), "-o", str(out), cwd=tmp_path), "a.docx", "--force"
    )
    assert out.read_bytes() == b"keep me"
    proc = invoke_cli("convert", str(d), "-o", str(out), "--force", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:2] == b"PK"


def test_default_output_is_folder_name_in_cwd(tmp_path: Path) -> None:
    d = tmp_path / "my-notes"
    d.mkdir()
    (d / "a.txt").write_text("hello\n")
    work = tmp_path / "work"
    work.mkdir()
    proc = invoke_cli("convert", str(d), cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert (work / "my-notes.docx").is_file()


@pytest.mark.parametrize(
    "args", [["convert"], ["convert", ".", "--on-missing", "maybe"], ["nosuchcommand"]]
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    proc = run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_json_mode_reports_invalid(tmp_path: Path) -> None:
    proc = invoke_cli("convert", str(tmp_path / "nope"), "--json", cwd=tmp_path)
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["status"] == "invalid"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["resume", "no-such-id"], "no such session"),
        (["resume", "x", "--answer", "maybe"], "--answer"),
        (["resume", "x", "--provide", "bad"], "--provide"),
        (["sessions", "show", "no-such-id"], "no such session"),
        (["validate", "/nonexistent.docx"], "no such file"),
        (["convert", "IN", "--max-file-mb", "-1"], "--max-file-mb"),
        (["convert", "IN", "--style", "/nonexistent.json"], "style file"),
        (["convert", "IN", "--model", "not a model!"], "--model"),
    ],
)
def test_other_invalid_options_exit_2_with_one_line(
    tmp_path: Path, args: list[str], needle: str
) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n")
    args = [str(d) if a == "IN" else a for a in args]
    _one_line_error(invoke_cli(*args, cwd=tmp_path), needle)
