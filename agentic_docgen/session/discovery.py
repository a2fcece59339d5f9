"""Which files of the paths a user gives become chapters, and why every other one does not.

The walk is iterative (a tree thousands of folders deep cannot exhaust the stack) and never
follows a link to a folder; a link loop, an unreadable entry or a folder too deep is a
skipped entry with its reason, never an exception. Names that are not valid UTF-8 (Latin-1
bytes from an old archive) are carried with U+FFFD for the bytes UTF-8 cannot show: the file
is read by its real name, and named in the document and the session by the shown one.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from natsort import natsorted, ns

from agentic_docgen.core.errors import InputError
from agentic_docgen.core.settings import (
    ALLOWED_EXTENSIONS,
    BLOCKED_EXTENSIONS,
    IMAGE_EXTENSIONS,
    MAX_FOOTNOTES,
    MAX_HEADINGS,
    TABLE_EXTENSIONS,
    Settings,
)
from agentic_docgen.session.inputs import InputFile, Skipped, check_file
from agentic_docgen.session.paths import inside
from agentic_docgen.session.shapes import Shape, count_shape

MAX_DEPTH = 64  # folders below a given path; deeper ones are named and not read
CHAPTER_EXTENSIONS = ALLOWED_EXTENSIONS + TABLE_EXTENSIONS
NOT_AN_INPUT = "not an input type"
# binary executables: refused even when --include matches them (a script is text: allowed)
_BINARY_TYPES = frozenset({".exe", ".dll", ".so", ".dylib", ".bin", ".com", ".msi"})
# text files --include can make code chapters (named in the hint of a skipped one)
_TEXT_NAMES = (
    ".json .yaml .yml .toml .ini .cfg .conf .xml .html .css .py .js .ts .sh .bash .ps1"
    " .bat .c .h .cpp .hpp .java .go .rs .rb .php .sql .r .kt .swift .properties .env"
)
_TEXT_TYPES = frozenset(_TEXT_NAMES.split())


@dataclass
class Discovery:
    """The inputs in chapter order, every file that is not one with why, the folder that
    holds them all (references resolve inside it), and notes about names."""

    files: list[InputFile]
    skipped: list[Skipped]
    root: Path
    notes: list[str] = field(default_factory=list)


def shown_name(name: str) -> str:
    """The name as text: bytes that are not UTF-8 (carried by Python as surrogates) become
    U+FFFD."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", errors="replace")
    return name


def _root(paths: Sequence[Path]) -> Path:
    """The folder every given path is in: a single folder itself, else the common folder."""
    if len(paths) == 1 and paths[0].is_dir():
        return paths[0]
    bases = [p if p.is_dir() else p.parent for p in paths]
    return Path(os.path.commonpath([str(b) for b in bases]))


