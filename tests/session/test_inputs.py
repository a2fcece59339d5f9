"""Inputs beyond the example: nested folders, HTML images, encodings, odd characters."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from PIL import Image

from agentic_docgen.entry.api import generate_document


def _texts(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def test_html_img_in_a_subfolder_is_resolved_against_its_file(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "docs" / "img").mkdir(parents=True)
    Image.new("RGB", (1200, 300), "blue").save(d / "docs" / "img" / "wide.png")
    (d / "docs" / "page.md").write_text(
        '# Page\n\n<p align="center"><img src="img/wide.png" width="200"></p>\n\n'
        "and inline ![w](img/wide.png)\n"
    )
    out = tmp_path / "o.docx"
    result = generate_document(d, out, on_missing="ask")  # nothing missing: no question
    assert result.status == "complete", result.errors
    doc = Document(str(out))
    shapes = doc.inline_shapes
    assert len(shapes) == 2
    widths = sorted(s.width for s in shapes)
    assert widths[0] == 200 * 9525  # the HTML width, in EMU
    assert widths[1] <= 6.5 * 914400  # scaled to the text width
    assert abs(shapes[1].width / shapes[1].height - 4.0) < 0.01  # aspect ratio kept


def test_latin1_and_utf16_text_are_decoded(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_bytes("Café crème à la carte, naïve façade\n".encode("cp1252"))
    (d / "b.log").write_bytes("\ufeffZürich 東京 log line\n".encode("utf-16-le"))
    out = tmp_path / "o.docx"
    result = generate_document(d, out)
    assert result.status == "complete"
    texts = _texts(out)
    assert "Café crème à la carte, naïve façade" in texts
    assert "Zürich 東京 log line" in texts
    assert result.inputs[1]["encoding"] == "utf-16"


def test_form_feeds_and_crlf_survive_visibly(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "page.txt").write_bytes(b"first page\r\n\x0c\r\nsecond page\r\n")
    out = tmp_path / "o.docx"
    result = generate_document(d, out)
    assert result.status == "complete"
    texts = _texts(out)
    assert "\u240c" in texts and "first page" in texts and "second page" in texts
    assert any("control pictures" in w for w in result.warnings)


def test_empty_and_whitespace_files_still_get_a_chapter(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.log").write_text("")
    (d / "blank.md").write_text("\n\n   \n")
    out = tmp_path / "o.docx"
    result = generate_document(d, out)
    assert result.status == "complete"
    heads = [p.text for p in Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert heads == ["blank", "empty"]
