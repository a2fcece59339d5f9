"""`docgen batch`: many folders, one document each, in one long-lived process pool.

A batch is a list of jobs (one per subfolder of PARENT_DIR, or one per manifest line), each a
plain dict (`wire`) that crosses a process boundary: `run_job(wire)` converts one folder with
the library API (`api.convert`) and returns its result line (the `convert --json` summary
plus `input` and `exit_code`). The pool's workers are forked from a forkserver that imported
the heavy stack (LangGraph, the graph, the checks) once, so start-up is paid once per batch,
not once per folder. A folder that fails is one failed line; a worker that dies takes down
its pool (BrokenProcessPool): the pool is recreated and the folders it held are retried one
at a time, so only the one that kills its worker is marked failed.

The state file (`batch_state.py`) remembers each folder's outcome for `--resume`; Ray
(`batch_ray.py`) runs the same `run_job` as Ray tasks. Printing is batch_cli.py's.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from agentic_docgen.core.errors import EXIT_FAILED, EXIT_INVALID, DocgenError, InputError

Wire = dict[str, Any]  # one job: input, output, options (ConvertOptions fields) [, resume]
Line = dict[str, Any]  # one result line (what run_job returns)
Emit = Callable[[Line], None]

# what a worker imports before its first folder (the forkserver imports it once for all)
WARM_MODULES = (
    "agentic_docgen.entry.api",
    "agentic_docgen.graph.build",
    "agentic_docgen.graph.saver",
    "agentic_docgen.checks.quality",
    "agentic_docgen.blocks.document",
)
# the manifest keys that are not ConvertOptions fields
_MANIFEST_KEYS = {"input", "output"}
_NOT_PER_LINE = {"input_dir", "more_inputs", "output"}


def subfolder_jobs(parent: Path, out_dir: Path, skip: Iterable[Path] = ()) -> list[Wire]:
    """One job per visible subfolder of `parent`, in natural order (files directly in it,
    hidden folders and the folders in `skip`, such as OUT_DIR, are not jobs)."""
    from natsort import natsorted, ns

    if not parent.is_dir():
        raise InputError("not a folder", path=str(parent))
    skipped = {p.resolve() for p in skip}
    folders = [
        p.resolve()
        for p in parent.iterdir()
        if p.is_dir() and not p.name.startswith(".") and p.resolve() not in skipped
    ]
    if not folders:
        raise InputError("no subfolder to convert", path=str(parent))
    return [
        {"input": str(p), "output": str(out_dir / f"{p.name}.docx"), "options": {}}
        for p in natsorted(folders, key=lambda p: p.name, alg=ns.PATH | ns.IGNORECASE)
    ]


def manifest_jobs(manifest: Path, out_dir: Path) -> list[Wire]:
    """One job per line of a JSON-lines manifest: `{"input": "a/", "output": "a.docx",
    "title": "…", "plan": "a.yaml", "model": "…"}` (any `docgen convert` option, named as
    the fields of ConvertOptions; relative paths are relative to the manifest's folder, a
    relative output to OUT_DIR). Blank lines and lines starting with # are skipped. A bad
    line stops the batch before anything runs (exit 2, FILE:LINE)."""
    from agentic_docgen.entry.options import ConvertOptions

    try:
        text = manifest.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the manifest: {exc}", path=str(manifest)) from None
    base, fields = manifest.resolve().parent, set(ConvertOptions.__dataclass_fields__)
    jobs: list[Wire] = []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        where = f"{manifest}:{n}"
        try:
            item = json.loads(raw)
        except ValueError as exc:
            raise InputError(f"not valid JSON: {exc}", path=where) from None
        if not isinstance(item, dict) or not isinstance(item.get("input"), str | list):
            raise InputError('a line must be an object with "input"', path=where)
        unknown = set(item) - _MANIFEST_KEYS - (fields - _NOT_PER_LINE)
        if unknown:
            raise InputError(f"unknown option(s): {', '.join(sorted(unknown))}", path=where)
        inputs = item["input"] if isinstance(item["input"], list) else [item["input"]]
        paths = [str((base / Path(p).expanduser()).resolve()) for p in inputs]
        name = Path(paths[0]).stem if Path(paths[0]).is_file() else Path(paths[0]).name
        output = out_dir / Path(item.get("output") or f"{name}.docx").expanduser()
        options = {k: v for k, v in item.items() if k not in _MANIFEST_KEYS}
        for key in ("plan", "style"):  # paths in the manifest: relative to its folder
            if options.get(key):
                options[key] = str((base / Path(options[key]).expanduser()).resolve())
        try:
            ConvertOptions(paths, output, **options)  # the values checked now, by line
        except (DocgenError, TypeError) as exc:
            raise InputError(str(exc), path=where) from None
        jobs.append({"input": paths[0], "inputs": paths, "output": str(output.resolve())})
        jobs[-1]["options"] = options
    if not jobs:
        raise InputError("the manifest names no folder", path=str(manifest))
    outputs = [j["output"] for j in jobs]
    twice = sorted({o for o in outputs if outputs.count(o) > 1})
    if twice:
        raise InputError("two lines write the same output file", path=twice[0])
    return jobs


def run_job(wire: Wire) -> Line:
    """Convert one folder (or resume its paused session) and return its result line; never
    raises (a bug in one folder is that folder's failure)."""
    from agentic_docgen.entry import api
    from agentic_docgen.entry.batch_state import input_hash
    from agentic_docgen.entry.options import ConvertOptions

    digest = input_hash(wire)
    try:
        resume = wire.get("resume")
        if resume:
            result = api.resume_session(
                resume["session_id"],
                answers=resume["answers"],
                sessions_dir=wire["options"].get("sessions_dir"),
            )
        else:
            options = ConvertOptions(
                wire.get("inputs") or wire["input"], Path(wire["output"]), **wire["options"]
            )
            result = api.convert(options)
        line = {"input": wire["input"], "output": wire["output"], **result.to_dict()}
        line["exit_code"] = result.exit_code
    except DocgenError as exc:
        line = failure(wire, str(exc), exc.exit_code)
    except Exception as exc:  # a bug or the environment: this folder fails, not the batch
        line = failure(wire, f"{type(exc).__name__}: {exc}"[:500], EXIT_FAILED)
    line["input_hash"] = digest
    return line


def failure(wire: Wire, message: str, code: int) -> Line:
    """The line of a folder that failed before (or outside) its run."""
    status = "invalid" if code == EXIT_INVALID else "failed"
    return {"input": wire["input"], "output": wire["output"], "status": status} | {
        "errors": [{"message": message}],
        "output_path": None,
        "exit_code": code,
    }


def warm(env: dict[str, str] | None = None) -> None:
    """A worker's initializer: the batch's DOCGEN_* environment (a forkserver keeps the one
    it started with), then the heavy imports, once per worker."""
    import importlib

    if env is not None:
        for key in [k for k in os.environ if k.startswith("DOCGEN_")]:
            del os.environ[key]
        os.environ.update(env)
    for name in WARM_MODULES:  # a failing import is the folder's failure, told by run_job
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def docgen_env() -> dict[str, str]:
    """The DOCGEN_* variables the workers must see."""
    return {k: v for k, v in os.environ.items() if k.startswith("DOCGEN_")}


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def run_pool(wires: list[Wire], workers: int, emit: Emit, fn: Callable = run_job) -> None:
    """Run every job in a pool of `workers` processes, emitting each line as it finishes.
    The jobs a broken pool held are retried one at a time in a fresh pool: the one that
    breaks it again is failed."""
    suspects = _round(wires, workers, emit, fn)
    for wire in suspects:
        for lost in _round([wire], 1, emit, fn):
            emit(failure(lost, "the worker process died while converting this folder", 1))


def _round(wires: list[Wire], workers: int, emit: Emit, fn: Callable) -> list[Wire]:
    """One pool over `wires`; returns the jobs lost to a broken pool."""
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(list(WARM_MODULES))
    lost: list[Wire] = []
    pool = ProcessPoolExecutor(
        max_workers=max(1, min(workers, len(wires))),
        mp_context=context,
        initializer=warm,
        initargs=(docgen_env(),),
    )
    try:
        futures: dict[Future[Line], Wire] = {pool.submit(fn, w): w for w in wires}
        for future in as_completed(futures):
            try:
                emit(future.result())
            except BrokenProcessPool:
                lost.append(futures[future])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return lost


def worst(codes: Iterable[int]) -> int:
    """The batch's exit code: the highest of its folders' (3 when any paused)."""
    return max(codes, default=0)


def counts(lines: list[Line], started: float) -> Line:
    """The final line: how many folders ended how, and the batch's exit code."""
    total: dict[str, int] = {}
    for line in lines:
        total[line["status"]] = total.get(line["status"], 0) + 1
    return {
        "batch": True,
        "folders": len(lines),
        **{k: total.get(k, 0) for k in ("complete", "skipped", "paused", "failed", "invalid")},
        "exit_code": worst(line["exit_code"] for line in lines),
        "elapsed_s": round(time.perf_counter() - started, 3),
    }
