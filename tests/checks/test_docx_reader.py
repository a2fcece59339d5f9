"""The streaming read-back of document.xml (checks/docx_reader.py, docx_bulk.py) gives what
lxml's plain read gives, at any chunk boundary and on unusual XML."""

from __future__ import annotations

import random
import re
import threading
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from agentic_docgen.checks import docx_reader, fidelity, quality
from tests.checks.cases import (
    CHANGES,
    LOCAL,
    _agree,
    _bulk_share,
    _edit,
    _nth_code,
)


@pytest.mark.parametrize("name", ["mixed", "log"])
def test_bulk_read_equals_lxml_read(docs: dict[str, tuple[Path, Path]], name: str) -> None:
    docx, session = docs[name]
    report = _agree(docx, session)
    assert report == _agree(docx, None) | {"fidelity": report["fidelity"]}
    assert report["pass"], report
    bulk, lxml = _bulk_share(docx)
    assert bulk > 0
    if name == "log":
        assert report["fidelity"]["checked_lines"] > 14000
        assert report["fidelity"]["score"] == 100.0
        assert lxml < 40 and bulk == report["stats"]["code_lines"]


@pytest.mark.parametrize("chunk", [997, 4096, 65536])
def test_chunk_boundaries_anywhere(
    docs: dict[str, tuple[Path, Path]], chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docx_reader, "_CHUNK", chunk)
    for docx, session in docs.values():
        _agree(docx, session, reference=False)


def test_the_reader_thread(
    docs: dict[str, tuple[Path, Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Big documents are inflated by a helper thread; it is gone after an error too."""
    monkeypatch.setattr(docx_reader, "_THREAD_MIN", 0)
    monkeypatch.setattr(docx_reader, "_CHUNK", 1 << 16)
    docx, session = docs["log"]
    _agree(docx, session, reference=False)
    altered = _edit(
        docs["mixed"][0],
        tmp_path / "t.docx",
        lambda x: x.replace(b"</w:tcPr>", b'<w:gridSpan w:val="two"/></w:tcPr>', 1),
    )
    for bulk in (True, False):
        with pytest.raises(ValueError):
            quality._check_docx(altered, None, bulk=bulk)
        assert not [t for t in threading.enumerate() if t.name == "docx-reader"]


@pytest.mark.parametrize("name", list(CHANGES))
def test_unusual_xml_gets_the_same_report(
    docs: dict[str, tuple[Path, Path]], tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx, session = docs["mixed"]
    altered = _edit(docx, tmp_path / "t.docx", CHANGES[name])
    _agree(altered, session)
    monkeypatch.setattr(docx_reader, "_CHUNK", 5000)
    _agree(altered, session, reference=False)
    if name in LOCAL:  # lxml reads what is unusual, the rest is still read in bulk
        assert _bulk_share(altered)[0] > 2700


def test_characters_visible_replaces_put_back_raw(
    docs: dict[str, tuple[Path, Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DEL is an XML character and a line break reads as a newline: a document that holds
    them where the source had DEL and NUL still lacks the lines as the tools copied them."""
    monkeypatch.setattr(fidelity, "_BLOCK", 3)
    docx, session = docs["mixed"]
    altered = _edit(
        docx,
        tmp_path / "t.docx",
        lambda x: x.replace("\u2421".encode(), b"\x7f").replace(
            "\u2400".encode(), b'</w:t><w:br/><w:t xml:space="preserve">'
        ),
    )
    receipt = _agree(altered, session)["fidelity"]
    assert receipt["missing_count"] > 10


@pytest.mark.parametrize(
    "bad", [b"\x01", b"\xef\xbf\xbe", b"\xff", b"\x00", b"&bogus;", b"]]>", b"<w:t>"]
)
def test_malformed_text_stops_both_ways(
    docs: dict[str, tuple[Path, Path]], tmp_path: Path, bad: bytes
) -> None:
    docx, session = docs["mixed"]
    altered = _edit(
        docx,
        tmp_path / "t.docx",
        lambda x: _nth_code(x, 1200, lambda p: p.replace(b"</w:t>", bad + b"</w:t>", 1)),
    )
    with pytest.raises(etree.XMLSyntaxError):
        quality._check_docx(altered, session, bulk=False)
    with pytest.raises(etree.XMLSyntaxError):
        quality.check_docx(altered, session)


def test_random_edits_of_code_paragraphs(
    docs: dict[str, tuple[Path, Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small edits that keep the XML well formed, at random places."""
    docx, session = docs["mixed"]
    edits = [
        (b"<w:tab/>", b"<w:tab/><w:tab/>"),
        (b"</w:t>", b"&amp;&lt;</w:t>"),
        (b'<w:t xml:space="preserve">', b"<w:t>"),
        (b"</w:r>", b"</w:r><w:r><w:br/></w:r>"),
        (b'<w:color w:val="', b'<w:b/><w:color w:val="'),
        (b"SourceCode", b"LogOutput"),
        (b"LogOutput", b"SourceCode"),
        (b"</w:pPr>", b'<w:jc w:val="left"/></w:pPr>'),
        (b"<w:r>", b'<w:r><w:rPr><w:rFonts w:ascii="Menlo"/></w:rPr>'),
        (b"<w:r><w:t", b'<w:r><w:rPr><w:rFonts w:ascii="Times"/></w:rPr><w:t'),
    ]
    rnd = random.Random(7)
    with zipfile.ZipFile(docx) as zf:
        original = zf.read("word/document.xml")
    code = [
        m.span() for m in re.finditer(rb'<w:p><w:pPr><w:pStyle w:val="\w+"/>.*?</w:p>', original)
    ]
    for i in range(8):
        xml = original
        for start, end in sorted(rnd.sample(code, 8), reverse=True):
            para = xml[start:end]
            old, new = rnd.choice(edits)
            xml = xml[:start] + para.replace(old, new, 1) + xml[end:]
        altered = _edit(docx, tmp_path / f"r{i}.docx", lambda _, xml=xml: xml)
        monkeypatch.setattr(docx_reader, "_CHUNK", rnd.choice([300, 2000, 1 << 22]))
        _agree(altered, session, reference=i < 2)


def test_drop_before_frees_paragraphs_but_keeps_other_elements() -> None:
    """Paragraphs and tables already read are freed; anything else (the table of contents:
    deleting it once lxml has handed out its thousands of paragraphs costs seconds) stays."""
    from lxml import etree

    from agentic_docgen.checks.docx_reader import drop_before
    from agentic_docgen.checks.wordml import W

    body = etree.fromstring(
        f'<w:body xmlns:w="{W}"><w:p/><w:sdt><w:p/></w:sdt><w:p/><w:tbl/><w:p/><w:p/></w:body>'
    )
    last = body[-1]
    drop_before(last)
    assert [etree.QName(c).localname for c in body] == ["p", "sdt", "p"]
    drop_before(body[1])
    assert [etree.QName(c).localname for c in body] == ["sdt", "p"]
