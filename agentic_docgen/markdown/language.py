"""Which language a text is in: lingua's detector, restricted to the catalogue's languages.

lingua (lingua-language-detector) is imported on first use and built once per process in
its low-accuracy mode (its models load in 0.1-0.7 s; a sample takes 0.3-3 ms, depending on
the machine's load; `detect_many` runs on all cores at once). Only a bounded sample of a text
is looked at: `SAMPLE_CHARS` of its prose (fenced code, front matter and blank lines left
out; web addresses and names from code dropped). A sample too short to tell, mostly not
prose, or one the detector cannot decide gives None (the caller keeps the document's
language).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from agentic_docgen.core.language import LANGUAGES
from agentic_docgen.markdown import frontmatter
from agentic_docgen.markdown import scan as mdscan

SAMPLE_CHARS = 400  # of a chapter's or a file's prose
PROSE_SHARE = 0.6  # of a sample's characters (not spaces) in its words, at least
MIN_LETTERS = 40  # fewer letters than this (see letters): too short to tell
_HEAD_BYTES = 16 * 1024  # of a file, read for its sample
_MAX_FILES = 40  # files sampled for the document's language

_ADDRESS_MARKS = ("://", "www.", "@")  # a word holding one is a web or mail address
_WORD = re.compile(r"(?:[^\W\d_]|[_.\d](?=\w))+(?:['’-][^\W\d_]+)*")
_CODE_NAME = re.compile(r"[_.\d]|[a-z][A-Z]")
# English words no other catalogue language writes alike (not "in", "of", "is", "was", "will",
# "also", "an", "on", "to", "as", "has": German, Dutch, French, Polish or Portuguese words too)
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "that",
        "with",
        "for",
        "this",
        "are",
        "from",
        "which",
        "you",
        "your",
        "be",
        "it",
        "not",
        "can",
        "have",
        "at",
        "if",
        "when",
        "we",
        "they",
        "their",
        "there",
        "these",
        "should",
        "would",
        "into",
        "how",
        "what",
        "but",
        "each",
        "been",
        "its",
        "than",
        "then",
        "may",
        "must",
        "only",
        "other",
        "our",
        "were",
        "who",
    ]
)
ENGLISH_SHARE = 0.12  # of a sample's words, for plainly_english
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


def words(text: str) -> str:
    """The words of a text, the way the detector should see them: runs of letters, without
    web addresses and names from code (snake_case, camelCase, dotted.names)."""
    text = " ".join(t for t in text.split() if not any(m in t for m in _ADDRESS_MARKS))
    return " ".join(w for w in _WORD.findall(text) if not _CODE_NAME.search(w))


def _prose(text: str) -> str | None:
    """The words of a sample the detector is given, None when they are too few to tell or
    the sample is mostly web addresses, names from code, numbers or markup."""
    text = text[: SAMPLE_CHARS * 2]
    sample = words(text)
    if letters(sample) < MIN_LETTERS:
        return None
    if sum(c.isalpha() for c in sample) < PROSE_SHARE * sum(not c.isspace() for c in text):
        return None
    return sample[:SAMPLE_CHARS]


def detect(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, None when it cannot tell."""
    return detect_many([text])[0]


def plainly_english(sample: str) -> bool:
    """Is a sample English beyond doubt without the detector (issue 21: its models cost
    0.15-0.4 s of CPU per run)? ASCII only, and at least ENGLISH_SHARE of its words English
    function words that no other catalogue language writes the same way."""
    if not sample.isascii():
        return False
    found = sample.lower().split()
    hits = sum(w in _ENGLISH_WORDS for w in found)
    return hits >= 4 and hits >= ENGLISH_SHARE * len(found)


def detect_many(texts: list[str]) -> list[str | None]:
    """detect for each text; the detector runs on the texts on all cores at once (only on
    those plainly_english does not settle: lingua is not loaded when it settles all)."""
    samples = [_prose(t) for t in texts]
    todo = [s for s in samples if s is not None and not plainly_english(s)]
    found = iter(_detector().detect_languages_in_parallel_of(todo) if todo else ())
    out: list[str | None] = []
    for sample in samples:
        if sample is None:
            out.append(None)
        elif plainly_english(sample):
            out.append("en")
        else:
            language = next(found)
            out.append(_ISO_639_1.get(language.name) if language is not None else None)
    return out


def letters(text: str) -> int:
    """How much a text tells: its letters, a Chinese, Japanese or Korean one counting as 3
    (one of them says about as much as a short word)."""
    return sum((3 if c >= "\u2e80" else 1) for c in text if c.isalpha())


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
            head = fh.read(_HEAD_BYTES + 1)
    except OSError:
        return ""
    lines = head[:_HEAD_BYTES].decode("utf-8", errors="ignore").split("\n")
    if len(head) > _HEAD_BYTES:
        lines.pop()  # cut by the bound: a part of a line
    fm = frontmatter.read(lines)
    start = fm.end if fm is not None and fm.data is not None else 0
    return prose_sample(lines[start:])


def dominant(samples: Iterable[str]) -> str | None:
    """The language most of the samples' letters are in (each sample detected alone)."""
    samples = list(samples)
    weight: Counter[str] = Counter()
    for sample, code in zip(samples, detect_many(samples), strict=True):
        if code:
            weight[code] += sum(c.isalpha() for c in sample)
    return weight.most_common(1)[0][0] if weight else None


def files_language(paths: list[Path]) -> str | None:
    """The language of most of the first files' prose, None when none tells."""
    return dominant(file_sample(p) for p in paths[:_MAX_FILES])
