"""The library entry point: `convert(ConvertOptions(...))` mirrors `docgen convert`;
`generate_document(inputs, output, **options)` is the same with keyword options (`inputs`: a
folder or a file, or a list of them, converted in the order given).

It owns the session lifecycle (validate → create session → copy inputs → run the graph →
archive on success, keep on failure); the graph never creates or deletes sessions.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agentic_docgen.core.errors import InputError
from agentic_docgen.core.events import ProgressEvent, RunCompleted
from agentic_docgen.core.language import AUTO, DEFAULT, check_tag, supported
from agentic_docgen.core.settings import Settings
from agentic_docgen.entry.options import ConvertOptions, default_output, load_style
from agentic_docgen.entry.planning import (
    AppliedPlan,
    apply_plan,
    keep_plan,
    plan_path,
    review_plan,
)
from agentic_docgen.entry.skipped import referenced_images, skipped_warnings
from agentic_docgen.graph.context import RunContext
from agentic_docgen.graph.policy.parts import in_part_order, wants_parts
from agentic_docgen.graph.runner import AskFn, RunResult, drive
from agentic_docgen.session.discovery import discover_paths
from agentic_docgen.session.folder import Session, SessionManager
from agentic_docgen.session.inputs import InputFile, Skipped
from agentic_docgen.session.lock import SessionLock
from agentic_docgen.session.log import SessionLog

_PROSE = (".md", ".markdown", ".txt")  # the inputs whose text tells the document's language

Progress = Callable[[ProgressEvent], None]  # typed events; str(event) is the plain line


@dataclass(frozen=True)
class _Checked:
    """What validation found: the options as the run records them, and what they lead to."""

    options: ConvertOptions
    settings: Settings
    policy: Any
    theme: dict[str, Any] | None
    files: list[InputFile]
    skipped: list[Skipped]
    parts: bool
    root: Path  # the folder that holds every input (references resolve inside it)
    notes: list[str]  # about the inputs' names
    plan: AppliedPlan | None = None  # --plan, checked against the inputs


def convert(
    options: ConvertOptions, *, ask: AskFn | None = None, progress: Progress | None = None
) -> RunResult:
    """Convert a folder of .md/.txt/.log files into one .docx.

        result = convert(ConvertOptions("notes/", "notes.docx", on_missing="skip"))

    Raises InputError (exit 2) for unusable input before any session exists; everything
    later is in the RunResult. `ask(pending) -> answers` is called when a referenced file
    is missing and `on_missing` is "ask" (without it, the run pauses); `progress(event)`
    hears what the run is doing: typed events (core/events.py, docs/progress.md) whose
    `str()` is the line the terminal shows."""
    t0 = time.perf_counter()
    if options.update:  # the session of the .docx -o names, brought up to date
        from agentic_docgen.entry.refine import update

        return _finished(update(options, progress), t0, progress)
    checked = _validate(options)
    manager = SessionManager(checked.settings)
    session = manager.create(checked.root)
    lock = SessionLock(session.dir).acquire()  # held for the whole run (session/lock.py)
    log = SessionLog(session.log_path, session.id)
    try:
        initial = _copy_inputs(manager, session, log, checked)
        ctx = RunContext(checked.settings, session, log, checked.policy, progress)
        result = drive(ctx, manager, initial, ask)
        keep_version(result, "convert", reason="first build")
    finally:
        log.close()
        lock.release()
    result.lang = initial["lang"]
    return _finished(result, t0, progress)


def _finished(result: RunResult, t0: float, progress: Progress | None) -> RunResult:
    """The result with its plan and total time, told to the progress callback."""
    result.plan_path = plan_path(result.session_dir)
    result.timings_s["total"] = round(time.perf_counter() - t0, 3)
    if progress is not None:
        progress(
            RunCompleted(
                result.status,
                result.exit_code,
                result.session_id,
                result.output_path,
                result.timings_s["total"],
                result.to_dict(),
            )
        )
    return result


def keep_version(result: RunResult, command: str, **change: Any) -> None:
    """A completed run's document becomes the session's next version (session/versions.py),
    named in the summary."""
    if result.status != "complete" or not result.session_dir:
        return
    from agentic_docgen.session import versions

    session = Session(str(result.session_id), Path(result.session_dir))
    result.version = versions.record(session, command, **change)


def plan(options: ConvertOptions, warnings: list[str] | None = None) -> str:
    """The plan proposed for `options.input_dir` (the offline policy's; with a model, the
    model's when it is valid, else the offline one and a warning in `warnings`), as the
    YAML text of a plan file (docs/plan.md): `docgen plan`. Nothing is converted; no
    session is made."""
    from agentic_docgen.entry.planning import propose_plan

    return propose_plan(options, warnings)[0]


def generate_document(
    input_dir: str | Path | Sequence[str | Path],
    output: str | Path | None = None,
    *,
    ask: AskFn | None = None,
    progress: Progress | None = None,
    **options: Any,
) -> RunResult:
    """`convert` with the options as keywords, named as the fields of `ConvertOptions`:

    result = generate_document("notes/", "notes.docx", on_missing="skip", toc=True)
    result = generate_document(["intro.md", "logs/", "data.csv"], "report.docx")
    """
    given = ConvertOptions(input_dir, Path(output) if output else None, **options)
    return convert(given, ask=ask, progress=progress)


def _validate(options: ConvertOptions) -> _Checked:
    """Every check that needs no session, in the order the user meets them: the option
    values (done when `options` was built), the model, the output file, the style file,
    then the input folder."""
    settings = options.settings()
    from agentic_docgen.graph.policy.protocol import get_policy

    policy = get_policy(settings)
    options = options.for_run(settings)
    options.check_output()
    theme = options.theme()  # refuse a bad style file before any work
    found = discover_paths(options.paths, settings, options.include)
    files = found.files
    parts = _parts(options, settings, [f.rel for f in files])
    if options.plan is not None or options.review:  # its order, titles, sections, exclusions
        applied = (review_plan if options.review else apply_plan)(options, settings, files)
        policy = get_policy(settings, applied.plan)
        skipped = referenced_images(applied.files, found.skipped)
        return _Checked(
            applied.options,
            settings,
            policy,
            theme,
            applied.files,
            skipped,
            applied.parts,
            found.root,
            found.notes,
            applied,
        )
    if parts:  # top-level files first, then each part with its README/index first
        order = {name: i for i, name in enumerate(in_part_order([f.rel for f in files]))}
        files.sort(key=lambda f: order[f.rel])
    skipped = referenced_images(files, found.skipped)
    return _Checked(
        options, settings, policy, theme, files, skipped, parts, found.root, found.notes
    )


def _parts(options: ConvertOptions, settings: Settings, names: list[str]) -> bool:
    """Is the document in parts? (The offline plan makes them; with a model, the chapters
    stay Heading 1: `--group folders` is refused there, `auto` means none.)"""
    if settings.model not in ("", "offline"):
        if options.group == "folders":
            raise InputError("parts are made by the offline plan only (for now)", path="--group")
        return False
    if len(options.paths) > 1 and options.group == "auto":
        return False  # several paths: their order is the user's
    return wants_parts(names, options.group)


def _copy_inputs(
    manager: SessionManager, session: Session, log: SessionLog, checked: _Checked
) -> dict[str, Any]:
    """Copy the inputs into the session, record the options in its metadata, and return
    the graph's initial state."""
    options = checked.options
    names, decode_warnings = manager.copy_inputs(session, checked.files)
    keep_plan(session, checked.plan)
    log.event(
        "session_created",
        input_dir=str(checked.root),
        files=len(names),
        skipped=len(checked.skipped),
        model=checked.settings.model,
    )
    meta = options.to_meta()
    meta["input_dir"] = str(checked.root)  # where references resolve (markdown/references.py)
    meta["paths"] = [str(p.resolve()) for p in options.paths]
    session.update_meta(
        **meta,
        outputs=options.targets(),  # every file the run writes (graph/runner.py)
        pid=os.getpid(),
        parts=checked.parts,  # (a refinement of a document in parts rebuilds every chapter)
        inputs=[
            {"file": f.rel, "bytes": f.size, "encoding": f.encoding, "confidence": f.confidence}
            for f in checked.files
        ],
        skipped=[{"file": s.rel, "reason": s.reason} for s in checked.skipped],
    )
    return {
        "session_dir": str(session.dir),
        "input_dir": str(checked.root),
        "input_files": names,
        "title": options.title,
        "author": options.author,
        "toc": options.toc,
        "theme": checked.theme,
        **_language(checked, session, names),
        "on_missing": options.on_missing,
        "parts": checked.parts,
        "review": options.review,
        "file_index": 0,
        "attempts": 0,
        "decisions": {},
        "status": "running",
        "warnings": skipped_warnings(checked.skipped)
        + checked.notes
        + (checked.plan.warnings if checked.plan else [])
        + decode_warnings,
        "errors": [],
        "timings_s": {},
    }


def _language(checked: _Checked, session: Session, names: list[str]) -> dict[str, Any]:
    """The document's language: --lang; else the plan's, a front matter's `lang`, or the
    language most of the inputs' prose is in (then chapters in others are tagged too)."""
    if checked.options.lang != AUTO:
        return {"lang": checked.options.lang, "lang_auto": False}
    from agentic_docgen.markdown.metadata import declared_language

    planned = checked.plan.plan.language if checked.plan else None
    declared = planned if supported(planned) else declared_language(session.inputs, names)
    if declared and supported(declared):
        return {"lang": check_tag(declared), "lang_auto": True}
    from agentic_docgen.markdown.language import files_language

    prose = [session.inputs / n for n in names if n.lower().endswith(_PROSE)]
    return {"lang": files_language(prose) or DEFAULT, "lang_auto": True}


def resume_session(
    session_id: str,
    *,
    answers: dict[str, str] | None = None,
    sessions_dir: str | Path | None = None,
    ask: AskFn | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Continue a paused or interrupted session with the user's answers, with the options
    it was started with (read back from its metadata)."""
    t0 = time.perf_counter()
    manager = SessionManager(Settings.resolve(sessions_dir=sessions_dir))
    session = manager.find(session_id)
    meta = session.read_meta()
    from agentic_docgen.session.admin import effective_status

    status = effective_status(meta, session.dir)
    if status == "complete":
        raise InputError("session already complete", path=session_id)
    if status == "running":
        raise InputError(
            "session is still running (another docgen process holds it)", path=session_id
        )
    from agentic_docgen.graph.policy.protocol import get_policy

    _check_review(session, meta, answers or {})
    lock = SessionLock(session.dir).acquire()  # (refused if another process took it since)
    session.update_meta(status="running", pid=os.getpid())
    where = Path(sessions_dir) if sessions_dir else None  # where the session was found
    options = dataclasses.replace(ConvertOptions.from_meta(meta), sessions_dir=where)
    settings = options.settings()
    log = SessionLog(session.log_path, session.id)
    try:
        from agentic_docgen.entry.planning import session_plan

        reviewing = any(p.get("kind") == "review" for p in meta.get("pending") or [])
        policy = get_policy(settings, None if reviewing else session_plan(session))
        ctx = RunContext(settings, session, log, policy, progress)
        result = drive(ctx, manager, None, ask, answers=answers)
        keep_version(result, "convert", reason="first build (resumed)")
    finally:
        log.close()
        lock.release()
    return _finished(result, t0, progress)


def _check_review(session: Session, meta: dict[str, Any], answers: dict[str, str]) -> None:
    """The plan a paused review is to build (`answers["plan"]`, else the session's
    plan.yaml) checked before the run resumes: a PlanError (exit 2) leaves it paused."""
    if not answers.get("plan") and answers.get("review") != "build":
        return
    if not meta.get("review"):
        raise InputError("this session was not started with --review", path=session.id)
    from agentic_docgen.graph.nodes.review import check_plan
    from agentic_docgen.graph.policy.plan import PLAN_FILE

    text = answers.get("plan")
    path = session.dir / PLAN_FILE
    data = text.encode("utf-8") if text is not None else path.read_bytes()
    check_plan(session.dir, data, answers.get("plan_file") or str(path))


__all__ = [
    "ConvertOptions",
    "RunResult",
    "convert",
    "default_output",
    "generate_document",
    "load_style",
    "plan",
    "resume_session",
]
