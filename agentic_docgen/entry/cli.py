"""`docgen`: a thin typer layer over the library. Parses options, prints, maps exit codes.

Progress and messages go to stderr; with --json, stdout carries exactly one JSON object.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from agentic_docgen.core.errors import DocgenError, InputError
from agentic_docgen.entry.convert_cli import convert_command
from agentic_docgen.entry.messages import by_target, choice, pending_lines, question, summarise
from agentic_docgen.entry.params import (
    ApiBase,
    Json,
    JsonOut,
    Model,
    Progress,
    SessionsDir,
)

app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,  # plain click help: typer's rich help imports and renders for ~0.15 s
    no_args_is_help=True,
    help="Turn a folder of .txt, .log and .md files into one structured .docx.",
)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
app.command("convert")(convert_command)  # (here: --help lists the commands in this order)


def _fail(exc: DocgenError, as_json: bool, shown: Any = None) -> None:
    if shown is not None and shown.jsonl:  # (--progress jsonl: stderr carries events only)
        shown.invalid(exc)
    else:
        err.print(f"[bold red]docgen: error:[/] {escape(str(exc))}", markup=True)
    if as_json:
        typer.echo(json.dumps({"status": "invalid", "errors": [{"message": str(exc)}]}))
    raise typer.Exit(exc.exit_code)


def _report(result: Any, as_json: bool, shown: Any = None) -> None:
    if shown is not None:
        shown.close()
    if shown is None or not shown.jsonl:  # (jsonl: the summary was the run_completed event)
        _summary(result)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    raise typer.Exit(result.exit_code)


def _summary(result: Any) -> None:
    for w in summarise(result.warnings):
        err.print(f"[yellow]warning:[/] {escape(w)}", markup=True)
    for f in summarise(result.fixes):
        err.print(f"[green]fixed:[/] {escape(f)}", markup=True)
    if result.changes:  # convert --update, regenerate: the version and what changed
        err.print(f"version {result.version}: {escape(result.changes['summary'])}")
    if result.status == "complete":
        for path in [o["path"] for o in result.outputs] or [result.output_path]:
            err.print(f"[green]Wrote[/] {escape(str(path))}", markup=True)
    elif result.status == "paused" and any(p.get("kind") == "review" for p in result.pending):
        from agentic_docgen.entry.review import paused_lines

        for line in paused_lines(result.session_id, result.pending):
            err.print(line, markup=True)
    elif result.status == "paused":
        err.print(
            f"[yellow]Paused:[/] session {result.session_id} waits for a decision:", markup=True
        )
        for line in pending_lines(result.pending):
            err.print(line)
        err.print(
            f"Continue with: docgen resume {result.session_id} --answer skip"
            " (or --provide REF=PATH)"
        )
    else:
        for e in result.errors[-3:]:
            err.print(
                f"[bold red]docgen: error:[/] {e.get('code', '')} {escape(e.get('message', ''))}",
                markup=True,
            )
        err.print(
            f"Conversion failed; the session is kept in {result.session_dir}"
            " (FAILED_conversion.md, ERROR_REPORT.md)"
        )


def _terminal_ask(pending: list[dict[str, Any]]) -> dict[str, str] | None:
    """One question per missing file, whatever the number of references to it (or the
    plan's review: entry/review.py)."""
    from rich.prompt import Prompt

    if any(p.get("kind") == "review" for p in pending):
        from agentic_docgen.entry.review import ask_review

        return ask_review(err, pending)
    answers: dict[str, str] = {}
    for refs in by_target(pending):
        err.print(f"[yellow]Missing[/] {escape(question(refs))}", markup=True)
        while (answer := choice(Prompt.ask(_QUESTION, default="s", console=err))) is None:
            err.print("  answer provide, skip, all or abort (or p, s, a, b)")
        if answer == "all":
            answers["*"] = "skip"
            break
        if answer == "abort":
            answers[refs[0]["key"]] = "abort"
            break
        decision = "skip"
        if answer == "provide":
            path = Prompt.ask("  path to the file", console=err)
            decision = f"provide:{Path(path).expanduser().resolve()}"
        answers.update({r["key"]: decision for r in refs})
    return answers


_QUESTION = escape("  [p]rovide a path, [s]kip, skip [a]ll, a[b]ort")


def _display(mode: str, as_json: bool) -> Any:
    """The run's progress on stderr, with or without --json (stdout carries only the JSON):
    entry/progress.py."""
    from agentic_docgen.entry.progress import display

    try:
        return display(mode, err)
    except DocgenError as exc:
        _fail(exc, as_json)


@app.command()
def resume(
    session_id: Annotated[str, typer.Argument(help="The session id printed by a paused run.")],
    answer: Annotated[
        str | None,
        typer.Option(
            help="skip | fail: the answer for every pending reference; build | abort: for"
            " the plan's review."
        ),
    ] = None,
    provide: Annotated[
        list[str] | None,
        typer.Option(help="REF=PATH: the file to use for a missing reference (repeatable)."),
    ] = None,
    plan: Annotated[
        Path | None, typer.Option("--plan", help="A paused review: build this plan file.")
    ] = None,
    progress: Progress = "auto",
    sessions_dir: SessionsDir = None,
    as_json: Json = False,
) -> None:
    """Continue a paused or interrupted session (Ctrl-C, kill -9) from its last checkpoint."""
    from agentic_docgen.entry.convert_cli import _prestart

    _prestart()  # Node's start-up while Python imports, as convert does (issue 24)
    from agentic_docgen.entry.api import resume_session
    from agentic_docgen.entry.review import resume_answers

    shown = _display(progress, as_json)
    try:
        answers = resume_answers(answer, provide or [], plan)
        result = resume_session(
            session_id,
            answers=answers,
            sessions_dir=sessions_dir,
            ask=shown.asking(_terminal_ask) if sys.stdin.isatty() and not answers else None,
            progress=shown,
        )
    except DocgenError as exc:
        shown.close()
        _fail(exc, as_json, shown)
    _report(result, as_json, shown)


sessions_app = typer.Typer(
    no_args_is_help=True, rich_markup_mode=None, help="List, show and clean sessions."
)
app.add_typer(sessions_app, name="sessions")


@sessions_app.command("list")
def sessions_list(
    sessions_dir: SessionsDir = None,
    as_json: JsonOut = False,
) -> None:
    """Every session: id, status, input folder, started, output."""
    from rich.table import Table

    from agentic_docgen.core.settings import Settings
    from agentic_docgen.session.admin import all_sessions

    rows = all_sessions(Settings.resolve(sessions_dir=sessions_dir))
    if as_json:
        typer.echo(json.dumps(rows))
        return
    table = Table(box=None)
    table.add_column("id", no_wrap=True, min_width=36)
    table.add_column("status", no_wrap=True)
    for name in ("input folder", "started", "output"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(
            r["id"], r["status"], str(r["input_dir"]), str(r["started"]), str(r["output"] or "")
        )
    Console(highlight=False, markup=False).print(table)


@sessions_app.command("show")
def sessions_show(
    session_id: Annotated[str, typer.Argument()],
    sessions_dir: SessionsDir = None,
    as_json: JsonOut = False,
) -> None:
    """State, pending questions and the log tail of one session."""
    from agentic_docgen.core.settings import Settings
    from agentic_docgen.session.admin import show
    from agentic_docgen.session.folder import SessionManager

    try:
        session = SessionManager(Settings.resolve(sessions_dir=sessions_dir)).find(session_id)
    except DocgenError as exc:
        _fail(exc, as_json)
    info = show(session)
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False))
        return
    out = Console(highlight=False, markup=False)
    for key in ("id", "status", "input_dir", "output", "started", "finished", "model", "dir"):
        out.print(f"{key:>10}: {info.get(key)}")
    for p in info.get("pending") or []:
        what = "waits for its review:" if p["kind"] == "review" else f"missing {p['kind']}"
        out.print(f"   pending: {p['file']}:{p['line']}: {what} {p['ref']}")
    for v in info.get("versions") or []:
        what = v.get("summary") or v.get("reason") or ""
        out.print(f"   version: v{v.get('version')} {v.get('time')} {v.get('command')}: {what}")
    out.print("  log tail:")
    for line in info["log_tail"]:
        out.print(f"    {line}")


