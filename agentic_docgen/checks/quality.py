"""Read-back of the produced .docx (FC011): one streaming pass over document.xml.

Checks: heading levels without skips, every image relationship resolves to a part, code
paragraphs in a monospace font, tables rectangular. `paragraph.style.name` per paragraph in
python-docx is very slow on big files, so styles are mapped once and the XML is streamed.

A 100 MB log becomes over a million code paragraphs (one per line), and lxml costs some 20 µs
a paragraph once Python looks at it. So document.xml is read in decompressed chunks, and
each run of consecutive *simple* code paragraphs (the shapes the converter writes for code
lines, checked by one regular expression: no drawing, no field, no nested paragraph, nothing
lxml would read differently) is cut out and read in bulk at C speed: texts, fonts, counts.
Everything else goes to lxml as before, with a small marker element in place of each cut
run so that results keep document order; a run that is not exactly of that shape is left to
lxml too. Both ways give the same report (tests/test_quality_fast.py compares them).
"""

from __future__ import annotations

import contextlib
import posixpath
import queue
import re
import threading
import zipfile
from collections import deque
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

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


# ----- the bulk path for runs of simple code paragraphs --------------------------------------

_CHUNK = 1 << 22  # decompressed bytes read at a time
_THREAD_MIN = 1 << 24  # from this size of document.xml on, a helper thread inflates it
_FEED = 1 << 14  # bytes given to lxml at a time
_MARK_NS = "urn:agentic-docgen:quality-run"
_MARK = f"{{{_MARK_NS}}}run"
_MARK_XML = f'<qr:run xmlns:qr="{_MARK_NS}"/>'.encode()
_W_DECL = f'xmlns:w="{W}"'.encode()
_W_URI = b"/wordprocessingml/2006/main"
# An attribute value: printable ASCII without `"&<>` (anything else: lxml reads the run).
_VALUE = rb"[\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x7e]*+"
# Text in w:t: no markup, no character lxml would reject or normalise (a raw CR), and only
# the five predefined entities.
_CHARS = rb"[^<>&\x00-\x08\x0b-\x1f]*+"
_TEXT = _CHARS + rb"(?:&(?:lt|gt|amp|quot|apos);" + _CHARS + rb")*+"
_ENTITIES = ((b"&lt;", b"<"), (b"&gt;", b">"), (b"&quot;", b'"'), (b"&apos;", b"'"))
_TAGS = re.compile(rb"<[^>]*>(?:<[^>]*>)*")
_TAG = re.compile(rb"<[^>]*>")
_RFONTS = re.compile(rb"<w:rFonts[^>]*>")
_ASCII = re.compile(rb' w:ascii="([^"]*)"')
# Paragraph boundaries in a run's text, and newlines inside a paragraph, swapped (see _Run).
_SWAP = bytes.maketrans(b"\x00\n", b"\n\x00")
# A w:p start or end tag (attribute values may hold ">"): to know whether a cut would be
# inside a paragraph (text boxes nest paragraphs).
_P_TAG = re.compile(rb"""<(/?)w:p(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>""")
_P_ANY = re.compile(rb"</?w:p[\s/>]")
_HIDING = re.compile(rb"<[!?]")  # comment, CDATA, DOCTYPE, processing instruction


def _attrs(*names: str) -> bytes:
    """Optional attributes, each at most once, in the order docx-js writes them."""
    return b"".join(b"(?: w:" + n.encode() + b'="' + _VALUE + b'")?+' for n in names)


@dataclass
class _Run:
    """Consecutive simple code paragraphs read in bulk. `text`: each paragraph's text
    followed by "\\n", with any newline inside it (w:br) written as "\\0" (XML cannot hold
    NUL, nor a source line once made visible), so that lines can be compared in bulk."""

    text: str
    count: int
    bad_fonts: list[str] = field(default_factory=list)


