"""A log too big to carry in the JSON: its lines go to the converter as a file and are
streamed into the document. Every line must still be there, verbatim, coloured by level."""

from __future__ import annotations

import json
import random
from pathlib import Path

from docx import Document

from agentic_docgen.blocks.bodies import BODY_MIN_LINES
from agentic_docgen.blocks.contract import visible
from tests.conftest import invoke_cli


def test_a_big_log_converts_with_every_line_verbatim_and_coloured(tmp_path: Path) -> None:
    rng = random.Random(7)
    levels = ["INFO"] * 6 + ["DEBUG", "WARN", "ERROR"]
    lines = []
    for i in range(BODY_MIN_LINES * 3):
        level = rng.choice(levels)
        lines.append(f"2026-11-02 10:{i // 60 % 60:02d}:{i % 60:02d} {level:<5} [w{i % 7}] job {i}")
    lines[100] = "2026-11-02 10:01:40 ERROR job failed: <Timeout> & retry"
    lines[101] = "Traceback (most recent call last):"  # continues the ERROR line
    lines[102] = '\tFile "worker.py", line 12, in run'
    lines[103] = "\x0c form feed, bell \x07, ümlaut, 漢字"
    lines[104] = ""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "server.log").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "server.docx"
    proc = invoke_cli(
        "convert",
        str(folder),
        "-o",
        str(out),
        "--json",
        env={"DOCGEN_HOME": str(tmp_path / "home")},
    )
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["quality"]["fidelity"]["score"] == 100.0
    assert summary["quality"]["fidelity"]["checked_lines"] == len(lines)
    structure = json.loads(Path(summary["session_dir"], "structure.json").read_text("utf-8"))
    bodies = [b for b in structure["blocks"] if b["type"] == "code" and "body" in b]
    assert len(bodies) == 1 and bodies[0]["body"]["lines"] == len(lines)

    doc = Document(str(out))
    code = [p for p in doc.paragraphs if p.style.style_id == "LogOutput"]
    assert [p.text for p in code] == [visible(line) for line in lines]
    colour = {p.text: {str(r.font.color.rgb) for r in p.runs if r.font.color.rgb} for p in code}
    assert colour[lines[100]] == {"C00000"}
    assert colour[lines[101]] == {"C00000"}  # a stack trace takes its line's level
    assert colour[next(x for x in lines if " INFO " in x)] == set()
    assert colour[next(x for x in lines if " DEBUG " in x)] == {"6B7280"}
