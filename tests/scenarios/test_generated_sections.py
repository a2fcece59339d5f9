"""Generated sections (issue 19 item 3), as a user builds them: a plan with `generate:
errors` before the logs it links into (forward links), `digest` at the end, and an
instruction section the model writes (the LLM stub) or, without a model, a placeholder
and a warning. Read back from the .docx: every link of the errors section reaches a
bookmark on exactly the error line it names; the model's text is marked as generated, named
in `--json`, and outside the fidelity receipt."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from agentic_docgen.entry.api import generate_document
from agentic_docgen.graph.tools.generated import PROMPT_BUDGET_CHARS
from tests.conftest import invoke_cli
from tests.llm_stub import StubLLM

ERRORS = re.compile(r"\b(ERROR|ERR|SEVERE|FATAL|CRITICAL|CRIT|EMERG|ALERT)\b")


def _folder(root: Path, big: int = 0) -> Path:
    """An overnight folder: a Java-style server log (an HTML-ish FATAL line with markdown
    characters), a PHP-style worker log with a CRITICAL, a runbook; `big`: a log of that
    many lines (long enough to be streamed to the converter as a body)."""
    src = root / "overnight"
    src.mkdir()
    server = []
    for i in range(150):
        level = "ERROR" if i % 23 == 5 else "INFO"
        what = "failed: timeout talking to db-1 (5000 ms)" if level == "ERROR" else "ok in 12 ms"
        server.append(
            f"2026-12-03T23:{i // 60:02d}:{i % 60:02d}.120Z {level} [exec-{i % 7}] "
            f"c.a.OrderService - request {1000 + i} {what}"
        )
    server[77] = "2026-12-03T23:01:17.500Z FATAL [main] c.a.App - heap *full* | <b>dump</b> [x](y)"
    (src / "server.log").write_text("\n".join(server) + "\n", encoding="utf-8")
    worker = [
        f"[2026-12-04 01:0{i % 10}:00] worker.{'CRITICAL' if i == 5 else 'INFO'}: job {i} "
        + ("crashed: segfault in libfoo.so" if i == 5 else "done: café crème served")
        for i in range(30)
    ]
    (src / "worker.log").write_text("\n".join(worker) + "\n", encoding="latin-1")
    (src / "runbook.md").write_text("# Runbook\n\nRestart with `systemctl restart app`.\n")
    if big:
        lines = [
            f"2026-12-04 02:{(i // 60) % 60:02d}:{i % 60:02d} "
            f"{'ERROR' if i % 500 == 250 else 'DEBUG'} batch step {i}"
            for i in range(big)
        ]
        (src / "batch.log").write_text("\n".join(lines) + "\n")
    return src


def _plan(root: Path, src: Path, instructions: bool = False) -> Path:
    logs = sorted(p.name for p in src.glob("*.log"))
    text = ["docgen-plan: 1", "title: Overnight", "chapters:"]
    text += ["  - title: Errors at a glance", "    generate: errors"]
    if instructions:
        text += [
            "  - title: Executive summary",
            "    generate: Summarise what failed overnight and what recovered.",
            "    context: [server.log, worker.log]",
        ]
    text += ["  - runbook.md", *(f"  - {name}" for name in logs)]
    text += ["  - title: The inputs", "    generate: digest"]
    path = root / "plan.yaml"
    path.write_text("\n".join(text) + "\n")
    return path


def _paragraphs(docx: Path) -> list[tuple[str, str, str]]:
    """(style, text, bookmark names) of each body paragraph, from document.xml itself."""
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    out = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        style = re.search(r'<w:pStyle w:val="([^"]+)"', p)
        text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        marks = " ".join(re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', p))
        out.append((style.group(1) if style else "", text, marks))
    return out


def _links(docx: Path) -> list[tuple[str, str]]:
    """(anchor, text) of each internal hyperlink that is not the table of contents'."""
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    found = re.findall(r'<w:hyperlink [^>]*w:anchor="([^"]+)"[^>]*>(.*?)</w:hyperlink>', xml, re.S)
    links = [(a, "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", body))) for a, body in found]
    return [(a, t) for a, t in links if not a.startswith("_Toc")]


@pytest.mark.parametrize("big", [0, 2_600], ids=["small", "streamed-body"])
def test_errors_and_digest_offline_link_to_their_lines(tmp_path: Path, big: int) -> None:
    src = _folder(tmp_path, big)
    plan = _plan(tmp_path, src)
    out = tmp_path / "overnight.docx"
    r = invoke_cli("convert", str(src), "--plan", str(plan), "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert result["generated"] == [
        {"title": "Errors at a glance", "model": "built-in", "tokens": 0},
        {"title": "The inputs", "model": "built-in", "tokens": 0},
    ]
    assert result["quality"]["pass"] and result["quality"]["fidelity"]["missing_count"] == 0
    # every error line of every log, found here independently of the tool's level rule
    expected = []
    for log in sorted(src.glob("*.log")):
        text = log.read_text(encoding="latin-1" if log.name == "worker.log" else "utf-8")
        expected += [
            (log.name, n, line)
            for n, line in enumerate(text.splitlines(), 1)
            if ERRORS.search(line)
        ]
    links = _links(out)
    assert sorted(t for _, t in links) == sorted(f"{f}:{n}" for f, n, _ in expected)
    paragraphs = _paragraphs(out)
    bookmarked = {
        name: (style, text) for style, text, marks in paragraphs for name in marks.split()
    }
    by_label = {f"{f}:{n}": line for f, n, line in expected}
    for anchor, label in links:
        assert anchor in bookmarked, f"{label}: no bookmark {anchor}"
        style, text = bookmarked[anchor]
        assert style == "LogOutput" and text == by_label[label]  # the very line, in its chapter
    # the section comes first (forward links), and lists each line verbatim after its link
    headings = [t for s, t, _ in paragraphs if s.startswith("Heading")]
    assert headings[0] == "Errors at a glance" and headings[-1] == "The inputs"
    fatal = next(t for _, t, _ in paragraphs if t.startswith("server.log:78 "))
    assert fatal == "server.log:78 " + by_label["server.log:78"]
    # the digest: one row per input with its line count
    table = Document(str(out)).tables[-1]
    rows = {r.cells[0].text: r.cells[1].text for r in table.rows[1:]}
    assert rows["server.log"] == "150" and rows["worker.log"] == "30" and rows["runbook.md"] == "3"
    encodings = {r.cells[0].text: r.cells[3].text for r in table.rows[1:]}
    assert encodings["server.log"] == "utf-8" and encodings["worker.log"] not in ("", "utf-8")


