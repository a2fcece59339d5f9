"""A link written in code is text, shown as written: the copy points links and images at
their session copies, internal bookmarks or missing-file placeholders only where the parser
reads a link, never in a fenced or indented code block (at any depth) or a code span.
(Found at the resume round: a shell example holding `[the setup](setup.md)` came out as
`docgen-missing-<nonce>:setup.md` when setup.md was missing.)"""

from __future__ import annotations

import json
import re
import struct
import zipfile
import zlib
from pathlib import Path

from agentic_docgen.markdown import analysis
from agentic_docgen.markdown.lines import code_spans, rewrite_destinations, split_lines
from tests.conftest import invoke_cli

TEXT = """# Guide

See [the setup](setup.md), [the notes](notes.md) and ![logo](logo.png).

```sh
echo "[the setup](setup.md) ![logo](logo.png)"
```

1. Run it:

   ```sh
   curl [the notes](notes.md)
   ```

2. Then [the notes](notes.md) again.

> quoted [the setup](setup.md)
>
>     indented in a quote [the setup](setup.md)

    indented [the notes](notes.md)

Inline `[the setup](setup.md)` and ``![logo](logo.png)`` in spans, \\`[real](notes.md)\\`.

[the setup]: setup.md
"""

MAPPING = {
    "setup.md": "MISSING:setup.md",
    "notes.md": "INTERNAL:notes.md",
    "logo.png": "assets/logo.png",
}


def test_only_the_links_the_parser_reads_are_rewritten() -> None:
    lines = split_lines(TEXT)
    fresh = analysis.fresh(lines)  # a parse of its own, not kept
    reading = analysis.read(lines, inline=False)
    assert fresh.code == reading.code and reading.code
    out = rewrite_destinations(TEXT, MAPPING, reading.code).split("\n")
    before = TEXT.split("\n")
    changed = {i for i, (a, b) in enumerate(zip(before, out, strict=True)) if a != b}
    kept = {i for i, line in enumerate(before) if "echo" in line or "curl" in line}
    kept |= {i for i, line in enumerate(before) if "indented" in line}
    assert not changed & kept, [out[i] for i in changed & kept]
    text = "\n".join(out)
    # the links read as links: the paragraph's three, the list item's, the quote's, the
    # escaped backticks' (no span there) and the definition's
    assert "[the setup](MISSING:setup.md), [the notes](INTERNAL:notes.md)" in text
    assert "![logo](assets/logo.png)." in text
    assert "2. Then [the notes](INTERNAL:notes.md) again." in text
    assert "> quoted [the setup](MISSING:setup.md)" in text
    assert "\\`[real](INTERNAL:notes.md)\\`" in text
    assert "[the setup]: MISSING:setup.md" in text
    # and the spans are as written
    assert "Inline `[the setup](setup.md)` and ``![logo](logo.png)`` in spans" in text


def test_code_spans() -> None:
    assert code_spans("a `b` c ``d ` e`` f") == [(2, 5), (8, 17)]
    assert code_spans("\\`not a span`") == []
    assert code_spans("``` unmatched `x`") == [(14, 17)]


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xc8\x1e\x1e" * 8 for _ in range(4))
    header = struct.pack(">IIBBBBB", 8, 4, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_a_conversion_keeps_code_as_written(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "guide.md").write_text(TEXT, encoding="utf-8")
    (src / "notes.md").write_text("# Notes\n\nSome notes.\n", encoding="utf-8")
    (src / "logo.png").write_bytes(_png())
    out = tmp_path / "o.docx"
    result = invoke_cli(
        "convert",
        str(src),
        "-o",
        str(out),
        "--on-missing",
        "skip",
        "--json",
        env={"DOCGEN_HOME": str(tmp_path / "home")},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    paragraphs = [
        "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
        for p in re.findall(r"<w:p[ >].*?</w:p>", xml)
    ]
    text = "\n".join(p.replace("&quot;", '"').replace("&amp;", "&") for p in paragraphs)
    for line in (
        'echo "[the setup](setup.md) ![logo](logo.png)"',
        "curl [the notes](notes.md)",
        "indented in a quote [the setup](setup.md)",
        "indented [the notes](notes.md)",
        "[the setup](setup.md)",  # the code span
        "![logo](logo.png)",
    ):
        assert line in text, line
    assert "docgen-missing" not in text and "docgen:" not in text
    assert media, "the image is embedded"
    assert any("setup.md" in w and "missing" in w for w in report["warnings"])
