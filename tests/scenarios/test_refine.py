"""Refining a session (issue 19): versions, export, regenerate one chapter, --update.

In-process runs (the library API and typer's runner): each conversion still costs a few
seconds of Node."""

from __future__ import annotations

import json
import re
import time
import zipfile
from pathlib import Path

import pytest

from agentic_docgen.entry.api import generate_document
from agentic_docgen.entry.refine import docx_origin, regenerate
from tests.conftest import invoke_cli
from tests.llm_stub import StubLLM, batch_turn, chapter

LOG_LINE = "2026-12-03T10:{m:02d}:{s:02d}.123Z {lvl:<5} [worker-{w}] job {k} finished in {ms} ms"


def _folder(root: Path, logs: int = 2, notes: int = 2) -> Path:
    d = root / "in"
    d.mkdir()
    for i in range(notes):
        (d / f"notes{i}.md").write_text(
            f"# Notes {i}\n\nCafé opening hours, see [the log](server0.log).\n\n## Steps\n\n"
            + "\n".join(f"{k}. step {k}" for k in range(1, 12))
            + "\n\n```sh\nmake deploy\n```\n",
            encoding="utf-8",
        )
    for w in range(logs):
        lines = [
            LOG_LINE.format(
                m=k // 60, s=k % 60, lvl=("INFO", "WARN", "ERROR")[k % 3], w=w, k=k, ms=k * 7 % 900
            )
            for k in range(150)
        ]
        (d / f"server{w}.log").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "readme.txt").write_text("OVERVIEW\n\nNotes and logs of the night.\n", encoding="utf-8")
    return d


def _version(session_dir: str, n: int) -> tuple[list[str], list[dict]]:
    from agentic_docgen.session.versions import read_text

    v = Path(session_dir) / "versions" / f"v{n}"
    md = read_text(v, "document.md").split("\n")
    return md, json.loads((v / "chapters.json").read_text())


def _chapter_text(md: list[str], chapters: list[dict], file: str) -> str:
    [ch] = [c for c in chapters if file in c["files"]]
    return "\n".join(md[ch["first"] - 1 : ch["last"]]).strip("\n")


def _paragraphs(docx: Path) -> list[str]:
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    return re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)


def _text(p: str) -> str:
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p))


def _chapters_xml(paras: list[str]) -> list[list[str]]:
    """The body's paragraphs cut at each Heading 1 (the title page and contents before the
    first are left out: the contents lists the chapters' titles)."""
    out: list[list[str]] = []
    for p in paras:
        if 'w:pStyle w:val="Heading1"' in p:
            out.append([])
        if out:
            out[-1].append(p)
    return out


def _numbered(paras: list[str]) -> list[str]:
    """The paragraphs with the contents' bookmarks unnumbered (`_Toc7`, `w:id="7"`: counted
    through the document, so they move when a chapter before has more or fewer headings)."""
    out = [re.sub(r'(w:id="|_Toc)[0-9]+', r"\1#", p) for p in paras]
    return out


def _only_target_changed(
    old_docx: Path, new_docx: Path, target: int, renumbered: bool = False
) -> None:
    """Every chapter but the `target`-th (0-based) has the same paragraphs, XML and all
    (`renumbered`: but for the contents' bookmark numbers)."""
    keep = _numbered if renumbered else (lambda paras: paras)
    old = _chapters_xml(keep(_paragraphs(old_docx)))
    new = _chapters_xml(keep(_paragraphs(new_docx)))
    assert len(old) == len(new)
    assert old[target] != new[target]
    for k, (a, b) in enumerate(zip(old, new, strict=True)):
        if k != target:
            assert a == b, f"chapter {k + 1} changed"


