"""One module's import run another way (issue 21): the one mechanism behind
core/deferred.py (langgraph-sdk's package body deferred) and markdown/punctuation.py
(mistletoe's punctuation set built over ASCII only).

`hook(target, run)` puts a finder on `sys.meta_path` that finds `target` as the normal path
finder would and hands its module to `run(inner_loader, module)` instead of
`inner_loader.exec_module(module)`. Once per target, and never for a module already imported.
"""

from __future__ import annotations

import importlib.machinery
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

Run = Callable[[Any, ModuleType], None]  # (the loader the path finder found, the module)


class _Loader:  # importlib's loader protocol (importlib.abc costs an import of its own)
    def __init__(self, inner: Any, run: Run) -> None:
        self.inner = inner
        self.run = run

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.inner.create_module(spec)  # type: ignore[no-any-return]

    def exec_module(self, module: ModuleType) -> None:
        self.run(self.inner, module)


class Finder:  # a meta path finder for one module
    def __init__(self, target: str, run: Run) -> None:
        self.target = target
        self.run = run

    def find_spec(
        self, fullname: str, path: Any, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self.target:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader, self.run)  # type: ignore[assignment]
        return spec


def hook(target: str, run: Run) -> None:
    """Import `target` through `run` from now on (once; not if it is imported already)."""
    if target in sys.modules or any(hooked(f, target) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, Finder(target, run))


def hooked(finder: object, target: str) -> bool:
    """Is `finder` this module's hook for `target`?"""
    return isinstance(finder, Finder) and finder.target == target
