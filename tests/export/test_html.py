"""The HTML page from block JSON written by hand: hostile text stays text, only the session's
assets are read, big code bodies are streamed, footnotes and figures are numbered."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from agentic_docgen.export.html import write_html

CONVERTER = Path(__file__).resolve().parents[2] / "converter"


def page(session: Path, blocks: list[dict[str, Any]], **extra: Any) -> str:
    structure = {"schema": 1, "meta": {"title": "T", "author": "", "toc": True}, "blocks": blocks}
    structure.update(extra)
    out = session / "page.html"
    write_html(structure, session, out, "node", CONVERTER)
    return out.read_text()


def para(*runs: dict[str, Any]) -> dict[str, Any]:
    return {"type": "paragraph", "runs": list(runs)}


def test_user_text_is_escaped_everywhere(session: Path) -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    html = page(
        session,
        [
            {"type": "heading", "level": 1, "runs": [{"text": hostile}], "id": 'h_"><b>x'},
            para({"text": hostile, "bold": True}, {"text": "click", "link": "javascript:alert(1)"}),
            para({"text": "q", "link": 'https://e.com/?a="b"&c=<d>'}),
            {"type": "code", "language": "html", "text": hostile},
            {"type": "table", "align": [None], "header": [[{"text": hostile}]], "rows": []},
        ],
        meta={"title": hostile, "author": hostile, "toc": True},
    )
    dom = LexborHTMLParser(html)
    assert dom.css("script") == [] and dom.css("img") == [] and dom.css("b") == []
    assert dom.css_first("h1.title").text() == hostile
    assert dom.css_first("title").text() == hostile
    assert [a.attributes.get("href") for a in dom.css("main a")] == [
        None,  # javascript: is no link
        'https://e.com/?a="b"&c=<d>',
    ]
    assert dom.css_first("nav.toc a").attributes["href"] == '#h_"><b>x'
    assert dom.css_first("main h1").attributes["id"] == 'h_"><b>x'


def test_only_the_sessions_assets_are_read(session: Path, tmp_path_factory: Any) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.png"
    outside.write_bytes(b"secret")
    os.symlink(outside, session / "assets" / "link.png")
    html = page(
        session,
        [
            para({"image": {"path": str(outside), "width": 4, "height": 4, "alt": "a"}}),
            para(
                {"image": {"path": str(session / "assets" / "link.png"), "width": 4, "height": 4}}
            ),
            para({"image": {"path": "/elsewhere/assets/pic.png", "width": 40, "height": 20}}),
            para({"missing_image": {"ref": "img/<gone>.png", "alt": ""}}),
        ],
    )
    dom = LexborHTMLParser(html)
    assert "c2VjcmV0" not in html  # base64 of "secret"
    srcs = [i.attributes["src"] for i in dom.css("img")]
    assert len(srcs) == 1 and srcs[0].startswith("data:image/png;base64,")  # found by name
    texts = [s.text() for s in dom.css(".placeholder")]
    assert "[Missing image: img/<gone>.png]" in texts and "[Missing image: secret.png]" in texts


def test_code_colours_and_streamed_bodies(session: Path) -> None:
    md = session / "temp_output.md"
    md.write_bytes(b"# x\n```log\nfirst ok\nsecond \x00 <bad>\nthird\n```\n")
    offset = len(b"# x\n```log\n")
    body = {
        "path": "/moved/away/temp_output.md",  # found again in the session by its name
        "offset": offset,
        "length": len(b"first ok\nsecond \x00 <bad>\nthird"),
        "lines": 3,
        "palette": [{}, {"color": "C00000"}],
        "line_styles": "010",
    }
    html = page(
        session,
        [
            {"type": "code", "language": "log", "body": body},
            {
                "type": "code",
                "language": "python",
                "text": "x",
                "lines": [[{"text": "x", "color": "red;background:url(evil)"}]],
            },
        ],
    )
    dom = LexborHTMLParser(html)
    log = dom.css_first("pre.log")
    assert log.text() == "first ok\nsecond \u2400 <bad>\nthird"
    assert [s.text() for s in log.css('span[style="color:#C00000"]')] == ["second \u2400 <bad>"]
    assert dom.css_first('pre[data-language="python"] span') is None  # no style of that value


def test_footnotes_and_figures_are_numbered(session: Path) -> None:
    pic = str(session / "assets" / "pic.png")
    html = page(
        session,
        [
            para({"text": "a"}, {"footnote": "b"}, {"text": "c"}, {"footnote": "a"}),
            para({"text": "again"}, {"footnote": "b"}),
            para({"image": {"path": pic, "width": 40, "height": 20, "caption": "One"}}),
            para({"image": {"path": pic, "width": 40, "height": 20, "caption": "Two"}}),
        ],
        meta={"title": "T", "theme": {"caption": {"figureLabel": "Abbildung"}}},
        footnotes=[
            {"id": "a", "blocks": [para({"text": "note a"}, {"footnote": "b"})]},
            {"id": "b", "blocks": [para({"text": "note b"})]},
            {"id": "unused", "blocks": [para({"text": "never shown"})]},
        ],
    )
    dom = LexborHTMLParser(html)
    assert [a.text() for a in dom.css("sup.fnref a")] == ["1", "2", "1"]
    notes = [li.text() for li in dom.css("section.footnotes li")]
    assert notes[0].startswith("note b") and notes[1].startswith("note a[^b]")
    assert len(notes) == 2
    assert [c.text() for c in dom.css("figcaption")] == ["Abbildung 1: One", "Abbildung 2: Two"]
