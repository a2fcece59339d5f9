"""Big documents parsed in pieces on several cores.

The document is cut before top-level headings into a few pieces; this process parses the
first while child processes parse the others (mistletoe and Pygments are pure Python: one
core each). What a piece cannot know alone is recorded, not decided: the ids of its headings
(unique over the document), the source file each belongs to, the big code bodies; the
pieces are then merged here in document order (merge), and links and footnotes resolved
over the whole document as before. Every piece checks that mistletoe, reading the whole
document, would also start a block at its end (see _parse_piece); a piece that fails that
check, a document with link reference definitions (mistletoe resolves them per document)
and any failure of a child (start-up, crash, timeout) make the document parse in this
process the ordinary way instead.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import itertools
import os
import pickle
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mistletoe import block_token
from mistletoe.block_token import Document

from agentic_docgen.blocks.footnotes import parse_context
from agentic_docgen.blocks.parser import Block, Parser
from agentic_docgen.markdown.scan import heading_cuts

PARALLEL_MIN_CHARS = 2_000_000  # smaller documents: parsed in this process only
_PIECE_MIN_CHARS = 1_000_000  # (in automatic mode) no more pieces than this many chars each
_MAX_PIECES = 4
_OWN_SHARE = 1.1  # this process's piece, relative to a child's (a child starts up first)
_MIN_WAIT_S = 60.0  # a child may take this long, or 10 times this process's piece
_CHILD = (  # python -c _CHILD <request file> <answer file>
    "import gc, pickle, sys\n"
    "gc.disable()\n"  # a short-lived process: no time spent looking for cycles
    "with open(sys.argv[1], 'rb') as file:\n"
    "    request = pickle.load(file)\n"
    "sys.path[:] = request['path']\n"
    "from agentic_docgen.blocks.parallel import _piece_process\n"
    "_piece_process(request, sys.argv[2])\n"
)


@dataclass
class _Piece:
    """One piece's blocks, what it counted, and its events in document order: ("heading",
    block), ("mark", file), ("note", HTML left out), ("body", block, placeholder)."""

    blocks: list[Block]
    events: list[tuple[Any, ...]]
    replaced_chars: int
    images: int
    missing_images: list[str]
    footnotes: list[dict[str, Any]]
    ragged_tables: int
    wide_tables: list[str]


class _PieceParser(Parser):
    """A Parser for one piece: it records what depends on the pieces before it."""

    def __init__(self, session_dir: Path, body_keys: list[str]) -> None:
        super().__init__(session_dir)
        self.events: list[tuple[Any, ...]] = []
        self.body_keys = set(body_keys)

    def heading(self, block: Block) -> None:
        self.events.append(("heading", block))

    def source_mark(self, file: str) -> None:
        self.note_file = file  # (footnote ids are scoped by it, as in Parser)
        self.events.append(("mark", file))

    def html_note(self, kind: str) -> None:
        self.events.append(("note", kind))

    def is_body(self, text: str) -> bool:
        return text in self.body_keys

    def body_block(self, key: str) -> Block:
        block: Block = {"type": "code"}
        self.events.append(("body", block, key))
        return block

    def pending(self, block: Block) -> bool:
        return block["type"] == "code" and len(block) == 1  # (filled in by merge)


def _cpu_count() -> int:
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return int(counted() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _piece_count(lines: list[str], parallel: bool | None) -> int:
    if parallel is False or not sys.executable or getattr(sys, "frozen", False):
        return 1
    cpus = _cpu_count()
    if parallel:
        return max(2, min(cpus, _MAX_PIECES))
    if cpus < 2:
        return 1
    size = sum(map(len, lines)) + len(lines)
    if size < PARALLEL_MIN_CHARS:
        return 1
    return max(1, min(cpus, _MAX_PIECES, size // _PIECE_MIN_CHARS))


def _boundaries(lines: list[str], pieces: int) -> list[int]:
    """The first line of each piece, then len(lines); [] when the document cannot be cut."""
    found, before, total = heading_cuts(lines)
    weights = [_OWN_SHARE] + [1.0] * (pieces - 1)
    bounds = [0]
    share = 0.0
    for weight in weights[:-1]:
        share += weight
        target = total * share / sum(weights)
        k = bisect.bisect_left(before, target)
        near = [j for j in (k - 1, k) if 0 <= j < len(found) and found[j] > bounds[-1]]
        if near:
            bounds.append(found[min(near, key=lambda j: abs(before[j] - target))])
    return [*bounds, len(lines)] if len(bounds) > 1 else []


def _parse_piece(
    session_dir: str,
    lines: list[str],
    body_keys: list[str],
    sentinel: bool,
    note_file: str | None = None,
    compact: bool = False,
) -> _Piece | str:
    """Parse one piece; `sentinel`: its last line is the heading the next piece starts with,
    parsed here only to check that it starts a block of its own. As every piece but the
    last ends with an empty line before that heading, no block of mistletoe's stops earlier
    or later for not seeing what follows (only a fence or a multi-line HTML block could
    take the heading in, and then it is not a block of its own here either). Returns why
    the piece cannot be used instead when it cannot. `note_file`: the source file the piece
    starts in (its last source mark before it)."""
    parser = _PieceParser(Path(session_dir), body_keys)
    parser.note_file = note_file
    parser.compact = compact
    with parse_context():
        doc = Document([line + "\n" for line in lines])
        tokens = list(doc.children or ())
        if doc.footnotes:
            return "link reference definitions"
        if sentinel:
            last = tokens.pop() if tokens else None
            where = getattr(last, "line_number", 0)
            if not isinstance(last, block_token.Heading) or where != len(lines):
                return "no block starts where the next piece does"
        blocks = parser.top_blocks(tokens)
    return _Piece(
        blocks,
        parser.events,
        parser.replaced_chars,
        parser.images,
        parser.missing_images,
        parser.footnotes,
        parser.ragged_tables,
        parser.wide_tables,
    )


def _piece_process(request: dict[str, Any], answer: str) -> None:
    """A child process's work (see _CHILD): one piece, its answer pickled to a file."""
    lines = request["text"].split("\n")  # all of them: "\n".join(lines) was sent
    del request["text"]
    piece = _parse_piece(
        request["session"],
        lines,
        request["keys"],
        request["sentinel"],
        request["file"],
        request["compact"],
    )
    with open(answer, "wb") as file:
        pickle.dump(piece, file, protocol=pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes) -> Any:
    """Unpickle a piece: without the collector, which would walk the growing tree again and
    again (ten times slower)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


class _Child:
    """A child process parsing one piece. Request and answer go through files: a pipe would
    be read here a few KB at a time, each read waiting for this process's parse to let go
    of the GIL, and the child would wait for that."""

    def __init__(self, folder: Path, n: int, request: dict[str, Any]) -> None:
        self.request, self.answer = folder / f"{n}.request", folder / f"{n}.answer"
        self.log = folder / f"{n}.log"
        with open(self.request, "wb") as file:
            pickle.dump(request, file, protocol=pickle.HIGHEST_PROTOCOL)
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", _CHILD, str(self.request), str(self.answer)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )

    def result(self, deadline: float) -> _Piece | str:
        try:
            code = self.proc.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return "a child process took too long"
        if code != 0:
            error = self.log.read_bytes()[-300:].decode(errors="replace")
            return f"a child process failed (exit status {code}): {error}"
        piece = _loads(self.answer.read_bytes())
        return piece if isinstance(piece, _Piece | str) else "a child process answered nonsense"

    def close(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(OSError):
                self.proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(10)


def _file_at(parser: Parser, lines: list[str], first: int) -> str | None:
    """The source file whose content runs at lines[first]: its last source mark before."""
    for i in range(first - 1, -1, -1):
        if lines[i].startswith("<!--"):
            file = parser.dialect.marked_source(lines[i].strip())
            if file is not None:
                return file
    return None


def parse_in_pieces(parser: Parser, lines: list[str], parallel: bool | None) -> list[_Piece] | None:
    """The pieces of the document, parsed at the same time: the first here, the others in
    child processes. None (and the reason in parser.serial_reason when it was tried) when the
    document is to be parsed the ordinary way. `parallel`: as for parse_markdown."""
    pieces = _piece_count(lines, parallel)
    if pieces < 2:
        return None
    bounds = _boundaries(lines, pieces)
    if len(bounds) < 3:
        parser.serial_reason = "no place to cut the document"
        return None
    session, keys = str(parser.session_dir), list(parser.bodies)
    children: list[_Child] = []
    with tempfile.TemporaryDirectory(prefix="docgen-parse-", ignore_cleanup_errors=True) as tmp:
        try:
            for n, (first, end) in enumerate(itertools.pairwise(bounds[1:])):
                sentinel = end < len(lines)
                text = "\n".join(lines[first : end + 1] if sentinel else lines[first:])
                request: dict[str, Any] = {"path": sys.path, "session": session}
                request.update(text=text, keys=keys, file=_file_at(parser, lines, first))
                request["compact"] = parser.compact
                children.append(_Child(Path(tmp), n, {**request, "sentinel": sentinel}))
                del text, request
            started = time.monotonic()
            done = [_parse_piece(session, lines[: bounds[1] + 1], keys, True, None, parser.compact)]
            deadline = time.monotonic() + max(_MIN_WAIT_S, 10 * (time.monotonic() - started))
            for child in children:
                if isinstance(done[-1], str):
                    break  # the document is parsed the ordinary way: no need to wait
                done.append(child.result(deadline))
        except Exception as exc:  # parsed again the ordinary way (which raises it again if
            parser.serial_reason = f"{type(exc).__name__}: {exc}"[:300]  # the document does)
            return None
        finally:
            for child in children:
                child.close()
    for piece in done:
        if not isinstance(piece, _Piece):
            parser.serial_reason = piece
            return None
    return [piece for piece in done if isinstance(piece, _Piece)]


def merge(parser: Parser, pieces: list[_Piece]) -> list[Block]:
    """The blocks of the pieces, with what they recorded applied in document order."""
    blocks: list[Block] = []
    for piece in pieces:
        for event in piece.events:
            if event[0] == "heading":
                parser.heading(event[1])
            elif event[0] == "mark":
                parser.source_mark(event[1])
            elif event[0] == "note":
                parser.html_note(event[1])
            else:
                event[1].update(parser.body_block(event[2]))
        parser.replaced_chars += piece.replaced_chars
        parser.images += piece.images
        parser.missing_images += piece.missing_images
        parser.footnotes += piece.footnotes
        parser.ragged_tables += piece.ragged_tables
        parser.wide_tables += piece.wide_tables
        blocks += piece.blocks
    parser.pieces = len(pieces)
    return blocks
