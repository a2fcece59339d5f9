"""`docgen batch`: one document per subfolder (or per manifest line), in one process pool or
on Ray. Registered on the app by cli.py; the logic is batch.py's (and batch_state.py's,
batch_ray.py's). stdout carries one JSON line per folder, then the counts; stderr the
progress."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from typer.core import TyperCommand

from agentic_docgen.core.errors import DocgenError, InputError
from agentic_docgen.entry.params import Force, Model, OnMissing


class BatchCommand(TyperCommand):
    """`--ray` alone (last, or before another option) means a local Ray instance: typer's
    options always take a value, so `local` is put in for it."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        args = list(args)
        for i, arg in enumerate(args):
            if arg == "--":
                break
            if arg == "--ray" and (i + 1 == len(args) or args[i + 1].startswith("-")):
                args.insert(i + 1, "local")
                break
        return super().parse_args(ctx, args)


class _Display:
    """The progress over the folders on stderr: a rich bar on a terminal, else one plain
    line per folder."""

    def __init__(self, total: int) -> None:
        from agentic_docgen.entry.cli import err

        self.err, self.total, self.done = err, total, 0
        self.bar: Any = None
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(
                TextColumn("batch"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[last]}"),
                console=err,
                transient=False,
            )
            self.task = self.bar.add_task("batch", total=total, last="")
            self.bar.start()

    def update(self, line: dict[str, Any]) -> None:
        self.done += 1
        name = Path(line["input"]).name
        text = f"{line['status']} {name}"
        if line["status"] == "paused":
            text += f" (session {line.get('session_id')})"
        elif line["status"] in ("failed", "invalid") and line.get("errors"):
            text += f": {line['errors'][-1].get('message', '')}"[:200]
        if self.bar is not None:
            self.bar.update(self.task, advance=1, last=text[:60])
            self.bar.console.print(text, markup=False, highlight=False)
        else:
            self.err.print(f"[{self.done}/{self.total}] {text}", markup=False)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def batch_command(
    parent: Annotated[
        Path | None,
        typer.Argument(metavar="PARENT_DIR", help="Each subfolder becomes one document."),
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option(help="JSON lines, one document each: input, output, options."),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("-o", "--out-dir", help="Where the .docx files go [PARENT_DIR itself]."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Parallel conversions [the number of CPUs].", min=1)
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Skip folders already converted; retry the others."),
    ] = False,
    answer: Annotated[
        str | None,
        typer.Option(help="skip | fail: with --resume, resume paused folders so."),
    ] = None,
    ray: Annotated[
        str | None,
        typer.Option(
            "--ray",
            metavar="[ADDRESS]",
            help="Run on Ray: alone a local instance, 'auto' the local head, or an address.",
        ),
    ] = None,
    model: Model = None,
    on_missing: OnMissing = "ask",
    sessions_dir: Annotated[
        Path | None,
        typer.Option(
            help="Where sessions live [DOCGEN_HOME/sessions; --ray: OUT_DIR/.docgen-sessions]."
        ),
    ] = None,
    force: Force = False,
) -> None:
    """Convert each subfolder of PARENT_DIR (or each line of --manifest) into its own
    document, in parallel: one JSON line per folder on stdout, then the counts."""
    from agentic_docgen.entry.cli import _fail

    started = time.perf_counter()
    try:
        if (parent is None) == (manifest is None):
            raise InputError("give PARENT_DIR or --manifest FILE (one of them)", path="batch")
        if answer not in (None, "skip", "fail"):
            raise InputError("must be skip or fail", path="--answer")
        out, wires = _jobs(parent, manifest, out_dir, ray is not None, sessions_dir)
        common = _common(model, on_missing, sessions_dir, force)
        if ray is not None and sessions_dir is None:  # on a path every node sees
            common["sessions_dir"] = str(out / ".docgen-sessions")
        for w in wires:
            w["options"] = {**common, **w["options"]}
        run = _runner(ray, workers)  # (Ray installed? checked before anything runs)
    except DocgenError as exc:
        _fail(exc, False)
    answers = {"*": "abort" if answer == "fail" else "skip"} if answer else None
    code = _run(out, wires, run, resume, answers, started)
    raise typer.Exit(code)


def _jobs(
    parent: Path | None,
    manifest: Path | None,
    out_dir: Path | None,
    on_ray: bool,
    sessions_dir: Path | None,
) -> tuple[Path, list[dict[str, Any]]]:
    """OUT_DIR (default: PARENT_DIR itself, or the manifest's folder) and the jobs."""
    from agentic_docgen.entry import batch

    given = out_dir or (parent if parent is not None else cast(Path, manifest).parent)
    out = given.resolve()
    if not out.is_dir():
        raise InputError("the output folder does not exist", path=str(out))
    if manifest is not None:
        return out, batch.manifest_jobs(manifest, out)
    shared = [out / ".docgen-sessions"] if on_ray else []
    skip = [out, *shared, *([sessions_dir] if sessions_dir else [])]
    return out, batch.subfolder_jobs(cast(Path, parent), out, skip=skip)


def _runner(ray: str | None, workers: int | None) -> Any:
    """run(jobs, emit): on Ray, or in the process pool."""
    from agentic_docgen.entry import batch

    if ray is not None:
        from agentic_docgen.entry.batch_ray import ray_runner

        return ray_runner(ray, workers)
    n = workers or batch.default_workers()
    return lambda todo, emit: batch.run_pool(todo, n, emit)


def _run(
    out: Path,
    wires: list[dict[str, Any]],
    run: Any,
    resume: bool,
    answers: dict[str, str] | None,
    started: float,
) -> int:
    """Run the jobs (with --resume, those left), print one line each, then the counts;
    returns the batch's exit code."""
    from agentic_docgen.entry import batch
    from agentic_docgen.entry.batch_state import BatchState

    state = BatchState(out)
    todo, again = state.plan_resume(wires, answers) if resume else (wires, [])
    lines: list[dict[str, Any]] = []
    display = _Display(len(wires))

    def emit(line: dict[str, Any]) -> None:
        state.record(line)
        line.pop("input_hash", None)
        lines.append(line)
        typer.echo(json.dumps(line, ensure_ascii=False, default=str))
        display.update(line)

    try:
        for line in again:
            emit(line)
        if todo:
            run(todo, emit)
    finally:
        display.stop()
    summary = batch.counts(lines, started)
    typer.echo(json.dumps(summary))
    return int(summary["exit_code"])


def _common(
    model: str | None, on_missing: str, sessions_dir: Path | None, force: bool
) -> dict[str, Any]:
    """The options every folder gets (a manifest line's own beat them), checked once."""
    from agentic_docgen.entry.options import ConvertOptions

    ConvertOptions(".", on_missing=on_missing)  # type: ignore[arg-type]  # the value checked
    common: dict[str, Any] = {"on_missing": on_missing, "force": force}
    if model:
        common["model"] = model
    if sessions_dir is not None:
        common["sessions_dir"] = str(sessions_dir.resolve())
    return common
