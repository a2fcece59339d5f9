"""`docgen batch`: many folders in one process pool, one JSON line each, the worst exit
code, `--resume` finishing only what was left; the manifest; a worker that dies."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from tests.conftest import invoke_cli

FRENCH = "Journal d'exploitation\n\nLe serveur a redémarré à 03:12 ; la file était pleine.\n"


def _lines(stdout: str) -> tuple[dict[str, dict], dict]:
    rows = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    *folders, summary = rows
    return {Path(r["input"]).name: r for r in folders}, summary


@pytest.fixture
def incidents(tmp_path: Path) -> Path:
    """A good folder (a Latin-1 French note and a log), a broken one (binary content named
    .md: exit 2) and one whose markdown names a missing image (a decision: exit 3)."""
    parent = tmp_path / "incidents"
    (parent / "good").mkdir(parents=True)
    (parent / "good" / "notes.txt").write_bytes(FRENCH.encode("latin-1"))
    (parent / "good" / "app.log").write_text(
        "2026-12-04 03:12:01 INFO worker started\n2026-12-04 03:12:09 ERROR queue full\n"
    )
    (parent / "broken").mkdir()
    (parent / "broken" / "report.md").write_bytes(b"\x00\x01PK\x03\x04\x00binary\x00")
    (parent / "paused").mkdir()
    (parent / "paused" / "README.md").write_text(
        "# Outage\n\nThe graph: ![load](graphs/load.png)\n"
    )
    (parent / "notes-at-top.md").write_text("# not a folder: no job\n")
    return parent


def test_broken_paused_good_then_resume(incidents: Path) -> None:
    first = invoke_cli("batch", str(incidents), "--workers", "2")
    rows, summary = _lines(first.stdout)
    assert sorted(rows) == ["broken", "good", "paused"]
    assert rows["good"]["status"] == "complete"
    assert rows["good"]["quality"]["fidelity"]["missing_count"] == 0
    assert rows["broken"]["status"] == "invalid" and rows["broken"]["exit_code"] == 2
    assert "report.md" in rows["broken"]["errors"][0]["message"]
    assert rows["paused"]["status"] == "paused" and rows["paused"]["session_id"]
    assert first.returncode == 3 == summary["exit_code"]
    assert (summary["complete"], summary["invalid"], summary["paused"]) == (1, 1, 1)
    good_docx = incidents / "good.docx"
    assert good_docx.is_file() and not (incidents / "broken.docx").exists()
    made = good_docx.stat().st_mtime_ns

    # the user repairs the broken folder; --resume converts it, skips the good one and
    # reports the paused one again (same session)
    (incidents / "broken" / "report.md").write_text("# Report\n\nAll clear.\n")
    second = invoke_cli("batch", str(incidents), "--resume", "--workers", "2")
    rows2, summary2 = _lines(second.stdout)
    assert rows2["good"]["status"] == "skipped"
    assert rows2["broken"]["status"] == "complete"
    assert rows2["paused"]["status"] == "paused"
    assert rows2["paused"]["session_id"] == rows["paused"]["session_id"]
    assert second.returncode == 3
    assert good_docx.stat().st_mtime_ns == made  # not converted again

    # the decision given: the paused session resumes and finishes; nothing else runs
    third = invoke_cli("batch", str(incidents), "--resume", "--answer", "skip")
    rows3, summary3 = _lines(third.stdout)
    assert [rows3[n]["status"] for n in ("broken", "good", "paused")] == [
        "skipped",
        "skipped",
        "complete",
    ]
    assert rows3["paused"]["session_id"] == rows["paused"]["session_id"]
    assert third.returncode == 0 and summary3["complete"] == 1
    assert (incidents / "paused.docx").is_file()


def test_resume_sees_a_changed_input(incidents: Path, tmp_path: Path) -> None:
    """An output newer than its inputs is up to date; an input edited afterwards is not
    (and one only touched, with the same content, still is: the hash says so)."""
    out = tmp_path / "out"
    out.mkdir()
    for name in ("broken", "paused"):
        for f in (incidents / name).iterdir():
            f.unlink()
        (incidents / name).rmdir()
    assert invoke_cli("batch", str(incidents), "-o", str(out)).returncode == 0
    notes = incidents / "good" / "notes.txt"
    later = (out / "good.docx").stat().st_mtime + 60
    os.utime(notes, (later, later))  # touched, same bytes
    rows, _ = _lines(invoke_cli("batch", str(incidents), "-o", str(out), "--resume").stdout)
    assert rows["good"]["status"] == "skipped"
    notes.write_bytes(FRENCH.encode("latin-1") + b"Ajout : un redemarrage de plus.\n")
    os.utime(notes, (later, later))
    rows, _ = _lines(invoke_cli("batch", str(incidents), "-o", str(out), "--resume").stdout)
    assert rows["good"]["status"] == "complete"
    with zipfile.ZipFile(out / "good.docx") as z:
        assert "Ajout : un redemarrage de plus." in z.read("word/document.xml").decode()


def test_manifest_lines_with_their_options(incidents: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "jobs.jsonl"
    manifest.write_text(
        "# nightly\n"
        + json.dumps({"input": "incidents/good", "output": "g.docx", "title": "Nuit 12"})
        + "\n\n"
        + json.dumps({"input": "incidents/paused", "on_missing": "skip"})
        + "\n"
    )
    run = invoke_cli("batch", "--manifest", str(manifest))
    rows, summary = _lines(run.stdout)
    assert run.returncode == 0, run.stderr
    assert summary["complete"] == 2
    with zipfile.ZipFile(tmp_path / "g.docx") as z:
        assert "<dc:title>Nuit 12</dc:title>" in z.read("docProps/core.xml").decode()
    assert rows["paused"]["output_path"] == str(tmp_path / "paused.docx")


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('{"input": "a", "colour": "red"}', "unknown option(s): colour"),
        ('{"output": "a.docx"}', 'an object with "input"'),
        ("{not json", "not valid JSON"),
        ('{"input": "a", "on_missing": "later"}', "must be ask, skip or fail"),
    ],
)
def test_a_bad_manifest_line_stops_the_batch(tmp_path: Path, line: str, says: str) -> None:
    manifest = tmp_path / "jobs.jsonl"
    manifest.write_text('{"input": "b"}\n' + line + "\n")
    run = invoke_cli("batch", "--manifest", str(manifest))
    assert run.returncode == 2
    assert "jobs.jsonl:2: " in run.stderr and says in run.stderr
    assert run.stdout == ""


def test_an_existing_output_is_that_folders_error(incidents: Path) -> None:
    (incidents / "good.docx").write_bytes(b"older")
    for name in ("broken", "paused"):
        for f in (incidents / name).iterdir():
            f.unlink()
        (incidents / name).rmdir()
    (incidents / "second").mkdir()
    (incidents / "second" / "a.md").write_text("# Second\n\ntext\n")
    rows, summary = _lines(invoke_cli("batch", str(incidents)).stdout)
    assert rows["good"]["status"] == "invalid"
    assert "use --force" in rows["good"]["errors"][0]["message"]
    assert rows["second"]["status"] == "complete" and summary["exit_code"] == 2


def _dies_on_crash(wire: dict) -> dict:
    """A worker function: the folder named `crash` kills its process."""
    if wire["input"].endswith("crash"):
        os._exit(9)
    return {"input": wire["input"], "status": "complete", "exit_code": 0}


def test_a_dead_worker_fails_only_its_folder() -> None:
    from agentic_docgen.entry.batch import run_pool

    wires = [{"input": f"/x/{n}", "output": "", "options": {}} for n in ("a", "crash", "b", "c")]
    lines: list[dict] = []
    run_pool(wires, 2, lines.append, fn=_dies_on_crash)
    by_name = {Path(line["input"]).name: line for line in lines}
    assert sorted(by_name) == ["a", "b", "c", "crash"]
    assert by_name["crash"]["status"] == "failed"
    assert "worker process died" in by_name["crash"]["errors"][0]["message"]
    assert all(by_name[n]["status"] == "complete" for n in "abc")