def _link(entry: os.DirEntry[str], root: Path) -> str | None:
    """Why a symbolic link is not read as a file (None: it is a file inside root)."""
    try:
        st = os.stat(entry.path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (a link that points to itself or around a circle)"
        return "broken symbolic link (its target does not exist)"
    if not inside(Path(os.path.realpath(entry.path)), root):
        return "symbolic link that points outside the input folder"
    if os.path.isdir(entry.path):
        return "symbolic link to a folder: not followed (its files are read where they are)"
    del st
    return None if os.path.isfile(entry.path) else "not a regular file"


def _walk(top: Path, prefix: str, root: Path) -> Iterator[tuple[str, Path] | Skipped]:
    """(shown relative name, real path) of each file below `top`, or a Skipped entry."""
    stack: list[tuple[Path, str, int]] = [(top, prefix, 0)]
    seen: set[tuple[int, int]] = set()
    while stack:
        folder, pre, depth = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen:
                yield Skipped(pre, "folder loop: already read", "excluded")
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            yield Skipped(pre or ".", f"folder cannot be read: {exc.strerror}", "unreadable")
            continue
        for entry in entries:
            rel = pre + shown_name(entry.name)
            if entry.name.startswith("."):
                is_dir = entry.is_dir(follow_symlinks=False)
                yield Skipped(rel + ("/" if is_dir else ""), "hidden: excluded", "excluded")
                continue
            try:
                if entry.is_symlink():
                    why = _link(entry, root)
                    yield Skipped(rel, why, "link") if why else (rel, Path(entry.path))
                elif entry.is_dir(follow_symlinks=False):
                    if depth + 1 >= MAX_DEPTH:
                        why = f"more than {MAX_DEPTH} folders deep: not read"
                        yield Skipped(rel + "/", why, "excluded")
                    else:
                        stack.append((Path(entry.path), rel + "/", depth + 1))
                elif entry.is_file(follow_symlinks=False):
                    yield rel, Path(entry.path)
                else:
                    yield Skipped(rel, "not a regular file (device, socket or pipe)", "excluded")
            except OSError as exc:
                yield Skipped(rel, f"cannot be read: {exc.strerror}", "unreadable")


def _type_reason(rel: str, included: bool) -> str | None:
    """Why a file is not an input by its type (None: it is one)."""
    suffix = Path(rel).suffix.lower()
    if suffix in CHAPTER_EXTENSIONS:
        return None
    if suffix in _BINARY_TYPES or (suffix in BLOCKED_EXTENSIONS and not included):
        return f"executable file type {suffix} is never an input"
    if included:
        return None
    if suffix in IMAGE_EXTENSIONS:
        return f"{NOT_AN_INPUT} (an image: embedded where a document references it)"
    if suffix in _TEXT_TYPES:
        return f"{NOT_AN_INPUT} (--include '*{suffix}' makes it a code chapter)"
    return NOT_AN_INPUT


def _candidates(paths: Sequence[Path], root: Path) -> Iterator[tuple[str, Path] | Skipped]:
    """Every file of the given paths, in the order given (a folder's in natural order):
    (relative name, path) or a Skipped entry."""
    for given in paths:
        if not given.is_dir():
            rel = shown_name(given.relative_to(root).as_posix())
            yield rel, given
            continue
        prefix = "" if given == root else shown_name(given.relative_to(root).as_posix()) + "/"
        found: list[tuple[str, Path]] = []
        skipped: list[Skipped] = []
        for item in _walk(given, prefix, root):
            (skipped if isinstance(item, Skipped) else found).append(item)  # type: ignore[arg-type]
        key = ns.PATH | ns.IGNORECASE
        yield from natsorted(skipped, key=lambda s: s.rel, alg=key)
        for rel, path in natsorted(found, key=lambda c: c[0], alg=key):
            yield rel, path


def _unique(rel: str, used: set[str]) -> str:
    """rel, or "name (2).ext" … when another input already has that name."""
    if rel not in used:
        return rel
    p = Path(rel)
    n = 2
    while (candidate := str(p.with_name(f"{p.stem} ({n}){p.suffix}"))) in used:
        n += 1
    return candidate


def discover_paths(
    paths: Sequence[Path], settings: Settings, include: Sequence[str] = ()
) -> Discovery:
    """The inputs of the given files and folders, in the order given, and every file that
    is not one with its reason. Raises InputError when a path does not exist or nothing
    valid is left."""
    given: list[Path] = []
    for p in paths:
        if not p.exists() and not p.is_symlink():
            what = "input folder" if len(paths) == 1 else "input path"
            raise InputError(f"{what} does not exist", path=str(p))
        try:
            resolved = p.resolve()
        except (OSError, RuntimeError):
            raise InputError("symbolic link loop", path=str(p)) from None
        if resolved not in given:
            given.append(resolved)
    root = _root(given)
    found = Discovery([], [], root)
    used: set[str] = set()
    total = 0
    counted = Shape(0, 0, 0)  # the shapes of the files taken so far
    for item in _candidates(given, root):
        if isinstance(item, Skipped):
            found.skipped.append(item)
            continue
        rel, path = item
        rel = _unique(rel, used)
        included = any(fnmatch(rel, g) or fnmatch(path.name, g) for g in include)
        reason = _type_reason(rel, included)
        if reason:
            kind = "type" if reason.startswith(NOT_AN_INPUT) else "invalid"
            found.skipped.append(Skipped(rel, reason, kind))
            continue
        try:
            file = check_file(path, root, rel, settings)
        except InputError as exc:
            found.skipped.append(Skipped(rel, exc.message))
            continue
        if len(found.files) >= settings.max_files:
            found.skipped.append(Skipped(rel, f"over the limit of {settings.max_files} files"))
            continue
        if total + file.size > settings.max_total_bytes:
            limit = settings.max_total_bytes // (1024 * 1024)
            found.skipped.append(Skipped(rel, f"over the {limit} MB per-run limit"))
            continue
        if "\ufffd" in rel and rel != path.relative_to(root).as_posix():
            found.notes.append(
                f"{rel}: the file name is not valid UTF-8; shown with \ufffd for its bytes"
            )
        shape = _shape(file.path, file.encoding)
        reason = _too_big_a_shape(shape, counted, settings.max_blocks)
        if reason and path.suffix.lower() == ".txt":
            reason += f" (a paragraph of text counts as {TEXT_WEIGHT})"
        if reason:
            found.skipped.append(Skipped(rel, reason))
            continue
        used.add(rel)
        total += file.size
        counted = Shape(*(a + b for a, b in zip(counted, shape, strict=True)))
        found.files.append(file)
    if not found.files:
        _nothing_left(paths, found.skipped)
    return found


def _shape(path: Path, encoding: str) -> Shape:
    """What a file adds to the run's shapes: a markdown file its headings, blocks and
    footnotes; a text file its paragraphs, each counted as TEXT_WEIGHT blocks (the Python
    process holds about twice as much for one: 199,000 short ones took it to 947 MB where
    190,000 markdown paragraphs took 466 MB; 500,000 to 1.97 GB); a log nothing (streamed)."""
    suffix = path.suffix.lower()
    if suffix == ".md":
        return count_shape(path, encoding)
    if suffix == ".txt":
        return Shape(0, TEXT_WEIGHT * count_shape(path, encoding).blocks, 0)
    return Shape(0, 0, 0)


TEXT_WEIGHT = 2  # blocks a paragraph of a .txt file counts as


def _too_big_a_shape(shape: Shape, before: Shape, max_blocks: int) -> str:
    """Why a file is skipped for its headings, blocks or footnotes with those of the files
    before it (session/shapes.py), or ""."""
    for what, in_file, before_it, bound in (
        ("headings", shape.headings, before.headings, MAX_HEADINGS),
        ("markdown blocks", shape.blocks, before.blocks, max_blocks),
        ("footnotes", shape.notes, before.notes, MAX_FOOTNOTES),
    ):
        if in_file + before_it > bound:
            where = f" with the {before_it:,} of the files before it" if before_it else ""
            return (
                f"{in_file:,} {what}{where} is over the {bound:,} {what} per run"
                " a document can hold within 1 GB"
            )
    return ""


def _nothing_left(paths: Sequence[Path], skipped: list[Skipped]) -> None:
    """The error when no input is left: the first file that was refused, else what is missing."""
    refused = [s for s in skipped if s.kind not in ("type", "excluded")]
    if refused:
        first = refused[0]
        more = f" (and {len(skipped) - 1} more skipped)" if len(skipped) > 1 else ""
        raise InputError(f"{first.reason}; no valid input left{more}", path=first.rel)
    exts = ", ".join(ALLOWED_EXTENSIONS)
    others = f"; {len(skipped)} other file(s) skipped" if skipped else ""
    where = str(paths[0]) if len(paths) == 1 else ", ".join(map(str, paths))
    raise InputError(f"no {exts} files (nor .csv, .tsv or --include matches){others}", path=where)
