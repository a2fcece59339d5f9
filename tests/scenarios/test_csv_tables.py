"""A .csv/.tsv becomes a chapter holding a real Word table: header row repeated on each page,
every cell exactly as written (markup shown, not read), in the fidelity receipt; a file that
cannot be a table stays preformatted and says so (issue 16, item 2)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from docx import Document

from agentic_docgen.checks.fidelity import fidelity_receipt
from agentic_docgen.markdown import csvtable
from tests.conftest import invoke_cli

PRICES = (
    "Item;Price (€);Notes\n"
    'Widget;5,00;"has a ; semicolon"\n'
    "Gadget *bold*;12,50;pipe | inside and [link](x)\n"
    "<b>html</b>;3;`tick` $5 and $10\n"
    "Short row;1\n"
)


def _run(tmp_path: Path, files: dict[str, str]) -> tuple[dict, Path]:
    d = tmp_path / "in"
    d.mkdir()
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    out = tmp_path / "o.docx"
    proc = invoke_cli("convert", str(d), "-o", str(out), "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), out


def test_a_csv_is_a_table_with_every_cell_exact(tmp_path: Path) -> None:
    summary, out = _run(tmp_path, {"prices.csv": PRICES, "intro.md": "# Intro\n\ntext\n"})
    doc = Document(str(out))
    assert len(doc.tables) == 1
    cells = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert cells == [
        ["Item", "Price (€)", "Notes"],
        ["Widget", "5,00", "has a ; semicolon"],
        ["Gadget *bold*", "12,50", "pipe | inside and [link](x)"],
        ["<b>html</b>", "3", "`tick` $5 and $10"],
        ["Short row", "1", ""],
    ]
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "<w:tblHeader/>" in xml or '<w:tblHeader w:val="true"/>' in xml or "w:tblHeader" in xml
    receipt = summary["quality"]["fidelity"]
    assert receipt["missing_count"] == 0 and receipt["checked_lines"] >= 14


def test_a_tsv_and_a_comma_csv(tmp_path: Path) -> None:
    _, out = _run(
        tmp_path,
        {"a.tsv": "k\tv\nalpha\t1\n", "b.csv": 'name,quote\nx,"say ""hi"""\n'},
    )
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in Document(str(out)).tables]
    assert tables == [[["k", "v"], ["alpha", "1"]], [["name", "quote"], ["x", 'say "hi"']]]


def test_cells_with_line_breaks_stay_preformatted_and_say_so(tmp_path: Path) -> None:
    text = 'id,comment\n1,"first line\nsecond line"\n2,plain\n'
    summary, out = _run(tmp_path, {"multi.csv": text})
    doc = Document(str(out))
    assert not doc.tables
    paras = [p.text for p in doc.paragraphs]
    assert any("not as a table" in p and "line breaks" in p for p in paras)
    code = [p.text for p in doc.paragraphs if p.style.name == "Source Code"]
    assert code == text.rstrip("\n").split("\n")
    assert summary["quality"]["fidelity"]["missing_count"] == 0


def test_a_file_too_large_for_a_table_stays_preformatted(tmp_path: Path) -> None:
    rows = csvtable.MAX_CELLS // 2 + 10
    text = "a,b\n" + "".join(f"{i},{i * 2}\n" for i in range(rows))
    summary, out = _run(tmp_path, {"big.csv": text})
    doc = Document(str(out))
    assert not doc.tables
    assert any("too large" in p.text for p in doc.paragraphs)
    assert summary["quality"]["fidelity"]["missing_count"] == 0


def test_the_receipt_misses_a_cell_that_is_not_there(tmp_path: Path) -> None:
    summary, _ = _run(tmp_path, {"prices.csv": PRICES})
    session = Path(summary["session_dir"])
    body = ["Item", "Price (€)", "Notes", "Widget", "5,00"]  # the rest lost
    receipt = fidelity_receipt(session, [], body)
    assert receipt["missing_count"] > 0
    assert receipt["missing"][0] == {"file": "prices.csv", "line": 2, "text": "has a ; semicolon"}
