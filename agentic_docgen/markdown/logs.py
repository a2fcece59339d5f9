"""What a log line states: its level word and its timestamp (one definition each), and the
statistics a log's digest shows."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

LEVEL_WORDS = (
    "FATAL|CRITICAL|CRIT|EMERG|ALERT|ERROR|ERR|SEVERE|WARNING|WARN|NOTICE|INFO|DEBUG|TRACE"
)
# A line's level: the first level word starting within its first 300 characters. Matched
# from the start of each line to its end, so that one findall over a whole log gives one
# entry per line (C speed: a per-line search from Python costs 2 s per million lines).
# The lookahead lets the engine skip most positions quickly.
_LINE_LEVEL = re.compile(
    r"^(?:[^\n]{0,300}?(?=[ACDEFINSTW])\b(" + LEVEL_WORDS + r")\b)?[^\n]*", re.M
)
_LEVEL_REACH = 300  # how far into a line its level word may start
# The same words for a whole log, faster (0.58 s instead of 0.99 s for a million lines):
# runs of characters that cannot start a level word are skipped possessively, and a letter
# that could is skipped when no level word starts there; the 300-character reach is applied
# afterwards to the few longer lines.
_CAND = "ACDEFINSTW"
_LOG_LEVELS = re.compile(
    rf"^(?:[^\n{_CAND}]*+(?:(?!\b(?:{LEVEL_WORDS})\b)[{_CAND}][^\n{_CAND}]*+)*+"
    rf"\b({LEVEL_WORDS})\b)?[^\n]*",
    re.M,
)
LEVEL_NAMES = {
    "FATAL": "FATAL", "CRITICAL": "FATAL", "CRIT": "FATAL", "EMERG": "FATAL", "ALERT": "FATAL",
    "ERROR": "ERROR", "ERR": "ERROR", "SEVERE": "ERROR", "WARNING": "WARN", "WARN": "WARN",
    "NOTICE": "INFO", "INFO": "INFO", "DEBUG": "DEBUG", "TRACE": "TRACE",
}  # fmt: skip
LEVEL_ORDER = ("FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE")


def line_level(line: str) -> str | None:
    """The log level a line states (normalised: FATAL, ERROR, WARN, INFO, DEBUG, TRACE)."""
    m = _LINE_LEVEL.match(line)
    return LEVEL_NAMES[m.group(1)] if m and m.group(1) else None


def level_words(lines: list[str]) -> list[str]:
    """For each line, the level word it states ("" when none), as line_level finds it."""
    if not lines:
        return []
    words: list[str] = _LOG_LEVELS.findall("\n".join(lines))
    if max(map(len, lines)) > _LEVEL_REACH:
        for i, line in enumerate(lines):
            if words[i] and len(line) > _LEVEL_REACH:
                words[i] = _within_reach(line, words[i])
    return words


def _within_reach(line: str, word: str) -> str:
    """`word`, the first level word of `line` (by _LOG_LEVELS), if it starts within the
    reach, else "". Its first occurrence, when at word boundaries, is where it was found."""
    at = line.find(word)
    if at > _LEVEL_REACH:
        return ""
    end = at + len(word)
    if (at == 0 or not _is_word(line[at - 1])) and (end == len(line) or not _is_word(line[end])):
        return word
    m = _LINE_LEVEL.match(line)
    return m.group(1) if m and m.group(1) else ""


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a str pattern


TIMESTAMP_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?"
)


def log_stats(lines: list[str], names: list[str] | None = None) -> dict[str, Any]:
    """Level counts, time range and first error line of a log (one regex pass per line, and
    the timestamps searched from each end). `names`: level_words(lines), when known."""
    if names is None:
        names = level_words(lines)
    counts = Counter(names)
    levels: Counter[str] = Counter()
    for name, count in counts.items():
        if name:
            levels[LEVEL_NAMES[name]] += count
    errors = {name for name, level in LEVEL_NAMES.items() if level in ("FATAL", "ERROR")}
    first_error = next((i for i, name in enumerate(names, 1) if name in errors), None)
    first_ts = next(filter(None, (_timestamp(line) for line in lines)), None)
    last_ts = next(filter(None, (_timestamp(line) for line in reversed(lines))), None)
    return {
        "levels": {name: levels[name] for name in LEVEL_ORDER if levels[name]},
        "time_range": [first_ts, last_ts] if first_ts else None,
        "first_error_line": first_error,
    }


def _timestamp(line: str) -> str | None:
    m = TIMESTAMP_RE.search(line, 0, 200)
    return m.group() if m else None
