"""langgraph-sdk's package body deferred to its first use (issue 21).

`langgraph.runtime` (imported by StateGraph's module) needs only `langgraph_sdk.auth.types`,
a module of plain types; importing it runs the package's `__init__` first, which imports the
SDK's HTTP client (httpx, websockets, the async and sync clients): 0.3-0.5 s of CPU on every
run, for a remote-graph client docgen never uses.

`install()` (called by the package's `__init__`, before anything imports langgraph) puts a
finder on `sys.meta_path` that creates `langgraph_sdk` with its `__path__` (so its
submodules import as usual) and a module `__getattr__` that runs the real `__init__` the
first time a name the body defines is asked for (`from langgraph_sdk import get_client`,
`langgraph_sdk.__version__`), then leaves the module as the plain import would.
"""

from __future__ import annotations

import importlib.machinery
import sys
from types import ModuleType
from typing import Any

TARGET = "langgraph_sdk"


class _Loader:  # importlib's loader protocol (importlib.abc costs an import of its own)
    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.inner.create_module(spec)  # type: ignore[no-any-return]

    def exec_module(self, module: ModuleType) -> None:
        inner = self.inner

        def run_body(name: str) -> Any:
            del module.__dict__["__getattr__"]
            inner.exec_module(module)  # the real __init__, once
            return module.__dict__[name] if name in module.__dict__ else getattr(module, name)

        module.__dict__["__getattr__"] = run_body


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
    """Once, and only if langgraph_sdk is not imported yet."""
    if TARGET in sys.modules or any(isinstance(f, _Finder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _Finder())