def _summary_model(request: dict[str, Any], state: Any) -> Any:
    last = request["messages"][-1]["content"]
    if "Instructions:" in str(last):
        return (
            "Overnight the server timed out talking to db-1 seven times and ran out of heap"
            " once; the worker crashed on job 5.\n\n# Not a heading\n\n<!-- not a mark -->"
        )
    return "I only write sections."


def _texts(docx: Path) -> list[tuple[str, str]]:
    return [(p.style.name if p.style else "", p.text) for p in Document(str(docx)).paragraphs]


def test_an_instruction_section_through_the_model(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    src = _folder(tmp_path)
    plan = _plan(tmp_path, src, instructions=True)
    with StubLLM(_summary_model) as stub:
        result = generate_document(
            src,
            tmp_path / "o.docx",
            plan=plan,
            model="openai/any",
            api_base=stub.api_base,
            cache=False,
        )
        requests = stub.state.requests
    assert result.status == "complete", result.errors
    assert result.quality["pass"] and not result.quality["findings"]  # nothing lost or added
    (sent,) = requests  # one call: the chapters follow the plan, offline
    prompt = "\n".join(str(m["content"]) for m in sent["messages"])
    assert "Summarise what failed overnight" in prompt
    assert "Digest of server.log" in prompt and "Digest of worker.log" in prompt
    assert "request 1100 ok in 12 ms" not in prompt  # a middle line: never the whole file
    assert len(sent["messages"][-1]["content"]) <= PROMPT_BUDGET_CHARS
    texts = _texts(tmp_path / "o.docx")
    i = texts.index(("Heading 1", "Executive summary"))
    note, answer = texts[i + 1], texts[i + 2]
    assert note[1] == (
        "Generated by openai/any from the instructions: "
        "“Summarise what failed overnight and what recovered.”"
    )
    assert answer[1].startswith("Overnight the server timed out") and answer[0] != note[0]
    assert ("Heading 1", "Not a heading") not in texts  # the model's markdown stays text
    assert any(t == "# Not a heading" for _, t in texts)
    [summary] = [g for g in result.generated if g["title"] == "Executive summary"]
    assert summary["model"] == "openai/any" and summary["tokens"] > 0
    # the receipt is that of the same inputs without any generated section
    plain = tmp_path / "plain.yaml"
    plain.write_text(
        "docgen-plan: 1\nchapters: [runbook.md, server.log, worker.log]\n", encoding="utf-8"
    )
    alone = generate_document(src, tmp_path / "plain.docx", plan=plain)
    assert result.quality["fidelity"] == alone.quality["fidelity"]
    assert result.quality["fidelity"]["missing_count"] == 0


def test_without_a_model_a_placeholder_and_a_warning(tmp_path: Path) -> None:
    src = _folder(tmp_path)
    plan = _plan(tmp_path, src, instructions=True)
    out = tmp_path / "o.docx"
    r = invoke_cli("convert", str(src), "--plan", str(plan), "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert any("'Executive summary': no model" in w for w in result["warnings"])
    assert "Executive summary" in r.stderr
    texts = _texts(out)
    i = texts.index(("Heading 1", "Executive summary"))
    assert texts[i + 1][1].startswith("[Not written: no model was given.]")
    assert texts[i + 2][0].startswith("Heading")  # nothing else was written for it
    assert {"title": "Executive summary", "model": "none", "tokens": 0} in result["generated"]


def test_kill_9_after_the_errors_section_then_resume(tmp_path: Path) -> None:
    """A crash just after the errors section was written (the 1st tool call of the batch):
    the resumed run writes it once, and lists it once in `generated`."""
    from tests.conftest import plain_markdown, run_cli

    src = _folder(tmp_path)
    plan = _plan(tmp_path, src)
    env = {"DOCGEN_HOME": str(tmp_path / "home")}
    out = tmp_path / "o.docx"
    crash = {**env, "DOCGEN_TEST_CRASH_AFTER_TOOL_CALLS": "1"}
    proc = run_cli("convert", str(src), "--plan", str(plan), "-o", str(out), env=crash)
    assert proc.returncode == -9, proc.stderr[-500:]
    [session] = [
        p.name
        for p in (tmp_path / "home" / "sessions").iterdir()
        if p.is_dir() and p.name != "archive"
    ]
    proc = run_cli("resume", session, "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert [g["title"] for g in summary["generated"]] == ["Errors at a glance", "The inputs"]
    md = plain_markdown(Path(summary["session_dir"]))
    assert md.count("# Errors at a glance") == 1 and md.count("# The inputs") == 1
    links = _links(out)
    assert links and all(a.startswith("line_") for a, _ in links)
