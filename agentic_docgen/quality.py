"""Read-back of the produced .docx (FC011): one streaming lxml pass over document.xml.

Checks: heading levels without skips, every image relationship resolves to a part, code
paragraphs in a monospace font, tables rectangular. `paragraph.style.name` per paragraph in
python-docx is very slow on big files, so styles are mapped once and the XML is streamed.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MONOSPACE = {
    "consolas",
    "courier new",
    "courier",
    "menlo",
    "monaco",
    "dejavu sans mono",
    "liberation mono",
    "cascadia mono",
    "cascadia code",
    "source code pro",
}
CODE_STYLES = {"SourceCode", "LogOutput"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _styles(zf: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    """style id -> style name, and style id -> ascii font (following basedOn)."""
    names: dict[str, str] = {}
    fonts: dict[str, str] = {}
    based: dict[str, str] = {}
    if "word/styles.xml" not in zf.namelist():
        return names, fonts
    root = etree.fromstring(zf.read("word/styles.xml"))
    for style in root.iter(_w("style")):
        sid = style.get(_w("styleId")) or ""
        name = style.find(_w("name"))
        names[sid] = name.get(_w("val")) if name is not None else sid
        rfonts = style.find(f"{_w('rPr')}/{_w('rFonts')}")
        if rfonts is not None and rfonts.get(_w("ascii")):
            fonts[sid] = rfonts.get(_w("ascii"))
        base = style.find(_w("basedOn"))
        if base is not None:
            based[sid] = base.get(_w("val"))
    for sid in list(names):
        seen = set()
        cur = sid
        while cur not in fonts and cur in based and cur not in seen:
            seen.add(cur)
            cur = based[cur]
        if cur in fonts:
            fonts[sid] = fonts[cur]
    return names, fonts


def _heading_level(name: str) -> int | None:
    low = name.lower()
    if low.startswith("heading ") and low[8:].isdigit():
        return int(low[8:])
    return None


def paragraph_text(p: Any) -> str:
    """A paragraph's text as Word shows it: w:t text, w:tab as a tab, w:br as a newline."""
    out = []
    for el in p.iter(_w("t"), _w("tab"), _w("br")):
        if el.tag == _w("t"):
            out.append(el.text or "")
        elif el.tag == _w("tab"):
            if el.getparent() is not None and el.getparent().tag == _w("r"):
                out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def check_docx(path: Path, session_dir: Path | None = None) -> dict[str, Any]:
    """Findings (each {"severity", "check", "message"}) and counts for a .docx file; with the
    session that produced it, also the fidelity receipt of its verbatim spans."""
    findings: list[dict[str, str]] = []
    code_texts: list[str] = []
    body_texts: list[str] = []
    stats = {"paragraphs": 0, "headings": 0, "tables": 0, "images": 0, "code_lines": 0}

    def add(severity: str, check: str, message: str) -> None:
        if len([f for f in findings if f["check"] == check]) < 50:
            findings.append({"severity": severity, "check": check, "message": message})

    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return {
            "pass": False,
            "score": 0,
            "stats": stats,
            "findings": [
                {"severity": "error", "check": "package", "message": f"not a readable .docx: {exc}"}
            ],
        }
    with zf:
        names, fonts = _styles(zf)
        rels: dict[str, str] = {}
        if "word/_rels/document.xml.rels" in zf.namelist():
            for rel in etree.fromstring(zf.read("word/_rels/document.xml.rels")):
                target = rel.get("Target") or ""
                if rel.get("TargetMode") != "External":
                    rels[rel.get("Id") or ""] = posixpath.normpath(posixpath.join("word", target))
        parts = set(zf.namelist())
        prev_level = 0
        with zf.open("word/document.xml") as fh:
            for _, el in etree.iterparse(
                fh, events=("end",), tag=(_w("p"), _w("tbl")), huge_tree=True
            ):
                if el.tag == _w("tbl"):
                    if el.getparent() is not None and el.getparent().tag == _w("body"):
                        stats["tables"] += 1
                        widths = []
                        for tr in el.iter(_w("tr")):
                            width = 0
                            for tc in tr.findall(_w("tc")):
                                span = tc.find(f"{_w('tcPr')}/{_w('gridSpan')}")
                                width += int(span.get(_w("val"))) if span is not None else 1
                            widths.append(width)
                        if len(set(widths)) > 1:
                            add(
                                "error",
                                "tables",
                                f"table {stats['tables']} is not rectangular:"
                                f" row widths {sorted(set(widths))}",
                            )
                        el.clear()
                    continue
                stats["paragraphs"] += 1
                style_el = el.find(f"{_w('pPr')}/{_w('pStyle')}")
                sid = style_el.get(_w("val")) if style_el is not None else ""
                level = _heading_level(names.get(sid, sid))
                if level:
                    stats["headings"] += 1
                    if level > prev_level + 1:
                        text = "".join(t.text or "" for t in el.iter(_w("t")))[:60]
                        add(
                            "warning",
                            "headings",
                            f"heading level skipped: H{prev_level} to H{level} at {text!r}",
                        )
                    prev_level = level
                if session_dir is not None:
                    (code_texts if sid in CODE_STYLES else body_texts).append(paragraph_text(el))
                if sid in CODE_STYLES:
                    stats["code_lines"] += 1
                    for r in el.iter(_w("r")):
                        rf = r.find(f"{_w('rPr')}/{_w('rFonts')}")
                        font = (rf.get(_w("ascii")) if rf is not None else None) or fonts.get(sid)
                        if (font or "").lower() not in MONOSPACE:
                            add("error", "code", f"code paragraph in font {font!r}, not monospace")
                            break
                for blip in el.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"):
                    stats["images"] += 1
                    rid = blip.get(f"{{{R}}}embed") or ""
                    if rels.get(rid) not in parts:
                        add("error", "images", f"image relationship {rid} does not resolve")
                if el.getparent() is not None and el.getparent().tag == _w("body"):
                    el.clear()
    receipt = None
    if session_dir is not None:
        from .fidelity import fidelity_receipt

        receipt = fidelity_receipt(session_dir, code_texts, body_texts)
        for miss in receipt["missing"][:5]:
            add(
                "error",
                "fidelity",
                f"{miss['file']}:{miss['line']} not found in the document: {miss['text']!r}",
            )
    errors = sum(f["severity"] == "error" for f in findings)
    score = max(0, 100 - 20 * errors - 5 * (len(findings) - errors))
    report = {"pass": errors == 0, "score": score, "stats": stats, "findings": findings}
    if receipt is not None:
        report["fidelity"] = receipt
    return report
