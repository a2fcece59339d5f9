"""The bulk read-back of code paragraphs (docx_bulk.BulkReader) and the bulk fidelity receipt give
exactly what reading every paragraph with lxml and matching every line one by one gives, on
real converter output and on documents altered so that the bulk path has to step aside."""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from agentic_docgen.blocks.contract import visible
from agentic_docgen.checks import docx_reader, fidelity, quality, wordml
from agentic_docgen.checks.docx_bulk import BulkReader, CodeRun
from agentic_docgen.entry.api import generate_document
from agentic_docgen.markdown.lines import split_lines

from .conftest import EXAMPLES

CODE_STYLES = wordml.CODE_STYLES


# ----- references: the way it was done before the bulk paths ----------------------------------


def _reference_receipt(session_dir: Path, code: list[str], body: list[str]) -> dict[str, Any]:
    """The receipt computed line by line (the original algorithm)."""
    sources: dict[str, list[str]] = {}
    total = found = 0
    missing: list[dict[str, Any]] = []
    code_pos = 0
    body_text = "\n".join(re.sub(r"\s+", " ", t) for t in body)
    body_pos = 0
    for span in fidelity._spans(session_dir):
        if span["as"] not in ("code", "text", "prose"):
            continue
        name = span["file"]
        if name not in sources:
            sources[name] = split_lines((session_dir / "inputs" / name).read_text("utf-8"))
        for number in range(span["start"], span["end"] + 1):
            line = visible(sources[name][number - 1])
            if span["as"] == "prose":
                want = re.sub(r"\s+", " ", line).strip()
                if not want:
                    continue
                total += 1
                at = body_text.find(want, body_pos)
                if at >= 0:
                    found += 1
                    body_pos = at + len(want)
                    continue
            else:
                total += 1
                try:
                    code_pos = code.index(line, code_pos) + 1
                    found += 1
                    continue
                except ValueError:
                    pass
            if len(missing) < 20:
                missing.append({"file": name, "line": number, "text": line[:80]})
    return {
        "checked_lines": total,
        "found": found,
        "missing": missing,
        "missing_count": total - found,
        "score": round(100.0 * found / total, 2) if total else 100.0,
    }


def _texts(docx: Path) -> tuple[list[str], list[str]]:
    """Code and body paragraph texts, every paragraph read by lxml."""
    code: list[str] = []
    body: list[str] = []
    with zipfile.ZipFile(docx) as zf:
        xml = zf.read("word/document.xml")
    for _, el in etree.iterparse(io.BytesIO(xml), tag=f"{{{wordml.W}}}p", huge_tree=True):
        style = el.find(f"{{{wordml.W}}}pPr/{{{wordml.W}}}pStyle")
        sid = style.get(f"{{{wordml.W}}}val") if style is not None else ""
        (code if sid in CODE_STYLES else body).append(wordml.paragraph_text(el))
    return code, body


def _bulk_share(docx: Path) -> tuple[int, int]:
    """Code paragraphs read in bulk, and paragraphs lxml read."""
    bulk = lxml = 0
    with zipfile.ZipFile(docx) as zf, zf.open("word/document.xml") as fh:
        size = zf.getinfo("word/document.xml").file_size
        for item in docx_reader.document_items(fh, size, BulkReader(set(CODE_STYLES))):
            if isinstance(item, CodeRun):
                bulk += item.count
            elif item.tag == f"{{{wordml.W}}}p":
                lxml += 1
    return bulk, lxml


_PLAIN: dict[tuple[Path, Path | None], dict[str, Any]] = {}


def _agree(docx: Path, session: Path | None, reference: bool = True) -> dict[str, Any]:
    """check_docx (bulk), the lxml-only read and, with a session and `reference`, the
    line-by-line receipt all agree; the report is returned. (The lxml-only report is kept:
    tests do not change a file once written, and write changed copies to new paths.)"""
    fast = quality.check_docx(docx, session)
    key = (docx, session)
    plain = _PLAIN.get(key) or quality._check_docx(docx, session, bulk=False)
    _PLAIN[key] = plain
    assert fast == plain
    if session is not None and reference:
        code, body = _texts(docx)
        assert fast["fidelity"] == _reference_receipt(session, code, body)
        assert fidelity.fidelity_receipt(session, code, body) == fast["fidelity"]
    return fast


