"""The operations behind the agent's tools, bound to one session (plain Python, no LangChain).

Every path argument is resolved against the session (never the CWD) and refused if it leaves
it; every result is bounded in size. Content goes into the markdown by reference: spans of a
source are copied verbatim (fenced, escaped or heading-relevelled), never re-typed.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agentic_docgen.core.errors import ToolError
from agentic_docgen.graph.tools.sources import Source, SourceStore, clip, describe
from agentic_docgen.markdown import lines as mdtext
from agentic_docgen.markdown import textstructure
from agentic_docgen.markdown.dialect import HEADING_OR_MARK, marked_source, source_mark
from agentic_docgen.markdown.findings import validate_markdown_text
from agentic_docgen.markdown.logs import log_stats
from agentic_docgen.markdown.references import internal_links
from agentic_docgen.session.checkpoints import Checkpoints
from agentic_docgen.session.folder import Session

MAX_READ_LINES = 500
MAX_TOOL_CHARS = 20_000
APPEND_KINDS = ("markdown", "code", "text", "prose")


def _relined(findings: list[dict[str, Any]], where: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Findings on a collapsed text (Workspace._collapsed) with document line numbers."""
    starts = [w[0] for w in where]
    for f in findings:
        piece = bisect.bisect_right(starts, f["line"]) - 1
        f["line"] = where[piece][1] + f["line"] - where[piece][0]
    return findings


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
        self._tail: _DocTail | None = None  # see _doc
        self._spans: list[dict[str, Any]] | None = None  # see spans
        self.checkpoints = Checkpoints(session.checkpoints, session.markdown)

    # ----- reading -------------------------------------------------------------------------
    def list_files(self) -> list[dict[str, Any]]:
        return [
            {"file": name, "bytes": (self.session.inputs / name).stat().st_size}
            for name in self.store.names
        ]

    def headings(self, source: Source) -> list[tuple[int, int, str]]:
        """(line, rank, text) of the headings of a source, by its kind."""
        if source.kind == "md":
            return [
                (first + 1, level, mdtext.heading_text(source.lines, first, last))
                for first, last, level in mdtext.top_level_headings(source.lines)
            ]
        if source.kind == "txt":
            return [
                (s.start, s.rank, s.text)
                for s in textstructure.segments(source.lines)
                if s.kind == "heading"
            ]
        return []

    def describe_file(self, file: str) -> dict[str, Any]:
        source = self.store.get(file)
        return describe(source, self.headings(source))

    def read_file(self, file: str, offset: int = 1, limit: int = 200) -> str:
        source = self.store.get(file)
        n = len(source.lines)
        if offset < 1 or (n and offset > n):
            raise ToolError(f"offset {offset} is outside {file} (lines 1-{n})")
        limit = max(1, min(limit, MAX_READ_LINES))
        out: list[str] = []
        used = 0
        last = offset - 1
        for number in range(offset, min(n, offset + limit - 1) + 1):
            line = f"{number}: {clip(source.lines[number - 1], 2000)}"
            if used + len(line) > MAX_TOOL_CHARS and out:
                break
            out.append(line)
            used += len(line) + 1
            last = number
        more = (
            f"\n[lines {last + 1}-{n} not shown; call read_file with offset={last + 1}]"
            if last < n
            else "\n[end of file]"
        )
        return "\n".join(out) + more

    # ----- writing -------------------------------------------------------------------------
    def _append(self, text: str, closed_fence: bool = False) -> tuple[int, int]:
        """Append a block (separated by one blank line); return its first and last md line.
        `closed_fence`: the block is one fenced code block (mdtext.fence), so no fence is
        left open after it when none was before (no need to scan a 100 MB log for one)."""
        doc = self._doc()
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
            doc.open_fence = mdtext.open_fence_after(body.split("\n"), doc.open_fence)
        return first, doc.lines

    def _doc(self) -> _DocTail:
        """What appends need to know of the document, scanned once, then kept up to date by
        the appends themselves (no rescan of a large document per append)."""
        if self._tail is None:
            md = self.session.markdown
            lines = md.read_text(encoding="utf-8").split("\n") if md.exists() else []
            if lines and lines[-1] == "":
                lines.pop()
            marks = [f for f in map(marked_source, lines) if f is not None]
            self._tail = _DocTail(
                len(lines), mdtext.open_fence_after(lines), marks[-1] if marks else ""
            )
        return self._tail

    def reconcile(self, lines: int) -> None:
        """Make the document agree with the graph state after a crash: lines appended by a
        step whose result was never saved are removed (that step runs again on resume)."""
        if self.line_count() <= lines:
            return
        old = self._lines()
        self._replace_lines(old, old[:lines])
        self._trim_spans()

    def clear(self) -> None:
        """Start the document again from nothing."""
        self.checkpoints.changed(0)
        self.session.markdown.unlink(missing_ok=True)
        self._tail = None
        self._trim_spans()

    @property
    def _spans_path(self) -> Path:
        return self.session.dir / "spans.jsonl"

    def spans(self) -> list[dict[str, Any]]:
        """The append_source records of the current document (file, start, end, as, md lines):
        read from spans.jsonl once, then kept in step with it by the methods that write it."""
        if self._spans is None:
            self._spans = []
            if self._spans_path.exists():
                with self._spans_path.open(encoding="utf-8") as fh:
                    self._spans = [json.loads(line) for line in fh if line.strip()]
        return self._spans

    def _add_span(self, record: dict[str, Any]) -> None:
        self.spans().append(record)
        with self._spans_path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")

    def _write_spans(self, spans: list[dict[str, Any]]) -> None:
        self._spans = spans
        self._spans_path.write_text("".join(json.dumps(x) + "\n" for x in spans), "utf-8")

    def _trim_spans(self) -> None:
        """Forget spans that are no longer in the document (after a rollback or clear)."""
        keep = self.line_count()
        spans = self.spans()
        if any(sp["md_last"] > keep for sp in spans):
            self._write_spans([sp for sp in spans if sp["md_last"] <= keep])

    def chapter_has_title(self, start_line: int) -> bool:
        """Does the document hold an H1 (outside code) after line `start_line`?"""
        md = self.session.markdown
        if not md.exists():
            return False
        lines = md.read_text(encoding="utf-8").split("\n")
        fenced = mdtext.fenced_lines(lines)
        return any(
            line.startswith("# ") and not fenced[i]
            for i, line in enumerate(lines)
            if i >= start_line
        )

    def restore_chapter_start(self, checkpoints: list[dict[str, Any]]) -> None:
        """Undo the current chapter: back to the last checkpoint, or to an empty document."""
        if checkpoints:
            self.rollback_to_checkpoint(checkpoints[-1]["id"])
        else:
            self.clear()

    def line_count(self) -> int:
        return self._doc().lines

    def byte_count(self) -> int:
        md = self.session.markdown
        return md.stat().st_size if md.exists() else 0

    def append_markdown(self, text: str) -> str:
        if not text.strip():
            raise ToolError("append_markdown needs non-empty text")
        if len(text) > MAX_TOOL_CHARS:
            raise ToolError(
                f"append_markdown takes at most {MAX_TOOL_CHARS} characters of your own writing;"
                " copy source content with append_source instead"
            )
        open_fence = self._doc().open_fence
        if mdtext.open_fence_after(text.split("\n"), open_fence) and not open_fence:
            raise ToolError("the text opens a code fence it does not close")
        first, last = self._append(text)
        return f"appended markdown at lines {first}-{last}"

    def append_source(
        self,
        file: str,
        start_line: int,
        end_line: int,
        as_: str = "markdown",
        language: str | None = None,
        base_level: int | None = None,
    ) -> str:
        if as_ not in APPEND_KINDS:
            raise ToolError(f"as_ must be one of {', '.join(APPEND_KINDS)}, not {as_!r}")
        source = self.store.get(file)
        lines = source.span(start_line, end_line)
        fenced = False
        if as_ == "markdown":
            if mdtext.nesting_depth(lines) > mdtext.MAX_NESTING:
                raise ToolError(
                    f"lines {start_line}-{end_line} of {file} nest quotes or lists more than"
                    f" {mdtext.MAX_NESTING} levels deep: copy them with as_='text'"
                )
            if base_level is not None:
                if not 1 <= base_level <= 6:
                    raise ToolError("base_level must be between 1 and 6")
                lines = mdtext.relevel_markdown(lines, base_level)
            text = "\n".join(lines)
            if not text.strip():
                return f"lines {start_line}-{end_line} of {file} are blank; nothing appended"
            links = internal_links(file, text, set(self.store.names))
            text = mdtext.rewrite_destinations(text, {**self.assets.get(file, {}), **links})
        elif as_ == "prose":
            text = mdtext.prose(lines)
            if not text:
                return f"lines {start_line}-{end_line} of {file} are blank; nothing appended"
        else:
            text = mdtext.fence(lines, language or ("text" if as_ == "text" else None))
            fenced = True
        if self._doc().last_source != file:
            # marks where this file's content starts, so links between inputs can resolve
            self._append(source_mark(file))
            self._doc().last_source = file
        first, last = self._append(text, closed_fence=fenced)
        self._add_span(
            {
                "file": file,
                "start": start_line,
                "end": end_line,
                "as": as_,
                "md_first": first,
                "md_last": last,
            }
        )
        return (
            f"appended {file} lines {start_line}-{end_line} as {as_}"
            f" at markdown lines {first}-{last}"
        )

    def append_log_digest(self, file: str) -> str:
        """A summary table of a log (lines, time range, count per level, first error)."""
        source = self.store.get(file)
        stats = log_stats(source.lines, source.level_words)
        rows = [("Lines", f"{len(source.lines):,}")]
        if stats["time_range"]:
            first, last = stats["time_range"]
            rows.append(("Time range", f"{first} → {last}"))
        for level, count in stats["levels"].items():
            note = ""
            if level in ("FATAL", "ERROR") and stats["first_error_line"]:
                note = f" (first at line {stats['first_error_line']:,})"
                stats["first_error_line"] = None
            rows.append((level, f"{count:,}{note}"))
        table = ["| Log summary | |", "|:--|--:|"] + [
            f"| {mdtext.escape_prose_line(k)} | {mdtext.escape_prose_line(v)} |" for k, v in rows
        ]
        first_md, last_md = self._append("\n".join(table))
        return f"appended the digest of {file} at markdown lines {first_md}-{last_md}"

    def read_generated_file(self, lines: int = 100) -> str:
        md = self.session.markdown
        if not md.exists():
            return "[the document is empty]"
        lines = max(1, min(lines, MAX_READ_LINES))
        total = 0
        tail: deque[str] = deque(maxlen=lines)
        outline: list[str] = []
        in_fence = False
        with md.open(encoding="utf-8") as fh:
            for line in fh:
                total += 1
                tail.append(line.rstrip("\n"))
                if line.startswith(("```", "~~~")):
                    in_fence = not in_fence
                elif not in_fence and re.match(r"#{1,6} ", line) and len(outline) < 200:
                    outline.append(f"{total}: {clip(line.strip(), 120)}")
        start = total - len(tail) + 1
        body = "\n".join(f"{start + i}: {clip(t, 500)}" for i, t in enumerate(tail))
        return clip("outline:\n" + "\n".join(outline) + f"\n\nlast lines:\n{body}", MAX_TOOL_CHARS)

    def edit_markdown_line(self, line_number: int, new_content: str) -> str:
        lines = self._lines()
        if not 1 <= line_number <= len(lines):
            raise ToolError(f"line {line_number} is outside the document (lines 1-{len(lines)})")
        if "\n" in new_content:
            raise ToolError("new_content must be a single line")
        if mdtext.inside_fence(lines, line_number):
            raise ToolError(f"line {line_number} is inside a code block: verbatim, not editable")
        self._replace_lines(lines, [*lines[: line_number - 1], new_content, *lines[line_number:]])
        return f"line {line_number} replaced"

    # ----- repairs (FC005: only the affected lines) ---------------------------------------
    def _lines(self) -> list[str]:
        md = self.session.markdown
        lines = md.read_text(encoding="utf-8").split("\n") if md.exists() else []
        if lines and lines[-1] == "":
            lines.pop()
        return lines

    def close_fence(self, line_number: int) -> str:
        """E001: close the fence opened at line_number before the first heading (or source
        mark) that follows it — where the fence was meant to end — else at the document end."""
        lines = self._lines()
        if not 1 <= line_number <= len(lines):
            raise ToolError(f"line {line_number} is outside the document")
        marker = mdtext.fence_marker(lines[line_number - 1])
        if not marker or mdtext.unclosed_fence_line(lines) != line_number:
            raise ToolError(f"no unclosed code fence opens at line {line_number}")
        at = len(lines)
        for i in range(line_number, len(lines)):
            if HEADING_OR_MARK.match(lines[i]):
                at = i
                break
        while at > line_number and not lines[at - 1].strip():
            at -= 1
        blank_follows = at == len(lines) or not lines[at].strip()
        new = [*lines[:at], marker[0] * len(marker), *([] if blank_follows else [""]), *lines[at:]]
        self._rewrite_remapped(lines, new)
        return f"closed the fence of line {line_number} at line {at + 1}"

    def fix_heading_levels(self, from_line: int = 1) -> str:
        """E006/E007: re-level the headings from line from_line on (one chapter): the first
        becomes H1, the others go under it without skipped levels."""
        lines = self._lines()
        start = max(0, from_line - 1)
        chapter = lines[start:]
        heads = mdtext.top_level_headings(chapter)
        if not heads:
            return "no heading to fix"
        first, last, _ = heads[0]
        title = mdtext.heading_text(chapter, first, last)
        fixed = [*chapter[:first], f"# {title}", *mdtext.relevel_markdown(chapter[last + 1 :], 2)]
        new = lines[:start] + fixed
        self._rewrite_remapped(lines, new)
        return f"re-levelled {len(heads)} heading(s) from line {from_line}"

    def lint_chapter(
        self, linter: Any, from_line: int, chapter: list[str] | None = None
    ) -> tuple[list[str], list[dict[str, Any]]]:
        """markdownlint on the chapter from line from_line (`chapter`: its lines, when already
        read): apply its own fixes outside verbatim content (code/text/prose spans and code
        blocks are protected), then return the fixes applied and the findings left (document
        line numbers)."""
        start = max(0, from_line - 1)
        if chapter is None:
            chapter = self.chapter_lines(from_line)
        text, where = self._collapsed(chapter, start)
        findings = _relined(linter.lint(text), where)
        if not any(f.get("fixable") for f in findings):
            return [], findings  # nothing markdownlint could fix: one pass is enough
        lines = self._lines()
        chapter = lines[start:]
        protected = [
            [sp["md_first"] - start, sp["md_last"] - start]
            for sp in self.spans()
            if sp["as"] in ("code", "text", "prose") and sp["md_first"] > start
        ]
        result = linter.fix("\n".join(chapter) + "\n", protected)
        fixed = result["text"].split("\n")
        if fixed and fixed[-1] == "":
            fixed.pop()
        applied = []
        if fixed != chapter and "aborted" not in result:
            self._rewrite_remapped(lines, lines[:start] + fixed)
            applied = [
                f"{a['rule']} line {a['line'] + start}: {a.get('note') or a['detail']}"
                for a in result.get("applied", [])
            ]
            text, where = self._collapsed(fixed, start)
            return applied, _relined(linter.lint(text), where)
        return applied, findings

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
        return self._lines()[max(0, from_line - 1) :]

    def _collapsed(self, chapter: list[str], start: int) -> tuple[str, list[tuple[int, int]]]:
        """The chapter (document lines after `start`) with the body of each verbatim code
        block reduced to one empty line: checkers have nothing to say about verbatim lines,
        and a 100 MB log would cost seconds. Fence lines stay, so the structure checked is the
        same. Also returns where each piece of the text came from: (first line of the piece
        in the text, its first line in the document), 1-based, for _relined."""
        out: list[str] = []
        where = [(1, start + 1)]
        pos = 0
        for sp in sorted(self.spans(), key=lambda sp: sp["md_first"]):
            if sp["as"] not in ("code", "text") or sp["md_first"] <= start:
                continue
            first, last = sp["md_first"] - start, sp["md_last"] - start - 1  # the body
            if first < pos or last - first < 2 or last > len(chapter):
                continue
            out += chapter[pos:first]
            out.append("")
            pos = last
            where.append((len(out) + 1, start + pos + 1))
        out += chapter[pos:]
        return "\n".join(out) + "\n", where

    def _replace_lines(self, old: list[str], new: list[str]) -> None:
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

    def _rewrite_remapped(self, old: list[str], new: list[str]) -> None:
        """Rewrite the document and move the recorded spans with their lines."""
        import difflib

        where = list(range(len(old) + 1))
        for tag, i1, i2, j1, _j2 in difflib.SequenceMatcher(
            None, old, new, autojunk=False
        ).get_opcodes():
            for k in range(i1, i2):
                where[k] = j1 + (k - i1 if tag == "equal" else 0)
        self._replace_lines(old, new)
        spans = self.spans()
        if spans:
            for sp in spans:
                sp["md_first"] = where[sp["md_first"] - 1] + 1
                sp["md_last"] = where[sp["md_last"] - 1] + 1
            self._write_spans(spans)

    # ----- checkpoints and validation ------------------------------------------------------
    def create_checkpoint(self, label: str) -> str:
        checkpoint_id = self.checkpoints.create(label)
        self.store.forget()  # the chapter is done: its sources are read again if needed
        mdtext.forget_headings()
        return checkpoint_id

    def rollback_to_checkpoint(self, checkpoint_id: str) -> str:
        self.checkpoints.restore(checkpoint_id)
        self._tail = None
        self._trim_spans()
        return f"restored {checkpoint_id}"

    def validate_markdown(
        self, from_line: int = 1, chapter: list[str] | None = None
    ) -> dict[str, Any]:
        """Findings for the document from line from_line on (one chapter, or all of it);
        `chapter`: those lines, when already read."""
        start = max(0, from_line - 1)
        if chapter is None:
            chapter = self.chapter_lines(from_line)
        text, where = self._collapsed(chapter, start)
        findings = _relined(validate_markdown_text(text), where)
        return {"valid": not findings, "issues": findings[:50], "total_issues": len(findings)}

    def copy_image(self, path: str, from_file: str | None = None) -> str:
        """Copy an image from the input folder into assets/; return its markdown path."""
        from agentic_docgen.markdown.references import copy_asset

        return copy_asset(self.session, path, from_file)
