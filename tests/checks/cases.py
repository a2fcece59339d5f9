"""Shared cases of the read-back tests: reference implementations (the way it was done before
the bulk paths), documents and the edits applied to them."""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from agentic_docgen.blocks.contract import visible
from agentic_docgen.checks import docx_reader, fidelity, quality, wordml
from agentic_docgen.checks.docx_bulk import BulkReader, CodeRun
from agentic_docgen.markdown.ansi import strip
from agentic_docgen.markdown.lines import split_lines

CODE_STYLES = wordml.CODE_STYLES


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
            line = visible(strip(sources[name][number - 1]))  # escapes: markdown.ansi
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


def _code_paragraphs(xml: bytes) -> list[re.Match[bytes]]:
    return list(re.finditer(rb'<w:p><w:pPr><w:pStyle w:val="LogOutput"/>.*?</w:p>', xml))


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
