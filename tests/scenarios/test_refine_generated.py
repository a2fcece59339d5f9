"""Refining a document with generated sections (issue 19 items 2-4 together): each
generated section is a chapter of its own in the version's chapter map, so `docgen
regenerate --chapter N` rewrites one (instructions through the model, the LLM stub here;
without a model a placeholder and a warning; `errors`/`digest` recomputed offline) with
every other chapter byte for byte, and `convert --update` keeps them, writing the `errors`
and `digest` sections again from the changed sources (their links reach the new lines)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from agentic_docgen.entry.api import generate_document
from agentic_docgen.entry.options import ConvertOptions
from agentic_docgen.entry.refine import regenerate, update
from tests.llm_stub import StubLLM
from tests.scenarios.test_generated_sections import _folder, _links, _paragraphs, _plan
from tests.scenarios.test_refine import _version

NEW_ERROR = "2026-12-04T00:00:00.000Z ERROR [exec-9] c.a.Billing - card *declined* for <b>42</b>"


def _build(tmp_path: Path) -> tuple[Path, Path, Path]:
    src = _folder(tmp_path)
    plan = _plan(tmp_path, src, instructions=True)
    out = tmp_path / "overnight.docx"
    home = tmp_path / "home"
    r = generate_document(src, out, plan=plan, sessions_dir=home)
    assert r.status == "complete", r.errors
    return src, out, Path(r.session_dir)


def _units(md: list[str], chapters: list[dict[str, Any]]) -> list[str]:
    return ["\n".join(md[c["first"] - 1 : c["last"]]).strip("\n") for c in chapters]


def _titles(chapters: list[dict[str, Any]]) -> list[str]:
    return [c["generated"]["title"] if c["files"] == [] else c["files"][0] for c in chapters]


def test_update_writes_the_errors_and_digest_again_and_keeps_the_rest(tmp_path: Path) -> None:
    src, out, session = _build(tmp_path)
    md1, ch1 = _version(str(session), 1)
    assert _titles(ch1) == [
        "Errors at a glance",
        "Executive summary",
        "runbook.md",
        "server.log",
        "worker.log",
        "The inputs",
    ]
    with (src / "server.log").open("a", encoding="utf-8") as fh:
        fh.write(
            "2026-12-04T00:00:00.000Z INFO [exec-1] c.a.App - still alive\n" + NEW_ERROR + "\n"
        )
    r = update(ConvertOptions(src, output=out, sessions_dir=tmp_path / "home"))
    assert r.status == "complete", r.errors
    assert r.quality["pass"] and r.quality["fidelity"]["missing_count"] == 0
    assert [g["title"] for g in r.generated] == [
        "Errors at a glance",
        "Executive summary",
        "The inputs",
    ]
    md2, ch2 = _version(str(session), 2)
    assert _titles(ch2) == _titles(ch1)
    old, new = _units(md1, ch1), _units(md2, ch2)
    for k in (1, 2, 4):  # the placeholder, the runbook, the worker log: byte for byte
        assert new[k] == old[k]
    assert new[0] != old[0] and "server.log:152" in new[0]  # the new error, listed
    assert new[5] != old[5]
    # the new error's link reaches its very line in the log's chapter
    links = dict((t, a) for a, t in _links(out))
    marks = {m: text for _, text, ms in _paragraphs(out) for m in ms.split()}
    assert marks[links["server.log:152"]] == NEW_ERROR
    assert all(a in marks for a in links.values())
    # the digest counts the lines the log has now
    assert "| server.log | 152 |" in new[5]
    # a log deleted: its chapter, its error lines and its digest row go; the rest stays
    (src / "worker.log").unlink()
    r = update(ConvertOptions(src, output=out, sessions_dir=tmp_path / "home"))
    assert r.status == "complete", r.errors
    md3, ch3 = _version(str(session), 3)
    assert _titles(ch3) == [t for t in _titles(ch1) if t != "worker.log"]
    third = _units(md3, ch3)
    assert third[1:4] == new[1:4]
    assert "worker.log" not in third[0] and "server.log:152" in third[0]
    assert "| worker.log |" not in third[4] and "| server.log | 152 |" in third[4]
    assert "worker.log" not in (session / "plan.yaml").read_text(encoding="utf-8")
    # a new log: its chapter before the digest that ends the document, in the plan too
    (src / "db.log").write_text("2026-12-04 03:00:00 ERROR db: disk full\n", encoding="utf-8")
    r = update(ConvertOptions(src, output=out, sessions_dir=tmp_path / "home"))
    assert r.status == "complete", r.errors
    md4, ch4 = _version(str(session), 4)
    assert _titles(ch4)[-3:] == ["server.log", "db.log", "The inputs"]
    assert "db.log:1" in _units(md4, ch4)[0]
    plan = (session / "plan.yaml").read_text(encoding="utf-8")
    assert plan.index("db.log") < plan.index("generate: digest")


def _model(request: dict[str, Any], state: Any) -> Any:
    last = str(request["messages"][-1]["content"])
    assert "Instructions:" in last
    if "in one sentence" in last:
        return "The db-1 timeouts and the worker crash were the night's only failures."
    return "A first summary of the night."


def test_regenerate_an_instruction_section_with_the_model(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    src, out, session = _build(tmp_path)
    md1, ch1 = _version(str(session), 1)
    with StubLLM(_model) as stub:
        r = regenerate(
            session.name,
            chapter=2,
            instructions="Say in one sentence what failed.",
            model="openai/any",
            api_base=stub.api_base,
            sessions_dir=tmp_path / "home",
        )
        requests = stub.state.requests
    assert r.status == "complete", r.errors
    (sent,) = requests  # one call: the section only, nothing else rebuilt
    prompt = str(sent["messages"][-1]["content"])
    assert "Digest of server.log" in prompt and "Errors at a glance" in prompt  # what precedes
    assert "Restart with" not in prompt  # the runbook comes after it: not shown
    md2, ch2 = _version(str(session), 2)
    old, new = _units(md1, ch1), _units(md2, ch2)
    assert [new[k] == old[k] for k in range(6)] == [True, False, True, True, True, True]
    assert "Generated by openai/any" in new[1] and "only failures" in new[1]
    [summary] = [g for g in r.generated if g["title"] == "Executive summary"]
    assert summary["model"] == "openai/any" and summary["tokens"] > 0
    assert "Say in one sentence" in (session / "plan.yaml").read_text(encoding="utf-8")
    assert r.quality["pass"] and r.quality["fidelity"]["missing_count"] == 0
    change = json.loads((session / "versions" / "v2" / "change.json").read_text())
    assert change["summary"] == "chapter 2 (generated: Executive summary) regenerated"


def test_regenerate_without_a_model_and_a_built_in_section(tmp_path: Path) -> None:
    src, out, session = _build(tmp_path)
    md1, ch1 = _version(str(session), 1)
    r = regenerate(
        session.name, chapter=2, instructions="Sum it up.", sessions_dir=tmp_path / "home"
    )
    assert r.status == "complete", r.errors
    assert any("'Executive summary': no model" in w for w in r.warnings)
    md2, ch2 = _version(str(session), 2)
    assert (
        "[Not written: no model was given.]** The instructions: “Sum it up.”" in _units(md2, ch2)[1]
    )
    r = regenerate(session.name, chapter=6, sessions_dir=tmp_path / "home")  # the digest
    assert r.status == "complete", r.errors
    md3, ch3 = _version(str(session), 3)
    assert _units(md3, ch3) == _units(md2, ch2)  # the same facts, written again
    # an edited plan: the digest's entry retitled (the session's plan keeps the new summary)
    edited = (session / "plan.yaml").read_text(encoding="utf-8")
    assert "Sum it up." in edited
    plan = tmp_path / "edited.yaml"
    plan.write_text(edited.replace("title: The inputs", "title: Inputs, counted"))
    r = regenerate(session.name, chapter=6, plan=plan, sessions_dir=tmp_path / "home")
    assert r.status == "complete", r.errors
    md4, ch4 = _version(str(session), 4)
    before, after = _units(md3, ch3), _units(md4, ch4)
    assert after[:5] == before[:5]
    assert after[5] == before[5].replace("# The inputs\n", "# Inputs, counted\n", 1) != before[5]
    marks = {m for _, _, ms in _paragraphs(out) for m in ms.split()}
    assert len(_links(out)) == 9 and all(a in marks for a, _ in _links(out))


def test_regenerate_a_file_chapter_beside_generated_sections(tmp_path: Path) -> None:
    """The file's chapter is built again without the plan's generated sections (they are
    chapters of their own, kept): each is in the document once, the rest byte for byte."""
    src, out, session = _build(tmp_path)
    md1, ch1 = _version(str(session), 1)
    plan = tmp_path / "edited.yaml"
    text = (session / "plan.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("- server.log", "- source: server.log\n    title: The server"))
    r = regenerate(session.name, source="server.log", plan=plan, sessions_dir=tmp_path / "home")
    assert r.status == "complete", r.errors
    md2, ch2 = _version(str(session), 2)
    old, new = _units(md1, ch1), _units(md2, ch2)
    assert [new[k] == old[k] for k in range(6)] == [True, True, True, False, True, True]
    assert new[3].startswith("# The server\n")
    doc = "\n".join(md2)
    assert doc.count("# Errors at a glance") == 1 and doc.count("# The inputs") == 1
    marks = {m for _, _, ms in _paragraphs(out) for m in ms.split()}
    assert len(_links(out)) == 9 and all(a in marks for a, _ in _links(out))
