"""Checkpoints of the markdown under construction (FC009), kept as references into it.

A chapter only appends to the document, so a checkpoint after a chapter is a **reference**:
a line of `lazy.jsonl` naming the checkpoint before it (`base`), the byte range of the
document it adds (`offset`..`end`) and that range's SHA-1. No byte is copied while the
document only grows: 10,000 chapters cost 10,000 short lines, not a second copy of the
markdown (issue 24). Restoring one concatenates its chain, the ranges read from the
document itself and checked against their hashes.

A reference stays valid while the document's first `end` bytes are unchanged. Every writer
that may change a byte before the end says so first (`changed(offset)`): the references
whose range reaches past `offset` are then **copied out** (`<id>.md`, with `<id>.base`
naming the base and offset when there is one), each byte once, before the write. Copies
made by earlier versions (`<id>.md` files) restore the same way.

What is known of the document is kept in `HEAD.json`: the last checkpoint taken or restored
(`last`), its size (`size`), how long a prefix of the document is still known to equal it
(`intact`), and the SHA-1 of the 4 KB before `size` (`tail`, compared before the next
checkpoint continues this one, against a writer that did not say). Every reference ends at
or before `intact`. `intact` also tells validate_md that a chapter still starts at the
offset its checkpoint recorded, without reading what precedes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agentic_docgen.core.errors import ToolError
from agentic_docgen.session.paths import resolve_within

HEAD = "HEAD.json"
LAZY = "lazy.jsonl"  # the checkpoints that are references into the document
SPOT_CHECK = 4096  # bytes compared before a delta is trusted (a writer that did not say)
MAX_CHAIN = 100_000
_CHUNK = 1 << 20


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

    def _set_head(
        self, last: str, size: int, intact: int, tail: str | None = None, refs: int | None = None
    ) -> None:
        """`refs`: where the references end at most (kept from the current head if None)."""
        if refs is None:
            head = self._head()
            refs = int(head.get("refs", 0)) if head else 0
        data: dict[str, Any] = {"last": last, "size": size, "intact": intact, "refs": refs}
        if tail is not None:
            data["tail"] = tail
        _write_atomic(self.folder / HEAD, json.dumps(data).encode())

    def changed(self, offset: int) -> None:
        """The document is about to change from byte `offset` on (not by an append): the
        references that reach past it are copied out first."""
        head = self._head()
        refs = int(head.get("refs", 1 << 62)) if head else 1 << 62  # (unknown: look)
        if refs > offset:
            self._copy_out(offset)
        if head and (head["intact"] > offset or refs > offset):
            intact = min(head["intact"], offset)
            refs = min(refs, offset)
            self._set_head(head["last"], head["size"], intact, head.get("tail"), refs)

    def intact(self, checkpoint_id: str, offset: int) -> bool:
        """Are the document's first `offset` bytes still those of checkpoint_id?"""
        head = self._head()
        return bool(head and head["last"] == checkpoint_id and head["intact"] >= offset)

    # ----- references ---------------------------------------------------------------------
    def _lazy(self) -> dict[str, dict[str, Any]]:
        """The references, by id (a line cut short by a crash is ignored: its checkpoint
        was never returned to anyone)."""
        out: dict[str, dict[str, Any]] = {}
        try:
            with (self.folder / LAZY).open(encoding="utf-8") as fh:
                for line in fh:
                    try:
                        entry = json.loads(line)
                        out[str(entry["id"])] = entry
                    except (ValueError, KeyError, TypeError):
                        continue
        except OSError:
            pass
        return out

    def _copy_out(self, offset: int) -> None:
        """Copy the bytes of every reference that reaches past `offset` into its own file."""
        lazy = self._lazy()
        moving = [e for e in lazy.values() if e["end"] > offset]
        if not moving:
            return
        for entry in moving:
            dest = self.folder / f"{entry['id']}.md"
            if not dest.exists():
                tmp = dest.with_name(dest.name + ".tmp")
                _copy_range(self.markdown, tmp, entry["offset"], entry["end"])
                os.replace(tmp, dest)
            if entry.get("base") is not None:
                base = {"base": entry["base"], "offset": entry["offset"]}
                _write_atomic(dest.with_suffix(".base"), json.dumps(base).encode())
        kept = [e for e in lazy.values() if e["end"] <= offset]
        _write_atomic(self.folder / LAZY, "".join(json.dumps(e) + "\n" for e in kept).encode())

    # ----- taking and restoring -----------------------------------------------------------
    def create(self, label: str, upto: int | None = None) -> str:
        """A checkpoint of the document, or of its first `upto` bytes (a chapter of a batch
        that ends before the document does): a reference, no bytes copied."""
        safe = re.sub(r"[^A-Za-z0-9_-]+", "-", label).strip("-")[:40] or "checkpoint"
        stamp = datetime.now(UTC).strftime("%Y%m%d_%H%M%S_%f")
        checkpoint_id = f"{stamp}_{safe}"
        size = self.markdown.stat().st_size if self.markdown.exists() else 0
        if upto is not None:
            size = min(size, upto)
        head = self._head()
        base, offset = (
            (head["last"], head["size"]) if head and self._delta_ok(head, size) else (None, 0)
        )
        entry = {"id": checkpoint_id, "base": base, "offset": offset, "end": size}
        entry["sha1"] = _sha1(self.markdown, offset, size)
        with (self.folder / LAZY).open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry) + "\n")
        refs = max(size, int(head.get("refs", 0)) if head else 0)
        self._set_head(checkpoint_id, size, size, self._tail(size), refs)
        return checkpoint_id

    def _tail(self, size: int) -> str:
        return _sha1(self.markdown, max(0, size - SPOT_CHECK), size)

    def _delta_ok(self, head: dict[str, Any], size: int) -> bool:
        """Can the new checkpoint be the bytes after the last one? Its prefix must be intact;
        the bytes just before the cut are also compared with the last checkpoint's own."""
        if head["intact"] < head["size"] or size < head["size"]:
            return False
        if "tail" in head:
            return bool(head["tail"] == self._tail(head["size"]))
        last = self.folder / f"{head['last']}.md"  # (a HEAD written by an earlier version)
        if not last.is_file():
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

    def chain(self, checkpoint_id: str) -> list[tuple[Path, int, int, int | None, str | None]]:
        """The pieces that make up a checkpoint, oldest first: each is a file, the byte where
        its piece starts in the checkpoint, and, for a reference, the range of the document
        it covers and its SHA-1 (`path, offset, start, end, sha1`)."""
        out: list[tuple[Path, int, int, int | None, str | None]] = []
        lazy: dict[str, dict[str, Any]] | None = None
        current: str | None = checkpoint_id
        while current is not None:
            try:
                path = resolve_within(self.folder, f"{current}.md", what="checkpoint")
            except Exception as exc:
                raise ToolError(str(exc)) from None
            if not path.is_file():
                lazy = self._lazy() if lazy is None else lazy
                if current not in lazy:
                    known = sorted({p.stem for p in self.folder.glob("*.md")} | set(lazy))[-10:]
                    raise ToolError(f"no checkpoint {current!r}; recent ones: {', '.join(known)}")
                e = lazy[current]
                out.append((self.markdown, e["offset"], e["offset"], e["end"], e["sha1"]))
                current = e["base"]
            else:
                base_file = path.with_suffix(".base")
                if not base_file.exists():
                    out.append((path, 0, 0, None, None))
                    break
                try:
                    base = json.loads(base_file.read_text(encoding="utf-8"))
                    current, offset = str(base["base"]), int(base["offset"])
                except (OSError, ValueError, KeyError, TypeError) as exc:
                    raise ToolError(f"checkpoint {current!r} is damaged: {exc}") from None
                out.append((path, offset, 0, None, None))
            if len(out) > MAX_CHAIN:
                raise ToolError(f"checkpoint {checkpoint_id!r} is damaged: its chain loops")
        return out[::-1]

    def restore(self, checkpoint_id: str) -> None:
        chain = self.chain(checkpoint_id)
        tmp = self.markdown.with_name(self.markdown.name + ".tmp")
        with tmp.open("wb") as out:
            for path, offset, start, end, sha1 in chain:
                if out.tell() != offset:
                    raise ToolError(
                        f"checkpoint {checkpoint_id!r} is damaged: {path.name} does"
                        f" not continue at byte {offset}"
                    )
                digest = hashlib.sha1(usedforsecurity=False)
                for chunk in _chunks(path, start, end):
                    digest.update(chunk)
                    out.write(chunk)
                if sha1 is not None and (digest.hexdigest() != sha1 or out.tell() != end):
                    tmp.unlink(missing_ok=True)
                    raise ToolError(
                        f"checkpoint {checkpoint_id!r} is damaged: bytes {start}..{end} of"
                        " the document changed without the checkpoints being told"
                    )
            size = out.tell()
        # before the document changes (a crash in between stays safe): what it shares with
        # the restored one stays referred to, the rest is copied out
        self.changed(_common_prefix(self.markdown, tmp))
        os.replace(tmp, self.markdown)  # atomic: a crash never leaves half a file
        self._set_head(checkpoint_id, size, size, self._tail(size))


