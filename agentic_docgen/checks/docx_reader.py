"""Streaming read-back of document.xml: its paragraphs and tables in document order, in
one pass, memory flat.

document.xml is read in decompressed chunks (a helper thread inflates a big one), and each
run of consecutive simple code paragraphs is cut out and read in bulk
(checks/docx_bulk.py). Everything else goes to lxml, with a small marker element in place
of each cut run so that results keep document order. Both ways give the same report
(tests/test_quality_fast.py compares them).
"""

from __future__ import annotations

import contextlib
import queue
import re
import threading
from collections import deque
from collections.abc import Generator, Iterator
from typing import IO, Any

from lxml import etree

from agentic_docgen.checks.docx_bulk import BulkReader, CodeRun
from agentic_docgen.checks.wordml import W, wtag

_CHUNK = 1 << 22  # decompressed bytes read at a time
_THREAD_MIN = 1 << 24  # from this size of document.xml on, a helper thread inflates it
_FEED = 1 << 14  # bytes given to lxml at a time
_MARK_NS = "urn:agentic-docgen:quality-run"
_MARK = f"{{{_MARK_NS}}}run"
_MARK_XML = f'<qr:run xmlns:qr="{_MARK_NS}"/>'.encode()
_W_DECL = f'xmlns:w="{W}"'.encode()
_W_URI = b"/wordprocessingml/2006/main"
# A w:p start or end tag (attribute values may hold ">"): to know whether a cut would be
# inside a paragraph (text boxes nest paragraphs).
_P_TAG = re.compile(rb"""<(/?)w:p(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>""")
_P_ANY = re.compile(rb"</?w:p[\s/>]")
_HIDING = re.compile(rb"<[!?]")  # comment, CDATA, DOCTYPE, processing instruction


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

    def __init__(self, bulk: BulkReader | None) -> None:
        self.bulk = bulk
        self.parser = etree.XMLPullParser(
            events=("end",), tag=(wtag("p"), wtag("tbl"), _MARK), huge_tree=True
        )
        self.runs: deque[CodeRun] = deque()
        self.guard = _Guard()
        self.depth = 0  # w:p open at the end of what lxml was given

    def items(self) -> Iterator[Any]:
        """What lxml has read so far: elements, and the runs in their markers' place."""
        for _, el in self.parser.read_events():
            if el.tag == _MARK:
                yield self.runs.popleft()
                parent = el.getparent()
                if parent is not None and parent.tag == wtag("body"):
                    drop_before(el)
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
                if isinstance(piece, CodeRun):
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


def document_items(fh: IO[bytes], size: int, bulk: BulkReader | None) -> Generator[Any, None, None]:
    """The document's paragraphs and tables (lxml elements, at their end) and its runs of
    simple code paragraphs (CodeRun), in document order. Close the generator before fh."""
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


def drop_before(el: Any) -> None:
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


_DROPPABLE = frozenset((wtag("p"), wtag("tbl"), _MARK))
