"""Read-back of the produced .docx (FC011): one streaming pass over document.xml.

Checks: heading levels without skips, every image relationship resolves to a part, code
paragraphs in a monospace font, tables rectangular; with the session that produced the
document, the fidelity receipt of its verbatim spans (checks/fidelity.py). The reading is
in checks/docx_reader.py (streamed, runs of code paragraphs read in bulk), the styles and
namespaces in checks/wordml.py.
"""

from __future__ import annotations

import contextlib
import posixpath
import zipfile
from pathlib import Path
from typing import Any, Literal

from lxml import etree

from agentic_docgen.checks.docx_bulk import BulkReader, CodeRun
from agentic_docgen.checks.docx_reader import document_items, drop_before
from agentic_docgen.checks.records import (
    DocStats,
    FidelityReceipt,
    QualityFinding,
    QualityReport,
)
from agentic_docgen.checks.wordml import (
    CODE_STYLES,
    MONOSPACE,
    R,
    heading_level,
    paragraph_text,
    read_styles,
    wtag,
)

__all__ = ["QualityFinding", "QualityReport", "check_docx"]

_KEPT_PER_CHECK = 50
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_OMATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath"


def check_docx(path: Path, session_dir: Path | None = None) -> QualityReport:
    """Findings (each {"severity", "check", "message"}) and counts for a .docx file; with the
    session that produced it, also the fidelity receipt of its verbatim spans."""
    return _check_docx(path, session_dir, bulk=True)


def _check_docx(path: Path, session_dir: Path | None, bulk: bool) -> QualityReport:
    """check_docx; with bulk=False lxml reads every paragraph (the reference for tests)."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return {
            "pass": False,
            "score": 0,
            "stats": _no_stats(),
            "findings": [
                {"severity": "error", "check": "package", "message": f"not a readable .docx: {exc}"}
            ],
        }
    with zf:
        package = _Package(zf)
        checker = _Checker(package, keep_texts=session_dir is not None)
        fast = package.bulk_styles()
        size = zf.getinfo("word/document.xml").file_size
        with (
            zf.open("word/document.xml") as fh,
            contextlib.closing(
                document_items(fh, size, BulkReader(fast) if bulk and fast else None)
            ) as items,
        ):
            for item in items:
                checker.item(item)
    receipt = checker.fidelity(session_dir) if session_dir is not None else None
    return checker.report(receipt)


def _no_stats() -> DocStats:
    return {
        "paragraphs": 0,
        "headings": 0,
        "tables": 0,
        "images": 0,
        "code_lines": 0,
        "equations": 0,
    }


class _Package:
    """What the checks need from the package besides document.xml: style names and fonts,
    the image relationships (id -> part name) and the parts present."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.names, self.fonts = read_styles(zf)
        self.rels: dict[str, str] = {}
        if "word/_rels/document.xml.rels" in zf.namelist():
            for rel in etree.fromstring(zf.read("word/_rels/document.xml.rels")):
                target = rel.get("Target") or ""
                if rel.get("TargetMode") != "External":
                    self.rels[rel.get("Id") or ""] = posixpath.normpath(
                        posixpath.join("word", target)
                    )
        self.parts = set(zf.namelist())

    def level(self, sid: str) -> int | None:
        """The heading level of a paragraph style, None if it is no heading."""
        return heading_level(self.names.get(sid, sid))

    def bulk_styles(self) -> set[str]:
        """The code styles whose paragraphs may be read in bulk: monospace, no heading."""
        return {
            sid
            for sid in CODE_STYLES
            if self.level(sid) is None and (self.fonts.get(sid) or "").lower() in MONOSPACE
        }


