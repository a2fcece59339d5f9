"""Two package bodies deferred to their first use (issue 21): langgraph-sdk's and
langsmith's `types`.

`langgraph.runtime` (imported by StateGraph's module) needs only `langgraph_sdk.auth.types`,
a module of plain types; importing it runs the package's `__init__` first, which imports the
SDK's HTTP client (httpx, websockets, the async and sync clients): 0.3-0.5 s of CPU on every
run, for a remote-graph client docgen never uses.

`install()` (called by the package's `__init__`, before anything imports langgraph) hooks the
import (core/importhook.py) so that it creates `langgraph_sdk` with its `__path__` (so its
submodules import as usual) and a module `__getattr__` that runs the real `__init__` the
first time a name the body defines is asked for (`from langgraph_sdk import get_client`,
`langgraph_sdk.__version__`), then leaves the module as the plain import would.

`langsmith.types` is the same case: langsmith's `RunTree` (imported by langchain-core's
tracers, which langgraph's runnables import) needs one of its modules,
`langsmith.types.run_select_field`; the package's `__init__` imports all of its ~150 generated
API models first (about 0.25 s of every run, for a LangSmith API client docgen never calls).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from agentic_docgen.core.importhook import hook

TARGETS = ("langgraph_sdk", "langsmith.types")


def _deferred(inner: Any, module: ModuleType) -> None:
    """The package without its body; the body runs when a name it defines is asked for."""

    def run_body(name: str) -> Any:
        del module.__dict__["__getattr__"]
        inner.exec_module(module)  # the real __init__, once
        return module.__dict__[name] if name in module.__dict__ else getattr(module, name)

    module.__dict__["__getattr__"] = run_body


def install() -> None:
    """Once per package, and only if it is not imported yet (core/importhook.py)."""
    for target in TARGETS:
        hook(target, _deferred)
