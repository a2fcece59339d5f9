"""The renderer features end to end: markdown in, .docx read back."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document

from agentic_docgen.entry.api import generate_document
from tests.conftest import EXAMPLES, run_cli


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("r") / "ex.docx"
    result = generate_document(EXAMPLES, out, on_missing="skip", toc=True)
    assert result.status == "complete", result.errors
    session = Path(result.session_dir)
    with zipfile.ZipFile(out) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    return {
        "out": out,
        "result": result,
        "structure": json.loads((session / "structure.json").read_text()),
        "xml": parts["word/document.xml"].decode(),
        "parts": parts,
    }


def test_metadata_from_front_matter(example: dict) -> None:
    meta = example["structure"]["meta"]
    assert meta["title"] == "Orbit deployment guide"
    assert meta["author"] == "Platform team"
    props = Document(str(example["out"])).core_properties
    assert props.title == "Orbit deployment guide" and props.author == "Platform team"


def test_flags_beat_front_matter(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("---\ntitle: From YAML\nauthor: [Ann, Bob]\n---\n# A\n")
    result = generate_document(d, tmp_path / "o.docx", title="From flag")
    meta = json.loads((Path(result.session_dir) / "structure.json").read_text())["meta"]
    assert meta["title"] == "From flag" and meta["author"] == "Ann, Bob"
    assert meta["toc"] is False  # one heading: no table of contents by default


def test_toc_has_cached_entries(example: dict) -> None:
    xml = example["xml"]
    m = re.search(r"TOC [^<]*\\o", xml)
    assert m
    toc_part = xml[m.end() : xml.index('<w:pStyle w:val="Heading1"/>', m.end())]
    assert "Requirements" in toc_part and "OPERATIONS NOTES" in toc_part


def test_links_between_inputs_become_internal_links(example: dict) -> None:
    xml = example["xml"]
    anchors = set(re.findall(r'w:anchor="([^"]+)"', xml))
    bookmarks = set(re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', xml))
    assert anchors and anchors <= bookmarks
    para = next(
        p
        for p in re.findall(r"<w:p>.*?</w:p>|<w:p .*?</w:p>", xml)
        if "operations notes" in p and "escalation rules" in p
    )
    assert "w:anchor=" in para
    assert not any("could not be resolved" in w for w in example["result"].warnings)


def test_footnotes_are_real_word_footnotes(example: dict) -> None:
    footnotes = example["parts"]["word/footnotes.xml"].decode()
    assert "A lease lasts 30 seconds" in footnotes
    assert "<w:footnoteReference" in example["xml"]


def test_task_list_checkboxes(example: dict) -> None:
    texts = "\n".join(p.text for p in Document(str(example["out"])).paragraphs)
    assert "☒" in texts and "☐" in texts
    assert "[x] Configuration" not in texts


def test_svg_embedded_with_png_fallback_and_captions(example: dict) -> None:
    media = [n for n in example["parts"] if n.startswith("word/media/")]
    assert any(n.endswith(".svg") for n in media) and len(media) >= 3
    texts = [p.text for p in Document(str(example["out"])).paragraphs]
    assert any(t.startswith("Figure") and "Queue layout" in t for t in texts)
    assert any(t.startswith("Figure") and "Orbit architecture" in t for t in texts)


def test_style_override_and_bad_style_file(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text("# A\n\ntext\n")
    style = tmp_path / "style.json"
    style.write_text(json.dumps({"body": {"font": "Georgia"}}))
    out = tmp_path / "o.docx"
    proc = run_cli("convert", str(d), "-o", str(out), "--style", str(style))
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(out) as zf:
        assert "Georgia" in zf.read("word/styles.xml").decode()
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    proc = run_cli("convert", str(d), "-o", str(tmp_path / "x.docx"), "--style", str(bad))
    assert proc.returncode == 2 and "bad.json" in proc.stderr and "JSON" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
