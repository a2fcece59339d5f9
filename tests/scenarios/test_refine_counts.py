"""`convert --update` re-processes only what changed (issue 19), counted, not timed: the
chapters the run starts, the markdownlint requests and validations it makes, and the lines
it lints; the updated document is the one a full conversion of the new inputs gives (its
markdown byte for byte but for the session's marks, its paragraphs, its fidelity receipt).

In-process runs of a ten-file folder (5 notes, 5 logs): a few conversions of Node each."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from agentic_docgen.core.events import ChapterStarted, ProgressEvent
from agentic_docgen.entry.api import generate_document
from agentic_docgen.graph.tools import repairs
from agentic_docgen.markdown.dialect import Dialect
from tests.scenarios.test_refine import LOG_LINE, _chapter_text, _version


def _folder(root: Path) -> Path:
    d = root / "night"
    d.mkdir()
    for i in range(5):
        (d / f"notes{i}.md").write_text(
            f"# Runbook {i}\n\nSee [the first log](server0.log) and *the* `queue`.\n\n"
            + "\n".join(f"- step {k}: restart worker-{k}" for k in range(8))
            + "\n",
            encoding="utf-8",
        )
    for w in range(5):
        lines = [
            LOG_LINE.format(
                m=k // 60, s=k % 60, lvl=("INFO", "WARN", "ERROR")[k % 3], w=w, k=k, ms=k * 7 % 900
            )
            for k in range(60)
        ]
        (d / f"server{w}.log").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


class Counts:
    """What a run re-processes: the chapters it starts, the markdown it lints and validates."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started: list[str] = []
        self.linted: list[int] = []  # the lines of each chapter (batch) linted
        self.validated = 0
        lint, validate = repairs.lint_chapter, repairs.validate_markdown

        def counted_lint(ws: Any, linter: Any, from_line: int, chapter: Any = None) -> Any:
            self.linted.append(len(chapter if chapter is not None else ws.chapter_lines(from_line)))
            return lint(ws, linter, from_line, chapter)

        def counted_validate(*args: Any, **kwargs: Any) -> Any:
            self.validated += 1
            return validate(*args, **kwargs)

        monkeypatch.setattr(repairs, "lint_chapter", counted_lint)
        monkeypatch.setattr(repairs, "validate_markdown", counted_validate)

    def progress(self, event: ProgressEvent) -> None:
        if isinstance(event, ChapterStarted):
            self.started.append(event.file)

    def reset(self) -> None:
        self.started, self.linted, self.validated = [], [], 0


def _body(docx: Path) -> list[tuple[str, str]]:
    """Each paragraph of document.xml as (style, text)."""
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    out = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        style = re.search(r'<w:pStyle w:val="([^"]*)"', p)
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p))
        out.append((style.group(1) if style else "", text))
    return out


def _plain(result: Any, md: list[str]) -> str:
    """A version's markdown with its session's marks in their plain form (markdown/dialect:
    each session has its own), so two sessions' documents compare byte for byte."""
    return Dialect(Path(result.session_dir)).plain("\n".join(md))


def _receipt(result: Any) -> dict[str, Any]:
    """The fidelity receipt (every source line copied, looked for in the document)."""
    return dict(result.quality["fidelity"])


def test_update_reprocesses_only_the_changed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = _folder(tmp_path)
    out = tmp_path / "night.docx"
    counts = Counts(monkeypatch)
    first = generate_document(d, out, progress=counts.progress)
    assert first.status == "complete", first.errors
    assert sorted(counts.started) == sorted(p.name for p in d.iterdir())  # ten chapters
    md1, ch1 = _version(str(first.session_dir), 1)
    assert counts.validated >= 1 and sum(counts.linted) >= len(md1) - 1  # every chapter linted

    with (d / "server2.log").open("a", encoding="utf-8") as fh:
        fh.write("".join(f"2026-12-03T11:00:{k:02d}Z ERROR late failure {k}\n" for k in range(60)))
    counts.reset()
    second = generate_document(d, out, update=True, progress=counts.progress)
    assert second.status == "complete", second.errors
    assert counts.started == ["server2.log"]  # one chapter built, nine kept
    md2, ch2 = _version(str(second.session_dir), 2)
    grown = _chapter_text(md2, ch2, "server2.log").count("\n") + 1
    assert len(counts.linted) == 1 and counts.linted[0] <= grown + 1  # that chapter only
    assert counts.validated == 1
    for c in ch1:
        if c["files"] != ["server2.log"]:
            name = c["files"][0]
            assert _chapter_text(md1, ch1, name) == _chapter_text(md2, ch2, name)
    # the same document as a full conversion of the new inputs
    fresh = generate_document(d, tmp_path / "fresh.docx")
    assert _plain(second, md2) == _plain(fresh, _version(str(fresh.session_dir), 1)[0])
    assert _body(out) == _body(tmp_path / "fresh.docx")
    assert _receipt(second) == _receipt(fresh) and _receipt(second)["missing_count"] == 0
    assert _receipt(second)["checked_lines"] >= 5 * 60 + 60  # every log line at least

    (d / "notes3.md").unlink()
    counts.reset()
    third = generate_document(d, out, update=True, progress=counts.progress)
    assert third.status == "complete", third.errors
    assert counts.started == [] and counts.linted == [] and counts.validated == 0
    assert third.changes and third.changes["deleted"] == ["notes3.md"]
    md3, ch3 = _version(str(third.session_dir), 3)
    assert not any("notes3.md" in c["files"] for c in ch3) and "Runbook 3" not in "\n".join(md3)
    fresh = generate_document(d, tmp_path / "fresh3.docx")
    assert _plain(third, md3) == _plain(fresh, _version(str(fresh.session_dir), 1)[0])
    assert _body(out) == _body(tmp_path / "fresh3.docx")
    assert _receipt(third) == _receipt(fresh) and _receipt(third)["missing_count"] == 0
