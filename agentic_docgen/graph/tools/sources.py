"""Read access to a session's copied inputs: lines by number, and bounded digests."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from agentic_docgen.core.errors import ToolError
from agentic_docgen.markdown.ansi import plain_lines
from agentic_docgen.markdown.lines import split_lines
from agentic_docgen.markdown.logs import level_words, log_stats
from agentic_docgen.session.paths import resolve_within

PREVIEW_CHARS = 200


class Source:
    """One input file of the session, decoded once and split into lines."""

    def __init__(self, name: str, path: Path, read: set[str] | None = None) -> None:
        self.name = name
        self.path = path
        self._read = read  # the store's names whose lines are held (SourceStore.forget)

    @cached_property
    def lines(self) -> list[str]:
        if self._read is not None:
            self._read.add(self.name)
        return split_lines(self.path.read_text(encoding="utf-8"))

    @cached_property
    def plain(self) -> list[str]:
        """The lines as a document shows them: without terminal escape sequences (the same
        list when there are none)."""
        return plain_lines(self.lines)

    @cached_property
    def level_words(self) -> list[str]:
        """Per line, the level word it states (computed once: the log digest and the
        colouring of the document both need it)."""
        return level_words(self.plain)

    @property
    def kind(self) -> str:
        return self.path.suffix.lower().lstrip(".")

    def span(self, start: int, end: int) -> list[str]:
        """Lines start..end, 1-based and inclusive, validated against the file."""
        n = len(self.lines)
        if n == 0:
            raise ToolError(f"{self.name} is empty: there is no line to copy")
        if not (1 <= start <= end <= n):
            raise ToolError(f"line range {start}-{end} is outside {self.name} (lines 1-{n})")
        return self.lines[start - 1 : end]


class SourceStore:
    """The session's inputs, addressed by their relative names; nothing outside inputs/."""

    def __init__(self, inputs_dir: Path, names: list[str]) -> None:
        self.inputs_dir = inputs_dir
        self.names = list(names)
        self._cache: dict[str, Source] = {}
        self._read: set[str] = set()  # the sources holding their lines since the last forget

    def forget(self) -> None:
        """Let the lines of the files read so far go (read again when asked for); the level
        words found in logs stay, for the colours of the document. Only the sources read
        since the last forget are visited (once per chapter: a loop over every source was
        quadratic in the number of files)."""
        for name in self._read:
            source = self._cache[name]
            source.__dict__.pop("lines", None)
            source.__dict__.pop("plain", None)
        self._read.clear()

    def get(self, name: str) -> Source:
        if name not in self._cache:
            if name not in self.names:
                try:
                    resolve_within(self.inputs_dir, name, what="file")
                except Exception as exc:
                    raise ToolError(f"{name}: refused, {exc}") from None
                known = ", ".join(self.names[:20])
                raise ToolError(f"unknown file {name!r}; the input files are: {known}")
            self._cache[name] = Source(name, self.inputs_dir / name, self._read)
        return self._cache[name]


def clip(text: str, limit: int = PREVIEW_CHARS) -> str:
    return text if len(text) <= limit else text[:limit] + f"… [{len(text) - limit} more chars]"


def describe(source: Source, headings: list[tuple[int, int, str]] | None = None) -> dict[str, Any]:
    """A bounded digest of a source, so an agent never needs the whole file in its context."""
    lines = source.plain
    digest: dict[str, Any] = {
        "file": source.name,
        "kind": source.kind,
        "bytes": source.path.stat().st_size,
        "lines": len(lines),
        "longest_line": max((len(line) for line in lines), default=0),
        "first_lines": [clip(line) for line in lines[:5]],
        "last_lines": [clip(line) for line in lines[-5:]] if len(lines) > 5 else [],
    }
    if headings is not None:
        digest["headings"] = [
            {"line": line, "level": level, "text": clip(text, 120)}
            for line, level, text in headings[:60]
        ]
        if len(headings) > 60:
            digest["headings_omitted"] = len(headings) - 60
    if source.kind == "log":
        digest.update(log_stats(lines, source.level_words))
    return digest
