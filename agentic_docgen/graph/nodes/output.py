"""parse_to_json, convert_docx, quality_check: markdown → JSON → .docx → read-back."""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime

from agentic_docgen.blocks.bodies import BODY_MIN_LINES, Verbatim
from agentic_docgen.blocks.bridge import portrait_warning, run_converter
from agentic_docgen.blocks.document import parse_markdown
from agentic_docgen.blocks.language import tag_chapters
from agentic_docgen.blocks.math import failure_warnings
from agentic_docgen.blocks.rawhtml import html_warnings
from agentic_docgen.checks.quality import check_docx
from agentic_docgen.core.errors import ToolError
from agentic_docgen.core.events import Stage
from agentic_docgen.core.language import converter_meta, local_date
from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.policy.parts import PARTS_TOC_LEVELS
from agentic_docgen.graph.state import DocState
from agentic_docgen.graph.tools.document import Workspace
from agentic_docgen.markdown import analysis
from agentic_docgen.markdown.csvtable import MAX_COLUMNS
from agentic_docgen.markdown.metadata import document_meta
from agentic_docgen.session import versions
from agentic_docgen.session.folder import now_iso, write_atomic


def parse_to_json(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    t0 = time.perf_counter()
    ctx = runtime.context
    ctx.emit(Stage("parse"))
    analysis.forget()  # the chapters are written: the inputs' readings are of no more use
    session = ctx.session
    notes: list[str] = []  # front matter that could not be read, by file and line
    meta = _meta(state, ctx, notes)
    verbatim = _verbatim_blocks(ctx.ws)
    try:
        structure, parser = parse_markdown(
            session.markdown.read_text(encoding="utf-8") if session.markdown.exists() else "",
            session.dir,
            meta,
            verbatim,
            session.markdown,
            line_spans=_line_spans(ctx),
            compact=True,  # settled blocks as their JSON (blocks/parser.py RawBlock)
        )
    except (ValueError, RecursionError) as exc:
        ctx.log.error("parse_failed", error=str(exc)[:300])
        return {
            "last_error": {"code": "E999", "stage": "parse", "message": str(exc)[:500]},
            "timings_s": {"parse_to_json": time.perf_counter() - t0},
        }
    toc = state.get("toc")
    headings = sum(not isinstance(b, str) and b["type"] == "heading" for b in structure["blocks"])
    structure["meta"]["toc"] = bool(headings > 3 if toc is None else toc)
    if state.get("parts"):  # the contents of a document in parts: its parts and chapters
        structure["meta"]["toc_levels"] = PARTS_TOC_LEVELS
    if state.get("lang_auto"):  # chapters in another language than the document's
        level = 2 if state.get("parts") else 1
        lang = state.get("lang") or "en"
        others = tag_chapters(structure["blocks"], lang, level)
        ctx.log.event("languages", document=lang, chapters=others)
    write_structure(session.structure, structure)
    write_atomic(session.links, json.dumps(parser.resolved_links, ensure_ascii=False))
    warnings = notes
    if parser.unresolved_links:
        warnings.append(
            "links to other inputs that could not be resolved (kept as text): "
            + ", ".join(sorted(set(parser.unresolved_links))[:10])
        )
    if parser.unsafe_links:
        warnings.append(
            f"{len(parser.unsafe_links)} link(s) with a scheme a reader does not expect"
            " (javascript:, data:, file:, …) kept as text, not clickable: "
            + ", ".join(sorted({link[:60] for link in parser.unsafe_links})[:5])
        )
    warnings += html_warnings(parser.html_notes, session.inputs)
    if parser.ragged_tables:
        warnings.append(
            f"E002 fixed: {parser.ragged_tables} table(s) with rows of different lengths were"
            " made rectangular (short rows padded with empty cells, no cell dropped)"
        )
    if parser.wide_tables:
        warnings.append(
            f"{len(parser.wide_tables)} table(s) wider than a page cut into tables of"
            f" {MAX_COLUMNS} columns, every cell kept: " + ", ".join(parser.wide_tables[:5])
        )
    if parser.replaced_chars:
        warnings.append(
            f"{parser.replaced_chars} character(s) a .docx cannot hold were shown"
            " as visible control pictures (e.g. form feed as ␌)"
        )
    ctx.log.transition(
        "parse_to_json",
        blocks=len(structure["blocks"]),
        images=parser.images,
        missing_images=len(parser.missing_images),
        pieces=parser.pieces,  # parsed on this many cores at once (mdjson._parse_in_pieces)
    )
    return {
        "last_error": None,
        "warnings": warnings,
        "timings_s": {"parse_to_json": time.perf_counter() - t0},
    }


_WRITE_GROUP = 1000  # blocks serialised at once by write_structure


def write_structure(path: Path, structure: dict[str, Any]) -> None:
    """Write the block JSON (the bytes of json.dumps, compact; a block the parse already
    wrote as its JSON, parser.RawBlock, as it is) a group of blocks at a time,
    letting each group go once written (issue 24): the document is never held twice, as
    objects and as one string (16 MB of markdown: 32 MB of JSON, 330 MB of objects). The
    structure's blocks are None afterwards. Atomic, as write_atomic."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(tmp, "w", encoding="utf-8") as file:
        for n, (key, value) in enumerate(structure.items()):
            file.write(("{" if n == 0 else ",") + _dumps(key) + ":")
            if key != "blocks":
                file.write(_dumps(value))
                continue
            file.write("[")
            for first in range(0, len(value), _WRITE_GROUP):
                group = value[first : first + _WRITE_GROUP]
                value[first : first + _WRITE_GROUP] = [None] * len(group)
                text = ",".join(b if isinstance(b, str) else _dumps(b) for b in group)
                file.write(("," if first else "") + text)
                del group
            file.write("]")
        file.write("}" if structure else "{}")
    os.replace(tmp, path)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _meta(state: DocState, ctx: RunContext, notes: list[str]) -> dict[str, Any]:
    """The document's metadata (markdown/metadata.py), its date written in its language,
    its language and labels (core/language.py) and the --style overrides."""
    meta = document_meta(
        ctx.session.inputs,
        ctx.inputs,
        state["input_dir"],
        {"title": state.get("title"), "author": state.get("author")},
        notes,
    )
    lang = state.get("lang") or "en"
    meta.update(
        description=f"Generated by docgen from {len(ctx.inputs)} file(s)",
        created=now_iso(),
        date=local_date(meta["date"], lang),
        properties=versions.properties(ctx.session),  # where it came from (convert --update)
        **converter_meta(lang),
    )
    if state.get("theme"):
        meta["theme"] = state["theme"]
    return meta


def _line_spans(ctx: RunContext) -> dict[str, list[tuple[int, int]]] | None:
    """The source lines of each input's verbatim blocks, when a generated `errors` section
    links to single lines (blocks/anchors.py); else None."""
    generated = ctx.report.read()["generated"]
    if not any(g.get("generate") == "errors" for g in generated):
        return None
    out: dict[str, list[tuple[int, int]]] = {}
    for sp in sorted(ctx.ws.spans(), key=lambda sp: sp["md_first"]):
        if sp["as"] in ("code", "text"):
            out.setdefault(sp["file"], []).append((sp["start"], sp["end"]))
    return out


def _verbatim_blocks(ws: Workspace) -> list[Verbatim]:
    """The code blocks the tools copied verbatim (mdjson.parse_markdown's `verbatim`); for a
    big one from a log, the level words of its lines, which the log digest already found."""
    out: list[Verbatim] = []
    for sp in ws.spans():
        if sp["as"] not in ("code", "text"):
            continue
        words = None
        if sp["md_last"] - sp["md_first"] - 1 >= BODY_MIN_LINES:
            try:
                source = ws.store.get(sp["file"])
                if source.kind == "log":
                    words = source.level_words[sp["start"] - 1 : sp["end"]]
            except (ToolError, OSError):
                words = None  # the block is still handed over; its levels are found again
        out.append((sp["md_first"], sp["md_last"], words))
    return out


def convert_docx(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    t0 = time.perf_counter()
    ctx = runtime.context
    attempt = state.get("attempts", 0) + 1
    ctx.emit(Stage("convert", attempt))
    session = ctx.session
    session.docx.unlink(missing_ok=True)
    result = run_converter(ctx.settings, session.structure, session.docx)
    elapsed = time.perf_counter() - t0
    if result.retried:  # its first heap limit, from the JSON's size, was too small
        heap, full = result.retried
        ctx.log.event("converter_out_of_memory", heap_mb=heap, retried_with_mb=full)
    ctx.log.transition(
        "convert_docx",
        attempt=attempt,
        ok=result.ok,
        code=result.code,
        early=result.early,  # by the converter started at the run's start (bridge.prestart)
        duration_s=round(elapsed, 3),
    )
    if result.ok:
        warnings = failure_warnings(result.math_failures, _markdown_sources(ctx.ws))
        warnings += portrait_warning(result)
        return {"last_error": None, "warnings": warnings, "timings_s": {"convert_docx": elapsed}}
    return {
        "last_error": {"code": result.code, "stage": "convert", "message": result.message},
        "timings_s": {"convert_docx": elapsed},
    }


def _markdown_sources(ws: Workspace) -> Iterator[tuple[str, list[str]]]:
    """The input files copied as markdown (where formulas come from), with their lines."""
    seen: set[str] = set()
    for sp in ws.spans():
        if sp["as"] == "markdown" and sp["file"] not in seen:
            seen.add(sp["file"])
            try:
                yield sp["file"], ws.store.get(sp["file"]).lines
            except (ToolError, OSError):
                continue


def quality_check(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    t0 = time.perf_counter()
    ctx = runtime.context
    ctx.emit(Stage("check"))
    report = check_docx(ctx.session.docx, ctx.session.dir)
    receipt = report.get("fidelity")
    ctx.log.transition(
        "quality_check",
        fidelity_score=receipt["score"] if receipt else None,
        passed=report["pass"],
        score=report["score"],
        findings=len(report["findings"]),
    )
    update: dict[str, Any] = {
        "quality": report,
        "timings_s": {"quality_check": time.perf_counter() - t0},
    }
    if not report["pass"]:
        first = next(f for f in report["findings"] if f["severity"] == "error")
        update["last_error"] = {"code": "E999", "stage": "quality", "message": first["message"]}
    return update
