"""The markdown under construction, bound to one session (plain Python, no LangChain).

`Workspace` owns the document file and what is kept in step with it: the appends (the doc
tail), the spans copied from sources (spans.jsonl), the checkpoints, and the rewrites that
reconcile, roll back or clear it. The tool operations live beside it, as functions of a
Workspace: tools/writing.py (appends, edits), tools/reading.py (inputs, the document's
outline), tools/repairs.py (validation, markdownlint, fence and heading repairs).

Every path argument is resolved against the session (never the CWD) and refused if it leaves
it; every result is bounded in size. Content goes into the markdown by reference: spans of a
source are copied verbatim (fenced, escaped or heading-relevelled), never re-typed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agentic_docgen.graph.state import CheckpointEntry, Span
from agentic_docgen.graph.tools.sources import SourceStore
from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown import scan as mdscan
from agentic_docgen.markdown.dialect import Dialect
from agentic_docgen.session import journal
from agentic_docgen.session.checkpoints import Checkpoints
from agentic_docgen.session.folder import Session


@dataclass
class _DocTail:
    lines: int  # line count of the document
    open_fence: str  # marker of a code fence left open at its end ('' when none)
    last_source: str  # input file of the last source mark


class Workspace:
    """One session's sources, markdown under construction, checkpoints and assets."""

    def __init__(
        self,
        session: Session,
        input_files: list[str],
        assets: dict[str, dict[str, str]] | None = None,
    ) -> None:
        self.session = session
        self.store = SourceStore(session.inputs, input_files)
        self.assets = assets or {}
        self._tail: _DocTail | None = None  # see tail
        self._spans: list[Span] | None = None  # see spans
        self.checkpoints = Checkpoints(session.checkpoints, session.markdown)
        # the current batch's chapters: the line count before each (DocState.chapter_starts,
        # set before each node by build._consistent); rewrites move them with their lines
        self.chapter_starts: list[int] = []
        # warnings a tool call gives about the content it wrote (the tools node takes them)
        self.notes: list[str] = []
        self.repairs: list[str] = []  # what repairs.close_fence/fix_heading_levels did, for `fixes`
        self.lang = "en"  # the document's language (the notes the tools write: core/language.py)
        self._links: set[str] | None = None  # see link_names
        self._all_links: tuple[int, set[str]] | None = None  # (names counted, the union)
        self.generated: list[dict[str, Any]] = []  # the generated sections written (generated.py)

    def link_names(self) -> set[str]:
        """The inputs a link may point at: this run's, and the others of its document when
        the run builds only some chapters (session/journal.py `link_names.json`)."""
        if self._links is None:
            self._links = set(journal.read_link_names(self.session.dir))
        if self._all_links is None or self._all_links[0] != len(self.store.names):
            # (once, not per copied file: the union was quadratic in the files of a folder)
            self._all_links = (len(self.store.names), self._links | set(self.store.names))
        return self._all_links[1]

    # ----- the document's lines ------------------------------------------------------------
    def lines(self) -> list[str]:
        """The whole document, one string per line."""
        md = self.session.markdown
        lines = md.read_text(encoding="utf-8").split("\n") if md.exists() else []
        if lines and lines[-1] == "":
            lines.pop()
        return lines

    def line_count(self) -> int:
        return self.tail().lines

    def byte_count(self) -> int:
        md = self.session.markdown
        return md.stat().st_size if md.exists() else 0

    def chapter_lines(
        self, from_line: int, offset: int | None = None, checkpoint: str | None = None
    ) -> list[str]:
        """The document's lines from line from_line on. `offset`: the byte offset where that
        line starts, as the checkpoint `checkpoint` recorded it, so that validating a chapter
        reads neither the whole document nor what precedes the chapter."""
        md = self.session.markdown
        if not md.exists():
            return []
        if offset and checkpoint and self.checkpoints.intact(checkpoint, offset):
            with md.open("rb") as fh:
                fh.seek(offset - 1)
                data = fh.read()
            if data[:1] == b"\n":  # a last check that the offset starts a line
                lines = data[1:].decode("utf-8").split("\n")
                if lines and lines[-1] == "":
                    lines.pop()
                return lines
        return self.lines()[max(0, from_line - 1) :]

    # ----- appending -----------------------------------------------------------------------
    def tail(self) -> _DocTail:
        """What appends need to know of the document, scanned once, then kept up to date by
        the appends themselves (no rescan of a large document per append)."""
        if self._tail is None:
            lines = self.lines()
            marked = Dialect(self.session.dir).marked_source
            marks = [f for f in map(marked, lines) if f is not None]
            self._tail = _DocTail(
                len(lines), mdscan.open_fence_after(lines), marks[-1] if marks else ""
            )
        return self._tail

    def append(self, text: str, closed_fence: bool = False) -> tuple[int, int]:
        """Append a block (separated by one blank line); return its first and last md line.
        `closed_fence`: the block is one fenced code block (mdtext.fence), so no fence is
        left open after it when none was before (no need to scan a 100 MB log for one)."""
        doc = self.tail()
        body = text.rstrip("\n")
        # no blank separator inside an open fence: it would add a line to the code block
        sep = "\n" if doc.lines and not doc.open_fence else ""
        with self.session.markdown.open("a", encoding="utf-8", newline="\n") as fh:
            fh.write(sep)
            fh.write(body)  # not concatenated: a 100 MB log is not copied once more
            fh.write("\n")
        first = doc.lines + 1 + len(sep)
        doc.lines = first + body.count("\n")
        if not (closed_fence and not doc.open_fence):
            doc.open_fence = mdscan.open_fence_after(body.split("\n"), doc.open_fence)
        return first, doc.lines

    # ----- spans ---------------------------------------------------------------------------
    @property
    def _spans_path(self) -> Path:
        return self.session.dir / "spans.jsonl"

    def spans(self) -> list[Span]:
        """The append_source records of the current document: read from spans.jsonl once,
        then kept in step with it by the methods that write it."""
        if self._spans is None:
            self._spans = []
            if self._spans_path.exists():
                with self._spans_path.open(encoding="utf-8") as fh:
                    self._spans = [json.loads(line) for line in fh if line.strip()]
        return self._spans

    def add_span(self, record: Span) -> None:
        self.spans().append(record)
        with self._spans_path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")

    def write_spans(self, spans: list[Span]) -> None:
        self._spans = spans
        self._spans_path.write_text("".join(json.dumps(x) + "\n" for x in spans), "utf-8")

    def _trim_spans(self) -> None:
        """Forget spans that are no longer in the document (after a rollback or clear)."""
        keep = self.line_count()
        spans = self.spans()
        if any(sp["md_last"] > keep for sp in spans):
            self.write_spans([sp for sp in spans if sp["md_last"] <= keep])

    # ----- rewriting -----------------------------------------------------------------------
    def move_chapter_starts(self, where: list[int], old: int, new: int) -> None:
        """A rewrite moved old line i (0-based) to new line where[i] (`old`/`new`: the line
        counts before and after): each chapter still begins with its first line."""
        self.chapter_starts = [where[n] if n < old else new for n in self.chapter_starts]

    def replace_lines(self, old: list[str], new: list[str]) -> None:
        """Rewrite the document (`old`: its lines now) as `new`, atomically, first telling
        the checkpoints from which byte it changes."""
        same = 0
        for a, b in zip(old, new, strict=False):
            if a != b:
                break
            same += 1
        self.checkpoints.changed(len("".join(line + "\n" for line in old[:same]).encode("utf-8")))
        md = self.session.markdown
        tmp = md.with_name(md.name + ".tmp")
        tmp.write_text("".join(line + "\n" for line in new), encoding="utf-8")
        os.replace(tmp, md)
        self._tail = None

    def reconcile(self, lines: int) -> None:
        """Make the document agree with the graph state after a crash: lines appended by a
        step whose result was never saved are removed (that step runs again on resume)."""
        if self.line_count() <= lines:
            return
        old = self.lines()
        self.replace_lines(old, old[:lines])
        self._trim_spans()

    def clear(self) -> None:
        """Start the document again from nothing."""
        self.checkpoints.changed(0)
        self.session.markdown.unlink(missing_ok=True)
        self._tail = None
        self._trim_spans()

    # ----- checkpoints ---------------------------------------------------------------------
    def create_checkpoint(self, label: str, upto: int | None = None) -> str:
        """A checkpoint of the document (`upto`: of its first `upto` bytes only)."""
        checkpoint_id = self.checkpoints.create(label, upto)
        self.store.forget()  # the chapter is done: its sources are read again if needed
        mdtext.forget_headings()
        return checkpoint_id

    def rollback_to_checkpoint(self, checkpoint_id: str) -> str:
        self.checkpoints.restore(checkpoint_id)
        self._tail = None
        self._trim_spans()
        return f"restored {checkpoint_id}"

    def restore_chapter_start(self, last: CheckpointEntry | None) -> None:
        """Undo the current chapter: back to the last checkpoint, or to an empty document."""
        if last:
            self.rollback_to_checkpoint(last["id"])
        else:
            self.clear()
