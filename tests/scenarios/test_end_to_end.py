"""Convert examples/ through the CLI (in this process) and read the result back with python-docx."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document

from agentic_docgen.session.checkpoints import checkpoint_ids
from tests.conftest import EXAMPLES, invoke_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out_dir = tmp_path_factory.mktemp("out")
    home = tmp_path_factory.mktemp("home")
    out = out_dir / "examples.docx"
    proc = invoke_cli(
        "convert",
        str(EXAMPLES),
        "-o",
        str(out),
        "--on-missing",
        "skip",
        "--json",
        "--author",
        "Test Author",
        env={"DOCGEN_HOME": str(home)},
    )
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    return {"out": out, "summary": summary, "doc": Document(str(out)), "stderr": proc.stderr}


def body_paragraphs(doc) -> list:
    return list(doc.paragraphs)


def code_lines(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.style_id in ("SourceCode", "LogOutput")]


def test_summary_is_one_json_object(converted: dict) -> None:
    s = converted["summary"]
    assert s["status"] == "complete"
    assert Path(s["output_path"]) == converted["out"]
    assert [i["file"] for i in s["inputs"]] == ["guide.md", "notes.txt", "server.log"]
    assert s["tokens"] == {"input": 0, "output": 0}
    assert s["quality"]["pass"] is True
    assert any("sequence-diagram.png" in w for w in s["warnings"])
    for key in ("session_id", "session_dir", "errors", "pending", "cost_usd", "timings_s"):
        assert key in s


def test_every_log_line_present_in_order(converted: dict) -> None:
    source = (EXAMPLES / "server.log").read_text(encoding="utf-8").split("\n")[:-1]
    lines = code_lines(converted["doc"])
    start = lines.index(source[0])
    assert lines[start : start + len(source)] == source  # repeated and long lines included
    assert len(set(source)) < len(source)  # the example really has a repeated line
    assert max(map(len, source)) > 500


def test_code_blocks_verbatim(converted: dict) -> None:
    text = (EXAMPLES / "guide.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```\w*\n(.*?)\n```", text, flags=re.S)
    lines = code_lines(converted["doc"])
    joined = "\n".join(lines)
    for block in blocks:
        assert block in joined, block[:60]
    assert '\tqueue = "jobs"        # a tab starts this line' in lines
    assert '    retry_delay = "30s"   # four spaces start this one' in lines


def test_headings_by_level_without_skip(converted: dict) -> None:
    heads = [
        (int(p.style.name.split()[-1]), p.text)
        for p in converted["doc"].paragraphs
        if p.style.name.startswith("Heading ")
    ]
    h1 = [t for lvl, t in heads if lvl == 1]
    assert h1 == ["Orbit deployment guide", "OPERATIONS NOTES", "server"]  # no extension
    assert ("2", "Architecture") in {(str(lvl), t) for lvl, t in heads}
    assert (4, "Checklist") in heads and (3, "Configuration") in heads
    assert (2, "1. Escalation") in heads and (3, "1.1 Contact list") in heads
    assert (3, "Restart sequence") in heads
    prev = 0
    for level, text in heads:
        assert level <= prev + 1, f"skip before {text!r}"
        prev = level


def test_table_image_and_placeholder(converted: dict) -> None:
    doc = converted["doc"]
    assert len(doc.tables) == 2  # the guide's table and the log's digest
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Component", "Minimum", "Recommended", "Notes"]
    assert len(table.rows) == 5
    assert table.rows[4].cells[3].text == "python3 --version"
    with zipfile.ZipFile(converted["out"]) as zf:
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
        xml = zf.read("word/document.xml").decode()
    png = (EXAMPLES / "images" / "architecture.png").read_bytes()
    with zipfile.ZipFile(converted["out"]) as zf:
        assert any(zf.read(m) == png for m in media)  # embedded byte for byte
    assert any(m.endswith(".svg") for m in media)  # and the SVG (with its PNG fallback)
    assert "[Missing image: images/sequence-diagram.png" in "\n".join(
        p.text for p in doc.paragraphs
    )
    assert xml.count("<w:drawing") == 2


def test_text_file_structure_and_literal_characters(converted: dict) -> None:
    texts = [p.text for p in converted["doc"].paragraphs]
    assert (
        "Characters that look like markdown must stay literal: *not emphasis*, _not "
        "either_, # not a heading, [not a link](nowhere), a < b > c & d, 100% sure."
    ) in texts
    lines = code_lines(converted["doc"])
    assert "    +-----------+      +-----------+      +-----------+" in lines
    assert "    Team lead       J. Alvarez      +1 555 0101" in lines


def test_properties_and_page_numbers(converted: dict) -> None:
    props = converted["doc"].core_properties
    assert props.author == "Test Author"
    assert props.title == "Orbit deployment guide"  # from guide.md's front matter
    with zipfile.ZipFile(converted["out"]) as zf:
        footers = "".join(zf.read(n).decode() for n in zf.namelist() if "footer" in n)
    assert "PAGE" in footers and "NUMPAGES" in footers


def test_session_archived_with_artifacts(converted: dict) -> None:
    session = Path(converted["summary"]["session_dir"])
    assert session.parent.name == "archive"
    for name in (
        "temp_output.md",
        "structure.json",
        "output.docx",
        "state.sqlite",
        "logs/session.jsonl",
    ):
        assert (session / name).exists(), name
    assert len(checkpoint_ids(session / "checkpoints")) == 3
    log = [json.loads(line) for line in (session / "logs/session.jsonl").read_text().splitlines()]
    nodes = {e.get("node") for e in log if e["event"] == "state_transition"}
    assert {
        "scan_assets",
        "agent",
        "validate_md",
        "checkpoint",
        "parse_to_json",
        "convert_docx",
        "quality_check",
        "finalize",
    } <= nodes
    # a batch's calls in one line (a step of a few calls: a line each)
    assert any(e["event"] == "tool_calls" and e["by_tool"].get("append_source") for e in log)
    # no file content in logs
    assert "heartbeat ok" not in (session / "logs/session.jsonl").read_text()


def test_log_digest_table(converted: dict) -> None:
    source = (EXAMPLES / "server.log").read_text(encoding="utf-8").split("\n")[:-1]
    digest = {r.cells[0].text: r.cells[1].text for r in converted["doc"].tables[1].rows}
    assert digest["Lines"] == f"{len(source):,}"
    first_error = next(i for i, line in enumerate(source, 1) if " ERROR " in line)
    errors = sum(" ERROR " in line for line in source)
    assert digest["ERROR"] == f"{errors} (first at line {first_error})"
    assert digest["Time range"].startswith(source[0][:23])


def test_code_is_highlighted_and_log_levels_coloured(converted: dict) -> None:
    with zipfile.ZipFile(converted["out"]) as zf:
        xml = zf.read("word/document.xml").decode()
    paras = re.findall(r"<w:p>.*?</w:p>|<w:p .*?</w:p>", xml)
    error_line = next(p for p in paras if "MemoryError: cannot allocate" in p)
    assert 'w:color w:val="C00000"' in error_line  # a traceback line takes its ERROR colour
    def_line = next(p for p in paras if "admit(job):" in re.sub(r"<[^>]+>", "", p))
    assert def_line.count("<w:color ") >= 2  # keyword and name coloured differently


def test_help_imports_nothing_heavy() -> None:
    """`docgen --help` answers without importing the graph, the LLM layer, the parser or
    typer's rich help (issue 8: help in at most 0.3 s; the time is in docs/performance.md,
    this checks what makes it)."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "sys.argv = ['docgen', '--help']\n"
        "from agentic_docgen.entry.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('langgraph', 'langchain_core', 'litellm', 'mistletoe', 'pygments', 'docx',\n"
        "         'lxml', 'structlog', 'typer.rich_utils', 'markdown_it', 'pydantic')\n"
        "print('IMPORTED', sorted(m for m in sys.modules if m.split('.')[0] in heavy\n"
        "                         or m in heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "Usage: docgen" in out
    assert "IMPORTED []" in out, out.splitlines()[-1]