def _chunks(src: Path, start: int, end: int | None) -> Iterator[bytes]:
    """Bytes start..end (None: to the end) of src, in pieces; none if src is missing."""
    if not src.exists():
        return
    with src.open("rb") as fh:
        fh.seek(start)
        left = end - start if end is not None else -1
        while left != 0:
            chunk = fh.read(_CHUNK if left < 0 else min(left, _CHUNK))
            if not chunk:
                return
            yield chunk
            left -= len(chunk) if left > 0 else 0


def _copy_range(src: Path, dest: Path, start: int, end: int) -> None:
    """Bytes start..end of src into a new file dest."""
    with dest.open("wb") as out:
        for chunk in _chunks(src, start, end):
            out.write(chunk)


def _sha1(src: Path, start: int, end: int) -> str:
    digest = hashlib.sha1(usedforsecurity=False)
    for chunk in _chunks(src, start, end):
        digest.update(chunk)
    return digest.hexdigest()


def _common_prefix(a: Path, b: Path) -> int:
    """How many first bytes files a and b share (a may be missing)."""
    n = 0
    for x, y in zip(_chunks(a, 0, None), _chunks(b, 0, None), strict=False):
        if x == y:
            n += len(x)
            continue
        return n + next(
            (i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y))
        )
    return n


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def checkpoint_ids(folder: Path) -> list[str]:
    """Every checkpoint of a session's checkpoints folder, copied out or referred to, sorted
    (ids start with their time)."""
    refs = Checkpoints(folder, folder / "unused")._lazy()
    return sorted({p.stem for p in folder.glob("*.md")} | set(refs))
