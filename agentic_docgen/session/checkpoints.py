"""Checkpoints of the markdown under construction (FC009), stored incrementally.

A chapter only appends to the document, so a checkpoint after a chapter usually holds just
the bytes added since the checkpoint before it (`<id>.md`), with `<id>.base` naming that
checkpoint and the offset where the new bytes start; restoring one concatenates its chain.
A checkpoint is a whole copy when it cannot be a delta: the first one, or when the
document was rewritten below the end of the last checkpoint since it was taken (a repair,
an edit, a rollback, a truncation). Copying the whole document at each of 100 chapters
wrote 5 GB for 100 MB of markdown; now each byte is written about once.

What is known of the document is kept in `HEAD.json`: the last checkpoint taken or restored
(`last`), its size (`size`), and how long a prefix of the document is still known to equal
it (`intact`). Every writer of the document that may change a byte before its end says so
(`changed`) before it writes; appends need not. `intact` also tells validate_md that a
chapter still starts at the offset its checkpoint recorded, without reading what precedes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agentic_docgen.core.errors import ToolError
from agentic_docgen.session.paths import resolve_within

HEAD = "HEAD.json"
SPOT_CHECK = 4096  # bytes compared before a delta is trusted (a writer that did not say)
MAX_CHAIN = 100_000


class Checkpoints:
    def __init__(self, folder: Path, markdown: Path) -> None:
        self.folder = folder
        self.markdown = markdown

    # ----- what is known of the document --------------------------------------------------
    def _head(self) -> dict[str, Any] | None:
        try:
            head = json.loads((self.folder / HEAD).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(head, dict) or not {"last", "size", "intact"} <= head.keys():
            return None
        return head

    def _set_head(self, last: str, size: int, intact: int) -> None:
        path = self.folder / HEAD
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({"last": last, "size": size, "intact": intact}), "utf-8")
        os.replace(tmp, path)

    def changed(self, offset: int) -> None:
        """The document is about to change from byte `offset` on (not by an append)."""
        head = self._head()
        if head and head["intact"] > offset:
            self._set_head(head["last"], head["size"], offset)

    def intact(self, checkpoint_id: str, offset: int) -> bool:
        """Are the document's first `offset` bytes still those of checkpoint_id?"""
        head = self._head()
        return bool(head and head["last"] == checkpoint_id and head["intact"] >= offset)

    # ----- taking and restoring -----------------------------------------------------------
    def create(self, label: str, upto: int | None = None) -> str:
        """A checkpoint of the document, or of its first `upto` bytes (a chapter of a batch
        that ends before the document does)."""
        safe = re.sub(r"[^A-Za-z0-9_-]+", "-", label).strip("-")[:40] or "checkpoint"
        stamp = datetime.now(UTC).strftime("%Y%m%d_%H%M%S_%f")
        checkpoint_id = f"{stamp}_{safe}"
        dest = self.folder / f"{checkpoint_id}.md"
        size = self.markdown.stat().st_size if self.markdown.exists() else 0
        if upto is not None:
            size = min(size, upto)
        head = self._head()
        if head and self._delta_ok(head, size):
            _copy_range(self.markdown, dest, head["size"], size)
            base = {"base": head["last"], "offset": head["size"]}
            (self.folder / f"{checkpoint_id}.base").write_text(json.dumps(base), "utf-8")
        elif self.markdown.exists():
            _copy_range(self.markdown, dest, 0, size)
        else:
            dest.write_text("", encoding="utf-8")
        self._set_head(checkpoint_id, size, size)
        return checkpoint_id

    def _delta_ok(self, head: dict[str, Any], size: int) -> bool:
        """Can the new checkpoint be the bytes after the last one? Its prefix must be intact;
        the bytes just before the cut are also compared with the last checkpoint's own."""
        last = self.folder / f"{head['last']}.md"
        if head["intact"] < head["size"] or size < head["size"] or not last.is_file():
            return False
        n = min(SPOT_CHECK, head["size"], last.stat().st_size)
        if n == 0:
            return True
        with last.open("rb") as fh:
            fh.seek(-n, os.SEEK_END)
            theirs = fh.read(n)
        with self.markdown.open("rb") as fh:
            fh.seek(head["size"] - n)
            ours = fh.read(n)
        return ours == theirs

    def chain(self, checkpoint_id: str) -> list[tuple[Path, int]]:
        """The files that make up a checkpoint, oldest first, each with its offset."""
        out: list[tuple[Path, int]] = []
        current = checkpoint_id
        while True:
            try:
                path = resolve_within(self.folder, f"{current}.md", what="checkpoint")
            except Exception as exc:
                raise ToolError(str(exc)) from None
            if not path.is_file():
                known = sorted(p.stem for p in self.folder.glob("*.md"))[-10:]
                raise ToolError(f"no checkpoint {current!r}; recent ones: {', '.join(known)}")
            base_file = path.with_suffix(".base")
            if not base_file.exists():
                out.append((path, 0))
                return out[::-1]
            try:
                base = json.loads(base_file.read_text(encoding="utf-8"))
                current, offset = str(base["base"]), int(base["offset"])
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise ToolError(f"checkpoint {current!r} is damaged: {exc}") from None
            out.append((path, offset))
            if len(out) > MAX_CHAIN:
                raise ToolError(f"checkpoint {checkpoint_id!r} is damaged: its chain loops")

    def restore(self, checkpoint_id: str) -> None:
        chain = self.chain(checkpoint_id)
        tmp = self.markdown.with_name(self.markdown.name + ".tmp")
        with tmp.open("wb") as out:
            for path, offset in chain:
                if out.tell() != offset:
                    raise ToolError(
                        f"checkpoint {checkpoint_id!r} is damaged: {path.name} does"
                        f" not continue at byte {offset}"
                    )
                with path.open("rb") as src:
                    shutil.copyfileobj(src, out, 1 << 20)
            size = out.tell()
        self.changed(0)  # before the document changes: a crash in between stays safe
        os.replace(tmp, self.markdown)  # atomic: a crash never leaves half a file
        self._set_head(checkpoint_id, size, size)


def _copy_range(src: Path, dest: Path, start: int, end: int) -> None:
    """Bytes start..end of src into a new file dest."""
    with src.open("rb") as fh, dest.open("wb") as out:
        fh.seek(start)
        left = end - start
        while left > 0:
            chunk = fh.read(min(left, 1 << 20))
            if not chunk:
                break
            out.write(chunk)
            left -= len(chunk)
