"""agentic-docgen: a folder of .md/.txt/.log files → one structured Word document.

The library API (it mirrors `docgen convert` / `docgen resume`), imported on first use so
that `import agentic_docgen` stays cheap:

    from agentic_docgen import ConvertOptions, convert, generate_document, resume_session
"""

from __future__ import annotations

from typing import Any

from agentic_docgen.core.deferred import install as _defer_package_bodies
from agentic_docgen.markdown.punctuation import install as _cheap_mistletoe

_cheap_mistletoe()  # mistletoe's import without its 0.3 s punctuation set (issue 21)
_defer_package_bodies()  # langgraph-sdk and langsmith.types on first use only (issue 21)

_API = {
    "ConvertOptions": "agentic_docgen.entry.options",
    "convert": "agentic_docgen.entry.api",
    "generate_document": "agentic_docgen.entry.api",
    "resume_session": "agentic_docgen.entry.api",
    "RunResult": "agentic_docgen.graph.runner",
}
__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'agentic_docgen' has no attribute {name!r}")
