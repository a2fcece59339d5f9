"""A session's versions: every document it produced, `versions/vN/`.

    versions/v3/document.md     the markdown (a hard link to the run's temp_output.md;
                                gzipped, document.md.gz, once a newer version exists)
                document.docx   the .docx (a hard link to output.docx)
                spans.jsonl     the source spans of the markdown (the fidelity receipt's map;
                                gzipped as the markdown)
                plan.yaml       the plan it was built with, when there was one
                chapters.json   each chapter: its input files and markdown lines
                hashes.json     input file -> sha256 of its copied text (what --update compares)
                change.json     version, command, chapters touched, time, reason, summary

Versions are cheap: the files are hard links to what the run wrote (a copy only where the
file system refuses a link), and the inputs are never copied (`inputs/` holds the latest).
Every writer of the session's working files after a version is taken writes a new file
(write_atomic: a new inode), never into the linked one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from agentic_docgen.core.errors import InputError
from agentic_docgen.session import journal
from agentic_docgen.session.folder import Session, now_iso, write_atomic

VERSIONS = "versions"
_NAME = re.compile(r"v([0-9]+)")


def numbers(session_dir: Path) -> list[int]:
    """The versions a session holds, oldest first."""
    root = session_dir / VERSIONS
    if not root.is_dir():
        return []
    found = (_NAME.fullmatch(p.name) for p in root.iterdir() if p.is_dir())
    return sorted(int(m.group(1)) for m in found if m)


def next_number(session_dir: Path) -> int:
    have = numbers(session_dir)
    return (have[-1] if have else 0) + 1


def properties(session: Session) -> dict[str, str]:
    """The custom document properties of the .docx the session's next version is: its
    session and version (read back by `convert --update`: entry/refine.docx_origin)."""
    return {"docgen-session": session.id, "docgen-version": str(next_number(session.dir))}


def folder(session_dir: Path, number: int | None = None) -> Path:
    """versions/vN (the latest when `number` is None); InputError when there is none."""
    have = numbers(session_dir)
    if not have:
        raise InputError("the session has no version (was it completed?)", path=session_dir.name)
    n = have[-1] if number is None else number
    if n not in have:
        listed = ", ".join(map(str, have))
        raise InputError(f"no version {n} (versions: {listed})", path=session_dir.name)
    return session_dir / VERSIONS / f"v{n}"


def _link(src: Path, dest: Path) -> None:
    if not src.exists():
        return
    try:
        os.link(src, dest)
    except OSError:  # another file system, or no hard links: a copy
        shutil.copyfile(src, dest)


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def chapters_of(session_dir: Path, names: list[str], total_lines: int) -> list[dict[str, Any]]:
    """The chapters of a run's markdown from its checkpoints (journal.note_chapter): each
    `{"files": [...], "first": line, "last": line}` (1-based, inclusive; a batch whose
    chapters could not be told apart is one entry with all its files)."""
    ends = journal.read_chapters(session_dir)
    out: list[dict[str, Any]] = []
    prev_done, prev_line = 0, 0
    for done in sorted(ends):
        if done <= prev_done or done > len(names) or ends[done] < prev_line:
            continue
        out.append({"files": names[prev_done:done], "first": prev_line + 1, "last": ends[done]})
        prev_done, prev_line = done, ends[done]
    if prev_done < len(names) or prev_line != total_lines:
        return []  # not known: a refinement of this version rebuilds every chapter
    return out


GENERATED_KEYS = ("title", "generate", "level", "context", "model", "tokens")


def split_generated(
    chapters: list[dict[str, Any]], records: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The chapter map with each generated section (tools/generated.py: its record's
    `first`-`last` lines) a chapter of its own, `{"files": [], "generated": {...}, ...}`, cut
    out of the file chapter that holds it (a refinement keeps, rewrites or regenerates it
    apart from the files)."""
    out = list(chapters)
    for rec in records:
        first, last = rec.get("first"), rec.get("last")
        if not isinstance(first, int) or not isinstance(last, int):
            continue
        at = next((k for k, c in enumerate(out) if c["first"] <= first <= last <= c["last"]), None)
        if at is None or "generated" in out[at]:
            return chapters  # not within one file chapter: the sections stay where they are
        ch: dict[str, Any] = out[at]
        before, after = first > int(ch["first"]) + 1, last < int(ch["last"])
        if before and after:
            return chapters  # (a batch told apart by no checkpoint: the sections stay in it)
        gen: dict[str, Any] = {"files": [], "generated": {k: rec.get(k) for k in GENERATED_KEYS}}
        gen.update(first=first if before else ch["first"], last=last)  # (with the blank)
        pieces = [{**ch, "last": first - 1}] if before else []
        pieces.append(gen)
        if after:
            pieces.append({**ch, "first": last + 1})
        out[at : at + 1] = pieces
    return out


