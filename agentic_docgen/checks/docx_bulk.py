"""The bulk path: runs of consecutive *simple* code paragraphs read at C speed.

A 100 MB log becomes over a million code paragraphs (one per line), and lxml costs some 20 µs
a paragraph once Python looks at it. The shapes the converter writes for code lines are
checked by one regular expression (no drawing, no field, no nested paragraph, nothing lxml
would read differently); a run of them is read in bulk: texts, fonts, counts. A run that is
not exactly of that shape is left to lxml (checks/docx_reader.py cuts the runs out of
document.xml and puts a marker in their place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agentic_docgen.checks.wordml import MONOSPACE

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
# Paragraph boundaries in a run's text, and newlines inside a paragraph, swapped (see CodeRun).
_SWAP = bytes.maketrans(b"\x00\n", b"\n\x00")


def _attrs(*names: str) -> bytes:
    """Optional attributes, each at most once, in the order docx-js writes them."""
    return b"".join(b"(?: w:" + n.encode() + b'="' + _VALUE + b'")?+' for n in names)


@dataclass
class CodeRun:
    """Consecutive simple code paragraphs read in bulk. `text`: each paragraph's text
    followed by "\\n", with any newline inside it (w:br) written as "\\0" (XML cannot hold
    NUL, nor a source line once made visible), so that lines can be compared in bulk."""

    text: str
    count: int
    bad_fonts: list[str] = field(default_factory=list)


class BulkReader:
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
        # a bookmark around a line's runs (a generated section links to it: blocks/anchors.py)
        start = b'(?:<w:bookmarkStart w:name="' + _VALUE + b'" w:id="[0-9]++"/>)?+'
        end = b'(?:<w:bookmarkEnd w:id="[0-9]++"/>)?+'
        return re.compile(
            b"(?:" + opener + ppr + start + b"(?:" + run + b")*+" + end + b"</w:p>)++"
        )

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

    def read(self, xml: bytes) -> CodeRun | None:
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
        return CodeRun(out, count, bad_fonts)

    def cut(self, xml: bytes) -> tuple[list[CodeRun | bytes], int]:
        """Pieces for the longest prefix of `xml` (a run of code paragraphs) made of simple
        paragraphs: runs read in bulk, and bytes for lxml. Also the length of that prefix."""
        run = self.read(xml)
        if run is not None:
            return [run], len(xml)
        m = self.grammar.match(xml)
        end = m.end() if m else 0
        return (self._bisect(xml[:end]) if end else []), end

    def _bisect(self, xml: bytes) -> list[CodeRun | bytes]:
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