@sessions_app.command("clean")
def sessions_clean(
    days: Annotated[float, typer.Option(help="Only sessions older than this many days.")] = 30,
    failed: Annotated[bool, typer.Option("--failed", help="Also failed ones.")] = False,
    paused: Annotated[bool, typer.Option("--paused", help="Also paused/interrupted ones.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    sessions_dir: SessionsDir = None,
) -> None:
    """Delete completed sessions older than --days (never a failed or paused one unless
    asked)."""
    from agentic_docgen.core.settings import Settings
    from agentic_docgen.session.admin import clean

    statuses = {"complete"}
    if failed:
        statuses.add("failed")
    if paused:
        statuses |= {"paused", "interrupted"}
    removed = clean(Settings.resolve(sessions_dir=sessions_dir), days, statuses, dry_run)
    verb = "would delete" if dry_run else "deleted"
    for r in removed:
        err.print(f"{verb} {r['id']} ({r['status']}, {r['started']})")
    err.print(f"{len(removed)} session(s) {verb}")


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help="A .docx file.")],
    session: Annotated[
        str | None,
        typer.Option(help="The session that produced it: adds the fidelity receipt."),
    ] = None,
    sessions_dir: SessionsDir = None,
    as_json: JsonOut = False,
) -> None:
    """Check a .docx: heading levels, images, code fonts, tables (and, with --session, that
    every verbatim source line is in it, in order)."""
    from agentic_docgen.checks.quality import check_docx
    from agentic_docgen.core.settings import Settings
    from agentic_docgen.session.folder import SessionManager

    if not file.is_file():
        _fail(InputError("no such file", path=str(file)), as_json)
    session_dir = None
    if session:
        try:
            found = SessionManager(Settings.resolve(sessions_dir=sessions_dir)).find(session)
        except DocgenError as exc:
            _fail(exc, as_json)
        session_dir = found.dir
    report = check_docx(file, session_dir)
    if as_json:
        typer.echo(json.dumps(report))
    else:
        for f in report["findings"]:
            err.print(f"{f['severity']}: {f['check']}: {f['message']}")
        err.print(f"score {report['score']}/100, {report['stats']}")
        if "fidelity" in report:
            r = report["fidelity"]
            err.print(
                f"fidelity: {r['found']}/{r['checked_lines']} verbatim lines found in"
                f" order ({r['score']}%)"
            )
    raise typer.Exit(0 if report["pass"] else 1)


