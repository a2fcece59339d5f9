"""What grows with the document lives in the session's own files, not in the graph's state.

LangGraph checkpoints the whole state at every step (state.sqlite), so a list kept there is
copied once per step: a run's checkpoints would grow with the square of its files (a 800-file
folder wrote 220 MB). The state keeps a length; the content is here:

- `inputs.json`: the input files' names, in chapter order. Written when the run starts;
  scan_assets adds the linked files the user provides (the list only grows, so the first
  `n_inputs` names, the count the state keeps, are the run's inputs at any step).
- `assets.json`: input file -> {reference as written: its target}, rewritten by each scan of
  the references (the state keeps the scan's number, so a reader knows when to read again).
- `report.jsonl`: what the nodes report, one JSON line per entry with its kind (a warning, a
  fix applied, a classified error, a model call's token usage), append-only. The state keeps
  its size in bytes as of the last saved step: before a step runs, the file is cut back to
  that size, as the markdown is cut back to its line count (a step killed before it was saved
  runs again on resume, and would otherwise report twice).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from agentic_docgen.session.folder import write_atomic

INPUTS = "inputs.json"
ASSETS = "assets.json"
REPORT = "report.jsonl"

# the kind of an entry of report.jsonl, by the key a node reports it under
KINDS = {
    "warnings": "warning",
    "fixes": "fix",
    "errors": "error",
    "usage": "usage",
    "generated": "generated",  # a generated section: title, generate, model, tokens
}


def read_inputs(session_dir: Path, count: int | None = None) -> list[str]:
    """The input files' names (the first `count` of them)."""
    try:
        names = json.loads((session_dir / INPUTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(n) for n in names[:count]] if isinstance(names, list) else []


def write_inputs(session_dir: Path, names: Sequence[str]) -> None:
    write_atomic(session_dir / INPUTS, json.dumps(list(names), ensure_ascii=False))


def read_assets(session_dir: Path) -> dict[str, dict[str, str]]:
    try:
        assets = json.loads((session_dir / ASSETS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return assets if isinstance(assets, dict) else {}


def write_assets(session_dir: Path, assets: Mapping[str, Mapping[str, str]]) -> None:
    write_atomic(session_dir / ASSETS, json.dumps(assets, ensure_ascii=False))


class Report:
    """The session's report.jsonl (see the module docstring)."""

    def __init__(self, session_dir: Path) -> None:
        self.path = session_dir / REPORT

    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except FileNotFoundError:
            return 0

    def cut(self, size: int) -> None:
        """Forget the entries after byte `size` (those of a step that was never saved)."""
        if self.size() > size:
            os.truncate(self.path, size)

    def add(self, entries: Mapping[str, Sequence[Any]]) -> int:
        """Append the entries (by KINDS key, in order) and return the report's new size."""
        lines = [
            json.dumps({"kind": KINDS[key], "entry": entry}, ensure_ascii=False) + "\n"
            for key in KINDS
            for entry in entries.get(key) or ()
        ]
        if not lines:
            return self.size()
        with self.path.open("a", encoding="utf-8", newline="\n") as fh:
            fh.write("".join(lines))
            return fh.tell()

    def entries(self, size: int | None = None) -> Iterator[tuple[str, Any]]:
        """(key, entry) for each entry in the first `size` bytes (all when None)."""
        keys = {kind: key for key, kind in KINDS.items()}
        try:
            with self.path.open("rb") as fh:
                data = fh.read() if size is None else fh.read(size)
        except FileNotFoundError:
            return
        for line in data.decode("utf-8").split("\n"):  # not splitlines(): JSON keeps U+2028
            if line.strip():
                record = json.loads(line)
                yield keys[record["kind"]], record["entry"]

    def read(self, size: int | None = None) -> dict[str, list[Any]]:
        """The entries by KINDS key, each list in the order they were reported."""
        out: dict[str, list[Any]] = {key: [] for key in KINDS}
        for key, entry in self.entries(size):
            out[key].append(entry)
        return out


CHAPTERS = "chapters.jsonl"


def note_chapter(session_dir: Path, done: int, lines: int) -> None:
    """A chapter checkpoint: the first `done` inputs' chapters end at markdown line `lines`
    (one line per checkpoint, append-only; a later line for the same `done` wins, as after a
    rollback). session/versions.py reads the chapters' line ranges from it."""
    with (session_dir / CHAPTERS).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"done": done, "lines": lines}) + "\n")


def read_chapters(session_dir: Path) -> dict[int, int]:
    """`done` -> the line its chapter ends at (the latest note of each)."""
    out: dict[int, int] = {}
    try:
        with (session_dir / CHAPTERS).open(encoding="utf-8") as fh:
            for line in fh:
                try:
                    item = json.loads(line)
                    out[int(item["done"])] = int(item["lines"])
                except (ValueError, KeyError, TypeError):
                    continue
    except OSError:
        pass
    return out


LINK_NAMES = "link_names.json"


def write_link_names(session_dir: Path, names: Sequence[str]) -> None:
    """Every input's name, for a run that builds only some of them (entry/rebuild.py): a
    link to an input it does not build still points at that input's chapter."""
    write_atomic(session_dir / LINK_NAMES, json.dumps(list(names), ensure_ascii=False))


def read_link_names(session_dir: Path) -> list[str]:
    try:
        names = json.loads((session_dir / LINK_NAMES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []
