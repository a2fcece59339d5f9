"""`docgen doctor`'s checks of Node and its two programs (core/nodejs.py says which files):
node is there and at least version 20, and each program does its job once, through the same
calls a conversion makes: a one-paragraph document converted, one line linted."""

from __future__ import annotations

import dataclasses
import json
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from agentic_docgen.core.nodejs import (
    NODE_MIN_MAJOR,
    NodeProgram,
    node_executable,
    node_program,
    node_version,
)
from agentic_docgen.core.settings import Settings

Check = Callable[[bool, str], bool]  # prints one line (ok or not), returns the verdict
PARAGRAPH = "docgen doctor: one paragraph, converted."
LINT_LINE = "#Heading without a space"  # markdownlint's MD018 (no-missing-space-atx)


def node_checks(settings: Settings, check: Check) -> bool:
    """Node's version, then the converter and the markdownlint server; True if all are ok."""
    node = node_executable(settings)
    version = node_version(node)
    if version is None:
        return check(
            False,
            f"node: {settings.node} not found or not answering `--version`"
            " (install Node.js 20+ or set DOCGEN_NODE)",
        )
    shown = "v" + ".".join(map(str, version))
    if version[0] < NODE_MIN_MAJOR:
        return check(False, f"node {shown} at {node} is too old: docgen needs Node.js 20+")
    check(True, f"node {shown} at {node}")
    settings = dataclasses.replace(settings, converter_timeout_s=120.0)
    ok = _converter(settings, check)
    return _lint(settings, check) and ok


def _where(settings: Settings, program: NodeProgram) -> str:
    if program.bundled:
        return f"bundle {program.script}"
    hint = ""
    if not (settings.converter_dir.parent / "node_modules").is_dir():
        hint = f"; run `npm ci` in {settings.converter_dir.parent}"
    return f"sources {program.script}{hint}"


def _converter(settings: Settings, check: Check) -> bool:
    from agentic_docgen.blocks.bridge import run_converter
    from agentic_docgen.blocks.document import parse_markdown

    program = node_program(settings, "converter")
    start = time.perf_counter()
    where = f"converter ({_where(settings, program)})"
    with tempfile.TemporaryDirectory(prefix="docgen-doctor-") as tmp:
        meta = {"title": "doctor", "author": "docgen", "created": "2026-01-01T00:00:00Z"}
        structure, _ = parse_markdown(PARAGRAPH + "\n", Path(tmp), meta)
        source, output = Path(tmp) / "doctor.json", Path(tmp) / "doctor.docx"
        source.write_text(json.dumps(structure), encoding="utf-8")
        result = run_converter(settings, source, output)
        if not result.ok:
            return check(False, f"{where}: {result.message}")
        if PARAGRAPH not in _document_text(output):
            return check(False, f"{where}: the paragraph is not in the document it wrote")
    took = time.perf_counter() - start
    return check(True, f"{where}: one paragraph converted, {took:.1f} s")


def _document_text(docx: Path) -> str:
    try:
        with zipfile.ZipFile(docx) as z:
            return z.read("word/document.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""


def _lint(settings: Settings, check: Check) -> bool:
    from agentic_docgen.markdown.lint import Linter, LintUnavailable

    where = f"markdownlint ({_where(settings, node_program(settings, 'lint'))})"
    start = time.perf_counter()
    linter = Linter(settings)
    try:
        rules = [f["rule"] for f in linter.lint(LINT_LINE + "\n")]
    except (LintUnavailable, ValueError) as exc:
        return check(False, f"{where}: {exc}")
    finally:
        linter.close()
    took = time.perf_counter() - start
    if "MD018" not in rules:
        return check(False, f"{where}: no MD018 for {LINT_LINE!r} (found {rules or 'nothing'})")
    return check(True, f"{where}: one line linted, {took:.1f} s")
