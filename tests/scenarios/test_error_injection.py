"""Error injection (seed §9.3): real-world malformed input converts with the fixes reported;
a converter that crashes, hangs or runs out of memory ends in exit 1 after exactly 3 attempts
with FAILED_conversion.md, ERROR_REPORT.md and classified errors."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from docx import Document
from PIL import Image

from agentic_docgen.entry.api import generate_document
from tests.conftest import run_cli


def _heads(path: Path) -> list[tuple[int, str]]:
    return [
        (int(p.style.name.split()[-1]), p.text)
        for p in Document(str(path)).paragraphs
        if p.style.name.startswith("Heading ")
    ]


def _texts(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def test_unclosed_fence_is_closed_before_the_heading_it_would_swallow(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text(
        "# Guide\n\n## Setup\n\n```bash\nmake install\n\n"
        "## Usage\n\nRun it.\n\n### Options\n\n-v verbose\n"
    )
    (d / "b.md").write_text("# Next file\n\ntext\n")
    out = tmp_path / "o.docx"
    result = generate_document(d, out)
    assert result.status == "complete"
    assert ("Usage" in [t for _, t in _heads(out)]) and (3, "Options") in _heads(out)
    assert "make install" in _texts(out)
    md = (Path(result.session_dir) / "temp_output.md").read_text()
    assert "make install\n```\n\n## Usage" in md


def test_skipped_levels_ragged_table_bad_utf8_missing_and_broken_images(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "Images").mkdir(parents=True)
    Image.new("RGB", (30, 20), "green").save(d / "Images" / "Chart.PNG")
    (d / "a.md").write_text(
        "# Title\n\n#### Too deep\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n\n"
        "![chart](images\\\\chart.png)\n\n![gone](nowhere.png)\n"
    )
    (d / "b.txt").write_bytes(
        "caf\u00e9 ok\nbroken \xff\xfe byte\nna\u00efve\n".encode("utf-8").replace(
            b"\xc3\xbf\xc3\xbe", b"\xff\xfe"
        )
    )
    out = tmp_path / "o.docx"
    result = generate_document(d, out, on_missing="skip")
    assert result.status == "complete", result.errors
    warnings = "\n".join(result.warnings)
    assert "E002 fixed" in warnings
    assert "E003 b.txt" in warnings and "line 2" in warnings
    assert "E005 fixed" in warnings and "Images/Chart.PNG" in warnings
    assert "nowhere.png missing" in warnings
    heads = _heads(out)
    assert (2, "Too deep") in heads  # H1 → H4 in the source: no skipped level in the output
    assert len(Document(str(out)).inline_shapes) == 1
    assert any("broken \ufffd\ufffd byte" in t for t in _texts(out))
    table = Document(str(out)).tables[0]
    assert [c.text for c in table.rows[1].cells] == ["1", "2", "3"]


def _node_script(tmp_path: Path, body: str) -> str:
    script = tmp_path / "node"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


@pytest.mark.parametrize(
    ("body", "code", "needle"),
    [
        ('echo "TypeError: cannot read properties of undefined" >&2; exit 1', "E009", "TypeError"),
        ("sleep 30", "E008", "timed out"),
        (
            'echo "FATAL ERROR: Reached heap limit Allocation failed -'
            ' JavaScript heap out of memory" >&2; exit 134',
            "E009",
            "out of memory",
        ),
    ],
)
def test_failing_converter_three_attempts_then_artefacts(
    tmp_path: Path, body: str, code: str, needle: str
) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n\nkeep this text\n")
    out = tmp_path / "a.docx"
    proc = run_cli(
        "convert",
        str(d),
        "-o",
        str(out),
        "--json",
        env={"DOCGEN_NODE": _node_script(tmp_path, body), "DOCGEN_CONVERTER_TIMEOUT": "1"},
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    summary = json.loads(proc.stdout)
    assert [e["code"] for e in summary["errors"]] == [code] * 3
    assert needle in summary["errors"][0]["message"]
    session = Path(summary["session_dir"])
    assert "keep this text" in (session / "FAILED_conversion.md").read_text()
    report = (session / "ERROR_REPORT.md").read_text()
    assert code in report and "What you can do" in report
    assert not out.exists()


def test_fidelity_receipt_catches_an_altered_line(tmp_path: Path) -> None:
    import zipfile

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.log").write_text("".join(f"2026-01-01 00:00:0{i} INFO line {i}\n" for i in range(8)))
    (d / "b.txt").write_text("A plain paragraph\nwrapped on two lines.\n")
    out = tmp_path / "o.docx"
    result = generate_document(d, out)
    receipt = result.quality["fidelity"]
    assert receipt["checked_lines"] == 10 and receipt["score"] == 100.0
    tampered = tmp_path / "t.docx"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"INFO line 5", b"INFO line five")
            dst.writestr(item, data)
    proc = run_cli("validate", str(tampered), "--session", result.session_id, "--json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["fidelity"]["missing"][0]["line"] == 6
    assert report["fidelity"]["score"] == 90.0
    proc = run_cli("validate", str(out), "--session", result.session_id, "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["fidelity"]["score"] == 100.0


def test_markdownlint_fixes_structure_but_never_verbatim_content(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text(
        "# Title\ntext right under\n```sh\nls  -la   \n```\nafter\n"
        "| a | b |\n|---|---|\n| 1 | 2 | 3 |\n"
    )
    (d / "b.log").write_text("## not a heading  \n```\n")
    out = tmp_path / "o.docx"
    result = generate_document(d, out)
    assert result.status == "complete", result.errors
    assert any("MD031" in f for f in result.fixes)  # blank lines added around the fence
    assert any("MD056" in w and "E002" in w for w in result.warnings)  # reported, left
    md = (Path(result.session_dir) / "temp_output.md").read_text()
    assert "\n\n```sh\nls  -la   \n```\n\n" in md  # the code itself is untouched
    texts = _texts(out)
    assert "ls  -la   " in texts and "## not a heading  " in texts and "```" in texts
    assert result.quality["fidelity"]["score"] == 100.0


def test_the_converter_gets_a_heap_limit_from_the_machine(tmp_path: Path) -> None:
    """Node's default heap (about 4 GB) would stop a 20 MB markdown folder: the converter is
    started with a limit from the machine's memory, never below Node's default."""
    from agentic_docgen.blocks.bridge import heap_limit_mb

    args = tmp_path / "args.txt"
    node = _node_script(tmp_path, f'echo "$@" > {args}; exit 1')
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n\ntext\n")
    proc = run_cli("convert", str(d), "-o", str(tmp_path / "a.docx"), env={"DOCGEN_NODE": node})
    assert proc.returncode == 1
    first = args.read_text().split()
    assert first[0] == f"--max-old-space-size={heap_limit_mb()}"
    assert heap_limit_mb() >= 4096
    assert first[1] == "--heap-growing-percent=100"  # (issue 24: blocks/bridge.py)
    assert first[2].endswith("index.js")


@pytest.mark.parametrize(("mb", "flag"), [(1, None), (20, "64"), (70, "128")])
def test_a_big_hand_over_gets_a_bigger_young_generation(
    tmp_path: Path, mb: int, flag: str | None
) -> None:
    """A big document's converter spent 40% of its time collecting garbage with Node's
    default young generation: from 16 MB of JSON it gets a bigger one."""
    from agentic_docgen.blocks.bridge import run_converter
    from agentic_docgen.core.settings import Settings

    args = tmp_path / "args.txt"
    node = _node_script(tmp_path, f'echo "$@" > {args}; exit 1')
    structure = tmp_path / "structure.json"
    with structure.open("wb") as fh:
        fh.truncate(mb << 20)  # sparse: only its size is looked at
    result = run_converter(Settings(home=tmp_path / "home", node=node), structure, tmp_path / "o")
    assert not result.ok
    semi = [a for a in args.read_text().split() if a.startswith("--max-semi-space-size=")]
    assert semi == ([f"--max-semi-space-size={flag}"] if flag else [])
