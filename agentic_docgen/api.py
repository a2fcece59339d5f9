"""The library entry point: `generate_document(...)` mirrors `docgen convert`.

It owns the session lifecycle (validate → create session → copy inputs → run the graph →
archive on success, keep on failure); the graph never creates or deletes sessions.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .config import Settings
from .context import RunContext
from .errors import EXIT_FAILED, EXIT_INVALID, EXIT_OK, EXIT_PAUSED, InputError
from .logging import SessionLog
from .sanitizer import discover
from .session import SessionManager, now_iso

AskFn = Callable[[list[dict[str, Any]]], dict[str, str]]


@dataclass
class RunResult:
    status: str  # complete | failed | paused | invalid
    output_path: str | None = None
    session_id: str | None = None
    session_dir: str | None = None
    inputs: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    pending: list[dict[str, Any]] = field(default_factory=list)
    tokens: dict[str, int] = field(default_factory=lambda: {"input": 0, "output": 0})
    cost_usd: float = 0.0
    tokens_by_file: dict[str, dict[str, Any]] = field(default_factory=dict)
    fixes: list[str] = field(default_factory=list)
    model: str = "offline"
    timings_s: dict[str, float] = field(default_factory=dict)
    quality: dict[str, Any] | None = None

    @property
    def exit_code(self) -> int:
        return {"complete": EXIT_OK, "paused": EXIT_PAUSED, "invalid": EXIT_INVALID}.get(
            self.status, EXIT_FAILED
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_output(input_dir: Path) -> Path:
    name = input_dir.resolve().name or "document"
    return Path.cwd() / f"{name}.docx"


def load_style(path: str | Path) -> dict[str, Any]:
    """A --style file: a JSON object of theme overrides (checked by the converter)."""
    p = Path(path).expanduser()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the style file: {exc.strerror}", path=str(p)) from None
    except ValueError as exc:
        raise InputError(f"not valid JSON: {exc}", path=str(p)) from None
    if not isinstance(data, dict):
        raise InputError("a style file must hold a JSON object", path=str(p))
    return data


def generate_document(
    input_dir: str | Path,
    output: str | Path | None = None,
    *,
    title: str | None = None,
    author: str | None = None,
    toc: bool | None = None,
    style: str | Path | None = None,
    model: str | None = None,
    api_base: str | None = None,
    cache: bool = True,
    max_file_mb: float | None = None,
    max_total_mb: float | None = None,
    on_missing: str = "skip",
    sessions_dir: str | Path | None = None,
    force: bool = False,
    ask: AskFn | None = None,
    progress: Callable[[str], None] | None = None,
) -> RunResult:
    """Convert a folder of .md/.txt/.log files into one .docx. Raises InputError (exit 2)
    for unusable input before any session exists; everything later is in the RunResult."""
    t0 = time.perf_counter()
    if on_missing not in ("ask", "skip", "fail"):
        raise InputError("must be ask, skip or fail", path="--on-missing")
    for flag, value in (("--max-file-mb", max_file_mb), ("--max-total-mb", max_total_mb)):
        if value is not None and value <= 0:
            raise InputError("must be a positive number of megabytes", path=flag)
    settings = Settings.resolve(
        sessions_dir=sessions_dir,
        model=model,
        api_base=api_base,
        cache=cache,
        max_file_mb=max_file_mb,
        max_total_mb=max_total_mb,
    )
    from .policy import get_policy

    policy = get_policy(settings)
    src = Path(input_dir).expanduser()
    out = Path(output).expanduser() if output else default_output(src)
    out = out if out.is_absolute() else Path.cwd() / out
    if out.suffix.lower() != ".docx":
        raise InputError("the output file must end in .docx", path=str(out))
    if out.exists() and not force:
        raise InputError("already exists (use --force to overwrite)", path=str(out))
    if not out.parent.is_dir():
        raise InputError("the output folder does not exist", path=str(out.parent))
    if style:
        load_style(style)  # refuse a bad style file before any work
    files, skipped = discover(src, settings)

    manager = SessionManager(settings)
    session = manager.create(src)
    log = SessionLog(session.log_path, session.id)
    try:
        names, decode_warnings = manager.copy_inputs(session, files)
        warnings = [f"skipped {s}" for s in skipped] + decode_warnings
        log.event(
            "session_created",
            input_dir=str(src.resolve()),
            files=len(names),
            skipped=len(skipped),
            model=settings.model,
        )
        session.update_meta(
            output=str(out),
            title=title,
            author=author,
            on_missing=on_missing,
            pid=os.getpid(),
            model=settings.model,
            api_base=settings.api_base,
            cache=settings.cache,
            force=force,
            inputs=[
                {"file": f.rel, "bytes": f.size, "encoding": f.encoding, "confidence": f.confidence}
                for f in files
            ],
        )
        initial = {
            "session_dir": str(session.dir),
            "input_dir": str(src.resolve()),
            "input_files": names,
            "title": title,
            "author": author,
            "toc": toc,
            "theme": load_style(style) if style else None,
            "on_missing": on_missing,
            "file_index": 0,
            "attempts": 0,
            "checkpoints": [],
            "decisions": {},
            "status": "running",
            "warnings": warnings,
            "errors": [],
            "timings_s": {},
        }
        ctx = RunContext(settings, session, log, policy, progress)
        result = _drive(ctx, manager, initial, ask)
    finally:
        log.close()
    result.timings_s["total"] = round(time.perf_counter() - t0, 3)
    return result


def resume_session(
    session_id: str,
    *,
    answers: dict[str, str] | None = None,
    sessions_dir: str | Path | None = None,
    ask: AskFn | None = None,
    progress: Callable[[str], None] | None = None,
) -> RunResult:
    """Continue a paused or interrupted session with the user's answers."""
    t0 = time.perf_counter()
    settings = Settings.resolve(sessions_dir=sessions_dir)
    manager = SessionManager(settings)
    session = manager.find(session_id)
    meta = session.read_meta()
    from .sessions import effective_status

    status = effective_status(meta)
    if status == "complete":
        raise InputError("session already complete", path=session_id)
    if status == "running":
        raise InputError(f"session is still running (process {meta.get('pid')})", path=session_id)
    from .policy import get_policy

    session.update_meta(status="running", pid=os.getpid())
    settings = Settings.resolve(
        sessions_dir=sessions_dir,
        model=meta.get("model"),
        api_base=meta.get("api_base"),
        cache=meta.get("cache", True),
    )
    log = SessionLog(session.log_path, session.id)
    try:
        ctx = RunContext(settings, session, log, get_policy(settings), progress)
        result = _drive(ctx, manager, None, ask, answers=answers)
    finally:
        log.close()
    result.timings_s["total"] = round(time.perf_counter() - t0, 3)
    return result


