"""Coloured logs from real tools, and hostile escape sequences, through the whole tool: the
text of every line arrives exactly, without a single escape character; SGR colours become
run colours; the work and the output stay proportional to the input (jgm/pandoc#9189)."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import docx

from agentic_docgen.blocks.highlight import MAX_ANSI_RUNS
from agentic_docgen.markdown import ansi
from tests.ansi_samples import SAMPLES, write_samples
from tests.conftest import invoke_cli

E = ansi.ESC


def _convert(folder: Path, out: Path) -> dict:
    r = invoke_cli("convert", str(folder), "-o", str(out), "--json", timeout=300)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _code_paragraphs(path: Path) -> list[docx.text.paragraph.Paragraph]:
    doc = docx.Document(str(path))
    return [
        p
        for p in doc.paragraphs
        if p.style is not None and p.style.style_id in ("SourceCode", "LogOutput")
    ]


def test_coloured_logs_of_real_tools_arrive_as_text_with_colours(tmp_path: Path) -> None:
    folder = write_samples(tmp_path / "logs")
    out = tmp_path / "logs.docx"
    result = _convert(folder, out)
    assert result["quality"]["fidelity"]["missing_count"] == 0
    assert result["quality"]["fidelity"]["checked_lines"] == sum(
        len("\n".join(v).split("\n")) for v in SAMPLES.values()
    ) + SAMPLES["truecolor.log"][2].count("\r")  # the redrawn progress line: two lines
    with zipfile.ZipFile(out) as zf:
        xml = zf.read("word/document.xml").decode()
    assert "\u241b" not in xml and E not in xml  # no ␛ picture, no ESC
    paragraphs = [p.text for p in _code_paragraphs(out)]
    for lines in SAMPLES.values():
        for line in ansi.plain_lines("\n".join(lines).replace("\r", "\n").split("\n")):
            assert line in paragraphs
    runs = [r for p in _code_paragraphs(out) for r in p.runs]

    def run(prefix: str) -> docx.text.run.Run:  # (runs of the same format are merged)
        return next(r for r in runs if r.text.startswith(prefix))

    assert str(run("PASSED").font.color.rgb) == "15803D"  # pytest's green, readable
    assert str(run("FAILED").font.color.rgb) == "B91C1C"
    assert run("   Compiling").bold  # cargo's bold green verb
    assert run("underlined").underline and run("italic").italic
    for name in ("caution", "white"):  # 24-bit yellow and white: darkened to be read
        rgb = str(run(name).font.color.rgb)
        assert 1.05 / (ansi.luminance(rgb) + 0.05) >= 4.5


def test_log_digest_reads_levels_under_colours(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "app.log").write_text("\n".join(SAMPLES["colorlog.log"]) + "\n", "utf-8")
    out = tmp_path / "app.docx"
    _convert(folder, out)
    doc = docx.Document(str(out))
    cells = {
        t.rows[i].cells[0].text: t.rows[i].cells[1].text
        for t in doc.tables
        for i in range(len(t.rows))
    }
    assert cells["FATAL"].startswith("1") and cells["WARN"] == "1" and cells["INFO"] == "1"


def test_hostile_escapes_stay_linear_in_size(tmp_path: Path) -> None:
    """One 5 MB line of escapes changing colour at every character, a 5 MB line of
    unterminated sequences, huge parameters, ESC at the end of the file: the run completes,
    every line arrives, and what is produced is bounded by the input (runs per line capped,
    JSON proportional to the text)."""
    folder = tmp_path / "in"
    folder.mkdir()
    storm = "".join(f"{E}[3{i % 8}m{chr(97 + i % 26)}" for i in range(1_000_000))  # 5 MB
    unterminated = (f"{E}]0;x{E}[12{E}P" * 300_000) + "tail"  # 5.1 MB, nothing terminated
    (folder / "storm.log").write_text(storm + "\n" + unterminated + "\n", "utf-8")
    (folder / "end.log").write_text(f"ok {E}[{'9' * 100_000}m big\nlast{E}", "utf-8")
    out = tmp_path / "h.docx"
    result = _convert(folder, out)
    fidelity = result["quality"]["fidelity"]
    assert fidelity["missing_count"] == 0 and fidelity["checked_lines"] == 4
    session = Path(result["session_dir"])
    kept = session / "structure.json"  # a complete run keeps a large one gzipped
    raw = (
        kept.read_bytes()
        if kept.exists()
        else gzip.decompress(kept.with_suffix(".json.gz").read_bytes())
    )
    structure = json.loads(raw)
    code = [b for b in structure["blocks"] if b["type"] == "code"]
    texts = [line for b in code for line in b["text"].split("\n")]
    assert texts == ["ok  big", "last", ansi.strip(storm), ansi.strip(unterminated)]
    assert all(len(runs) <= MAX_ANSI_RUNS for b in code for runs in b["lines"])
    plain_chars = sum(map(len, texts))
    assert len(raw) < 2 * plain_chars + 200_000
    with zipfile.ZipFile(out) as zf:
        assert zf.getinfo("word/document.xml").file_size < 3 * plain_chars + 500_000


def test_text_file_prose_shows_the_text_without_the_sequences(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "session.txt").write_text(
        f"DEPLOY NOTES\n\nThe build finished {E}[1;32mOK{E}[0m on the second try.\n"
        f"Then {E}[31mtwo tests failed{E}[0m and were retried.\n",
        "utf-8",
    )
    out = tmp_path / "t.docx"
    result = _convert(folder, out)
    assert result["quality"]["fidelity"]["missing_count"] == 0
    assert result["quality"]["fidelity"]["checked_lines"] >= 2
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "The build finished OK on the second try." in text
    assert "two tests failed" in text and "\u241b" not in text and E not in text
