"""The library entry point: `generate_document(...)` mirrors `docgen convert`.

It owns the session lifecycle (validate → create session → copy inputs → run the graph →
archive on success, keep on failure); the graph never creates or deletes sessions.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agentic_docgen.core.errors import InputError
from agentic_docgen.core.settings import Settings
from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.runner import AskFn, RunResult, drive
from agentic_docgen.session.folder import SessionManager
from agentic_docgen.session.inputs import discover
from agentic_docgen.session.log import SessionLog


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
    from agentic_docgen.graph.policy.protocol import get_policy

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
        result = drive(ctx, manager, initial, ask)
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
    from agentic_docgen.session.admin import effective_status

    status = effective_status(meta)
    if status == "complete":
        raise InputError("session already complete", path=session_id)
    if status == "running":
        raise InputError(f"session is still running (process {meta.get('pid')})", path=session_id)
    from agentic_docgen.graph.policy.protocol import get_policy

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
        result = drive(ctx, manager, None, ask, answers=answers)
    finally:
        log.close()
    result.timings_s["total"] = round(time.perf_counter() - t0, 3)
    return result


__all__ = ["RunResult", "generate_document", "resume_session"]
