"""Which language a text is in: lingua's detector, restricted to the catalogue's languages.

lingua (lingua-language-detector) is imported on first use and built once per process in
its low-accuracy mode (its models load in about 0.1 s; a sample of a few hundred characters
takes about 0.3 ms). Only a bounded sample of a text is looked at: `SAMPLE_CHARS` of its prose
(fenced code, front matter and blank lines left out). A sample too short to tell, or one the
detector cannot decide, gives None (the caller keeps the document's language).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from agentic_docgen.core.language import LANGUAGES
from agentic_docgen.markdown import frontmatter
from agentic_docgen.markdown import scan as mdscan

SAMPLE_CHARS = 600  # of a chapter's or a file's prose
MIN_LETTERS = 12  # fewer letters than this: too short to tell
_HEAD_BYTES = 16 * 1024  # of a file, read for its sample
_MAX_FILES = 40  # files sampled for the document's language

_ISO_639_1 = {
    "ENGLISH": "en",
    "GERMAN": "de",
    "FRENCH": "fr",
    "SPANISH": "es",
    "ITALIAN": "it",
    "PORTUGUESE": "pt",
    "DUTCH": "nl",
    "POLISH": "pl",
    "JAPANESE": "ja",
    "CHINESE": "zh",
    "KOREAN": "ko",
}


@cache
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    wanted = [getattr(Language, name) for name, code in _ISO_639_1.items() if code in LANGUAGES]
    return (
        LanguageDetectorBuilder.from_languages(*wanted)
        .with_low_accuracy_mode()
        .with_minimum_relative_distance(0.05)
        .build()
    )


def detect(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, None when it cannot tell."""
    sample = text[: SAMPLE_CHARS * 2]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    found = _detector().detect_language_of(sample)
    return _ISO_639_1.get(found.name) if found is not None else None


def prose_sample(lines: Iterable[str], limit: int = SAMPLE_CHARS) -> str:
    """Up to `limit` characters of the lines outside fenced code, blank lines left out."""
    lines = list(lines)
    out: list[str] = []
    size = 0
    for line, fenced in zip(lines, mdscan.fenced_lines(lines), strict=True):
        text = line.strip()
        if fenced or not text or mdscan.fence_marker(line):
            continue
        out.append(text)
        size += len(text) + 1
        if size >= limit:
            break
    return " ".join(out)[:limit]


def file_sample(path: Path) -> str:
    """The prose sample of a text file's head (after its front matter)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD_BYTES).decode("utf-8", errors="ignore")
    except OSError:
        return ""
    lines = head.split("\n")[:-1] or head.split("\n")
    fm = frontmatter.read(lines)
    start = fm.end if fm is not None and fm.data is not None else 0
    return prose_sample(lines[start:])


def dominant(samples: Iterable[str]) -> str | None:
    """The language most of the samples' letters are in (each sample detected alone)."""
    weight: Counter[str] = Counter()
    for sample in samples:
        code = detect(sample)
        if code:
            weight[code] += sum(c.isalpha() for c in sample)
    return weight.most_common(1)[0][0] if weight else None


def files_language(paths: list[Path]) -> str | None:
    """The language of most of the first files' prose, None when none tells."""
    return dominant(file_sample(p) for p in paths[:_MAX_FILES])