class _Checker:
    """The checks over the document's items in order: findings (at most 50 per check),
    counts, and with keep_texts the paragraph texts the fidelity receipt needs."""

    def __init__(self, package: _Package, keep_texts: bool) -> None:
        self.package = package
        self.keep_texts = keep_texts
        self.findings: list[QualityFinding] = []
        self.counts: dict[str, int] = {}
        self.stats = _no_stats()
        self.prev_level = 0
        self.code_parts: list[str] = []  # as in CodeRun.text
        self.code_texts: list[str] = []  # read by lxml, not yet in code_parts
        self.body_texts: list[str] = []

    def add(self, severity: Literal["error", "warning"], check: str, message: str) -> None:
        if self.counts.get(check, 0) < _KEPT_PER_CHECK:
            self.counts[check] = self.counts.get(check, 0) + 1
            self.findings.append({"severity": severity, "check": check, "message": message})

    def item(self, el: Any) -> None:
        """One item of document_items: a run of code paragraphs, a table or a paragraph."""
        if isinstance(el, CodeRun):
            self.code_run(el)
        elif el.tag == wtag("tbl"):
            self.table(el)
        else:
            self.paragraph(el)

    def code_run(self, run: CodeRun) -> None:
        self.stats["paragraphs"] += run.count
        self.stats["code_lines"] += run.count
        for bad in run.bad_fonts:
            self.add("error", "code", f"code paragraph in font {bad!r}, not monospace")
        if self.keep_texts:
            if self.code_texts:
                self.code_parts.append("".join(self.code_texts))
                self.code_texts.clear()
            self.code_parts.append(run.text)

    def table(self, el: Any) -> None:
        """A table of the body is rectangular (gridSpan counted); nested tables are not
        looked at on their own."""
        if el.getparent() is None or el.getparent().tag != wtag("body"):
            return
        self.stats["tables"] += 1
        widths = []
        for tr in el.iter(wtag("tr")):
            width = 0
            for tc in tr.findall(wtag("tc")):
                span = tc.find(f"{wtag('tcPr')}/{wtag('gridSpan')}")
                width += int(span.get(wtag("val"))) if span is not None else 1
            widths.append(width)
        if len(set(widths)) > 1:
            self.add(
                "error",
                "tables",
                f"table {self.stats['tables']} is not rectangular:"
                f" row widths {sorted(set(widths))}",
            )
        el.clear()
        drop_before(el)

    def paragraph(self, el: Any) -> None:
        self.stats["paragraphs"] += 1
        style_el = el.find(f"{wtag('pPr')}/{wtag('pStyle')}")
        sid = style_el.get(wtag("val")) if style_el is not None else ""
        self.heading(el, sid)
        if self.keep_texts:
            self.keep_text(el, sid)
        if sid in CODE_STYLES:
            self.code_font(el, sid)
        self.images(el)
        self.stats["equations"] += sum(1 for _ in el.iter(_OMATH))
        if el.getparent() is not None and el.getparent().tag == wtag("body"):
            el.clear()
            drop_before(el)

    def heading(self, el: Any, sid: str) -> None:
        """Heading levels go down one at a time (H1 to H3 is a skip)."""
        level = self.package.level(sid)
        if not level:
            return
        self.stats["headings"] += 1
        if level > self.prev_level + 1:
            text = "".join(t.text or "" for t in el.iter(wtag("t")))[:60]
            self.add(
                "warning",
                "headings",
                f"heading level skipped: H{self.prev_level} to H{level} at {text!r}",
            )
        self.prev_level = level

    def keep_text(self, el: Any, sid: str) -> None:
        if sid in CODE_STYLES:
            self.code_texts.append(paragraph_text(el).replace("\n", "\x00") + "\n")
            if len(self.code_texts) >= 4096:
                self.code_parts.append("".join(self.code_texts))
                self.code_texts.clear()
        else:
            self.body_texts.append(paragraph_text(el))

    def code_font(self, el: Any, sid: str) -> None:
        """A code paragraph's runs are in a monospace font (their own, else the style's)."""
        self.stats["code_lines"] += 1
        for r in el.iter(wtag("r")):
            rf = r.find(f"{wtag('rPr')}/{wtag('rFonts')}")
            own = rf.get(wtag("ascii")) if rf is not None else None
            font = own or self.package.fonts.get(sid)
            if (font or "").lower() not in MONOSPACE:
                self.add("error", "code", f"code paragraph in font {font!r}, not monospace")
                break

    def images(self, el: Any) -> None:
        """Every image's relationship resolves to a part of the package."""
        for blip in el.iter(_BLIP):
            self.stats["images"] += 1
            rid = blip.get(f"{{{R}}}embed") or ""
            if self.package.rels.get(rid) not in self.package.parts:
                self.add("error", "images", f"image relationship {rid} does not resolve")

    def fidelity(self, session_dir: Path) -> FidelityReceipt:
        """The receipt of the session's verbatim spans; its first 5 missing lines as findings."""
        from agentic_docgen.checks.fidelity import fidelity_receipt_parts

        self.code_parts.append("".join(self.code_texts))
        receipt = fidelity_receipt_parts(
            session_dir, self.code_parts, self.body_texts, xml_text=True
        )
        for miss in receipt["missing"][:5]:
            self.add(
                "error",
                "fidelity",
                f"{miss['file']}:{miss['line']} not found in the document: {miss['text']!r}",
            )
        return receipt

    def report(self, receipt: FidelityReceipt | None) -> QualityReport:
        """Pass if no error; the score loses 20 a error and 5 a warning (not below 0)."""
        findings = self.findings
        errors = sum(f["severity"] == "error" for f in findings)
        score = max(0, 100 - 20 * errors - 5 * (len(findings) - errors))
        report: QualityReport = {
            "pass": errors == 0,
            "score": score,
            "stats": self.stats,
            "findings": findings,
        }
        if receipt is not None:
            report["fidelity"] = receipt
        return report
