"""error_handler, rollback, finalize: bounded retries, then an honest failure (FC013, FC017)."""

from __future__ import annotations

import gzip
import os
import shutil
from typing import Any

from langchain_core.messages import RemoveMessage
from langgraph.graph.message import REMOVE_ALL_MESSAGES
from langgraph.runtime import Runtime

from agentic_docgen.core.events import ChapterFailed
from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.state import DocState
from agentic_docgen.session.folder import Session, now_iso, write_atomic

ERROR_KINDS = {
    "E001": "Syntax: unclosed code block",
    "E002": "Syntax: malformed table",
    "E003": "Encoding: invalid UTF-8",
    "E004": "Asset: missing image",
    "E005": "Asset: broken path",
    "E006": "Structural: skipped heading level",
    "E007": "Structural: invalid hierarchy",
    "E008": "Conversion: docx-js timeout",
    "E009": "Conversion: Node.js error",
    "E010": "Export: a format could not be written",
    "E999": "Unknown: unclassified",
}


def error_handler(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Classify the last error (ERROR_KINDS) and count the attempt."""
    ctx = runtime.context
    error = dict(state.get("last_error") or {"code": "E999", "message": "unknown failure"})
    error.setdefault("code", "E999")
    attempts = state.get("attempts", 0) + 1
    error["attempt"] = attempts
    error["kind"] = ERROR_KINDS.get(error["code"], ERROR_KINDS["E999"])
    ctx.log.error("error_classified", **error)
    file = error.get("file")
    ctx.emit(
        ChapterFailed(
            error["code"],
            str(error.get("message", "")),
            attempts,
            retry_possible=attempts < ctx.settings.max_attempts,
            stage=error.get("stage"),
            file=file,
            index=ctx.inputs.index(file) + 1 if file in ctx.inputs else None,
        )
    )
    return {"attempts": attempts, "errors": [error]}


def rollback(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Restore the markdown of the last good checkpoint and resume the agent from there."""
    ctx = runtime.context
    last = state.get("last_checkpoint")
    update: dict[str, Any] = {
        "messages": [RemoveMessage(id=REMOVE_ALL_MESSAGES)],
        "chapter_done": False,
        "chapter_starts": [],
        "last_error": None,
    }
    if last:
        ctx.ws.rollback_to_checkpoint(last["id"])
        update["file_index"] = last["file_index"]
        ctx.log.transition("rollback", checkpoint=last["id"])
    else:
        ctx.ws.clear()
        update["file_index"] = 0
        ctx.log.transition("rollback", checkpoint=None)
    return update


def finalize(state: DocState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """The end: complete, or failed with the failure artefacts kept."""
    ctx = runtime.context
    failed = state.get("status") == "failed" or bool(state.get("last_error"))
    ctx.log.transition("finalize", status="failed" if failed else "complete")
    if not failed:
        compress_structure(ctx.session)
        return {"status": "complete"}
    errors = ctx.report.read(state.get("report_size", 0))["errors"]
    keep_failure(ctx.session, errors, state.get("attempts", 0))
    return {"status": "failed"}


STRUCTURE_KEEP_BYTES = 2 * 1024 * 1024  # a complete run's structure.json above: gzipped


def compress_structure(session: Session) -> None:
    """A complete run's structure.json, when large, is kept as structure.json.gz: the
    converter has read it, and the block JSON is some 2.5 times the markdown's size, so a
    folder of thousands of pages would keep the session several times the input's size
    (issue 24: the session stays within 3 times the input + 10 MB). A failed run keeps it
    as it is, to look at."""
    path = session.structure
    if not path.exists() or path.stat().st_size <= STRUCTURE_KEEP_BYTES:
        return
    packed = path.with_name(path.name + ".gz")
    tmp = path.with_name(path.name + ".gz.tmp")
    with path.open("rb") as src, gzip.open(tmp, "wb", compresslevel=6) as out:
        shutil.copyfileobj(src, out, 1 << 20)
    os.replace(tmp, packed)
    path.unlink()


def keep_failure(session: Session, errors: list[dict[str, Any]], attempts: int) -> None:
    """The failure artefacts, written atomically: FAILED_conversion.md (the best-effort
    markdown) and ERROR_REPORT.md (what failed, what to do)."""
    if session.markdown.exists():
        tmp = session.dir / ".FAILED_conversion.md.tmp"
        shutil.copyfile(session.markdown, tmp)
        os.replace(tmp, session.dir / "FAILED_conversion.md")
    write_atomic(session.dir / "ERROR_REPORT.md", error_report(errors, attempts, session.id))


def error_report(errors: list[dict[str, Any]], attempts: int, session_id: str) -> str:
    lines = [
        "# Conversion failure report",
        "",
        f"- Session: `{session_id}`",
        f"- Written: {now_iso()}",
        f"- Conversion attempts: {attempts}",
        "",
        "## What failed",
        "",
    ]
    if not errors:
        lines.append("- No classified error was recorded.")
    for e in errors:
        where = ":".join(str(x) for x in (e.get("file"), e.get("line")) if x)
        lines.append(
            f"- **{e.get('code', 'E999')}** ({e.get('kind', '')})"
            f"{' at ' + where if where else ''}"
            f"{' on attempt ' + str(e['attempt']) if e.get('attempt') else ''}:"
            f" {e.get('message', '')}"
        )
    lines += [
        "",
        "## What you can do",
        "",
        "- `FAILED_conversion.md` in this folder is the best-effort markdown: every source"
        " line that was placed is in it.",
        "- E008/E009 (converter): check `node --version` (20+), that `npm ci` ran in the"
        " docgen checkout, or set `DOCGEN_NODE` to a working node executable.",
        "- E004/E005 (missing image): provide the file next to the markdown that references"
        " it, or run with `--on-missing skip`.",
        "- Logs of every step: `logs/session.jsonl`.",
        "",
    ]
    return "\n".join(lines)
