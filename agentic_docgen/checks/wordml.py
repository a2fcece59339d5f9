"""WordprocessingML as the read-back sees it: the namespaces, the monospace fonts and code
styles, the styles part (id -> name, id -> font) and a paragraph's text as Word shows it.

`paragraph.style.name` per paragraph in python-docx is very slow on big files, so styles are
mapped once here and document.xml is streamed (checks/docx_reader.py).
"""

from __future__ import annotations

import zipfile
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


def wtag(tag: str) -> str:
    """The qualified name of a w: element or attribute, as lxml spells it."""
    return f"{{{W}}}{tag}"


def read_styles(zf: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    """style id -> style name, and style id -> ascii font (following basedOn)."""
    names: dict[str, str] = {}
    fonts: dict[str, str] = {}
    based: dict[str, str] = {}
    if "word/styles.xml" not in zf.namelist():
        return names, fonts
    root = etree.fromstring(zf.read("word/styles.xml"))
    for style in root.iter(wtag("style")):
        sid = style.get(wtag("styleId")) or ""
        name = style.find(wtag("name"))
        names[sid] = name.get(wtag("val")) if name is not None else sid
        rfonts = style.find(f"{wtag('rPr')}/{wtag('rFonts')}")
        if rfonts is not None and rfonts.get(wtag("ascii")):
            fonts[sid] = rfonts.get(wtag("ascii"))
        base = style.find(wtag("basedOn"))
        if base is not None:
            based[sid] = base.get(wtag("val"))
    for sid in list(names):
        seen = set()
        cur = sid
        while cur not in fonts and cur in based and cur not in seen:
            seen.add(cur)
            cur = based[cur]
        if cur in fonts:
            fonts[sid] = fonts[cur]
    return names, fonts


def heading_level(name: str) -> int | None:
    low = name.lower()
    if low.startswith("heading ") and low[8:].isdigit():
        return int(low[8:])
    return None


def paragraph_text(p: Any) -> str:
    """A paragraph's text as Word shows it: w:t text, w:tab as a tab, w:br as a newline."""
    out = []
    for el in p.iter(wtag("t"), wtag("tab"), wtag("br")):
        if el.tag == wtag("t"):
            out.append(el.text or "")
        elif el.tag == wtag("tab"):
            if el.getparent() is not None and el.getparent().tag == wtag("r"):
                out.append("\t")
        else:
            out.append("\n")
    return "".join(out)
