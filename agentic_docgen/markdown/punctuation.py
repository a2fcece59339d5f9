"""mistletoe's import made cheap (issue 21): its `core_tokens` builds, at import, the set of
every Unicode punctuation character by asking `unicodedata.category` about all 1.1 M code
points (about 0.3 s, a fifth of a small run's imports).

`install()` (called by the package's `__init__`, before anything imports mistletoe) hooks the
import (core/importhook.py) so that it runs `mistletoe.core_tokens` with `sys.maxunicode` at 0x7F,
so the set is built over ASCII only, and then replaces it with `Punctuation`, which answers
`c in punctuation` exactly as the full set would (the ASCII punctuation and symbols
mistletoe lists, or any character of a Unicode category P*). mistletoe reads the set only
through `c in punctuation` (`preceded_by`, `succeeded_by`), looked up in its module's
globals at call time. A test compares it with the full set over every code point.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any
from unicodedata import category

from agentic_docgen.core.importhook import hook

TARGET = "mistletoe.core_tokens"


class Punctuation:
    """`c in Punctuation(ascii)`: c is in the ASCII set, or a Unicode punctuation character."""

    __slots__ = ("ascii",)

    def __init__(self, ascii_set: set[str]) -> None:
        self.ascii = frozenset(ascii_set)

    def __contains__(self, char: object) -> bool:
        if char in self.ascii:
            return True
        return isinstance(char, str) and len(char) == 1 and category(char).startswith("P")


def _ascii_only(inner: Any, module: ModuleType) -> None:
    """mistletoe.core_tokens run with sys.maxunicode at 0x7F, then its set made whole."""
    full = sys.maxunicode
    sys.maxunicode = 0x7F  # type: ignore[misc]  # only while the module body runs
    try:
        inner.exec_module(module)
    finally:
        sys.maxunicode = full  # type: ignore[misc]
    module.__dict__["punctuation"] = Punctuation(module.__dict__["punctuation"])


def install() -> None:
    """Once, and only if mistletoe's core_tokens is not imported yet (core/importhook.py)."""
    hook(TARGET, _ascii_only)