def test_versions_regenerate_with_a_plan_and_export(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    out = tmp_path / "night.docx"
    first = generate_document(d, out)
    assert first.status == "complete" and first.version == 1
    assert docx_origin(out) == (first.session_id, 1)
    v1 = out.read_bytes()
    plan = tmp_path / "plan.yaml"
    assert invoke_cli("plan", str(d), "-o", str(plan)).returncode == 0
    text = plan.read_text().replace("title: server1\n", "title: The second server\n")
    plan.write_text(text)
    second = regenerate(str(first.session_id), source="server1.log", plan=plan)
    assert second.status == "complete" and second.version == 2
    assert docx_origin(out) == (first.session_id, 2)
    md1, ch1 = _version(str(second.session_dir), 1)
    md2, ch2 = _version(str(second.session_dir), 2)
    for name in ("notes0.md", "notes1.md", "readme.txt", "server0.log"):
        assert _chapter_text(md1, ch1, name) == _chapter_text(md2, ch2, name)
    assert _chapter_text(md2, ch2, "server1.log").startswith("# The second server")
    assert (
        _chapter_text(md1, ch1, "server1.log").split("\n")[1:]
        == _chapter_text(md2, ch2, "server1.log").split("\n")[1:]
    )
    old = Path(second.session_dir) / "versions" / "v1" / "document.docx"
    _only_target_changed(old, out, [c["files"] for c in ch1].index(["server1.log"]))
    assert second.quality and second.quality["fidelity"]["missing_count"] == 0
    shown = invoke_cli("sessions", "show", str(first.session_id), "--json")
    listed = json.loads(shown.stdout)["versions"]
    assert [v["version"] for v in listed] == [1, 2]
    assert listed[1]["command"] == "regenerate" and listed[1]["chapters"] == ["server1.log"]
    back = tmp_path / "back.docx"
    done = invoke_cli("export", str(first.session_id), "--version", "1", "-o", str(back))
    assert done.returncode == 0, done.stderr
    assert back.read_bytes() == v1
    again = invoke_cli("export", str(first.session_id), "--version", "7", "-o", str(back))
    assert again.returncode == 2 and "no version 7" in again.stderr
    (d / "zz-db.log").write_text("2026-12-03T12:00:00Z INFO db up\n")  # not in the plan
    third = generate_document(d, out, update=True)
    assert third.status == "complete", third.errors
    assert third.changes and [c["file"] for c in third.changes["new"]] == ["zz-db.log"]
    kept = (Path(third.session_dir) / "plan.yaml").read_text()
    assert "title: The second server" in kept and "source: zz-db.log" in kept


def test_regenerate_with_instructions_through_a_model(tmp_path: Path) -> None:
    d = _folder(tmp_path, logs=1, notes=2)
    out = tmp_path / "night.docx"
    first = generate_document(d, out)

    def model(request: dict, state: object) -> object:
        files, turn = batch_turn(request)
        if turn:
            return "Done."
        return [c for f, n in files for c in chapter(f, n, title="Rewritten")]

    with StubLLM(model) as stub:
        result = regenerate(
            str(first.session_id),
            chapter=2,
            instructions="Call it by the team's name.",
            model="openai/any",
            api_base=stub.api_base,
        )
        asked = json.dumps(stub.state.requests)
    assert result.status == "complete", result.errors
    assert result.llm_calls >= 1 and result.tokens["input"] > 0  # the scratch run's calls
    assert "Call it by the team's name." in asked and "Notes 0" in asked  # the outline
    md1, ch1 = _version(str(result.session_dir), 1)
    md2, ch2 = _version(str(result.session_dir), 2)
    assert _chapter_text(md2, ch2, "notes1.md").startswith("# Rewritten notes1.md")
    for name in ("notes0.md", "readme.txt", "server0.log"):
        assert _chapter_text(md1, ch1, name) == _chapter_text(md2, ch2, name)
    v1 = Path(result.session_dir) / "versions" / "v1" / "document.docx"
    _only_target_changed(v1, out, 1, renumbered=True)  # (the new chapter has more headings)
    assert result.quality and result.quality["fidelity"]["missing_count"] == 0


def test_update_reprocesses_only_what_changed(tmp_path: Path) -> None:
    d = _folder(tmp_path, logs=4, notes=5)  # ten files
    out = tmp_path / "night.docx"
    t0 = time.perf_counter()
    generate_document(d, out)
    full = time.perf_counter() - t0
    with (d / "server2.log").open("a") as fh:
        fh.write("".join(f"2026-12-03T11:00:{k:02d}Z ERROR late failure {k}\n" for k in range(40)))
    t0 = time.perf_counter()
    second = generate_document(d, out, update=True)
    update = time.perf_counter() - t0
    print(f"\nten files: full run {full:.2f} s, update {update:.2f} s; {second.timings_s}")
    assert second.status == "complete" and second.version == 2
    assert second.changes and second.changes["summary"] == (
        "9 chapter(s) reused, 1 changed: server2.log +40 lines"
    )
    assert "redo_agent" in second.timings_s
    md1, ch1 = _version(str(second.session_dir), 1)
    md2, ch2 = _version(str(second.session_dir), 2)
    for c in ch1:
        name = c["files"][0]
        if name != "server2.log":
            assert _chapter_text(md1, ch1, name) == _chapter_text(md2, ch2, name)
    assert "late failure 39" in _chapter_text(md2, ch2, "server2.log")
    assert second.quality and second.quality["fidelity"]["missing_count"] == 0
    (d / "notes3.md").unlink()
    (d / "zz-db.log").write_text("2026-12-03T12:00:00Z INFO db up\n")
    third = invoke_cli("convert", str(d), "-o", str(out), "--update", "--json")
    assert third.returncode == 0, third.stderr
    summary = json.loads(third.stdout)
    assert summary["changes"]["deleted"] == ["notes3.md"]
    assert [c["file"] for c in summary["changes"]["new"]] == ["zz-db.log"]
    assert "1 new: zz-db.log, 1 deleted: notes3.md" in third.stderr
    md3, ch3 = _version(str(second.session_dir), 3)
    assert not any("notes3.md" in c["files"] for c in ch3)
    assert "Notes 3" not in "\n".join(md3) and ch3[-1]["files"] == ["zz-db.log"]


@pytest.mark.parametrize("kind", ["foreign", "gone"])
def test_update_of_a_document_without_its_session(tmp_path: Path, kind: str) -> None:
    d = _folder(tmp_path, logs=0, notes=1)
    out = tmp_path / "x.docx"
    if kind == "foreign":
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr("word/document.xml", "<w:document/>")
    else:
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr(
                "docProps/custom.xml",
                '<property name="docgen-session"><vt:lpwstr>0000-gone</vt:lpwstr></property>',
            )
    proc = invoke_cli("convert", str(d), "-o", str(out), "--update")
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert ("not made by docgen" if kind == "foreign" else "is gone") in lines[0]


def test_regenerate_of_an_unknown_session_names_it(tmp_path: Path) -> None:
    proc = invoke_cli(
        "regenerate", "0000-none", "--chapter", "1", env={"DOCGEN_HOME": str(tmp_path)}
    )
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert lines == ["docgen: error: 0000-none: no such session"], proc.stderr
