"""Input discovery and sanitising (FC007, FC016).

Everything here resolves paths against an explicit base folder, never the working directory.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

from natsort import natsorted, ns

from agentic_docgen.core.errors import InputError, SecurityError
from agentic_docgen.core.settings import (
    ALLOWED_EXTENSIONS,
    BLOCKED_EXTENSIONS,
    MAX_HEADINGS,
    Settings,
)
from agentic_docgen.session.paths import inside
from agentic_docgen.session.shapes import count_headings

_EXEC_MAGIC = (
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)


def _is_executable(sample: bytes) -> bool:
    """ELF / Mach-O magic, or a PE ("MZ") header followed by binary bytes."""
    if sample.startswith(_EXEC_MAGIC):
        return True
    return sample.startswith(b"MZ") and b"\x00" in sample[:512]


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class InputFile:
    """A validated input: its path relative to the input folder, and how to decode it."""

    rel: str  # POSIX-style path relative to the input folder
    path: Path  # resolved absolute path
    size: int
    encoding: str
    confidence: float = 1.0  # of the encoding detection (1.0: BOM or valid UTF-8)


@dataclass(frozen=True)
class Skipped:
    rel: str
    reason: str

    def __str__(self) -> str:
        return f"{self.rel}: {self.reason}"


UTF8_REPLACE = "utf-8+replace"  # UTF-8 with a few invalid bytes, shown as U+FFFD (E003)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 text with some corrupted bytes (as opposed to a legacy 8-bit encoding): it holds
    valid multi-byte sequences, and invalid bytes are rare."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return multibyte > 0 and bad <= max(3, len(data) // 200)


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without a BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    pairs = len(sample) // 2
    odd_zero = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0) / pairs
    even_zero = sum(1 for i in range(0, len(sample), 2) if sample[i] == 0) / pairs
    for name, hi, lo in (("utf-16-le", odd_zero, even_zero), ("utf-16-be", even_zero, odd_zero)):
        if hi >= 0.4 and lo <= 0.05:
            try:
                text = sample.decode(name, errors="strict")
            except UnicodeDecodeError:
                continue
            printable = sum(ch.isprintable() or ch in "\n\r\t\f" for ch in text)
            if printable >= 0.95 * len(text):
                return name
    return None


def _looks_binary(sample: bytes) -> bool:
    """Many NUL or other control bytes: binary data, not text with a stray NUL."""
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return sample.count(0) > max(2, len(sample) // 100) or controls > len(sample) // 10


def detect_encoding(path: Path, sample: bytes) -> tuple[str, float]:
    """The encoding to decode the file with and the confidence of that guess; raises
    InputError for binary or undecodable content."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name, 1.0
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16:
            return utf16, 0.95
        if _looks_binary(sample):
            raise InputError("binary content (NUL bytes), not a text file", path=str(path))
    try:
        with path.open("rb") as fh:
            decoder = codecs.getincrementaldecoder("utf-8")()
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        return "utf-8", 1.0
    except UnicodeDecodeError:
        pass
    data = path.read_bytes()
    if _mostly_utf8(data):
        return UTF8_REPLACE, 0.9
    from charset_normalizer import from_path

    matches = list(from_path(path))
    if not matches:
        raise InputError("not decodable as text in any known encoding", path=str(path))
    # Among equally plausible candidates (short texts often tie), prefer the most common
    # Western legacy encodings.
    preferred = ("cp1252", "latin_1", "iso8859_15")

    def rank(m: object) -> tuple[float, float, int]:
        enc = str(getattr(m, "encoding", ""))
        pref = preferred.index(enc) if enc in preferred else len(preferred)
        return (getattr(m, "percent_chaos", 100.0), -getattr(m, "percent_coherence", 0.0), pref)

    best = min(matches, key=rank)
    return str(best.encoding), round(max(0.0, 1.0 - best.percent_chaos / 100), 3)