def _headings_at(markdown: Path, records: list[dict[str, Any]]) -> bool:
    """Whether each generated section's heading is still on its first line (no repair moved
    the lines after it was written)."""
    lines = markdown.read_text(encoding="utf-8").split("\n") if markdown.exists() else []
    for rec in records:
        first, level = rec.get("first"), rec.get("level")
        if not isinstance(first, int) or not isinstance(level, int) or first > len(lines):
            return False
        if not lines[first - 1].startswith("#" * level + " "):
            return False
    return True


def record(
    session: Session,
    command: str,
    *,
    chapters: list[dict[str, Any]] | None = None,
    touched: list[str] | None = None,
    reason: str = "",
    summary: str = "",
    hashes: dict[str, str] | None = None,
) -> int:
    """Keep what the completed run produced as the next version; return its number.
    `chapters`: the chapter map when the caller assembled the markdown itself (else read
    from the checkpoints); `touched`: the files whose chapters this run wrote (all, for a
    new conversion); `hashes`: the inputs' hashes the caller knows (a refinement: the others
    are computed)."""
    n = next_number(session.dir)
    dest = session.dir / VERSIONS / f"v{n}"
    tmp = dest.with_name(f".v{n}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    _link(session.markdown, tmp / "document.md")
    _link(session.docx, tmp / "document.docx")
    _link(session.dir / "spans.jsonl", tmp / "spans.jsonl")
    _link(session.dir / "plan.yaml", tmp / "plan.yaml")
    names = journal.read_inputs(session.dir)
    if chapters is None:
        lines = _count_lines(session.markdown)
        chapters = chapters_of(session.dir, names, lines)
        records = journal.Report(session.dir).read()["generated"]
        if records and _headings_at(session.markdown, records):
            chapters = split_generated(chapters, records)
    known = hashes or {}
    hashes = {name: known.get(name) or file_hash(session.inputs / name) for name in names}
    write_atomic(tmp / "chapters.json", json.dumps(chapters, ensure_ascii=False))
    write_atomic(tmp / "hashes.json", json.dumps(hashes, ensure_ascii=False))
    change = {
        "version": n,
        "command": command,
        "chapters": names if touched is None else touched,
        "time": now_iso(),
        "reason": reason,
        "summary": summary,
    }
    write_atomic(tmp / "change.json", json.dumps(change, indent=2, ensure_ascii=False))
    os.replace(tmp, dest)
    session.update_meta(version=n)
    if n > 1:
        _pack(session.dir / VERSIONS / f"v{n - 1}")
    return n


PACKED = ("document.md", "spans.jsonl")


def _pack(vdir: Path) -> None:
    """An older version's markdown and spans gzipped (only the latest's are read again, by a
    refinement; an older one's are kept to look at): a version costs its .docx and a
    compressed markdown, never the inputs."""
    import gzip

    for name in PACKED:
        path = vdir / name
        if not path.exists():
            continue
        tmp = vdir / f".{name}.gz.tmp"
        with path.open("rb") as src, gzip.open(tmp, "wb", compresslevel=6) as out:
            shutil.copyfileobj(src, out, 1 << 20)
        os.replace(tmp, vdir / f"{name}.gz")
        path.unlink()


def read_text(vdir: Path, name: str) -> str:
    """A version's file as text, gzipped or not ('' when it has none)."""
    import gzip

    if (vdir / name).exists():
        return (vdir / name).read_text(encoding="utf-8")
    if (vdir / f"{name}.gz").exists():
        with gzip.open(vdir / f"{name}.gz", "rt", encoding="utf-8") as fh:
            return fh.read()
    return ""


def _count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as fh:
        return sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b""))


def listing(session_dir: Path) -> list[dict[str, Any]]:
    """Each version's change.json, oldest first."""
    out = []
    for n in numbers(session_dir):
        try:
            change = json.loads((session_dir / VERSIONS / f"v{n}" / "change.json").read_text())
        except (OSError, ValueError):
            change = {"version": n}
        out.append(change)
    return out


def export(session_dir: Path, number: int | None, output: Path, force: bool = False) -> Path:
    """Write version `number`'s .docx (the latest when None) to `output`."""
    src = folder(session_dir, number) / "document.docx"
    if output.suffix.lower() != ".docx":
        raise InputError("the output file must end in .docx", path=str(output))
    if output.exists() and not force:
        raise InputError("already exists (use --force to overwrite)", path=str(output))
    if not src.exists():
        raise InputError("this version's .docx is missing", path=str(src))
    tmp = output.with_name(f".{output.name}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, output)
    return output
