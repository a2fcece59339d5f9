"""Footnotes belong to their file: two files that each define `[^1]` (the usual case in a
folder of notes) give two footnotes, each reference numbered to its own file's note."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from tests.conftest import invoke_cli


def test_two_files_each_with_footnote_1(tmp_path: Path) -> None:
    src = tmp_path / "notes"
    src.mkdir()
    (src / "a.md").write_text("# A\n\nAlpha[^1] and [^nowhere].\n\n[^1]: the note of a\n")
    (src / "b.md").write_text("# B\n\nBeta[^1], again[^1].\n\n[^1]: the note of b\n")
    out = tmp_path / "n.docx"
    r = invoke_cli("convert", str(src), "-o", str(out), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["status"] == "complete"
    with zipfile.ZipFile(out) as zf:
        notes = zf.read("word/footnotes.xml").decode()
        body = zf.read("word/document.xml").decode()
    text = lambda xml: "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))  # noqa: E731
    assert text(notes).count("the note of a") == 1 and text(notes).count("the note of b") == 1
    refs = re.findall(r'<w:footnoteReference w:id="(\d+)"/>', body)
    assert len(refs) == 2 and refs[0] != refs[1]  # a's and b's notes (b's second: its number)
    assert "[^nowhere]" in text(body)  # an undefined reference shows its label, as typed