def check_file(path: Path, root: Path, rel: str, settings: Settings) -> InputFile:
    """Validate one candidate input file; raise InputError/SecurityError with the reason."""
    if path.is_symlink() and not inside(path, root):
        raise SecurityError("symbolic link that points outside the input folder", path=rel)
    resolved = path.resolve()
    if not resolved.is_file():
        raise InputError("not a regular file", path=rel)
    size = resolved.stat().st_size
    if size > settings.max_file_bytes:
        limit = settings.max_file_bytes // (1024 * 1024)
        raise InputError(f"{size:,} bytes is over the {limit} MB per-file limit", path=rel)
    with resolved.open("rb") as fh:
        sample = fh.read(64 * 1024)
    if _is_executable(sample):
        raise InputError("executable content, not a text file", path=rel)
    try:
        encoding, confidence = detect_encoding(resolved, sample)
    except InputError as exc:
        raise InputError(exc.message, path=rel) from None
    return InputFile(rel=rel, path=resolved, size=size, encoding=encoding, confidence=confidence)


def discover(input_dir: Path, settings: Settings) -> tuple[list[InputFile], list[Skipped]]:
    """All valid inputs below input_dir in natural order, and every skipped candidate with why.

    Raises InputError when the folder itself is unusable or holds no valid input.
    """
    if not input_dir.exists():
        raise InputError("input folder does not exist", path=str(input_dir))
    if not input_dir.is_dir():
        raise InputError("not a folder", path=str(input_dir))
    root = input_dir.resolve()
    candidates: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            full = Path(dirpath) / name
            candidates.append((full.relative_to(root).as_posix(), full))
    candidates = natsorted(candidates, key=lambda c: c[0], alg=ns.PATH | ns.IGNORECASE)

    valid: list[InputFile] = []
    skipped: list[Skipped] = []
    total = headings = 0
    for rel, full in candidates:
        suffix = full.suffix.lower()
        if suffix in BLOCKED_EXTENSIONS:
            skipped.append(Skipped(rel, f"executable file type {suffix} is never an input"))
            continue
        if suffix not in ALLOWED_EXTENSIONS:
            continue  # images, PDFs, ...: not inputs, not an error
        try:
            item = check_file(full, root, rel, settings)
        except InputError as exc:
            skipped.append(Skipped(rel, exc.message))
            continue
        if len(valid) >= settings.max_files:
            skipped.append(Skipped(rel, f"over the limit of {settings.max_files} files per run"))
            continue
        if total + item.size > settings.max_total_bytes:
            limit = settings.max_total_bytes // (1024 * 1024)
            skipped.append(Skipped(rel, f"over the {limit} MB per-run limit"))
            continue
        in_file = count_headings(item.path) if suffix == ".md" else 0
        if headings + in_file > MAX_HEADINGS:
            skipped.append(Skipped(rel, _too_many_headings(in_file, headings)))
            continue
        total += item.size
        headings += in_file
        valid.append(item)
    if not valid:
        if skipped:
            first = skipped[0]
            more = f" (and {len(skipped) - 1} more skipped)" if len(skipped) > 1 else ""
            raise InputError(f"{first.reason}; no valid input left{more}", path=first.rel)
        exts = ", ".join(ALLOWED_EXTENSIONS)
        raise InputError(f"no {exts} files in the folder", path=str(input_dir))
    return valid, skipped


def _too_many_headings(in_file: int, before: int) -> str:
    """Why a file is skipped for its headings (session/shapes.py)."""
    where = f" with the {before:,} of the files before it" if before else ""
    return (
        f"{in_file:,} headings{where} is over the {MAX_HEADINGS:,} headings per run"
        " a document can hold within 1 GB"
    )


def read_text(item: InputFile) -> str:
    """Decode an input file to text with newlines normalised to \\n."""
    data = item.path.read_bytes()
    if item.encoding == UTF8_REPLACE:
        text = data.decode("utf-8", errors="replace")
    else:
        text = data.decode(item.encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")