def _edit(docx: Path, out: Path, change: Callable[[bytes], bytes], part: str = "") -> Path:
    """A copy of docx with word/document.xml (or `part`) changed."""
    part = part or "word/document.xml"
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, change(data) if item.filename == part else data)
    return out


# ----- documents, converted once per module -----------------------------------------------------


def _log_lines(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    levels = ["INFO "] * 10 + ["WARN ", "ERROR", "DEBUG", "TRACE"]
    words = ["worker", "queue", "lease", "job", "heartbeat", "ok", "started", "retried", "api"]
    extras = [
        "\tafter a tab\t",
        " <tag attr=\"x\"> & 'y' > &amp; &lt;",
        " ctrl \x01\x1b[0m bell\x07 ff\x0c del\x7f",
        " nul\x00.",
        " del\x7f alone",
        " caf\u00e9 \u65e5\u672c \U0001f642 \u2028",
        " carriage\rreturn",
        "    indented   ",
        " ]]> cdata-like <!-- not a comment --> <?pi?>",
        ' <w:p><w:pPr><w:pStyle w:val="LogOutput"/></w:pPr></w:p>',
    ]
    out = []
    for i in range(n):
        r = rnd.random()
        if r < 0.03:
            out.append("")
            continue
        msg = " ".join(rnd.choice(words) for _ in range(rnd.randint(2, 9)))
        if r < 0.2:
            msg += rnd.choice(extras)
        elif r < 0.201:
            msg += " long " + "x" * 5000
        out.append(f"2026-11-02 10:{i // 60 % 60:02d}:{i % 60:02d},{i % 1000:03d} "
                   f"{rnd.choice(levels)} [w{i % 7}] {msg}")  # fmt: skip
    return out


MARKDOWN = """# Title

Some text & more <stuff>, with `inline code` and a\ttab.

1. First item

   ```python
   def f(x):
   \treturn x  # tab & <b>
   ```

   - nested item

     ```
     nested code <&> "q" 'a'

     after an empty line
     ```

2. Second

| a | b |
|---|---|
| `code` | text &amp; |
| x | y |

> quote with code:
>
> ```sh
> ls -la
> ```

## Sub

```log
2026-01-01 00:00:00 ERROR boom
2026-01-01 00:00:01 WARN careful\ttab
```

Text after.
"""


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """name -> (docx, session dir). "log": a 1 MB hostile log with a prose and a text file;
    "mixed": the examples, a smaller log, and markdown with code in lists, a table and a
    quote."""
    base = tmp_path_factory.mktemp("quality-fast")
    sessions = base / "sessions"
    inputs: dict[str, Callable[[Path], Any]] = {
        "mixed": lambda d: (
            shutil.copytree(EXAMPLES, d, dirs_exist_ok=True),
            (d / "small.log").write_text("\n".join(_log_lines(2500, 2))),
            (d / "doc.md").write_text(MARKDOWN),
        ),
        "log": lambda d: (
            (d / "big.log").write_bytes(
                "\n".join(_log_lines(14000, 1)).encode().replace(b"return", b"return\r\n", 3)
                + b"\r\n"
            ),
            (d / "notes.txt").write_text(
                "A plain paragraph\nwrapped on two lines & <more>.\n\n"
                "    indented block\n    \tsecond line\n\nLast words.\n"
            ),
        ),
    }
    out = {}
    for name, build in inputs.items():
        d = base / name
        d.mkdir()
        build(d)
        result = generate_document(d, base / f"{name}.docx", sessions_dir=sessions, force=True)
        assert result.status == "complete", result.errors
        assert result.session_dir
        out[name] = (base / f"{name}.docx", Path(result.session_dir))
    return out


# ----- tests ------------------------------------------------------------------------------------


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


def _code_paragraphs(xml: bytes) -> list[re.Match[bytes]]:
    return list(re.finditer(rb'<w:p><w:pPr><w:pStyle w:val="LogOutput"/>.*?</w:p>', xml))


def test_an_altered_line_in_a_big_log_is_missing_at_its_number(
    docs: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    docx, session = docs["log"]
    lines = split_lines((session / "inputs" / "big.log").read_text("utf-8"))
    number = 9001
    while "\t" in lines[number - 1] or "&" in lines[number - 1] or not lines[number - 1]:
        number += 1
    line = lines[number - 1]
    old = line[-12:].encode()

    def alter(xml: bytes) -> bytes:
        at = xml.index(old, xml.index(line[:30].encode()))
        return xml[:at] + b"X" + xml[at + 1 :]

    report = _agree(_edit(docx, tmp_path / "t.docx", alter), session)
    receipt = report["fidelity"]
    assert receipt["missing_count"] == 1
    assert receipt["missing"][0]["line"] == number
    assert receipt["missing"][0]["text"] == visible(line)[:80]
    assert not report["pass"]
    assert [f["check"] for f in report["findings"]] == ["fidelity"]
    assert f"big.log:{number} not found" in report["findings"][0]["message"]


def test_a_dropped_and_a_doubled_line(docs: dict[str, tuple[Path, Path]], tmp_path: Path) -> None:
    docx, session = docs["mixed"]

    def change(xml: bytes) -> bytes:
        paras = _code_paragraphs(xml)
        drop, double = paras[500], paras[2000]
        return (
            xml[: drop.start()]
            + xml[drop.end() : double.end()]
            + double.group()
            + xml[double.end() :]
        )

    receipt = _agree(_edit(docx, tmp_path / "t.docx", change), session)["fidelity"]
    assert receipt["missing_count"] >= 1


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


def _alter_styles(xml: bytes) -> bytes:
    return xml.replace(b'<w:name w:val="Log Output"/>', b'<w:name w:val="heading 2"/>')


CHANGES: dict[str, Callable[[bytes], bytes]] = {
    # a comment could hide markup: nothing after it is cut
    "comment": lambda x: x.replace(b"<w:body>", b"<w:body><!-- <w:p></w:p> -->", 1),
    # an image in a code line: lxml reads that paragraph, the image is counted and checked
    "drawing": lambda x: _nth_code(
        x,
        1500,
        lambda p: p.replace(
            b"</w:r></w:p>",
            b'</w:r><w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/'
            b'drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships" r:embed="rId999"/></w:drawing></w:r></w:p>',
        ),
    ),
    # a text box in a code line: the paragraphs in it are not cut out of it
    "text box": lambda x: _nth_code(
        x,
        1500,
        lambda p: p.replace(
            b"</w:r></w:p>",
            b"</w:r><w:r><w:pict><w:txbxContent>"
            + _code_paragraphs(x)[1501].group() * 3
            + b"</w:txbxContent></w:pict></w:r></w:p>",
        ),
    ),
    "line breaks, a character reference, a raw CR": lambda x: _nth_code(
        x,
        100,
        lambda p: p.replace(b"<w:t", b"<w:br/><w:t", 1).replace(b"</w:t>", b"&#13;a\rb</w:t>"),
    ),
    # markup-like text where lxml sees no element: nothing after it is cut
    "a commented-out code line": lambda x: _nth_code(x, 900, lambda p: b"<!--" + p + b"-->" + p),
    "a processing instruction": lambda x: _nth_code(x, 900, lambda p: b"<?x " + p + b"?>" + p),
    "a CDATA section": lambda x: _nth_code(
        x, 900, lambda p: p.replace(b"</w:t>", b"<![CDATA[</w:t></w:r></w:p>" + p + b"]]></w:t>")
    ),
    # the prefix w bound to another namespace around some code lines: they are no paragraphs
    "w rebound": lambda x: _nth_code(
        x, 900, lambda p: b'<x:box xmlns:x="urn:x" xmlns:w="urn:other">' + p * 3 + b"</x:box>" + p
    ),
    # a paragraph under another prefix, with code lines in a text box inside it
    "another prefix for WordprocessingML": lambda x: _nth_code(
        x,
        900,
        lambda p: (
            p.replace(b"<w:p><w:pPr>", b"<q:p><q:pPr>", 1)
            .replace(b"</w:pStyle>", b"</q:pStyle>")
            .replace(
                b'<w:pStyle w:val="LogOutput"/></w:pPr>',
                b'<q:pStyle q:val="LogOutput"/></q:pPr>',
                1,
            )
            .replace(
                b"</w:r></w:p>",
                b"</w:r><q:r><q:pict><q:txbxContent>"
                + p * 2
                + b"</q:txbxContent></q:pict></q:r></q:p>",
            )
            .replace(
                b"<q:p>",
                b'<q:p xmlns:q="http://schemas.openxmlformats.org/wordprocessingml/2006/main">',
                1,
            )
        ),
    ),
    # w is not WordprocessingML: there is no paragraph at all
    "w bound to another namespace": lambda x: x.replace(
        b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
        b'xmlns:w="urn:other"',
    ),
    "attributes in another order": lambda x: x.replace(
        b'<w:spacing w:before="120"/>', b'<w:spacing w:line="240" w:before="120"/>'
    ),
    "a paragraph with attributes": lambda x: _nth_code(
        x, 50, lambda p: p.replace(b"<w:p>", b'<w:p w14:paraId="1A2B3C4D">')
    ),
    "a self-closing paragraph": lambda x: _nth_code(x, 50, lambda p: b"<w:p/>" + p),
    "the prefix w bound twice": lambda x: _nth_code(
        x,
        2000,
        lambda p: p.replace(
            b"<w:p>",
            b'<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">',
        ),
    ),
}


LOCAL = {
    "drawing",
    "text box",
    "line breaks, a character reference, a raw CR",
    "attributes in another order",
    "a paragraph with attributes",
    "a self-closing paragraph",
}


def _nth_code(xml: bytes, n: int, change: Callable[[bytes], bytes]) -> bytes:
    """xml with the first log line paragraph from the n-th on that has text changed."""
    m = next(m for m in _code_paragraphs(xml)[n:] if b"</w:t></w:r></w:p>" in m.group())
    return xml[: m.start()] + change(m.group()) + xml[m.end() :]


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


def test_a_code_style_named_like_a_heading(
    docs: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    docx, session = docs["mixed"]
    altered = _edit(docx, tmp_path / "t.docx", _alter_styles, part="word/styles.xml")
    report = _agree(altered, session)
    assert report["stats"]["headings"] > 2000
    assert _bulk_share(altered)[0] > 0  # what _check_docx would cut, were the style plain


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


# ----- the receipt alone ------------------------------------------------------------------------


def test_receipt_in_bulk_equals_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Random sources and random documents made from them (lines dropped, changed, doubled,
    added), with small blocks so that every level of the bulk comparison is used."""
    monkeypatch.setattr(fidelity, "_BLOCK", 200)
    rnd = random.Random(11)
    alphabet = ["a", "b", " ", "\t", "\x01", "\x7f", "\x00", "\u00e9", "\ufffe", "\r", "\x0c"]
    for trial in range(40):
        session = tmp_path / f"s{trial}"
        (session / "inputs").mkdir(parents=True)
        spans, code, body = [], [], []
        md = 0
        for f in range(rnd.randint(1, 3)):
            lines = [
                "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 6)))
                for _ in range(rnd.randint(1, 900))
            ]
            name = f"f{f}.log"
            (session / "inputs" / name).write_text("\n".join(lines) + rnd.choice(["", "\n"]))
            lines = split_lines((session / "inputs" / name).read_text("utf-8"))
            pos = 1
            while pos <= len(lines):
                end = min(len(lines), pos + rnd.randint(0, 400))
                kind = rnd.choice(["code", "code", "text", "prose", "markdown"])
                spans.append({"file": name, "start": pos, "end": end, "as": kind, "md_first": md})
                md += 1
                for line in lines[pos - 1 : end]:
                    shown = visible(line)
                    r = rnd.random()
                    target = body if kind in ("prose", "markdown") else code
                    if r < 0.01:
                        continue
                    if r < 0.02:
                        shown += "x"
                    elif r < 0.03:
                        target.append(shown)
                    elif r < 0.035:
                        target.append("a\nb")
                    target.append(shown)
                pos = end + 1
        (session / "spans.jsonl").write_text("".join(json.dumps(s) + "\n" for s in spans))
        expected = _reference_receipt(session, code, body)
        assert fidelity.fidelity_receipt(session, code, body) == expected
        encoded = [t.replace("\n", "\x00") + "\n" for t in code]
        parts, i = [], 0
        while i < len(encoded):
            k = rnd.choice([1, 2, 50, 1000])
            parts.append("".join(encoded[i : i + k]))
            i += k
        got = fidelity.fidelity_receipt_parts(session, parts, body, xml_text=True)
        assert got == expected


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
