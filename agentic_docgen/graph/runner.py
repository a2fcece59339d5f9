"""Drive one session's graph: run or resume it to completion, a pause or a failure, and
turn the final state into a RunResult. The entry point owns the session lifecycle around it
(and the log: it closes it).

The RunContext goes to the graph as its runtime context (`graph.invoke(..., context=ctx)`,
on resume too): run-scoped, never checkpointed. The state, in the session's SQLite
checkpointer, and the session's files (session/journal.py) are all a resumed run needs.

Each step's checkpoint is saved before the next step starts (durability "sync"): a run killed
half way through a folder resumes from the last chapter done. (LangGraph's default, "async",
saves in a background thread that fell behind: killed at chapter 30 of 60, a run had saved
only up to chapter 19.) The saves cost no fsync (WAL, synchronous=NORMAL: a commit survives
the process being killed, which is what resuming is for), so "sync" is as fast as "async"."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from agentic_docgen.checks.records import QualityReport
from agentic_docgen.core.errors import (
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_PAUSED,
    DocgenError,
    InputError,
)
from agentic_docgen.core.events import Stage
from agentic_docgen.export.outputs import write_outputs
from agentic_docgen.graph.context import RunContext
from agentic_docgen.session import journal
from agentic_docgen.session.folder import Session, SessionManager, now_iso

AskFn = Callable[[list[dict[str, Any]]], dict[str, str] | None]  # None: pause the run


@dataclass
class RunResult:
    status: str  # complete | failed | paused | invalid
    output_path: str | None = None
    session_id: str | None = None
    session_dir: str | None = None
    inputs: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)  # files that are no chapter
    warnings: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    pending: list[dict[str, Any]] = field(default_factory=list)
    tokens: dict[str, int] = field(default_factory=lambda: {"input": 0, "output": 0})
    cost_usd: float = 0.0
    tokens_by_file: dict[str, dict[str, Any]] = field(default_factory=dict)
    llm_calls: int = 0  # model calls made in this run (answers from the cache included)
    fixes: list[str] = field(default_factory=list)
    model: str = "offline"
    timings_s: dict[str, float] = field(default_factory=dict)
    quality: QualityReport | None = None
    plan_path: str | None = None  # the plan the run built (in its session), if it had one
    lang: str | None = None  # the document's language (--lang, or what auto found)
    outputs: list[dict[str, str]] = field(default_factory=list)  # every file written: format, path
    version: int | None = None  # the session's version this run wrote (session/versions.py)
    changes: dict[str, Any] | None = None  # what `--update` / `regenerate` changed
    generated: list[dict[str, Any]] = field(default_factory=list)  # title, model, tokens

    @property
    def exit_code(self) -> int:
        return {"complete": EXIT_OK, "paused": EXIT_PAUSED, "invalid": EXIT_INVALID}.get(
            self.status, EXIT_FAILED
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def drive(
    ctx: RunContext,
    manager: SessionManager,
    initial: dict[str, Any] | None,
    ask: AskFn | None,
    answers: dict[str, str] | None = None,
) -> RunResult:
    """Run (or resume) the graph to completion, a pause, or a failure."""
    from langgraph.types import Command

    from agentic_docgen.graph.build import build_graph
    from agentic_docgen.graph.saver import pruning_saver

    session = ctx.session
    conn = sqlite3.connect(str(session.state_db), check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")  # (as SqliteSaver.setup sets it)
    conn.execute("PRAGMA synchronous=NORMAL")  # see the module docstring
    try:
        graph = build_graph(pruning_saver(conn))
        payload: Any = _begin(session, initial) if initial is not None else None
        n_files = len(journal.read_inputs(session.dir))
        config = {
            "configurable": {"thread_id": session.id},
            "recursion_limit": 50 + 12 * max(1, n_files),
        }
        before: dict[str, float] = {}  # the node timings of the runs this one continues
        if initial is None:
            payload, before = _resuming(ctx, graph, config, answers)
        _started(ctx, graph, config, n_files, initial)
        while True:
            try:
                graph.invoke(payload, config, context=ctx, durability="sync")
            except Exception as exc:  # a bug or an environment failure: keep everything
                ctx.log.error("graph_crashed", error=f"{type(exc).__name__}: {exc}"[:500])
                return _crashed(ctx, exc)
            pending = _pending(graph, config)
            if not pending:
                break
            told = ask(pending) if ask is not None else None
            if told is None:  # no one to ask, or the user put the question off
                session.update_meta(status="paused", pending=pending)
                state = _this_run(graph.get_state(config).values, before)
                return _result(ctx, state, "paused", pending=pending)
            payload = Command(resume={"decisions": told})
        state = _this_run(graph.get_state(config).values, before)
    finally:
        conn.close()
        if ctx.linter:
            ctx.linter.close()
    if state.get("status") != "complete":
        session.update_meta(status="failed", finished=now_iso())
        return _result(ctx, state, "failed")
    if state.get("chapters_only"):  # (entry/rebuild.py puts them into the document)
        return _result(ctx, state, "complete")
    meta = session.read_meta()
    targets = meta.get("outputs") or [{"format": "docx", "path": meta["output"]}]
    others = [t["format"] for t in targets if t["format"] != "docx"]
    if others:
        ctx.emit(Stage("export"))
    try:
        written = write_outputs(session.dir, targets, ctx.settings.node, ctx.settings.converter_dir)
    except DocgenError as exc:  # (LibreOffice failed on the PDF…): nothing written, resumable
        ctx.log.error("export_failed", error=str(exc)[:500])
        session.update_meta(status="failed", finished=now_iso())
        failed = _result(ctx, state, "failed")
        from agentic_docgen.graph.nodes.recovery import ERROR_KINDS

        failed.errors.append({"code": "E010", "kind": ERROR_KINDS["E010"], "message": str(exc)})
        return failed
    out = targets[0]["path"]
    session.update_meta(status="complete", finished=now_iso())
    ctx.log.event("session_completed", output=out, outputs=written)
    archived = manager.archive(session)
    ctx.session = archived
    done = _result(ctx, state, "complete", output=out)
    done.outputs = written
    return done


def _this_run(values: dict[str, Any], before: dict[str, float]) -> dict[str, Any]:
    """The final state as this run reports it: the node timings its own (the state adds up
    those of every run of the session; a resumed run reports what it did, not what the run
    it continues did before it was stopped)."""
    if not before:  # (a run from the start)
        return values
    timings = {
        key: round(value - before.get(key, 0.0), 3)
        for key, value in (values.get("timings_s") or {}).items()
    }
    return {**values, "timings_s": {key: v for key, v in timings.items() if v > 0}}


def _begin(session: Session, initial: dict[str, Any]) -> dict[str, Any]:
    """The graph's first state, from the run's start as the entry point gives it: the input
    names and what is reported so far go to the session's files (session/journal.py); the
    state keeps their length."""
    from agentic_docgen.graph.build import REPORTED

    state = dict(initial)
    names = state.pop("input_files", [])
    journal.write_inputs(session.dir, names)
    report = journal.Report(session.dir)
    report.cut(0)
    state["report_size"] = report.add({key: state.pop(key) for key in REPORTED if key in state})
    state.pop("checkpoints", None)  # the state keeps the last one only (last_checkpoint)
    state.update(n_inputs=len(names), last_checkpoint=None)
    return state


def _started(
    ctx: RunContext, graph: Any, config: dict[str, Any], total: int, initial: dict[str, Any] | None
) -> None:
    """Tell the progress display the run begins (or resumes), and the warnings it starts
    with (files that are no chapter, the plan's exclusions)."""
    from agentic_docgen.core.events import RunStarted, WarningReported

    if ctx.progress is None:
        return
    done = 0 if initial is not None else graph.get_state(config).values.get("file_index", 0)
    model = ctx.settings.model or "offline"
    ctx.emit(RunStarted(ctx.session.id, total, done, initial is None, model))
    if initial is not None:
        for warning in journal.Report(ctx.session.dir).read()["warnings"]:
            ctx.emit(WarningReported(warning))


def _resuming(
    ctx: RunContext, graph: Any, config: dict[str, Any], answers: dict[str, str] | None
) -> tuple[Any, dict[str, float]]:
    """A resumed run's first input to the graph (a paused run gets the answers: strings,
    see human_input) and the node timings of the runs it continues."""
    from langgraph.types import Command

    values = _check_resumable(graph, config, ctx.session.id)
    pending = _pending(graph, config)
    if not pending:  # (a pause for references scans them again)
        _read_ahead(ctx, values)
    payload: Any = Command(resume={"decisions": answers or {}}) if pending else None
    return payload, dict(values.get("timings_s") or {})


def _check_resumable(graph: Any, config: dict[str, Any], session_id: str) -> dict[str, Any]:
    """The state a resumed run starts from. A session paused by a docgen older than
    session/journal.py kept its lists in the state: it cannot be resumed (its folder is
    converted again instead)."""
    values: dict[str, Any] = graph.get_state(config).values
    if values and "n_inputs" not in values:
        raise InputError(
            "this session was made by an older docgen and cannot be resumed:"
            " convert the folder again",
            path=session_id,
        )
    return values


def _read_ahead(ctx: RunContext, values: dict[str, Any]) -> None:
    """A run resumed after its references were scanned (killed half way through the
    chapters): the inputs not yet written are read as the scan read them, once each
    (nodes/references.read_again), so that a chapter costs what it costs in a run that was
    never stopped. The written ones are not read again."""
    from agentic_docgen.graph.nodes.references import read_again

    done, count = values.get("file_index", 0), values.get("n_inputs", 0)
    if not values.get("assets_scan") or done >= count:
        return
    t0 = time.perf_counter()
    names = journal.read_inputs(ctx.session.dir, count)[done:]
    read = read_again(ctx.session.inputs, names)
    took = round(time.perf_counter() - t0, 3)
    ctx.log.event("inputs_read_again", files=read, done=done, duration_s=took)


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
    from agentic_docgen.graph.nodes.agent import add_usage

    meta = ctx.session.read_meta()
    usage = state.get("llm_usage") or {}
    report = journal.Report(ctx.session.dir).read(state.get("report_size"))
    by_file: dict[str, dict[str, Any]] = {}
    zero = {"input": 0, "output": 0, "cost_usd": 0.0}
    for call in report["usage"]:
        by_file[call["file"]] = add_usage(by_file.get(call["file"], zero), call)
    warnings = list(dict.fromkeys(report["warnings"]))
    if warnings:  # the full list (the terminal shows it summarised: entry/messages.py)
        ctx.log.event("run_warnings", count=len(warnings), warnings=warnings)
    return RunResult(
        status=status,
        output_path=output,
        session_id=ctx.session.id,
        session_dir=str(ctx.session.dir),
        inputs=meta.get("inputs", []),
        skipped=meta.get("skipped", []),
        warnings=warnings,
        errors=report["errors"],
        pending=pending or [],
        tokens={"input": usage.get("input", 0), "output": usage.get("output", 0)},
        cost_usd=usage.get("cost_usd", 0.0),
        tokens_by_file=by_file,
        llm_calls=usage.get("calls", 0),
        fixes=list(dict.fromkeys(report["fixes"])),
        timings_s=dict(state.get("timings_s", {})),
        quality=state.get("quality"),
        model=ctx.settings.model,
        generated=[
            {k: g.get(k) for k in ("title", "model", "tokens")} for g in report["generated"]
        ],
    )


def _crashed(ctx: RunContext, exc: Exception) -> RunResult:
    from agentic_docgen.graph.nodes.recovery import keep_failure

    session = ctx.session
    from agentic_docgen.graph.state import StateError

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
    keep_failure(session, [error], 0)
    session.update_meta(status="failed", finished=now_iso())
    return RunResult(
        status="failed",
        session_id=session.id,
        session_dir=str(session.dir),
        inputs=session.read_meta().get("inputs", []),
        errors=[error],
    )
