"""The documents the read-back tests share, converted once per session of tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agentic_docgen.entry.api import generate_document
from tests.checks.cases import (
    MARKDOWN,
    _log_lines,
)
from tests.conftest import EXAMPLES


@pytest.fixture(scope="package")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """name -> (docx, session dir). "log": a 1 MB hostile log with a prose and a text file;
    "mixed": the examples, a smaller log, and markdown with code in lists, a table and a
    quote."""
    base = tmp_path_factory.mktemp("quality-fast")
    sessions = base / "sessions"
    inputs: dict[str, Callable[[Path], Any]] = {
        "mixed": lambda d: (
            shutil.copytree(EXAMPLES, d, dirs_exist_ok=True),
            (d / "small.log").write_text("\n".join(_log_lines(2500, 2))),
            (d / "doc.md").write_text(MARKDOWN),
        ),
        "log": lambda d: (
            (d / "big.log").write_bytes(
                "\n".join(_log_lines(14000, 1)).encode().replace(b"return", b"return\r\n", 3)
                + b"\r\n"
            ),
            (d / "notes.txt").write_text(
                "A plain paragraph\nwrapped on two lines & <more>.\n\n"
                "    indented block\n    \tsecond line\n\nLast words.\n"
            ),
        ),
    }
    out = {}
    for name, build in inputs.items():
        d = base / name
        d.mkdir()
        build(d)
        result = generate_document(d, base / f"{name}.docx", sessions_dir=sessions, force=True)
        assert result.status == "complete", result.errors
        assert result.session_dir
        out[name] = (base / f"{name}.docx", Path(result.session_dir))
    return out
