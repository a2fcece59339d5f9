"""Chapter checkpoints are references into the append-only markdown (issue 24): while the
document only grows, a checkpoint copies no byte, so the session holds the markdown once
whatever the number of chapters; a rewrite copies out what it would change first, and any
checkpoint restores exactly, or says it is damaged."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from agentic_docgen.core.errors import ToolError
from agentic_docgen.session.checkpoints import Checkpoints, checkpoint_ids


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir())


def _setup(tmp_path: Path) -> tuple[Checkpoints, Path]:
    folder = tmp_path / "checkpoints"
    folder.mkdir()
    md = tmp_path / "temp_output.md"
    return Checkpoints(folder, md), md


def _chapter(i: int, size: int) -> bytes:
    body = f"Paragraph of chapter {i}, with ü and some words. " * (size // 50)
    return f"# Chapter {i}\n\n{body}\n\n".encode()


@pytest.mark.parametrize("chapters", [50, 200])
def test_checkpoints_of_appended_chapters_copy_no_byte_of_the_markdown(
    tmp_path: Path, chapters: int
) -> None:
    """Before: each chapter's checkpoint copied its bytes (the session held the markdown
    twice). Now the checkpoints weigh a short line per chapter, not the chapters' bytes."""
    cps, md = _setup(tmp_path)
    for i in range(chapters):
        with md.open("ab") as fh:
            fh.write(_chapter(i, 4000))
        cps.create(f"chapter{i}")
    total = md.stat().st_size
    assert len(checkpoint_ids(cps.folder)) == chapters
    assert not list(cps.folder.glob("*.md"))
    assert _folder_bytes(cps.folder) < 300 * chapters < total / 10


def test_every_checkpoint_restores_exactly_through_rewrites_and_rollbacks(
    tmp_path: Path,
) -> None:
    """A random mix of appends, checkpoints, rewrites below earlier checkpoints (told
    first), truncations and rollbacks: each checkpoint restores its exact bytes."""
    cps, md = _setup(tmp_path)
    rng = random.Random(7)
    taken: dict[str, bytes] = {}
    for step in range(300):
        data = md.read_bytes() if md.exists() else b""
        move = rng.random()
        if move < 0.5:
            with md.open("ab") as fh:
                fh.write(_chapter(step, rng.randrange(50, 400)))
        elif move < 0.75:
            upto = rng.randrange(0, len(data) + 1) if rng.random() < 0.2 else None
            taken[cps.create("c", upto)] = data[:upto] if upto is not None else data
        elif move < 0.85 and data:
            at = rng.randrange(len(data))
            cps.changed(at)
            md.write_bytes(data[:at] + b"REWRITTEN" + data[at + 1 :])
        elif move < 0.9 and data:
            at = rng.randrange(len(data))
            cps.changed(at)
            md.write_bytes(data[:at])
        elif taken:
            cp = rng.choice(sorted(taken))
            cps.restore(cp)
            assert md.read_bytes() == taken[cp]
    for cp, data in taken.items():
        cps.restore(cp)
        assert md.read_bytes() == data


def test_a_writer_that_did_not_say_makes_a_rollback_fail_not_a_wrong_document(
    tmp_path: Path,
) -> None:
    cps, md = _setup(tmp_path)
    md.write_bytes(_chapter(1, 200))
    c1 = cps.create("one")
    md.write_bytes(md.read_bytes() + _chapter(2, 200))
    c2 = cps.create("two")
    md.write_bytes(md.read_bytes().replace(b"chapter 1", b"CHAPTER 1"))  # no changed() first
    before = md.read_bytes()
    for cp in (c1, c2):
        with pytest.raises(ToolError, match="damaged"):
            cps.restore(cp)
    assert md.read_bytes() == before
    c3 = cps.create("three")  # the tail check sees it: a reference to the whole document
    assert cps._lazy()[c3]["base"] is None
    md.write_bytes(before + b"more\n")
    cps.restore(c3)
    assert md.read_bytes() == before