class _Bulk:
    """The regular expressions for one document's code styles (those whose font is
    monospace and that are no heading: otherwise lxml reads every paragraph)."""

    def __init__(self, styles: set[str]) -> None:
        alt = b"|".join(re.escape(s.encode()) for s in sorted(styles))
        opener = b'<w:p><w:pPr><w:pStyle w:val="(?:' + alt + b')"/>'
        self.opener = re.compile(opener)
        # a run goes on while a paragraph end is followed by another code paragraph
        self.run_end = re.compile(b"</w:p>(?!" + opener + b")")
        self.grammar = self._grammar(opener, _TEXT)
        # after `junction` became NUL: the same grammar with NUL allowed inside text
        self.merged = self._grammar(opener, _TEXT + rb"(?:\x00" + _TEXT + rb")*+")
        # the usual boundary between two log lines: one substitution removes most markup
        self.junction = re.compile(
            b"</w:t></w:r></w:p>" + opener + b"</w:pPr><w:r>"
            b'(?:<w:rPr><w:color w:val="[0-9A-Fa-f]{6}"/></w:rPr>)?<w:t xml:space="preserve">'
        )
        self.meaning: dict[bytes, bytes] = {}

    @staticmethod
    def _grammar(opener: bytes, text: bytes) -> re.Pattern[bytes]:
        ppr = (
            b"(?:<w:spacing"
            + _attrs("after", "before", "line", "lineRule", "beforeAutospacing", "afterAutospacing")
            + b"/>)?+(?:<w:ind"
            + _attrs("start", "end", "left", "right", "hanging", "firstLine", "firstLineChars")
            + b"/>)?+</w:pPr>"
        )
        rpr = (
            b"<w:rPr>(?:<w:rFonts"
            + _attrs("ascii", "cs", "eastAsia", "hAnsi", "hint")
            + b"/>)?+(?:<w:b/>)?+(?:<w:bCs/>)?+(?:<w:i/>)?+(?:<w:iCs/>)?+(?:<w:color"
            + _attrs("val")
            + b"/>)?+</w:rPr>"
        )
        item = (
            b'(?:<w:t(?: xml:space="preserve")?>'
            + text
            + b"</w:t>|<w:tab/>|<w:br"
            + _attrs("type", "clear")
            + b"/>)"
        )
        run = b"<w:r>(?:" + rpr + b")?+" + item + b"*+</w:r>"
        return re.compile(b"(?:" + opener + ppr + b"(?:" + run + b")*+</w:p>)++")

    def _tags(self, m: re.Match[bytes]) -> bytes:
        seq = m.group()
        out = self.meaning.get(seq)
        if out is None:
            parts = []
            for tag in _TAG.findall(seq):
                if tag == b"</w:p>":
                    parts.append(b"\x00")
                elif tag == b"<w:tab/>":
                    parts.append(b"\t")
                elif tag.startswith(b"<w:br"):
                    parts.append(b"\n")
            out = b"".join(parts)
            if len(self.meaning) < 4096:
                self.meaning[seq] = out
        return out

    def read(self, xml: bytes) -> _Run | None:
        """`xml` (whole code paragraphs) read in bulk, or None if it is not simple."""
        if b"\x00" in xml:
            return None
        merged = self.junction.sub(b"\x00", xml)
        if self.merged.fullmatch(merged) is None:
            return None
        bad_fonts = _bad_fonts(merged) if b"<w:rFonts" in merged else []
        text = _TAGS.sub(self._tags, merged)
        del merged
        if b"&" in text:
            text = _unescape(text)
        count = text.count(b"\x00")
        try:
            out = text.translate(_SWAP).decode("utf-8")
        except UnicodeDecodeError:
            return None
        if "\ufffe" in out or "\uffff" in out:  # not XML characters: lxml would stop there
            return None
        return _Run(out, count, bad_fonts)

    def cut(self, xml: bytes) -> tuple[list[_Run | bytes], int]:
        """Pieces for the longest prefix of `xml` (a run of code paragraphs) made of simple
        paragraphs: runs read in bulk, and bytes for lxml. Also the length of that prefix."""
        run = self.read(xml)
        if run is not None:
            return [run], len(xml)
        m = self.grammar.match(xml)
        end = m.end() if m else 0
        return (self._bisect(xml[:end]) if end else []), end

    def _bisect(self, xml: bytes) -> list[_Run | bytes]:
        """`xml`: simple paragraphs (by the grammar), some of which read() refuses (e.g. for
        a U+FFFE in their text): halved until those are single paragraphs for lxml."""
        run = self.read(xml)
        if run is not None:
            return [run]
        if xml.find(b"</w:p>") + 6 == len(xml):
            return [xml]
        half = xml.find(b"</w:p>", len(xml) // 2) + 6
        if half >= len(xml):  # the last paragraph spans the middle
            half = xml.rfind(b"</w:p>", 0, len(xml) - 6) + 6
        return self._bisect(xml[:half]) + self._bisect(xml[half:])


def _bad_fonts(merged: bytes) -> list[str]:
    """The first non-monospace w:rFonts w:ascii of each paragraph that has one (at most 50:
    no more findings are kept). The grammar allows w:rFonts only in a run's w:rPr."""
    out: list[str] = []
    pos = para = 0
    last = -1
    for m in _RFONTS.finditer(merged):
        ascii_font = _ASCII.search(m.group())
        font = ascii_font.group(1).decode("ascii") if ascii_font else ""
        if font and font.lower() not in MONOSPACE:
            para += merged.count(b"\x00", pos, m.start()) + merged.count(b"</w:p>", pos, m.start())
            pos = m.start()
            if para != last:
                last = para
                out.append(font)
                if len(out) >= 50:
                    break
    return out


def _unescape(text: bytes) -> bytes:
    """The five predefined entities (the only ones the grammar lets through)."""
    if text.count(b"&") > len(text) >> 6:  # many: a few passes cost less than a loop
        for entity, char in _ENTITIES:
            if entity in text:
                text = text.replace(entity, char)
        return text.replace(b"&amp;", b"&")
    parts = text.split(b"&")
    out = [parts[0]]
    for part in parts[1:]:
        if part.startswith(b"amp;"):
            out.append(b"&" + part[4:])
        elif part.startswith(b"lt;"):
            out.append(b"<" + part[3:])
        elif part.startswith(b"gt;"):
            out.append(b">" + part[3:])
        elif part.startswith(b"quot;"):
            out.append(b'"' + part[5:])
        else:  # apos;
            out.append(b"'" + part[5:])
    return b"".join(out)


class _Guard:
    """Whether the bytes lxml reads (all but the cut runs, which the grammar allows no such
    thing) keep to what cutting document.xml with regular expressions assumes: UTF-8, the
    prefix w bound to WordprocessingML once (on the root), no comment, CDATA, DOCTYPE or
    processing instruction (where markup-like text could hide). Once not, nothing more is cut.
    """

    def __init__(self) -> None:
        self.ok = True
        self.first = True
        self.tail = b""
        self.counts = {b"xmlns:w=": 0, _W_URI: 0}

    def check(self, xml: bytes) -> bool:
        if not self.ok or not xml:
            return self.ok
        scan = self.tail + xml
        first = self.first
        if first:
            self.first = False
            scan = xml[3:] if xml.startswith(b"\xef\xbb\xbf") else xml
            if scan.startswith(b"<?xml"):
                end = scan.find(b"?>")
                enc = re.search(rb"""encoding\s*=\s*["']([^"']*)""", scan[: max(end, 0)])
                if end < 0 or (enc and enc.group(1).lower() not in (b"utf-8", b"utf8")):
                    self.ok = False
                scan = scan[end + 2 :]
            body, decl = scan.find(b"<w:body"), scan.find(_W_DECL)
            if not scan.lstrip().startswith(b"<") or not 0 <= decl < body:
                self.ok = False
        if _HIDING.search(scan):
            self.ok = False
        if first or b"xmlns" in scan:  # a namespace can only be bound by an xmlns attribute
            for token in self.counts:
                # occurrences wholly inside the tail were counted before
                start = max(0, len(self.tail) - len(token) + 1) if self.tail else 0
                self.counts[token] += scan.count(token, start)
                if self.counts[token] > 1:
                    self.ok = False
        self.tail = xml[-32:]
        return self.ok

    def cut(self) -> bool:
        """Whether a run may be cut here (the bytes before it all checked)."""
        self.tail = b""
        return self.ok and not self.first


def _depth(xml: bytes) -> int:
    """How many w:p the bytes open minus how many they close."""
    tags = _P_ANY.findall(xml)
    opens, closes = tags.count(b"<w:p>"), tags.count(b"</w:p>")
    if opens + closes == len(tags):  # no attributes, no white space, none self-closing
        return opens - closes
    depth = 0
    for m in _P_TAG.finditer(xml):
        if m.group(1):
            depth -= 1
        elif not m.group(2):
            depth += 1
    return depth


def _chunks(fh: IO[bytes], size: int) -> Generator[bytes, None, None]:
    """fh's bytes (`size` of them), _CHUNK at a time, then b"". For a big file a helper
    thread reads (inflates) the next chunks while the caller works on this one: zlib lets go
    of the GIL. Close the generator before fh."""
    if size < _THREAD_MIN:
        while data := fh.read(_CHUNK):
            yield data
        yield b""
        return
    ready: queue.Queue[bytes | BaseException] = queue.Queue(maxsize=2)
    stop = threading.Event()

    def reader() -> None:
        try:
            while not stop.is_set():
                data = fh.read(_CHUNK)
                ready.put(data)
                if not data:
                    return
        except BaseException as exc:  # handed to the caller
            ready.put(exc)

    thread = threading.Thread(target=reader, name="docx-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = ready.get()
            if isinstance(item, BaseException):
                raise item
            yield item
            if not item:
                return
    finally:
        stop.set()
        while thread.is_alive():  # let a reader blocked on a full queue finish
            with contextlib.suppress(queue.Empty):
                ready.get_nowait()
            thread.join(0.01)


class _Reader:
    """Feeds document.xml to lxml, the runs of simple code paragraphs cut out (read in bulk,
    a marker element in their place)."""

    def __init__(self, bulk: _Bulk | None) -> None:
        self.bulk = bulk
        self.parser = etree.XMLPullParser(
            events=("end",), tag=(_w("p"), _w("tbl"), _MARK), huge_tree=True
        )
        self.runs: deque[_Run] = deque()
        self.guard = _Guard()
        self.depth = 0  # w:p open at the end of what lxml was given

    def items(self) -> Iterator[Any]:
        """What lxml has read so far: elements, and the runs in their markers' place."""
        for _, el in self.parser.read_events():
            if el.tag == _MARK:
                yield self.runs.popleft()
                parent = el.getparent()
                if parent is not None and parent.tag == _w("body"):
                    _drop_before(el)
            else:
                yield el

    def slow(self, xml: bytes) -> Iterator[Any]:
        """Give xml to lxml, a piece at a time (what it read in between: smaller feeds keep
        the elements not yet looked at few, which is faster)."""
        if not xml:
            return
        if self.bulk is not None and self.guard.check(xml):
            self.depth += _depth(xml)
        for at in range(0, len(xml), _FEED):
            self.parser.feed(xml[at : at + _FEED])
            yield from self.items()

    def feed(self, region: bytes) -> Iterator[Any]:
        """Whole paragraphs and whatever lies between them; yields what lxml read."""
        bulk = self.bulk
        if bulk is None:
            yield from self.slow(region)
            return
        pos = 0
        while pos < len(region):
            m = bulk.opener.search(region, pos) if self.guard.ok else None
            if m is None:
                yield from self.slow(region[pos:])
                return
            yield from self.slow(region[pos : m.start()])
            pos = m.start()
            end = bulk.run_end.search(region, pos) if self.depth == 0 and self.guard.cut() else None
            if end is None:  # inside a paragraph (a text box): lxml reads it
                yield from self.slow(region[pos : m.end()])
                pos = m.end()
                continue
            pieces, length = bulk.cut(region[pos : end.end()])
            for piece in pieces:
                if isinstance(piece, _Run):
                    self.runs.append(piece)
                    self.parser.feed(_MARK_XML)
                else:
                    yield from self.slow(piece)
            pos += length
            if pos < end.end():  # a paragraph that is not simple: lxml reads it
                first = bulk.opener.match(region, pos)
                stop = first.end() if first else end.end()
                yield from self.slow(region[pos:stop])
                pos = stop
        yield from self.items()


def _document_items(fh: IO[bytes], size: int, bulk: _Bulk | None) -> Generator[Any, None, None]:
    """The document's paragraphs and tables (lxml elements, at their end) and its runs of
    simple code paragraphs (_Run), in document order. Close the generator before fh."""
    reader = _Reader(bulk)
    chunks = _chunks(fh, size)
    try:
        pending = b""
        for data in chunks:
            buf = pending + data if pending else data
            cut = buf.rfind(b"</w:p>") + 6
            if not data or (cut < 6 and len(buf) >= 4 * _CHUNK):
                region, pending = buf, b""
            elif cut < 6:  # no paragraph ends in it yet
                region, pending = b"", buf
            else:
                region, pending = buf[:cut], buf[cut:]
            del buf
            yield from reader.feed(region)
            del region
    finally:
        chunks.close()
    reader.parser.close()
    yield from reader.items()


def _drop_before(el: Any) -> None:
    """Free the already read paragraphs and tables just before `el` (keeps memory flat).
    Other elements stay: deleting one whose descendants lxml has handed out (the table of
    contents of a long document: thousands of paragraphs) costs lxml seconds."""
    parent = el.getparent()
    end = parent.index(el)
    start = end
    prev = el.getprevious()
    while prev is not None and prev.tag in _DROPPABLE:
        start -= 1
        prev = prev.getprevious()
    if start < end:
        del parent[start:end]


_DROPPABLE = frozenset((_w("p"), _w("tbl"), _MARK))


def check_docx(path: Path, session_dir: Path | None = None) -> dict[str, Any]:
    """Findings (each {"severity", "check", "message"}) and counts for a .docx file; with the
    session that produced it, also the fidelity receipt of its verbatim spans."""
    return _check_docx(path, session_dir, bulk=True)


def _check_docx(path: Path, session_dir: Path | None, bulk: bool) -> dict[str, Any]:
    """check_docx; with bulk=False lxml reads every paragraph (the reference for tests)."""
    findings: list[dict[str, str]] = []
    code_parts: list[str] = []  # as in _Run.text
    code_texts: list[str] = []  # read by lxml, not yet in code_parts
    body_texts: list[str] = []
    stats = {"paragraphs": 0, "headings": 0, "tables": 0, "images": 0, "code_lines": 0}
    counts: dict[str, int] = {}

    def add(severity: str, check: str, message: str) -> None:
        if counts.get(check, 0) < 50:
            counts[check] = counts.get(check, 0) + 1
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
        fast = {
            sid
            for sid in CODE_STYLES
            if _heading_level(names.get(sid, sid)) is None
            and (fonts.get(sid) or "").lower() in MONOSPACE
        }
        prev_level = 0
        size = zf.getinfo("word/document.xml").file_size
        with (
            zf.open("word/document.xml") as fh,
            contextlib.closing(
                _document_items(fh, size, _Bulk(fast) if bulk and fast else None)
            ) as items,
        ):
            for el in items:
                if isinstance(el, _Run):
                    stats["paragraphs"] += el.count
                    stats["code_lines"] += el.count
                    for bad in el.bad_fonts:
                        add("error", "code", f"code paragraph in font {bad!r}, not monospace")
                    if session_dir is not None:
                        if code_texts:
                            code_parts.append("".join(code_texts))
                            code_texts.clear()
                        code_parts.append(el.text)
                    continue
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
                        _drop_before(el)
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
                    if sid in CODE_STYLES:
                        code_texts.append(paragraph_text(el).replace("\n", "\x00") + "\n")
                        if len(code_texts) >= 4096:
                            code_parts.append("".join(code_texts))
                            code_texts.clear()
                    else:
                        body_texts.append(paragraph_text(el))
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
                    _drop_before(el)
    receipt = None
    if session_dir is not None:
        from agentic_docgen.checks.fidelity import fidelity_receipt_parts

        code_parts.append("".join(code_texts))
        receipt = fidelity_receipt_parts(session_dir, code_parts, body_texts, xml_text=True)
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
