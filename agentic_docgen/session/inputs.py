"""Input discovery and sanitising (FC007, FC016).

Everything here resolves paths against an explicit base folder, never the working directory.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from agentic_docgen.core.errors import InputError, SecurityError
from agentic_docgen.core.settings import Settings
from agentic_docgen.session.paths import inside

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
    """A file (or folder) of the given paths that is no input, and why."""

    rel: str
    reason: str
    kind: str = "invalid"  # invalid (refused) | type | excluded | link | unreadable

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
    if _looks_binary(sample):
        raise InputError("binary content (control bytes), not a text file", path=str(path))
    western = western_reading(data)
    if western:
        return western, 0.9
    detected = _detected(data)
    if detected:
        return detected
    return CP1252_FALLBACK, 0.0


def _detected(data: bytes) -> tuple[str, float] | None:
    """charset-normalizer's best candidate (a hint: asked only when the text is not a
    plausible Western reading), or None when it has none."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    # Among equally plausible candidates (short texts often tie), prefer the most common
    # legacy encodings (Western, Cyrillic, Japanese, Chinese).
    preferred = ("cp1252", "latin_1", "iso8859_15", "cp1251", "cp932", "gb18030")

    def rank(m: object) -> tuple[float, float, int]:
        enc = str(getattr(m, "encoding", ""))
        pref = preferred.index(enc) if enc in preferred else len(preferred)
        return (getattr(m, "percent_chaos", 100.0), -getattr(m, "percent_coherence", 0.0), pref)

    best = min(matches, key=rank)
    return str(best.encoding), round(max(0.0, 1.0 - best.percent_chaos / 100), 3)


# Punctuation Western text has inside words ("don’t", "co‑op", "Jean·Paul"): not a sign of a
# wrong reading, unlike "Za¿ó³æ" (Polish cp1250 read as cp1252).
_IN_WORD_PUNCT = frozenset("\u2019\u2018\u2010\u2011\u2013\u2014\u00b7\u00ad")
_C1_PUNCT = frozenset(range(0x80, 0xA0))


def western_reading(data: bytes) -> str | None:
    """ "cp1252" (or "iso-8859-1" when no byte is in 0x80-0x9F) when the bytes read as
    Western European text: they decode strictly as cp1252, no symbol sits inside a word,
    and accented letters come alone between ASCII letters ("café", "Grüße") rather than in
    whole words of high bytes (Cyrillic, Greek, CJK read wrongly). Else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high_letters = adjacent = symbols = 0
    prev_alpha = False
    n = len(text)
    for i, ch in enumerate(text):
        if ord(ch) < 0x80:
            prev_alpha = ch.isalpha()
            continue
        if ch.isalpha() and ch != "\u0192":  # (ƒ, 0x83: a sign, not a letter, in text)
            high_letters += 1
            nxt = text[i + 1] if i + 1 < n else ""
            adjacent += ord(nxt or "a") >= 0x80 and nxt.isalpha()
            prev_alpha = True
            continue
        nxt = text[i + 1] if i + 1 < n else ""
        if prev_alpha and nxt.isalpha() and ch not in _IN_WORD_PUNCT:
            symbols += 1
        prev_alpha = False
    if symbols > max(1, high_letters // 50) or adjacent > high_letters // 2:
        return None
    return "cp1252" if any(b in _C1_PUNCT for b in data) else "iso-8859-1"


CP1252_FALLBACK = "cp1252-fallback"  # no encoding detected: cp1252, Latin-1 for its 5 holes


def _latin1_holes(exc: UnicodeError) -> tuple[str, int]:
    """The five bytes cp1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) read as Latin-1."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("docgen-latin1-holes", _latin1_holes)


def check_file(path: Path, root: Path, rel: str, settings: Settings) -> InputFile:
    """Validate one candidate input file; raise InputError/SecurityError with the reason."""
    try:
        return _check_file(path, root, rel, settings)
    except RuntimeError:  # Path.resolve on a symbolic link loop (Python < 3.13)
        raise InputError("symbolic link loop", path=rel) from None
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=rel) from None


def _check_file(path: Path, root: Path, rel: str, settings: Settings) -> InputFile:
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
    """The inputs of one folder and every file that is not one (see session/discovery.py)."""
    from agentic_docgen.session.discovery import discover_paths

    found = discover_paths([input_dir], settings)
    return found.files, found.skipped


def read_text(item: InputFile) -> str:
    """Decode an input file to text with newlines normalised to \\n."""
    data = item.path.read_bytes()
    if item.encoding == UTF8_REPLACE:
        text = data.decode("utf-8", errors="replace")
    elif item.encoding == CP1252_FALLBACK:
        text = data.decode("cp1252", errors="docgen-latin1-holes")
    else:
        text = data.decode(item.encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")
