"""Only the links a reader expects are clickable (http, https, mailto, ftp, anchors and
relative paths): javascript:, vbscript:, data:, file: and their disguises stay text."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from agentic_docgen.blocks.document import parse_markdown
from agentic_docgen.blocks.runs import clickable
from tests.conftest import invoke_cli

META = {"title": "T", "author": "A", "created": "2026-12-04T10:00:00+00:00"}


@pytest.mark.parametrize(
    "target",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html,<b>x",
     "file:///etc/passwd", "java\tscript:alert(1)", " javascript:alert(1)", "java\u200bscript:x",
     "\x01javascript:x", "jav\u00adascript:x"],
)  # fmt: skip
def test_schemes_that_run_code_are_not_clickable(target: str) -> None:
    assert not clickable(target)


@pytest.mark.parametrize(
    "target",
    ["https://example.com/a?b=c", "HTTP://EXAMPLE.COM", "mailto:ops@example.com",
     "ftp://files.example.com/x", "#section", "guide.md#setup", "../docs/a b.pdf"],
)  # fmt: skip
def test_what_a_reader_expects_stays_clickable(target: str) -> None:
    assert clickable(target)


def _links(structure: dict) -> list[str]:
    out = []
    for block in structure["blocks"]:
        out += [r["link"] for r in block.get("runs", []) if "link" in r]
    return out


def test_the_parser_keeps_their_text_and_names_them(session: Path) -> None:
    md = (
        "[a](javascript:alert(1)) [b][r] [c](&#106;avascript:alert(2)) [d](https://ok.example)"
        " <mailto:x@example.com>\n\n[r]: JaVaScRiPt:alert(3)\n"
    )
    structure, parser = parse_markdown(md, session, META)
    assert _links(structure) == ["https://ok.example", "mailto:x@example.com"]
    text = "".join(r.get("text", "") for r in structure["blocks"][0]["runs"])
    assert text.startswith("a b c d")
    assert sorted(parser.unsafe_links) == [
        "JaVaScRiPt:alert(3)", "javascript:alert(1)", "javascript:alert(2)",
    ]  # fmt: skip


def test_no_relationship_of_the_docx_runs_code(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text(
        "# A\n\n[x](javascript:alert(1)), [y](vbscript:x), [z](data:text/html;base64,PHNjcmlwdD4=)"
        ", [w](file:///etc/passwd), [ok](https://example.com)\n",
        "utf-8",
    )
    out = tmp_path / "a.docx"
    r = invoke_cli("convert", str(src), "-o", str(out), env={"DOCGEN_HOME": str(tmp_path / "h")})
    assert r.returncode == 0, r.stderr
    rels = zipfile.ZipFile(out).read("word/_rels/document.xml.rels").decode()
    for scheme in ("javascript", "vbscript", "data:", "file:"):
        assert scheme not in rels.lower()
    assert "https://example.com" in rels
    assert "4 link(s) with a scheme a reader does not expect" in r.stderr
