"""A markdown table wider than a page (issue 25, class 5: a 100,000-column row took the
converter to 0.9 GB and the read-back past 2 GB, and Word opens no table wider than 63
columns): it is cut into tables of MAX_COLUMNS columns in reading order, every cell kept
(the first column, the rows' names, repeated in each),
with one warning naming the file."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from agentic_docgen.markdown.csvtable import MAX_COLUMNS
from tests.conftest import invoke_cli


def test_a_feature_matrix_wider_than_a_page_is_cut_every_cell_kept(tmp_path: Path) -> None:
    src = tmp_path / "docs"
    src.mkdir()
    n = 3 * MAX_COLUMNS + 7
    header = "| Feature | " + " | ".join(f"v{i // 10}.{i % 10}" for i in range(n - 1)) + " |"
    sep = "|" + "|".join([":---", *[":-:"] * (n - 1)]) + "|"
    rows = [
        f"| {name} | " + " | ".join(f"{name[:3]}-{i}" for i in range(n - 1)) + " |"
        for name in ("Export", "Sync", "Audit log")
    ]
    (src / "matrix.md").write_text(
        "# Release matrix\n\nWhich version brought what.\n\n"
        + "\n".join([header, sep, *rows])
        + "\n\nEnd of the matrix.\n",
        encoding="utf-8",
    )
    (src / "small.md").write_text("# Small\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "utf-8")
    out = tmp_path / "o.docx"
    result = invoke_cli("convert", str(src), "-o", str(out), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["status"] == "complete"
    wide = [w for w in summary["warnings"] if "wider than a page" in w]
    assert len(wide) == 1 and "matrix.md" in wide[0] and f"{n:,} columns" in wide[0]
    with zipfile.ZipFile(out) as zf:
        body = zf.read("word/document.xml").decode()
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", body, re.S)
    widths = [t.count("<w:gridCol ") for t in tables]
    assert widths == [MAX_COLUMNS, MAX_COLUMNS, MAX_COLUMNS, 10, 2]  # the small one as it was
    for table in tables[1:4]:  # each piece names its rows again
        assert re.sub(r"<[^>]+>", " ", table).split()[0] == "Feature"
    text = re.sub(r"<[^>]+>", " ", body)
    for i in range(n - 1):
        for cell in (f"v{i // 10}.{i % 10}", f"Exp-{i}", f"Aud-{i}"):
            assert f" {cell} " in text, cell
    assert text.index("Exp-0 ") < text.index(f"Exp-{n - 2} ") < text.index("End of the matrix")
