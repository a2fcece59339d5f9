"""The quality checks of the read-back (checks/quality.py): code in a proportional font,
code styles, headings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.checks.cases import (
    _agree,
    _alter_styles,
    _bulk_share,
    _code_paragraphs,
    _edit,
)


@pytest.mark.parametrize("count", [1, 60])
def test_code_in_a_proportional_font_is_reported(
    docs: dict[str, tuple[Path, Path]], tmp_path: Path, count: int
) -> None:
    docx, session = docs["mixed"]

    def change(xml: bytes) -> bytes:
        paras = _code_paragraphs(xml)
        out, pos = [], 0
        for i, m in enumerate(paras[300 : 300 + 3 * count]):
            font = [b"Arial", b"Consolas", b""][i % 3]
            attrs = b' w:ascii="' + font + b'" w:hAnsi="' + font + b'"' if font else b""
            para = re.sub(
                rb"<w:r>(?:<w:rPr>)?",
                b"<w:r><w:rPr><w:rFonts" + attrs + b"/>",
                m.group(),
                count=1,
            )
            if b"<w:rFonts" in para and b"</w:rPr>" not in para:
                para = para.replace(b"/><w:t", b"/></w:rPr><w:t", 1)
            if i % 3 == 0:  # a second run in that font: still one finding for the paragraph
                para = para.replace(
                    b"</w:p>", b"<w:r><w:rPr><w:rFonts" + attrs + b"/></w:rPr></w:r></w:p>"
                )
            out += [xml[pos : m.start()], para]
            pos = m.end()
        return b"".join([*out, xml[pos:]])

    report = _agree(_edit(docx, tmp_path / "t.docx", change), session)
    fonts = [f for f in report["findings"] if f["check"] == "code"]
    assert len(fonts) == min(count, 50)
    assert fonts[0]["message"] == "code paragraph in font 'Arial', not monospace"
    assert report["fidelity"]["score"] == 100.0


def test_code_styles_in_a_proportional_font(
    docs: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    docx, session = docs["mixed"]
    consolas = b'w:ascii="Consolas" w:cs="Consolas" w:eastAsia="Consolas" w:hAnsi="Consolas"'
    altered = _edit(
        docx,
        tmp_path / "t.docx",
        lambda x: x.replace(consolas, consolas.replace(b"Consolas", b"Arial")),
        part="word/styles.xml",
    )
    report = _agree(altered, session)
    assert len([f for f in report["findings"] if f["check"] == "code"]) == 50


def test_a_code_style_named_like_a_heading(
    docs: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    docx, session = docs["mixed"]
    altered = _edit(docx, tmp_path / "t.docx", _alter_styles, part="word/styles.xml")
    report = _agree(altered, session)
    assert report["stats"]["headings"] > 2000
    assert _bulk_share(altered)[0] > 0  # what _check_docx would cut, were the style plain