@app.command()
def doctor(
    model: Model = None,
    api_base: ApiBase = None,
) -> None:
    """Check node (20+), that the converter and markdownlint run (a one-paragraph document, one
    line), and whether the configured model answers. Exit 0 if all is well, 1 if not."""
    from agentic_docgen.core.settings import Settings
    from agentic_docgen.entry.doctor import node_checks

    settings = Settings.resolve(model=model, api_base=api_base)
    ok = node_checks(settings, lambda good, text: _check(good, text, "failed"))
    _check(True, f"sessions: {settings.sessions_dir}")
    if settings.model == "offline":
        _check(True, "model: offline (no LLM; set --model or DOCGEN_MODEL to use one)")
    else:
        from agentic_docgen.graph.policy.model import ping

        where = f" at {settings.api_base}" if settings.api_base else ""
        try:
            answer = ping(settings.model, settings.api_base)
            ok &= _check(True, f"model: {settings.model}{where} answers ({answer!r})")
        except Exception as exc:
            ok &= _check(
                False,
                f"model: {settings.model}{where} does not answer: "
                f"{type(exc).__name__}: {str(exc)[:200]}",
            )
    raise typer.Exit(0 if ok else 1)


def _check(good: bool, text: str, bad: str = "missing") -> bool:
    err.print(f"{'[green]ok[/]' if good else f'[red]{bad}[/]'}  {escape(text)}", markup=True)
    return good


from agentic_docgen.entry.plan_cli import plan_command  # noqa: E402

app.command("plan")(plan_command)
from agentic_docgen.entry.refine_cli import register  # noqa: E402

register(app)

from agentic_docgen.entry.batch_cli import BatchCommand, batch_command  # noqa: E402

app.command("batch", cls=BatchCommand)(batch_command)


def main() -> None:
    app()
