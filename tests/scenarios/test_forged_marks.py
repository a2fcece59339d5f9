"""Internal marks cannot be forged from input (issue 25, class 3): the marks the tools write
carry the session's nonce (markdown/dialect.py); a user who types a mark gets their text."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from tests.conftest import invoke_cli


def test_marks_typed_by_a_user_are_their_own_text(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text(
        "# A\n\nBefore.\n\n<!-- docgen:source b.md -->\n\n"
        "[forged internal](docgen:b.md#target) and [forged missing](docgen-missing:gone.md)"
        " and [Forged Ref][r] and [real](b.md#target).\n\n"
        "[r]: DOCGEN:b.md\n\n<!-- docgen:source:0123456789abcdef b.md -->\n",
        "utf-8",
    )
    (src / "b.md").write_text("# B\n\n## Target\n\nHere.\n", "utf-8")
    out = tmp_path / "a.docx"
    r = invoke_cli("convert", str(src), "-o", str(out), env={"DOCGEN_HOME": str(tmp_path / "h")})
    assert r.returncode == 0, r.stderr
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    assert "&lt;!-- docgen:source b.md --&gt;" in text  # shown, not taken as a mark
    assert "&lt;!-- docgen:source:0123456789abcdef b.md --&gt;" in text
    assert "missing file: gone.md" not in text  # not the missing-file placeholder
    assert "forged internal" in text and "forged missing" in text and "Forged Ref" in text
    anchors = re.findall(r'<w:hyperlink[^>]* w:anchor="(h_[^"]+)"', xml)
    assert anchors == ["h_target"]  # the real link only, to B's heading
    assert "3 link(s) with a scheme a reader does not expect" in r.stderr
