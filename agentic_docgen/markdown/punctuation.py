"""mistletoe's import made cheap (issue 21): its `core_tokens` builds, at import, the set of
every Unicode punctuation character by asking `unicodedata.category` about all 1.1 M code
points (about 0.3 s, a fifth of a small run's imports).

`install()` (called by the package's `__init__`, before anything imports mistletoe) puts a
finder on `sys.meta_path` that runs `mistletoe.core_tokens` with `sys.maxunicode` at 0x7F,
so the set is built over ASCII only, and then replaces it with `Punctuation`, which answers
`c in punctuation` exactly as the full set would (the ASCII punctuation and symbols
mistletoe lists, or any character of a Unicode category P*). mistletoe reads the set only
through `c in punctuation` (`preceded_by`, `succeeded_by`), looked up in its module's
globals at call time. A test compares it with the full set over every code point.
"""

from __future__ import annotations

import importlib.machinery
import sys
from types import ModuleType
from typing import Any
from unicodedata import category

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


class _Loader:  # importlib's loader protocol (importlib.abc costs an import of its own)
    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.inner.create_module(spec)  # type: ignore[no-any-return]

    def exec_module(self, module: ModuleType) -> None:
        full = sys.maxunicode
        sys.maxunicode = 0x7F  # type: ignore[misc]  # only while the module body runs
        try:
            self.inner.exec_module(module)
        finally:
            sys.maxunicode = full  # type: ignore[misc]
        module.__dict__["punctuation"] = Punctuation(module.__dict__["punctuation"])


class _Finder:  # a meta path finder
    def find_spec(
        self, fullname: str, path: Any, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != TARGET:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)  # type: ignore[assignment]
        return spec


def install() -> None:
    """Once, and only if mistletoe's core_tokens is not imported yet."""
    if TARGET in sys.modules or any(isinstance(f, _Finder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _Finder())