def _drive(
    ctx: RunContext,
    manager: SessionManager,
    initial: dict[str, Any] | None,
    ask: AskFn | None,
    answers: dict[str, str] | None = None,
) -> RunResult:
    """Run (or resume) the graph to completion, a pause, or a failure."""
    from langgraph.checkpoint.sqlite import SqliteSaver
    from langgraph.types import Command

    from .graph import build_graph

    session = ctx.session
    conn = sqlite3.connect(str(session.state_db), check_same_thread=False)
    try:
        graph = build_graph(ctx, SqliteSaver(conn))
        n_files = len((initial or {}).get("input_files") or session.read_meta().get("inputs", []))
        config = {
            "configurable": {"thread_id": session.id},
            "recursion_limit": 50 + 12 * max(1, n_files),
        }
        payload: Any = initial
        if initial is None:
            pending = _pending(graph, config)
            payload = Command(resume={"decisions": answers or {}}) if pending else None
        while True:
            try:
                graph.invoke(payload, config)
            except Exception as exc:  # a bug or an environment failure: keep everything
                ctx.log.error("graph_crashed", error=f"{type(exc).__name__}: {exc}"[:500])
                return _crashed(ctx, exc)
            pending = _pending(graph, config)
            if not pending:
                break
            if ask is None:
                session.update_meta(status="paused", pending=pending)
                state = graph.get_state(config).values
                return _result(ctx, state, "paused", pending=pending)
            payload = Command(resume={"decisions": ask(pending)})
        state = graph.get_state(config).values
    finally:
        conn.close()
        if ctx.linter:
            ctx.linter.close()
    if state.get("status") != "complete":
        session.update_meta(status="failed", finished=now_iso())
        return _result(ctx, state, "failed")
    out = Path(session.read_meta()["output"])
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex}.tmp")
    shutil.copyfile(session.docx, tmp)
    os.replace(tmp, out)
    session.update_meta(status="complete", finished=now_iso())
    ctx.log.event("session_completed", output=str(out))
    ctx.log.close()
    archived = manager.archive(session)
    ctx.session = archived
    return _result(ctx, state, "complete", output=str(out))


def _pending(graph: Any, config: dict[str, Any]) -> list[dict[str, Any]]:
    snapshot = graph.get_state(config)
    items: list[dict[str, Any]] = []
    for task in snapshot.tasks or ():
        for intr in getattr(task, "interrupts", ()) or ():
            value = getattr(intr, "value", None)
            if isinstance(value, dict):
                items.extend(value.get("pending", []))
    return items


def _result(
    ctx: RunContext,
    state: dict[str, Any],
    status: str,
    output: str | None = None,
    pending: list[dict[str, Any]] | None = None,
) -> RunResult:
    meta = ctx.session.read_meta()
    usage = state.get("llm_usage") or {}
    return RunResult(
        status=status,
        output_path=output,
        session_id=ctx.session.id,
        session_dir=str(ctx.session.dir),
        inputs=meta.get("inputs", []),
        warnings=list(dict.fromkeys(state.get("warnings", []))),
        errors=list(state.get("errors", [])),
        pending=pending or [],
        tokens={"input": usage.get("input", 0), "output": usage.get("output", 0)},
        cost_usd=usage.get("cost_usd", 0.0),
        tokens_by_file=dict(state.get("llm_usage_by_file") or {}),
        fixes=list(dict.fromkeys(state.get("fixes", []))),
        timings_s=dict(state.get("timings_s", {})),
        quality=state.get("quality"),
        model=ctx.settings.model,
    )


def _crashed(ctx: RunContext, exc: Exception) -> RunResult:
    from .nodes.recovery import error_report

    session = ctx.session
    from .state import StateError

    kind = (
        "State: a node and the state disagree"
        if isinstance(exc, StateError)
        else ("Unknown: unclassified")
    )
    error = {
        "code": "E999",
        "kind": kind,
        "message": f"internal error: {type(exc).__name__}: {exc}"[:500],
    }
    if session.markdown.exists():
        shutil.copyfile(session.markdown, session.dir / "FAILED_conversion.md")
    (session.dir / "ERROR_REPORT.md").write_text(
        error_report({"errors": [error]}, session.id), encoding="utf-8"
    )
    session.update_meta(status="failed", finished=now_iso())
    return RunResult(
        status="failed",
        session_id=session.id,
        session_dir=str(session.dir),
        inputs=session.read_meta().get("inputs", []),
        errors=[error],
    )


__all__ = ["RunResult", "generate_document", "resume_session"]
